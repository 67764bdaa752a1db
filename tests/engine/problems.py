"""Problems used by the engine tests."""

from __future__ import annotations

import copy

import numpy as np

EXAMPLE = {
    "schema": "regiokompas.problem/1",
    "alternatives": [{"id": "v1", "name": "Variant 1"}, {"id": "v3", "name": "Variant 3"}],
    "criteria": [
        {"id": "eff", "name": "Effectiviteit", "unit": "%", "scale": [0, 100], "direction": "higher"},
        {"id": "cost", "name": "Kosten", "unit": "EUR mln/jaar", "scale": [5, 15], "direction": "lower"},
    ],
    "measurements": {
        "v1": {"eff": {"type": "pert", "low": 20, "mode": 30, "high": 45}, "cost": {"type": "exact", "value": 9.5}},
        "v3": {"eff": {"type": "uniform", "low": 25, "high": 50}, "cost": {"type": "normal", "mean": 8, "sd": 1}},
    },
    "stakeholders": [
        {"id": "GM0373", "name": "Bergen", "statements": [
            {"type": "ranking", "order": [["eff"], ["cost"]]},
            {"type": "interval", "criterion": "eff", "min": 0.2, "max": 0.8},
            {"type": "ratio", "numerator": "eff", "denominator": "cost", "min": 1.0, "max": 3.0},
        ]},
        {"id": "GM0361", "name": "Alkmaar", "statements": [{"type": "exact", "weights": {"eff": 0.6, "cost": 0.4}}]},
    ],
}


def example() -> dict:
    return copy.deepcopy(EXAMPLE)


def exact_problem(values, statements=(), directions=None, stakeholders=None) -> dict:
    """Alternatives a0.. with exact partial values ``values`` (m × n) on [0, 1] scales."""
    values = np.asarray(values, float)
    m, n = values.shape
    directions = directions or ["higher"] * n
    return {
        "schema": "regiokompas.problem/1",
        "alternatives": [{"id": f"a{i}"} for i in range(m)],
        "criteria": [{"id": f"c{j}", "scale": [0, 1], "direction": directions[j]} for j in range(n)],
        "measurements": {f"a{i}": {f"c{j}": {"type": "exact", "value": float(values[i, j])} for j in range(n)}
                         for i in range(m)},
        "stakeholders": stakeholders or [{"id": "s", "statements": list(statements)}],
    }


def pert_problem(m=8, n=10, seed=1, statements=None) -> dict:
    """The benchmark's reference shape: m alternatives × n criteria with PERT measurements."""
    rng = np.random.default_rng(seed)
    meas = {}
    for i in range(m):
        row = {}
        for j in range(n):
            lo = float(rng.uniform(10, 60))
            hi = lo + float(rng.uniform(5, 30))
            mode = float(rng.uniform(lo, hi))
            row[f"c{j}"] = {"type": "pert", "low": lo, "mode": mode, "high": hi}
        meas[f"a{i}"] = row
    if statements is None:
        statements = [
            {"type": "ranking", "order": [["c0"], ["c1"], ["c2"]]},
            {"type": "ranking", "order": [["c3"], ["c4"]]},
            {"type": "ranking", "order": [["c5"], ["c6"]]},
        ]
    return {
        "schema": "regiokompas.problem/1",
        "alternatives": [{"id": f"a{i}", "name": f"Alternatief {i}"} for i in range(m)],
        "criteria": [{"id": f"c{j}", "name": f"Criterium {j}", "scale": [0, 100],
                      "direction": "lower" if j == n - 1 else "higher"} for j in range(n)],
        "measurements": meas,
        "stakeholders": [{"id": "s1", "name": "Gemeente A", "statements": statements}],
    }
