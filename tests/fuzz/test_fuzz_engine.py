"""Fuzz `analyse` and the cost model: every malformed input ends in a Dutch refusal, never a traceback."""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.engine.problems import example
from tests.engine_costs.conftest import BASE
from tests.fuzz.support import VALUES, assert_dutch, fuzz, mutate

from regiokompas.engine import ProblemError, analyse
from regiokompas.engine.costs import CostError, compute


def run_analysis(problem) -> None:
    try:
        result = analyse(problem, samples=100, seed=1)
    except ProblemError as exc:
        assert exc.errors
        for error in exc.errors:
            assert_dutch(error["message"])
    else:
        json.dumps(result, allow_nan=False)  # a result is plain JSON


@fuzz(60)
@given(data=st.data())
def test_analyse_mutated_problems(data):
    run_analysis(mutate(data, example()))


@fuzz(20)
@given(value=VALUES)
def test_analyse_any_value(value):
    run_analysis(value)


@fuzz(40)
@given(data=st.data())
def test_analyse_command_on_any_file(tmp_path_factory, data):
    import contextlib
    import io

    from regiokompas.cli import main

    kind = data.draw(st.sampled_from(["bytes", "text", "json"]))
    if kind == "bytes":
        content = data.draw(st.binary(max_size=300))
    elif kind == "text":
        content = data.draw(st.text(max_size=300)).encode()
    else:
        content = json.dumps(mutate(data, example())).encode()
    path = tmp_path_factory.mktemp("fuzz") / "probleem.json"
    path.write_bytes(content)
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["analyse", str(path), "--samples", "100"])
    assert code in (0, 2)
    if code == 2:
        assert_dutch(err.getvalue())


def run_costs(model) -> None:
    try:
        compute(model, samples=50, seed=1)
    except CostError as exc:
        assert exc.errors
        for error in exc.errors:
            assert_dutch(error["message"])


@fuzz(120)
@given(data=st.data())
def test_cost_model_mutations(data):
    run_costs(mutate(data, BASE))


@fuzz(20)
@given(value=VALUES)
def test_cost_model_any_value(value):
    run_costs(value)


@pytest.mark.parametrize("samples", [0, -1, 10**9, 1.5, True, "100", None])
def test_cost_draws_outside_the_limits(samples):
    with pytest.raises(CostError) as exc:
        compute(BASE, samples=samples)
    assert_dutch(exc.value.message)
