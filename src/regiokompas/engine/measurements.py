"""Measurements (uncertain criterion scores) and partial value functions.

Every cell of the performance table is a distribution; ``sample_values`` draws a chunk of
performance tables and maps them through the criteria's partial value functions to values in
[0, 1] (1 = best end of the scale range). Values outside the scale range are clipped to it: the
scale range is the swing the weights refer to.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from scipy import special

from regiokompas.engine.problem import Criterion, Problem


def _pert_ab(lo: float, mode: float, hi: float) -> tuple[float, float]:
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
        values = np.asarray(m["values"], float)
        p = np.asarray(m.get("probabilities", [1.0] * len(values)), float)
        return float(values[int(np.argmax(p))])
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
        return np.float32(lo) + np.float32(hi - lo) * beta_quantiles(a, b, rng.random(size, dtype=np.float32))
    if t == "triangular":
        return rng.triangular(m["low"], m["mode"], m["high"], size)
    if t == "normal":
        return rng.normal(m["mean"], m["sd"], size)
    if t == "lognormal":
        return rng.lognormal(m["mu"], m["sigma"], size)
    if t == "beta":
        lo, hi = m.get("low", 0.0), m.get("high", 1.0)
        return np.float32(lo) + np.float32(hi - lo) * beta_quantiles(m["alpha"], m["beta"], rng.random(size, dtype=np.float32))
    if t == "ordinal":
        vals = np.array([crit.levels[x] for x in m["levels"]], float)
        return vals[rng.integers(0, len(vals), size)]
    if t == "discrete":
        vals = np.asarray(m["values"], float)
        p = np.asarray(m.get("probabilities", [1.0] * len(vals)), float)
        return rng.choice(vals, size=size, p=p / p.sum())
    raise ValueError(t)  # pragma: no cover


QUANTILE_INTERVALS = 2048


@lru_cache(maxsize=4096)
def _beta_table(a: float, b: float) -> np.ndarray:
    """Quantiles of Beta(a, b) at u = 0, 1/K, ..., 1 (K = QUANTILE_INTERVALS), by inverting the
    CDF on a fine grid that is denser near the ends."""
    K = QUANTILE_INTERVALS
    x = 0.5 - 0.5 * np.cos(np.linspace(0.0, np.pi, 8 * K + 1))
    cdf = special.betainc(a, b, x)
    cdf[0], cdf[-1] = 0.0, 1.0
    keep = np.concatenate([[True], np.diff(cdf) > 0])
    return np.interp(np.linspace(0.0, 1.0, K + 1), cdf[keep], x[keep]).astype(np.float32)


def beta_quantiles(a: float, b: float, u: np.ndarray) -> np.ndarray:
    """Beta(a, b) draws from uniforms ``u`` by the quantile function, interpolated linearly between
    K + 1 exact quantiles (the CDF is exact at every 1/K; K = 2048)."""
    table = _beta_table(float(a), float(b))
    pos = u * np.float32(QUANTILE_INTERVALS)
    idx = pos.astype(np.int32)
    np.minimum(idx, QUANTILE_INTERVALS - 1, out=idx)
    pos -= idx
    lo = table[idx]
    return lo + pos * (table[idx + 1] - lo)


def pvf(x: np.ndarray, crit: Criterion) -> np.ndarray:
    """Partial value in [0, 1] of raw scores ``x`` on ``crit``."""
    if crit.pvf is not None:
        cut, val = crit.pvf
        return np.interp(x, cut, val)
    x = np.asarray(x)
    ft = np.float32 if x.dtype == np.float32 else np.float64
    v = (x - ft(crit.low)) * ft(1.0 / (crit.high - crit.low))
    if crit.direction == "lower":
        v = ft(1.0) - v
    return np.clip(v, ft(0.0), ft(1.0))


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

    def sample(self, size: int, rng: np.random.Generator) -> np.ndarray:
        """Values (m × n × size, float32), cell-major so every cell is one contiguous row."""
        out = np.empty((self.m, self.n, size), dtype=np.float32)
        for j, crit in enumerate(self.problem.criteria):
            for i in range(self.m):
                cell = self.cells[i][j]
                if is_exact(cell):
                    out[i, j] = self.deterministic[i, j]
                elif cell["type"] in ("pert", "beta") and crit.pvf is None:
                    _fused_quantile_values(cell, crit, rng.random(size, dtype=np.float32), out[i, j])
                else:
                    out[i, j] = pvf(sample_cell(cell, crit, size, rng), crit)
        return out


def _fused_quantile_values(cell: dict, crit: Criterion, u: np.ndarray, out: np.ndarray) -> None:
    """PERT/beta draw and linear partial value in one compiled pass (same numbers as
    ``pvf(sample_cell(...))`` up to float32 rounding)."""
    from regiokompas.engine._kernels import quantile_values

    if cell["type"] == "pert":
        lo, hi = cell["low"], cell["high"]
        a, b = _pert_ab(lo, cell["mode"], hi)
    else:
        lo, hi = cell.get("low", 0.0), cell.get("high", 1.0)
        a, b = cell["alpha"], cell["beta"]
    quantile_values(u, _beta_table(float(a), float(b)), np.float32(lo), np.float32(hi - lo), np.float32(crit.low),
                    np.float32(1.0 / (crit.high - crit.low)), crit.direction == "lower", out)


def support(m: dict, crit: Criterion) -> tuple[float, float]:
    """The range a cell's values can take (normal and log-normal: mean ± 3 sd / 99.7 % interval)."""
    t = m["type"]
    if t == "exact":
        return float(m["value"]), float(m["value"])
    if t in ("uniform", "pert", "triangular"):
        return float(m["low"]), float(m["high"])
    if t == "normal":
        return m["mean"] - 3 * m["sd"], m["mean"] + 3 * m["sd"]
    if t == "lognormal":
        return float(np.exp(m["mu"] - 3 * m["sigma"])), float(np.exp(m["mu"] + 3 * m["sigma"]))
    if t == "beta":
        return float(m.get("low", 0.0)), float(m.get("high", 1.0))
    if t == "ordinal":
        vals = [crit.levels[x] for x in ([m["level"]] if "level" in m else m["levels"])]
        return min(vals), max(vals)
    vals = m["values"]
    return min(vals), max(vals)
