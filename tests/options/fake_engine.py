"""A stand-in with the engine's interface (shared interface 1) for tests of the options app that
must not depend on the engine's numerics: plain Monte Carlo over the unconstrained simplex."""

from __future__ import annotations

import numpy as np

__version__ = "test-stand-in"


class ProblemError(ValueError):
    def __init__(self, errors):
        super().__init__("; ".join(e["message"] for e in errors))
        self.errors = errors


def _measure(m, rng, n):
    kind = m["type"]
    if kind == "exact":
        return np.full(n, float(m["value"]))
    if kind == "uniform":
        return rng.uniform(m["low"], m["high"], n)
    return rng.triangular(m["low"], m["mode"], m["high"], n)


def _block(problem, rng, samples):
    alts = [a["id"] for a in problem["alternatives"]]
    crits = problem["criteria"]
    w = rng.dirichlet(np.ones(len(crits)), samples)
    values = np.zeros((samples, len(alts)))
    for j, a in enumerate(alts):
        for k, c in enumerate(crits):
            lo, hi = c["scale"]
            x = (_measure(problem["measurements"][a][c["id"]], rng, samples) - lo) / (hi - lo)
            if c["direction"] == "lower":
                x = 1 - x
            values[:, j] += w[:, k] * x
    ranks = (-values).argsort(axis=1).argsort(axis=1)
    m = len(alts)
    ra = {a: [float((ranks[:, j] == r).mean()) for r in range(m)] for j, a in enumerate(alts)}
    se = {a: [float(np.sqrt(p * (1 - p) / samples)) for p in ra[a]] for a in alts}
    cw = {}
    for j, a in enumerate(alts):
        first = ranks[:, j] == 0
        cw[a] = {c["id"]: float(w[first, k].mean()) if first.any() else None for k, c in enumerate(crits)}
    return {"rank_acceptability": ra, "rank_acceptability_se": se, "central_weights": cw,
            "holistic_acceptability": {a: float(sum(ra[a][r] * (m - r) / m for r in range(m))) for a in alts},
            "confidence_factors": {a: ra[a][0] for a in alts}, "pairwise_winning": {}, "sampler": {"method": "dirichlet"},
            "sensitivity": {"preferred": max(alts, key=lambda a: ra[a][0])}}


def analyse(problem: dict, samples: int = 10000, seed: int = 0) -> dict:
    if not problem.get("alternatives"):
        raise ProblemError([{"key": "no_alternatives", "message": "Geen alternatieven.", "statements": []}])
    rng = np.random.default_rng(seed)
    return {"samples": samples, "seed": seed, "engine_version": __version__,
            "stakeholders": {s["id"]: _block(problem, rng, samples) for s in problem["stakeholders"]},
            "pooled": _block(problem, rng, samples)}
