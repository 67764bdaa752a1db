"""Compiled hit-and-run kernel (Numba, cached on disk after the first compilation).

Each chain has its own xorshift64* stream seeded from NumPy's generator, so results do not depend
on how chains are spread over threads. Directions are either uniform on the sphere (hit-and-run)
or a random coordinate axis of the rounded space (coordinate hit-and-run with rounding, CHRR).
Slacks ``S = h - G y`` are updated incrementally and clipped at zero.
"""

from __future__ import annotations

import numba as nb
import numpy as np


@nb.njit(inline="always")
def _u64(state, c):
    x = state[c]
    x ^= x >> np.uint64(12)
    x ^= x << np.uint64(25)
    x ^= x >> np.uint64(27)
    state[c] = x
    return x * np.uint64(0x2545F4914F6CDD1D)


@nb.njit(inline="always")
def _unif(state, c):
    return (_u64(state, c) >> np.uint64(11)) * (1.0 / 9007199254740992.0)


@nb.njit(parallel=True, cache=True)
def run_chains(Y, S, G, Gt, Ginv, steps, thin, out, state, coordinate):  # noqa: C901 - one compiled loop nest
    """Advance every chain ``steps`` steps; when ``thin`` > 0 store every ``thin``-th point in
    ``out[kept, chain]``. ``Gt`` is ``G`` transposed and ``Ginv`` its elementwise inverse (0 where
    the entry is 0), used by coordinate directions."""
    C, d = Y.shape
    k = G.shape[0]
    for c in nb.prange(C):
        gd = np.empty(k)
        D = np.empty(d)
        kept = 0
        for t in range(1, steps + 1):
            tmin = -np.inf
            tmax = np.inf
            j = -1
            if coordinate:
                j = int(_unif(state, c) * d)
                if j >= d:
                    j = d - 1
                for i in range(k):
                    gi = Ginv[j, i]
                    r = S[c, i] * gi
                    if gi > 0.0:
                        if r < tmax:
                            tmax = r
                    elif gi < 0.0:
                        if r > tmin:
                            tmin = r
            else:
                for a in range(0, d, 2):
                    u1 = _unif(state, c)
                    u2 = _unif(state, c)
                    r = np.sqrt(-2.0 * np.log(1.0 - u1))
                    D[a] = r * np.cos(2.0 * np.pi * u2)
                    if a + 1 < d:
                        D[a + 1] = r * np.sin(2.0 * np.pi * u2)
                for i in range(k):
                    acc = 0.0
                    for a in range(d):
                        acc += G[i, a] * D[a]
                    gd[i] = acc
                    if acc > 1e-14:
                        r = S[c, i] / acc
                        if r < tmax:
                            tmax = r
                    elif acc < -1e-14:
                        r = S[c, i] / acc
                        if r > tmin:
                            tmin = r
            if tmax < 0.0:
                tmax = 0.0
            if tmin > 0.0:
                tmin = 0.0
            s = tmin + (tmax - tmin) * _unif(state, c)
            if coordinate:
                Y[c, j] += s
                for i in range(k):
                    v = S[c, i] - s * Gt[j, i]
                    S[c, i] = v if v > 0.0 else 0.0
            else:
                for a in range(d):
                    Y[c, a] += s * D[a]
                for i in range(k):
                    v = S[c, i] - s * gd[i]
                    S[c, i] = v if v > 0.0 else 0.0
            if thin > 0 and t % thin == 0:
                for a in range(d):
                    out[kept, c, a] = Y[c, a]
                kept += 1
