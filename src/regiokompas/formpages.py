"""The one way a page answers with its form: 400 Bad Request when the submitted form has errors
(so tests and assistive tools see the refusal), 200 otherwise."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def render_form(request: HttpRequest, template: str, context: dict[str, Any], form: Any) -> HttpResponse:
    """Render ``template`` with ``context``; ``form`` is a Django form or, for a page that parses
    its input by hand, its collection of errors (empty when there are none)."""
    errors = form.errors if hasattr(form, "errors") else form
    return render(request, template, context, status=400 if errors else 200)
