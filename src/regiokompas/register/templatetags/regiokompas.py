import re

from django import template

register = template.Library()


@register.filter
def iso(value):
    return value.isoformat() if value else ""


@register.simple_tag
def outcome_symbol(outcome):
    """A text symbol beside the label, so the matrix reads without colour."""
    return {
        "agree": "✔",
        "agree_with_conditions": "✔*",
        "hold": "‖",
        "reject": "✘",
        "not_yet_decided": "…",
        "proposed": "→",
        "noted": "ⓘ",
    }.get(outcome, "")


_SEED = re.compile(r"seed:(?P<file>[^\s;,()]+)(?:\s*\((?P<label>[^)]*)\))?")


@register.filter
def source_text(value):
    """A source as a reader wants it: ``seed:000_... (memo ..., 29 mei 2012)`` reads as
    "memo ..., 29 mei 2012", also inside a longer source ("CBS; seed:... (memo ...)"); the file
    name is an internal key, never shown. Web addresses and free text stay as they are."""
    if not value:
        return ""
    text = str(value).strip()
    if "seed:" not in text:
        return value
    return _SEED.sub(lambda m: m["label"] or "brondocument uit het dossier", text).strip()


@register.filter
def action_label(code):
    """An audit action in Dutch words (regiokompas.labels), never the raw code."""
    from regiokompas.labels import action_label as label

    return label(code)
