"""Per-municipality tempo in the timeline, its table and the exports; the process description says
which documents the works councils get, when they are informed, when advice is asked and how it
is answered."""

import re

import pytest
from icalendar import Calendar

from regiokompas.accounts.actors import SystemActor
from regiokompas.examples import SLUG_2012
from regiokompas.planning import export as pexport
from regiokompas.planning import overview as ov
from regiokompas.planning import process, timeline
from regiokompas.planning import services as ps
from regiokompas.planning.models import Consultation

pytestmark = pytest.mark.django_db
SLUG = SLUG_2012
BASE = f"/trajecten/{SLUG}/planning/"


def test_bergen_slower_track_in_the_overview_data(t):
    data = ov.build(t)
    [gate] = data.tempo
    assert gate["regional_date"].isoformat() == "2012-12-01"
    assert "Bergen (NH.)" not in gate["regional_municipalities"] and "Alkmaar" in gate["regional_municipalities"]
    [track] = gate["tracks"]
    assert track["municipality"] == "Bergen (NH.)" and track["days"] == 182
    row = next(r for r in data.rows if r.key == "gate-3-bergen")
    assert row.tempo == "trager spoor: 182 dagen later dan de regio"
    assert ov.tempo_sentences(data) == [
        "Bergen (NH.) volgt bij 'Colleges besluiten over de blauwdruk (3e go/no-go)' een trager spoor: 1 juni 2013 in plaats van "
        "1 december 2012 (182 dagen later)."]


def test_svg_shows_both_tracks_in_text_and_shape(t):
    svg = timeline.svg(ov.build(t))
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg).group(1)
    assert "trager spoor: 1 juni 2013 in plaats van 1 december 2012" in desc
    assert "+182 d t.o.v. regio" in svg and 'stroke-dasharray="2 3"' in svg


def test_page_table_and_exports_show_the_tempo(client, users, t):
    client.force_login(users["or-bergen"])
    html = client.get(BASE).content.decode()
    assert "<caption>Tempo per gemeente per besluitmoment (versie 2)</caption>" in html
    assert "Bergen (NH.) (trager spoor: 182 dagen later dan de regio)" in html
    md = client.get(BASE + "export.md").content.decode()
    assert "Tempo per gemeente" in md and "182 dagen later" in md
    cal = Calendar.from_ical(client.get(BASE + "export.ics").content)
    descriptions = [str(e.get("description")) for e in cal.walk("VEVENT")]
    assert any("Tempo: trager spoor: 182 dagen later dan de regio" in d for d in descriptions)


def test_process_description_covers_documents_informing_advice_and_answers(t):
    cons = Consultation.objects.get(body__name="Ondernemingsraad gemeente Bergen (NH.)", kind="or_advice_art25")
    ps.record_advice(SystemActor("test"), cons, received=cons.due, outcome="negative", text="Te weinig aandacht voor herplaatsing",
                     deviates=True, motivation="De colleges kiezen om bestuurlijke redenen toch voor de blauwdruk.")
    doc = process.generate(SystemActor("test"), t)
    texts = {s.heading: s.text for s in doc.sections.all()}
    docs = texts["Welke stukken de ondernemingsraden krijgen"]
    assert "toegang tot alle stukken van het traject, ook vertrouwelijke" in docs
    assert all(d.title in docs for d in t.documents.exclude(pk=doc.pk))
    assert "29 mei 2012" in texts["Wanneer de ondernemingsraden worden geïnformeerd"]
    asked = texts["Wanneer advies wordt gevraagd"]
    assert "politiek primaat" in asked and "1 oktober 2012" in asked
    assert "1 juni 2013: College Bergen besluit over de blauwdruk" in asked and "(Bergen (NH.); gepland)" in asked
    answer = texts["Hoe het advies wordt beantwoord"]
    assert "schriftelijk" in answer and "Ondernemingskamer" in answer
    assert "advies ontvangen 15 november 2012: negatief; het college wijkt af, met schriftelijke motivering" in answer
    assert "Cliëntenraad Sociale Zaken (voorbeeld)" in answer and "advies nog niet ontvangen" in answer
    md = pexport.render(process.to_document(doc), "md").decode()
    assert "Stand van de adviezen" in md
