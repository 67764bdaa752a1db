"""Preference statements as entered → engine statements."""

import pytest

from regiokompas.options.errors import OptionsError
from regiokompas.options.problem import Statement, compile_statements, describe_statement

CODES = ["eff", "efc", "klant", "fin"]
NAMES = {"eff": "Effectiviteit", "efc": "Efficiency", "klant": "Klantgerichtheid", "fin": "Financiële gevolgen"}


def compile_(*statements):
    return compile_statements(list(statements), CODES, NAMES)


def test_ranking_with_ties_is_passed_as_groups():
    out, origin = compile_(Statement("ranking", {"order": [["klant", "eff"], ["fin"]]}))
    assert out == [{"type": "ranking", "order": [["klant", "eff"], ["fin"]]}]
    assert origin == [0]


def test_swing_with_ranges_becomes_ratio_bounds_against_the_most_important():
    out, origin = compile_(Statement("swing", {"points": {"eff": 100, "klant": [60, 80], "fin": 50}}))
    assert {"type": "ratio", "numerator": "klant", "denominator": "eff", "min": 0.6, "max": 0.8} in out
    assert {"type": "ratio", "numerator": "fin", "denominator": "eff", "min": 0.5, "max": 0.5} in out
    assert origin == [0, 0]


def test_exact_swing_for_all_criteria_becomes_exact_weights():
    out, _ = compile_(Statement("swing", {"points": {"eff": 100, "efc": 50, "klant": 50, "fin": 0}}))
    assert out[0]["type"] == "exact"
    assert out[0]["weights"] == pytest.approx({"eff": 0.5, "efc": 0.25, "klant": 0.25, "fin": 0.0})


def test_intervals_ratios_and_exact_weights():
    out, origin = compile_(
        Statement("interval", {"criterion": "fin", "min": 0.1, "max": 0.3}),
        Statement("ratio", {"numerator": "eff", "denominator": "fin", "min": 1, "max": 3}),
        Statement("exact", {"weights": {"eff": 0.4, "efc": 0.2, "klant": 0.2, "fin": 0.2}}),
    )
    assert out[0] == {"type": "interval", "criterion": "fin", "min": 0.1, "max": 0.3}
    assert out[1] == {"type": "ratio", "numerator": "eff", "denominator": "fin", "min": 1.0, "max": 3.0}
    assert out[2]["type"] == "exact"
    assert origin == [0, 1, 2]


@pytest.mark.parametrize("statement, fragment", [
    (Statement("ranking", {"order": [["eff"], ["onbekend"]]}), "onbekend criterium 'onbekend'"),
    (Statement("ranking", {"order": [["eff"], ["eff"]]}), "meer dan eens"),
    (Statement("swing", {"points": {"eff": 90, "fin": 50}}), "precies 100 punten"),
    (Statement("swing", {"points": {"eff": 100, "fin": [80, 60]}}), "ondergrens (80) boven de bovengrens (60)"),
    (Statement("interval", {"criterion": "eff", "min": 0.5, "max": 0.2}), "ondergrens (50 %) ligt boven de bovengrens (20 %)"),
    (Statement("interval", {"criterion": "eff", "min": 0.5, "max": 1.5}), "tussen 0 % en 100 %"),
    (Statement("ratio", {"numerator": "eff", "denominator": "eff", "min": 1, "max": 2}), "twee verschillende criteria"),
    (Statement("exact", {"weights": {"eff": 0.5, "efc": 0.2, "klant": 0.2, "fin": 0.2}}), "tellen op tot 110 %"),
    (Statement("exact", {"weights": {"eff": 1.0}}), "ontbrekend"),
    (Statement("onzin", {}), "onbekende soort"),
])
def test_malformed_statements_are_named_in_dutch(statement, fragment):
    with pytest.raises(OptionsError) as err:
        compile_(Statement("ranking", {"order": [["eff"], ["fin"]]}), statement)
    assert fragment in err.value.message
    assert err.value.message.startswith("Uitspraak 2")
    assert err.value.statements == [1]


def test_descriptions_are_dutch():
    assert describe_statement(Statement("ranking", {"order": [["klant", "eff"], ["fin"]]}), NAMES) == \
        "Rangorde: Klantgerichtheid = Effectiviteit > Financiële gevolgen"
    assert "1 tot 3 keer zo belangrijk als Financiële gevolgen" in describe_statement(
        Statement("ratio", {"numerator": "eff", "denominator": "fin", "min": 1, "max": 3}), NAMES)
    assert "tussen 10 % en 30 %" in describe_statement(Statement("interval", {"criterion": "fin", "min": 0.1, "max": 0.3}), NAMES)
