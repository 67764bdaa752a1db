"""What the pages of every app do the same way around a trajectory and a service call.

- :func:`trajectory_or_403`: the trajectory of the address, if the permissions function the page
  names allows the user; a 403 with the page's Dutch message otherwise.
- :func:`saved`: a posted, valid form handed to a service function; a refusal
  (:class:`~regiokompas.register.errors.RegisterError`, its message Dutch) is shown on the form.
- :func:`attempted`: a button without a form (delete, apply, withdraw); a refusal becomes an
  error message on the next page.

The decision stays with accounts.permissions and the service functions; these only shape the answer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from regiokompas.register.errors import RegisterError
from regiokompas.register.models import Trajectory

Success = str | Callable[[Any], str]


def require(allowed: bool, message: str) -> None:
    """403 with ``message`` (Dutch) unless ``allowed``."""
    if not allowed:
        raise PermissionDenied(message)


def trajectory_or_403(request, slug: str, allowed: Callable[[Any, Trajectory], bool], message: str) -> Trajectory:
    """The trajectory ``slug`` (404 if there is none), if ``allowed(request.user, trajectory)``; else 403."""
    trajectory = get_object_or_404(Trajectory, slug=slug)
    require(allowed(request.user, trajectory), message)
    return trajectory


def _succeeded(request, success: Success, result: Any) -> None:
    messages.success(request, success(result) if callable(success) else success)


def saved(request, form, save: Callable[[], Any], success: Success, refusal: type[RegisterError] = RegisterError) -> bool:
    """For a posted form that is valid: ``save()``. True when it saved (``success``, a text or a
    function of what ``save`` returned, becomes a message); a ``refusal`` is put on the form."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        result = save()
    except refusal as exc:
        form.add_error(None, exc.message)
        return False
    _succeeded(request, success, result)
    return True


def attempted(request, action: Callable[[], Any], success: Success, refusal: type[RegisterError] = RegisterError) -> bool:
    """``action()``; True when it succeeded (``success`` becomes a message), else its ``refusal``
    becomes an error message."""
    try:
        result = action()
    except refusal as exc:
        messages.error(request, exc.message)
        return False
    _succeeded(request, success, result)
    return True
