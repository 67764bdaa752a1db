"""The search page and the notification pages in a real browser, checked with axe (WCAG 2.1 AA),
at desktop and phone width."""

import pytest
from tests.browser.support import assert_accessible, login

pytestmark = pytest.mark.browser


def test_search_and_notification_pages_are_accessible(page, site):
    from django.contrib.auth import get_user_model

    from regiokompas.notifications.models import EventKind, Notification
    from regiokompas.register.models import Trajectory

    user = get_user_model().objects.get(username="raadslid-bergen")
    trajectory = Trajectory.objects.get(slug="alkmaar-participatiewet-2019")
    Notification.objects.create(user=user, trajectory=trajectory, kind=EventKind.DECISION, event_key="browsertest",
                                title="Besluit van Uitgeest: niet ingestemd", text="Een voorbeeldmelding.")
    base = site.url
    login(page, base, "raadslid-bergen")
    # the header shows the unread count and leads to search
    assert page.locator("nav[aria-label=Hoofdmenu] a", has_text="Meldingen").inner_text().startswith("Meldingen 1")
    page.get_by_role("link", name="Zoeken").click()
    page.get_by_label("Zoek in het dossier").fill("Bergen")
    page.get_by_role("button", name="Zoeken").click()
    assert page.locator("ol.search-results li").count() >= 1
    assert page.locator("ol.search-results mark").count() >= 1
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        assert_accessible(page)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    # a bad filter: the error summary names the field
    page.goto(base + "/zoeken/?q=besluit&van=31-02-2020")
    assert page.locator(".error-summary a", has_text="Datum vanaf").count() == 1
    assert_accessible(page)
    # notifications: list, preferences (saved), list marked read
    page.goto(base + "/meldingen/")
    assert "Besluit van Uitgeest" in page.content()
    assert_accessible(page)
    page.get_by_role("link", name="Kies waarover u meldingen krijgt").click()
    assert_accessible(page)
    page.locator(f"#t{trajectory.pk}-{EventKind.DECISION}").check()
    page.locator(f"#t{trajectory.pk}-email-dagelijks").check()
    page.get_by_role("button", name="Opslaan").click()
    assert "Uw meldingen zijn opgeslagen." in page.content()
    page.set_viewport_size({"width": 360, "height": 900})
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.goto(base + "/meldingen/")
    page.get_by_role("button", name="Alles als gelezen markeren").click()
    assert "Alle meldingen zijn als gelezen gemarkeerd." in page.content()
    assert not Notification.objects.filter(user=user, read_at__isnull=True).exists()
