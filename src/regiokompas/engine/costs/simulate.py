"""Contributions per municipality per year per variant, with uncertainty, and the coalition game.

Uncertainty: each cost item's annual amount is drawn once per sample from a PERT distribution
over its low / most likely / high range and applies to all its years (an estimate that is too
low is too low every year). Draws come from ``numpy.random.default_rng([seed, crc32(id)])`` per
variant and for the current situation, so a variant's result does not depend on which other
variants are computed, and the same seed gives identical results.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from regiokompas import formatting
from regiokompas.engine.costs import game
from regiokompas.engine.costs.errors import CostError
from regiokompas.engine.costs.keys import share_table, shares
from regiokompas.engine.costs.model import CATEGORIES, CostItem, CostModel, Range, Variant

VERSION = "1"
PERCENTILES = (5, 50, 95)
MAX_SAMPLES = 1_000_000


def pert_samples(rng: np.random.Generator, ranges: Sequence[Range], samples: int) -> np.ndarray:
    """PERT draws, shape ``(samples, len(ranges))``; a range with low == high is that constant."""
    out = np.empty((samples, len(ranges)))
    for j, r in enumerate(ranges):
        width = r.high - r.low
        if width <= 0:
            out[:, j] = r.likely
            continue
        alpha = 1.0 + 4.0 * (r.likely - r.low) / width
        beta = 1.0 + 4.0 * (r.high - r.likely) / width
        out[:, j] = r.low + width * rng.beta(alpha, beta, size=samples)
    return out


def _rng(seed: int, label: str) -> np.random.Generator:
    return np.random.default_rng([int(seed), zlib.crc32(label.encode("utf-8"))])


def variant_draws(model: CostModel, variant: Variant, samples: int, seed: int) -> np.ndarray:
    """The Monte Carlo draws of a variant's items, shape ``(samples, items)``. Every computation that
    reports uncertainty for this variant (contributions, coalition game, exit) uses exactly these."""
    if not variant.items:
        return np.zeros((samples, 0))
    return pert_samples(_rng(seed, f"variant:{variant.id}"), [it.amount for it in variant.items], samples)


def baseline_draws(model: CostModel, samples: int, seed: int) -> np.ndarray | None:
    """Draws of each municipality's current annual cost, shape ``(samples, municipalities)``."""
    if not model.baseline:
        return None
    ranges = [model.baseline.get(c, Range(0.0, 0.0, 0.0)) for c in model.municipalities]
    return pert_samples(_rng(seed, "baseline"), ranges, samples)


def sampled_contributions(model: CostModel, variant: Variant, coalition: Sequence[str], draws: np.ndarray) -> np.ndarray:
    """Euros per sample, year and municipality, shape ``(samples, years, municipalities)``."""
    samples = draws.shape[0]
    if not variant.items:
        return np.zeros((samples, model.years, len(model.municipalities)))
    tensor = allocation_tensor(model, variant, coalition)
    return (draws @ tensor.reshape(len(variant.items), -1)).reshape(samples, model.years, len(model.municipalities))


def validate_coalition(model: CostModel, coalition: Sequence[str] | None) -> tuple[str, ...]:
    if coalition is None:
        return model.municipalities
    unknown = [code for code in coalition if code not in model.names]
    if unknown:
        raise CostError([{"key": "unknown_municipality", "path": "coalition",
                          "message": f"Onbekende gemeente in de coalitie: {', '.join(unknown)}."}])
    if not coalition:
        raise CostError([{"key": "empty_coalition", "path": "coalition", "message": "De coalitie bevat geen gemeenten."}])
    if len(set(coalition)) != len(coalition):
        raise CostError([{"key": "duplicate", "path": "coalition", "message": "Een gemeente staat twee keer in de coalitie."}])
    order = {code: i for i, code in enumerate(model.municipalities)}
    return tuple(sorted(coalition, key=order.__getitem__))


def _payers(model: CostModel, item: CostItem, coalition: Sequence[str]) -> tuple[str, ...]:
    candidates = item.members or model.municipalities
    if item.binding:
        return tuple(candidates)
    inside = set(coalition)
    return tuple(code for code in candidates if code in inside)


def _scale(model: CostModel, item: CostItem, payers: Sequence[str]) -> float:
    """Multiplier on the item's drawn amount for these payers (fixed: 1; variable: by driver volume)."""
    if not payers:
        return 0.0
    if item.behaviour == "fixed":
        return 1.0
    values = model.drivers[str(item.driver)].values  # a variable item has a known driver (parse_model)
    reference = sum(values.get(code, 0.0) for code in (item.members or model.municipalities))
    volume = sum(values.get(code, 0.0) for code in payers)
    if reference <= 0:
        return 0.0
    ratio = (volume / reference) ** item.scale_exponent
    return reference * ratio if item.per_unit else ratio


def year_factors(model: CostModel, item: CostItem) -> np.ndarray:
    """Per horizon year: 0 outside the item's years, the indexation factor inside. Shape ``(years,)``."""
    years = np.arange(model.start_year, model.start_year + model.years)
    rate = model.indexation if item.indexation is None else item.indexation
    active = (years >= (item.first_year or model.start_year)) & (years <= (item.last_year or model.start_year + model.years - 1))
    return np.where(active, (1.0 + rate) ** (years - model.start_year), 0.0)


def allocation_tensor(model: CostModel, variant: Variant, coalition: Sequence[str]) -> np.ndarray:
    """``A[i, y, m]``: euros municipality ``m`` pays in year ``y`` per euro of item ``i``'s amount.

    Shape ``(items, years, municipalities)`` in model order; contributions = draws @ A.
    """
    n_m = len(model.municipalities)
    index = {code: j for j, code in enumerate(model.municipalities)}
    out = np.zeros((len(variant.items), model.years, n_m))
    for i, item in enumerate(variant.items):
        payers = _payers(model, item, coalition)
        scale = _scale(model, item, payers)
        if scale == 0.0:
            continue
        share_vec = np.zeros(n_m)
        for code, s in zip(payers, shares(model.keys, model.key_for(variant, item), payers), strict=True):
            share_vec[index[code]] = s
        out[i] = np.outer(year_factors(model, item) * scale, share_vec)
    return out


def expected_contributions(model: CostModel, variant: Variant, coalition: Sequence[str]) -> np.ndarray:
    """Expected euros per year per municipality (PERT means), shape ``(years, municipalities)``."""
    means = np.array([item.amount.mean for item in variant.items])
    if not variant.items:
        return np.zeros((model.years, len(model.municipalities)))
    return np.tensordot(means, allocation_tensor(model, variant, coalition), axes=1)


def baseline_factors(model: CostModel) -> np.ndarray:
    return (1.0 + model.indexation) ** np.arange(model.years)


def _percentiles(x: np.ndarray) -> np.ndarray:
    """``np.percentile(x, PERCENTILES, axis=0)`` (linear interpolation), computed by one sort along a
    contiguous axis: several times faster than numpy's multi-kth partition along axis 0."""
    ordered = np.sort(np.ascontiguousarray(x.reshape(x.shape[0], -1).T), axis=1)
    n = ordered.shape[1]
    out = []
    for q in PERCENTILES:
        pos = q / 100.0 * (n - 1)
        lo = int(np.floor(pos))
        hi = min(lo + 1, n - 1)
        frac = pos - lo
        out.append(ordered[:, lo] + (ordered[:, hi] - ordered[:, lo]) * frac)
    return np.stack(out).reshape((len(PERCENTILES), *x.shape[1:]))


def _stats(x: np.ndarray) -> dict:
    """Mean, standard error and percentiles over axis 0, as lists."""
    p = _percentiles(x)
    return {
        "mean": np.mean(x, axis=0).tolist(),
        "se": (np.std(x, axis=0) / np.sqrt(x.shape[0])).tolist(),
        "p05": p[0].tolist(), "p50": p[1].tolist(), "p95": p[2].tolist(),
    }


def _scalar_stats(x: np.ndarray) -> dict:
    s = _stats(x)
    return {k: float(v) for k, v in s.items()}


def range_stats(x: np.ndarray) -> dict:
    """Mean, 5th, 50th and 95th percentile of a sample vector, shape ``(samples,)``."""
    x = np.asarray(x, dtype=float)
    p = _percentiles(x[:, None])[:, 0]
    return {"mean": float(np.mean(x)), "p05": float(p[0]), "p50": float(p[1]), "p95": float(p[2])}


def band_stats(x: np.ndarray) -> dict:
    """Per column of ``(samples, k)``: mean, 5th and 95th percentile as lists."""
    p = _percentiles(x)
    return {"mean": np.mean(x, axis=0).tolist(), "p05": p[0].tolist(), "p50": p[1].tolist(), "p95": p[2].tolist()}


@dataclass(frozen=True)
class CoalitionGame:
    players: tuple[str, ...]
    cost: np.ndarray          # expected horizon cost of each sub-coalition doing the variant, (2**n,)
    stand_alone: np.ndarray | None  # expected horizon cost of the current situation, (2**n,)


def item_games(model: CostModel, variant: Variant, players: Sequence[str]) -> Any:
    """Per item the horizon cost of every sub-coalition of ``players`` per euro of the item's annual
    amount: yields ``(index, game)`` with ``game`` of length ``2**n`` (0 for the empty coalition).
    The variant's cost game is the sum of the item games weighted by the item amounts, so it is
    linear in the draws and so is its Shapley division."""
    players = tuple(players)
    size = 1 << len(players)
    for i, item in enumerate(variant.items):
        horizon = float(year_factors(model, item).sum())
        if horizon == 0.0:
            continue
        if item.binding:
            # paid by its members whoever cooperates: each member's fixed part enters its coalitions
            payers = tuple(item.members or model.municipalities)
            part = shares(model.keys, model.key_for(variant, item), payers) * horizon * _scale(model, item, payers)
            by_code = dict(zip(payers, part, strict=True))
            yield i, game.subset_sums([by_code.get(p, 0.0) for p in players])
            continue
        member_set = set(item.members or model.municipalities)
        in_item = [p in member_set for p in players]
        if item.behaviour == "fixed":
            touched = game.subset_sums([1.0 if x else 0.0 for x in in_item]) > 0
            yield i, horizon * touched
            continue
        values = model.drivers[str(item.driver)].values
        reference = sum(values.get(code, 0.0) for code in (item.members or model.municipalities))
        if reference <= 0:
            yield i, np.zeros(size)
            continue
        volume = game.subset_sums([values.get(p, 0.0) if x else 0.0 for p, x in zip(players, in_item, strict=True)])
        ratio = np.where(volume > 0, (volume / reference), 0.0) ** item.scale_exponent
        ratio = np.where(volume > 0, ratio, 0.0)
        yield i, horizon * (reference * ratio if item.per_unit else ratio)


def item_means(variant: Variant, draws: np.ndarray | None = None) -> np.ndarray:
    """Expected annual amount per item: the mean of the Monte Carlo draws when given (so that every
    expected value reported next to a simulated contribution is the same number), else the PERT mean."""
    if draws is not None and draws.shape[0] and draws.shape[1] == len(variant.items):
        return draws.mean(axis=0)
    return np.array([item.amount.mean for item in variant.items])


def baseline_means(model: CostModel, base_draws: np.ndarray | None = None) -> dict[str, float]:
    """Expected current annual cost per municipality: the mean of the draws when given, else the PERT mean."""
    if base_draws is not None and base_draws.shape[0]:
        m = base_draws.mean(axis=0)
        return {code: float(m[j]) for j, code in enumerate(model.municipalities) if code in model.baseline}
    return {code: r.mean for code, r in model.baseline.items()}


def coalition_game(model: CostModel, variant: Variant, players: Sequence[str], amounts: np.ndarray | None = None,
                   baseline: dict[str, float] | None = None) -> CoalitionGame:
    """Expected horizon cost of the variant for every sub-coalition of ``players`` (exact, vectorised).
    ``amounts`` (per item) and ``baseline`` (per municipality) are the expected annual amounts to use;
    by default the PERT means."""
    players = tuple(players)
    game.check_size(len(players))
    size = 1 << len(players)
    amounts = item_means(variant) if amounts is None else amounts
    baseline = baseline_means(model) if baseline is None else baseline
    cost = np.zeros(size)
    for i, g in item_games(model, variant, players):
        cost += float(amounts[i]) * g
    cost[0] = 0.0
    stand_alone = None
    if all(p in baseline for p in players):
        horizon = float(baseline_factors(model).sum())
        stand_alone = game.subset_sums([baseline[p] * horizon for p in players])
    return CoalitionGame(players, cost, stand_alone)


def item_shapley(model: CostModel, variant: Variant, players: Sequence[str]) -> np.ndarray:
    """Shapley division per euro of each item's amount, shape ``(items, players)``: the Shapley
    division of one Monte Carlo sample is ``draws[s] @ item_shapley``."""
    out = np.zeros((len(variant.items), len(players)))
    for i, g in item_games(model, variant, players):
        out[i] = game.shapley(g)
    return out


def coalition_analysis(model: CostModel, variant: Variant, coalition: Sequence[str], key_totals: dict[str, float],
                       draws: np.ndarray | None = None, base_draws: np.ndarray | None = None,
                       key_samples: np.ndarray | None = None) -> dict:
    """Shapley division, core check and join-versus-stay-out for one variant and coalition.

    ``key_totals``: expected horizon contribution per coalition member under the chosen keys. With
    ``draws`` (the variant's Monte Carlo draws), ``base_draws`` and ``key_samples`` (horizon
    contribution per sample and coalition member under the keys, ``(samples, members)``) the result
    also gives 5–95 % ranges of the Shapley division, the key division and the savings.
    """
    amounts = item_means(variant, draws)
    baseline = baseline_means(model, base_draws)
    g = coalition_game(model, variant, coalition, amounts, baseline)
    fair = game.shapley(g.cost)
    players = list(g.players)
    key_alloc = [key_totals[p] for p in players]
    # what a group can do on its own: the variant among themselves, or each keeping the current situation
    alone = g.cost if g.stand_alone is None else np.minimum(g.cost, g.stand_alone)
    count, worst = game.blocking_coalitions(key_alloc, alone)
    shapley_count, _ = game.blocking_coalitions(fair, alone)
    result: dict[str, Any] = {
        "players": players,
        "total_cost": float(g.cost[-1]),
        "key_contribution": dict(zip(players, map(float, key_alloc), strict=True)),
        "shapley_contribution": dict(zip(players, map(float, fair), strict=True)),
        "stand_alone": None,
        "shapley_savings": None,
        "joint_savings": None,
        "core": {
            "key_in_core": count == 0,
            "blocking_count": count,
            "blocking": [{"members": game.members(mask, players), "excess": excess,
                          "pays": float(game.subset_sums(key_alloc)[mask]), "alone": float(alone[mask])}
                         for mask, excess in worst],
            "shapley_in_core": shapley_count == 0,
            "core_empty": None,
            "core_division": None,
        },
    }
    lc = game.least_core(alone, total=float(g.cost[-1]))
    if lc is not None:
        margin, division = lc
        tolerance = 1e-9 * max(1.0, float(np.max(np.abs(alone))))
        result["core"]["core_empty"] = margin < -tolerance
        result["core"]["core_margin"] = margin
        if margin >= -tolerance:
            result["core"]["core_division"] = dict(zip(players, map(float, division), strict=True))
    if g.stand_alone is not None:
        b = {p: baseline[p] * float(baseline_factors(model).sum()) for p in players}
        result["stand_alone"] = b
        result["shapley_savings"] = {p: b[p] - float(f) for p, f in zip(players, fair, strict=True)}
        result["joint_savings"] = float(g.stand_alone[-1] - g.cost[-1])
    if draws is not None:
        fair_s = draws @ item_shapley(model, variant, players) if variant.items else np.zeros((draws.shape[0], len(players)))
        ranges = {"shapley_contribution": {p: range_stats(fair_s[:, k]) for k, p in enumerate(players)}}
        if key_samples is not None:
            ranges["key_contribution"] = {p: range_stats(key_samples[:, k]) for k, p in enumerate(players)}
            ranges["key_minus_shapley"] = {p: range_stats(key_samples[:, k] - fair_s[:, k]) for k, p in enumerate(players)}
        if g.stand_alone is not None and base_draws is not None:
            horizon = float(baseline_factors(model).sum())
            idx = [model.municipalities.index(p) for p in players]
            b_s = base_draws[:, idx] * horizon
            ranges["shapley_savings"] = {p: range_stats(b_s[:, k] - fair_s[:, k]) for k, p in enumerate(players)}
            ranges["joint_savings"] = range_stats(b_s.sum(axis=1) - fair_s.sum(axis=1))
        result["ranges"] = ranges
    return result


def join_or_stay(model: CostModel, variant: Variant, coalition: Sequence[str], draws: np.ndarray | None = None,
                 base_draws: np.ndarray | None = None) -> dict:
    """For every municipality: expected horizon cost when in the coalition and when out of it; with
    ``draws`` (and ``base_draws``) also 5–95 % ranges over the same Monte Carlo samples and the
    probability that joining is cheaper."""
    horizon = float(baseline_factors(model).sum())
    inside = set(coalition)
    means = item_means(variant, draws)
    baseline = baseline_means(model, base_draws)
    n_items = len(variant.items)
    out: dict[str, dict] = {}
    for j, code in enumerate(model.municipalities):
        with_code = [c for c in model.municipalities if c in inside or c == code]
        without_code = [c for c in model.municipalities if c in inside and c != code]
        # horizon euros per euro of each item's amount, per municipality: (items, municipalities)
        t_with = allocation_tensor(model, variant, with_code).sum(axis=1) if n_items else np.zeros((0, len(model.municipalities)))
        t_without = (allocation_tensor(model, variant, without_code).sum(axis=1) if n_items and without_code
                     else np.zeros((n_items, len(model.municipalities))))
        others_with_vec = t_with.sum(axis=1) - t_with[:, j]
        others_without_vec = t_without.sum(axis=1) - t_without[:, j]
        join = float(means @ t_with[:, j]) if n_items else 0.0
        stay = baseline[code] * horizon if code in baseline else None
        others_more = float(means @ (others_without_vec - others_with_vec)) if without_code and n_items else (
            0.0 if without_code else None)
        entry: dict[str, Any] = {
            "in_coalition": code in inside,
            "join": join,
            "stay_out": stay,
            "joining_is_cheaper": None if stay is None else join < stay,
            "others_pay_more_if_out": others_more,
        }
        if draws is not None:
            join_s = draws @ t_with[:, j] if n_items else np.zeros(draws.shape[0])
            entry["ranges"] = {"join": range_stats(join_s), "stay_out": None, "join_minus_stay_out": None,
                               "others_pay_more_if_out": None}
            entry["probability_joining_cheaper"] = None
            if without_code:
                entry["ranges"]["others_pay_more_if_out"] = range_stats(
                    draws @ (others_without_vec - others_with_vec) if n_items else np.zeros(draws.shape[0]))
            if stay is not None and base_draws is not None:
                stay_s = base_draws[:, j] * horizon
                entry["ranges"]["stay_out"] = range_stats(stay_s)
                entry["ranges"]["join_minus_stay_out"] = range_stats(join_s - stay_s)
                entry["probability_joining_cheaper"] = float(np.mean(join_s < stay_s))
        out[code] = entry
    return out


def check_draws(model: CostModel, samples: Any) -> None:
    """The number of draws, and draws × (years × municipalities + cost items), within the limits."""
    from regiokompas.conf import limits

    maximum = min(MAX_SAMPLES, limits.limit("REGIOKOMPAS_MAX_COST_DRAWS"))
    if isinstance(samples, bool) or not isinstance(samples, int) or not 1 <= samples <= maximum:
        raise CostError([{"key": "samples", "path": "samples",
                          "message": f"Het aantal trekkingen is een geheel getal van 1 tot en met {formatting.number(maximum)} "
                                     "(REGIOKOMPAS_MAX_COST_DRAWS)."}])
    items = max((len(v.items) for v in model.variants), default=0)
    cells = samples * (model.years * len(model.municipalities) + items)
    maximum = limits.limit("REGIOKOMPAS_MAX_COST_CELLS")
    if cells > maximum:
        raise CostError([{"key": "limits.cost_cells", "path": "samples",
                          "message": f"De kostenberekening is te groot: {formatting.number(samples)} trekkingen × "
                                     f"({model.years} jaar × {len(model.municipalities)} gemeenten + {items} kostenposten) = "
                                     f"{formatting.number(cells)}; het maximum is {formatting.number(maximum)} "
                                     "(REGIOKOMPAS_MAX_COST_CELLS). Kies minder trekkingen."}])


def simulate(model: CostModel, *, samples: int = 10_000, seed: int = 0, coalition: Sequence[str] | None = None,
             variants: Sequence[str] | None = None, coalition_detail: bool = True) -> dict:
    """Monte Carlo over the cost ranges; returns a JSON-able result (see docs/costs.md)."""
    check_draws(model, samples)
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise CostError([{"key": "seed", "path": "seed", "message": "Het startgetal (seed) is een geheel getal ≥ 0."}])
    members = validate_coalition(model, coalition)
    chosen = [model.variant(v) for v in variants] if variants else list(model.variants)
    codes = list(model.municipalities)
    inside = np.array([c in members for c in codes])

    base_draws = baseline_draws(model, samples, seed)
    if base_draws is not None:
        base = base_draws[:, None, :] * baseline_factors(model)[None, :, None]   # (S, Y, M)
    result: dict[str, Any] = {
        "schema": "regiokompas.costs-result/1",
        "engine_version": VERSION,
        "samples": samples,
        "seed": seed,
        "years": model.year_list,
        "coalition": list(members),
        "municipalities": {c: model.label(c) for c in codes},
        "variants": {},
    }
    for variant in chosen:
        tensor = allocation_tensor(model, variant, members)               # (I, Y, M)
        draws = variant_draws(model, variant, samples, seed)
        if variant.items:
            contrib = (draws @ tensor.reshape(len(variant.items), -1)).reshape(samples, model.years, len(codes))
        else:
            contrib = np.zeros((samples, model.years, len(codes)))
        means = item_means(variant, draws)  # the sample means: expected values equal the simulated means
        by_category = {cat: np.zeros(len(codes)) for cat in CATEGORIES}
        for i, item in enumerate(variant.items):
            by_category[item.category] += means[i] * tensor[i].sum(axis=0)
        per_muni = {}
        horizon = contrib.sum(axis=1)                                      # (S, M)
        year_stats = _stats(contrib)
        horizon_stats = _stats(horizon)
        if base_draws is not None:
            diff = contrib - base
            diff_total = diff.sum(axis=1)                                  # (S, M)
            diff_year = _stats(diff)
            diff_h = _stats(diff_total)
            cheaper = np.mean(diff_total < 0, axis=0)
        for j, code in enumerate(codes):
            entry: dict[str, Any] = {
                "name": model.label(code),
                "participates": bool(inside[j]),
                "per_year": {k: [row[j] for row in v] for k, v in year_stats.items()},
                "horizon": {k: v[j] for k, v in horizon_stats.items()},
                "by_category": {cat: float(by_category[cat][j]) for cat in CATEGORIES},
                "difference": None,
            }
            if base_draws is not None and inside[j] and code in model.baseline:
                entry["difference"] = {
                    "per_year": {k: [row[j] for row in v] for k, v in diff_year.items()},
                    "horizon": {k: v[j] for k, v in diff_h.items()},
                    "probability_cheaper": float(cheaper[j]),
                }
            per_muni[code] = entry
        total = contrib.sum(axis=2)
        total_difference = None
        if base_draws is not None:
            counted = np.array([bool(inside[j]) and c in model.baseline for j, c in enumerate(codes)])
            if counted.any():
                d = diff[:, :, counted].sum(axis=2)                         # (S, Y)
                total_difference = {"per_year": _stats(d), "horizon": _scalar_stats(d.sum(axis=1)),
                                    "municipalities": [c for j, c in enumerate(codes) if counted[j]]}
        keys_used = {}
        for cat in CATEGORIES:
            key_id = variant.keys.get(cat) or model.default_keys.get(cat)
            if key_id:
                key = model.keys[key_id]
                try:
                    table = share_table(model, key, list(members))
                except CostError:
                    table = None
                keys_used[cat] = {"id": key.id, "name": key.name, "method": key.method,
                                  "reference_date": key.reference_date, "source": key.source, "shares": table}
        entry = {
            "name": variant.name,
            # a variant without cost items has unknown costs, not zero costs: consumers must not show it as free
            "known": bool(variant.items),
            "total": {"per_year": _stats(total), "horizon": _scalar_stats(total.sum(axis=1)), "difference": total_difference},
            "municipalities": per_muni,
            "keys": keys_used,
            "items": [{"id": it.id, "name": it.name, "category": it.category, "behaviour": it.behaviour,
                       "low": it.amount.low, "likely": it.amount.likely, "high": it.amount.high,
                       "first_year": it.first_year, "last_year": it.last_year, "binding": it.binding,
                       "source": it.source, "illustrative": it.illustrative} for it in variant.items],
        }
        if coalition_detail:
            key_totals = {code: float(means @ tensor[:, :, j].sum(axis=1)) if len(means) else 0.0
                          for j, code in enumerate(codes) if inside[j]}
            member_idx = [j for j in range(len(codes)) if inside[j]]
            entry["coalition"] = coalition_analysis(model, variant, members, key_totals, draws=draws, base_draws=base_draws,
                                                    key_samples=horizon[:, member_idx])
            entry["join_or_stay"] = join_or_stay(model, variant, members, draws=draws, base_draws=base_draws)
        result["variants"][variant.id] = entry
    return result


def as_criterion(result: dict, municipality: str | None = None, *, difference: bool = False, per_year: bool = False,
                 scale: float = 1.0) -> dict[str, dict]:
    """Per variant a PERT measurement (5th / 50th / 95th percentile) for the options analysis: of the
    region's total or of one municipality's contribution over the horizon; with ``difference`` the
    difference with the current situation instead; ``per_year`` divides by the number of years and
    ``scale`` multiplies (1e-6 for EUR mln)."""
    out = {}
    factor = scale / (len(result["years"]) if per_year else 1)
    for vid, v in result["variants"].items():
        if not v.get("known", True):
            continue  # unknown costs are no measurement (and certainly not zero)
        if difference:
            d = v["total"]["difference"] if municipality is None else v["municipalities"][municipality]["difference"]
            if d is None:
                raise CostError([{"key": "no_baseline", "path": "baseline",
                                  "message": "Zonder huidige kosten is er geen verschil met de huidige situatie."}])
            stats = d["horizon"]
        else:
            stats = v["total"]["horizon"] if municipality is None else v["municipalities"][municipality]["horizon"]
        low, mode, high = (stats[k] * factor for k in ("p05", "p50", "p95"))
        out[vid] = {"type": "exact", "value": mode} if high - low <= 0 else {"type": "pert", "low": low, "mode": mode, "high": high}
    return out
