"""The planning pages in a real browser pass axe (WCAG 2.1 AA); a works council member reads the
planning and the gate warnings."""

import pytest
from tests.browser.support import assert_accessible, login

from regiokompas.examples import SLUG_2012

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SLUG = SLUG_2012


def test_planning_pages_are_accessible(page, site):
    login(page, site.url, "or-bergen")
    page.goto(f"{site.url}/trajecten/{SLUG}/planning/?peildatum=2013-07-01")
    assert page.get_by_role("img", name="Tijdlijn planning").count() == 1
    assert page.get_by_role("heading", name="Conclusie in het kort").is_visible()
    page.get_by_text("Tabel: alle mijlpalen, medezeggenschap en raadsprocedures").click()  # the details, disclosed
    table = page.get_by_role("table", name="Mijlpalen, medezeggenschap en raadsprocedures")
    assert table.get_by_role("row", name="trager spoor").get_by_text("Te laat").count() == 1
    assert_accessible(page)
    page.get_by_role("link", name="Versies vergelijken").click()
    assert_accessible(page)
    page.goto(f"{site.url}/trajecten/{SLUG}/planning/procesbeschrijving/")
    assert_accessible(page)
    page.goto(f"{site.url}/trajecten/{SLUG}/")
    page.get_by_role("link", name="3. Vaststellen blauwdruk").first.click()
    assert page.get_by_role("heading", name="Voorwaarden vooraf: medezeggenschap en raad").is_visible()
    assert_accessible(page)


def test_law_change_and_process_description_pages_are_accessible(page, site):
    login(page, site.url, "projectleider")
    page.goto(f"{site.url}/trajecten/{SLUG}/planning/wetswijziging/")
    page.get_by_label("Nieuwe datum").fill("2014-01-01")
    page.get_by_label("Reden").fill("Voorbeeld")
    page.get_by_role("button", name="Toon gevolgen").click()
    assert page.get_by_role("table", name="Mijlpalen die afhangen van Wwnv").is_visible()
    assert_accessible(page)
    page.goto(f"{site.url}/trajecten/{SLUG}/planning/procesbeschrijving/")
    page.get_by_role("button", name="Procesbeschrijving opstellen").click()
    assert page.get_by_label("Betrokken medezeggenschapsorganen").input_value().count("Ondernemingsraad") >= 8
    assert_accessible(page)


def test_new_version_page_with_an_error_is_accessible(page, site):
    login(page, site.url, "projectleider")
    page.goto(f"{site.url}/trajecten/{SLUG}/planning/nieuwe-versie/")
    page.get_by_label("Reden van de wijziging").fill("OR vraagt meer tijd")
    page.get_by_label("Datum van Analyse van dienstverleningsmodellen").fill("2013-02-30")
    page.get_by_role("button", name="Nieuwe versie vastleggen").click()
    assert page.get_by_role("alert").get_by_text("geen geldige datum").is_visible()
    assert_accessible(page)
    page.get_by_label("Datum van Analyse van dienstverleningsmodellen").fill("2013-04-01")
    page.get_by_role("button", name="Nieuwe versie vastleggen").click()
    assert page.get_by_role("table", name="Versie 2 naast versie 3").get_by_role("row", name="Analyse").get_by_text("verschoven").is_visible()


def test_participation_page_with_an_error_is_accessible(page, site):
    login(page, site.url, "projectleider")
    page.goto(f"{site.url}/trajecten/{SLUG}/planning/medezeggenschap/")
    assert_accessible(page)
    page.get_by_role("button", name="Raadsprocedure vastleggen").click()
    assert page.get_by_role("alert").is_visible()
    assert_accessible(page)


def test_consultation_body_pages_are_accessible(page, site):
    login(page, site.url, "projectleider")
    page.goto(f"{site.url}/trajecten/{SLUG}/planning/organen/")
    assert page.get_by_role("table", name="Medezeggenschapsorganen in dit traject").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Medezeggenschapsorgaan toevoegen").click()
    page.get_by_label("Naam").fill("OR zonder werkgever")
    page.get_by_role("button", name="Medezeggenschapsorgaan vastleggen").click()
    assert page.get_by_role("alert").get_by_text("hoort bij een werkgever").is_visible()
    assert_accessible(page)
    page.get_by_label("Soort orgaan").select_option(label="adviesraad sociaal domein")
    page.get_by_label("Naam").fill("Adviesraad sociaal domein regio Alkmaar")
    page.get_by_role("button", name="Medezeggenschapsorgaan vastleggen").click()
    assert page.get_by_role("row", name="Adviesraad sociaal domein regio Alkmaar").is_visible()
    page.goto(f"{site.url}/trajecten/{SLUG}/planning/")
    page.get_by_text("Tabel: tempo per gemeente per besluitmoment").click()
    assert page.get_by_role("table", name="Tempo per gemeente per besluitmoment").is_visible()
    assert_accessible(page)


def test_procedure_edit_page_is_accessible(page, site):
    login(page, site.url, "projectleider")
    page.goto(f"{site.url}/trajecten/{SLUG}/planning/medezeggenschap/")
    page.get_by_role("link", name="Wijzigen (wensen en bedenkingen raad Alkmaar)").click()
    page.get_by_label("Afgerond").fill("01-01-2012")
    page.get_by_label("Aan de raad gezonden").fill("01-02-2012")
    page.get_by_role("button", name="Wijziging opslaan").click()
    assert page.get_by_role("alert").is_visible()
    assert_accessible(page)
