import pytest
from tests.options.conftest import engine  # noqa: F401 - the same engine fixture as the options tests

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def queue(settings, monkeypatch):
    """The database backend, as in production, with small thresholds so small work goes to the queue.
    ``queue()`` then runs django-tasks-db's worker loop on what waits (in this thread: the test's
    transaction stays open, so its connection must not be recycled between tasks)."""
    from django_tasks_db.management.commands import db_worker

    from regiokompas.jobs.worker import make_worker

    settings.TASKS = DATABASE_QUEUE
    settings.REGIOKOMPAS_BACKGROUND_ANALYSIS_SAMPLES = 1000
    settings.REGIOKOMPAS_BACKGROUND_IMPORT_BYTES = 100
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def work():
        make_worker(batch=True, interval=0).run()

    return work

