"""Steps of the worker tests, each in its own process against the test's database (chosen by the
environment, as for the ``regiokompas`` command): ``python -m tests.jobs.scenarios NAME [ARGS]``.
Each prints one JSON object on its last line of output."""

from __future__ import annotations

import datetime as dt
import json
import sys
import time

from tests.integrity.scenarios import BERGEN, SYSTEM, TRAJECTORY, create_gates, run


def _client(username: str):
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def start_analysis(samples: int) -> dict:
    """Ask for a large analysis on its page, as a user does."""
    from django.urls import reverse

    from regiokompas.jobs.models import Job

    client = _client("bergen")
    response = client.post(reverse("options:runs", args=[TRAJECTORY]),
                           {"samples": str(samples), "seed": "4", "label": "door de worker", "pooled_weighting": "equal"})
    job = Job.objects.filter(requested_by__username="bergen").latest("created_at")
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    return {"job": str(job.pk), "status": response.status_code, "location": response.get("Location", ""),
            "detail": reverse("jobs:detail", args=[job.pk]), "waiting_on_page": "wacht" in page}


def decide() -> dict:
    """A register write: a decision of Bergen at a new gate."""
    from regiokompas.register import constants as c
    from regiokompas.register import services
    from regiokompas.register.models import Gate, Municipality

    gate = Gate.objects.get(pk=create_gates(1)["gates"][0])
    decision = services.record_decision(SYSTEM, services.DecisionInput(
        gate=gate, municipality=Municipality.objects.get(cbs_code=BERGEN), outcome=c.Outcome.AGREE,
        date=dt.date(2024, 5, 1), source="takentest"))
    return {"decision": decision.pk}


def job(job_id: str, wait: float) -> dict:
    """The job as its owner sees it (status page and JSON), after waiting up to ``wait`` s for it to finish."""
    from django.urls import reverse

    from regiokompas.audit.models import AuditEntry
    from regiokompas.jobs.models import Job
    from regiokompas.options.models import AnalysisRun

    deadline = time.monotonic() + wait
    record = Job.objects.get(pk=job_id)
    while not record.finished and time.monotonic() < deadline:
        time.sleep(0.2)
        record.refresh_from_db()
    client = _client("bergen")
    state = json.loads(client.get(reverse("jobs:status", args=[job_id])).content)
    page = client.get(reverse("jobs:detail", args=[job_id])).content.decode()
    run = AnalysisRun.objects.filter(label="door de worker").first()
    entry = AuditEntry.objects.filter(action="analysis.run", object_id=str(run.pk)).first() if run else None
    return {"state": state, "result_on_page": bool(state["resultaat"]) and state["resultaat"] in page,
            "run": run.number if run else None, "audit_actor": entry.actor.username if entry and entry.actor else None,
            "other_user_status": _client("alkmaar").get(reverse("jobs:status", args=[job_id])).status_code}


def in_process() -> dict:
    """The web process's own worker thread (embedded default, demo) carries out a report asked for on its page."""
    from django.urls import reverse

    from regiokompas.jobs import worker
    from regiokompas.jobs.models import Job

    client = _client("bergen")
    response = client.get(reverse("options:report", args=[TRAJECTORY, "docx"]))
    record = Job.objects.filter(requested_by__username="bergen").latest("created_at")
    waiting = record.status
    thread = worker.start_in_process()
    deadline = time.monotonic() + 200
    while thread is not None and not record.finished and time.monotonic() < deadline:  # no thread: nothing to wait for
        time.sleep(0.2)
        record.refresh_from_db()
    worker.stop_in_process()
    download = client.get(reverse("jobs:download", args=[record.pk]))
    return {"location": response.get("Location", ""), "detail": reverse("jobs:detail", args=[record.pk]),
            "waiting": waiting, "thread": thread is not None, "status": record.status, "message": record.message,
            "docx": download.content[:2] == b"PK"}


def main(argv: list[str]) -> int:
    return run(argv, {
        "start-analysis": lambda n: start_analysis(int(n)),
        "in-process": in_process,
        "decide": decide,
        "job": lambda job_id, wait=0: job(job_id, float(wait)),
    })


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
