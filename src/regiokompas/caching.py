"""Cached computed results (cost simulations, derived gate state, analysis result pages).

A result is stored in Django's cache (``CACHE_URL``: local memory by default, Redis in production)
under a key made of its name, its own key parts and the versions of the data it is computed from
(:mod:`regiokompas.audit.versions`: every service function's audit row gives its object type a new
version in the same transaction). A change through a service therefore makes the old entry
unreachable at once, in every process; no code has to remember to delete it.

Only results that are the same for every viewer are cached; what a user may see is still decided
by the view through ``accounts.permissions`` on every request.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.cache import caches
from django.db import connection

from regiokompas import __version__
from regiokompas.audit import versions

T = TypeVar("T")

# Who uses the application changes none of the computed results below.
VIEWER_ONLY = ("auth.", "accounts.", "axes.", "authtoken.", "api.", "publications.DocumentImport")
TIMEOUT = 24 * 3600


def _in_transaction() -> bool:
    # the atomic blocks a test case wraps around each test do not count
    return any(not getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)


def version_of(ignore: Iterable[str] = ()) -> str:
    """A short digest of the versions of all data except the scopes starting with ``ignore`` (and
    those of users and accounts)."""
    skip = tuple(VIEWER_ONLY) + tuple(ignore)
    parts = sorted((k, v) for k, v in versions.current().items() if not k.startswith(skip))
    return hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest()


def cached(name: str, key: Iterable[object], compute: Callable[[], T], *, ignore: Iterable[str] = (),
           versioned: bool = True) -> T:
    """``compute()``, or its stored result for the same ``name``, ``key`` and data versions.

    ``versioned=False`` for what never changes once stored (an analysis run is history): then the
    key alone identifies it.

    Inside a transaction of the application (a service function that may have written before its
    audit row) the result is computed afresh and not stored."""
    if _in_transaction():
        return compute()
    raw = repr((__version__, name, tuple(key), version_of(ignore) if versioned else ""))
    full = f"rk:{name}:" + hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()
    cache = caches["default"]
    hit = cache.get(full)
    if hit is not None:
        return hit
    value = compute()
    if value is not None:
        cache.set(full, value, TIMEOUT)
    return value
