"""SMAA-2 indices, computed chunk by chunk with batch-means Monte-Carlo standard errors.

Tie policy: alternatives whose values differ by at most ``TIE_TOL`` share the ranks they occupy
equally (two alternatives tied for first each get half of rank 1 and half of rank 2), and in
pairwise winning indices a tie counts as half a win for each. With continuous measurements ties
have probability zero; with exact measurements they happen (e.g. identical alternatives).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

TIE_TOL = 1e-12
MAX_RANKING_ENTROPY_ALTERNATIVES = 12


def n_batches(size: int) -> int:
    return int(max(2, min(25, size // 20)))


def batch_ids(start: int, stop: int, size: int, batches: int) -> np.ndarray:
    return (np.arange(start, stop) * batches) // size


@dataclass
class Tally:
    """Sums over samples per batch (batch means give the standard errors)."""

    m: int
    n: int
    size: int
    batches: int
    rank: np.ndarray  # (B, m, m): alternative, rank
    batch_n: np.ndarray  # (B,)
    first_weights: np.ndarray  # (B, m, n): sum of weights where the alternative is first
    beats: np.ndarray  # (B, m, m): i beats j
    rankings: dict = field(default_factory=dict)


def _segments(a: int, b: int, size: int, batches: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
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


def run_pass(W: np.ndarray, values: Any, chunks: list[tuple[int, int]], m: int, n: int, size: int) -> Tally:
    """Accumulate SMAA-2 over ``chunks``; ``values(k)`` gives chunk ``k``'s values (m × n × c) or a
    fixed (m × n) matrix; ``W`` is (size × n)."""
    from regiokompas.engine import _kernels

    B = n_batches(size)
    t = Tally(m, n, size, B, np.zeros((B, m, m)), np.zeros(B), np.zeros((B, m, n)), np.zeros((B, m, m)))
    rank, first_w, beats = t.rank, t.first_weights, t.beats
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
        with _kernels.LOCK:
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
    return t


def confidence_pass(cw: np.ndarray, values: Any, chunks: Any, m: int, size: int) -> tuple[np.ndarray, np.ndarray]:
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
        with _kernels.LOCK:
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
    """Per-batch means of the SMAA-2 sums; every index and its standard error derive from them,
    and a mixture (pooled analysis) is a weighted sum of them."""

    batch_n: np.ndarray  # (B,)
    ra_batches: np.ndarray  # (B, m, m)
    fw_batches: np.ndarray  # (B, m, n): mean of weight × first-rank share
    pw_batches: np.ndarray  # (B, m, m)
    rankings: dict

    def _mean(self, x: np.ndarray) -> np.ndarray:
        return np.tensordot(self.batch_n / self.batch_n.sum(), x, axes=1)

    @property
    def ra(self) -> np.ndarray:
        return self._mean(self.ra_batches)

    @property
    def first_weights(self) -> np.ndarray:
        return self._mean(self.fw_batches)

    @property
    def pairwise(self) -> np.ndarray:
        return self._mean(self.pw_batches)

    @property
    def pairwise_se(self) -> np.ndarray:
        return batch_se(self.pw_batches)

    @property
    def cw(self) -> np.ndarray:
        ra = self.ra
        with np.errstate(invalid="ignore", divide="ignore"):
            cw = self.first_weights / ra[:, 0:1]
        cw[ra[:, 0] <= 0] = np.nan
        return cw

    @property
    def cw_se(self) -> np.ndarray:
        """Batch-means standard error of the central weights (ratio estimate per batch; batches in
        which the alternative is never first are left out)."""
        with np.errstate(invalid="ignore", divide="ignore"):
            cw_b = self.fw_batches / self.ra_batches[:, :, 0:1]
        cw_b[self.ra_batches[:, :, 0] <= 0] = np.nan
        k = np.sum(~np.isnan(cw_b), axis=0)
        se = np.full(cw_b.shape[1:], np.nan)
        ok = k >= 2
        if ok.any():
            with np.errstate(invalid="ignore", divide="ignore"):
                full = np.nanstd(np.where(ok[None], cw_b, 0.0), axis=0, ddof=1) / np.sqrt(np.maximum(k, 1))
            se[ok] = full[ok]
        return se

    def mix(self, weights: Any, others: Any) -> Indices:
        """The weighted mixture of ``others`` (Indices on the same batches)."""
        rankings: dict = {}
        for w, ind in zip(weights, others, strict=True):
            for code, c in ind.rankings.items():
                rankings[code] = rankings.get(code, 0.0) + w * c
        return Indices(self.batch_n,
                       sum(w * o.ra_batches for w, o in zip(weights, others, strict=True)),
                       sum(w * o.fw_batches for w, o in zip(weights, others, strict=True)),
                       sum(w * o.pw_batches for w, o in zip(weights, others, strict=True)),
                       rankings)


def indices(t: Tally) -> Indices:
    nb = t.batch_n[:, None, None]
    return Indices(t.batch_n, t.rank / nb, t.first_weights / nb, t.beats / nb, dict(t.rankings))


def holistic_weights(m: int) -> np.ndarray:
    """Linear meta-weights (Lahdelma & Salminen 2001): 1 for rank 1 down to 0 for rank m."""
    if m == 1:
        return np.ones(1)
    return (m - 1 - np.arange(m)) / (m - 1)


def batch_se(x_b: np.ndarray) -> np.ndarray:
    B = x_b.shape[0]
    return x_b.std(axis=0, ddof=1) / np.sqrt(B)


def entropy_bits(p: np.ndarray, axis: int = -1) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, -p * np.log2(p), 0.0)
    return terms.sum(axis=axis)


def entropy_se(ra_batches: np.ndarray) -> np.ndarray:
    """Delta-method standard error of each alternative's rank entropy (bits) from the batch
    covariance of its rank acceptabilities."""
    B, m, _ = ra_batches.shape
    p = ra_batches.mean(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        g = np.where(p > 0, -(np.log2(p) + 1 / np.log(2)), 0.0)  # dH/dp
    out = np.empty(m)
    for i in range(m):
        cov = np.atleast_2d(np.cov(ra_batches[:, i, :], rowvar=False)) if B > 1 else np.zeros((m, m))
        out[i] = np.sqrt(max(float(g[i] @ cov @ g[i]), 0.0) / B)
    return out
