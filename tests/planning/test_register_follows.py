"""The planning follows the register: a passed gate is not "te laat", gates without a date stay in
the plan as "nog niet gepland", and prerequisites are checked also when a gate has no date."""

import datetime as dt

import pytest
from tests import fictitious_region

from regiokompas.planning import checks, export, overview

pytestmark = pytest.mark.django_db


@pytest.fixture
def region(db):
    return fictitious_region.build()


def test_a_gate_passed_in_the_register_is_not_late(region):
    t = region["trajectory"]
    ov = overview.build(t, reference_date=dt.date(2025, 5, 1))
    row = next(r for r in ov.rows if r.key == "start")
    # planned on 1 April, decided by all three colleges on 8 April: done, not "te laat"
    assert row.flag == overview.OK and row.status == "done" and "besloten volgens het register" in row.status_label
    assert not ov.late
    # on the day before the decisions it was still open, and late
    ov = overview.build(t, reference_date=dt.date(2025, 4, 5))
    assert [r.key for r in ov.late] == ["start"]


def test_gates_without_a_date_are_shown_as_not_yet_planned(region, client, users):
    t = region["trajectory"]
    ov = overview.build(t, reference_date=dt.date(2025, 5, 1))
    assert [(g["title"], g["status_label"]) for g in ov.unplanned] == [("Keuze uitvoeringsvariant", "nog niet gepland")]
    md = export.render(export.overview_document(ov), "md").decode()
    assert "Keuze uitvoeringsvariant: nog niet gepland" in md
    client.force_login(users["beheer"])
    html = client.get(f"/trajecten/{t.slug}/planning/").content.decode()
    assert "Besluitmomenten zonder datum in deze planning" in html and "Keuze uitvoeringsvariant: nog niet gepland" in html


def test_an_outstanding_advice_is_reported_for_a_gate_without_a_date(region):
    gate = region["gates"][1]
    findings = checks.evaluate_gate(gate, today=dt.date(2025, 7, 1))
    messages = [f.message for f in findings]
    assert any("Ondernemingsraad Texel is nog niet binnen; de adviestermijn is op 15-06-2025 verstreken" in x for x in messages)
    texel = region["municipalities"][0]
    assert any(texel in f.municipalities for f in findings)
    before = checks.evaluate_gate(gate, today=dt.date(2025, 6, 1))
    assert any("de adviestermijn loopt tot 15-06-2025" in f.message for f in before)
