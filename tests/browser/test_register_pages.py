"""A policy adviser of Bergen records a decision in a real browser; the pages pass axe (WCAG 2.1 AA)."""

import pytest
from tests.browser.support import assert_accessible, login

from regiokompas.accounts.actors import SystemActor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_and_overview_pages_are_accessible(page, site):
    page.goto(f"{site.url}/inloggen/")
    assert_accessible(page)
    login(page, site.url, "raadslid-bergen")
    assert_accessible(page)
    page.get_by_role("link", name="Regionale samenwerking uitvoering Participatiewet").click()
    matrix = page.get_by_role("table", name="Uitkomst per college")
    assert matrix.get_by_role("row", name="Bergen").get_by_text("niet ingestemd").count() == 1
    assert page.get_by_text("BUCH werkorganisatie werkt voor gemeenten die doorgaan").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Bergen (NH.)").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Gemeente Bergen (NH.)"
    assert_accessible(page)


def test_record_a_decision_with_an_error_then_correctly(page, site):
    from regiokompas.register import services as s
    from regiokompas.register.models import Gate, Trajectory

    t = Trajectory.objects.get(slug="alkmaar-participatiewet-2019")
    gate = s.save_object(SystemActor("test"), Gate(trajectory=t, ordinal=4, title="Evaluatie van de samenwerking"))
    login(page, site.url, "bergen")
    page.goto(f"{site.url}/besluitmomenten/{gate.pk}/")
    row = page.get_by_role("row", name="Bergen (NH.)")
    row.get_by_role("link", name="Besluit vastleggen").click()
    page.get_by_label("ingestemd onder voorwaarden").check()
    page.get_by_label("Datum van het besluit").fill("31-02-2024")
    page.get_by_role("button", name="Besluit opslaan").click()
    assert page.get_by_role("alert").get_by_text("Het formulier is niet opgeslagen").is_visible()
    assert page.get_by_text("Vul een geldige datum in als dd-mm-jjjj").is_visible()
    assert_accessible(page)
    page.get_by_label("Datum van het besluit").fill("01-02-2024")
    page.get_by_role("textbox", name="Voorwaarden").fill("Eerst een vergelijking van de kosten per gemeente")
    page.get_by_role("button", name="Besluit opslaan").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Besluit van college van B&W Bergen")
    assert page.get_by_text("Eerst een vergelijking van de kosten per gemeente").is_visible()
    assert_accessible(page)
    # other municipalities' users get no form
    page.goto(f"{site.url}/besluitmomenten/{gate.pk}/besluit/GM0361/")
    assert page.get_by_role("heading", name="Geen toegang").is_visible()
