"""Each role's main journey in a real browser, at desktop (1280 px) and phone (360 px) width.

Every page passes axe (WCAG 2.1 A/AA: no violations, so none serious or critical) at both widths,
and at 360 px the page body never scrolls sideways: wide tables scroll inside their own labelled
container. With REGIOKOMPAS_SCREENSHOTS=docs/img the user guide's screenshots of the page layout
are written there (small PNGs)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tests.browser.support import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SLUG = "alkmaar-participatiewet-2019"
T = f"/trajecten/{SLUG}"
T2012 = "/trajecten/alkmaar-sociale-zaken-2012"  # the example trajectory with a cost model
WIDTHS = (1280, 360)

# role (demo account) -> the pages of its main journey
JOURNEYS = {
    "raadslid-bergen": ["/trajecten/", f"{T}/", "/gemeenten/GM0373/", f"{T}/raadsinformatie/", f"{T}/varianten/"],
    "griffier-bergen": ["/trajecten/", f"{T}/raadsinformatie/", f"{T}/planning/", "/gemeenten/GM0373/"],
    "bergen": ["/trajecten/", f"{T}/", f"{T}/varianten/", f"{T}/varianten/analyses/", f"{T}/financien/"],
    "projectleider": ["/trajecten/", f"{T}/", f"{T}/planning/", f"{T2012}/financien/", f"{T}/documenten/", "/regelingen/"],
    "or-bergen": ["/trajecten/", f"{T}/", f"{T}/planning/medezeggenschap/", f"{T}/documenten/"],
    "beheer": ["/trajecten/", "/inrichting/", "/gebruikers/", "/regelingen/"],
}

# (role, width, page) -> (screenshot name, the part of the page to show; None: the window)
SHOTS = {("bergen", 1280, f"{T}/"): ("opmaak-traject", None), ("bergen", 360, f"{T}/"): ("opmaak-telefoon", None),
         ("projectleider", 1280, f"{T2012}/financien/"): ("grafiek-kosten-per-variant", "figure svg")}


def shots_dir() -> Path | None:
    target = os.environ.get("REGIOKOMPAS_SCREENSHOTS")
    return Path(target) if target else None


def screenshot(page, name: str, part: str | None = None) -> None:
    from PIL import Image

    target = shots_dir() / f"{name}.png"
    (page.locator(part).first if part else page).screenshot(path=str(target))
    image = Image.open(target).convert("RGB")
    image.thumbnail((900, 900))
    image.quantize(colors=64).save(target, optimize=True)


def horizontal_overflow(page) -> list[str]:
    """Elements that stick out of the window on the right, outside a scroll container."""
    return page.evaluate("""() => {
        const width = document.documentElement.clientWidth, out = [];
        if (document.documentElement.scrollWidth > width) out.push('document ' + document.documentElement.scrollWidth);
        for (const el of document.querySelectorAll('main *, header *, nav *, footer *')) {
            if (el.closest('.table-scroll')) continue;
            const r = el.getBoundingClientRect();
            if (r.right > width + 1) out.push(el.tagName + ' ' + (el.textContent || '').trim().slice(0, 40));
        }
        return out.slice(0, 5);
    }""")


@pytest.mark.parametrize("username", list(JOURNEYS))
def test_each_role_main_journey_at_desktop_and_phone_width(browser, site, username):
    for width in WIDTHS:
        context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": 900})
        page = context.new_page()
        try:
            login(page, site.url, username)
            for path in JOURNEYS[username]:
                response = page.goto(f"{site.url}{path}")
                assert response.status == 200, (username, path, response.status)
                assert page.locator("h1").count() == 1, path
                assert page.get_by_role("navigation", name="Hoofdmenu").count() == 1
                assert_accessible(page)
                if width == 360:
                    assert horizontal_overflow(page) == [], (username, path)
                    # every wide table scrolls in its own container, reachable by keyboard and named
                    for region in page.locator(".table-scroll").all():
                        assert region.get_attribute("tabindex") == "0"
                        assert region.get_attribute("aria-label") or region.get_attribute("aria-labelledby")
                body = page.locator("main").inner_text()
                assert "seed:" not in body and "brondocument 0" not in body, path
                shot = SHOTS.get((username, width, path))
                if shot and shots_dir() is not None:
                    screenshot(page, *shot)
        finally:
            context.close()


def test_buttons_look_enabled_and_messages_are_alerts(page, site):
    """A submit button is the primary action (coloured background, not grey on white); a success
    message after saving is an NL Design System alert."""
    login(page, site.url, "projectleider")
    page.goto(f"{site.url}{T}/")
    logout = page.get_by_role("button", name="Uitloggen")
    assert "utrecht-button--secondary-action" in logout.get_attribute("class")
    page.goto(f"{site.url}/inloggen/")
    colours = page.get_by_role("button", name="Inloggen").evaluate(
        "b => [getComputedStyle(b).backgroundColor, getComputedStyle(b).color]")
    assert colours[0] not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)"), colours


def test_the_error_summary_links_every_error_to_its_field(page, site):
    """The summary names each field with an error and its link moves the focus to that field."""
    from regiokompas.accounts.actors import SystemActor
    from regiokompas.register import services as s
    from regiokompas.register.models import Gate, Trajectory

    t = Trajectory.objects.get(slug=SLUG)
    gate = s.save_object(SystemActor("test"), Gate(trajectory=t, ordinal=4, title="Evaluatie van de samenwerking"))
    login(page, site.url, "bergen")
    page.goto(f"{site.url}/besluitmomenten/{gate.pk}/besluit/GM0373/")
    page.get_by_label("Datum van het besluit").fill("31-02-2024")
    page.get_by_role("button", name="Besluit opslaan").click()
    summary = page.get_by_role("alert").filter(has_text="Het formulier is niet opgeslagen")
    link = summary.get_by_role("link", name="Datum van het besluit")
    assert link.count() == 1
    if shots_dir() is not None:
        screenshot(page, "opmaak-foutmelding", "#fouten")
    link.click()
    assert page.evaluate("document.activeElement.name") == "date"
    assert_accessible(page)
