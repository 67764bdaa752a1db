"""Options pages in a real browser with axe-core (WCAG 2.1 A/AA)."""

import pytest
from tests.browser.support import assert_accessible, login

from regiokompas.accounts.actors import SystemActor
from regiokompas.examples import SLUG_2012

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SLUG = SLUG_2012


def test_options_pages_are_accessible(page, site, engine):
    from regiokompas.options import services
    from regiokompas.register.models import Trajectory

    run = services.run_analysis(SystemActor("test"), Trajectory.objects.get(slug=SLUG), samples=1000, seed=1)
    login(page, site.url, "bergen")
    base = f"{site.url}/trajecten/{SLUG}/varianten/"
    for path in ("", "3/", "criteria/", "voorkeuren/GM0373/", "analyses/", f"analyses/{run.number}/", f"analyses/{run.number}/details/"):
        page.goto(base + path)
        assert page.locator("h1").count() == 1
        assert_accessible(page)


def test_conflicting_preferences_show_a_message_naming_them(page, site):
    from tests.options.helpers import engine_available

    if not engine_available():
        pytest.skip("rekenkern nog niet geïnstalleerd")
    login(page, site.url, "bergen")
    page.goto(f"{site.url}/trajecten/{SLUG}/varianten/voorkeuren/GM0373/")
    for field in page.locator("input[name^=rank_]").all():
        field.fill("")
    page.get_by_label("Plaats van Effectiviteit").fill("1")
    page.get_by_label("Plaats van Efficiency").fill("2")
    page.get_by_label("Maximaal gewicht van Effectiviteit (%)").fill("10")
    page.get_by_label("Minimaal gewicht van Efficiency (%)").fill("40")
    page.get_by_role("button", name="Voorkeuren opslaan").click()
    alert = page.get_by_role("alert")
    assert "tegenstrijdig" in alert.inner_text()
    assert_accessible(page)
