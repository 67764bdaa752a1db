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
from django.utils import timezone

from regiokompas.accounts.actors import Actor
from regiokompas.jobs.models import Job, JobStatus
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


def job_trajectory(job: Job) -> Trajectory:
    """The trajectory a job works on; a job of a kind that needs one but has none fails with a message."""
    if job.trajectory is None:
        raise RegisterError("Deze taak hoort niet bij een traject; er is niets vastgelegd.")
    return job.trajectory


Handler = Callable[[Job, Actor, Progress], dict]

# The handler per kind of job, registered by the app that owns the work (its integration.install()),
# so this app imports none of them: options (analysis, report), finance (costs), publications
# (document, import).
HANDLERS: dict[str, Handler] = {}


def register_handler(kind: str, handler: Handler) -> None:
    HANDLERS[kind] = handler


