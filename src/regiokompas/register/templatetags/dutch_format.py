"""Template filters for Dutch notation (``{% load dutch_format %}``), all from regiokompas.formatting:
the pages show numbers, money, percentages and dates exactly as the documents and the command line."""

from __future__ import annotations

from django import template

from regiokompas import formatting

register = template.Library()


def _value(value):
    return None if value in (None, "") else value


@register.filter
def euro(value) -> str:
    """'€ 1.234.567', '−€ 12', '€ 0' (never '−€ 0'); '–' without a value."""
    return formatting.euro(_value(value))


@register.filter
def euro_mln(value) -> str:
    """'€ 1,23 mln'; '–' without a value."""
    return formatting.euro(_value(value), millions=True)


@register.filter
def percent(fraction, decimals=2) -> str:
    """A fraction as a percentage with the decimals it needs (at most ``decimals``): 0.015 -> '1,5 %'."""
    return formatting.percent(_value(fraction), int(decimals), trim=True)


@register.filter
def number(value, decimals=0) -> str:
    """'1.234.567', or with ``decimals`` fixed decimals: ``x|number:2`` -> '0,50'; '–' without a value."""
    return formatting.number(_value(value), int(decimals))


@register.filter
def dutch_date(value, precision="day") -> str:
    """'3 april 2012', 'april 2012', '2012' or 'datum onbekend', as precise as the source is (a month
    or year is never shown as its first day)."""
    return formatting.long_date(value, precision or "day", missing=formatting.UNKNOWN_DATE)


@register.filter
def fuzzy_date(obj, field="date") -> str:
    """A model's date with its own precision column: ``decision|fuzzy_date`` or
    ``gate|fuzzy_date:"planned_date"`` (precision in ``<field>_precision``; ``start_date`` uses ``start_precision``)."""
    if obj is None:
        return formatting.UNKNOWN_DATE
    precision_field = "start_precision" if field == "start_date" else f"{field}_precision"
    return formatting.long_date(getattr(obj, field, None), getattr(obj, precision_field, "day"), missing=formatting.UNKNOWN_DATE)


@register.filter
def short_date(value, precision="day") -> str:
    """'03-04-2012', '04-2012' or '2012' (the form in which dates are typed); '' without a date."""
    return formatting.short_date(value, precision or "day")
