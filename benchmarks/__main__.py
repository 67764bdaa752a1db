"""Run the benchmarks: discovers ``benchmarks/bench_*.py`` and calls ``run()`` on each.

    python -m benchmarks            # all
    python -m benchmarks smaa costs # some

Prints a table per benchmark and, at the end, one JSON object with every result.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import platform
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent


def discover() -> list[str]:
    return sorted(m.name[len("bench_"):] for m in pkgutil.iter_modules([str(HERE)]) if m.name.startswith("bench_"))


def _fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _status(row: dict) -> str:
    median, goal = row.get("median_s"), row.get("goal_s")
    if isinstance(median, (int, float)) and isinstance(goal, (int, float)):
        return "gehaald" if median <= goal else "NIET gehaald"
    return ""


def print_result(result: dict) -> None:
    print(f"\n== {result.get('name')} ==")
    if result.get("problem"):
        print(f"probleem: {result['problem']}")
    header = ("meting", "mediaan (s)", "min (s)", "doel (s)", "status")
    rows = [("totaal", result.get("median_s"), result.get("min_s"), result.get("goal_s"), _status(result))]
    for case in result.get("cases", []):
        rows.append((case.get("case"), case.get("median_s"), case.get("min_s"), case.get("goal_s"), _status(case)))
    widths = [max(len(_fmt(r[i]) if r[i] is not None else "–") for r in [header, *rows]) for i in range(len(header))]
    for r in [header, *rows]:
        print("  ".join((_fmt(v) if v is not None else "–").ljust(w) for v, w in zip(r, widths, strict=True)))
    for key, value in result.items():
        if key in ("name", "problem", "median_s", "min_s", "goal_s", "cases"):
            continue
        if isinstance(value, list) and value and isinstance(value[0], dict):
            print(f"{key}:")
            for item in value:
                print("  - " + ", ".join(f"{k}={_fmt(v)}" for k, v in item.items()))
        else:
            print(f"{key}: {_fmt(value)}")


def main(argv: list[str]) -> int:
    names = argv or discover()
    unknown = [n for n in names if n not in discover()]
    if unknown:
        print(f"Onbekende benchmark(s): {', '.join(unknown)}; beschikbaar: {', '.join(discover())}", file=sys.stderr)
        return 2
    machine = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_average_1min": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    print(f"machine: {machine}")
    results, failed = [], False
    for name in names:
        try:
            module = importlib.import_module(f"benchmarks.bench_{name}")
            result = module.run()
        except Exception:  # report and go on with the other benchmarks
            traceback.print_exc()
            result = {"name": name, "error": "benchmark mislukt (zie melding hierboven)"}
            failed = True
        results.append(result)
        print_result(result)
    if hasattr(os, "getloadavg"):
        machine["load_average_1min_end"] = round(os.getloadavg()[0], 2)
    print("\nJSON:")
    print(json.dumps({"machine": machine, "benchmarks": results}, ensure_ascii=False))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
