"""`regiokompas serve`: gunicorn with several worker processes, behind the https proxy.

It does not change the database or the static files: `regiokompas migrate` and
`regiokompas collectstatic` are separate steps of an installation or upgrade (docs/operations.md);
serve refuses to start while either is missing. `regiokompas demo` keeps its single process
(waitress), which also runs where fork() is not available.
"""

from __future__ import annotations

import ipaddress
import os
import shutil
import socket
import subprocess
import sys
import tempfile

from regiokompas.cli import CommandError, setup_django


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class TrustedProxyHeaders:
    """WSGI middleware: X-Forwarded-* headers count only from the trusted proxy (TRUSTED_PROXIES;
    ``*``: any peer, when only the proxy can reach the server). From it, the visitor's address is
    the last X-Forwarded-For entry (the one the proxy saw); from anyone else the headers are removed,
    so neither Django nor login throttling can be misled."""

    HEADERS = {"x-forwarded-proto", "x-forwarded-for", "x-forwarded-host", "x-forwarded-port"}

    def __init__(self, app, trusted: list[str], headers: list[str]):
        self.app = app
        self.trusted = set(trusted)
        self.headers = set(headers)

    def __call__(self, environ, start_response):
        peer = environ.get("REMOTE_ADDR", "")
        believed = bool(self.trusted) and ("*" in self.trusted or peer in self.trusted)
        for name in self.HEADERS:
            key = "HTTP_" + name.upper().replace("-", "_")
            if key in environ and not (believed and name in self.headers):
                del environ[key]
        if believed and environ.get("HTTP_X_FORWARDED_FOR"):
            environ["REMOTE_ADDR"] = environ["HTTP_X_FORWARDED_FOR"].split(",")[-1].strip()
        return self.app(environ, start_response)


def _without_server_header() -> None:
    """gunicorn always sends ``Server: gunicorn`` and has no setting for it; the response names no
    product (as before with waitress), so the header is left out."""
    from gunicorn.http import wsgi

    if getattr(wsgi.Response.default_headers, "_regiokompas", False):
        return
    original = wsgi.Response.default_headers

    def default_headers(self):
        return [line for line in original(self) if not line.lower().startswith("server:")]

    default_headers._regiokompas = True
    wsgi.Response.default_headers = default_headers


def _child_exit(server, worker) -> None:
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def _post_worker_init(worker) -> None:
    # load the compiled analysis kernels from the Numba cache, so the first analysis is quick
    from regiokompas.commands import _start_worker, _warm_up_engine

    _warm_up_engine(quiet=True)
    # on the embedded SQLite default (REGIOKOMPAS_WORKER=auto) each web process also takes tasks;
    # with PostgreSQL a separate `regiokompas worker` does (regiokompas.jobs.worker)
    _start_worker()


def pending_migrations() -> list:
    """The migrations the database still lacks; a Dutch CommandError when it cannot be reached."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    try:
        connection.ensure_connection()
    except Exception as exc:  # noqa: BLE001 - report any driver error plainly
        raise CommandError(f"De database is niet bereikbaar: {exc}") from exc
    executor = MigrationExecutor(connection)
    return executor.migration_plan(executor.loader.graph.leaf_nodes())


def preflight(host: str, processes: int) -> None:
    """Everything that must hold before the server starts; a Dutch CommandError otherwise."""
    from django.conf import settings
    from django.contrib.staticfiles.storage import staticfiles_storage

    if (is_loopback(host) and settings.SECURE_SSL_REDIRECT and not settings.TRUSTED_PROXIES):
        raise CommandError(
            f"'regiokompas serve' op {host} verwacht https via een proxy, maar TRUSTED_PROXIES is leeg: elk "
            "verzoek zou naar https worden doorgestuurd. Kies één van:\n"
            "  - achter de https-proxy: TRUSTED_PROXIES=127.0.0.1 regiokompas serve (zie docs/operations.md);\n"
            "  - lokaal zonder https: REGIOKOMPAS_SECURE=false regiokompas serve (alleen op 127.0.0.1);\n"
            "  - een demonstratie: regiokompas demo."
        )
    pending = pending_migrations()
    if pending:
        raise CommandError(
            f"De database is niet bijgewerkt: {len(pending)} migraties zijn nog niet uitgevoerd. Voer eerst "
            "'regiokompas migrate' uit; 'regiokompas serve' wijzigt de database niet."
        )
    manifest = getattr(staticfiles_storage, "manifest_name", None)
    if manifest and not staticfiles_storage.exists(manifest):
        raise CommandError(
            f"De statische bestanden staan nog niet klaar in {settings.STATIC_ROOT}. Voer eerst "
            "'regiokompas collectstatic' uit."
        )


def _check_port(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host.strip("[]"), port))
        except OSError as exc:
            raise CommandError(
                f"Poort {port} op {host} is al in gebruik of niet beschikbaar ({exc.strerror}). "
                "Kies een andere poort met --port."
            ) from exc


def serve(host: str, port: int, processes: int, threads: int, timeout: int) -> int:
    if processes > 1 and not os.environ.get("SECRET_KEY"):
        raise CommandError(
            f"Met {processes} webprocessen is SECRET_KEY verplicht: zet een lange willekeurige waarde in de "
            "omgeving, dezelfde voor alle processen en servers (bijv. python -c \"import secrets; "
            "print(secrets.token_urlsafe(64))\"). Of start één proces met --processes 1."
        )
    _check_port(host, port)
    # metrics of all processes add up (prometheus_client multiprocess mode); set before it is imported
    metrics_dir = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    own_metrics_dir = not metrics_dir
    if own_metrics_dir:
        metrics_dir = tempfile.mkdtemp(prefix="regiokompas-metrics-")
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = metrics_dir
    try:
        return _serve(host, port, processes, threads, timeout)
    finally:
        if own_metrics_dir:
            shutil.rmtree(metrics_dir, ignore_errors=True)


def _serve(host: str, port: int, processes: int, threads: int, timeout: int) -> int:
    setup_django()
    from django.conf import settings
    from django.db import connections

    preflight(host, processes)
    connections.close_all()  # no database connection crosses the fork into the workers

    # Compile (or load) the analysis kernels once, in a separate process: Numba's thread pool must
    # not be started in the process that forks the workers. The workers then load them from the cache.
    subprocess.run([sys.executable, "-c", "from regiokompas.commands import _warm_up_engine; _warm_up_engine()"],
                   check=False)

    from gunicorn.app.base import BaseApplication

    from regiokompas.wsgi import application

    _without_server_header()
    app = TrustedProxyHeaders(application, settings.TRUSTED_PROXIES, settings.TRUSTED_PROXY_HEADERS)
    bind = f"[{host.strip('[]')}]:{port}" if ":" in host else f"{host}:{port}"
    options = {
        "bind": [bind],
        "workers": processes,
        "worker_class": "gthread",
        "threads": threads,
        "timeout": timeout,
        "graceful_timeout": 30,
        "accesslog": None,  # RequestLogMiddleware logs each request, with the user and the request id
        "errorlog": "-",
        "logconfig_dict": settings.LOGGING,
        # gunicorn itself believes no forwarded header: TrustedProxyHeaders and Django decide
        "forwarded_allow_ips": "",
        "proxy_allow_ips": "",
        "child_exit": _child_exit,
        "post_worker_init": _post_worker_init,
        "proc_name": "regiokompas",
    }

    class Server(BaseApplication):
        def load_config(self):
            for key, value in options.items():
                self.cfg.set(key, value)
            if "control_socket_disable" in self.cfg.settings:  # gunicorn >= 24: no management socket
                self.cfg.set("control_socket_disable", True)

        def load(self):
            return app

    scheme_note = (
        f"achter de https-proxy {', '.join(settings.TRUSTED_PROXIES)}" if settings.TRUSTED_PROXIES
        else "zonder https" if not settings.SECURE else "https via een proxy"
    )
    print(f"Regiokompas draait op http://{bind}/ ({scheme_note}; {processes} processen × {threads} threads)", flush=True)
    Server().run()
    return 0
