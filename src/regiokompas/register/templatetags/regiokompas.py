import re

from django import template

register = template.Library()

MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"]


@register.filter
def dutch_date(value, precision="day"):
    """'3 april 2012', 'april 2012' or '2012', as precise as the source is."""
    if not value:
        return "datum onbekend"
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return f"{MONTHS[value.month - 1]} {value.year}"
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


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
    }.get(outcome, "")


_SEED = re.compile(r"^seed:(?P<file>\S+)\s*(?:\((?P<label>[^)]*)\))?\s*(?P<rest>.*)$")


@register.filter
def source_text(value):
    """A source as a reader wants it: ``seed:000_... (memo ..., 29 mei 2012)`` reads as
    "memo ..., 29 mei 2012 (brondocument 000_...)"; web addresses and free text stay as they are."""
    if not value:
        return ""
    match = _SEED.match(str(value).strip())
    if not match:
        return value
    label = match["label"] or "brondocument"
    rest = f"; {match['rest']}" if match["rest"] else ""
    return f"{label} (brondocument {match['file']}){rest}"
