"""Allocation keys: shares of a cost over the municipalities that pay it.

A key gives every payer a non-negative weight; the shares are the weights divided by their sum,
so they always add up to one and the contributions to the total. For a subset of the original
participants (a coalition, an exit) the same weights are renormalised over the subset: fixed
percentages of 100 % over four municipalities become percentages of the remaining share.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from regiokompas.engine.costs.errors import CostError
from regiokompas.engine.costs.model import CostModel, Key


def _weights(model_keys: dict[str, Key], key: Key, payers: Sequence[str]) -> np.ndarray:
    if key.method == "equal":
        return np.ones(len(payers))
    if key.method == "fixed_plus_variable":
        assert key.fixed_key is not None and key.variable_key is not None  # parse_model refuses a key without parts
        fixed = shares(model_keys, model_keys[key.fixed_key], payers)
        variable = shares(model_keys, model_keys[key.variable_key], payers)
        return key.fixed_fraction * fixed + (1.0 - key.fixed_fraction) * variable
    try:
        return np.array([key.values[p] for p in payers], dtype=float)
    except KeyError as exc:
        raise CostError([{"key": "key_incomplete", "message": f"Verdeelsleutel '{key.name}' heeft geen waarde voor {exc.args[0]}.",
                          "path": f"keys.{key.id}"}]) from None


def shares(model_keys: dict[str, Key], key: Key, payers: Sequence[str]) -> np.ndarray:
    """Shares (summing to 1) of ``payers`` under ``key``, in the order given. Shape ``(len(payers),)``."""
    if not payers:
        return np.zeros(0)
    w = _weights(model_keys, key, payers)
    total = w.sum()
    if total <= 0:
        raise CostError([{"key": "key_zero", "message": f"Verdeelsleutel '{key.name}' verdeelt niets: alle waarden voor "
                          f"{', '.join(payers)} zijn 0.", "path": f"keys.{key.id}"}])
    return w / total


def allocate(model_keys: dict[str, Key], key: Key, payers: Sequence[str], amount: float) -> dict[str, float]:
    """Split ``amount`` over ``payers`` by ``key``; the parts add up to ``amount``."""
    s = shares(model_keys, key, payers)
    return {p: float(amount * x) for p, x in zip(payers, s, strict=True)}


def share_table(model: CostModel, key: Key, payers: Sequence[str]) -> dict[str, float]:
    """Shares per municipality code (for display)."""
    return dict(zip(payers, (float(x) for x in shares(model.keys, key, payers)), strict=True))
