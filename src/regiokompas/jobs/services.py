"""Start background work and carry it out.

:func:`start` records a :class:`Job` and enqueues :func:`regiokompas.jobs.tasks.run_job`; the task
loads the job and calls the handler of its kind, which calls the existing service functions with
the user who asked as actor (so every audit row names that user). Each handler computes outside any
database transaction; the services write their result in one short transaction of their own, so a
failure leaves nothing half-written. Progress and state are short writes of the job row only.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from regiokompas.accounts.actors import Actor
from regiokompas.jobs.models import Job, JobKind, JobStatus
from regiokompas.register.errors import PermissionDenied, RegisterError

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from regiokompas.register.models import Trajectory

logger = logging.getLogger("regiokompas.jobs")

UNEXPECTED = ("Er ging iets onverwachts mis bij het uitvoeren van deze taak; er is niets vastgelegd. "
              "Probeer het opnieuw of meld het aan functioneel beheer.")

Progress = Callable[[int | None, str], None]


def start(user: User, kind: str, title: str, *, trajectory: Trajectory | None = None, params: dict | None = None,
          input_data: bytes | None = None) -> Job:
    """Record the job and put it in the queue. With the immediate task backend (tests) the work is
    done when this returns; with the database backend a worker picks it up."""
    from regiokompas.jobs.tasks import run_job

    job = Job.objects.create(kind=kind, title=title[:300], trajectory=trajectory, requested_by=user,
                             params=params or {}, input_data=input_data)
    try:
        result = run_job.enqueue(str(job.pk))
    except Exception:  # the queue could not take it: say so instead of waiting forever
        logger.exception("job %s could not be enqueued", job.pk)
        _finish(job.pk, JobStatus.FAILED, message="De taak kon niet in de wachtrij worden gezet; probeer het opnieuw.")
    else:
        Job.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
    job.refresh_from_db()
    return job


def background_analysis(samples: int) -> bool:
    """Whether an analysis of this size runs as a background task (small ones stay in the request)."""
    return samples > settings.REGIOKOMPAS_BACKGROUND_ANALYSIS_SAMPLES


def background_import(size: int) -> bool:
    return size > settings.REGIOKOMPAS_BACKGROUND_IMPORT_BYTES


def _update(pk: uuid.UUID | str, **fields: Any) -> None:
    Job.objects.filter(pk=pk).update(**fields)


def _finish(pk: uuid.UUID | str, status: str, **fields: Any) -> None:
    _update(pk, status=status, finished_at=timezone.now(), **fields)


def run(job_id: str) -> str:
    """Carry out one job (called by the task in the worker). Returns the final status."""
    job = Job.objects.select_related("trajectory", "requested_by").filter(pk=job_id).first()
    if job is None or job.finished:
        return "gone" if job is None else job.status
    _update(job.pk, status=JobStatus.RUNNING, started_at=timezone.now(), progress=0, step="De taak is gestart.")

    def progress(percent: int | None, step: str) -> None:
        _update(job.pk, progress=percent, step=step)

    try:
        if job.requested_by is None:
            raise PermissionDenied("De gebruiker die deze taak startte, bestaat niet meer.")
        outcome = HANDLERS[job.kind](job, job.requested_by, progress)
    except RegisterError as exc:  # OptionsError, PublicationError, PermissionDenied...: a Dutch message
        _finish(job.pk, JobStatus.FAILED, message=exc.message, input_data=None)
        return JobStatus.FAILED
    except Exception:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        _finish(job.pk, JobStatus.FAILED, message=UNEXPECTED, input_data=None)
        raise  # the task result keeps the traceback for the operator
    _finish(job.pk, JobStatus.DONE, progress=100, input_data=None, **outcome)
    return JobStatus.DONE


# --- handlers: each calls the existing services with the requesting user as actor ---------------


def _trajectory(job: Job) -> Trajectory:
    """The trajectory a job works on; a job of a kind that needs one but has none fails with a message."""
    if job.trajectory is None:
        raise RegisterError("Deze taak hoort niet bij een traject; er is niets vastgelegd.")
    return job.trajectory


def _analysis(job: Job, user: Actor, progress: Progress) -> dict:
    from regiokompas.options import services

    p, trajectory = job.params, _trajectory(job)
    progress(10, "De invoer wordt gelezen en de analyse wordt doorgerekend.")
    run = services.run_analysis(user, trajectory, samples=p["samples"], seed=p.get("seed"), label=p.get("label", ""),
                                pooled_weighting=p.get("pooled_weighting", "equal"))
    return {"step": f"Analyse {run.number} is uitgevoerd ({run.duration_ms} ms).",
            "result_url": reverse("options:run-detail", kwargs={"slug": trajectory.slug, "number": run.number})}


def _report(job: Job, user: Actor, progress: Progress) -> dict:
    from regiokompas.accounts import permissions
    from regiokompas.options import report
    from regiokompas.options.models import AnalysisRun

    trajectory, fmt = _trajectory(job), job.params["fmt"]
    if not permissions.can_see_analysis(user, trajectory):
        raise PermissionDenied("De analyses van dit traject zijn alleen voor wie aan het traject deelneemt.")
    number = job.params.get("run")
    run = AnalysisRun.objects.filter(trajectory=trajectory, number=number).first() if number else report.latest_run(trajectory)
    if number and run is None:
        raise RegisterError(f"Analyse {number} bestaat niet (meer) in dit traject.")
    progress(20, "Het rapport wordt opgemaakt.")
    content = report.render_report(trajectory, fmt, run, viewer=user)
    return {"step": "Het rapport is klaar.", "output": bytes(content if isinstance(content, bytes) else content.encode("utf-8")),
            "output_name": f"onderbouwing-{trajectory.slug}.{fmt}", "output_type": job.params["content_type"]}


def _costs(job: Job, user: Actor, progress: Progress) -> dict:
    from regiokompas.finance import services

    trajectory = _trajectory(job)
    progress(10, "De kosten worden gesimuleerd (Monte Carlo) en als scores overgenomen.")
    saved = services.apply_to_criterion(user, trajectory)
    return {"step": services.applied_text(trajectory, saved),
            "result_url": reverse("finance:overview", kwargs={"slug": trajectory.slug})}


def _document(job: Job, user: Actor, progress: Progress) -> dict:
    from regiokompas.accounts import permissions
    from regiokompas.documents.render import CONTENT_TYPES, safe_filename
    from regiokompas.documents.render import render as render_document
    from regiokompas.publications import drafting
    from regiokompas.register.models import Document

    document = Document.objects.filter(pk=job.params["document"]).first()
    if document is None or not permissions.can_see_document(user, document):
        raise PermissionDenied("Dit document is niet (meer) zichtbaar voor u.")
    fmt = job.params["fmt"]
    progress(20, "Het document wordt opgemaakt.")
    data = render_document(drafting.to_model(document, viewer=user), fmt)
    return {"step": "Het document is klaar.", "output": bytes(data if isinstance(data, bytes) else data.encode("utf-8")),
            "output_name": safe_filename(document.title, fmt), "output_type": CONTENT_TYPES[fmt]}


def _import(job: Job, user: Actor, progress: Progress) -> dict:
    from regiokompas.publications import services

    progress(10, "Het bestand wordt gelezen en herkend.")
    record = services.start_import(user, bytes(job.input_data or b""), job.params["filename"], trajectory=job.trajectory)
    return {"step": "Het bestand is gelezen; controleer de herkende gegevens.",
            "result_url": reverse("publications:import-review", kwargs={"pk": record.pk})}


HANDLERS: dict[str, Callable[[Job, Actor, Progress], dict]] = {
    JobKind.ANALYSIS: _analysis,
    JobKind.REPORT: _report,
    JobKind.COSTS: _costs,
    JobKind.DOCUMENT: _document,
    JobKind.IMPORT: _import,
}


