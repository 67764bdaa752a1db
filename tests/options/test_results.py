"""Reading engine results into Dutch conclusions, tables and charts (engine output per the
problem/result contract, written out by hand here)."""

import xml.etree.ElementTree as ET

from regiokompas.engine import validate_results
from regiokompas.options.results import compare, margin
from regiokompas.options.results import read as _read

PROBLEM = {
    "alternatives": [{"id": "v1", "name": "Variant 1: A"}, {"id": "v2", "name": "Variant 2: B"}, {"id": "v3", "name": "Variant 3: C"}],
    "criteria": [{"id": "eff", "name": "Effectiviteit"}, {"id": "fin", "name": "Financiële gevolgen"}],
    "stakeholders": [{"id": "GM0373", "name": "Bergen"}, {"id": "GM0361", "name": "Alkmaar"}],
}


ALTS, CRITS = ["v1", "v2", "v3"], ["eff", "fin"]


def _per_alt(value):
    return {a: value for a in ALTS}


def _change(to, distance, weights, within=True):
    """A sensitivity change as the engine writes it (``distance`` None: no such change)."""
    out = {"to": to, "distance": distance, "within_statements": within, "weights": weights}
    if distance is not None:
        out["at_weights"] = {c: round(0.6 * (c == "eff") + 0.4 * (c == "fin") + weights.get(c, 0.0), 6) for c in CRITS}
    return out


def sweep(current, grid, values, switches):
    """A one-way sweep as the engine writes it: the best alternative per grid point and the exact switches."""
    preferred = [max(ALTS, key=lambda a, i=i: values[a][i]) for i in range(len(grid))]
    return {"current_weight": current, "grid": grid, "values": values, "preferred": preferred, "switches": switches}


def sensitivity(preferred="v3", smallest=None, anywhere=None, sweeps=None):
    smallest = smallest if smallest is not None else _change("v2", 0.12, {"eff": -0.12, "fin": 0.12})
    anywhere = anywhere if anywhere is not None else smallest
    return {
        "preferred": preferred, "representative_weights": {"eff": 0.6, "fin": 0.4}, "values": {"v1": 0.5, "v2": 0.5, "v3": 0.5},
        "smallest_change": smallest, "smallest_change_anywhere": anywhere if anywhere.get("to") else None,
        "rivals": [r for r in (smallest, anywhere) if r.get("to")],
        "sweeps": sweeps if sweeps is not None else {
            "eff": sweep(0.6, [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0],
                         {"v1": [0.9 - 0.08 * i for i in range(11)], "v2": [0.5] * 11, "v3": [0.1 + 0.08 * i for i in range(11)]},
                         [{"weight": 0.5, "from": "v1", "to": "v3"}])},
    }


def smaa_block(first, se=0.005, name="Bergen"):
    """The SMAA part of a block (stakeholder, pooled or consensus) in the engine's result format."""
    rest = [(1 - p) / 2 for p in first]
    profiles = {"v1": {"eff": 0.3, "fin": 0.2}, "v2": {"eff": 0.2, "fin": 0.3}, "v3": {"eff": 0.4, "fin": 0.1}}
    return {
        "name": name,
        "rank_acceptability": {a: [p, r, r] for a, p, r in zip(ALTS, first, rest, strict=True)},
        "rank_acceptability_se": _per_alt([se, se, se]),
        "holistic_acceptability": {"v1": 0.3, "v2": 0.3, "v3": 0.4},
        "holistic_acceptability_se": _per_alt(0.004),
        "central_weights": _per_alt({"eff": 0.6, "fin": 0.4}),
        "central_weights_se": _per_alt({"eff": 0.01, "fin": 0.01}),
        "confidence_factors": {"v1": 0.5, "v2": 0.4, "v3": 0.8},
        "confidence_factors_se": _per_alt(0.005),
        "pairwise_winning": {"v1": {"v1": None, "v2": 0.4, "v3": 0.3}, "v2": {"v1": 0.6, "v2": None, "v3": 0.45},
                             "v3": {"v1": 0.7, "v2": 0.55, "v3": None}},
        "pairwise_winning_se": {a: {b: None if a == b else 0.005 for b in ALTS} for a in ALTS},
        "rank_entropy": {"per_alternative": _per_alt(1.2), "per_alternative_se": _per_alt(0.01), "rankings": 2.1, "distinct_rankings": 6},
        "weights": {"mean": {"eff": 0.6, "fin": 0.4}, "p2_5": {"eff": 0.5, "fin": 0.3}, "p97_5": {"eff": 0.7, "fin": 0.5}},
        "sampler": {"method": "rejection", "samples": 10000, "dimension": 1, "constraints": 3, "acceptance_rate": 0.5,
                    "chains_in_ranking": 1},
        "deterministic": {"weights": {"eff": 0.6, "fin": 0.4}, "values": {"v1": 0.5, "v2": 0.5, "v3": 0.5},
                          "value_profiles": profiles,
                          "partial_values": {a: {"eff": round(v["eff"] / 0.6, 6), "fin": round(v["fin"] / 0.4, 6)} for a, v in profiles.items()},
                          "ranking": ["v1", "v2", "v3"]},
    }


def block(first, se=0.005, name="Bergen"):
    """A stakeholder's block in the engine's result format."""
    return dict(smaa_block(first, se, name), warnings=[], sensitivity=sensitivity())


def pooled(first, se=0.005):
    out = dict(smaa_block(first, se, "Alle belanghebbenden samen"), sensitivity=sensitivity())
    out["weights"] = {"mean": out["weights"]["mean"]}
    out["sampler"] = {"method": "mixture", "samples": 10000, "components": {"GM0373": 0.5, "GM0361": 0.5}, "weighting": "equal"}
    return out


def results(stakeholders, pooled_block, consensus=None):
    """A whole results document in the engine's format (``regiokompas.result/1``)."""
    first = {sid: b["rank_acceptability"] for sid, b in stakeholders.items()}
    preferred = {sid: max(ALTS, key=lambda a, ra=ra: ra[a][0]) for sid, ra in first.items()}
    return {
        "schema": "regiokompas.result/1", "engine_version": "test", "samples": 10000, "seed": 1,
        "alternatives": ALTS, "criteria": CRITS, "measurements": {"exact": False, "chunks": 1},
        "tie_policy": "gedeelde plaatsen", "stakeholders": stakeholders, "warnings": [], "pooled": pooled_block,
        "consensus": consensus,
        "agreement": {"preferred": preferred, "unanimous": len(set(preferred.values())) == 1,
                      "first_rank_spread": {a: round(max(ra[a][0] for ra in first.values()) - min(ra[a][0] for ra in first.values()), 6)
                                            for a in ALTS}},
    }


RESULTS = results({"GM0373": block([0.30, 0.29, 0.41]), "GM0361": block([0.10, 0.75, 0.15], name="Alkmaar")},
                  pooled([0.2, 0.52, 0.28]))


def read(problem, results, snapshot=None):
    """The presenter, given only results that have the engine's shape (every fixture here is checked)."""
    validate_results(results)
    return _read(problem, results, snapshot)


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


CONSENSUS_CONFLICT = {"feasible": False, "conflicts": [{"stakeholder": "GM0373", "statement": 0}, {"stakeholder": "GM0361", "statement": 1}],
                      "key": "consensus.empty", "message": "Er zijn geen gewichten die bij alle belanghebbenden passen."}
SNAPSHOT = {"preferences": [
    {"municipality": "GM0373", "name": "Bergen", "origin": [0], "statements": [{"text": "Gewicht van Effectiviteit tussen 70 % en 90 %"}]},
    {"municipality": "GM0361", "name": "Alkmaar", "origin": [0, 1],
     "statements": [{"text": "Rangorde: Financiële gevolgen"}, {"text": "Gewicht van Effectiviteit tussen 10 % en 30 %"}]},
]}


def test_summary_states_pooled_conclusion_disagreement_and_missing_consensus():
    lines = read(PROBLEM, dict(RESULTS, consensus=CONSENSUS_CONFLICT), SNAPSHOT).summary()
    assert lines[0].startswith("Variant 2 is voor de gemeenten samen in 52 % (± 1 %) van de gevallen de beste keuze")
    assert lines[1] == ("De gemeenten zijn het niet eens: Variant 2 is het vaakst de beste keuze voor Alkmaar; "
                        "Variant 3 voor Bergen.")
    assert lines[2].startswith("Er bestaan geen gewichten die bij de voorkeuren van alle gemeenten tegelijk passen.")
    assert "gemiddelde over de gemeenten" in lines[2]
    assert "Bergen: uitspraak 1 (Gewicht van Effectiviteit tussen 70 % en 90 %)" in lines[2]
    assert "Alkmaar: uitspraak 2 (Gewicht van Effectiviteit tussen 10 % en 30 %)" in lines[2]


def test_summary_states_agreement_and_shared_weights():
    consensus = dict(smaa_block([0.1, 0.2, 0.7], name="Gedeelde gewichten (consensus)"), feasible=True)
    consensus["rank_acceptability"] = {"v1": [0.1, 0.4, 0.5], "v2": [0.2, 0.4, 0.4], "v3": [0.7, 0.2, 0.1]}
    consensus["rank_acceptability_se"] = {"v1": [0.003] * 3, "v2": [0.003] * 3, "v3": [0.004] * 3}
    shared = results({"GM0373": block([0.30, 0.29, 0.41]), "GM0361": block([0.10, 0.15, 0.75], name="Alkmaar")},
                     pooled([0.2, 0.22, 0.58]), consensus)
    lines = read(PROBLEM, shared).summary()
    assert lines[0].startswith("Variant 3 is voor de gemeenten samen in 58 % (± 1 %) van de gevallen de beste keuze")
    assert "betrouwbaarheidsfactor" not in lines[0]  # the short form at the top
    assert lines[1] == "De gemeenten zijn het eens: voor alle 2 gemeenten met voorkeuren is Variant 3 het vaakst de beste keuze."
    assert lines[2] == ("Er bestaan gewichten die bij de voorkeuren van alle gemeenten tegelijk passen. Binnen die gedeelde "
                        "gewichten is Variant 3 in 70 % (± 1 %) van de gevallen de beste keuze.")


def test_summary_of_a_single_municipality_is_its_conclusion():
    problem = dict(PROBLEM, stakeholders=[PROBLEM["stakeholders"][0]])
    lines = read(problem, RESULTS).summary()
    assert lines == [read(problem, RESULTS).blocks[0].conclusion(with_confidence=False)]
    assert lines[0].startswith("Variant 3 is voor Bergen in 41 % (± 1 %) van de gevallen de beste keuze")


def test_how_far_the_weights_must_move_per_municipality():
    results = dict(RESULTS)
    results["stakeholders"] = dict(RESULTS["stakeholders"])
    alkmaar = block([0.10, 0.75, 0.15])
    alkmaar["sensitivity"] = sensitivity("v2", smallest=_change(None, None, {}),
                                         anywhere=_change("v1", 0.2, {"eff": 0.2, "fin": -0.2}, within=False), sweeps={})
    results["stakeholders"]["GM0361"] = alkmaar
    reading = read(PROBLEM, results)
    header, rows = reading.sensitivity_table()
    assert header[0] == "Gemeente" and [r[0] for r in rows] == ["Bergen", "Alkmaar", "Alle gemeenten samen"]
    # as the engine writes it, the smallest change anywhere is the one within the statements here
    assert rows[0][1:] == ["Variant 3", "12,0 procentpunt, dan Variant 2", "12,0 procentpunt, dan Variant 2",
                           "Effectiviteit van 60 % naar 50 %, dan Variant 1"]
    assert rows[1][1:] == ["Variant 2", "geen andere variant de beste", "20,0 procentpunt, dan Variant 1", "–"]
    svg = reading.sensitivity_chart("gv")
    root = ET.fromstring(svg)
    desc = root.find("{http://www.w3.org/2000/svg}desc").text
    assert "Bergen: binnen de voorkeuren 12,0 procentpunt, ook buiten de voorkeuren 12,0 procentpunt." in desc
    assert "Alkmaar: geen omslag binnen de voorkeuren, ook buiten de voorkeuren 20,0 procentpunt." in desc
    assert svg.count("<rect") >= 3


def test_sweep_chart_marks_current_weight_and_switches_and_says_so():
    b = read(PROBLEM, RESULTS).blocks[0]
    assert b.sweep_criterion() == "eff"
    svg = b.sweep_chart("eff", "sw")
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert "Effectiviteit" in root.find(f"{ns}title").text and "Bergen" in root.find(f"{ns}title").text
    desc = root.find(f"{ns}desc").text
    assert "Bij het huidige gewicht (60 %) is Variant 3 de beste." in desc and "bij 50 % wordt Variant 3 de beste" in desc
    assert "omslagpunt bij 50 %" in svg and "huidig gewicht" in svg
    header, rows = b.sweep_table("eff")
    assert header[-1] == "Beste" and rows[0][-1] == "Variant 1" and rows[-1][-1] == "Variant 3"


def test_sweep_switch_points_come_from_the_engine_when_given():
    results = dict(RESULTS)
    bergen = block([0.30, 0.29, 0.41])
    bergen["sensitivity"]["sweeps"]["eff"]["switches"] = [{"weight": 0.4444, "from": "v1", "to": "v2"},
                                                          {"weight": 0.5556, "from": "v2", "to": "v3"}]
    results["stakeholders"] = {"GM0373": bergen, "GM0361": block([0.10, 0.75, 0.15])}
    desc = read(PROBLEM, results).blocks[0].sweep_description("eff")
    assert "bij 44 % wordt Variant 2 de beste; bij 56 % wordt Variant 3 de beste" in desc


def test_without_any_switch_the_heaviest_weight_is_swept():
    results = dict(RESULTS)
    bergen = block([0.30, 0.29, 0.41])
    flat = sweep(0.3, [0.0, 0.5, 1.0], {"v1": [0.2] * 3, "v2": [0.3] * 3, "v3": [0.9] * 3}, [])
    bergen["sensitivity"]["sweeps"] = {"eff": dict(flat, current_weight=0.7), "fin": flat}
    results["stakeholders"] = {"GM0373": bergen, "GM0361": block([0.10, 0.75, 0.15])}
    b = read(PROBLEM, results).blocks[0]
    assert b.key_sweep() is None and b.sweep_criterion() == "eff"
    assert "Over het hele bereik blijft Variant 3 de beste." in b.sweep_description("eff")
    assert read(PROBLEM, results).sensitivity_table()[1][0][-1] == "geen omslag"
