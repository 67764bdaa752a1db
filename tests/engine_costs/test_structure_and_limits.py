"""A malformed cost model gets Dutch messages, never an AttributeError or TypeError; sizes are bounded."""

import math

import pytest

from regiokompas.engine.costs import CostError, compute, parse_model, simulate
from regiokompas.engine.costs.model import json_schema


@pytest.mark.parametrize("change, fragment", [
    (lambda d: d.update(horizon=[2021, 5]), "horizon: moet een object of leeg zijn"),
    (lambda d: d.update(municipalities={"GM0361": "Alkmaar"}), "municipalities: moet een lijst of leeg zijn"),
    (lambda d: d.update(municipalities=["GM0361"]), "municipalities[0]: moet een object of leeg zijn"),
    (lambda d: d.update(drivers=[1, 2]), "drivers: moet een object"),
    (lambda d: d["drivers"].update(clients="veel"), "drivers.clients: moet een object"),
    (lambda d: d["keys"]["inhabitants"].update(values=[1, 2]), "keys.inhabitants.values: moet een object"),
    (lambda d: d["keys"]["mixed"].update(fixed_key=["equal"]), "keys.mixed.fixed_key: moet tekst of leeg zijn"),
    (lambda d: d.update(default_keys=["inhabitants"]), "default_keys: moet een object"),
    (lambda d: d["default_keys"].update(structural={"id": 1}), "default_keys.structural: moet tekst zijn"),
    (lambda d: d.update(baseline=5), "baseline: moet een object"),
    (lambda d: d.update(variants={"v1": {}}), "variants: moet een lijst"),
    (lambda d: d["variants"].append("v9"), "variants[2]: moet een object zijn"),
    (lambda d: d["variants"][0].update(items="alles"), "variants[0].items: moet een lijst"),
    (lambda d: d["variants"][0]["items"].append(7), "variants[0].items[2]: moet een object zijn"),
    (lambda d: d["variants"][0]["items"][1].update(driver={"id": "clients"}), "driver: moet tekst of leeg zijn"),
    (lambda d: d["variants"][0]["items"][0].update(members="GM0361"), "members: moet een lijst of leeg zijn"),
    (lambda d: d["variants"][0]["items"][0].update(members=[["GM0361"]]), "members[0]: moet tekst zijn"),
    (lambda d: d["variants"][0]["items"][0].update(amount={"low": math.nan, "likely": 2, "high": 4}), "NaN"),
    (lambda d: d["baseline"]["GM0361"].update(high=1e308), "te groot getal"),
    (lambda d: d.update(indexation=math.inf), "NaN en oneindig"),
])
def test_wrong_types_anywhere_give_a_dutch_message(data, change, fragment):
    change(data)
    with pytest.raises(CostError) as exc:
        parse_model(data)
    assert fragment in exc.value.message


def test_not_an_object():
    for value in (None, [], "model", 3):
        with pytest.raises(CostError, match="moet een object zijn"):
            parse_model(value)


def test_deep_nesting_is_refused(data):
    deep: list = []
    for _ in range(5_000):
        deep = [deep]
    data["notes"] = deep
    with pytest.raises(CostError, match="te diep genest"):
        parse_model(data)


def test_size_bounds(data, settings):
    settings.REGIOKOMPAS_MAX_COST_MUNICIPALITIES = 4
    settings.REGIOKOMPAS_MAX_COST_ITEMS = 2
    with pytest.raises(CostError) as exc:
        parse_model(data)
    assert "5 gemeenten; het maximum is 4 (REGIOKOMPAS_MAX_COST_MUNICIPALITIES)" in exc.value.message
    assert "kostenposten; het maximum is 2 (REGIOKOMPAS_MAX_COST_ITEMS)" in exc.value.message


def test_horizon_limit(data, settings):
    settings.REGIOKOMPAS_MAX_COST_YEARS = 3
    with pytest.raises(CostError, match="5 jaren looptijd; het maximum is 3"):
        parse_model(data)


def test_draws_are_bounded(data, settings):
    model = parse_model(data)
    settings.REGIOKOMPAS_MAX_COST_DRAWS = 1_000
    with pytest.raises(CostError, match=r"1 tot en met 1\.000 \(REGIOKOMPAS_MAX_COST_DRAWS\)"):
        simulate(model, samples=1_001)
    settings.REGIOKOMPAS_MAX_COST_CELLS = 10_000
    with pytest.raises(CostError, match="REGIOKOMPAS_MAX_COST_CELLS") as exc:
        compute(data, samples=1_000)
    assert "1.000 trekkingen × (5 jaar × 5 gemeenten" in exc.value.message


def test_the_schema_describes_the_format():
    schema = json_schema()
    assert schema["title"].startswith("Regiokompas kostenmodel")
    assert set(schema["properties"]) >= {"horizon", "municipalities", "drivers", "keys", "default_keys", "baseline", "variants"}
