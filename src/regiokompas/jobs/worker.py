"""The worker that carries out queued tasks: a process of its own (`regiokompas worker`) in
production, or a background thread of the web process on the embedded SQLite default and in
`regiokompas demo` (so the two-command start stays two commands). ``REGIOKOMPAS_WORKER`` chooses:
``auto`` (a thread on SQLite, none on PostgreSQL), ``in-process`` or ``separate``."""

from __future__ import annotations

import logging
import threading
import time

from django.conf import settings
from django.db import connections
from django.utils.crypto import get_random_string

logger = logging.getLogger("regiokompas.jobs")

_thread: threading.Thread | None = None


def uses_database_queue() -> bool:
    return settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


def runs_in_process() -> bool:
    """Whether the web process runs the worker itself (see the module docstring)."""
    if not uses_database_queue():
        return False
    mode = settings.REGIOKOMPAS_WORKER
    if mode == "auto":
        return embedded_database()
    return mode == "in-process"


def embedded_database() -> bool:
    return settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")


def make_worker(*, batch: bool = False, interval: float = 1.0, worker_id: str = ""):
    """django-tasks-db's own worker loop (the one `db_worker` runs)."""
    from django_tasks_db.management.commands.db_worker import Worker

    return Worker(queue_names=["default"], interval=interval, batch=batch, backend_name="default", startup_delay=False,
                  max_tasks=None, worker_id=worker_id or get_random_string(32), excluded_queue_names=[])


def _loop(worker) -> None:
    while worker.running:
        try:
            worker.run()
        except Exception:  # keep serving; try again shortly
            logger.exception("de ingebouwde worker liep vast; hij start opnieuw")
            time.sleep(5)
        finally:
            connections.close_all()


def start_in_process() -> threading.Thread | None:
    """Start the worker thread once, if this installation runs it inside the web process."""
    global _thread
    if not runs_in_process() or (_thread is not None and _thread.is_alive()):
        return None
    worker = make_worker(worker_id="web-" + get_random_string(28))
    _thread = threading.Thread(target=_loop, args=(worker,), name="regiokompas-worker", daemon=True)
    _thread.worker = worker  # type: ignore[attr-defined]
    _thread.start()
    return _thread


def stop_in_process(timeout: float = 10) -> None:
    global _thread
    if _thread is not None:
        _thread.worker.running = False  # type: ignore[attr-defined]
        _thread.join(timeout)
        _thread = None
