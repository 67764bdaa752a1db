import copy

import pytest

BASE = {
    "schema": "regiokompas.costs/1",
    "horizon": {"start_year": 2021, "years": 5},
    "municipalities": [
        {"code": "GM0361", "name": "Alkmaar"},
        {"code": "GM0373", "name": "Bergen"},
        {"code": "GM0383", "name": "Castricum"},
        {"code": "GM0399", "name": "Heiloo"},
        {"code": "GM0450", "name": "Uitgeest"},
    ],
    "drivers": {
        "clients": {"name": "cliënten", "unit": "cliënten", "reference_date": "2021-01-01",
                    "values": {"GM0361": 3000, "GM0373": 450, "GM0383": 500, "GM0399": 350, "GM0450": 150}},
    },
    "keys": {
        "inhabitants": {"name": "Inwoners 1-1-2021", "method": "per_inhabitant", "reference_date": "2021-01-01",
                        "values": {"GM0361": 109897, "GM0373": 29715, "GM0383": 36086, "GM0399": 24144, "GM0450": 13632}},
        "clients": {"name": "Cliënten", "method": "per_client", "reference_date": "2021-01-01", "driver": "clients"},
        "equal": {"name": "Gelijk", "method": "equal"},
        "mixed": {"name": "30 % gelijk, 70 % cliënten", "method": "fixed_plus_variable", "fixed_fraction": 0.3,
                  "fixed_key": "equal", "variable_key": "clients"},
    },
    "default_keys": {"structural": "inhabitants", "transition": "equal", "deficit": "inhabitants"},
    "baseline": {
        "GM0361": {"low": 9.0e6, "likely": 10.0e6, "high": 11.5e6},
        "GM0373": {"low": 2.4e6, "likely": 2.6e6, "high": 3.0e6},
        "GM0383": {"low": 2.8e6, "likely": 3.0e6, "high": 3.4e6},
        "GM0399": {"low": 1.9e6, "likely": 2.1e6, "high": 2.4e6},
        "GM0450": {"low": 1.0e6, "likely": 1.1e6, "high": 1.3e6},
    },
    "variants": [
        {"id": "v1", "name": "Samenwerken op onderdelen", "items": [
            {"id": "coord", "name": "Coördinatie", "amount": {"low": 0.2e6, "likely": 0.25e6, "high": 0.3e6}},
            {"id": "exec", "name": "Uitvoering", "behaviour": "variable", "driver": "clients", "per_unit": True,
             "amount": {"low": 3500, "likely": 3800, "high": 4300}},
        ]},
        {"id": "v3", "name": "Eén uitvoeringsorganisatie", "keys": {"structural": "mixed"}, "items": [
            {"id": "overhead", "name": "Overhead", "amount": {"low": 1.5e6, "likely": 1.8e6, "high": 2.4e6}},
            {"id": "exec", "name": "Uitvoering", "behaviour": "variable", "driver": "clients", "per_unit": True,
             "scale_exponent": 0.9, "amount": {"low": 3000, "likely": 3300, "high": 3900}},
            {"id": "transition", "name": "Frictie en huisvesting", "category": "transition",
             "amount": {"low": 0.8e6, "likely": 1.0e6, "high": 1.6e6}, "first_year": 2021, "last_year": 2022},
            {"id": "wnk", "name": "Begroot tekort GR WNK", "category": "deficit", "binding": True,
             "members": ["GM0361", "GM0373", "GM0383", "GM0399"], "amount": {"low": 0.3e6, "likely": 0.5e6, "high": 0.9e6}},
        ]},
    ],
}


@pytest.fixture
def data():
    return copy.deepcopy(BASE)
