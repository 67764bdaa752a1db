"""Weights uniform over a constrained simplex.

Three samplers, chosen per constraint set:

* ``exact``: the simplex with ties and disjoint chains of ranking statements is a linear image
  of a simplex, so a Dirichlet(1) draw mapped linearly gives exactly uniform weights (no
  statements: plain Dirichlet(1); a complete ranking: the sorted-simplex construction).
* ``rejection``: the exact sampler for the ranking part, keeping the draws that satisfy the
  other statements, used when the estimated acceptance rate is high enough.
* ``hit_and_run``: otherwise. Runs in the reduced space (implied equalities removed), starts at
  the Chebyshev centre, rounds the polytope with the covariance of a pilot run, chooses the
  thinning from the pilot's integrated autocorrelation time, and runs many chains vectorised.
  Diagnostics (split R-hat, effective sample size) are reported.
"""

from __future__ import annotations

import math

import numpy as np

from regiokompas.engine.constraints import Reduced, Row

MIN_ACCEPTANCE = 0.05
PILOT = 4000
MAX_CHAINS = 256
COORDINATE = True


# --- exact: ties + disjoint chains --------------------------------------------------------------


class ChainMap:
    """``w = u @ L`` with ``u`` ~ Dirichlet(1) over ``k`` groups is uniform on the simplex with the
    ties and the chain comparisons in ``edges``; ``residual`` rows are left for rejection."""

    def __init__(self, n: int, rows: list[Row]):
        self.residual: list[Row] = []
        split = self._ties_and_edges(n, rows)
        self.ok = split is not None
        if split is None:
            return
        group, edges = split
        k = int(group.max()) + 1 if n else 0
        nxt, prv = self._link_paths(k, group, edges)
        self.L = _path_matrix(n, k, group, nxt, prv)
        self.k = k
        self.chains = sum(1 for g in range(k) if prv[g] == -1 and nxt[g] != -1)

    def _ties_and_edges(self, n: int, rows: list[Row]) -> tuple[np.ndarray, list[tuple[int, int, Row]]] | None:
        """The tie group of every criterion (groups numbered in order of their root) and the
        pairwise comparisons ``(hi, lo, row)``; other rows go to ``residual``. None when an
        equality is not a tie (the map cannot express it)."""
        parent = list(range(n))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        edges = []
        for r in rows:
            nz = np.flatnonzero(r.coef)
            pattern = len(nz) == 2 and r.rhs == 0 and sorted(r.coef[nz].tolist()) == [-1.0, 1.0]
            if r.eq:
                if not pattern:
                    return None
                a, b = nz
                parent[find(int(a))] = find(int(b))
            elif pattern:
                lo = nz[r.coef[nz] > 0][0]  # w_lo - w_hi <= 0
                hi = nz[r.coef[nz] < 0][0]
                edges.append((hi, lo, r))
            else:
                self.residual.append(r)
        roots = sorted({find(i) for i in range(n)})
        gid = {g: k for k, g in enumerate(roots)}
        return np.array([gid[find(i)] for i in range(n)], dtype=int), edges

    def _link_paths(self, k: int, group: np.ndarray, edges: list[tuple[int, int, Row]]) -> tuple[list[int], list[int]]:
        """Join groups into disjoint paths along the comparisons; a comparison that would branch or
        close a cycle goes to ``residual``."""
        nxt = [-1] * k
        prv = [-1] * k
        head = list(range(k))  # head of the path a group belongs to
        for hi, lo, r in edges:
            g, h = group[hi], group[lo]
            if g == h:
                continue  # tie already implies it
            if nxt[g] == -1 and prv[h] == -1 and head[g] != h:
                nxt[g], prv[h] = h, g
                new_head = head[g]
                x = h
                while x != -1:
                    head[x] = new_head
                    x = nxt[x]
            else:
                self.residual.append(r)
        return nxt, prv

    def draw(self, size: int, rng: np.random.Generator) -> np.ndarray:
        u = rng.standard_exponential((size, self.k))
        u /= u.sum(axis=1, keepdims=True)
        return u @ self.L

    def accept(self, w: np.ndarray) -> np.ndarray:
        if not self.residual:
            return np.ones(len(w), dtype=bool)
        A = np.array([r.coef for r in self.residual])
        b = np.array([r.rhs for r in self.residual])
        return np.all(w @ A.T <= b + 1e-12, axis=1)


def _path_matrix(n: int, k: int, group: np.ndarray, nxt: list[int], prv: list[int]) -> np.ndarray:
    """``L`` of the map ``w = u @ L``: for a path g1 >= g2 >= ... : v_gi = sum_{j>=i} d_j,
    u_j = C_j d_j, C_j = sum_{i<=j} size_gi."""
    size = np.bincount(group, minlength=k).astype(float)
    order = []
    for g in range(k):
        if prv[g] == -1:
            x = g
            while x != -1:
                order.append(x)
                x = nxt[x]
    L = np.zeros((k, n))
    pos = 0
    while pos < k:
        path = [order[pos]]
        while nxt[path[-1]] != -1:
            path.append(nxt[path[-1]])
        C = np.cumsum(size[path])
        for j in range(len(path)):
            for i in range(j + 1):
                L[pos + j, group == path[i]] = 1.0 / C[j]
        pos += len(path)
    return L


def sample_weights(n: int, rows: list[Row], reduced: Reduced, size: int, rng: np.random.Generator,
                   method: str | None = None) -> tuple[np.ndarray, dict]:
    """``size`` weight vectors (size × n) uniform on the polytope, and the sampler's report."""
    info: dict = {"dimension": reduced.dim, "constraints": len(rows)}
    if reduced.implied:
        info["implied_equalities"] = reduced.implied
    if reduced.dim == 0:
        w = np.clip(reduced.x0, 0.0, None)
        w = w / w.sum()
        info.update(method="point", acceptance_rate=1.0)
        return np.tile(w, (size, 1)), info
    cm = ChainMap(n, rows) if not reduced.implied else None
    if method in (None, "exact", "rejection") and cm is not None and cm.ok:
        if not cm.residual:
            info.update(method="exact", acceptance_rate=1.0, chains_in_ranking=cm.chains)
            return cm.draw(size, rng), info
        pilot = cm.draw(min(PILOT, max(size, 1000)), rng)
        rate = float(cm.accept(pilot).mean())
        if rate >= MIN_ACCEPTANCE or (method == "rejection" and rate > 0):
            ok = cm.accept(pilot)
            out = [pilot[ok]]
            have, drawn = int(ok.sum()), len(pilot)
            while have < size:
                batch = int(min(5_000_000 // max(n, 1), math.ceil((size - have) / rate * 1.1) + 100))
                w = cm.draw(batch, rng)
                w = w[cm.accept(w)]
                out.append(w)
                have += len(w)
                drawn += batch
                rate = max(have / drawn, 1e-6)
            info.update(method="rejection", acceptance_rate=round(have / drawn, 6), chains_in_ranking=cm.chains)
            return np.concatenate(out)[:size], info
        info["rejection_acceptance_estimate"] = rate
    w, har_info = hit_and_run(reduced, size, rng)
    info.update(har_info)
    return w, info


# --- hit-and-run --------------------------------------------------------------------------------


def _iact(x: np.ndarray) -> float:
    """Integrated autocorrelation time of chains ``x`` (T × C), averaged over chains (Geyer's
    initial positive sequence on the mean autocovariance)."""
    T = x.shape[0]
    x = x - x.mean(axis=0)
    var = (x * x).mean()
    if var <= 0:
        return 1.0
    f = np.fft.rfft(x, n=2 * T, axis=0)
    acov = np.fft.irfft(f * np.conj(f), axis=0)[:T].mean(axis=1) / T
    rho = acov / acov[0]
    tau = 1.0
    for k in range(1, T - 1, 2):
        pair = rho[k] + rho[k + 1]
        if pair <= 0:
            break
        tau += 2 * pair
    return float(tau)


def split_rhat(chains: np.ndarray) -> float:
    """Max split-R-hat over coordinates; ``chains`` is (T, C, p)."""
    T = chains.shape[0] // 2
    if T < 2:
        return float("nan")
    x = np.concatenate([chains[:T], chains[T:2 * T]], axis=1)  # (T, 2C, p)
    means = x.mean(axis=0)
    W = x.var(axis=0, ddof=1).mean(axis=0)
    B = T * means.var(axis=0, ddof=1)
    var = (T - 1) / T * W + B / T
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.sqrt(np.where(W > 0, var / W, 1.0))
    return float(np.nanmax(r))


def _seeds(rng: np.random.Generator, chains: int) -> np.ndarray:
    return rng.integers(1, 2**63 - 1, size=chains, dtype=np.int64).astype(np.uint64)


def _advance(Y: np.ndarray, S: np.ndarray, Gy: np.ndarray, steps: int, rng: np.random.Generator, coordinate: bool,
             keep_every: int = 0) -> np.ndarray:
    from regiokompas.engine._har import run_chains
    from regiokompas.engine._kernels import LOCK

    C, d = Y.shape
    out = np.empty((steps // keep_every if keep_every else 0, C, d))
    seeds = _seeds(rng, C)
    Gt = np.ascontiguousarray(Gy.T)
    big = np.abs(Gt) > 1e-14
    Ginv = np.where(big, 1.0 / np.where(big, Gt, 1.0), 0.0)
    with LOCK:
        run_chains(Y, S, np.ascontiguousarray(Gy), Gt, Ginv, int(steps), int(keep_every), out, seeds, bool(coordinate))
    return out


def hit_and_run(red: Reduced, size: int, rng: np.random.Generator, thin: int | None = None,
                coordinate: bool = COORDINATE) -> tuple[np.ndarray, dict]:
    """Uniform samples from ``G z <= h`` by (coordinate) hit-and-run with rounding."""
    d = red.dim
    G, h = red.G, red.h - red.G @ red.centre  # coordinates relative to the centre
    # Pilot chains from the centre; two rounds of rounding by the sample covariance.
    C0 = 64
    L: np.ndarray = np.eye(d)
    Y = np.zeros((C0, d))
    for _ in range(2):
        Gy = np.ascontiguousarray(G @ L)
        S = h - Y @ Gy.T
        T0 = 20 * d + 100
        keep = _advance(Y, S, Gy, T0, rng, coordinate, 1)
        pts = keep[T0 // 2:] @ L.T  # back to z
        cov = np.atleast_2d(np.cov(pts.reshape(-1, d), rowvar=False))
        try:
            L_new = np.linalg.cholesky(cov + 1e-12 * max(np.trace(cov), 1e-300) * np.eye(d))
        except np.linalg.LinAlgError:  # pragma: no cover - degenerate pilot
            break
        Y = np.linalg.solve(L_new, (Y @ L.T).T).T
        L = L_new
    Gy = np.ascontiguousarray(G @ L)
    # Diagnostics pilot: integrated autocorrelation time of the weights along the chains.
    T1 = max(400, 40 * d)
    S = h - Y @ Gy.T
    keep = _advance(Y, S, Gy, T1, rng, coordinate, 1)
    w_pilot = red.to_weights(red.centre + keep @ L.T)
    tau = max(_iact(w_pilot[..., j]) for j in range(w_pilot.shape[-1]))
    if thin is None:
        thin = int(min(max(1, math.ceil(tau)), 100 * d))
    chains = int(min(MAX_CHAINS, max(4, math.ceil(size / 400))))
    per_chain = math.ceil(size / chains)
    burn = max(2 * thin, 50)
    Y = Y[rng.integers(0, C0, chains)].copy()
    S = h - Y @ Gy.T
    _advance(Y, S, Gy, burn, rng, coordinate)
    S = h - Y @ Gy.T
    keep = _advance(Y, S, Gy, per_chain * thin, rng, coordinate, thin)
    w = red.to_weights(red.centre + keep @ L.T)  # (per_chain, chains, n)
    rhat = split_rhat(w) if per_chain >= 4 else float("nan")
    sub = w[:1000, :64]
    tau_kept = max(_iact(sub[..., j]) for j in range(w.shape[-1])) if per_chain >= 8 else 1.0
    info = {
        "method": "hit_and_run",
        "directions": "coordinate (CHRR)" if coordinate else "sphere",
        "chains": chains,
        "thinning": thin,
        "burn_in": burn,
        "steps": chains * (burn + per_chain * thin) + C0 * (2 * (20 * d + 100) + T1),
        "pilot_autocorrelation_time": round(tau, 3),
        "rhat_max": round(rhat, 4) if math.isfinite(rhat) else None,
        "effective_sample_size": int(size / max(tau_kept, 1.0)),
        "chebyshev_radius": red.radius,
    }
    return w.reshape(-1, w.shape[-1])[:size], info


def dirichlet(size: int, n: int, rng: np.random.Generator) -> np.ndarray:
    u = rng.standard_exponential((size, n))
    u /= u.sum(axis=1, keepdims=True)
    return u
