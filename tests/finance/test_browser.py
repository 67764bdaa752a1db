"""Finance pages in a real browser with axe-core (WCAG 2.1 A/AA)."""

import pytest
from tests.browser.support import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SLUG = "alkmaar-sociale-zaken-2012"


def test_finance_pages_are_accessible(page, site):
    login(page, site.url, "projectleider")
    base = f"{site.url}/trajecten/{SLUG}/financien/"
    for path in ("", "varianten/3/?uittreder=GM0373&methode=declining", "gemeenten/GM0373/", "varianten/3/posten/nieuw/"):
        page.goto(base + path)
        assert page.locator("h1").count() == 1
        if "posten" not in path:
            assert page.locator("svg title").count() >= 1
        assert_accessible(page)
