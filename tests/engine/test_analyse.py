"""The public contract of ``regiokompas.engine.analyse`` and the `analyse` command."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest

from regiokompas.engine import ProblemError, __version__, analyse
from regiokompas.engine.cli import summary

from .problems import example

BLOCK_KEYS = {"rank_acceptability", "rank_acceptability_se", "holistic_acceptability", "central_weights",
              "confidence_factors", "pairwise_winning", "sampler", "sensitivity"}


@pytest.fixture(scope="module")
def result():
    return analyse(example(), samples=2000, seed=3)


def test_output_shape(result):
    assert result["samples"] == 2000 and result["seed"] == 3 and result["engine_version"] == __version__
    assert set(result["stakeholders"]) == {"GM0373", "GM0361"}
    for block in [*result["stakeholders"].values(), result["pooled"]]:
        assert BLOCK_KEYS <= set(block)
        assert set(block["rank_acceptability"]) == {"v1", "v3"}
        assert all(len(v) == 2 for v in block["rank_acceptability"].values())
        assert set(block["central_weights"]["v3"]) == {"eff", "cost"}
        assert block["central_weights_se"]["v3"]["eff"] >= 0
        assert block["pairwise_winning_se"]["v1"]["v3"] >= 0 and block["pairwise_winning_se"]["v1"]["v1"] is None
        assert block["sensitivity"]["preferred"] in {"v1", "v3"}
        assert "sweeps" in block["sensitivity"]
    assert result["consensus"]["feasible"] is True
    json.dumps(result, allow_nan=False)


def test_same_seed_same_result_and_other_seed_differs(result):
    again = analyse(example(), samples=2000, seed=3)
    assert again == result
    other = analyse(example(), samples=2000, seed=4)
    assert other["stakeholders"]["GM0373"]["rank_acceptability"] != result["stakeholders"]["GM0373"]["rank_acceptability"]


def test_input_not_modified():
    p = example()
    before = copy.deepcopy(p)
    analyse(p, samples=500, seed=0)
    assert p == before


def test_exact_weights_use_point_sampler(result):
    assert result["stakeholders"]["GM0361"]["sampler"]["method"] == "point"
    assert result["pooled"]["sampler"]["method"] == "mixture"


@pytest.mark.parametrize("mutate,key", [
    (lambda p: p.update(schema="regiokompas.problem/0"), "schema.version"),
    (lambda p: p.pop("criteria"), "schema.required"),
    (lambda p: p["criteria"][0].update(scale=[10, 0]), "criterion.scale"),
    (lambda p: p["measurements"]["v1"].pop("eff"), "measurement.missing"),
    (lambda p: p["measurements"]["v1"].update(eff={"type": "pert", "low": 5, "mode": 1, "high": 9}), "measurement.invalid"),
    (lambda p: p["measurements"]["v1"].update(eff={"type": "gamma"}), "schema.enum"),
    (lambda p: p["stakeholders"][0]["statements"].append({"type": "interval", "criterion": "nope", "min": 0.1}),
     "statement.invalid"),
    (lambda p: p["stakeholders"][1]["statements"][0]["weights"].update(eff=0.7), "statement.invalid"),
    (lambda p: p["alternatives"].append({"id": "v1"}), "problem.duplicate_id"),
])
def test_invalid_problems_give_dutch_errors(mutate, key):
    p = example()
    mutate(p)
    before = copy.deepcopy(p)
    with pytest.raises(ProblemError) as info:
        analyse(p, samples=500)
    keys = [e["key"] for e in info.value.errors]
    assert key in keys, keys
    assert all(e["message"] and isinstance(e["statements"], list) for e in info.value.errors)
    assert p == before


def test_infeasible_statements_are_named():
    p = example()
    p["stakeholders"][0]["statements"] = [
        {"type": "interval", "criterion": "eff", "min": 0.1, "max": 0.9},
        {"type": "ranking", "order": [["cost"], ["eff"]]},
        {"type": "interval", "criterion": "cost", "max": 0.3},
        {"type": "interval", "criterion": "eff", "min": 0.05},
    ]
    with pytest.raises(ProblemError) as info:
        analyse(p, samples=500)
    (e,) = info.value.errors
    assert e["key"] == "weights.infeasible" and e["stakeholder"] == "GM0373"
    assert e["statements"] == [1, 2]
    assert "uitspraken 2 en 3" in e["message"] and "Bergen" in e["message"]


def test_consensus_conflict_is_reported_not_raised():
    p = example()
    p["stakeholders"][1]["statements"] = [{"type": "exact", "weights": {"eff": 0.1, "cost": 0.9}}]
    r = analyse(p, samples=500)
    assert r["consensus"]["feasible"] is False
    assert {"stakeholder": "GM0361", "statement": 0} in r["consensus"]["conflicts"]


@pytest.mark.parametrize("samples,seed", [(0, 0), (10**9, 0), ("100", 0), (1000, -1), (1000, 1.5)])
def test_bad_options(samples, seed):
    with pytest.raises(ProblemError):
        analyse(example(), samples=samples, seed=seed)


def test_engine_does_not_import_django():
    code = ("import sys; from regiokompas.engine import analyse; import regiokompas.engine.cli;"
            "from tests.engine.problems import example; analyse(example(), samples=200);"
            "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules), 'django'")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[2])


def test_cli_json_and_summary(tmp_path, capsys):
    from regiokompas.cli import main

    path = tmp_path / "p.json"
    path.write_text(json.dumps(example()), encoding="utf-8")
    assert main(["analyse", str(path), "--samples", "500", "--seed", "2", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out == analyse(example(), samples=500, seed=2)
    assert main(["analyse", str(path), "--samples", "500"]) == 0
    text = capsys.readouterr().out
    assert "Bergen" in text and "kans eerste plaats" in text
    assert summary(example(), out).startswith("Analyse met 500 trekkingen")


def test_cli_rejects_bad_input(tmp_path, capsys):
    from regiokompas.cli import main

    bad = tmp_path / "bad.json"
    bad.write_text("{niet json", encoding="utf-8")
    assert main(["analyse", str(bad)]) == 2
    assert "geen geldige JSON" in capsys.readouterr().err
    assert main(["analyse", str(tmp_path / "ontbreekt.json")]) == 2
    p = example()
    p["criteria"][0]["scale"] = [1, 1]
    bad.write_text(json.dumps(p), encoding="utf-8")
    assert main(["analyse", str(bad)]) == 2
    assert "schaal" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["analyse", str(bad), "--samples", "veel"])


def test_results_do_not_depend_on_thread_count():
    import numba

    from .problems import pert_problem

    p = pert_problem(m=4, n=5, statements=[{"type": "interval", "criterion": "c0", "min": 0.3, "max": 0.35}])
    default = analyse(p, samples=5000, seed=7)
    before = numba.get_num_threads()
    numba.set_num_threads(1)
    try:
        single = analyse(p, samples=5000, seed=7)
    finally:
        numba.set_num_threads(before)
    assert single == default


def test_concurrent_analyses_from_threads():
    from concurrent.futures import ThreadPoolExecutor

    p = example()
    expected = analyse(p, samples=3000, seed=5)
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(lambda _: analyse(example(), samples=3000, seed=5), range(3)))
    assert all(r == expected for r in results)
