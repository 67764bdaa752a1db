"""Versions of the data, for caches of computed results (see :mod:`regiokompas.caching`).

:func:`bump` runs for every audit row (``audit.log.record``), inside the transaction of the change,
and gives the row's object type a new random version. :func:`current` reads all versions in one
query and keeps them until the end of the request or the next change in this thread."""

from __future__ import annotations

import secrets
import threading

from django.core.signals import request_finished, request_started
from django.db import connection

_local = threading.local()


def bump(scope: str) -> None:
    """A new version for ``scope`` (an object type such as ``finance.CostItem``)."""
    from regiokompas.audit.models import DataVersion

    table = connection.ops.quote_name(DataVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (scope, version) VALUES (%s, %s) "  # noqa: S608 - table name from the model
            f"ON CONFLICT (scope) DO UPDATE SET version = excluded.version",
            [scope[:100], secrets.randbits(62)],
        )
    forget()


def current() -> dict[str, int]:
    """Every scope's version (one small query, remembered for the rest of the request)."""
    from regiokompas.audit.models import DataVersion

    versions = getattr(_local, "versions", None)
    if versions is None:
        versions = dict(DataVersion.objects.values_list("scope", "version"))
        _local.versions = versions
    return versions


def forget(**_kwargs) -> None:
    _local.versions = None


request_started.connect(forget, dispatch_uid="regiokompas.audit.versions.started")
request_finished.connect(forget, dispatch_uid="regiokompas.audit.versions.finished")
