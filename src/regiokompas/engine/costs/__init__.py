"""Financial consequences of execution variants: cost items, allocation keys, Monte Carlo over
cost ranges, coalitions (Shapley division, core check), exit fees and shared-organisation splits.

Pure Python + NumPy; no Django. Input is a JSON-able dict (schema ``regiokompas.costs/1``), see
docs/costs.md. Every invalid input raises :class:`CostError` with Dutch messages.
"""

from collections.abc import Sequence

from regiokompas.engine.costs.errors import CostError
from regiokompas.engine.costs.exit import (
    custom_schedule,
    declining_schedule,
    direct_damage_schedule,
    exit_effect,
    shared_organisation_split,
)
from regiokompas.engine.costs.game import blocking_coalitions, shapley, subset_sums
from regiokompas.engine.costs.keys import allocate, shares
from regiokompas.engine.costs.model import SCHEMA, CostModel, parse_model
from regiokompas.engine.costs.simulate import (
    VERSION,
    as_criterion,
    coalition_game,
    expected_contributions,
    pert_samples,
    simulate,
)


def compute(data: dict, *, samples: int = 10_000, seed: int = 0, coalition: Sequence[str] | None = None,
            variants: Sequence[str] | None = None) -> dict:
    """Parse ``data`` and simulate: the one call the app and the CLI use."""
    return simulate(parse_model(data), samples=samples, seed=seed, coalition=coalition, variants=variants)


__all__ = [
    "SCHEMA", "VERSION", "CostError", "CostModel", "allocate", "as_criterion", "blocking_coalitions",
    "coalition_game", "compute", "custom_schedule", "declining_schedule", "direct_damage_schedule",
    "exit_effect", "expected_contributions", "parse_model", "pert_samples", "shapley",
    "shared_organisation_split", "shares", "simulate", "subset_sums",
]
