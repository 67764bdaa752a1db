"""The planning forms (law change, new plan version, process description) are Django forms: bad
input gets a Dutch message that names the field, the error summary links every error to its field
(href="#id_<field>"), the page answers 400 and nothing changes in the database."""

from __future__ import annotations

import html as htmllib
import re

import pytest
from tests.counts import database_counts
from tests.planning.test_web import BASE, _edit_form, login

from regiokompas.planning import process
from regiokompas.register.models import Trajectory

pytestmark = pytest.mark.django_db
SLUG = "alkmaar-sociale-zaken-2012"


@pytest.fixture
def t(db):
    return Trajectory.objects.get(slug=SLUG)


def summary_links(response) -> dict[str, str]:
    """href -> text of each link in the error summary."""
    assert response.status_code == 400
    html = response.content.decode()
    box = re.search(r'<div class="error-summary.*?</div>', html, re.S)
    assert box, "geen foutenoverzicht"
    return {href: htmllib.unescape(re.sub(r"<[^>]+>", "", text)) for href, text in
            re.findall(r'<li><a href="([^"]+)">(.*?)</li>', box.group(0), re.S)}


def assert_linked(response, field_id: str, *words: str) -> None:
    links = summary_links(response)
    assert f"#{field_id}" in links, links
    for word in words:
        assert word in links[f"#{field_id}"], links
    assert f'id="{field_id}"' in response.content.decode()  # the link has a target


@pytest.mark.parametrize("change, field_id, words", [
    ({"date": "1-1-13"}, "id_date", ["Nieuwe datum", "'1-1-13' is geen geldige datum"]),
    ({"date": ""}, "id_date", ["Nieuwe datum", "Geef een nieuwe datum op"]),
    ({"date": "01-01-1850"}, "id_date", ["Nieuwe datum", "buiten de toegestane periode"]),
    ({"law": "999999"}, "id_law", ["Wet", "Kies een wet die aanleiding is"]),
    ({"status": "bestaat-niet"}, "id_status", ["Nieuwe status", "Kies een geldige status van de wet"]),
    ({"reason": "", "action": "confirm"}, "id_reason", ["Reden", "Geef aan waarom de wet verandert"]),
])
def test_law_change_errors_link_to_their_field_and_change_nothing(client, users, t, change, field_id, words):
    form = {"law": t.drivers.get(abbreviation="Wwnv").pk, "status": "", "date": "2014-01-01", "reason": "Later",
            "action": "confirm", **change}
    before = database_counts()
    response = login(client, users, "projectleider").post(BASE + "wetswijziging/", form)
    assert_linked(response, field_id, *words)
    assert "De planning is niet gewijzigd" in response.content.decode()
    assert database_counts() == before


@pytest.mark.parametrize("change, field_id, words", [
    ({"date-analyse": "2013-02-30"}, "id_date-analyse", ["Datum van Analyse", "'2013-02-30' is geen geldige datum"]),
    ({"date-analyse": ""}, "id_date-analyse", ["Datum van Analyse", "vul een datum in"]),
    ({"status-analyse": "weg"}, "id_status-analyse", ["Status van Analyse", "Onbekende status"]),
    ({"reason": ""}, "id_reason", ["Reden van de wijziging", "waarom de planning verandert"]),
    ({"date-gate-2": "2012-05-01"}, "id_date-gate-2", ["al afgerond"]),
    ({"new_title": "X", "new_date": "2013-01-01", "new_after": "analyse", "new_offset": "veel"}, "id_new_offset",
     ["Dagen erna", "'veel' is geen geheel getal"]),
    ({"new_title": "X", "new_date": "2013-01-01", "new_municipality": "GM0450"}, "id_new_municipality",
     ["Spoor van gemeente", "deelnemende gemeente"]),
    ({"new_title": "X", "new_date": "13-13-2013"}, "id_new_date", ["Datum", "geen geldige datum"]),
    ({"new_title": "X", "new_date": ""}, "id_new_date", ["Datum nieuwe mijlpaal"]),
    ({"new_title": "X", "new_date": "2013-01-01", "new_after": "onbekend"}, "id_new_after", ["Hangt af van"]),
    ({"new_title": "X", "new_date": "2013-01-01", "new_kind": "raar"}, "id_new_kind", ["Soort", "bekende soort"]),
])
def test_new_version_errors_link_to_their_field_and_change_nothing(client, users, t, change, field_id, words):
    items, data = _edit_form(t)
    data.update({"reason": "Test", **change})
    before = database_counts()
    response = login(client, users, "projectleider").post(BASE + "nieuwe-versie/", data)
    assert_linked(response, field_id, *words)
    assert "De nieuwe versie is niet vastgelegd" in response.content.decode()
    assert database_counts() == before


def test_several_errors_are_each_listed_with_a_link(client, users, t):
    items, data = _edit_form(t)
    data.update({"reason": "", "date-analyse": "nooit", "new_title": "X", "new_date": "2013-01-01", "new_offset": "veel",
                 "new_after": "analyse"})
    before = database_counts()
    links = summary_links(login(client, users, "projectleider").post(BASE + "nieuwe-versie/", data))
    assert {"#id_reason", "#id_date-analyse", "#id_new_offset"} <= set(links)
    assert database_counts() == before


def test_process_description_errors_are_listed_and_change_nothing(client, users, t):
    c = login(client, users, "projectleider")
    assert c.post(BASE + "procesbeschrijving/", {"action": "generate"}).status_code == 302
    doc = process.current_description(t)
    empty = {f"section-{s.pk}": "" for s in doc.sections.all()}
    before = database_counts()
    response = c.post(BASE + "procesbeschrijving/", {**empty, "action": "save"})
    assert response.status_code == 400 and "zonder tekst" in response.content.decode()
    assert "De procesbeschrijving is niet gewijzigd" in response.content.decode()
    response = c.post(BASE + "procesbeschrijving/", {"action": "weggooien"})
    assert response.status_code == 400 and "Onbekende actie." in response.content.decode()
    assert database_counts() == before
