"""Who is acting in the current request, for audit rows written by signal handlers.

Service functions get their actor as an argument. Changes of users, roles and rights are also
made by Django itself (the admin's user forms, password change, ``createsuperuser``), which calls no
service function; signal handlers audit those, and take the actor from here. A context variable
(per thread and per asynchronous task) set by :class:`AuditActorMiddleware` for the length of a
request covers every route at once - the admin, the application's own pages and any later API -
where the admin's ``log_change`` hooks would cover the admin only. Outside a request (commands,
scripts, the example loader) there is no request user and the actor is the system.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_actor: contextvars.ContextVar[Any] = contextvars.ContextVar("regiokompas_audit_actor", default=None)
_service_audits: contextvars.ContextVar[bool] = contextvars.ContextVar("regiokompas_service_audits", default=False)


@contextmanager
def audited_by_service() -> Iterator[None]:
    """A service function writes its own audit row for the change made inside this block, with its
    actor and reason; the signal handlers (the net for changes made outside any service, such as the
    admin's user forms) then stay silent, so one change gives one row."""
    token = _service_audits.set(True)
    try:
        yield
    finally:
        _service_audits.reset(token)


def service_audits() -> bool:
    return _service_audits.get()


def current_actor() -> Any:
    """The logged-in user of the current request (or the actor set with :func:`acting_as`), or
    None: the system."""
    actor = _actor.get()
    return actor.resolve() if isinstance(actor, _RequestUser) else actor


@contextmanager
def acting_as(actor: Any) -> Iterator[None]:
    token = _actor.set(actor)
    try:
        yield
    finally:
        _actor.reset(token)


class AuditActorMiddleware:
    """Makes ``request.user`` the actor of audit rows written during the request. Place it after
    AuthenticationMiddleware. The user is looked up lazily, only when a row is written."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with acting_as(_RequestUser(request)):
            return self.get_response(request)


class _RequestUser:
    """Resolves to the request's user when asked (anonymous users count as no actor)."""

    def __init__(self, request):
        self.request = request

    def resolve(self) -> Any:
        user = getattr(self.request, "user", None)
        return user if user is not None and getattr(user, "is_authenticated", False) else None
