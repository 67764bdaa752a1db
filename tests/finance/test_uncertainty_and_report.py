"""Exit effects and the coalition comparison with ranges on the pages, in `costs --json` and in the
financial chapter of the substantiation report."""

import json
import re

import pytest

from regiokompas.examples import SLUG_2012
from regiokompas.finance import build
from regiokompas.register.models import Trajectory

pytestmark = pytest.mark.django_db

SLUG = SLUG_2012
BASE = f"/trajecten/{SLUG}/financien/"


@pytest.fixture
def trajectory():
    return Trajectory.objects.get(slug=SLUG)


def test_costs_json_has_ranges_for_exit_and_coalition(capsys):
    from regiokompas.cli import main

    assert main(["costs", "--trajectory", SLUG, "--variant", "3", "--samples", "800", "--seed", "5", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    v3 = out["variants"]["v3"]
    stay = v3["join_or_stay"]["GM0373"]
    assert stay["ranges"]["join"]["p05"] <= stay["ranges"]["join"]["p95"]
    assert 0 <= stay["probability_joining_cheaper"] <= 1
    assert set(v3["coalition"]["ranges"]) >= {"shapley_contribution", "key_contribution", "joint_savings"}
    exits = v3["exits"]
    assert set(exits) == set(out["coalition"])
    bergen = exits["GM0373"]["declining"]
    assert bergen["uncertainty"]["samples"] == 800 and bergen["uncertainty"]["seed"] == 5
    u = bergen["uncertainty"]
    assert u["fee_all"]["p05"] < u["fee_all"]["mean"] < u["fee_all"]["p95"]
    assert set(exits["GM0373"]) == {"declining", "direct_damage"}
    assert "before" not in next(iter(bergen["remaining"].values()))
    # the same seed gives the same numbers
    assert main(["costs", "--trajectory", SLUG, "--variant", "3", "--samples", "800", "--seed", "5", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["variants"]["v3"]["exits"] == exits


def test_exit_on_the_variant_page_has_a_range_table_and_a_band_chart(client, users):
    client.force_login(users["alkmaar"])
    html = client.get(BASE + "varianten/3/?uittreder=GM0373&methode=direct_damage&jaar=2024").content.decode()
    assert "Uittreedsom (5–95 %)" in html and "90 %-bandbreedte" in html
    assert 'id="fin-uittreden-title"' in html and 'id="fin-uittreden-desc"' in html
    assert re.search(r"<caption>Uittreden van Bergen \(NH\.\) per 2024", html)
    # coalition comparison: ranges, probability and its chart with a table equivalent
    assert "Meedoen (5–95 %)" in html and "Kans dat meedoen goedkoper is" in html and 'id="fin-meedoen-title"' in html
    assert "Shapley (5–95 %)" in html
    bad = client.get(BASE + "varianten/3/?uittreder=GM0373&jaar=2040").content.decode()
    assert 'role="alert"' in bad and "binnen de looptijd" in bad


def test_municipality_page_shows_exit_fees_with_ranges(client, users):
    client.force_login(users["bergen"])
    html = client.get(BASE + "gemeenten/GM0373/").content.decode()
    assert "Als Bergen (NH.) uittreedt uit" in html
    assert "afbouw in vijf jaar" in html and "directe schade" in html
    assert "kans dat meedoen goedkoper is" in html


def test_financial_chapter_per_municipality_and_variant_with_ranges_and_exit_fees(trajectory):
    from regiokompas.documents.model import Table
    from regiokompas.finance.report import financial_chapter

    section = financial_chapter(trajectory)
    tables = [b for b in section.blocks if isinstance(b, Table)]
    overview = next(t for t in tables if t.caption.startswith("Bijdrage en verschil met de huidige situatie per gemeente en variant"))
    result = build.compute(trajectory)
    names = list(result["municipalities"].values())
    assert [r[0] for r in overview.rows] == names
    assert len(overview.header) == 1 + 2 * len(result["variants"])
    # every cell: expectation with its range, the difference also with the probability of being cheaper
    assert all(re.fullmatch(r"−?€ [\d.]+ \(−?€ [\d.]+ – −?€ [\d.]+\).*", cell) for row in overview.rows for cell in row[1:])
    assert all("kans goedkoper" in row[2] for row in overview.rows)
    # the chapter is the compact overview for the main part; the detail is in its annex
    assert "uittreedt" not in " ".join(t.caption for t in tables)
    # illustrative amounts are labelled in the text and in every money table
    assert "illustratief" in section.text
    assert all("illustratieve bedragen" in t.caption for t in tables if "€" in "".join(sum(t.rows, [])))


def test_financial_annex_has_one_table_per_subject_with_a_row_per_variant_and_municipality(trajectory):
    from regiokompas.documents.model import Table
    from regiokompas.finance.report import financial_annex

    annex = financial_annex(trajectory)
    assert annex.annex and annex.heading == "Financiële gevolgen: de uitwerking"
    tables = [b for b in annex.blocks if isinstance(b, Table)]
    result = build.compute(trajectory)
    names = [v["name"] for v in result["variants"].values()]
    exits = [t for t in tables if "uittreedt" in t.caption]
    assert len(exits) == 1 and exits[0].header[0] == "Variant"
    assert [n for n in names if any(row[0] == n for row in exits[0].rows)] == names  # every variant in the one table
    methods = {row[2] for row in exits[0].rows}
    assert any("afbouw" in x for x in methods) and any("directe schade" in x for x in methods)
    keys = [t for t in tables if t.caption.startswith("Wie betaalt wat onder elke sleutel")]
    joins = [t for t in tables if t.caption.startswith("Meedoen of buiten blijven")]
    assert len(keys) == 1 and len(joins) == 1
    assert len(joins[0].rows) == len(names) * len(result["municipalities"])
    assert "verdeelsleutels en hun bron" in annex.text
    assert all("illustratieve bedragen" in t.caption for t in tables if "€" in "".join(sum(t.rows, [])))


def test_financial_chapter_renders_accessibly(trajectory):
    from regiokompas.documents.model import Document
    from regiokompas.documents.render import render
    from regiokompas.finance.report import financial_chapter

    section = financial_chapter(trajectory)
    doc = Document(kind="onderbouwing", title="Onderbouwing", organisation="Regio Alkmaar", status="concept", header={},
                   sections=[section], attachments=[], illustrative_note="Illustratief voorbeeld.")
    html = render(doc, "html").decode()
    assert "<caption>Bijdrage en verschil met de huidige situatie" in html and "<th" in html
