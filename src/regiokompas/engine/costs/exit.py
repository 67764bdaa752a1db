"""Exit and pause: exit fees (art. 1 lid 2 en art. 9 Wgr: uittreding in de regeling, Wet gemeenschappelijke regelingen, wetten.overheid.nl/BWBR0003740), what the remaining participants pay more, and the
effect on the budget split of a shared werkorganisatie (BUCH).

Exit-fee methods (when the regeling itself says nothing):

* ``declining``: the leaver keeps paying its own annual share for five years, decreasing by 20 %
  a year: 100 %, 80 %, 60 %, 40 %, 20 % of its last annual contribution (KB 14 May 1985, AB 1985/424).
* ``direct_damage``: the leaver pays the direct real damage: what the remaining participants pay
  more because of the exit (stranded fixed costs), over a bridging period of five years, less what
  the organisation manages to cut (``mitigation``: fraction of the damage avoided per bridge
  year), plus one-off damage (ABRvS 15-4-2015, ECLI:NL:RVS:2015:1198).
* ``custom``: percentages of the last annual contribution per year, and/or a lump sum.
* ``none``: no fee (a municipality that pauses before it has joined).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from regiokompas import formatting
from regiokompas.engine.costs.errors import CostError
from regiokompas.engine.costs.keys import shares
from regiokompas.engine.costs.model import CostModel, Variant
from regiokompas.engine.costs.simulate import (
    band_stats,
    expected_contributions,
    range_stats,
    sampled_contributions,
    validate_coalition,
    variant_draws,
)

METHODS = ("declining", "direct_damage", "custom", "none")
METHOD_LABELS = {
    "declining": "afbouw in vijf jaar (20 % per jaar)",
    "direct_damage": "directe schade met overbruggingsperiode van vijf jaar",
    "custom": "eigen afspraak",
    "none": "geen uittreedsom (pas op de plaats)",
}


def _error(key: str, message: str) -> CostError:
    return CostError([{"key": key, "message": message, "path": "exit"}])


def declining_schedule(annual_share: float, *, years: int = 5, step: float = 0.20) -> list[float]:
    """Fee per year after the exit: the annual share times 100 %, 80 %, ... (``years`` years)."""
    if annual_share < 0:
        raise _error("negative", "De jaarlijkse bijdrage van de uittredende gemeente kan niet negatief zijn.")
    if years < 1 or not 0 <= step <= 1:
        raise _error("schedule", "Afbouw: een looptijd van ten minste één jaar en een afbouw tussen 0 en 100 % per jaar.")
    return [annual_share * max(0.0, 1.0 - step * t) for t in range(years)]


def direct_damage_schedule(stranded_per_year: Sequence[float] | float, *, bridge_years: int = 5,
                           mitigation: Sequence[float] | None = None, one_off: float = 0.0) -> list[float]:
    """Fee per bridge year: stranded costs × (1 − mitigation), the one-off damage in the first year."""
    if bridge_years < 1:
        raise _error("schedule", "De overbruggingsperiode is ten minste één jaar.")
    if isinstance(stranded_per_year, (int, float)):
        stranded = [float(stranded_per_year)] * bridge_years
    else:
        stranded = [float(x) for x in stranded_per_year][:bridge_years]
        stranded += [stranded[-1] if stranded else 0.0] * (bridge_years - len(stranded))
    if any(x < 0 for x in stranded) or one_off < 0:
        raise _error("negative", "Schade kan niet negatief zijn.")
    mitigation = list(mitigation or [0.0] * bridge_years)
    if len(mitigation) < bridge_years:
        mitigation += [mitigation[-1]] * (bridge_years - len(mitigation))
    if any(not 0 <= m <= 1 for m in mitigation):
        raise _error("mitigation", "Beperking van de schade is per jaar een fractie tussen 0 en 1.")
    fees = [s * (1.0 - m) for s, m in zip(stranded, mitigation[:bridge_years], strict=True)]
    fees[0] += one_off
    return fees


def custom_schedule(annual_share: float, *, percentages: Sequence[float] = (), lump_sum: float = 0.0) -> list[float]:
    if any(p < 0 for p in percentages) or lump_sum < 0:
        raise _error("negative", "Percentages en bedragen van een eigen afspraak kunnen niet negatief zijn.")
    fees = [annual_share * p / 100.0 for p in percentages] or [0.0]
    fees[0] += lump_sum
    return fees


def exit_effect(model: CostModel, variant_id: str, leaver: str, *, coalition: Sequence[str] | None = None,
                exit_year: int | None = None, method: str = "declining", years: int = 5, step: float = 0.20,
                mitigation: Sequence[float] | None = None, one_off: float = 0.0, percentages: Sequence[float] = (),
                lump_sum: float = 0.0, samples: int | None = None, seed: int = 0, draws: np.ndarray | None = None,
                cache: dict | None = None) -> dict:
    """Expected effect of ``leaver`` leaving (or pausing) from ``exit_year`` on: its fee per year and,
    per remaining participant, contribution before and after, fee credit, and net extra cost.

    The fee is credited to the remaining participants by the structural key of the variant. With
    ``samples`` the result also has ``uncertainty``: the same quantities over the variant's Monte
    Carlo draws (the same draws and seed as the contributions in ``simulate``), as 5–95 % ranges;
    ``draws`` may pass those draws (``variant_draws(model, variant, samples, seed)``) to avoid drawing again,
    and ``cache`` (a dict kept per variant and draws) the sampled contributions per coalition, so that
    several leavers and methods over the same draws compute each coalition once.
    """
    if method not in METHODS:
        raise _error("method", f"Onbekende methode voor de uittreedsom '{method}'; kies uit {', '.join(METHODS)}.")
    variant = model.variant(variant_id)
    members = validate_coalition(model, coalition)
    if leaver not in members:
        raise _error("not_a_member", f"{model.label(leaver)} neemt niet deel en kan dus niet uittreden.")
    remaining = [c for c in members if c != leaver]
    if not remaining:
        raise _error("last_member", "De laatste deelnemer kan niet uittreden: er blijft niemand over om te betalen.")
    exit_year = exit_year or model.start_year + 1
    if not model.start_year < exit_year <= model.start_year + model.years - 1:
        raise _error("exit_year", f"Het jaar van uittreden ligt na het eerste jaar en binnen de looptijd "
                                  f"({model.start_year + 1}–{model.start_year + model.years - 1}).")
    codes = list(model.municipalities)
    j_leaver = codes.index(leaver)
    t0 = exit_year - model.start_year
    before = expected_contributions(model, variant, members)     # (Y, M)
    after = expected_contributions(model, variant, remaining)
    # the years after the exit follow the smaller coalition
    mixed = before.copy()
    mixed[t0:] = after[t0:]
    last_share = float(before[t0 - 1, j_leaver])
    rem_idx = [codes.index(c) for c in remaining]
    extra = (after[t0:, rem_idx].sum(axis=1) - before[t0:, rem_idx].sum(axis=1))  # what the others pay more per year
    if method == "declining":
        schedule = declining_schedule(last_share, years=years, step=step)
    elif method == "direct_damage":
        stranded = [max(0.0, float(x)) for x in extra] or [0.0]
        schedule = direct_damage_schedule(stranded, bridge_years=years, mitigation=mitigation, one_off=one_off)
    elif method == "custom":
        schedule = custom_schedule(last_share, percentages=percentages, lump_sum=lump_sum)
    else:
        schedule = [0.0]
    fee = np.zeros(model.years)
    for k, amount in enumerate(schedule):
        if t0 + k < model.years:
            fee[t0 + k] += amount
    structural_key = model.keys[variant.keys.get("structural") or model.default_keys["structural"]]
    credit_shares = shares(model.keys, structural_key, remaining)
    per_remaining = {}
    for s, code in zip(credit_shares, remaining, strict=True):
        j = codes.index(code)
        credit = fee * s
        per_remaining[code] = {
            "name": model.label(code),
            "before": before[:, j].tolist(),
            "after": mixed[:, j].tolist(),
            "fee_credit": credit.tolist(),
            "net_extra": (mixed[:, j] - before[:, j] - credit).tolist(),
            "net_extra_total": float((mixed[:, j] - before[:, j] - credit).sum()),
        }
    leaver_after = mixed[:, j_leaver].copy()
    uncertainty = None
    if samples is not None:
        uncertainty = _sampled_exit(model, variant, members, remaining, leaver, t0, method, credit_shares,
                                    samples=samples, seed=seed, years=years, step=step, mitigation=mitigation,
                                    one_off=one_off, percentages=percentages, lump_sum=lump_sum, draws=draws, cache=cache)
    return {
        "variant": variant.id,
        "leaver": leaver,
        "leaver_name": model.label(leaver),
        "exit_year": exit_year,
        "method": method,
        "method_label": METHOD_LABELS[method],
        "years": model.year_list,
        "last_annual_contribution": last_share,
        "fee_per_year": fee.tolist(),
        "fee_total": float(fee.sum()),
        "fee_schedule": [float(x) for x in schedule],
        "fee_beyond_horizon": float(sum(schedule) - fee.sum()),
        "leaver_contribution_after": leaver_after.tolist(),
        "remaining": per_remaining,
        "remaining_extra_total": float(extra.sum()),
        "uncertainty": uncertainty,
    }


def _sampled(model: CostModel, variant: Variant, coalition: Sequence[str], draws: np.ndarray, cache: dict | None) -> np.ndarray:
    """Sampled contributions of a coalition, from ``cache`` when it has them (read only: never changed)."""
    if cache is None:
        return sampled_contributions(model, variant, coalition, draws)
    key = (variant.id, tuple(coalition), draws.shape)
    if key not in cache:
        cache[key] = sampled_contributions(model, variant, coalition, draws)
    return cache[key]


def _sampled_exit(model: CostModel, variant: Variant, members: Sequence[str], remaining: Sequence[str], leaver: str, t0: int,
                  method: str, credit_shares: Any,
                  *, samples: int, seed: int, years: int, step: float, mitigation: Any, one_off: float, percentages: Any,
                  lump_sum: float, draws: np.ndarray | None = None, cache: dict | None = None) -> dict:
    """The exit effect per Monte Carlo sample (vectorised versions of the fee schedules)."""
    if isinstance(samples, bool) or not isinstance(samples, int) or not 1 <= samples <= 1_000_000:
        raise _error("samples", "Het aantal trekkingen is een geheel getal van 1 tot en met 1.000.000.")
    codes = list(model.municipalities)
    j_leaver = codes.index(leaver)
    rem_idx = [codes.index(c) for c in remaining]
    if draws is None or draws.shape != (samples, len(variant.items)):
        draws, cache = variant_draws(model, variant, samples, seed), None
    before = _sampled(model, variant, members, draws, cache)                  # (S, Y, M)
    after = _sampled(model, variant, remaining, draws, cache)
    mixed = before.copy()
    mixed[:, t0:] = after[:, t0:]
    last = before[:, t0 - 1, j_leaver]                                        # (S,)
    extra = after[:, t0:, rem_idx].sum(axis=2) - before[:, t0:, rem_idx].sum(axis=2)   # (S, Y - t0)
    if method == "declining":
        schedule = last[:, None] * np.array([max(0.0, 1.0 - step * t) for t in range(years)])[None, :]
    elif method == "direct_damage":
        stranded = np.maximum(extra, 0.0)[:, :years]
        if stranded.shape[1] < years:
            fill = stranded[:, -1:] if stranded.shape[1] else np.zeros((samples, 1))
            stranded = np.hstack([stranded, np.repeat(fill, years - stranded.shape[1], axis=1)])
        mit = list(mitigation or [0.0] * years)
        mit += [mit[-1]] * (years - len(mit))
        schedule = stranded * (1.0 - np.array(mit[:years]))[None, :]
        schedule[:, 0] += one_off
    elif method == "custom":
        schedule = last[:, None] * (np.array(list(percentages) or [0.0]) / 100.0)[None, :]
        schedule[:, 0] += lump_sum
    else:
        schedule = np.zeros((samples, 1))
    fee = np.zeros((samples, model.years))
    width = min(schedule.shape[1], model.years - t0)
    fee[:, t0:t0 + width] = schedule[:, :width]
    fee_total = fee.sum(axis=1)
    per_remaining = {}
    net_sum = np.zeros((samples, model.years))
    for s_share, code in zip(credit_shares, remaining, strict=True):
        j = codes.index(code)
        net = mixed[:, :, j] - before[:, :, j] - fee * s_share
        net_sum += net
        per_remaining[code] = {"net_extra_total": range_stats(net.sum(axis=1)), "net_extra_per_year": band_stats(net)}
    return {
        "samples": samples,
        "seed": seed,
        "last_annual_contribution": range_stats(last),
        "fee_total": range_stats(fee_total),
        "fee_all": range_stats(schedule.sum(axis=1)),
        "fee_per_year": band_stats(fee),
        "remaining_extra_total": range_stats(extra.sum(axis=1)),
        "remaining_net_extra_total": range_stats(net_sum.sum(axis=1)),
        "remaining_net_extra_per_year": band_stats(net_sum),
        "remaining": per_remaining,
    }


def shared_organisation_split(budget: float, percentages: dict[str, float], task_budget: float,
                              transferring: Sequence[str], *, stranded_fraction: float = 0.0,
                              stranded_to: str = "key", task_shares: dict[str, float] | None = None,
                              names: dict[str, str] | None = None) -> dict:
    """Budget split of a shared werkorganisatie when some members move one task elsewhere.

    ``budget`` is the organisation's annual budget, split by ``percentages`` (summing to 100).
    ``task_budget`` is the part of it spent on the task; each member's part of the task follows
    ``task_shares`` (percentages, default: the same as ``percentages``). For the ``transferring``
    members that task leaves; ``stranded_fraction`` of their task budget cannot be shed (overhead,
    housing, ICT) and stays in the organisation, borne by all members by the key
    (``stranded_to="key"``) or by the transferring members (``"transferring"``).
    """
    names = names or {}
    errors = []
    if budget <= 0 or task_budget < 0 or task_budget > budget:
        errors.append("De begroting is positief en het taakbudget ligt tussen 0 en de begroting.")
    if any(v < 0 for v in percentages.values()):
        errors.append("Percentages kunnen niet negatief zijn.")
    total = sum(percentages.values())
    if abs(total - 100.0) > 0.01:
        errors.append(f"De percentages tellen op tot {formatting.number(total, 2, trim=True)} % in plaats van 100 %.")
    unknown = [m for m in transferring if m not in percentages]
    if unknown:
        errors.append(f"Onbekende deelnemer(s): {', '.join(unknown)}.")
    if not 0 <= stranded_fraction <= 1:
        errors.append("Het niet-afbouwbare deel is een fractie tussen 0 en 1.")
    if stranded_to not in ("key", "transferring"):
        errors.append("Niet-afbouwbare kosten gaan naar 'key' (alle deelnemers) of 'transferring' (wie overgaat).")
    task_pct = task_shares or percentages
    if task_shares is not None and (set(task_shares) != set(percentages) or abs(sum(task_shares.values()) - 100) > 0.01):
        errors.append("De verdeling van het taakbudget noemt dezelfde deelnemers en telt op tot 100 %.")
    if errors:
        raise CostError([{"key": "shared_organisation", "message": e, "path": "shared_organisation"} for e in errors])
    members = list(percentages)
    before = {m: budget * percentages[m] / 100.0 for m in members}
    task = {m: task_budget * task_pct[m] / 100.0 for m in members}
    leaving = sum(task[m] for m in transferring)
    stranded = stranded_fraction * leaving
    after = {}
    for m in members:
        own = before[m] - (task[m] if m in transferring else 0.0)
        if stranded_to == "key":
            own += stranded * percentages[m] / 100.0
        elif m in transferring:
            own += stranded * task[m] / leaving if leaving else 0.0
        after[m] = own
    new_budget = budget - leaving + stranded
    return {
        "budget_before": budget,
        "budget_after": new_budget,
        "stranded": stranded,
        "members": {
            m: {
                "name": names.get(m, m),
                "transfers": m in transferring,
                "before": before[m],
                "after": after[m],
                "difference": after[m] - before[m],
                "percentage_before": percentages[m],
                "percentage_after": 100.0 * after[m] / new_budget if new_budget else 0.0,
                # non-transferring members: a higher bill for the same services
                "extra_for_same_services": (after[m] - before[m]) if m not in transferring else None,
            }
            for m in members
        },
    }
