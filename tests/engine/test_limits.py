"""Bounds on problem size and on numbers, checked before anything is allocated; a Dutch message that
states the limit; no traceback for a malformed problem file."""

import math

import pytest
from tests.engine.problems import example

from regiokompas.cli import main
from regiokompas.engine import ProblemError, analyse


def many_alternatives(m: int) -> dict:
    p = example()
    p["alternatives"] = [{"id": f"a{i}"} for i in range(m)]
    p["measurements"] = {f"a{i}": {"eff": {"type": "exact", "value": 50}, "cost": {"type": "exact", "value": 9}}
                         for i in range(m)}
    return p


def many_criteria(n: int) -> dict:
    p = example()
    p["criteria"] = [{"id": f"c{j}", "scale": [0, 1]} for j in range(n)]
    p["measurements"] = {a["id"]: {f"c{j}": {"type": "exact", "value": 0.5} for j in range(n)} for a in p["alternatives"]}
    for s in p["stakeholders"]:
        s["statements"] = []
    return p


def refusal(problem, **options) -> ProblemError:
    with pytest.raises(ProblemError) as exc:
        analyse(problem, **options)
    return exc.value


def test_ten_thousand_alternatives_are_refused_before_allocation():
    exc = refusal(many_alternatives(10_000))
    assert exc.errors[0]["key"] == "limits.alternatives"
    assert "10.000 alternatieven; het maximum is 100 (REGIOKOMPAS_MAX_ALTERNATIVES)" in exc.message


def test_a_thousand_criteria_are_refused():
    exc = refusal(many_criteria(1_000))
    assert "1.000 criteria; het maximum is 50 (REGIOKOMPAS_MAX_CRITERIA)" in exc.message


def test_statements_and_stakeholders_are_bounded(settings):
    settings.REGIOKOMPAS_MAX_STATEMENTS = 3
    settings.REGIOKOMPAS_MAX_STAKEHOLDERS = 1
    exc = refusal(example())
    assert "4 voorkeursuitspraken; het maximum is 3" in exc.message
    assert "2 belanghebbenden; het maximum is 1" in exc.message


def test_product_of_alternatives_criteria_and_samples_is_bounded(settings):
    settings.REGIOKOMPAS_MAX_ANALYSIS_CELLS = 3_999
    exc = refusal(example(), samples=1_000)
    assert exc.errors[0]["key"] == "limits.analysis_cells"
    assert "2 alternatieven × 2 criteria × 1.000 trekkingen = 4.000; het maximum is 3.999" in exc.message
    settings.REGIOKOMPAS_MAX_ANALYSIS_CELLS = 4_000
    assert analyse(example(), samples=1_000)["samples"] == 1_000


def test_samples_limit_comes_from_the_settings(settings):
    settings.REGIOKOMPAS_MAX_SAMPLES = 500
    exc = refusal(example(), samples=501)
    assert "tussen 100 en 500" in exc.message and "REGIOKOMPAS_MAX_SAMPLES" in exc.message


@pytest.mark.parametrize("place, value", [
    ("statement", math.nan), ("statement", math.inf), ("scale", 1e308), ("scale", -math.inf),
    ("measurement", 10**400), ("measurement", -1e16), ("statement", 10**30),
])
def test_numbers_out_of_range_are_refused(place, value):
    p = example()
    if place == "statement":
        p["stakeholders"][0]["statements"][1]["min"] = value
    elif place == "scale":
        p["criteria"][0]["scale"] = [-1 if value > 0 else value, value if value > 0 else 100]
    else:
        p["measurements"]["v1"]["cost"]["value"] = value
    exc = refusal(p)
    assert exc.errors[0]["key"] == "problem.json"
    assert "Het probleem bevat" in exc.message and ("NaN" in exc.message or "te groot" in exc.message)


def test_nan_in_a_preference_statement_is_not_accepted_silently():
    p = example()
    p["stakeholders"][1]["statements"][0]["weights"]["eff"] = math.nan
    assert "NaN" in refusal(p).message


def test_deep_nesting_is_refused():
    p = example()
    deep: list = []
    for _ in range(10_000):
        deep = [deep]
    p["extra"] = deep
    exc = refusal(p)
    assert "te diep genest" in exc.message and "REGIOKOMPAS_MAX_JSON_DEPTH" in exc.message


@pytest.mark.parametrize("content, fragment", [
    (b"", "leeg"),
    (b"   \n", "leeg"),
    (b"\x00\xff\xfe binair \x89PNG", "UTF-8"),
    ("{\"schema\": \"é\"}".encode("latin-1"), "UTF-8"),
    (b"[" * 100_000 + b"]" * 100_000, "te diep genest"),
    (b'{"a": NaN}', "NaN"),
    (b'{"a": -Infinity}', "Infinity"),
    (b'{"a": 1e400}', "te groot"),
    (b'{"a": ' + b"9" * 5000 + b"}", "te groot"),
    (b"[1, 2, 3]", "geen probleem"),
    (b'"tekst"', "geen probleem"),
    (b'{"schema": "regiokompas.problem/1", "alternatives": "twee"}', "kan niet worden doorgerekend"),
])
def test_cli_refuses_malformed_files_in_dutch_without_traceback(tmp_path, capsys, content, fragment):
    path = tmp_path / "probleem.json"
    path.write_bytes(content)
    assert main(["analyse", str(path)]) == 2
    err = capsys.readouterr().err
    assert fragment in err and "Traceback" not in err


def test_cli_refuses_a_problem_beyond_the_limits(tmp_path, capsys):
    import json

    path = tmp_path / "groot.json"
    path.write_text(json.dumps(many_alternatives(10_000)))
    assert main(["analyse", str(path)]) == 2
    assert "het maximum is 100 (REGIOKOMPAS_MAX_ALTERNATIVES)" in capsys.readouterr().err


def test_strict_json_reader_keeps_64_bit_integers_and_refuses_beyond():
    from regiokompas.conf import limits

    assert limits.loads(b'{"seed": 9223372036854775807, "x": 1e15}') == {"seed": 2**63 - 1, "x": 1e15}
    for text, fragment in ((b'{"seed": 9223372036854775808}', "2^63"), (b'{"x": 1.5e15}', "10^15"),
                           (b'{"x": [NaN]}', "NaN")):
        with pytest.raises(limits.JSONLimitError, match=fragment.replace("^", r"\^")):
            limits.loads(text)


def test_every_limit_is_documented_and_read_from_the_environment(monkeypatch):
    from pathlib import Path

    from regiokompas.conf import limits
    from regiokompas.conf.config import REGISTRY, ConfigError

    docs = (Path(__file__).resolve().parents[2] / "docs" / "configuration.md").read_text(encoding="utf-8")
    for name in limits.LIMITS:
        assert f"`{name}`" in docs, name
    monkeypatch.setenv("REGIOKOMPAS_MAX_CRITERIA", "7")
    assert limits.from_environment()["REGIOKOMPAS_MAX_CRITERIA"] == 7
    monkeypatch.setenv("REGIOKOMPAS_MAX_SAMPLES", "1.000.000")  # written the Dutch way
    assert limits.from_environment()["REGIOKOMPAS_MAX_SAMPLES"] == 1_000_000
    assert "REGIOKOMPAS_MAX_CRITERIA" in REGISTRY  # listed by `regiokompas check --settings`
    monkeypatch.setenv("REGIOKOMPAS_MAX_CRITERIA", "veel")
    with pytest.raises(ConfigError, match="REGIOKOMPAS_MAX_CRITERIA: 'veel' is geen positief geheel getal"):
        limits.from_environment()
    monkeypatch.setenv("REGIOKOMPAS_MAX_CRITERIA", "0")
    with pytest.raises(ConfigError, match="geen positief geheel getal"):
        limits.from_environment()
