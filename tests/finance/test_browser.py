"""Finance pages in a real browser with axe-core (WCAG 2.1 A/AA)."""

import pytest
from tests.browser.support import assert_accessible, login

from regiokompas.examples import SLUG_2012

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SLUG = SLUG_2012


def test_finance_pages_are_accessible(page, site):
    login(page, site.url, "projectleider")
    base = f"{site.url}/trajecten/{SLUG}/financien/"
    forms = ("varianten/3/posten/nieuw/", "sleutels/nieuw/", "sleutels/buch-2017/", "uitgangspunten/", "huidige-kosten/GM0373/")
    for path in ("", "varianten/3/?uittreder=GM0373&methode=declining", "gemeenten/GM0373/", *forms):
        page.goto(base + path)
        assert page.locator("h1").count() == 1
        if path not in forms:
            assert page.locator("svg title").count() >= 1
        assert_accessible(page)


def test_refused_key_form_is_accessible(page, site):
    login(page, site.url, "projectleider")
    page.goto(f"{site.url}/trajecten/{SLUG}/financien/sleutels/nieuw/")
    page.fill("#id_code", "fout")
    page.fill("#id_name", "Fout")
    page.check("input[name=method][value=fixed_percentages]")
    page.fill("#id_reference_date", "2022-01-01")
    page.fill("#id_source", "test")
    page.fill("#id_waarde_GM0361", "60")
    page.click("button:has-text(\"Verdeelsleutel opslaan\")")
    assert "tellen op tot 60 % in plaats van 100 %" in page.locator("[role=alert]").inner_text()
    assert_accessible(page)
