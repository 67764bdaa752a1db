"""Each API enum table maps every internal value of the register, once, to a snake_case Dutch value."""

import re

import pytest

from regiokompas.api import enums


@pytest.mark.parametrize("name", sorted(enums.TABLES))
def test_table_covers_every_internal_value_once(name):
    table, choices = enums.TABLES[name]
    assert sorted(map(str, table.values())) == sorted(map(str, choices.values)), name
    for api_value in table:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", api_value), api_value
