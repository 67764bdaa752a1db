"""/gezondheid/live and /gezondheid/klaar: anonymous, JSON, ok / not ok per check and nothing more."""

import json

import pytest
from django.db.migrations.executor import MigrationExecutor
from django.test import Client

from regiokompas.ops import health

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_migration_state(monkeypatch):
    monkeypatch.setattr(health, "_migrated", False)


def get(path, **extra):
    response = Client().get(path, **extra)
    return response, json.loads(response.content)


def failing_queue():
    return False, "De takenwachtrij loopt 12 minuten achter (interne details)."


def broken_check():
    raise RuntimeError("geheim intern detail")


def test_live_answers_anonymously():
    response, body = get("/gezondheid/live")
    assert response.status_code == 200 and body == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_ready_when_every_check_passes():
    response, body = get("/gezondheid/klaar")
    assert response.status_code == 200
    assert body == {"status": "ok", "controles": {"database": {"ok": True}, "migraties": {"ok": True},
                                                  "rekenkern-cache": {"ok": True}, "wachtrij": {"ok": True}}}


def test_not_ready_with_unapplied_migrations(monkeypatch):
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets, clean_start=False: [("x", False)])
    response, body = get("/gezondheid/klaar")
    assert response.status_code == 503
    assert body["status"] == "niet klaar" and body["controles"]["migraties"] == {"ok": False}
    assert body["controles"]["database"] == {"ok": True}


def test_not_ready_when_the_numba_cache_folder_is_not_writable(monkeypatch, tmp_path):
    blocker = tmp_path / "een-bestand"
    blocker.write_text("geen map")
    monkeypatch.setenv("NUMBA_CACHE_DIR", str(blocker / "numba"))  # below a file: can never be created
    response, body = get("/gezondheid/klaar")
    assert response.status_code == 503
    assert body["controles"]["rekenkern-cache"] == {"ok": False}
    assert str(tmp_path) not in response.content.decode()  # no paths or other internals


def test_further_checks_come_from_the_setting(settings):
    settings.REGIOKOMPAS_READINESS_CHECKS = ["tests.ops.test_health.failing_queue", "tests.ops.test_health.broken_check"]
    response, body = get("/gezondheid/klaar")
    assert response.status_code == 503
    assert body["controles"]["failing_queue"] == {"ok": False}
    assert body["controles"]["broken_check"] == {"ok": False}
    text = response.content.decode()
    assert "interne details" not in text and "geheim" not in text and "Traceback" not in text


def test_a_database_that_does_not_answer_is_not_ready(monkeypatch):
    from django.db import connection

    def refuse(*args, **kwargs):
        raise OSError("verbinding geweigerd")

    monkeypatch.setattr(connection, "cursor", refuse)
    monkeypatch.setattr(health, "_migrated", True)
    assert health.database() == (False, "De database is niet bereikbaar.")


def test_only_get():
    assert Client().post("/gezondheid/klaar").status_code == 405
