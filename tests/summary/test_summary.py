"""The summary per municipality ("Wat betekent dit voor onze gemeente"): the right facts for a
municipality that paused, one that continued and one with open conditions, in a region built from
nothing and in the example; access; no internal notes or ids; the glossary."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from tests import fictitious_region
from tests.fictitious_region import ACTOR, EXAMPLE_WORDS

from regiokompas.engine import validate_results
from regiokompas.register import constants as c
from regiokompas.register.models import Municipality, Trajectory
from regiokompas.summary import presenter

pytestmark = pytest.mark.django_db

CONDITION = "Eerst een sluitende meerjarenbegroting van de samenwerking voor 2027."


def _text(html: str) -> str:
    """The page as a reader sees it: main content without tags, whitespace collapsed."""
    import html as html_lib

    main = html[html.index("<main"):html.index("</main>")]
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", main)).split())


@pytest.fixture
def region(db):
    """The fictitious region after its second gate (college proposes, raad decides; who agrees
    continues): Texel continues, Vlieland pauses, Terschelling agrees under a condition; an analysis
    with the preferences of Texel and Terschelling; the raad of Texel informed."""
    from regiokompas.options import services as os_
    from regiokompas.options.models import Criterion, Score
    from regiokompas.options.problem import Statement
    from regiokompas.publications import services as ps
    from regiokompas.register import services as rs
    from regiokompas.register.models import Document

    objects = fictitious_region.build()
    t = objects["trajectory"]
    texel, vlieland, terschelling = objects["municipalities"]
    g2 = objects["gates"][1]
    g2.bodies = ["college", "raad"]
    g2.continuation_rule = c.ContinuationRule.COALITION_OF_THE_WILLING
    g2.planned_date = dt.date(2025, 6, 26)
    g2.minimum_participants = 2
    rs.save_object(ACTOR, g2)

    def decide(m, body, outcome, day, conditions=None):
        rs.record_decision(ACTOR, rs.DecisionInput(
            gate=g2, municipality=m, outcome=outcome, date=day, body_kind=body, source=f"Raadsbesluit {m.name}, {day:%d-%m-%Y}",
            motivation="Interne notitie: niet voor de raad.", conditions=conditions))

    decide(texel, "college", c.Outcome.PROPOSED, dt.date(2025, 5, 20))
    decide(texel, "raad", c.Outcome.AGREE, dt.date(2025, 6, 26))
    decide(vlieland, "raad", c.Outcome.REJECT, dt.date(2025, 6, 24))
    decide(terschelling, "raad", c.Outcome.AGREE_WITH_CONDITIONS, dt.date(2025, 6, 25),
           conditions=[rs.ConditionInput(text=CONDITION, category=c.ConditionCategory.FINANCIAL)])

    cs = os_.ensure_criteria_set(ACTOR, t, name="Criteria", source="Startnotitie Waddeneilanden")
    eff = os_.save_criterion(ACTOR, Criterion(criteria_set=cs, code="eff", order=1, name="Effectiviteit", unit="punten",
                                              scale_min=0, scale_max=10))
    cost = os_.save_criterion(ACTOR, Criterion(criteria_set=cs, code="kst", order=2, name="Kosten", unit="punten",
                                               scale_min=0, scale_max=10))
    v1, v2 = objects["variants"]
    for v, (e, k) in ((v1, (8, 4)), (v2, (5, 7))):
        os_.save_score(ACTOR, Score(variant=v, criterion=eff, low=e - 1, most_likely=e, high=e + 1, unit="punten",
                                    evidence_source="Startnotitie Waddeneilanden"))
        os_.save_score(ACTOR, Score(variant=v, criterion=cost, low=k - 1, most_likely=k, high=k + 1, unit="punten",
                                    evidence_source="Startnotitie Waddeneilanden"))
    rank = Statement("ranking", {"order": [["eff"], ["kst"]]})
    os_.save_preferences(ACTOR, t, texel, [rank], source="Raadsvoorstel Texel, 3 maart 2025")
    os_.save_preferences(ACTOR, t, terschelling, [rank], source="Raadsvoorstel Terschelling, 4 maart 2025")
    run = os_.run_analysis(ACTOR, t, samples=600, seed=3)
    run.refresh_from_db()
    validate_results(run.results)  # the stored run has the engine's result format

    letter = rs.save_document(ACTOR, Document(trajectory=t, kind=c.DocumentKind.RAADSINFORMATIEBRIEF, issuer_municipality=texel,
                                              title="Raadsinformatiebrief keuze uitvoeringsvariant", status="definitief",
                                              date=dt.date(2025, 6, 2)))
    ps.record_information_event(ACTOR, letter, texel, date=dt.date(2025, 6, 3), channel="ris", gate=g2,
                                source="Raadsinformatiesysteem Texel")
    return objects


def _page(client, users, t, code, user="beheer"):
    client.force_login(users[user])
    return client.get(f"/trajecten/{t.slug}/samenvatting/{code}/")


def test_a_municipality_that_continued(region, client, users):
    t = region["trajectory"]
    response = _page(client, users, t, "GM0448")
    assert response.status_code == 200
    text = _text(response.content.decode())
    assert "Wat betekent dit voor Texel?" in text
    assert "Texel neemt deel aan het traject." in text
    # college and raad, each with its own verb and date
    assert "Op 20 mei 2025 stelde het college van B&W het besluit voor aan de raad." in text
    assert "Op 26 juni 2025 stemde de gemeenteraad in." in text
    assert "Op 8 april 2025 stemde het college van B&W in." in text
    assert "Besluiten van college en raad" in text
    # preferred variant in words, with its margin and source
    assert re.search(r"Variant 1: Samenwerking op onderdelen is met de voorkeuren van Texel in \d+ van de 10 doorrekeningen de beste "
                     r"\(marge ± (<)?\d+ %\)", text)
    assert "Bron: Analyse 1 van" in text and "methode SMAA-2" in text
    # costs: expected with range and compared with today; a variant without cost items is unknown, not free
    assert "Verwachte kosten per variant voor Texel" in text
    assert re.search(r"Variant 1: Samenwerking op onderdelen \(voorkeur\) € [\d.]+ € [\d.]+ – € [\d.]+ € [\d.]+ (meer|minder) dan nu", text)
    assert "Nog geen kostenraming voor: Variant 2: Eén uitvoeringsorganisatie (onbekend, niet € 0)" in text
    assert "illustratief" in text  # the illustrative cost item is labelled
    assert "Uittreedsom als Texel uittreedt" in text
    # works council: asked, not yet advised
    assert "Ondernemingsraad Texel (ondernemingsraad) over 'Keuze uitvoeringsvariant': Nog geen advies: gevraagd op 1 mei 2025, " \
           "advies uiterlijk op 15 juni 2025." in text
    # the raad informed, and what comes next
    assert "Op 3 juni 2025 is de raad geïnformeerd met 'Raadsinformatiebrief keuze uitvoeringsvariant' (raadsinformatiesysteem)." in text
    assert "Geen open voorwaarden" not in text and "Open voorwaarden" in text


def test_a_municipality_that_paused(region, client, users):
    t = region["trajectory"]
    text = _text(_page(client, users, t, "GM0096").content.decode())
    assert "Vlieland heeft pas op de plaats gemaakt" in text and "niet uitgetreden" in text
    assert "Op 24 juni 2025 stemde de gemeenteraad niet in (pas op de plaats)." in text
    # only Vlieland's own decisions
    assert "20 mei 2025" not in text and CONDITION not in text
    # no own preferences: the outcome for all municipalities together, said so
    assert "met de voorkeuren van alle gemeenten samen (Vlieland heeft geen eigen voorkeuren opgegeven)" in text
    assert "Ondernemingsraad Texel" not in text  # another municipality's works council


def test_a_municipality_with_open_conditions(region, client, users):
    t = region["trajectory"]
    text = _text(_page(client, users, t, "GM0093").content.decode())
    assert "1 open voorwaarde" in text and "1 open voorwaarden" not in text
    assert CONDITION in text and "(financieel; Keuze uitvoeringsvariant, gesteld op 25 juni 2025)" in text
    assert "Op 25 juni 2025 stemde de gemeenteraad onder voorwaarden in, met 1 voorwaarde." in text
    assert "Terschelling neemt deel aan het traject." in text
    assert "Besluit van college of raad" not in text  # two decisions: the plural heading


def test_no_internal_notes_ids_or_example_text_in_the_fictitious_region(region, client, users):
    t = region["trajectory"]
    for code in ("GM0448", "GM0096", "GM0093"):
        html = _page(client, users, t, code).content.decode()
        text = _text(html)
        assert "Interne notitie" not in html and "niet voor de raad" not in html
        assert "seed:" not in html and "brondocument" not in html
        leaked = [w for w in EXAMPLE_WORDS if w in text]
        assert not leaked, f"{code}: {leaked}"
        assert 'style="' not in html and "<script" not in html


def test_the_example_bergen(client, users):
    client.force_login(users["raadslid-bergen"])
    text = _text(client.get("/trajecten/alkmaar-sociale-zaken-2012/samenvatting/GM0373/").content.decode())
    assert "In mei 2012 hield het college van B&W het besluit aan, met 2 voorwaarden." in text
    assert "2 open voorwaarden" in text and "Een procesbeschrijving voor de communicatie met en het betrekken van de ondernemingsraden." in text
    assert "Op 29 mei 2012 is de raad geïnformeerd" in text
    assert "brondocument" not in text and "seed:" not in text
    text = _text(client.get("/trajecten/alkmaar-participatiewet-2019/samenvatting/GM0373/").content.decode())
    assert "In 2020 stemde het college van B&W niet in (pas op de plaats)." in text
    assert "(weer aangesloten na een pauze)" in text
    assert "Er is nog geen analyse van de varianten uitgevoerd." in text


def test_not_found_and_access(region, client, users):
    t = region["trajectory"]
    client.force_login(users["beheer"])
    assert client.get("/trajecten/bestaat-niet/samenvatting/GM0448/").status_code == 404
    assert client.get(f"/trajecten/{t.slug}/samenvatting/GM9999/").status_code == 404
    assert client.get(f"/trajecten/{t.slug}/samenvatting/GM0373/").status_code == 404  # Bergen is not in this trajectory
    # a council member of Bergen takes no part in the fictitious trajectory
    assert _page(client, users, t, "GM0448", user="raadslid-bergen").status_code == 404
    client.logout()
    assert client.get(f"/trajecten/{t.slug}/samenvatting/GM0448/").status_code == 302


def test_linked_from_trajectory_municipality_and_council_document(region, client, users):
    t = region["trajectory"]
    client.force_login(users["beheer"])
    url = f"/trajecten/{t.slug}/samenvatting/GM0448/"
    assert url in client.get(f"/trajecten/{t.slug}/").content.decode()
    assert url in client.get("/gemeenten/GM0448/").content.decode()
    from regiokompas.publications import services as ps

    publication = ps.create_draft(ACTOR, region["gates"][1], region["municipalities"][0], "raadsinformatiebrief")
    assert url in client.get(f"/raadsinformatie/{publication.pk}/").content.decode()


def test_presenter_builds_everything_and_the_template_runs_no_queries(region, rf, users):
    t = region["trajectory"]
    texel = Municipality.objects.get(cbs_code="GM0448")
    summary = presenter.build(Trajectory.objects.get(pk=t.pk), texel, today=dt.date(2025, 7, 1))
    assert summary.participation == "Texel neemt deel aan het traject."
    assert [d.gate for d in summary.decisions] == ["Startnotitie", "Keuze uitvoeringsvariant", "Keuze uitvoeringsvariant"]
    assert summary.preferred and summary.preferred.scope == "gemeente"
    assert summary.costs and summary.costs.lines[0].preferred
    request = rf.get("/")
    request.user = users["beheer"]
    with CaptureQueriesContext(connection) as queries:
        html = render_to_string("summary/municipality.html", {"s": summary, "trajectory": t})
    assert "Wat betekent dit voor Texel?" in html
    own = [q["sql"] for q in queries.captured_queries]
    assert not own, own


def test_public_source_leaves_out_internal_ids():
    assert presenter.public_source("seed:000_memo.txt (memo college Bergen aan de raad, 29 mei 2012)") == \
        "memo college Bergen aan de raad, 29 mei 2012"
    assert presenter.public_source("seed:000_memo.txt") == ""
    assert presenter.public_source("notities/intern.md") == ""
    assert presenter.public_source("CBS StatLine") == "CBS StatLine"
    assert presenter.public_source("wetten.overheid.nl/BWBR0035333") == "wetten.overheid.nl/BWBR0035333"


def test_glossary_page_and_inline_explanations(client, users):
    client.force_login(users["raadslid-bergen"])
    html = client.get("/begrippen/").content.decode()
    for term in ("SMAA", "Centrale gewichten", "Rangacceptatie-index", "Shapley-verdeling", "Monte Carlo", "Bandbreedte"):
        assert term in html
    assert 'id="shapley"' in html


def test_the_guide_has_the_same_glossary():
    from pathlib import Path

    from regiokompas.summary.glossary import TERMS

    guide = (Path(__file__).resolve().parents[2] / "docs" / "handleiding.md").read_text(encoding="utf-8")
    chapter = guide[guide.index("## Begrippen"):]
    for term in TERMS:
        assert f"- **{term.term}**: {term.text}" in chapter, term.slug
