"""A small HTTP client for tests against a running ``regiokompas serve``: log in, post a form."""

from __future__ import annotations

import http.cookiejar
import re
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

from regiokompas.accounts.demo import DEMO_PASSWORD

PORTS = range(8130, 8140)


def free_port() -> int:
    for port in PORTS:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise AssertionError("no free port in 8130-8139")


def wait_until_serving(base: str, process: subprocess.Popen, timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server ended ({process.returncode}):\n{process.stdout.read()}")
        try:
            with urllib.request.urlopen(base + "/inloggen/", timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise AssertionError("server did not start in time")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect())

    def _csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def request(self, path: str, data: dict | None = None, timeout: float = 120) -> tuple[int, str]:
        body = None
        if data is not None:
            body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self._csrf()}).encode()
        req = urllib.request.Request(self.base + path, data=body, headers={"Referer": self.base + path})
        try:
            with self.opener.open(req, timeout=timeout) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", "replace")

    def login(self, username: str) -> None:
        self.request("/inloggen/")
        status, body = self.request("/inloggen/", {"username": username, "password": DEMO_PASSWORD})
        assert status == 302, f"login {username}: {status} {re.sub(r'<[^>]+>', ' ', body)[:300]}"

    def record_decision(self, gate: int, code: str, outcome: str = "agree", timeout: float = 120) -> tuple[int, str]:
        return self.request(f"/besluitmomenten/{gate}/besluit/{code}/",
                            {"outcome": outcome, "date": "01-05-2024", "date_precision": "day", "source": "integriteitstest"},
                            timeout=timeout)
