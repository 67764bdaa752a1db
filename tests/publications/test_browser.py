"""Council-information pages in a real browser, checked with axe (WCAG 2.1 AA)."""

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
