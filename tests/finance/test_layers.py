"""The finance page in layers: the conclusion in plain Dutch first, every table behind a disclosure
section; in a region built from nothing."""

import re

import pytest
from tests import fictitious_region

from regiokompas.finance import build, presentation

pytestmark = pytest.mark.django_db


def test_conclusion_first_and_tables_disclosed(client, users):
    region = fictitious_region.build()
    t = region["trajectory"]
    lines = presentation.conclusion(build.compute(t))
    assert lines[0].startswith("Over 2026–2030 kost Variant 1: Samenwerking op onderdelen alle deelnemers samen naar verwachting € ")
    assert "90 %-bandbreedte" in lines[0]
    assert any("dan de huidige uitvoering over dezelfde jaren" in line for line in lines)
    assert any("onbekend (niet nul)" in line for line in lines)  # the variant without cost items
    client.force_login(users["beheer"])
    html = client.get(f"/trajecten/{t.slug}/financien/").content.decode()
    main = html[html.index("<main"):]
    assert main.index("Conclusie in het kort") < main.index("<svg")
    assert 'href="/begrippen/#bandbreedte"' in main
    assert "<table" not in re.sub(r"<details.*?</details>", "", main, flags=re.DOTALL)
