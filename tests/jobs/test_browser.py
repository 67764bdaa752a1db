"""The task pages in a real browser, at desktop (1280 px) and phone (360 px) width: the task list
(with more tasks than fit on one page, so with its pagination) and the status page of a waiting,
running, failed and finished task pass axe (WCAG 2.1 A/AA) and never scroll sideways at 360 px."""

from __future__ import annotations

import pytest
from tests.browser.support import assert_accessible, login
from tests.browser.test_roles_and_widths import WIDTHS, horizontal_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SLUG = "alkmaar-participatiewet-2019"


def _jobs(username: str) -> dict[str, str]:
    """60 finished analyses of ``username`` and one task in each state; their ids by state."""
    from django.contrib.auth import get_user_model

    from regiokompas.jobs.models import Job, JobStatus
    from regiokompas.register.models import Trajectory

    user = get_user_model().objects.get(username=username)
    t = Trajectory.objects.get(slug=SLUG)
    Job.objects.bulk_create([Job(kind="analysis", title=f"Analyse {n + 1} van de varianten", trajectory=t, requested_by=user,
                                 status=JobStatus.DONE, result_url=f"/trajecten/{SLUG}/varianten/") for n in range(60)])
    states = {
        "wacht": Job(kind="analysis", title="Analyse met 200.000 trekkingen", trajectory=t, requested_by=user),
        "bezig": Job(kind="report", title="Onderbouwingsrapport (docx)", trajectory=t, requested_by=user,
                     status=JobStatus.RUNNING, progress=40, step="Hoofdstuk 3 van 7: de varianten"),
        "mislukt": Job(kind="costs", title="Kostensimulatie", trajectory=t, requested_by=user, status=JobStatus.FAILED,
                       step="Gestopt", message="Het kostenmodel is veranderd terwijl de simulatie liep; start haar opnieuw."),
        "klaar": Job(kind="report", title="Onderbouwingsrapport (html)", trajectory=t, requested_by=user, status=JobStatus.DONE,
                     step="Klaar", output=b"<html lang='nl'><title>Rapport</title></html>", output_name="rapport.html",
                     output_type="text/html"),
    }
    for job in states.values():
        job.save()
    return {state: str(job.pk) for state, job in states.items()}


def test_task_list_and_task_pages_are_accessible_at_both_widths(browser, site):
    ids = _jobs("projectleider")
    for width in WIDTHS:
        context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": 900})
        page = context.new_page()
        page.route("**/status.json", lambda route: route.abort())  # the page as rendered, not as the script updates it
        try:
            login(page, site.url, "projectleider")
            page.goto(f"{site.url}/taken/")
            assert page.get_by_text("1–50 van 64 taken").is_visible()
            pagination = page.get_by_role("navigation", name="Pagina's van uw taken")
            assert pagination.get_by_role("link", name="Pagina 1").get_attribute("aria-current") == "page"
            assert_accessible(page)
            assert horizontal_overflow(page) == [], width
            pagination.get_by_role("link", name="Volgende").click()
            page.wait_for_url("**/taken/?pagina=2")
            assert page.get_by_text("51–64 van 64 taken").is_visible()
            assert page.get_by_role("navigation", name="Pagina's van uw taken").get_by_role(
                "link", name="Pagina 2").get_attribute("aria-current") == "page"
            assert_accessible(page)
            assert horizontal_overflow(page) == [], width
            for state, pk in ids.items():
                response = page.goto(f"{site.url}/taken/{pk}/")
                assert response.status == 200 and page.locator("h1").count() == 1
                assert page.locator("#taakstatus").get_by_text(f"Status: {state}").is_visible()
                assert_accessible(page)
                assert horizontal_overflow(page) == [], (width, state)
        finally:
            context.close()
