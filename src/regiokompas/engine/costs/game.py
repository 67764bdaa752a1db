"""Cooperative-game tools over coalitions of at most :data:`MAX_PLAYERS` municipalities.

A game is a NumPy array ``v`` of length ``2**n``: ``v[mask]`` is the value of the coalition whose
members are the set bits of ``mask`` (bit ``i`` is player ``i``); ``v[0]`` is 0. Shapley values
are computed exactly with the subset formula, vectorised per player (O(n 2^n)).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from regiokompas.engine.costs.errors import CostError

MAX_PLAYERS = 20


def check_size(n: int) -> None:
    if n > MAX_PLAYERS:
        raise CostError([{"key": "too_many_players", "path": "coalition",
                          "message": f"Een exacte Shapley-verdeling kan voor ten hoogste {MAX_PLAYERS} deelnemers "
                                     f"(gevraagd: {n})."}])


def subset_sums(values: Sequence[float] | np.ndarray) -> np.ndarray:
    """``out[mask] = sum(values[i] for i in mask)`` for every mask; shape ``(2**n,)``."""
    out = np.zeros(1)
    for v in values:
        out = np.concatenate([out, out + float(v)])
    return out


def popcounts(n: int) -> np.ndarray:
    return subset_sums(np.ones(n)).astype(np.int64)


def shapley(v: np.ndarray) -> np.ndarray:
    """Exact Shapley values of the game ``v`` (length ``2**n``). Shape ``(n,)``; they sum to ``v[-1] - v[0]``."""
    size = len(v)
    n = size.bit_length() - 1
    if size != 1 << n:
        raise ValueError("game length must be a power of two")
    check_size(n)
    if n == 0:
        return np.zeros(0)
    pc = popcounts(n)
    # weight of a coalition of size s not containing i: s! (n-s-1)! / n!  =  1 / (n * C(n-1, s))
    weights = np.array([1.0 / (n * math.comb(n - 1, s)) for s in range(n)])
    phi = np.empty(n)
    for i in range(n):
        blocks = v.reshape(-1, 2, 1 << i)
        sizes = pc.reshape(-1, 2, 1 << i)[:, 0, :]
        phi[i] = float(np.sum(weights[sizes] * (blocks[:, 1, :] - blocks[:, 0, :])))
    return phi


def blocking_coalitions(allocation: Sequence[float] | np.ndarray, stand_alone: np.ndarray, *, limit: int = 5,
                        tolerance: float | None = None) -> tuple[int, list[tuple[int, float]]]:
    """Proper coalitions S whose members together pay more than ``stand_alone[S]`` under ``allocation``.

    ``stand_alone`` is a cost game (length ``2**n``). Returns the number of such coalitions and the
    ``limit`` largest as ``(mask, excess)``, excess = paid - stand-alone cost > 0.
    """
    n = len(allocation)
    check_size(n)
    paid = subset_sums(allocation)
    excess = paid - stand_alone
    if tolerance is None:
        tolerance = 1e-9 * max(1.0, float(np.max(np.abs(stand_alone))))
    excess[0] = 0.0
    excess[-1] = 0.0  # the grand coalition pays its own cost by construction
    blocking = np.flatnonzero(excess > tolerance)
    order = blocking[np.argsort(-excess[blocking], kind="stable")][:limit]
    return int(blocking.size), [(int(mask), float(excess[mask])) for mask in order]


def members(mask: int, players: Sequence[str]) -> list[str]:
    return [p for i, p in enumerate(players) if mask >> i & 1]


LEAST_CORE_MAX_PLAYERS = 14


def least_core(stand_alone: np.ndarray, total: float | None = None) -> tuple[float, np.ndarray] | None:
    """The least-core division of the cost game ``stand_alone`` (length ``2**n``).

    Finds the allocation x with sum ``total`` (what is shared: by default ``stand_alone[-1]``; pass the
    cost of the grand coalition when ``stand_alone`` is the cheaper of doing it together and keeping the
    current situation, so that the division adds up to the cost that is shared) that maximises the smallest margin
    ``stand_alone[S] - x(S)`` over proper coalitions S. Returns ``(margin, x)``; the core is
    non-empty exactly when margin >= 0 (then x lies in it). ``None`` above
    :data:`LEAST_CORE_MAX_PLAYERS` players (the linear programme grows with 2^n) or if the solver fails.
    """
    from scipy.optimize import linprog  # SciPy only for this optional step

    n = len(stand_alone).bit_length() - 1
    total = float(stand_alone[-1]) if total is None else float(total)
    if n == 0 or n > LEAST_CORE_MAX_PLAYERS:
        return None
    masks = np.arange(1, (1 << n) - 1)
    bits = ((masks[:, None] >> np.arange(n)[None, :]) & 1).astype(float)
    # variables: x_1..x_n, eps; maximise eps  <=>  minimise -eps
    a_ub = np.hstack([bits, np.ones((len(masks), 1))])          # x(S) + eps <= c(S)
    b_ub = stand_alone[masks]
    a_eq = np.hstack([np.ones((1, n)), np.zeros((1, 1))])
    cost = np.zeros(n + 1)
    cost[-1] = -1.0
    if len(masks) == 0:
        return 0.0, np.array([total])
    res = linprog(cost, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=[total], bounds=[(None, None)] * (n + 1),
                  method="highs")
    if not res.success:
        return None
    return float(res.x[-1]), np.asarray(res.x[:n])
