"""Compiled SMAA-2 passes over values laid out cell-major, ``V[alternative, criterion, sample]`` (Numba, cached on disk). Work is split into pieces (contiguous
sample ranges within one batch), each accumulating into its own slot; the caller adds the slots
per batch in a fixed order, so results do not depend on threading.

Tie policy (see ``smaa``): values within ``tol`` of each other share the ranks they occupy."""

from __future__ import annotations

import threading

import numba as nb
import numpy as np

# Parallel kernels are called under this lock: some Numba threading layers (workqueue) abort when
# two Python threads (e.g. two web requests) launch parallel kernels at the same time.
LOCK = threading.Lock()


@nb.njit(parallel=True, cache=True)
def rank_pass(V, fixed, W, starts, stops, tol, want_codes, rank, first_w, beats, codes):  # noqa: C901 - one compiled loop nest
    """For chunk samples ``s`` (0-based in the chunk) in [starts[q], stops[q]): add rank counts,
    weights where first, pairwise wins into slot ``q`` of the accumulators (one slot per piece, so
    threads never share one) and store the ranking code."""
    m = V.shape[0]
    n = V.shape[1]
    for q in nb.prange(len(starts)):
        b = q
        vals = np.empty(m)
        pos = np.empty(m, dtype=np.int64)
        order = np.empty(m, dtype=np.int64)
        for s in range(starts[q], stops[q]):
            vs = 0 if fixed else s
            for i in range(m):
                acc = 0.0
                for j in range(n):
                    acc += V[i, j, vs] * W[s, j]
                vals[i] = acc
            for i in range(m):
                g = 0
                e = 0
                before = 0
                for k in range(m):
                    d = vals[k] - vals[i]
                    if d > tol:
                        g += 1
                    elif d >= -tol:
                        e += 1
                        if k < i:
                            before += 1
                        if k != i:
                            beats[b, i, k] += 0.5
                    else:
                        beats[b, i, k] += 1.0
                pos[i] = g + before
                share = 1.0 / e
                for r in range(g, g + e):
                    rank[b, i, r] += share
                if g == 0:
                    for j in range(n):
                        first_w[b, i, j] += share * W[s, j]
            if want_codes:
                for i in range(m):
                    order[pos[i]] = i
                code = 0
                mult = 1
                for r in range(m):
                    code += order[r] * mult
                    mult *= m
                codes[s] = code


@nb.njit(parallel=True, cache=True)
def confidence_pass(V, fixed, cw, ok, starts, stops, tol, wins):
    """Share of samples in which alternative k is best at its central weights ``cw[k]``."""
    m = V.shape[0]
    n = V.shape[1]
    for q in nb.prange(len(starts)):
        b = q
        vals = np.empty(m)
        for s in range(starts[q], stops[q]):
            vs = 0 if fixed else s
            for k in range(m):
                if not ok[k]:
                    continue
                best = -np.inf
                for i in range(m):
                    acc = 0.0
                    for j in range(n):
                        acc += V[i, j, vs] * cw[k, j]
                    vals[i] = acc
                    if acc > best:
                        best = acc
                if vals[k] >= best - tol:
                    ties = 0
                    for i in range(m):
                        if vals[i] >= best - tol:
                            ties += 1
                    wins[b, k] += 1.0 / ties


@nb.njit(cache=True)
def quantile_values(u, table, lo, span, c_low, c_inv, flip, out):
    """Fused draw → partial value for a tabulated distribution with a linear value function:
    x = lo + span * Q(u) (Q interpolated in ``table``), v = clip((x - c_low) * c_inv, 0, 1),
    1 - v when lower is better."""
    K = table.shape[0] - 1
    n = u.shape[0]
    for s in range(n):
        p = u[s] * K
        i = int(p)
        if i >= K:
            i = K - 1
        f = p - i
        q = table[i] + f * (table[i + 1] - table[i])
        v = (lo + span * q - c_low) * c_inv
        if v < 0.0:
            v = 0.0
        elif v > 1.0:
            v = 1.0
        out[s] = 1.0 - v if flip else v
