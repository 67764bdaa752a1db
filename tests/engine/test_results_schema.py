"""The engine's output has the shape ``results.schema.json`` describes (``regiokompas.result/1``),
for one and several stakeholders, every weight sampler, with and without a consensus and with and
without a change of the best alternative within the statements."""

from __future__ import annotations

import copy
import functools
import json
import math

import pytest

from regiokompas.engine import ResultsError, analyse, validate_results
from regiokompas.engine.results import errors, json_schema

from .problems import exact_problem, example, pert_problem

RANKING = {"type": "ranking", "order": [["c0"], ["c1"]]}


def _problems() -> dict:
    weighted = exact_problem([[0.2, 0.8], [0.6, 0.3], [0.5, 0.5]], stakeholders=[
        {"id": "A", "weight": 3, "statements": [{"type": "exact", "weights": {"c0": 0.9, "c1": 0.1}}]},
        {"id": "B", "weight": 1, "statements": [{"type": "exact", "weights": {"c0": 0.2, "c1": 0.8}}]}])
    weighted["pooled_weighting"] = "weight"
    return {
        "example, two stakeholders, consensus": (example(), {}),
        "one stakeholder, no statements (exact sampler)": (exact_problem([[0.2, 0.8], [0.6, 0.3]]), {}),
        "one stakeholder, fixed weights, no change within": (
            exact_problem([[0.2, 0.8], [0.6, 0.3], [0.5, 0.5]], [{"type": "exact", "weights": {"c0": 0.3, "c1": 0.7}}]), {}),
        "rejection sampler, uncertain measurements": (
            pert_problem(m=4, n=5, statements=[RANKING, {"type": "ratio", "numerator": "c2", "denominator": "c3", "min": 1.0, "max": 1.5}]), {}),
        "hit-and-run sampler": (pert_problem(m=3, n=7), {"sampler": "hit_and_run"}),
        "pooled by weight": (weighted, {}),
        "opposite rankings: consensus on one point": (exact_problem([[0.2, 0.8], [0.6, 0.3]], stakeholders=[
            {"id": "a", "statements": [RANKING]}, {"id": "b", "statements": [{"type": "ranking", "order": [["c1"], ["c0"]]}]}]), {}),
        "no consensus": (exact_problem([[0.2, 0.8], [0.6, 0.3]], stakeholders=[
            {"id": "a", "statements": [{"type": "interval", "criterion": "c0", "min": 0.1, "max": 0.2}]},
            {"id": "b", "statements": [{"type": "interval", "criterion": "c0", "min": 0.6, "max": 0.7}]}]), {}),
        "measurement outside the scale (warning)": (exact_problem([[1.2, 0.8], [0.6, 0.3]]), {}),
    }


PROBLEMS = _problems()


@functools.cache
def _run(name: str) -> dict:
    problem, options = PROBLEMS[name]
    return analyse(problem, samples=300, seed=2, **options)


@pytest.fixture(params=list(PROBLEMS))
def output(request):
    return request.param, copy.deepcopy(_run(request.param))


def _json_safe(x):
    if isinstance(x, float) and not math.isfinite(x):
        return None
    if isinstance(x, dict):
        return {k: _json_safe(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_json_safe(v) for v in x]
    return x


def test_engine_output_validates(output):
    name, result = output
    assert errors(result) == [], name
    validate_results(result)
    # as stored (JSON, NaN as null) it validates too
    validate_results(json.loads(json.dumps(_json_safe(result))))


def test_the_cases_cover_what_the_schema_allows():
    results = {name: _run(name) for name in PROBLEMS}
    methods = {b["sampler"]["method"] for r in results.values() for b in [*r["stakeholders"].values(), r["pooled"]]}
    assert methods >= {"point", "exact", "rejection", "hit_and_run", "mixture"}
    consensus = [r["consensus"] for r in results.values()]
    assert None in consensus and any(c and c["feasible"] for c in consensus) and any(c and not c["feasible"] for c in consensus)
    changes = [b["sensitivity"]["smallest_change"] for r in results.values() for b in r["stakeholders"].values()]
    assert any(c.get("to") for c in changes) and any(c and c.get("to") is None for c in changes)
    assert any(r["warnings"] for r in results.values())


def test_schema_is_draft_2020_12_and_names_the_format():
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["schema"] == {"const": "regiokompas.result/1"}


def test_a_drifted_document_is_refused_naming_the_place():
    result = copy.deepcopy(_run("example, two stakeholders, consensus"))
    result["stakeholders"]["GM0373"]["sampler"]["acceptance"] = 0.5
    del result["pooled"]["sensitivity"]["sweeps"]
    with pytest.raises(ResultsError) as caught:
        validate_results(result)
    found = {e["path"]: e["message"] for e in caught.value.errors}
    assert found["stakeholders/GM0373/sampler"] == "onbekend veld 'acceptance'"
    assert found["pooled/sensitivity"] == "verplicht veld 'sweeps' ontbreekt"
    with pytest.raises(ResultsError):
        validate_results({"schema": "regiokompas.result/0"})
