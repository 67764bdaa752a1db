"""Extension points for register pages. Other apps (planning, options, publications, costs) add a
panel to the trajectory, gate or municipality page without the register knowing them.

A panel is a callable ``(request, obj) -> dict | None``; a dict has ``template`` and ``context``
and is rendered in the page in registration order. Register panels in ``AppConfig.ready()``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Panel = Callable[[Any, Any], dict | None]

TRAJECTORY_PANELS: list[Panel] = []
GATE_PANELS: list[Panel] = []
MUNICIPALITY_PANELS: list[Panel] = []


def add(panels: list[Panel], panel: Panel) -> None:
    if panel not in panels:
        panels.append(panel)


def render_panels(panels: list[Panel], request, obj) -> list[dict]:
    result = []
    for panel in panels:
        spec = panel(request, obj)
        if spec:
            result.append(spec)
    return result
