"""Contributions over the horizon, uncertainty, coalitions and exit effects."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regiokompas.engine.costs import (
    CostError,
    as_criterion,
    coalition_game,
    compute,
    exit_effect,
    expected_contributions,
    parse_model,
    pert_samples,
    simulate,
)
from regiokompas.engine.costs.model import Range

FIVE = ["GM0361", "GM0373", "GM0383", "GM0399", "GM0450"]


def test_same_seed_same_result_and_a_variant_does_not_depend_on_the_others(data):
    a = compute(data, samples=2000, seed=7)
    b = compute(data, samples=2000, seed=7)
    assert a == b
    only_v3 = compute(data, samples=2000, seed=7, variants=["v3"])
    assert only_v3["variants"]["v3"] == a["variants"]["v3"]
    c = compute(data, samples=2000, seed=8)
    assert c["variants"]["v3"]["total"]["horizon"]["mean"] != a["variants"]["v3"]["total"]["horizon"]["mean"]


def test_pert_draws_stay_in_range_and_have_the_pert_mean():
    r = Range(10.0, 12.0, 20.0)
    x = pert_samples(np.random.default_rng(1), [r, Range(5, 5, 5)], 200_000)
    assert x[:, 0].min() >= 10 and x[:, 0].max() <= 20
    assert x[:, 0].mean() == pytest.approx(r.mean, rel=2e-3)
    assert np.all(x[:, 1] == 5)


def test_contributions_add_up_to_the_costs_and_follow_the_keys(data):
    model = parse_model(data)
    v1 = model.variant("v1")
    exp = expected_contributions(model, v1, FIVE)
    clients = sum(data["drivers"]["clients"]["values"].values())
    coord, exec_ = (it.amount.mean for it in v1.items)
    assert exp.sum(axis=1) == pytest.approx([coord + exec_ * clients] * 5)
    inhabitants = data["keys"]["inhabitants"]["values"]
    share_bergen = inhabitants["GM0373"] / sum(inhabitants.values())
    assert exp[0, 1] == pytest.approx((coord + exec_ * clients) * share_bergen)


def test_monte_carlo_mean_matches_the_expected_values_and_the_band_contains_it(data):
    model = parse_model(data)
    result = simulate(model, samples=20_000, seed=3, coalition_detail=False)
    exp = expected_contributions(model, model.variant("v3"), FIVE)
    alkmaar = result["variants"]["v3"]["municipalities"]["GM0361"]
    assert alkmaar["per_year"]["mean"] == pytest.approx(exp[:, 0].tolist(), rel=5e-3)
    for low, mid, high in zip(alkmaar["per_year"]["p05"], alkmaar["per_year"]["p50"], alkmaar["per_year"]["p95"], strict=True):
        assert low < mid < high
    # transition costs only in 2021-2022
    by_year = result["variants"]["v3"]["total"]["per_year"]["mean"]
    assert by_year[0] > by_year[2] and by_year[2] == pytest.approx(by_year[4])


def test_difference_with_the_current_situation(data):
    result = compute(data, samples=5000, seed=1)
    bergen = result["variants"]["v1"]["municipalities"]["GM0373"]
    horizon_base = 5 * (2.4e6 + 4 * 2.6e6 + 3.0e6) / 6
    assert bergen["difference"]["horizon"]["mean"] == pytest.approx(bergen["horizon"]["mean"] - horizon_base, rel=1e-2, abs=2e4)
    assert 0 <= bergen["difference"]["probability_cheaper"] <= 1


def test_coalition_of_the_continuing_municipalities_recomputes_everything(data):
    # 2020: Bergen (GM0373) and Uitgeest (GM0450) pause, the others continue
    continuing = ["GM0361", "GM0383", "GM0399"]
    result = compute(data, samples=3000, seed=2, coalition=continuing)
    v3 = result["variants"]["v3"]
    assert result["coalition"] == continuing
    bergen, uitgeest = v3["municipalities"]["GM0373"], v3["municipalities"]["GM0450"]
    assert not bergen["participates"] and bergen["difference"] is None
    # the WNK deficit is an existing obligation: Bergen pays its share anyway, Uitgeest is no member
    assert bergen["by_category"]["deficit"] > 0 and bergen["by_category"]["structural"] == 0
    assert uitgeest["horizon"]["mean"] == 0
    # the fixed overhead is now borne by three instead of five
    model = parse_model(data)
    full = expected_contributions(model, model.variant("v3"), FIVE)
    small = expected_contributions(model, model.variant("v3"), continuing)
    assert small[:, 0].sum() > full[:, 0].sum()
    assert v3["coalition"]["players"] == continuing
    assert sum(v3["coalition"]["shapley_contribution"].values()) == pytest.approx(v3["coalition"]["total_cost"])
    assert sum(v3["coalition"]["key_contribution"].values()) == pytest.approx(v3["coalition"]["total_cost"])
    stay = v3["join_or_stay"]
    assert stay["GM0373"]["in_coalition"] is False and stay["GM0373"]["stay_out"] > 0
    assert isinstance(stay["GM0373"]["joining_is_cheaper"], bool)


def test_coalition_game_is_consistent_with_the_allocation(data):
    model = parse_model(data)
    variant = model.variant("v3")
    game = coalition_game(model, variant, FIVE)
    for mask in (0b00001, 0b00110, 0b10101, 0b11111):
        members = [c for i, c in enumerate(FIVE) if mask >> i & 1]
        exp = expected_contributions(model, variant, members)
        idx = [FIVE.index(c) for c in members]
        outside_binding = [j for j in range(5) if j not in idx]
        binding_outside = exp[:, outside_binding].sum()
        assert game.cost[mask] == pytest.approx(exp.sum() - binding_outside)


def test_bad_coalition_and_sample_counts_are_rejected(data):
    with pytest.raises(CostError, match="Onbekende gemeente in de coalitie: GM9999"):
        compute(data, samples=10, coalition=["GM0361", "GM9999"])
    with pytest.raises(CostError, match="geen gemeenten"):
        compute(data, samples=10, coalition=[])
    with pytest.raises(CostError, match="aantal trekkingen"):
        compute(data, samples=0)
    with pytest.raises(CostError, match="Onbekende variant"):
        compute(data, samples=10, variants=["v9"])


def test_exit_effect_declining_fee_is_credited_to_the_remaining(data):
    model = parse_model(data)
    out = exit_effect(model, "v3", "GM0373", exit_year=2022, method="declining")
    last = out["last_annual_contribution"]
    assert out["fee_per_year"] == pytest.approx([0, last, 0.8 * last, 0.6 * last, 0.4 * last])
    assert out["fee_beyond_horizon"] == pytest.approx(0.2 * last)
    credits = sum(sum(r["fee_credit"]) for r in out["remaining"].values())
    assert credits == pytest.approx(out["fee_total"])
    # after leaving, Bergen still pays its share of the binding WNK deficit, nothing else
    assert 0 < out["leaver_contribution_after"][2] < out["leaver_contribution_after"][0]


def test_exit_effect_direct_damage_equals_what_the_others_pay_more(data):
    model = parse_model(data)
    out = exit_effect(model, "v1", "GM0450", exit_year=2022, method="direct_damage")
    extra_per_year = out["remaining_extra_total"] / 4
    assert out["fee_schedule"] == pytest.approx([extra_per_year] * 5)
    # v1's key is per inhabitant both before and after: the fee exactly compensates the others
    assert sum(r["net_extra_total"] for r in out["remaining"].values()) == pytest.approx(0, abs=1e-3)


def test_pause_without_fee_and_bad_exit_requests(data):
    model = parse_model(data)
    out = exit_effect(model, "v3", "GM0450", method="none")
    assert out["fee_total"] == 0
    assert sum(r["net_extra_total"] for r in out["remaining"].values()) > 0
    with pytest.raises(CostError, match="neemt niet deel"):
        exit_effect(model, "v3", "GM0450", coalition=["GM0361", "GM0383"])
    with pytest.raises(CostError, match="binnen de looptijd"):
        exit_effect(model, "v3", "GM0450", exit_year=2021)
    with pytest.raises(CostError, match="Onbekende methode"):
        exit_effect(model, "v3", "GM0450", method="wegwezen")


def test_costs_as_a_criterion_for_the_options_analysis(data):
    result = compute(data, samples=2000, seed=1)
    crit = as_criterion(result)
    assert set(crit) == {"v1", "v3"}
    assert crit["v3"]["type"] == "pert" and crit["v3"]["low"] < crit["v3"]["mode"] < crit["v3"]["high"]
    bergen = as_criterion(result, "GM0373")
    assert bergen["v1"]["mode"] < crit["v1"]["mode"]


def test_fast_percentiles_equal_numpy():
    from regiokompas.engine.costs.simulate import _percentiles

    x = np.random.default_rng(4).normal(size=(1001, 3, 4))
    assert _percentiles(x) == pytest.approx(np.percentile(x, (5, 50, 95), axis=0))


def test_region_difference_as_criterion_in_millions_per_year(data):
    result = compute(data, samples=4000, seed=5)
    v1 = result["variants"]["v1"]
    members_sum = sum(m["difference"]["horizon"]["mean"] for m in v1["municipalities"].values())
    assert v1["total"]["difference"]["horizon"]["mean"] == pytest.approx(members_sum)
    crit = as_criterion(result, difference=True, per_year=True, scale=1e-6)
    assert crit["v1"]["mode"] == pytest.approx(v1["total"]["difference"]["horizon"]["p50"] / 5 / 1e6)
    del data["baseline"]
    with pytest.raises(CostError, match="huidige kosten"):
        as_criterion(compute(data, samples=100), difference=True)


@settings(max_examples=25, deadline=None)
@given(mask=st.integers(1, 31), exponent=st.floats(0.0, 1.0))
def test_any_coalition_pays_exactly_its_costs(mask, exponent):
    import copy

    from tests.engine_costs.conftest import BASE

    data = copy.deepcopy(BASE)
    data["variants"][1]["items"][1]["scale_exponent"] = exponent
    model = parse_model(data)
    members = [c for i, c in enumerate(FIVE) if mask >> i & 1]
    game = coalition_game(model, model.variant("v3"), FIVE)
    exp = expected_contributions(model, model.variant("v3"), members)
    inside = [FIVE.index(c) for c in members]
    # what the members pay equals the cost of their coalition; outsiders pay only binding obligations
    assert exp[:, inside].sum() == pytest.approx(game.cost[mask])
    binding = model.variant("v3").items[3]
    outside = [j for j in range(5) if j not in inside]
    assert exp[:, outside].sum() <= binding.amount.mean * model.years + 1e-6


def test_fair_shares_of_the_savings_add_up_to_the_joint_savings(data):
    v = compute(data, samples=500, seed=1)["variants"]["v3"]["coalition"]
    assert sum(v["shapley_savings"].values()) == pytest.approx(v["joint_savings"])
    if v["core"]["core_division"]:
        assert sum(v["core"]["core_division"].values()) == pytest.approx(v["total_cost"])
