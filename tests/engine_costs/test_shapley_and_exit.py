"""Shapley values, core check and exit fees on worked examples."""

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regiokompas.engine.costs import (
    CostError,
    blocking_coalitions,
    custom_schedule,
    declining_schedule,
    direct_damage_schedule,
    shapley,
    subset_sums,
)

games = st.integers(1, 7).flatmap(
    lambda n: st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=2**n - 1, max_size=2**n - 1)
)


@settings(max_examples=80, deadline=None)
@given(values=games)
def test_shapley_is_efficient(values):
    v = np.array([0.0, *values])
    phi = shapley(v)
    assert phi.sum() == pytest.approx(v[-1], rel=1e-9, abs=1e-6)


@settings(max_examples=80, deadline=None)
@given(weights=st.lists(st.floats(0.1, 100), min_size=2, max_size=8), fixed=st.floats(0, 1e3),
       exponent=st.floats(0.3, 1.0))
def test_shapley_treats_symmetric_players_equally(weights, fixed, exponent):
    weights = [weights[0], *weights]  # players 0 and 1 are interchangeable
    volume = subset_sums(weights)
    v = np.where(volume > 0, fixed + volume**exponent, 0.0)
    phi = shapley(v)
    assert phi[0] == pytest.approx(phi[1], rel=1e-9, abs=1e-9)


def _brute_force(v, n):
    phi = np.zeros(n)
    for order in itertools.permutations(range(n)):
        mask = 0
        for p in order:
            phi[p] += v[mask | 1 << p] - v[mask]
            mask |= 1 << p
    return phi / math.factorial(n)


@settings(max_examples=30, deadline=None)
@given(values=st.integers(1, 5).flatmap(
    lambda n: st.lists(st.floats(-100, 100, allow_nan=False), min_size=2**n - 1, max_size=2**n - 1)))
def test_shapley_matches_the_permutation_definition(values):
    v = np.array([0.0, *values])
    n = len(v).bit_length() - 1
    assert shapley(v) == pytest.approx(_brute_force(v, n), abs=1e-9)


def test_shapley_of_an_additive_game_is_each_players_own_value_and_a_fixed_cost_is_split_equally():
    own = [5.0, 7.0, 11.0, 2.0]
    v = subset_sums(own) + 12.0
    v[0] = 0.0
    assert shapley(v) == pytest.approx([8.0, 10.0, 14.0, 5.0])


def test_shapley_refuses_more_than_twenty_players():
    with pytest.raises(CostError) as exc:
        shapley(np.zeros(2**21))
    assert "ten hoogste 20 deelnemers" in str(exc.value)


def test_core_check_finds_a_group_that_does_better_alone():
    # three players; the pair {0, 1} can do it for 10 on its own but pays 14 under the key
    cost = np.array([0, 8, 8, 10, 8, 14, 14, 18], dtype=float)
    count, worst = blocking_coalitions([7.0, 7.0, 4.0], cost)
    assert count == 1
    assert worst[0][0] == 0b011 and worst[0][1] == pytest.approx(4.0)
    count, _ = blocking_coalitions([5.0, 5.0, 8.0], cost)
    assert count == 0


def test_declining_exit_fee_five_years_20_percent_a_year():
    assert declining_schedule(1_000_000) == pytest.approx([1_000_000, 800_000, 600_000, 400_000, 200_000])
    assert sum(declining_schedule(250_000)) == pytest.approx(750_000)


def test_direct_damage_with_bridge_mitigation_and_one_off():
    fees = direct_damage_schedule(500_000, mitigation=[0, 0.2, 0.4, 0.6, 0.8], one_off=100_000)
    assert fees == pytest.approx([600_000, 400_000, 300_000, 200_000, 100_000])
    assert direct_damage_schedule(300_000) == pytest.approx([300_000] * 5)


def test_custom_exit_fee():
    assert custom_schedule(200_000, percentages=[100, 50]) == pytest.approx([200_000, 100_000])
    assert custom_schedule(200_000, lump_sum=1_000_000) == pytest.approx([1_000_000])


def test_exit_fee_input_is_checked():
    with pytest.raises(CostError, match="negatief"):
        declining_schedule(-1)
    with pytest.raises(CostError, match="fractie tussen 0 en 1"):
        direct_damage_schedule(10, mitigation=[1.5])


def test_least_core_finds_a_core_division_or_reports_an_empty_core():
    from regiokompas.engine.costs.game import least_core

    cost = np.array([0, 8, 8, 10, 8, 14, 14, 18], dtype=float)
    margin, x = least_core(cost)
    assert margin >= 0 and x.sum() == pytest.approx(18)
    count, _ = blocking_coalitions(list(x), cost)
    assert count == 0
    # every pair can do it for 10 alone, all three need 18: no division satisfies every pair (3 * 10 / 2 = 15 < 18)
    empty = np.array([0, 8, 8, 10, 8, 10, 10, 18], dtype=float)
    margin, _ = least_core(empty)
    assert margin < 0
