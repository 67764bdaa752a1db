"""Council information tells the truth of its own dossier: the sent date is not before the
document's date, roles are those of the document's date, no internal notes, singular and plural
right, and nothing of the regio Alkmaar example appears for another trajectory."""

import datetime as dt

import pytest
from django.urls import reverse
from tests import fictitious_region
from tests.counts import database_counts

from regiokompas.accounts.actors import SystemActor
from regiokompas.documents.render import render
from regiokompas.publications import drafting, services
from regiokompas.register.errors import RegisterError
from regiokompas.register.models import Document

pytestmark = pytest.mark.django_db


counts = database_counts


@pytest.fixture
def region(db):
    return fictitious_region.build()


def test_a_letter_cannot_be_sent_before_its_own_date(region):
    gate, texel = region["gates"][0], region["municipalities"][0]
    pub = services.create_draft(SystemActor("test"), gate, texel, "raadsinformatiebrief", date=dt.date(2026, 12, 1))
    services.finalise(SystemActor("test"), pub)
    before = counts()
    with pytest.raises(RegisterError, match="De raad kan niet op 15-11-2013 zijn geïnformeerd over een stuk van 01-12-2026"):
        services.record_information_event(SystemActor("test"), pub.document, texel, date=dt.date(2013, 11, 15), channel="ris")
    assert counts() == before
    event = services.record_information_event(SystemActor("test"), pub.document, texel, date=dt.date(2026, 12, 1), channel="ris")
    assert event.date == dt.date(2026, 12, 1)



def test_the_web_forms_refuse_bad_dates_and_change_nothing(region, client, users):
    gate, texel = region["gates"][0], region["municipalities"][0]
    pub = services.create_draft(SystemActor("test"), gate, texel, "raadsinformatiebrief", date=dt.date(2026, 12, 1))
    services.finalise(SystemActor("test"), pub)
    client.force_login(users["beheer"])
    before = counts()
    response = client.post(reverse("publications:event", args=[pub.pk]), {
        "municipality": texel.cbs_code, "date": "2013-11-15", "channel": "ris", "legal_basis": "actieve_informatieplicht"},
        follow=True)
    html = response.content.decode()
    assert "De raad kan niet op 15-11-2013 zijn geïnformeerd over een stuk van 01-12-2026" in html
    assert counts() == before
    for bad in ("2025-13-45", "1 mei"):
        response = client.post(reverse("publications:draft", args=[gate.pk]),
                               {"municipality": texel.cbs_code, "kind": "memo", "date": bad})
        assert response.status_code == 200 and "Vul een geldige datum in als dd-mm-jjjj" in response.content.decode()
        assert counts() == before


def test_roles_are_those_of_the_documents_date(region, client, users):
    gate, texel = region["gates"][0], region["municipalities"][0]
    # the portefeuillehouder served until 31 May 2026: a letter of 2025 names her, one of today does not
    pub = services.create_draft(SystemActor("test"), gate, texel, "memo", date=dt.date(2025, 5, 1))
    assert pub.document.date == dt.date(2025, 5, 1)
    assert pub.document.header["portefeuillehouder"] == "J. de Vries" and pub.document.header["contact"] == "A. Bakker"
    assert pub.document.header["datum"] == "1 mei 2025"
    client.force_login(users["beheer"])
    response = client.post(reverse("publications:draft", args=[gate.pk]),
                           {"municipality": texel.cbs_code, "kind": "raadsinformatiebrief", "date": "2025-06-02"})
    assert response.status_code == 302
    document = Document.objects.filter(trajectory=region["trajectory"], kind="raadsinformatiebrief").latest("pk")
    assert document.date == dt.date(2025, 6, 2) and document.header["portefeuillehouder"] == "J. de Vries"


def test_no_internal_note_in_a_council_document(region):
    for gate in region["gates"]:
        for kind in ("memo", "raadsinformatiebrief", "digitale_nieuwsbrief"):
            text = render(drafting.draft(gate, region["municipalities"][1], kind), "md").decode()
            assert "Interne notitie" not in text and "seed:" not in text and gate.description not in text


def test_singular_for_a_trajectory_of_one_municipality(db, client, users):
    from regiokompas.register import constants as c
    from regiokompas.register import services as rs
    from regiokompas.register.models import Gate, Trajectory

    texel = fictitious_region.municipalities()[0]
    t = rs.save_object(SystemActor("test"), Trajectory(slug="texel-alleen", name="Herinrichting sociaal team Texel"))
    rs.add_participant(SystemActor("test"), t, texel)
    gate = rs.save_object(SystemActor("test"), Gate(trajectory=t, ordinal=1, title="Besluit herinrichting", minimum_participants=1,
                                       continuation_rule=c.ContinuationRule.COALITION_OF_THE_WILLING))
    rs.record_decision(SystemActor("test"), rs.DecisionInput(gate=gate, municipality=texel, outcome=c.Outcome.AGREE, date=dt.date(2025, 3, 4)))
    text = render(drafting.draft(gate, texel, "memo", today=dt.date(2025, 3, 5)), "md").decode()
    assert "de gemeenten" not in text.lower() and "1 gemeenten" not in text
    assert "De gemeente Texel gaat verder." in text
    client.force_login(users["beheer"])
    html = client.get(reverse("register:gate-detail", args=[gate.pk])).content.decode()
    assert "Nog niet geïnformeerd over dit besluitmoment:</strong> de raad van Texel." in html
    html = client.get(f"/trajecten/{t.slug}/").content.decode()
    assert "voor de raad opgesteld" in html
    html = client.get(f"/trajecten/{t.slug}/raadsinformatie/").content.decode()
    assert "Is de raad geïnformeerd" in html and "Welke raden" not in html


def test_nothing_of_the_example_appears_for_another_trajectory(region, client, users):
    """Crawl the pages and generated documents of a fictitious region of three municipalities."""
    from regiokompas.documents.model import Section
    from regiokompas.finance.report import financial_annex, financial_chapter
    from regiokompas.options import services as options_services
    from regiokompas.planning import export, overview

    t = region["trajectory"]
    options_services.apply_criteria_template(SystemActor("test"), t, "sociaal-domein")
    client.force_login(users["beheer"])
    slug = t.slug
    urls = [f"/trajecten/{slug}/financien/", f"/trajecten/{slug}/financien/varianten/1/",
            f"/trajecten/{slug}/financien/varianten/1/?uittreder=GM0096&methode=direct_damage",
            f"/trajecten/{slug}/financien/varianten/2/",
            *[f"/trajecten/{slug}/financien/gemeenten/{code}/" for code, _, _ in fictitious_region.MUNICIPALITIES],
            f"/trajecten/{slug}/planning/", f"/trajecten/{slug}/planning/medezeggenschap/", f"/trajecten/{slug}/planning/organen/",
            f"/trajecten/{slug}/planning/export.md", f"/trajecten/{slug}/raadsinformatie/",
            f"/trajecten/{slug}/varianten/criteria/", f"/trajecten/{slug}/planning/procesbeschrijving/",
            f"/trajecten/{slug}/", *[f"/besluitmomenten/{g.pk}/" for g in region["gates"]]]
    for gate in region["gates"]:
        urls.append(reverse("publications:draft", args=[gate.pk]))
        for m in region["municipalities"]:
            for kind in ("raadsvoorstel", "raadsbesluit", "memo", "raadsinformatiebrief", "digitale_nieuwsbrief"):
                pub = services.create_draft(SystemActor("test"), gate, m, kind, date=dt.date(2025, 5, 1))
                urls += [reverse("publications:detail", args=[pub.pk]), reverse("publications:download", args=[pub.pk, "md"])]
    texts = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        texts[url] = response.content.decode()
    blocks = financial_chapter(t).blocks + (financial_annex(t) or Section("x")).blocks
    texts["rapport"] = " ".join(str(getattr(b, "text", "")) + " ".join(map(str, getattr(b, "items", [])))
                                + " ".join(" ".join(map(str, r)) for r in getattr(b, "rows", [])) for b in blocks)
    from regiokompas.options import report

    texts["onderbouwing.md"] = report.render_report(t, "md", report.latest_run(t)).decode()  # the whole report, annexes too
    texts["planning.md"] = export.render(export.overview_document(overview.build(t)), "md").decode()
    found = [(where, word) for where, text in texts.items() for word in fictitious_region.EXAMPLE_WORDS if word in text]
    assert found == []
