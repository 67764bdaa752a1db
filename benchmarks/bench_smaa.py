"""Speed of the decision-analysis engine (SMAA-2) against the installable Python peers.

Reference problem: 8 alternatives × 10 criteria, PERT measurements, three ordinal weight
statements (c0 ≥ c1 ≥ c2, c3 ≥ c4, c5 ≥ c6), 100,000 samples, full SMAA-2 including confidence
factors, pooled analysis and sensitivity. Measured: median of several runs after one warm-up
(the warm-up includes imports and loading the compiled kernels), hit-and-run forced, and
1,000,000 samples in a fresh process with its peak memory.

Peers (pymcdm WSM per sample, pyrepo-mcda VIKOR_SMAA) run on the same matrix (most likely values;
they do not support measurement uncertainty) in a separate virtual environment,
``benchmarks/.peers-venv``, created here with pip when missing. Set REGIOKOMPAS_BENCH_PEERS=0 to
skip them.

Run with ``python -m benchmarks smaa`` or ``python benchmarks/bench_smaa.py``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks import median_and_best

HERE = Path(__file__).resolve().parent
PEERS_VENV = HERE / ".peers-venv"
PEER_PACKAGES = ["pymcdm", "pyrepo-mcda"]
SAMPLES = 100_000
REPEATS = 5


def reference_problem(m: int = 8, n: int = 10, seed: int = 1) -> dict:
    rng = np.random.default_rng(seed)
    meas = {}
    for i in range(m):
        row = {}
        for j in range(n):
            lo = float(rng.uniform(10, 60))
            hi = lo + float(rng.uniform(5, 30))
            row[f"c{j}"] = {"type": "pert", "low": lo, "mode": float(rng.uniform(lo, hi)), "high": hi}
        meas[f"a{i}"] = row
    return {
        "schema": "regiokompas.problem/1",
        "alternatives": [{"id": f"a{i}", "name": f"Alternatief {i}"} for i in range(m)],
        "criteria": [{"id": f"c{j}", "name": f"Criterium {j}", "scale": [0, 100],
                      "direction": "lower" if j == n - 1 else "higher"} for j in range(n)],
        "measurements": meas,
        "stakeholders": [{"id": "s1", "name": "Gemeente A", "statements": [
            {"type": "ranking", "order": [["c0"], ["c1"], ["c2"]]},
            {"type": "ranking", "order": [["c3"], ["c4"]]},
            {"type": "ranking", "order": [["c5"], ["c6"]]},
        ]}],
    }


def million() -> dict:
    """1,000,000 samples in this (fresh) process: times and peak resident memory."""
    import resource

    from regiokompas.engine import analyse

    problem = reference_problem()
    analyse(problem, samples=1000, seed=1)
    median, best = median_and_best(lambda: analyse(problem, samples=1_000_000, seed=1), 3)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB → MiB on Linux
    return {"median_s": median, "min_s": best, "peak_rss_mib": round(peak)}


def _peer_env() -> Path | None:
    python = PEERS_VENV / "bin" / "python"
    if python.exists():
        return python
    try:
        subprocess.run([sys.executable, "-m", "venv", str(PEERS_VENV)], check=True, capture_output=True, timeout=300)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", *PEER_PACKAGES], check=True,
                       capture_output=True, timeout=900)
    except (subprocess.SubprocessError, OSError) as exc:
        print(f"vergelijkingspakketten niet te installeren: {exc}", file=sys.stderr)
        return None
    return python


def run_peers(problem: dict, samples: int) -> list[dict]:
    if os.environ.get("REGIOKOMPAS_BENCH_PEERS", "1") == "0":
        return []
    python = _peer_env()
    if python is None:
        return [{"peer": p, "error": "niet geïnstalleerd"} for p in PEER_PACKAGES]
    alts = [a["id"] for a in problem["alternatives"]]
    crits = problem["criteria"]
    matrix = [[problem["measurements"][a][c["id"]]["mode"] for c in crits] for a in alts]
    spec = {"matrix": matrix, "types": [1 if c["direction"] == "higher" else -1 for c in crits],
            "ordinal": [[0, 1], [1, 2], [3, 4], [5, 6]]}
    out = []
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(spec, fh)
    try:
        for peer, script, what in [
            ("pymcdm 1.4 WSM per trekking", "run_pymcdm.py", "rangkansen; ordinale uitspraken via verwerping; geen meetonzekerheid"),
            ("pyrepo-mcda 0.1.15 VIKOR_SMAA", "run_pyrepo.py", "rangkansen + centrale gewichten; geen uitspraken, geen meetonzekerheid"),
        ]:
            try:
                res = subprocess.run([str(python), str(HERE / "peers" / script), fh.name, str(samples)], check=True,
                                     capture_output=True, text=True, timeout=1800)
                seconds = json.loads(res.stdout.strip().splitlines()[-1])["seconds"]
                out.append({"peer": peer, "seconds": round(seconds, 3), "computes": what})
            except (subprocess.SubprocessError, ValueError, KeyError, IndexError) as exc:
                out.append({"peer": peer, "error": str(exc)[:200]})
    finally:
        os.unlink(fh.name)
    return out


def run() -> dict:
    from regiokompas.engine import analyse

    problem = reference_problem()
    t = time.perf_counter()
    first = analyse(problem, samples=SAMPLES, seed=1)
    cold = time.perf_counter() - t
    exact = median_and_best(lambda: analyse(problem, samples=SAMPLES, seed=1), REPEATS)
    har_result = analyse(problem, samples=SAMPLES, seed=1, sampler="hit_and_run")
    har = median_and_best(lambda: analyse(problem, samples=SAMPLES, seed=1, sampler="hit_and_run"), REPEATS)
    big = json.loads(subprocess.run([sys.executable, "-c", "import json, benchmarks.bench_smaa as b; print(json.dumps(b.million()))"],
                                    check=True, capture_output=True, text=True, cwd=HERE.parent,
                                    timeout=600).stdout.strip().splitlines()[-1])
    peers = run_peers(problem, SAMPLES)
    timed = [p for p in peers if "seconds" in p]
    for p in timed:
        p["ratio_vs_engine"] = round(p["seconds"] / exact[0], 1)
    fastest = min(timed, key=lambda p: p["seconds"]) if timed else None
    s = first["stakeholders"]["s1"]
    h = har_result["stakeholders"]["s1"]
    diff = max(abs(s["rank_acceptability"][a][r] - h["rank_acceptability"][a][r])
               for a in s["rank_acceptability"] for r in range(8))
    return {
        "name": "smaa",
        "problem": "8 alternatieven × 10 criteria, PERT-metingen, 3 rangorde-uitspraken, 100.000 trekkingen, volledige SMAA-2",
        "median_s": round(exact[0], 4),
        "min_s": round(exact[1], 4),
        "goal_s": 0.5,
        "cases": [
            {"case": "100.000, exacte steekproef", "median_s": round(exact[0], 4), "min_s": round(exact[1], 4), "goal_s": 0.5},
            {"case": "100.000, hit-and-run (geforceerd)", "median_s": round(har[0], 4), "min_s": round(har[1], 4), "goal_s": 1.0},
            {"case": "1.000.000, exacte steekproef", "median_s": round(big["median_s"], 4), "min_s": round(big["min_s"], 4),
             "goal_s": 5.0},
        ],
        "first_call_s": round(cold, 3),
        "peak_rss_1m_mib": big["peak_rss_mib"],
        "sampler_exact": s["sampler"]["method"],
        "hit_and_run": {k: h["sampler"].get(k) for k in ("thinning", "chains", "rhat_max", "effective_sample_size")},
        "max_abs_diff_rank_acceptability_exact_vs_har": round(diff, 4),
        "peers": peers,
        "fastest_peer_ratio": fastest["ratio_vs_engine"] if fastest else None,
        "goal_ratio": 25,
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2, ensure_ascii=False))
