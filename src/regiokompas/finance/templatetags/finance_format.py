"""Money and percentages on the finance pages, formatted exactly as in the tables, the report and
the command line (one formatter: finance.charts.euro and finance.presentation.percent)."""

from __future__ import annotations

from django import template

from regiokompas.finance.charts import euro as _euro
from regiokompas.finance.presentation import percent as _percent

register = template.Library()


@register.filter
def euro(value) -> str:
    """'€ 1.234.567', '−€ 12', '€ 0' (never '−€ 0'); '–' without a value."""
    return _euro(None if value in (None, "") else float(value))


@register.filter
def percent(fraction) -> str:
    """A fraction as a Dutch percentage with the decimals it needs: 0.015 -> '1,5 %'."""
    return _percent(None if fraction in (None, "") else float(fraction))
