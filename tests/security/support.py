"""Running the real `regiokompas` command for the tests of this folder."""

from __future__ import annotations

import http.client
import os
import socket
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

# Set by the test run itself; a real user's shell has none of them.
TEST_ONLY_VARIABLES = {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG",
                       "REGIOKOMPAS_SECURE", "TRUSTED_PROXIES", "ALLOWED_HOSTS", "SECRET_KEY"}
PORTS = range(8120, 8130)


def env_for(data_dir: Path, **extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in TEST_ONLY_VARIABLES}
    env["REGIOKOMPAS_DATA_DIR"] = str(data_dir)
    env.update(extra)
    return env


def run(data_dir: Path, *args: str, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "regiokompas", *args], env=env_for(data_dir, **extra),
                          capture_output=True, text=True, timeout=600)


def free_port() -> int:
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 8120-8129")


@contextmanager
def server(data_dir: Path, *args: str, **extra: str):
    """`regiokompas <args> --port N` as a subprocess; yields the port once it answers, stops it after."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "regiokompas", *args, "--port", str(port)],
                               env=env_for(data_dir, **extra), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 300
        while True:
            if process.poll() is not None:
                raise AssertionError(f"server stopped: {process.stdout.read()}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise AssertionError("server did not start") from None
                time.sleep(0.5)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stdout.close()


def request(port: int, method: str, path: str, headers: dict | None = None, body: str | None = None):
    """One plain HTTP request (no redirects followed): (status, headers as a dict, text)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def table_counts(data_dir: Path, *tables: str) -> dict:
    database = data_dir / "regiokompas.sqlite3"
    if not database.exists():
        return {t: None for t in tables}
    con = sqlite3.connect(database)
    try:
        names = {r[0] for r in con.execute("select name from sqlite_master where type='table'")}
        return {t: con.execute(f'select count(*) from "{t}"').fetchone()[0] if t in names else None for t in tables}
    finally:
        con.close()


def usernames(data_dir: Path) -> list[str]:
    con = sqlite3.connect(data_dir / "regiokompas.sqlite3")
    try:
        return sorted(r[0] for r in con.execute("select username from auth_user"))
    finally:
        con.close()
