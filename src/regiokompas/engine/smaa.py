"""SMAA-2 indices, computed chunk by chunk with batch-means Monte-Carlo standard errors.

Tie policy: alternatives whose values differ by at most ``TIE_TOL`` share the ranks they occupy
equally (two alternatives tied for first each get half of rank 1 and half of rank 2), and in
pairwise winning indices a tie counts as half a win for each. With continuous measurements ties
have probability zero; with exact measurements they happen (e.g. identical alternatives).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

TIE_TOL = 1e-12
MAX_RANKING_ENTROPY_ALTERNATIVES = 12


def n_batches(size: int) -> int:
    return int(max(2, min(25, size // 20)))


def batch_ids(start: int, stop: int, size: int, batches: int) -> np.ndarray:
    return (np.arange(start, stop) * batches) // size


@dataclass
class Tally:
    """Sums over samples, per batch where a standard error is needed."""

    m: int
    n: int
    size: int
    batches: int
    rank: np.ndarray = None  # (B, m, m) counts: alternative, rank
    batch_n: np.ndarray = None  # (B,)
    first_weights: np.ndarray = None  # (m, n): sum of weights where alternative is first
    beats: np.ndarray = None  # (m, m): i beats j
    rankings: dict = field(default_factory=dict)

    def __post_init__(self):
        self.rank = np.zeros((self.batches, self.m, self.m))
        self.batch_n = np.zeros(self.batches)
        self.first_weights = np.zeros((self.m, self.n))
        self.beats = np.zeros((self.m, self.m))


def rank_shares(vals: np.ndarray):
    """For values (c × m): (g, e, gt, eq) with g = number strictly better, e = number tied
    (including itself), and the (c × m × m) comparison tensors."""
    diff = vals[:, None, :] - vals[:, :, None]  # [s, i, j] = v_j - v_i
    gt = diff > TIE_TOL
    eq = np.abs(diff) <= TIE_TOL
    return gt.sum(axis=2), eq.sum(axis=2), gt, eq


def add_chunk(t: Tally, vals: np.ndarray, W: np.ndarray, bid: np.ndarray) -> None:
    c, m = vals.shape
    g, e, gt, eq = rank_shares(vals)
    B = t.batches
    base = (bid[:, None] * m + np.arange(m)[None, :]) * m  # (c, m)
    if e.max() == 1:
        t.rank += np.bincount((base + g).ravel(), minlength=B * m * m).reshape(B, m, m)
        first = (g == 0).astype(float)
    else:
        inv = 1.0 / e
        for k in range(int(e.max())):
            mask = e > k
            t.rank += np.bincount((base + g + k)[mask], weights=inv[mask], minlength=B * m * m).reshape(B, m, m)
        first = np.where(g == 0, inv, 0.0)
    t.batch_n += np.bincount(bid, minlength=B)
    t.first_weights += first.T @ W if W.ndim == 2 else np.outer(first.sum(axis=0), W)
    # beats[i, j] = #(v_i > v_j) + 0.5 #(tie, i != j);  gt[s, j, i] = v_i > v_j
    t.beats += gt.sum(axis=0).T + 0.5 * (eq.sum(axis=0) - np.diag(np.full(m, c)))
    if m <= MAX_RANKING_ENTROPY_ALTERNATIVES:
        order = np.argsort(-vals, axis=1, kind="stable")
        codes = order @ (m ** np.arange(m, dtype=np.int64))
        u, cnt = np.unique(codes, return_counts=True)
        for code, k in zip(u.tolist(), cnt.tolist(), strict=True):
            t.rankings[code] = t.rankings.get(code, 0) + k


def _segments(a: int, b: int, size: int, batches: int):
    """Pieces of chunk [a, b) that lie in one batch: (starts, stops, batch ids), chunk-relative."""
    bid = batch_ids(a, b, size, batches)
    cuts = np.flatnonzero(np.diff(bid)) + 1
    starts = np.concatenate([[0], cuts]).astype(np.int64)
    stops = np.concatenate([cuts, [b - a]]).astype(np.int64)
    # split long pieces so both cores get work
    s2, e2, b2 = [], [], []
    for s, e in zip(starts, stops, strict=True):
        step = max(1, (e - s + 3) // 4)
        for x in range(s, e, step):
            s2.append(x)
            e2.append(min(x + step, e))
            b2.append(bid[s])
    return np.array(s2, np.int64), np.array(e2, np.int64), np.array(b2, np.int64)


def run_pass(W: np.ndarray, values: Callable, chunks: list[tuple[int, int]], m: int, n: int, size: int) -> Tally:
    """Accumulate SMAA-2 over ``chunks``; ``values(k)`` gives chunk ``k``'s values (m × n × c) or a
    fixed (m × n) matrix; ``W`` is (size × n)."""
    from regiokompas.engine import _kernels

    t = Tally(m, n, size, n_batches(size))
    B = t.batches
    rank = np.zeros((B, m, m))
    first_w = np.zeros((B, m, n))
    beats = np.zeros((B, m, m))
    want = m <= MAX_RANKING_ENTROPY_ALTERNATIVES
    for k, (a, b) in enumerate(chunks):
        V = values(k)
        fixed = V.ndim == 2
        V3 = V[:, :, None] if fixed else V
        starts, stops, bids = _segments(a, b, size, B)
        Q = len(starts)
        rank_q = np.zeros((Q, m, m))
        first_q = np.zeros((Q, m, n))
        beats_q = np.zeros((Q, m, m))
        codes = np.zeros(b - a if want else 1, dtype=np.int64)
        _kernels.rank_pass(V3, fixed, np.ascontiguousarray(W[a:b]), starts, stops, TIE_TOL, want,
                           rank_q, first_q, beats_q, codes)
        for q in range(Q):  # fixed order: reproducible sums
            rank[bids[q]] += rank_q[q]
            first_w[bids[q]] += first_q[q]
            beats[bids[q]] += beats_q[q]
        t.batch_n += np.bincount(batch_ids(a, b, size, B), minlength=B)
        if want:
            u, cnt = np.unique(codes, return_counts=True)
            for code, c in zip(u.tolist(), cnt.tolist(), strict=True):
                t.rankings[code] = t.rankings.get(code, 0) + c
    t.rank = rank
    t.first_weights = first_w.sum(axis=0)
    t.beats = beats.sum(axis=0)
    return t


def confidence_pass(cw: np.ndarray, values: Callable, chunks, m: int, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Confidence factors: for each alternative k (row of ``cw``, NaN rows skipped), the share of
    measurement samples in which k is best at weights ``cw[k]``; with batch-means SE."""
    from regiokompas.engine import _kernels

    B = n_batches(size)
    wins = np.zeros((B, m))
    counts = np.zeros(B)
    ok = ~np.isnan(cw).any(axis=1)
    cwz = np.where(ok[:, None], cw, 0.0)
    for k, (a, b) in enumerate(chunks):
        V = values(k)
        fixed = V.ndim == 2
        starts, stops, bids = _segments(a, b, size, B)
        wins_q = np.zeros((len(starts), m))
        _kernels.confidence_pass(V[:, :, None] if fixed else V, fixed, cwz, ok, starts, stops, TIE_TOL, wins_q)
        for q in range(len(starts)):
            wins[bids[q]] += wins_q[q]
        counts += np.bincount(batch_ids(a, b, size, B), minlength=B)
    per_batch = wins / counts[:, None]
    cf = wins.sum(axis=0) / counts.sum()
    se = per_batch.std(axis=0, ddof=1) / np.sqrt(B)
    cf[~ok] = np.nan
    se[~ok] = np.nan
    return cf, se


@dataclass
class Indices:
    ra: np.ndarray  # (m, m)
    ra_batches: np.ndarray  # (B, m, m)
    cw: np.ndarray  # (m, n), NaN where never first
    first_weights: np.ndarray  # (m, n) mean over all samples (for pooling)
    pairwise: np.ndarray  # (m, m)
    rankings: dict


def indices(t: Tally) -> Indices:
    total = t.batch_n.sum()
    ra = t.rank.sum(axis=0) / total
    ra_b = t.rank / t.batch_n[:, None, None]
    with np.errstate(invalid="ignore", divide="ignore"):
        cw = t.first_weights / (ra[:, 0:1] * total)
    cw[ra[:, 0] <= 0] = np.nan
    return Indices(ra, ra_b, cw, t.first_weights / total, t.beats / total, dict(t.rankings))


def holistic_weights(m: int) -> np.ndarray:
    """Linear meta-weights (Lahdelma & Salminen 2001): 1 for rank 1 down to 0 for rank m."""
    if m == 1:
        return np.ones(1)
    return (m - 1 - np.arange(m)) / (m - 1)


def batch_se(x_b: np.ndarray) -> np.ndarray:
    B = x_b.shape[0]
    return x_b.std(axis=0, ddof=1) / np.sqrt(B)


def entropy_bits(p: np.ndarray, axis=-1) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, -p * np.log2(p), 0.0)
    return terms.sum(axis=axis)
