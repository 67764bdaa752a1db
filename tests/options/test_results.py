"""Reading engine results into Dutch conclusions, tables and charts (engine output per the
problem/result contract, written out by hand here)."""

import xml.etree.ElementTree as ET

from regiokompas.options.results import compare, margin, read

PROBLEM = {
    "alternatives": [{"id": "v1", "name": "Variant 1: A"}, {"id": "v2", "name": "Variant 2: B"}, {"id": "v3", "name": "Variant 3: C"}],
    "criteria": [{"id": "eff", "name": "Effectiviteit"}, {"id": "fin", "name": "Financiële gevolgen"}],
    "stakeholders": [{"id": "GM0373", "name": "Bergen"}, {"id": "GM0361", "name": "Alkmaar"}],
}


def block(first, se=0.005):
    rest = [(1 - p) / 2 for p in first]
    return {
        "rank_acceptability": {a: [p, r, r] for a, p, r in zip(["v1", "v2", "v3"], first, rest, strict=True)},
        "rank_acceptability_se": {a: [se, se, se] for a in ["v1", "v2", "v3"]},
        "holistic_acceptability": {"v1": 0.3, "v2": 0.3, "v3": 0.4},
        "central_weights": {a: {"eff": 0.6, "fin": 0.4} for a in ["v1", "v2", "v3"]},
        "confidence_factors": {"v1": 0.5, "v2": 0.4, "v3": 0.8},
        "sampler": {"method": "rejection", "acceptance": 0.5},
        "pairwise_winning": {"v1": {"v1": None, "v2": 0.4, "v3": 0.3}, "v2": {"v1": 0.6, "v2": None, "v3": 0.45},
                             "v3": {"v1": 0.7, "v2": 0.55, "v3": None}},
        "weights": {"mean": {"eff": 0.6, "fin": 0.4}, "p2_5": {"eff": 0.5, "fin": 0.3}, "p97_5": {"eff": 0.7, "fin": 0.5}},
        "deterministic": {"value_profiles": {"v1": {"eff": 0.3, "fin": 0.2}, "v2": {"eff": 0.2, "fin": 0.3}, "v3": {"eff": 0.4, "fin": 0.1}}},
        "sensitivity": {"preferred": "v3", "smallest_change": {"distance": 0.12, "to": "v2", "weights": {"eff": -0.12, "fin": 0.12}},
                        "sweeps": {"eff": {"current_weight": 0.6, "grid": [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0],
                                           "values": {"v1": [0.9 - 0.08 * i for i in range(11)], "v2": [0.5] * 11,
                                                      "v3": [0.1 + 0.08 * i for i in range(11)]}}}},
    }


RESULTS = {
    "samples": 10000, "seed": 1, "engine_version": "test",
    "stakeholders": {"GM0373": block([0.30, 0.29, 0.41]), "GM0361": block([0.10, 0.75, 0.15])},
    "pooled": block([0.2, 0.52, 0.28]),
}


def test_conclusion_states_share_and_uncertainty():
    reading = read(PROBLEM, RESULTS)
    bergen = reading.blocks[0]
    text = bergen.conclusion()
    assert text.startswith("Variant 3 is voor Bergen in 41 % (± 1 %) van de gevallen de beste keuze; daarna Variant 1 met 30 %.")
    assert "80 %" in text  # confidence factor
    assert reading.pooled.conclusion().startswith("Variant 2 is voor de gemeenten samen in 52 %")


def test_no_clear_winner_when_difference_within_monte_carlo_error():
    results = dict(RESULTS, stakeholders={"GM0373": block([0.33, 0.32, 0.35], se=0.02), "GM0361": block([0.1, 0.8, 0.1])})
    assert "geen duidelijke winnaar" in read(PROBLEM, results).blocks[0].conclusion()


def test_margin_never_claims_zero():
    assert margin(0.0001) == "± <1 %"
    assert margin(0.005) == "± 1 %"
    assert margin(0.02) == "± 4 %"


def test_agreement_names_who_prefers_what_and_largest_difference():
    lines = read(PROBLEM, RESULTS).agreement()
    assert "Variant 3 is het vaakst de beste keuze voor Bergen." in lines
    assert "Variant 2 is het vaakst de beste keuze voor Alkmaar." in lines
    assert any("grootste verschil" in line and "Variant 2" in line for line in lines)


def test_sensitivity_sentence():
    lines = read(PROBLEM, RESULTS).blocks[0].sensitivity_text()
    assert "Variant 3 de beste" in lines[0]
    assert "wordt Variant 2 de beste als de gewichten in totaal 12,0 procentpunt verschuiven" in lines[1]
    assert "Effectiviteit −12,0 %-punt" in lines[1]


def test_charts_are_accessible_svg_with_title_and_desc():
    reading = read(PROBLEM, RESULTS)
    for svg in (reading.blocks[0].chart("a"), reading.blocks[0].weights_chart("b"), reading.comparison_chart("c")):
        root = ET.fromstring(svg)
        ns = "{http://www.w3.org/2000/svg}"
        assert root.get("role") == "img"
        assert root.find(f"{ns}title").text and root.find(f"{ns}desc").text
        assert root.get("aria-labelledby")


def test_tables_match_chart_numbers():
    header, rows = read(PROBLEM, RESULTS).blocks[0].rank_table()
    assert header[:4] == ["Variant", "Plaats 1", "Plaats 2", "Plaats 3"]
    assert rows[2][0] == "Variant 3" and rows[2][1].startswith("41 %")


def test_compare_two_runs():
    other = dict(RESULTS, stakeholders={"GM0373": block([0.2, 0.2, 0.6]), "GM0361": block([0.10, 0.75, 0.15])})
    rows = compare(read(PROBLEM, RESULTS), read(PROBLEM, other))
    bergen_v3 = next(r for r in rows if r[0] == "Bergen" and r[1] == "Variant 3")
    assert bergen_v3[2:] == ["41 %", "60 %", "+19 procentpunt"]


def test_pairwise_weights_and_value_profile_tables():
    b = read(PROBLEM, RESULTS).blocks[0]
    header, rows = b.pairwise_table()
    assert rows[2] == ["Variant 3", "70 %", "55 %", "–"]
    header, rows = b.weight_range_table()
    assert rows[0] == ["Effectiviteit", "60 %", "50 % – 70 %"]
    header, rows = b.value_profile_table()
    assert rows[-1] == ["Totaal", "0,500", "0,500", "0,500"]
    assert "<title" in b.value_profile_chart("vp")


def test_results_are_stored_as_valid_json():
    from regiokompas.options.services import json_safe

    assert json_safe({"a": [float("nan"), 1.0, float("inf")], "b": {"c": float("-inf")}}) == {"a": [None, 1.0, None], "b": {"c": None}}


def test_nearest_switch_of_a_one_way_sweep():
    b = read(PROBLEM, RESULTS).blocks[0]
    lines = b.sensitivity_text()
    # v3 rises, v1 falls: going down from 60 %, v1 overtakes v3 at 50 %
    assert any("Effectiviteit van 60 % daalt tot ongeveer 50 %" in line and "Variant 1 de beste" in line for line in lines)
    assert b.key_sweep() == "eff"
    assert "<polyline" in b.sweep_chart("eff", "sw")
    header, rows = b.sweep_table("eff")
    assert header[0] == "Gewicht van Effectiviteit" and len(rows) == 11
