"""Council-information pages in a real browser, checked with axe (WCAG 2.1 AA)."""

import re

import pytest
from tests.browser.support import assert_accessible, login

from regiokompas.accounts.actors import SystemActor

pytestmark = pytest.mark.browser


def test_draft_review_and_import_pages_are_accessible(page, site):
    from tests.documents.helpers import NIEUWSBRIEF_2020

    from regiokompas.publications import services
    from regiokompas.register.models import Gate, Municipality

    gate = Gate.objects.get(title__startswith="Bestuursopdracht aan Berenschot")
    bergen = Municipality.objects.get(cbs_code="GM0373")
    publication = services.create_draft(SystemActor("test"), gate, bergen, "memo")
    from django.contrib.auth import get_user_model

    bergen_user = get_user_model().objects.get(username="bergen")
    record = services.start_import(bergen_user, NIEUWSBRIEF_2020.read_bytes(), NIEUWSBRIEF_2020.name)
    base = site.url
    login(page, base, "bergen")
    for path in [
        f"/besluitmomenten/{gate.pk}/",
        f"/besluitmomenten/{gate.pk}/raadsinformatie/nieuw/",
        f"/raadsinformatie/{publication.pk}/",
        f"/raadsinformatie/{publication.pk}/bewerken/",
        f"/trajecten/{gate.trajectory.slug}/raadsinformatie/",
        "/raadsinformatie/inlezen/",
        f"/raadsinformatie/inlezen/{record.pk}/",
    ]:
        page.goto(base + path)
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)
    # upload through the form: the review screen shows what was recognised, nothing is stored yet
    page.goto(base + "/raadsinformatie/inlezen/")
    page.get_by_label("Bestand").set_input_files(str(NIEUWSBRIEF_2020))
    page.get_by_role("button", name="Inlezen en controleren").click()
    page.wait_for_url("**/raadsinformatie/inlezen/*/")
    assert "Er is nog niets in het register opgeslagen" in page.content()
    assert "Uitgeest" in page.content()


def test_draft_edit_approve_finalise_and_send(page, site, browser):
    """draft -> edit a section -> ter akkoord -> akkoord by a colleague -> definitief -> verzonden; the
    raadslid never sees the draft."""
    import datetime as dt

    from regiokompas.publications.models import Publication
    from regiokompas.register.models import Gate

    gate = Gate.objects.get(title__startswith="Bestuursopdracht aan Berenschot")
    base = site.url
    raadslid = browser.new_context(locale="nl-NL").new_page()
    login(raadslid, base, "raadslid-bergen")

    def raadslid_has_no_access(pk):
        response = raadslid.goto(f"{base}/raadsinformatie/{pk}/")
        assert response.status == 404

    login(page, base, "bergen")
    page.goto(f"{base}/besluitmomenten/{gate.pk}/raadsinformatie/nieuw/")
    page.get_by_label("Gemeente").select_option("GM0373")
    page.get_by_label("Soort stuk").select_option("raadsvoorstel")
    page.get_by_role("button", name=re.compile("Opstellen|Concept")).click()
    page.wait_for_url("**/bewerken/")
    pk = Publication.objects.latest("pk").pk
    assert_accessible(page)
    raadslid_has_no_access(pk)
    page.get_by_label("Tekst van sectie 2", exact=False).fill("Een eigen inleiding van de griffie.")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(f"**/raadsinformatie/{pk}/")
    assert "Een eigen inleiding van de griffie." in page.content()
    page.get_by_role("button", name="Ter akkoord aanbieden").click()
    assert "ter akkoord" in page.content()
    assert_accessible(page)
    raadslid_has_no_access(pk)

    page.context.clear_cookies()
    login(page, base, "griffier-bergen")
    page.goto(f"{base}/raadsinformatie/{pk}/")
    page.get_by_role("button", name="Akkoord geven").click()
    assert "akkoord gegeven" in page.content()
    raadslid_has_no_access(pk)

    page.context.clear_cookies()
    login(page, base, "bergen")
    page.goto(f"{base}/raadsinformatie/{pk}/")
    page.get_by_label(re.compile("Ik bevestig")).check()
    page.get_by_role("button", name="Definitief maken").click()
    assert "wordt niet meer gewijzigd" in page.content()
    raadslid_has_no_access(pk)
    page.get_by_label("Datum").fill(dt.date.today().isoformat())
    page.get_by_role("button", name="Verzending aan de raad vastleggen").click()
    assert "verzonden aan de raad" in page.content()
    assert_accessible(page)
    raadslid.goto(f"{base}/raadsinformatie/{pk}/")
    assert raadslid.locator("h1").count() == 1  # sent: now the raad may read it
