"""The trajectory of a page's address, checked by the permissions function the page names."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.shortcuts import get_object_or_404

from regiokompas.formpages import require
from regiokompas.register.models import Trajectory


def trajectory_or_403(request, slug: str, allowed: Callable[[Any, Trajectory], bool], message: str) -> Trajectory:
    """The trajectory ``slug`` (404 if there is none), if ``allowed(request.user, trajectory)``; else
    403 with ``message`` (Dutch)."""
    trajectory = get_object_or_404(Trajectory, slug=slug)
    require(allowed(request.user, trajectory), message)
    return trajectory
