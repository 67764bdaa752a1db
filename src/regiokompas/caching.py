"""Cached computed results (cost simulations, derived gate state, analysis result pages).

A result is stored in Django's cache (``CACHE_URL``: local memory by default, Redis in production)
under a key made of its name, its own key parts and the versions of the data it is computed from
(:mod:`regiokompas.audit.versions`: every service function's audit row gives its object type a new
version in the same transaction). A change through a service therefore makes the old entry
unreachable at once, in every process; no code has to remember to delete it.

Only results that are the same for every viewer are cached; what a user may see is still decided
by the view through ``accounts.permissions`` on every request.

A cold result is computed once: the first process to miss takes a short lock in the cache
(``cache.add``) and the others wait for its result instead of computing the same (a cost
simulation takes seconds) at the same time; after ``WAIT`` seconds, or when the lock is gone
without a result, a waiting process computes it itself.
"""

from __future__ import annotations

import hashlib
import threading
import time
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
# How long a process computing a cold result holds its lock at most, and how long others wait for it.
LOCK_TIMEOUT = 60
WAIT = 30.0

_digests = threading.local()


def _in_transaction() -> bool:
    # the atomic blocks a test case wraps around each test do not count
    return any(not getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)


def version_of(ignore: Iterable[str] = ()) -> str:
    """A short digest of the versions of all data except the scopes starting with ``ignore`` (and
    those of users and accounts)."""
    current = versions.current()
    ignore = tuple(ignore)
    # the versions are read once per request: their digest per ``ignore`` is remembered with them
    if getattr(_digests, "source", None) is not current:
        _digests.source, _digests.by_ignore = current, {}
    digest = _digests.by_ignore.get(ignore)
    if digest is None:
        skip = VIEWER_ONLY + ignore
        parts = sorted((k, v) for k, v in current.items() if not k.startswith(skip))
        digest = _digests.by_ignore[ignore] = hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest()
    return digest


def cached(name: str, key: Iterable[object], compute: Callable[[], T], *, ignore: Iterable[str] = (),
           versioned: bool = True) -> T:
    """``compute()``, or its stored result for the same ``name``, ``key`` and data versions.

    ``versioned=False`` for what never changes once stored (an analysis run is history): then the
    key alone identifies it.

    Inside a transaction of the application (a service function that may have written before its
    audit row) the result is computed afresh and not stored."""
    if _in_transaction():
        return compute()
    full = cache_key(name, key, ignore=ignore, versioned=versioned)
    cache = caches["default"]
    hit = cache.get(full)
    if hit is not None:
        return hit
    lock = full + ":lock"
    owner = cache.add(lock, 1, LOCK_TIMEOUT)
    if not owner:
        hit = _wait_for(cache, full, lock)
        if hit is not None:
            return hit
    try:
        value = compute()
        if value is not None:
            cache.set(full, value, TIMEOUT)
    finally:
        if owner:  # a process that waited in vain leaves the other's lock alone
            cache.delete(lock)
    return value


def cache_key(name: str, key: Iterable[object], *, ignore: Iterable[str] = (), versioned: bool = True) -> str:
    """The key under which :func:`cached` stores a result now."""
    raw = repr((__version__, name, tuple(key), version_of(ignore) if versioned else ""))
    return f"rk:{name}:" + hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()


def _wait_for(cache, full: str, lock: str):
    """The result another process is computing under ``lock``, or None when it does not come in
    ``WAIT`` seconds or the lock is released without a result (an error, or nothing to store)."""
    deadline = time.monotonic() + WAIT
    pause = 0.01
    while time.monotonic() < deadline:
        time.sleep(pause)
        hit = cache.get(full)
        if hit is not None:
            return hit
        if cache.get(lock) is None:
            return cache.get(full)
        pause = min(pause * 2, 0.2)
    return None
