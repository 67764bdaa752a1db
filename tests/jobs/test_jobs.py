"""Background work through the database queue and django-tasks-db's worker loop: started from a page,
followed on its status page, finished by the worker, visible to no one else."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from tests.options.helpers import SLUG, database_counts

from regiokompas.audit.models import AuditEntry
from regiokompas.jobs import health
from regiokompas.jobs import services as jobs
from regiokompas.jobs.models import Job, JobKind, JobStatus
from regiokompas.options import engine_api
from regiokompas.options.models import AnalysisRun
from regiokompas.register.models import Trajectory

pytestmark = pytest.mark.django_db

ANALYSIS = {"samples": "2000", "seed": "3", "label": "op de achtergrond", "pooled_weighting": "equal"}


def _start_analysis(client, user):
    client.force_login(user)
    response = client.post(reverse("options:runs", args=[SLUG]), ANALYSIS)
    job = Job.objects.get(requested_by=user)
    assert response.status_code == 302 and response["Location"] == reverse("jobs:detail", args=[job.pk])
    return job


def test_a_large_analysis_from_the_page_runs_in_the_worker_and_its_result_appears(client, users, queue, engine):
    before = AnalysisRun.objects.count()
    job = _start_analysis(client, users["bergen"])
    assert job.status == JobStatus.WAITING and AnalysisRun.objects.count() == before  # nothing computed in the request
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "wacht" in page and 'aria-live="polite"' in page and "regiokompas/jobs.js" in page
    assert '<noscript><meta http-equiv="refresh"' in page and "Vernieuwen" in page and "<script>" not in page
    assert health.queue_depth() == 1

    queue()

    job.refresh_from_db()
    run = AnalysisRun.objects.get(trajectory__slug=SLUG, label="op de achtergrond")
    assert job.status == JobStatus.DONE and job.progress == 100 and AnalysisRun.objects.count() == before + 1
    assert job.result_url == reverse("options:run-detail", args=[SLUG, run.number])
    assert DBTaskResult.objects.get(id=job.task_id).status == "SUCCESSFUL"
    state = json.loads(client.get(reverse("jobs:status", args=[job.pk])).content)
    assert state["status"] == "klaar" and state["klaar"] and state["resultaat"] == job.result_url
    assert client.get(reverse("api:taak-detail", args=[job.pk])).json() == state | {"soort": "analyse"}
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "klaar" in page and job.result_url in page and "regiokompas/jobs.js" not in page
    entry = AuditEntry.objects.get(action="analysis.run", object_id=str(run.pk))
    assert entry.actor == users["bergen"]  # the audit row names who asked, not the worker
    assert health.queue_depth() == 0


def test_a_small_analysis_stays_in_the_request(client, users, queue, engine):
    client.force_login(users["bergen"])
    response = client.post(reverse("options:runs", args=[SLUG]), {**ANALYSIS, "samples": "500"})
    run = AnalysisRun.objects.filter(trajectory__slug=SLUG).latest("number")
    assert response["Location"] == reverse("options:run-detail", args=[SLUG, run.number]) and not Job.objects.exists()


def test_a_failure_gives_a_dutch_message_and_writes_nothing(client, users, queue, engine, monkeypatch):
    job = _start_analysis(client, users["bergen"])
    counts = database_counts()

    def broken(*args, **kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr(engine_api, "analyse", broken)
    queue()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "er is niets vastgelegd" in job.message
    assert database_counts() == counts
    assert DBTaskResult.objects.get(id=job.task_id).status == "FAILED"  # the traceback stays with the task
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "mislukt" in page and "er is niets vastgelegd" in page


def test_a_refusal_gives_the_services_dutch_message(users, queue, engine):
    t = Trajectory.objects.get(slug=SLUG)
    job = jobs.start(users["bergen"], JobKind.ANALYSIS, "Analyse", trajectory=t,
                     params={"samples": 2000, "seed": 1, "label": "", "pooled_weighting": "naar gevoel"})
    counts = database_counts()
    queue()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.message.startswith("Weging van gemeenten")
    assert database_counts() == counts


@pytest.mark.parametrize("kind", [JobKind.ANALYSIS, JobKind.REPORT, JobKind.COSTS])
def test_a_job_that_needs_a_trajectory_but_has_none_fails_with_a_dutch_message(users, queue, kind):
    job = jobs.start(users["bergen"], kind, "Zonder traject",
                     params={"samples": 2000, "fmt": "html", "content_type": "text/html"})
    counts = database_counts()
    queue()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.message == "Deze taak hoort niet bij een traject; er is niets vastgelegd."
    assert database_counts() == counts


def test_someone_else_gets_404_on_the_status_the_json_and_the_download(client, users, queue, engine):
    job = _start_analysis(client, users["bergen"])
    queue()
    for other in ("alkmaar", "projectleider", "raadslid-bergen", "beheer"):
        client.force_login(users[other])
        for name in ("jobs:detail", "jobs:status", "jobs:download", "api:taak-detail"):
            assert client.get(reverse(name, args=[job.pk])).status_code == 404, (other, name)
        assert str(job.pk) not in client.get(reverse("jobs:list")).content.decode()
    client.logout()
    assert client.get(reverse("jobs:status", args=[job.pk])).status_code == 302  # to the login page


def test_the_report_in_docx_is_rendered_by_the_worker_and_downloaded(client, users, queue, engine):
    client.force_login(users["bergen"])
    response = client.get(reverse("options:report", args=[SLUG, "docx"]))
    job = Job.objects.get(kind=JobKind.REPORT)
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    queue()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.message
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert reverse("jobs:download", args=[job.pk]) in page and f"onderbouwing-{SLUG}.docx" in page
    download = client.get(reverse("jobs:download", args=[job.pk]))
    assert download.content[:2] == b"PK" and f"onderbouwing-{SLUG}.docx" in download["Content-Disposition"]


def test_a_large_import_is_read_by_the_worker_and_opens_its_review(client, users, queue):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from regiokompas.publications.models import DocumentImport

    client.force_login(users["bergen"])
    text = ("Raadsinformatiebrief\n\nOnderwerp: regionale samenwerking\nDatum: 3 maart 2015\n\n" + "Tekst. " * 40).encode()
    response = client.post(reverse("publications:import"), {"file": SimpleUploadedFile("brief.txt", text, "text/plain")})
    job = Job.objects.get(kind=JobKind.IMPORT)
    assert response["Location"] == reverse("jobs:detail", args=[job.pk]) and not DocumentImport.objects.exists()
    queue()
    job.refresh_from_db()
    record = DocumentImport.objects.get()
    assert job.status == JobStatus.DONE and job.result_url == reverse("publications:import-review", args=[record.pk])
    assert job.input_data is None  # the upload is not kept in the job


def test_an_unreadable_large_import_fails_with_the_importers_message(client, users, queue):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from regiokompas.publications.models import DocumentImport

    client.force_login(users["bergen"])
    client.post(reverse("publications:import"), {"file": SimpleUploadedFile("brief.docx", b"geen word" * 50, "text/plain")})
    queue()
    job = Job.objects.get(kind=JobKind.IMPORT)
    assert job.status == JobStatus.FAILED and job.message and not DocumentImport.objects.exists()


def test_with_the_immediate_backend_the_result_comes_in_the_same_request(client, users, settings, engine):
    settings.REGIOKOMPAS_BACKGROUND_ANALYSIS_SAMPLES = 1000
    client.force_login(users["bergen"])
    response = client.post(reverse("options:runs", args=[SLUG]), ANALYSIS)
    run = AnalysisRun.objects.get(trajectory__slug=SLUG, label="op de achtergrond")
    assert response["Location"] == reverse("options:run-detail", args=[SLUG, run.number])
    assert Job.objects.get().status == JobStatus.DONE


def test_queue_health(users, queue, engine):
    assert health.check_queue()[0]
    t = Trajectory.objects.get(slug=SLUG)
    job = jobs.start(users["bergen"], JobKind.ANALYSIS, "Analyse", trajectory=t, params={"samples": 2000})
    assert health.queue_depth() == 1 and health.check_queue()[0]
    DBTaskResult.objects.filter(id=job.task_id).update(enqueued_at=timezone.now() - timedelta(hours=1))
    ok, message = health.check_queue()
    assert not ok and "regiokompas worker" in message
    queue()
    assert health.check_queue() == (True, "Wachtrij: 0 wachtend, 0 bezig.")


def test_the_cost_simulation_for_the_criterion_runs_in_the_worker(client, users, queue):
    from regiokompas.options.models import Score

    client.force_login(users["projectleider"])
    response = client.post(reverse("finance:apply-criterion", args=[SLUG]))
    job = Job.objects.get(kind=JobKind.COSTS)
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert not AuditEntry.objects.filter(reason="overgenomen uit het kostenmodel").exists()
    queue()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and "komen nu uit het kostenmodel" in job.step
    assert job.result_url == reverse("finance:overview", args=[SLUG])
    assert Score.objects.filter(variant__trajectory__slug=SLUG, criterion__code="fin", kind="pert").count() == 3
    assert set(AuditEntry.objects.filter(reason="overgenomen uit het kostenmodel").values_list("actor__username", flat=True)) \
        == {"projectleider"}
