"""The one way a page answers with its form, and hands a form or a button to a service function.

- :func:`render_form`: 400 Bad Request when the submitted form has errors (so tests and assistive
  tools see the refusal), 200 otherwise.
- :func:`saved`: a posted, valid form handed to a service function; a refusal (a
  :class:`~regiokompas.register.errors.RegisterError`, its message Dutch) is put on the field it
  names, or on the form.
- :func:`attempted`: a button without a form (delete, apply, withdraw, a workflow step); a refusal
  becomes an error message on the next page.
- :func:`require`: 403 with a Dutch message unless the permissions function the page asked allows it.

The decisions stay with accounts.permissions and the service functions; these only shape the answer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from regiokompas.register.errors import RegisterError

Success = str | Callable[[Any], str]


@dataclass(frozen=True)
class Outcome:
    """What :func:`saved` and :func:`attempted` did: true when the service function succeeded, with
    what it returned in ``result``."""

    done: bool
    result: Any = None

    def __bool__(self) -> bool:
        return self.done


def render_form(request: HttpRequest, template: str, context: dict[str, Any], form: Any) -> HttpResponse:
    """Render ``template`` with ``context``; ``form`` is a Django form or, for a page that parses
    its input by hand, its collection of errors (empty when there are none)."""
    errors = form.errors if hasattr(form, "errors") else form
    return render(request, template, context, status=400 if errors else 200)


def require(allowed: bool, message: str) -> None:
    """403 with ``message`` (Dutch) unless ``allowed``."""
    if not allowed:
        raise PermissionDenied(message)


def refuse(form, exc: RegisterError) -> None:
    """Put a refusal on the field it names when the form has that field, else on the form."""
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _succeeded(request, success: Success, result: Any) -> None:
    messages.success(request, success(result) if callable(success) else success)


def saved(request, form, save: Callable[[], Any], success: Success, refusal: type[RegisterError] = RegisterError) -> Outcome:
    """For a posted form that is valid: ``save()``. Done when it saved (``success``, a text or a
    function of what ``save`` returned, becomes a message); a ``refusal`` is put on the form."""
    if request.method != "POST" or not form.is_valid():
        return Outcome(False)
    try:
        result = save()
    except refusal as exc:
        refuse(form, exc)
        return Outcome(False)
    _succeeded(request, success, result)
    return Outcome(True, result)


def attempted(request, action: Callable[[], Any], success: Success, refusal: type[RegisterError] = RegisterError) -> Outcome:
    """``action()``; done when it succeeded (``success`` becomes a message), else its ``refusal``
    becomes an error message."""
    try:
        result = action()
    except refusal as exc:
        messages.error(request, exc.message)
        return Outcome(False)
    _succeeded(request, success, result)
    return Outcome(True, result)
