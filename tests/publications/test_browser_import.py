"""The import review in a real browser: original beside the fields, correct, save, confirm (axe)."""

from pathlib import Path

import pytest
from tests.browser.support import assert_accessible, login

pytestmark = pytest.mark.browser

LEEUWARDEN = Path(__file__).resolve().parent.parent / "documents" / "corpus" / "tuning" / "t05-leeuwarden-brief.txt"


def test_review_correct_save_and_confirm(page, site):
    from regiokompas.register.models import Document

    base = site.url
    login(page, base, "bergen")
    page.goto(base + "/raadsinformatie/inlezen/")
    page.get_by_label("Bestand").set_input_files(str(LEEUWARDEN))
    page.get_by_role("button", name="Inlezen en controleren").click()
    page.wait_for_url("**/raadsinformatie/inlezen/*/")
    assert page.get_by_role("heading", name="Het oorspronkelijke document").is_visible()
    assert "Ons kenmerk: 1702-4471" in page.content()
    assert_accessible(page)
    page.locator("#id_onderwerp").fill("Zienswijze op de begrotingswijziging 2018")
    page.locator("#id_date").fill("10-2017")
    page.get_by_role("button", name="Correcties opslaan (blijft concept)").click()
    page.wait_for_load_state()
    assert "De correcties zijn opgeslagen" in page.content() and "gecorrigeerd" in page.content()
    assert not Document.objects.filter(title__startswith="Zienswijze op de begrotingswijziging").exists()
    assert_accessible(page)
    # the same file again is reported as a duplicate
    page.goto(base + "/raadsinformatie/inlezen/")
    page.get_by_label("Bestand").set_input_files(str(LEEUWARDEN))
    page.get_by_role("button", name="Inlezen en controleren").click()
    page.wait_for_url("**/raadsinformatie/inlezen/*/")
    assert page.get_by_role("heading", name="Dit document is al eerder ingelezen").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="t05-leeuwarden-brief.txt").click()
    page.get_by_role("button", name="Bevestigen en opnemen in het register").click()
    page.wait_for_url("**/documenten/*/")
    document = Document.objects.get(title="Zienswijze op de begrotingswijziging 2018")
    assert document.date_precision == "month"
