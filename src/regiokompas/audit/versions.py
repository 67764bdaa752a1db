"""Versions of the data, for caches of computed results (see :mod:`regiokompas.caching`).

:func:`bump` runs for every audit row (``audit.log.record``), inside the transaction of the change:
it inserts a row with a random value for the row's object type (an insert, so concurrent writers
never wait for each other or deadlock), and after the commit removes the older rows of that type.
The version of a type is the set of its rows: any committed change alters it, whatever the order
in which concurrent transactions commit. :func:`current` reads all versions in one query and keeps
them until the end of the request or the next change in this thread."""

from __future__ import annotations

import hashlib
import secrets
import threading

from django.core.signals import request_finished, request_started
from django.db import transaction

_local = threading.local()


def bump(scope: str) -> None:
    """A new version for ``scope`` (an object type such as ``finance.CostItem``)."""
    from regiokompas.audit.models import DataVersion

    row = DataVersion.objects.create(scope=scope[:100], version=secrets.randbits(62))
    transaction.on_commit(lambda: DataVersion.objects.filter(scope=row.scope, pk__lt=row.pk).delete(), robust=True)
    forget()


def current() -> dict[str, str]:
    """Every scope's version (one small query, remembered for the rest of the request)."""
    from regiokompas.audit.models import DataVersion

    versions = getattr(_local, "versions", None)
    if versions is None:
        rows: dict[str, list[int]] = {}
        for scope, version in DataVersion.objects.values_list("scope", "version"):
            rows.setdefault(scope, []).append(version)
        versions = {scope: hashlib.blake2b(repr(sorted(vs)).encode(), digest_size=8).hexdigest() for scope, vs in rows.items()}
        _local.versions = versions
    return versions


def forget(**_kwargs) -> None:
    _local.versions = None


request_started.connect(forget, dispatch_uid="regiokompas.audit.versions.started")
request_finished.connect(forget, dispatch_uid="regiokompas.audit.versions.finished")
