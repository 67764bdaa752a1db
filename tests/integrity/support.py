"""Databases and processes for the integrity tests.

Every test gets its own database with the example dossier and the demo accounts, copied from one
prepared per session: a SQLite file in a data folder, and on PostgreSQL (when ``DATABASE_URL``
names one, as in CI's second run) a database created from a template. The operations run in
separate processes (``regiokompas`` itself or ``tests.integrity.scenarios``), which a test may
stop with ``kill -9``.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
POSTGRES_URL = os.environ.get("DATABASE_URL", "") if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")) else ""
BACKENDS = ["sqlite", *(["postgresql"] if POSTGRES_URL else [])]
TIMEOUT = 240  # seconds: no step of a test waits longer
_numbers = itertools.count(1)


def _pg_admin():
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(POSTGRES_URL)
    conn = psycopg.connect(host=cfg["HOST"] or "127.0.0.1", port=cfg["PORT"] or 5432, user=cfg["USER"] or "postgres",
                           password=cfg["PASSWORD"] or None, dbname="postgres", autocommit=True)
    return conn, cfg


def _pg_url(name: str) -> str:
    base = POSTGRES_URL.rsplit("/", 1)[0]
    return f"{base}/{name}"


@dataclass
class Database:
    """One database for one test, and how a process reaches it."""

    backend: str
    data_dir: Path
    url: str = ""
    created: list[str] = field(default_factory=list)

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REGIOKOMPAS_PAUSE"))}
        env.pop("DATABASE_URL", None)
        env.update(
            REGIOKOMPAS_DATA_DIR=str(self.data_dir), SECRET_KEY="integriteitstest-" + "x" * 40, REGIOKOMPAS_SECURE="false",
            PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]), PYTHONUNBUFFERED="1",
        )
        if self.url:
            env["DATABASE_URL"] = self.url
        env.update(extra)
        return env

    def run(self, *args: str, env: dict | None = None, check: bool = True) -> subprocess.CompletedProcess:
        done = subprocess.run([sys.executable, *args], cwd=ROOT, env=env or self.env(), capture_output=True, text=True,
                              timeout=TIMEOUT)
        if check and done.returncode != 0:
            raise AssertionError(f"{args} ended with {done.returncode}:\n{done.stdout}\n{done.stderr}")
        return done

    def scenario(self, *args: str, env: dict | None = None) -> dict:
        done = self.run("-m", "tests.integrity.scenarios", *args, env=env)
        return json.loads(done.stdout.strip().splitlines()[-1])

    def start(self, *args: str, env: dict | None = None) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, *args], cwd=ROOT, env=env or self.env(), stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, start_new_session=True)

    def check(self) -> dict:
        return self.scenario("check")


def prepare_template(backend: str, folder: Path) -> Database:
    """A database with the example dossier and the demo accounts, to copy for each test."""
    folder.mkdir(parents=True, exist_ok=True)
    db = Database(backend, folder)
    if backend == "postgresql":
        name = f"rk_integrity_template_{os.getpid()}"
        conn, _ = _pg_admin()
        with conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        db.url = _pg_url(name)
        db.created.append(name)
    db.run("-m", "regiokompas", "load-example", "--accounts")
    db.run("-m", "regiokompas", "collectstatic")  # for the tests that start `regiokompas serve`
    return db


def copy_of(template: Database, folder: Path) -> Database:
    folder.mkdir(parents=True, exist_ok=True)
    db = Database(template.backend, folder)
    (folder / "static").symlink_to(template.data_dir / "static")
    if template.backend == "sqlite":
        for f in template.data_dir.iterdir():
            if f.name.startswith("regiokompas.sqlite3") or f.name == "secret_key":
                shutil.copy2(f, folder / f.name)
    else:
        name = f"rk_integrity_{os.getpid()}_{next(_numbers)}"
        conn, _ = _pg_admin()
        with conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template.created[0]}"')
        db.url = _pg_url(name)
        db.created.append(name)
    return db


def drop(db: Database) -> None:
    if db.backend == "postgresql" and db.created:
        conn, _ = _pg_admin()
        with conn:
            for name in db.created:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def wait_for_file(path: Path, process: subprocess.Popen | None = None, timeout: float = TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if process is not None and process.poll() is not None:
            out = process.stdout.read() if process.stdout else ""
            raise AssertionError(f"process ended ({process.returncode}) before reaching the pause point:\n{out}")
        if time.monotonic() > deadline:
            raise AssertionError(f"pause point not reached within {timeout} s")
        time.sleep(0.02)


def kill9(process: subprocess.Popen) -> None:
    """kill -9 of the process (and any children it started)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
