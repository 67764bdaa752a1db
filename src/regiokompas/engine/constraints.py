"""Preference statements → a convex polytope of weights.

Every statement becomes linear rows ``a·w <= b`` or ``a·w == b`` on the weight vector ``w``
(swing weights on the criteria's scale ranges, ``w >= 0``, ``sum w == 1``). Each row remembers the
statement it came from, so an infeasible set can be traced back to the statements that conflict
(an irreducible infeasible subset, found with a deletion filter over statements), and implied
equalities (e.g. ``a >= b`` and ``b >= a``) can be named.

The sampling space is the polytope reduced to the affine hull of its equalities: ``w = x0 + N z``
with orthonormal ``N``, inequalities ``G z <= h``.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.linalg import null_space
from scipy.optimize import linprog

SIMPLEX = -1  # statement index used for the simplex rows (w >= 0, sum w = 1)
EQ_TOL = 1e-9
RADIUS_TOL = 1e-7


@dataclass
class Row:
    coef: np.ndarray
    rhs: float
    eq: bool
    statement: int  # index of the statement (SIMPLEX for the simplex itself)


@dataclass
class Reduced:
    """The polytope in reduced coordinates: ``w = x0 + basis @ z`` and ``G z <= h``."""

    x0: np.ndarray
    basis: np.ndarray  # (n, d)
    G: np.ndarray  # (k, d)
    h: np.ndarray  # (k,)
    centre: np.ndarray  # Chebyshev centre in z
    radius: float
    implied: list[list[int]] = field(default_factory=list)  # statements of implied equalities

    @property
    def dim(self) -> int:
        return self.basis.shape[1]

    def to_weights(self, z: np.ndarray) -> np.ndarray:
        w = self.x0 + z @ self.basis.T
        np.maximum(w, 0.0, out=w)
        w /= w.sum(axis=-1, keepdims=True)
        return w


def statement_rows(statements: list[dict], criteria: list[str], offset: int = 0) -> list[Row]:
    """Linear constraint rows on the weights for validated engine statements; statement indices are
    ``offset + position``. (Not to be confused with ``options.problem.compile_statements``, which
    turns statements as entered into these engine statements.)"""
    n = len(criteria)
    idx = {c: i for i, c in enumerate(criteria)}
    rows: list[Row] = []

    def row(pairs: list[tuple[str, float]], rhs: float, eq: bool, s: int) -> None:
        a = np.zeros(n)
        for c, v in pairs:
            a[idx[c]] += v
        rows.append(Row(a, float(rhs), eq, s))

    for k, st in enumerate(statements):
        _STATEMENT_ROWS[st["type"]](row, st, criteria, offset + k)
    return rows


def _ranking_rows(row: _RowAdder, st: dict, criteria: list[str], s: int) -> None:
    groups = st["order"]
    for g in groups:
        for c in g[1:]:
            row([(g[0], 1.0), (c, -1.0)], 0.0, True, s)
    for g1, g2 in zip(groups, groups[1:], strict=False):
        row([(g2[0], 1.0), (g1[0], -1.0)], 0.0, False, s)  # w(g2) - w(g1) <= 0


def _exact_rows(row: _RowAdder, st: dict, criteria: list[str], s: int) -> None:
    weights = st["weights"]
    total = sum(weights.values())
    scale = 1.0 / total if set(weights) == set(criteria) and total > 0 else 1.0  # rounding within 1e-6
    for c, v in weights.items():
        row([(c, 1.0)], v * scale, True, s)


def _interval_rows(row: _RowAdder, st: dict, criteria: list[str], s: int) -> None:
    lo, hi = float(st.get("min", 0.0)), float(st.get("max", 1.0))
    c = st["criterion"]
    if lo == hi:
        row([(c, 1.0)], lo, True, s)
        return
    if lo > 0:
        row([(c, -1.0)], -lo, False, s)
    if hi < 1:
        row([(c, 1.0)], hi, False, s)


def _ratio_statement_rows(row: _RowAdder, st: dict, criteria: list[str], s: int) -> None:
    _ratio_rows(row, st["numerator"], st["denominator"], st.get("min"), st.get("max"), s)


def _swing_rows(row: _RowAdder, st: dict, criteria: list[str], s: int) -> None:
    ref = st["reference"]
    for c, v in st["values"].items():
        if c == ref:
            continue
        lo, hi = (v[0], v[1]) if isinstance(v, list) else (v, v)
        _ratio_rows(row, c, ref, lo / 100.0, hi / 100.0, s)


def _no_rows(row: _RowAdder, st: dict, criteria: list[str], s: int) -> None:
    """An unknown type adds no rows (the problem's validation refuses it before this point)."""


_RowAdder = Callable[[list[tuple[str, float]], float, bool, int], None]
_STATEMENT_ROWS: defaultdict[str, Callable[[_RowAdder, dict, list[str], int], None]] = defaultdict(
    lambda: _no_rows,
    ranking=_ranking_rows, exact=_exact_rows, interval=_interval_rows, ratio=_ratio_statement_rows, swing=_swing_rows,
)


def _ratio_rows(row: _RowAdder, num: str, den: str, lo: float | None, hi: float | None, s: int) -> None:
    if lo is not None and hi is not None and lo == hi:
        row([(num, 1.0), (den, -float(lo))], 0.0, True, s)
        return
    if lo is not None and lo > 0:
        row([(den, float(lo)), (num, -1.0)], 0.0, False, s)  # lo*w_den - w_num <= 0
    if hi is not None and math.isfinite(hi):
        row([(num, 1.0), (den, -float(hi))], 0.0, False, s)  # w_num - hi*w_den <= 0


def simplex_rows(n: int) -> list[Row]:
    rows = [Row(np.ones(n), 1.0, True, SIMPLEX)]
    for i in range(n):
        a = np.zeros(n)
        a[i] = -1.0
        rows.append(Row(a, 0.0, False, SIMPLEX))
    return rows


def _lp(rows: list[Row], n: int, c: np.ndarray | None = None, extra: object = None) -> Any:
    ub = [r for r in rows if not r.eq]
    eq = [r for r in rows if r.eq]
    A_ub = np.array([r.coef for r in ub]) if ub else None
    b_ub = np.array([r.rhs for r in ub]) if ub else None
    A_eq = np.array([r.coef for r in eq]) if eq else None
    b_eq = np.array([r.rhs for r in eq]) if eq else None
    return linprog(np.zeros(n) if c is None else c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq,
                   bounds=[(None, None)] * n, method="highs")


def feasible(rows: list[Row], n: int) -> bool:
    res = _lp(simplex_rows(n) + rows, n)
    return res.status == 0


def conflicting_statements(rows: list[Row], n: int) -> list[int]:
    """An irreducible set of statements that cannot hold together (deletion filter)."""
    keep = sorted({r.statement for r in rows})
    for s in list(keep):
        trial = [t for t in keep if t != s]
        if not feasible([r for r in rows if r.statement in trial], n):
            keep = trial
    return keep


def reduce(rows: list[Row], n: int) -> Reduced:
    """Reduce to the affine hull (with implied equalities found and removed) and find the
    Chebyshev centre. The rows must be feasible."""
    all_rows = simplex_rows(n) + rows
    eq = [r for r in all_rows if r.eq]
    ineq = [r for r in all_rows if not r.eq]
    implied: list[list[int]] = []
    while True:
        A_eq = np.array([r.coef for r in eq])
        b_eq = np.array([r.rhs for r in eq])
        basis = null_space(A_eq, rcond=1e-10)
        x0 = np.linalg.lstsq(A_eq, b_eq, rcond=None)[0]
        d = basis.shape[1]
        A = np.array([r.coef for r in ineq]) if ineq else np.zeros((0, n))
        b = np.array([r.rhs for r in ineq]) if ineq else np.zeros(0)
        G = A @ basis
        h = b - A @ x0
        norms = np.linalg.norm(G, axis=1)
        live = norms > 1e-12
        if d == 0:
            return Reduced(x0, basis, np.zeros((0, 0)), np.zeros(0), np.zeros(0), 0.0, implied)
        G, h, norms = G[live], h[live], norms[live]
        live_rows = [r for r, keep in zip(ineq, live, strict=True) if keep]
        # Chebyshev centre: max r s.t. G z + r |G_i| <= h
        c = np.zeros(d + 1)
        c[-1] = -1.0
        res = linprog(c, A_ub=np.hstack([G, norms[:, None]]), b_ub=h, bounds=[(None, None)] * d + [(0, 1)],
                      method="highs")
        if res.status != 0:  # pragma: no cover - feasibility was checked before
            raise RuntimeError("Chebyshev-centrum niet gevonden")
        centre, radius = res.x[:d], float(res.x[-1])
        if radius > RADIUS_TOL:
            # Normalise rows for numerical robustness of the sampler.
            return Reduced(x0, basis, G / norms[:, None], h / norms, centre, radius, implied)
        # Flat polytope: find the inequalities that hold with equality everywhere.
        flat = []
        for i in range(len(G)):
            res = linprog(G[i], A_ub=G, b_ub=h, bounds=[(None, None)] * d, method="highs")
            if res.status == 0 and h[i] - res.fun <= 1e-9 * max(1.0, abs(h[i])):
                flat.append(i)
        if not flat:  # numerically thin but not flat: sample it anyway
            return Reduced(x0, basis, G / norms[:, None], h / norms, centre, max(radius, 1e-12), implied)
        flat_rows = [live_rows[i] for i in flat]
        implied.append(sorted({r.statement for r in flat_rows if r.statement != SIMPLEX}))
        for r in flat_rows:
            eq.append(Row(r.coef, r.rhs, True, r.statement))
        ids = {id(r) for r in flat_rows}
        ineq = [r for r in ineq if id(r) not in ids]
