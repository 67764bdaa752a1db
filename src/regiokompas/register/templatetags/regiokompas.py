import re

from django import template

from regiokompas.register import dates

register = template.Library()


@register.filter
def dutch_date(value, precision="day"):
    """'3 april 2012', 'april 2012', '2012' or 'datum onbekend', as precise as the source is
    (register.dates; a month or year is never shown as its first day)."""
    return dates.dutch(value, precision or "day")


@register.filter
def fuzzy_date(obj, field="date"):
    """A model's date with its own precision column: ``decision|fuzzy_date`` or
    ``gate|fuzzy_date:"planned_date"`` (precision in ``<field>_precision``; ``start_date`` uses ``start_precision``)."""
    if obj is None:
        return dates.dutch(None)
    precision_field = "start_precision" if field == "start_date" else f"{field}_precision"
    return dates.dutch(getattr(obj, field, None), getattr(obj, precision_field, "day"))


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
