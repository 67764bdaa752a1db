"""Exit effects and the coalition comparison carry the same Monte Carlo uncertainty as the contributions."""

import numpy as np
import pytest

from regiokompas.engine.costs import CostError, compute, exit_effect, parse_model, shapley
from regiokompas.engine.costs.simulate import coalition_game, item_shapley, variant_draws

FIVE = ["GM0361", "GM0373", "GM0383", "GM0399", "GM0450"]
S = 4000


def test_exit_uses_the_same_draws_as_the_contributions(data):
    model = parse_model(data)
    result = compute(data, samples=S, seed=7)
    effect = exit_effect(model, "v3", "GM0373", method="declining", exit_year=2023, samples=S, seed=7)
    u = effect["uncertainty"]
    bergen_2022 = result["variants"]["v3"]["municipalities"]["GM0373"]["per_year"]
    # the leaver's last annual contribution per sample is exactly its contribution in 2022 in the simulation
    assert u["last_annual_contribution"]["p05"] == pytest.approx(bergen_2022["p05"][1], rel=1e-12)
    assert u["last_annual_contribution"]["p95"] == pytest.approx(bergen_2022["p95"][1], rel=1e-12)
    # declining fee: 100 % + 80 % + 60 % in the horizon (2023-2025), 40 % + 20 % after it
    assert u["fee_total"]["mean"] == pytest.approx(2.4 * u["last_annual_contribution"]["mean"], rel=1e-9)
    assert u["fee_all"]["mean"] == pytest.approx(3.0 * u["last_annual_contribution"]["mean"], rel=1e-9)
    assert u["fee_total"]["p05"] < effect["fee_total"] < u["fee_total"]["p95"]
    assert u["fee_total"]["mean"] == pytest.approx(effect["fee_total"], rel=0.01)
    for code, r in u["remaining"].items():
        exp = effect["remaining"][code]["net_extra_total"]
        assert r["net_extra_total"]["p05"] <= exp <= r["net_extra_total"]["p95"]
        assert len(r["net_extra_per_year"]["p95"]) == 5
    again = exit_effect(model, "v3", "GM0373", method="declining", exit_year=2023, samples=S, seed=7)
    assert again["uncertainty"] == u
    other = exit_effect(model, "v3", "GM0373", method="declining", exit_year=2023, samples=S, seed=8)
    assert other["uncertainty"]["fee_total"] != u["fee_total"]


@pytest.mark.parametrize("method, kwargs", [("direct_damage", {"mitigation": [0.5], "one_off": 1e5}),
                                            ("custom", {"percentages": [50, 50], "lump_sum": 2e5}), ("none", {})])
def test_every_exit_method_gets_a_range_around_its_expected_fee(data, method, kwargs):
    model = parse_model(data)
    effect = exit_effect(model, "v3", "GM0383", method=method, samples=S, seed=1, **kwargs)
    u = effect["uncertainty"]
    assert u["fee_total"]["p05"] <= u["fee_total"]["mean"] <= u["fee_total"]["p95"]
    assert u["fee_total"]["mean"] == pytest.approx(effect["fee_total"], rel=0.02, abs=1.0)
    if method == "none":
        assert u["fee_total"]["p95"] == 0.0
    else:
        assert u["fee_total"]["p95"] > u["fee_total"]["p05"]
    assert u["remaining_extra_total"]["mean"] == pytest.approx(effect["remaining_extra_total"], rel=0.02)


def test_exit_sample_count_is_checked(data):
    model = parse_model(data)
    with pytest.raises(CostError, match="trekkingen"):
        exit_effect(model, "v3", "GM0383", samples=0)


def test_join_or_stay_has_ranges_and_a_probability(data):
    result = compute(data, samples=S, seed=3, coalition=["GM0361", "GM0383", "GM0399"])
    stay = result["variants"]["v3"]["join_or_stay"]
    for j in stay.values():
        r = j["ranges"]
        assert r["join"]["p05"] <= j["join"] <= r["join"]["p95"]
        assert r["stay_out"]["p05"] <= j["stay_out"] <= r["stay_out"]["p95"]
        assert 0.0 <= j["probability_joining_cheaper"] <= 1.0
        assert r["join_minus_stay_out"]["mean"] == pytest.approx(j["join"] - j["stay_out"], abs=2e5)  # Monte Carlo error (SE about 35.000)
        if j["others_pay_more_if_out"] is not None:
            assert r["others_pay_more_if_out"]["mean"] == pytest.approx(j["others_pay_more_if_out"], abs=5e4)
    # the join cost of a member is its horizon contribution in the same samples
    alkmaar = result["variants"]["v3"]["municipalities"]["GM0361"]["horizon"]
    assert stay["GM0361"]["ranges"]["join"]["p95"] == pytest.approx(alkmaar["p95"], rel=1e-9)


def test_shapley_per_sample_is_linear_in_the_draws_and_efficient(data):
    model = parse_model(data)
    variant = model.variant("v3")
    per_item = item_shapley(model, variant, FIVE)
    means = np.array([it.amount.mean for it in variant.items])
    assert means @ per_item == pytest.approx(shapley(coalition_game(model, variant, FIVE).cost))
    draws = variant_draws(model, variant, 200, 0)
    result = compute(data, samples=200, seed=0)
    c = result["variants"]["v3"]["coalition"]
    ranges = c["ranges"]
    for p in FIVE:
        sh = ranges["shapley_contribution"][p]
        assert sh["p05"] <= c["shapley_contribution"][p] * 1.05 and sh["p95"] >= c["shapley_contribution"][p] * 0.95
        assert ranges["key_contribution"][p]["mean"] == pytest.approx(result["variants"]["v3"]["municipalities"][p]["horizon"]["mean"])
    # per sample the Shapley division adds up to that sample's total cost
    fair = draws @ per_item
    totals = np.array(result["variants"]["v3"]["total"]["horizon"]["mean"])
    assert fair.sum(axis=1).mean() == pytest.approx(float(totals), rel=1e-9)
    assert ranges["joint_savings"]["p05"] <= c["joint_savings"] <= ranges["joint_savings"]["p95"]
