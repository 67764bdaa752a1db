"""Long lists in pages of 50 (issue 14): ``?pagina=N``, the other query parameters kept in the page
links, the NL Design System pagination (a named nav, aria-current on the current page, Dutch labels),
the count "1–50 van 75 trajecten", and a bad page number shows the nearest valid page. The number of
queries of a list page does not grow with the number of rows."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import RequestFactory
from django.urls import reverse
from tests.counts import page_queries

from regiokompas import paging

pytestmark = pytest.mark.django_db

PREFIX = "lijsttest-"


def add_trajectories(n: int, start: int = 0) -> None:
    from regiokompas.register.models import Trajectory

    Trajectory.objects.bulk_create([Trajectory(slug=f"{PREFIX}{i:04d}", name=f"Lijsttest {i:04d}", start_date=dt.date(2000, 1, 1),
                                               source="illustratief", illustrative=True) for i in range(start, start + n)])


def add_documents(trajectory, n: int, start: int = 0, **extra) -> None:
    from regiokompas.register import constants as c
    from regiokompas.register.models import Document

    Document.objects.bulk_create([Document(trajectory=trajectory, kind=c.DocumentKind.MEMO, title=f"Lijstmemo {i:04d}",
                                           status=c.DocumentStatus.DEFINITIEF, date=dt.date(2001, 1, 1), source="illustratief",
                                           illustrative=True, **extra) for i in range(start, start + n)])


def add_jobs(user, n: int, trajectory) -> None:
    from regiokompas.jobs.models import Job, JobStatus

    Job.objects.bulk_create([Job(kind="analysis", title=f"Lijsttaak {i:04d}", trajectory=trajectory, requested_by=user,
                                 status=JobStatus.DONE, result_url="/") for i in range(n)])


def nav(html: str) -> str:
    found = re.search(r'<nav class="utrecht-pagination[^>]*>.*?</nav>', html, re.S)
    assert found, "geen paginering"
    return found.group(0)


# --- the helper -------------------------------------------------------------------------------------


@pytest.mark.parametrize("raw, number", [(None, 1), ("", 1), ("2", 2), ("abc", 1), ("0", 1), ("-4", 1), ("3", 3), ("999", 3),
                                         (" 2 ", 2)])
def test_a_bad_page_number_gives_the_nearest_valid_page(raw, number):
    request = RequestFactory().get("/", {"pagina": raw} if raw is not None else {})
    paged = paging.paginate(request, list(range(120)), "ding", "dingen")
    assert paged.page.number == number


def test_the_links_keep_the_other_parameters_and_the_count_reads_dutch():
    request = RequestFactory().get("/", {"zoek": "Bergen", "status": "a b", "pagina": "2"})
    paged = paging.paginate(request, list(range(2345)), "traject", "trajecten")
    assert paged.summary == "51–100 van 2.345 trajecten"
    assert paged.previous_href == "?zoek=Bergen&status=a+b&pagina=1"
    assert paged.next_href == "?zoek=Bergen&status=a+b&pagina=3"
    assert [link.number for link in paged.links] == [1, 2, 3, 4, None, 47]
    assert [link.number for link in paged.links if link.current] == [2]
    assert paging.paginate(RequestFactory().get("/"), [1], "traject", "trajecten").summary == "1 traject"
    assert paging.paginate(RequestFactory().get("/"), [], "traject", "trajecten").summary == "Geen trajecten"
    assert paging.paginate(RequestFactory().get("/"), [1, 2], "traject", "trajecten").summary == "2 trajecten"


# --- the pages ----------------------------------------------------------------------------------------


def test_the_trajectory_list_is_paged_with_an_accessible_dutch_pagination(client, users):
    from regiokompas.register.models import Trajectory

    add_trajectories(120)
    total = Trajectory.objects.count()
    client.force_login(users["projectleider"])
    url = reverse("register:trajectory-list")
    html = client.get(url).content.decode()
    assert f"1–50 van {total} trajecten" in html
    assert html.count('class="card-list"') == 1 and html.count("<h2><a href=\"/trajecten/") == 50
    bar = nav(html)
    assert 'aria-label="Pagina\'s van de trajecten"' in bar or "aria-label=\"Pagina&#x27;s van de trajecten\"" in bar
    assert 'aria-current="page" aria-label="Pagina 1"' in bar
    assert 'href="?pagina=2" rel="next">Volgende<' in bar and "Vorige" in bar
    last = (total + 49) // 50
    html = client.get(url + "?pagina=999").content.decode()
    assert f'aria-current="page" aria-label="Pagina {last}"' in html
    assert f"{(last - 1) * 50 + 1}–{total} van {total} trajecten" in html
    assert client.get(url + "?pagina=nul").status_code == 200


def test_the_document_list_is_paged_and_still_hides_what_the_user_may_not_see(client, users):
    from regiokompas.examples import SLUG_2019
    from regiokompas.register.models import Trajectory

    t = Trajectory.objects.get(slug=SLUG_2019)
    add_documents(t, 60)
    add_documents(t, 5, start=100, confidential=True)
    client.force_login(users["raadslid-bergen"])
    url = reverse("register:document-list", args=[t.slug])
    html = client.get(url).content.decode()
    visible = int(re.search(r"1–50 van (\d+) documenten", html).group(1))
    assert "Lijstmemo 0100" not in client.get(url + "?pagina=2").content.decode()
    hidden = int(re.search(r"(\d+) vertrouwelijk", html).group(1))
    assert visible + hidden == t.documents.count() and hidden >= 5
    assert 'href="?pagina=2"' in nav(html)


def test_the_task_list_is_paged(client, users):
    from regiokompas.examples import SLUG_2019
    from regiokompas.register.models import Trajectory

    add_jobs(users["projectleider"], 75, Trajectory.objects.get(slug=SLUG_2019))
    add_jobs(users["beheer"], 3, Trajectory.objects.get(slug=SLUG_2019))
    client.force_login(users["projectleider"])
    html = client.get(reverse("jobs:list")).content.decode()
    assert "1–50 van 75 taken" in html and html.count("Lijsttaak") == 50
    html = client.get(reverse("jobs:list") + "?pagina=2").content.decode()
    assert "51–75 van 75 taken" in html and html.count("Lijsttaak") == 25
    assert 'aria-current="page" aria-label="Pagina 2"' in nav(html)


def test_the_municipalities_of_the_house_style_page_are_paged(client, users):
    from regiokompas.register.models import Municipality, Trajectory, TrajectoryParticipant

    add_trajectories(1)
    t = Trajectory.objects.get(slug=f"{PREFIX}0000")
    TrajectoryParticipant.objects.bulk_create([TrajectoryParticipant(trajectory=t, municipality=m, source="illustratief")
                                               for m in Municipality.objects.filter(valid_to__isnull=True)[:80]])
    client.force_login(users["beheer"])
    html = client.get(reverse("housestyle:overview")).content.decode()
    assert re.search(r"1–50 van \d+ gemeenten", html)
    assert 'aria-label="Pagina 2"' in nav(html)


# --- queries do not grow with the rows -------------------------------------------------------------------


def test_list_queries_do_not_grow_with_the_number_of_rows(client, users):
    from regiokompas.examples import SLUG_2019
    from regiokompas.register.models import Trajectory

    t = Trajectory.objects.get(slug=SLUG_2019)
    client.force_login(users["projectleider"])
    urls = [reverse("register:trajectory-list"), reverse("register:trajectory-list") + "?pagina=2",
            reverse("register:document-list", args=[t.slug]), reverse("register:document-list", args=[t.slug]) + "?pagina=2",
            reverse("jobs:list"), reverse("jobs:list") + "?pagina=2"]
    add_trajectories(110)
    add_documents(t, 110)
    add_jobs(users["projectleider"], 110, t)
    few = [page_queries(client, url) for url in urls]
    add_trajectories(400, start=1000)
    add_documents(t, 400, start=1000)
    add_jobs(users["projectleider"], 400, t)
    assert [page_queries(client, url) for url in urls] == few


def test_audit_trail_list_queries_do_not_grow_with_the_number_of_rows(client, users):
    from regiokompas.audit.models import AuditEntry

    client.force_login(users["beheer"])
    url = reverse("admin:audit_auditentry_changelist")

    def add(n):
        AuditEntry.objects.bulk_create([AuditEntry(actor_label="test", action="test.create", object_type="test.Test",
                                                   object_id=str(i), object_repr=f"regel {i}", trajectory_slug="x")
                                        for i in range(n)])

    add(60)
    few = page_queries(client, url)
    add(400)
    assert page_queries(client, url) == few
    assert client.get(url).context["cl"].list_per_page == 50


def test_visible_jobs_agrees_with_can_see_job(users):
    """The task list checks a page of tasks at once (permissions.visible_jobs); it shows exactly the
    tasks that can_see_job allows, one by one."""
    from regiokompas.accounts import permissions
    from regiokompas.examples import SLUG_2012, SLUG_2019
    from regiokompas.jobs.models import Job
    from regiokompas.register.models import Document, Trajectory

    t19, t12 = Trajectory.objects.get(slug=SLUG_2019), Trajectory.objects.get(slug=SLUG_2012)
    open_doc = Document.objects.filter(confidential=False).first()
    add_documents(t19, 1, start=500, confidential=True)
    secret = Document.objects.get(title="Lijstmemo 0500")
    for user in users.values():
        jobs = [Job.objects.create(kind=kind, title=f"{kind} {user.username}", trajectory=t, requested_by=user, params=params)
                for kind, t, params in [("analysis", t19, {}), ("report", t12, {}), ("costs", None, {}), ("import", None, {}),
                                        ("document", t19, {"document": open_doc.pk}), ("document", t19, {"document": secret.pk}),
                                        ("document", t19, {"document": 999_999}), ("document", t19, {})]]
        other = Job.objects.create(kind="analysis", title="van een ander", trajectory=t19, requested_by=users["beheer"])
        for viewer in (user, users["beheer"]):
            expected = [j for j in [*jobs, other] if permissions.can_see_job(viewer, j)]
            assert permissions.visible_jobs(viewer, [*jobs, other]) == expected, (user.username, viewer.username)
