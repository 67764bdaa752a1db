"""Measurements (uncertain criterion scores) and partial value functions.

Every cell of the performance table is a distribution; ``sample_values`` draws a chunk of
performance tables and maps them through the criteria's partial value functions to values in
[0, 1] (1 = best end of the scale range). Values outside the scale range are clipped to it: the
scale range is the swing the weights refer to.
"""

from __future__ import annotations

import numpy as np

from regiokompas.engine.problem import Criterion, Problem


def _pert_ab(lo, mode, hi):
    span = hi - lo
    return 1 + 4 * (mode - lo) / span, 1 + 4 * (hi - mode) / span


def is_exact(m: dict) -> bool:
    t = m["type"]
    if t == "exact":
        return True
    if t in ("uniform", "pert", "triangular"):
        return m["low"] == m["high"]
    if t == "normal":
        return m["sd"] == 0
    if t == "lognormal":
        return m["sigma"] == 0
    if t == "ordinal":
        return "level" in m or len(m.get("levels", [])) == 1
    if t == "discrete":
        return len(set(m["values"])) == 1
    return False


def most_likely(m: dict, crit: Criterion) -> float:
    """The deterministic value of a cell: the mode where it exists (median for log-normal)."""
    t = m["type"]
    if t == "exact":
        return float(m["value"])
    if t == "uniform":
        return 0.5 * (m["low"] + m["high"])
    if t in ("pert", "triangular"):
        return float(m["mode"])
    if t == "normal":
        return float(m["mean"])
    if t == "lognormal":
        return float(np.exp(m["mu"]))
    if t == "beta":
        a, b = m["alpha"], m["beta"]
        lo, hi = m.get("low", 0.0), m.get("high", 1.0)
        x = (a - 1) / (a + b - 2) if a > 1 and b > 1 else a / (a + b)
        return lo + (hi - lo) * x
    if t == "ordinal":
        levels = [m["level"]] if "level" in m else m["levels"]
        vals = sorted(crit.levels[x] for x in levels)
        return float(vals[len(vals) // 2])
    if t == "discrete":
        vals = np.asarray(m["values"], float)
        p = np.asarray(m.get("probabilities", [1.0] * len(vals)), float)
        return float(vals[int(np.argmax(p))])
    raise ValueError(t)  # pragma: no cover


def sample_cell(m: dict, crit: Criterion, size: int, rng: np.random.Generator) -> np.ndarray:
    t = m["type"]
    if is_exact(m):
        return np.full(size, most_likely(m, crit))
    if t == "uniform":
        return rng.uniform(m["low"], m["high"], size)
    if t == "pert":
        lo, hi = m["low"], m["high"]
        a, b = _pert_ab(lo, m["mode"], hi)
        return lo + (hi - lo) * rng.beta(a, b, size)
    if t == "triangular":
        return rng.triangular(m["low"], m["mode"], m["high"], size)
    if t == "normal":
        return rng.normal(m["mean"], m["sd"], size)
    if t == "lognormal":
        return rng.lognormal(m["mu"], m["sigma"], size)
    if t == "beta":
        lo, hi = m.get("low", 0.0), m.get("high", 1.0)
        return lo + (hi - lo) * rng.beta(m["alpha"], m["beta"], size)
    if t == "ordinal":
        vals = np.array([crit.levels[x] for x in m["levels"]], float)
        return vals[rng.integers(0, len(vals), size)]
    if t == "discrete":
        vals = np.asarray(m["values"], float)
        p = np.asarray(m.get("probabilities", [1.0] * len(vals)), float)
        return rng.choice(vals, size=size, p=p / p.sum())
    raise ValueError(t)  # pragma: no cover


def pvf(x: np.ndarray, crit: Criterion) -> np.ndarray:
    """Partial value in [0, 1] of raw scores ``x`` on ``crit``."""
    if crit.pvf is not None:
        cut, val = crit.pvf
        return np.interp(x, cut, val)
    v = (x - crit.low) / (crit.high - crit.low)
    if crit.direction == "lower":
        v = 1.0 - v
    return np.clip(v, 0.0, 1.0)


class Measurements:
    """The performance table of a problem, sampled chunk by chunk."""

    def __init__(self, problem: Problem):
        self.problem = problem
        self.m = len(problem.alternatives)
        self.n = len(problem.criteria)
        self.cells = problem.measurements
        self.exact = all(is_exact(cell) for row in self.cells for cell in row)
        self.deterministic = np.array([[pvf(np.array([most_likely(cell, c)]), c)[0]
                                        for cell, c in zip(row, problem.criteria, strict=True)]
                                       for row in self.cells])

    def sample(self, size: int, rng: np.random.Generator, dtype=np.float64) -> np.ndarray:
        """Values (size × m × n)."""
        out = np.empty((size, self.m, self.n), dtype=dtype)
        for j, crit in enumerate(self.problem.criteria):
            for i in range(self.m):
                cell = self.cells[i][j]
                if is_exact(cell):
                    out[:, i, j] = self.deterministic[i, j]
                else:
                    out[:, i, j] = pvf(sample_cell(cell, crit, size, rng), crit)
        return out
