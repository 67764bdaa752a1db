"""Validation of the engine against analytic results, invariants and between samplers."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import stats

from regiokompas.engine import analyse
from regiokompas.engine import analysis as analysis_module
from regiokompas.engine import constraints as cons
from regiokompas.engine.sampling import ChainMap, hit_and_run, sample_weights

from .problems import exact_problem, pert_problem


def weights_for(statements, n, size=20000, seed=0, method=None):
    crits = [f"c{j}" for j in range(n)]
    rows = cons.statement_rows(statements, crits)
    red = cons.reduce(rows, n)
    return sample_weights(n, rows, red, size, np.random.default_rng(seed), method=method)


# --- weights ------------------------------------------------------------------------------------


def test_uniform_simplex_marginals_are_beta_1_n_minus_1():
    n = 4
    w, info = weights_for([], n, size=20000)
    assert info["method"] == "exact"
    assert np.allclose(w.sum(axis=1), 1.0)
    for j in range(n):
        assert stats.kstest(w[:, j], stats.beta(1, n - 1).cdf).pvalue > 1e-3


def test_complete_ranking_is_sampled_exactly_with_known_means():
    # E[w_(k)] = (1/n) * sum_{i>=k} 1/i for the sorted uniform simplex
    n = 3
    w, info = weights_for([{"type": "ranking", "order": [["c0"], ["c1"], ["c2"]]}], n, size=40000)
    assert info["method"] == "exact"
    assert np.all(np.diff(w, axis=1) <= 1e-12)
    expected = [sum(1 / i for i in range(k, n + 1)) / n for k in range(1, n + 1)]
    assert np.allclose(w.mean(axis=0), expected, atol=0.004)


def test_ties_in_a_ranking_give_equal_weights():
    w, info = weights_for([{"type": "ranking", "order": [["c0", "c1"], ["c2"]]}], 4, size=5000)
    assert info["method"] == "exact"
    assert np.allclose(w[:, 0], w[:, 1]) and np.all(w[:, 1] >= w[:, 2] - 1e-12)


def test_hit_and_run_agrees_with_exact_sampling():
    statements = [{"type": "ranking", "order": [["c0"], ["c1"], ["c2"]]}, {"type": "ranking", "order": [["c3"], ["c4"]]}]
    n = 6
    exact, _ = weights_for(statements, n, size=40000, seed=1)
    crits = [f"c{j}" for j in range(n)]
    rows = cons.statement_rows(statements, crits)
    har, info = hit_and_run(cons.reduce(rows, n), 40000, np.random.default_rng(2))
    assert info["rhat_max"] < 1.05 and info["thinning"] >= 1
    se = np.sqrt(exact.var(axis=0) / 40000 + har.var(axis=0) / info["effective_sample_size"])
    assert np.all(np.abs(exact.mean(axis=0) - har.mean(axis=0)) < 5 * se + 1e-3)
    assert np.all(har @ np.array([r.coef for r in rows if not r.eq]).T <= 1e-9)


def test_rejection_for_intervals_respects_constraints():
    w, info = weights_for([{"type": "interval", "criterion": "c0", "min": 0.2, "max": 0.5}], 3, size=5000)
    assert info["method"] == "rejection" and 0.2 < info["acceptance_rate"] < 0.6
    assert w[:, 0].min() >= 0.2 - 1e-12 and w[:, 0].max() <= 0.5 + 1e-12


def test_narrow_constraints_use_hit_and_run():
    w, info = weights_for([{"type": "interval", "criterion": "c0", "min": 0.31, "max": 0.32},
                           {"type": "ratio", "numerator": "c1", "denominator": "c2", "min": 2.0, "max": 2.1}], 5, size=4000)
    assert info["method"] == "hit_and_run"
    assert np.all((w[:, 0] >= 0.31 - 1e-9) & (w[:, 0] <= 0.32 + 1e-9))
    ratio = w[:, 1] / w[:, 2]
    assert ratio.min() >= 2.0 - 1e-6 and ratio.max() <= 2.1 + 1e-6


def test_implied_equality_is_found_and_removed():
    w, info = weights_for([{"type": "ranking", "order": [["c0"], ["c1"]]},
                           {"type": "ranking", "order": [["c1"], ["c0"]]}], 3, size=3000)
    assert info["implied_equalities"] == [[0, 1]]
    assert info["dimension"] == 1
    assert np.allclose(w[:, 0], w[:, 1], atol=1e-9)


def test_exact_swing_weights_are_a_point():
    w, info = weights_for([{"type": "swing", "reference": "c0", "values": {"c1": 50, "c2": 25}}], 3, size=100)
    assert info["method"] == "point"
    assert np.allclose(w[0], [4 / 7, 2 / 7, 1 / 7])


def test_chain_map_accepts_residual_rows():
    crits = ["c0", "c1", "c2"]
    rows = cons.statement_rows([{"type": "ranking", "order": [["c0"], ["c1"], ["c2"]]},
                                    {"type": "ranking", "order": [["c0"], ["c2"]]}], crits)
    cm = ChainMap(3, rows)
    assert cm.ok and len(cm.residual) == 1


# --- SMAA-2 indices -----------------------------------------------------------------------------


def test_two_criteria_exact_measurements_match_closed_form():
    # w = (t, 1 - t), t ~ U(0, 1); values a = t, b = 1 - t, c = 0.6
    r = analyse(exact_problem([[1, 0], [0, 1], [0.6, 0.6]]), samples=40000, seed=5)["stakeholders"]["s"]
    ra = r["rank_acceptability"]
    expected = {"a0": [0.4, 0.1, 0.5], "a1": [0.4, 0.1, 0.5], "a2": [0.2, 0.8, 0.0]}
    for alt, probs in expected.items():
        se = r["rank_acceptability_se"][alt]
        for p, q, s in zip(ra[alt], probs, se, strict=True):
            assert abs(p - q) < 5 * s + 0.002, (alt, ra[alt])
    assert r["central_weights"]["a0"]["c0"] == pytest.approx(0.8, abs=0.01)
    assert r["central_weights"]["a2"]["c0"] == pytest.approx(0.5, abs=0.01)
    assert r["confidence_factors"] == {"a0": 1.0, "a1": 1.0, "a2": 1.0}
    assert r["pairwise_winning"]["a0"]["a1"] == pytest.approx(0.5, abs=0.01)
    assert r["pairwise_winning"]["a0"]["a2"] == pytest.approx(0.4, abs=0.01)


def test_identical_alternatives_share_ranks():
    r = analyse(exact_problem([[0.3, 0.7], [0.3, 0.7]]), samples=500)["stakeholders"]["s"]
    assert r["rank_acceptability"] == {"a0": [0.5, 0.5], "a1": [0.5, 0.5]}
    assert r["pairwise_winning"]["a0"]["a1"] == 0.5


def test_measurement_uncertainty_only():
    p = exact_problem([[0.5, 0.5], [0.5, 0.5]], statements=[{"type": "exact", "weights": {"c0": 1.0, "c1": 0.0}}])
    p["measurements"]["a0"]["c0"] = {"type": "uniform", "low": 0.0, "high": 1.0}
    p["measurements"]["a1"]["c0"] = {"type": "uniform", "low": 0.0, "high": 0.5}
    r = analyse(p, samples=20000, seed=1)["stakeholders"]["s"]
    # P(U(0,1) > U(0,0.5)) = 0.75
    assert r["rank_acceptability"]["a0"][0] == pytest.approx(0.75, abs=5 * r["rank_acceptability_se"]["a0"][0] + 0.002)


def test_pert_sampling_matches_beta_moments():
    from regiokompas.engine.measurements import sample_cell
    from regiokompas.engine.problem import Criterion

    crit = Criterion("c", "c", "", 0, 100, "higher")
    x = sample_cell({"type": "pert", "low": 10, "mode": 20, "high": 60}, crit, 200000, np.random.default_rng(0))
    assert x.mean() == pytest.approx((10 + 4 * 20 + 60) / 6, abs=0.1)
    a, b = 1 + 4 * 10 / 50, 1 + 4 * 40 / 50
    assert stats.kstest((x - 10) / 50, stats.beta(a, b).cdf).statistic < 0.005


def test_pooled_is_the_weighted_mixture():
    p = exact_problem([[1, 0], [0, 1]], stakeholders=[
        {"id": "A", "weight": 3, "statements": [{"type": "exact", "weights": {"c0": 0.9, "c1": 0.1}}]},
        {"id": "B", "weight": 1, "statements": [{"type": "exact", "weights": {"c0": 0.2, "c1": 0.8}}]}])
    p["pooled_weighting"] = "weight"
    r = analyse(p, samples=1000)
    assert r["pooled"]["rank_acceptability"]["a0"] == [0.75, 0.25]
    assert r["pooled"]["central_weights"]["a0"] == {"c0": 0.9, "c1": 0.1}
    assert r["pooled"]["sampler"]["components"] == {"A": 0.75, "B": 0.25}
    assert r["consensus"]["feasible"] is False
    assert r["agreement"]["unanimous"] is False


def test_sensitivity_distances_and_switch_points():
    p = exact_problem([[1, 0], [0, 1]], statements=[{"type": "interval", "criterion": "c0", "min": 0.6, "max": 0.8}])
    s = analyse(p, samples=4000)["stakeholders"]["s"]["sensitivity"]
    assert s["preferred"] == "a0"
    assert s["smallest_change"]["to"] is None  # no weights within the statements make a1 best
    anywhere = s["smallest_change_anywhere"]
    w0 = s["representative_weights"]["c0"]
    assert anywhere["to"] == "a1" and anywhere["distance"] == pytest.approx(w0 - 0.5, abs=1e-6)
    assert s["sweeps"]["c0"]["switches"] == [{"weight": 0.5, "from": "a1", "to": "a0"}]


def test_chunked_and_cached_measurements_agree(monkeypatch):
    p = pert_problem(m=3, n=4, statements=[{"type": "ranking", "order": [["c0"], ["c1"]]}])
    full = analyse(p, samples=3000, seed=9)
    monkeypatch.setattr(analysis_module, "CACHE_BYTES", 0)
    monkeypatch.setattr(analysis_module, "CHUNK_CELLS", 1000 * 12)
    redrawn = analyse(p, samples=3000, seed=9)
    assert redrawn["measurements"]["chunks"] == 3
    # different chunking → different draws, same distribution; same chunking twice → identical
    again = analyse(p, samples=3000, seed=9)
    assert again == redrawn
    for alt in full["stakeholders"]["s1"]["rank_acceptability"]:
        a = full["stakeholders"]["s1"]["rank_acceptability"][alt][0]
        b = redrawn["stakeholders"]["s1"]["rank_acceptability"][alt][0]
        assert abs(a - b) < 0.06


# --- invariants (hypothesis) --------------------------------------------------------------------

values_st = st.integers(2, 4).flatmap(lambda m: st.integers(2, 4).flatmap(
    lambda n: st.lists(st.lists(st.floats(0, 1, allow_nan=False).map(lambda x: round(x, 3)), min_size=n, max_size=n),
                       min_size=m, max_size=m)))
SETTINGS = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def ra_matrix(block, alts):
    return np.array([block["rank_acceptability"][a] for a in alts])


@SETTINGS
@given(values_st, st.randoms(use_true_random=False))
def test_permuting_alternatives_permutes_results(values, rnd):
    values = np.array(values)
    perm = list(range(len(values)))
    rnd.shuffle(perm)
    r1 = analyse(exact_problem(values), samples=400, seed=1)["stakeholders"]["s"]
    r2 = analyse(exact_problem(values[perm]), samples=400, seed=1)["stakeholders"]["s"]
    m = len(values)
    ra1 = ra_matrix(r1, [f"a{i}" for i in range(m)])
    ra2 = ra_matrix(r2, [f"a{i}" for i in range(m)])
    assert np.allclose(ra1[perm], ra2, atol=1e-9)


@SETTINGS
@given(values_st, st.randoms(use_true_random=False))
def test_permuting_criteria_changes_nothing_beyond_mc_error(values, rnd):
    values = np.array(values)
    perm = list(range(values.shape[1]))
    rnd.shuffle(perm)
    r1 = analyse(exact_problem(values), samples=3000, seed=2)["stakeholders"]["s"]
    r2 = analyse(exact_problem(values[:, perm]), samples=3000, seed=3)["stakeholders"]["s"]
    alts = [f"a{i}" for i in range(len(values))]
    se = np.array([r1["rank_acceptability_se"][a] for a in alts]) + np.array([r2["rank_acceptability_se"][a] for a in alts])
    assert np.all(np.abs(ra_matrix(r1, alts) - ra_matrix(r2, alts)) <= 5 * se + 0.03)


@SETTINGS
@given(values_st)
def test_acceptabilities_sum_to_one(values):
    r = analyse(exact_problem(values), samples=300, seed=0)["stakeholders"]["s"]
    ra = ra_matrix(r, list(r["rank_acceptability"]))
    assert np.allclose(ra.sum(axis=0), 1, atol=1e-5) and np.allclose(ra.sum(axis=1), 1, atol=1e-5)
    pw = r["pairwise_winning"]
    for a in pw:
        for b in pw:
            if a != b:
                assert pw[a][b] + pw[b][a] == pytest.approx(1, abs=1e-5)


@SETTINGS
@given(st.integers(2, 4), st.integers(1, 4), st.integers(0, 10**6))
def test_dominating_alternative_is_always_first(m, n, seed):
    rng = np.random.default_rng(seed)
    p = exact_problem(np.zeros((m, n)))
    for i in range(m):
        for j in range(n):
            lo = float(rng.uniform(0, 0.4)) if i else 0.6
            p["measurements"][f"a{i}"][f"c{j}"] = {"type": "uniform", "low": lo, "high": lo + (0.4 if i == 0 else 0.2)}
    r = analyse(p, samples=300, seed=seed)["stakeholders"]["s"]
    assert r["rank_acceptability"]["a0"][0] == 1.0


@SETTINGS
@given(values_st, st.floats(0.5, 1000), st.floats(-100, 100))
def test_rescaling_units_with_the_scale_changes_nothing(values, factor, offset):
    values = np.array(values)
    p1 = exact_problem(values)
    p2 = exact_problem(values)
    for c in p2["criteria"]:
        c["scale"] = [offset, offset + factor]
    for row in p2["measurements"].values():
        for cell in row.values():
            cell["value"] = offset + factor * cell["value"]
    r1 = analyse(p1, samples=300, seed=4)["stakeholders"]["s"]
    r2 = analyse(p2, samples=300, seed=4)["stakeholders"]["s"]
    alts = list(r1["rank_acceptability"])
    assert np.allclose(ra_matrix(r1, alts), ra_matrix(r2, alts), atol=0.01)


def test_lower_is_better_direction_mirrors_values():
    up = analyse(exact_problem([[0.2, 0.5], [0.7, 0.5]]), samples=500)["stakeholders"]["s"]
    down = analyse(exact_problem([[0.8, 0.5], [0.3, 0.5]], directions=["lower", "higher"]), samples=500)["stakeholders"]["s"]
    assert up["rank_acceptability"] == down["rank_acceptability"]


@pytest.mark.parametrize("direction", ["higher", "lower"])
def test_fused_pert_values_match_the_reference_path(direction):
    from regiokompas.engine.measurements import _fused_quantile_values, pvf, sample_cell
    from regiokompas.engine.problem import Criterion

    crit = Criterion("c", "c", "", 10, 50, direction)
    cell = {"type": "pert", "low": 5, "mode": 20, "high": 45}
    out = np.empty(5000, dtype=np.float32)
    _fused_quantile_values(cell, crit, np.random.default_rng(3).random(5000, dtype=np.float32), out)
    ref = pvf(sample_cell(cell, crit, 5000, np.random.default_rng(3)), crit)
    assert np.allclose(out, ref, atol=1e-5)
    assert out.min() >= 0 and out.max() <= 1
