"""`regiokompas analyse PROBLEM.json [--samples N] [--seed S] [--json]` (no Django needed)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from regiokompas import formatting
from regiokompas.cli import CommandError, positive_int


def add_commands(sub: Any) -> None:
    p = sub.add_parser("analyse", help="reken een beslisprobleem door (SMAA-2) en toon de uitkomsten")
    p.add_argument("problem", metavar="PROBLEEM.json", help="probleem in formaat regiokompas.problem/1 ('-' = standaardinvoer)")
    p.add_argument("--samples", type=positive_int, default=10000, metavar="N", help="aantal trekkingen (standaard 10000)")
    p.add_argument("--seed", type=positive_int, default=0, metavar="S", help="zaadgetal voor herhaalbare uitkomsten (standaard 0)")
    p.add_argument("--json", action="store_true", help="druk het volledige resultaat af als één JSON-object")
    p.add_argument("--sampler", choices=["exact", "rejection", "hit_and_run"], help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_analyse)


def _load(path: str) -> dict:
    from regiokompas.conf import limits

    max_bytes = limits.limit("REGIOKOMPAS_MAX_JSON_BYTES")
    try:
        if path == "-":
            data = sys.stdin.buffer.read(max_bytes + 1)
        else:
            file = Path(path)
            if file.is_dir():
                raise CommandError(f"'{path}' is een map, geen bestand")
            with file.open("rb") as fh:
                data = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise CommandError(f"bestand '{path}' bestaat niet") from None
    except OSError as exc:
        raise CommandError(f"bestand '{path}' kan niet worden gelezen ({exc.__class__.__name__})") from None
    try:
        problem = limits.loads(data, what=f"'{path}'")
    except limits.JSONLimitError as exc:
        raise CommandError(str(exc)) from None
    if not isinstance(problem, dict):
        raise CommandError(f"'{path}' is geen probleem: verwacht een JSON-object met \"schema\": \"regiokompas.problem/1\"")
    return problem


def cmd_analyse(args: argparse.Namespace) -> int:
    from regiokompas.engine import ProblemError, analyse

    problem = _load(args.problem)
    try:
        result = analyse(problem, samples=args.samples, seed=args.seed, sampler=args.sampler)
    except ProblemError as exc:
        print("Fout: het probleem kan niet worden doorgerekend.", file=sys.stderr)
        for e in exc.errors:
            print(f"  - {e['message']} [{e['key']}]", file=sys.stderr)
        return 2
    if args.json:
        json.dump(result, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(summary(problem, result))
    return 0


def summary(problem: dict, result: dict) -> str:
    names = {a["id"]: a.get("name", a["id"]) for a in problem["alternatives"]}
    count = formatting.number(result["samples"])
    lines = [f"Analyse met {count} trekkingen, zaadgetal {result['seed']}, rekenkern {result['engine_version']}", ""]
    for warning in result.get("warnings", []):
        lines.append(f"Let op: {warning['message']}")
    if result.get("warnings"):
        lines.append("")
    blocks = [(b.get("name", sid), b) for sid, b in result["stakeholders"].items()]
    if len(blocks) > 1:
        blocks.append((result["pooled"]["name"], result["pooled"]))
    for name, b in blocks:
        ra = b["rank_acceptability"]
        se = b["rank_acceptability_se"]
        order = sorted(ra, key=lambda a: -ra[a][0])
        lines.append(f"{name} (steekproef: {b['sampler'].get('method')})")
        lines.append(f"  {'alternatief':<30} {'kans eerste plaats':>20} {'holistisch':>11} {'betrouwbaarheid':>16}")
        for a in order:
            first = f"{formatting.percent(ra[a][0], 1)} ± {formatting.percent(1.96 * (se[a][0] or 0), 1)}"
            lines.append(f"  {names[a][:30]:<30} {first:>20} {formatting.percent(b['holistic_acceptability'][a], 1):>11} "
                         f"{formatting.percent(b['confidence_factors'][a], 1):>16}")
        sens = b.get("sensitivity") or {}
        ch = sens.get("smallest_change") or {}
        if sens.get("preferred"):
            line = f"  Bij de gemiddelde gewichten is {names[sens['preferred']]} de beste"
            if ch.get("to"):
                line += (f"; na een verschuiving van {formatting.percent(ch['distance'], 1)} van het gewicht wordt "
                         f"{names[ch['to']]} de beste")
            lines.append(line + ".")
        for warning in b.get("warnings", []):
            lines.append(f"  Let op: {warning['message']}")
        lines.append("")
    cons = result.get("consensus")
    if cons is not None:
        if cons.get("feasible"):
            ra = cons["rank_acceptability"]
            best = max(ra, key=lambda a: ra[a][0])
            lines.append(f"Gedeelde gewichten: {names[best]} is in {formatting.percent(ra[best][0], 1)} van de gevallen de beste.")
        else:
            lines.append(cons["message"])
    return "\n".join(lines) + "\n"
