"""Allocation keys and input validation (Dutch messages)."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regiokompas.engine.costs import CostError, allocate, parse_model, shared_organisation_split, shares
from regiokompas.engine.costs.model import Key

BUCH = {"GM0373": 32.61, "GM0450": 12.04, "GM0383": 34.19, "GM0399": 100 - 32.61 - 12.04 - 34.19}


def test_fixed_percentage_key_reproduces_the_buch_2017_split():
    # BUCH (Werkorganisatie BUCH, programmabegroting 2017): budget EUR 58.8 million: Bergen 32.61 %, Uitgeest 12.04 %,
    # Castricum 34.19 %, rest Heiloo.
    key = Key("buch", "BUCH 2017", "fixed_percentages", BUCH)
    parts = allocate({"buch": key}, key, list(BUCH), 58_800_000)
    assert round(parts["GM0373"]) == 19_174_680
    assert round(parts["GM0450"]) == 7_079_520
    assert round(parts["GM0383"]) == 20_103_720
    assert round(parts["GM0399"]) == 12_442_080
    assert math.isclose(sum(parts.values()), 58_800_000)


def test_buch_key_in_a_model_and_fixed_percentages_renormalise_over_a_subset(data):
    data["keys"]["buch"] = {"name": "BUCH 2017", "method": "fixed_percentages", "values": BUCH,
                            "source": "uitgeester.nl/nieuws/politiek/22304"}
    model = parse_model(data)
    s = shares(model.keys, model.keys["buch"], ["GM0383", "GM0399"])
    assert s == pytest.approx([34.19 / (34.19 + 21.16), 21.16 / (34.19 + 21.16)])


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(st.floats(0, 1e6, allow_nan=False), min_size=1, max_size=12),
    amount=st.floats(-1e9, 1e9, allow_nan=False),
    method=st.sampled_from(["per_inhabitant", "per_client", "per_usage", "historical", "budget"]),
)
def test_every_key_sums_to_the_total(values, amount, method):
    if sum(values) <= 0:
        values = [*values[:-1], 1.0]
    payers = [f"GM{i:04d}" for i in range(len(values))]
    key = Key("k", "k", method, dict(zip(payers, values, strict=True)), "2021-01-01")
    parts = allocate({"k": key}, key, payers, amount)
    assert math.isclose(sum(parts.values()), amount, rel_tol=1e-9, abs_tol=1e-6)
    assert all(p * amount >= 0 or abs(p) < 1e-9 for p in parts.values())


def test_fixed_plus_variable_key_mixes_its_parts(data):
    model = parse_model(data)
    codes = list(model.municipalities)
    mixed = shares(model.keys, model.keys["mixed"], codes)
    clients = [3000, 450, 500, 350, 150]
    expected = [0.3 / 5 + 0.7 * c / sum(clients) for c in clients]
    assert mixed == pytest.approx(expected)
    assert mixed.sum() == pytest.approx(1.0)


def _messages(exc):
    return " | ".join(e["message"] for e in exc.value.errors)


def test_percentages_not_summing_to_100_are_rejected(data):
    data["keys"]["pct"] = {"name": "Vast", "method": "fixed_percentages",
                           "values": {"GM0361": 50, "GM0373": 20, "GM0383": 20, "GM0399": 5, "GM0450": 4.5}}
    with pytest.raises(CostError) as exc:
        parse_model(data)
    assert "tellen op tot 99,5 % in plaats van 100 %" in _messages(exc)
    assert exc.value.errors[0]["key"] == "percentages_sum"


def test_negative_volumes_are_rejected(data):
    data["drivers"]["clients"]["values"]["GM0373"] = -5
    with pytest.raises(CostError) as exc:
        parse_model(data)
    assert "negatief" in _messages(exc)


def test_missing_population_for_the_reference_date_is_rejected(data):
    del data["keys"]["inhabitants"]["values"]["GM0373"]
    with pytest.raises(CostError) as exc:
        parse_model(data)
    text = _messages(exc)
    assert "geen inwonertal op peildatum 2021-01-01 voor Bergen" in text
    assert {e["key"] for e in exc.value.errors} == {"missing_population"}


def test_key_per_inhabitant_needs_a_reference_date(data):
    del data["keys"]["inhabitants"]["reference_date"]
    with pytest.raises(CostError) as exc:
        parse_model(data)
    assert "heeft een peildatum nodig" in _messages(exc)


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        (lambda d: d["variants"][0]["items"][0].update(amount={"low": 3, "likely": 2, "high": 4}), "is niet voldaan"),
        (lambda d: d["variants"][0]["items"][1].update(driver="uren"), "bekende kostendrager"),
        (lambda d: d["variants"][0]["items"][0].update(category="soms"), "onbekende kostensoort"),
        (lambda d: d["keys"]["equal"].update(method="loterij"), "onbekende methode"),
        (lambda d: d.update(horizon={"start_year": "vorig jaar"}), "jaartal"),
        (lambda d: d["variants"][0]["items"][0].update(amount={"low": "veel", "likely": 2, "high": 4}), "geen getal"),
        (lambda d: d["variants"][0]["items"][0].update(first_year=2040, last_year=2041), "buiten de looptijd"),
        (lambda d: d["baseline"].update(GM9999={"low": 1, "likely": 1, "high": 1}), "onbekende gemeente"),
    ],
)
def test_bad_input_gets_a_dutch_message(data, change, fragment):
    change(data)
    with pytest.raises(CostError) as exc:
        parse_model(data)
    assert fragment in _messages(exc)


def test_all_problems_are_reported_at_once(data):
    data["drivers"]["clients"]["values"]["GM0373"] = -5
    data["variants"][0]["items"][0]["amount"] = {"low": 3, "likely": 2, "high": 4}
    with pytest.raises(CostError) as exc:
        parse_model(data)
    assert len(exc.value.errors) >= 2


def test_shared_organisation_split_of_buch_when_two_members_transfer_a_task():
    # Castricum and Heiloo move their Participatiewet execution to a regional organisation,
    # Bergen and Uitgeest pause. Illustrative task budget: EUR 6 million, 40 % cannot be shed.
    out = shared_organisation_split(58_800_000, BUCH, 6_000_000, ["GM0383", "GM0399"], stranded_fraction=0.4)
    members = out["members"]
    leaving = 6_000_000 * (34.19 + 21.16) / 100
    assert out["budget_after"] == pytest.approx(58_800_000 - 0.6 * leaving)
    assert sum(m["after"] for m in members.values()) == pytest.approx(out["budget_after"])
    assert sum(m["percentage_after"] for m in members.values()) == pytest.approx(100)
    # the stranded overhead is spread by the key: the pausing members pay more for the same services
    assert members["GM0373"]["difference"] == pytest.approx(0.4 * leaving * 0.3261)
    assert members["GM0450"]["extra_for_same_services"] > 0
    assert members["GM0383"]["difference"] < 0
    # borne by the transferring members: the others pay exactly what they paid
    out2 = shared_organisation_split(58_800_000, BUCH, 6_000_000, ["GM0383", "GM0399"], stranded_fraction=0.4,
                                     stranded_to="transferring")
    assert out2["members"]["GM0373"]["difference"] == pytest.approx(0)


def test_shared_organisation_split_rejects_bad_percentages():
    with pytest.raises(CostError) as exc:
        shared_organisation_split(100, {"a": 60, "b": 30}, 10, ["a"])
    assert "tellen op tot 90 %" in str(exc.value)
