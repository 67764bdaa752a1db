"""Where the worker runs: inside the web process on the embedded SQLite default (and in the demo),
in a process of its own on PostgreSQL, never when tasks run immediately."""

import pytest
from tests.jobs.conftest import DATABASE_QUEUE

from regiokompas.jobs import worker

SQLITE, POSTGRES = True, False


@pytest.mark.parametrize(("mode", "embedded", "expected"), [
    ("auto", SQLITE, True), ("auto", POSTGRES, False), ("in-process", POSTGRES, True), ("separate", SQLITE, False),
])
def test_the_worker_runs_in_the_web_process_on_the_embedded_default(settings, monkeypatch, mode, embedded, expected):
    settings.TASKS = DATABASE_QUEUE
    settings.REGIOKOMPAS_WORKER = mode
    monkeypatch.setattr(worker, "embedded_database", lambda: embedded)
    assert worker.runs_in_process() is expected


def test_no_worker_when_tasks_run_immediately(settings):
    settings.REGIOKOMPAS_WORKER = "in-process"
    assert not worker.uses_database_queue() and not worker.runs_in_process() and worker.start_in_process() is None


def test_a_wrong_worker_setting_is_refused_in_dutch(monkeypatch):
    from regiokompas.conf.config import ConfigError, config
    from regiokompas.conf.settings import _choice

    monkeypatch.setenv("REGIOKOMPAS_WORKER", "soms")
    with pytest.raises(ConfigError, match="REGIOKOMPAS_WORKER: onbekende waarde 'soms'"):
        config("REGIOKOMPAS_WORKER", "auto", cast=_choice("auto", "in-process", "separate"))
