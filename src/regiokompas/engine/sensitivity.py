"""Deterministic sensitivity: how far must the weights move before another alternative is
preferred (an LP per rival, within the stakeholder's statements and, if that is impossible, on the
whole simplex), and one-way weight sweeps with their exact switch points."""

from __future__ import annotations

import numpy as np
from scipy.optimize import linprog

from regiokompas.engine.constraints import Row, simplex_rows

SWEEP_POINTS = 21


def _min_shift(V: np.ndarray, a: int, b: int, w0: np.ndarray, rows: list[Row]) -> tuple[float, np.ndarray] | None:
    """Smallest total weight moved (half the L1 distance) from ``w0`` so that ``b`` is at least as
    good as ``a``; returns (distance, w) or None."""
    n = len(w0)
    # variables: w (n), p (n), q (n); w - p + q = w0; minimise sum p + q
    c = np.concatenate([np.zeros(n), np.ones(2 * n)])
    A_eq: list = []
    b_eq: list = []
    A_ub: list = []
    b_ub: list = []
    for r in rows:
        a_row = np.concatenate([r.coef, np.zeros(2 * n)])
        (A_eq if r.eq else A_ub).append(a_row)
        (b_eq if r.eq else b_ub).append(r.rhs)
    for i in range(n):
        row = np.zeros(3 * n)
        row[i], row[n + i], row[2 * n + i] = 1.0, -1.0, 1.0
        A_eq.append(row)
        b_eq.append(w0[i])
    A_ub.append(np.concatenate([V[a] - V[b], np.zeros(2 * n)]))  # (V_a - V_b) w <= 0
    b_ub.append(0.0)
    bounds = [(None, None)] * n + [(0, None)] * (2 * n)
    res = linprog(c, A_ub=np.array(A_ub), b_ub=np.array(b_ub), A_eq=np.array(A_eq), b_eq=np.array(b_eq),
                  bounds=bounds, method="highs")
    if res.status != 0:
        return None
    return float(res.fun) / 2.0, res.x[:n]


def stability(V: np.ndarray, w0: np.ndarray, rows: list[Row], alternatives: list[str], criteria: list[str]) -> dict:
    n = V.shape[1]
    scores = V @ w0
    a = int(np.argmax(scores))
    rivals: list[dict] = []
    for b in range(len(alternatives)):
        if b == a:
            continue
        within = _min_shift(V, a, b, w0, simplex_rows(n) + rows)
        anywhere = within if within is not None else _min_shift(V, a, b, w0, simplex_rows(n))
        if anywhere is None:
            rivals.append({"to": alternatives[b], "distance": None, "within_statements": False, "weights": {}})
            continue
        dist, w = anywhere
        rivals.append({
            "to": alternatives[b],
            "distance": round(dist, 6),
            "within_statements": within is not None,
            "weights": {c: round(float(w[j] - w0[j]), 6) for j, c in enumerate(criteria)},
            "at_weights": {c: round(float(w[j]), 6) for j, c in enumerate(criteria)},
        })
    inside = [r for r in rivals if r["within_statements"] and r["distance"] is not None]
    smallest = min(inside, key=lambda r: r["distance"]) if inside else None
    overall = [r for r in rivals if r["distance"] is not None]
    return {
        "preferred": alternatives[a],
        "representative_weights": {c: round(float(w0[j]), 6) for j, c in enumerate(criteria)},
        "values": {alt: round(float(scores[i]), 6) for i, alt in enumerate(alternatives)},
        "smallest_change": smallest or ({"to": None, "distance": None, "within_statements": True,
                                         "weights": {}} if rivals else {}),
        "smallest_change_anywhere": min(overall, key=lambda r: r["distance"]) if overall else None,
        "rivals": rivals,
    }


def sweeps(V: np.ndarray, w0: np.ndarray, alternatives: list[str], criteria: list[str]) -> dict:
    """One-way sweeps: criterion j's weight t from 0 to 1, the others keeping their proportions
    from ``w0``; values are linear in t, so switch points are exact."""
    m, n = V.shape
    out = {}
    grid = np.linspace(0.0, 1.0, SWEEP_POINTS)
    for j, crit in enumerate(criteria):
        rest = np.delete(w0, j)
        u = rest / rest.sum() if rest.sum() > 1e-12 else np.full(n - 1, 1.0 / max(n - 1, 1))
        c0 = np.delete(V, j, axis=1) @ u if n > 1 else np.zeros(m)  # value at t = 0
        k = V[:, j] - c0  # slope
        values = c0[None, :] + grid[:, None] * k[None, :]
        switches = []
        t0 = 0.0
        cur = int(max(range(m), key=lambda i: (c0[i], k[i])))
        while True:
            best_t: float | None = None
            best_b: int | None = None
            for b in range(m):
                if b == cur or k[b] <= k[cur] + 1e-15:
                    continue
                t = (c0[cur] - c0[b]) / (k[b] - k[cur])
                if t > t0 + 1e-12 and t < 1.0 and (best_t is None or t < best_t - 1e-15
                                                    or (abs(t - best_t) <= 1e-15 and k[b] > k[best_b])):
                    best_t, best_b = t, b
            if best_t is None or best_b is None:
                break
            switches.append({"weight": round(float(best_t), 6), "from": alternatives[cur], "to": alternatives[best_b]})
            t0, cur = best_t, best_b
        out[crit] = {
            "current_weight": round(float(w0[j]), 6),
            "grid": [round(float(x), 4) for x in grid],
            "values": {alt: [round(float(x), 6) for x in values[:, i]] for i, alt in enumerate(alternatives)},
            "preferred": [alternatives[int(i)] for i in values.argmax(axis=1)],
            "switches": switches,
        }
    return out
