"""The state of the task queue, for the readiness check and the metrics (wired up elsewhere)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone


def queue_depth() -> int:
    """Tasks waiting to be run (ready, not yet picked up by a worker)."""
    from regiokompas.jobs.worker import uses_database_queue

    if not uses_database_queue():
        return 0
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.ready().count()


def check_queue() -> tuple[bool, str]:
    """(ok, Dutch message): not ok when the oldest waiting task has waited longer than
    ``REGIOKOMPAS_QUEUE_MAX_WAIT_MINUTES``, which means no worker is taking tasks."""
    from regiokompas.jobs.worker import uses_database_queue

    if not uses_database_queue():
        return True, "Taken worden direct uitgevoerd (geen wachtrij)."
    from django_tasks_db.models import DBTaskResult

    try:
        waiting = DBTaskResult.objects.ready()
        depth = waiting.count()
        oldest = waiting.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
        running = DBTaskResult.objects.running().count()
    except Exception as exc:  # noqa: BLE001 - reported, not raised
        return False, f"De wachtrij kan niet worden gelezen ({exc.__class__.__name__})."
    limit = settings.REGIOKOMPAS_QUEUE_MAX_WAIT_MINUTES
    if oldest is not None and timezone.now() - oldest > timedelta(minutes=limit):
        minutes = int((timezone.now() - oldest).total_seconds() // 60)
        return False, (f"De oudste wachtende taak wacht al {minutes} minuten (maximum {limit}); draait er een worker "
                       "('regiokompas worker')?")
    return True, f"Wachtrij: {depth} wachtend, {running} bezig."
