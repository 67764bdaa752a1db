"""Health endpoints for a load balancer or orchestrator, anonymous and without internal details.

``/gezondheid/live``: the process answers requests. ``/gezondheid/klaar``: it can serve them: the
database answers, every migration has been applied, the Numba cache folder is writable, and every
further check named in the setting ``REGIOKOMPAS_READINESS_CHECKS`` passes. A check is a function
without arguments returning ``(ok, Dutch message)``; the response gives only ok / not ok per check,
the message goes to the log.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.db import connection
from django.http import Http404, JsonResponse
from django.utils.module_loading import import_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from regiokompas.accounts import permissions
from regiokompas.ops import numba_cache

log = logging.getLogger("regiokompas.health")
_migrated = False  # once every migration is applied, this process' code stays migrated


def database() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any driver error means: not reachable
        return False, "De database is niet bereikbaar."
    return True, "De database is bereikbaar."


def migrations() -> tuple[bool, str]:
    global _migrated
    if _migrated:
        return True, "Alle migraties zijn uitgevoerd."
    from django.db.migrations.executor import MigrationExecutor

    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception:  # noqa: BLE001
        return False, "De migraties konden niet worden gecontroleerd."
    if pending:
        return False, f"{len(pending)} migraties zijn nog niet uitgevoerd (regiokompas migrate)."
    _migrated = True
    return True, "Alle migraties zijn uitgevoerd."


def numba_cache_writable() -> tuple[bool, str]:
    path = numba_cache.cache_dir()
    if numba_cache.is_writable(path):
        return True, "De cachemap van de rekenkern is schrijfbaar."
    return False, f"De cachemap van de rekenkern ({path}) is niet schrijfbaar (NUMBA_CACHE_DIR)."


def task_queue() -> tuple[bool, str]:
    """The background tasks are being taken: no task waits longer than allowed (regiokompas.jobs)."""
    from regiokompas.jobs.health import check_queue

    return check_queue()


BUILT_IN: dict[str, Callable[[], tuple[bool, str]]] = {
    "database": database,
    "migraties": migrations,
    "rekenkern-cache": numba_cache_writable,
    "wachtrij": task_queue,
}


def readiness_checks() -> dict[str, Callable[[], tuple[bool, str]]]:
    checks = dict(BUILT_IN)
    for dotted in getattr(settings, "REGIOKOMPAS_READINESS_CHECKS", []):
        checks[dotted.rsplit(".", 1)[-1]] = import_string(dotted)
    return checks


def run_checks() -> dict[str, tuple[bool, str]]:
    results = {}
    for name, check in readiness_checks().items():
        try:
            ok, message = check()
        except Exception:  # noqa: BLE001 - a failing check is a failed check, logged with its traceback
            log.exception("Gereedheidscontrole %s is mislukt.", name)
            ok, message = False, "De controle is mislukt."
        if not ok:
            log.warning("Niet klaar: %s: %s", name, message, extra={"check": name})
        results[name] = (bool(ok), message)
    return results


@never_cache
@require_GET
def live(request):
    if not permissions.can_see_health(request.user):
        raise Http404
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def ready(request):
    if not permissions.can_see_health(request.user):
        raise Http404
    results = run_checks()
    ok = all(passed for passed, _ in results.values())
    body = {"status": "ok" if ok else "niet klaar", "controles": {name: {"ok": passed} for name, (passed, _) in results.items()}}
    return JsonResponse(body, status=200 if ok else 503)
