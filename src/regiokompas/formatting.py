"""Dutch notation of numbers, money, percentages and dates: the one place that writes them.

Pages, template filters (``{% load dutch_format %}``), generated documents, charts, messages and
the command line all go through these functions, so a number reads the same everywhere.
(``regiokompas.dutch`` is the companion for words: enumerations and number agreement.)

Rules
-----
- Thousands separator ".", decimal comma ",": ``1.234.567,5``; grouping from 1.000 on.
- Rounding: half up (away from zero) on the number as it is written, i.e. on the shortest decimal
  form of a float: 0,125 -> 0,13; 2,5 -> 3; −2,5 -> −3; 2,675 -> 2,68. This is how a reader rounds
  by hand and how amounts are rounded in municipal budgets. Python's ``round()`` and ``format()``
  round half to even on the binary value (``round(2.5) == 2``, ``f"{2.675:.2f}" == "2.67"``),
  which reads as an error in a table; the rounding here uses :mod:`decimal` with ``ROUND_HALF_UP``.
- Negative numbers have a real minus sign "−" (U+2212), before the euro sign for money: "−€ 12".
  A value that rounds to zero has no sign: "0", "€ 0", never "−0". Only what a user edits again in
  a form (:func:`input_number`) has the hyphen-minus, so that it reads back.
- No value: ``None``, NaN and ±infinity are "–" (en dash), or the ``missing`` text the caller gives
  ("onbekend", "datum onbekend").
- Percentages: number, a space, "%": "12 %", "12,5 %" (the unit may be "procentpunt").
- Money: whole euros "€ 1.234.567", or millions with two decimals "€ 1,23 mln".
- Dates: long "3 maart 2015", short "03-03-2015", ISO "2015-03-03"; a date known to the month or
  year only is never shown as its first day: "maart 2015" / "03-2015" / "2015-03", "2015".

Why not Babel: its Dutch (CLDR ``nl``) conventions differ from the ones above in every place that
matters here: "12%" without a space, "€ -1.234,60" (hyphen after the euro sign, no-break spaces),
"€ 1,2 mln." with a full stop, "NaN" and "∞" for missing values, and half-to-even rounding
(``format_decimal(2.5, "#,##0")`` is "2"). Every call would need its own pattern and correction
afterwards; the standard library's :mod:`decimal` does the whole job in a few lines.

This module has no Django dependency: the engine and the command line use it too.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext

DASH = "–"
MINUS = "−"
UNKNOWN_DATE = "datum onbekend"
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december"]

# precision of a date (the values of register.constants.DatePrecision)
DAY, MONTH, YEAR, UNKNOWN = "day", "month", "year", "unknown"

_SWAP = str.maketrans({",": ".", ".": ","})


# --- numbers ------------------------------------------------------------------------------------


def to_decimal(value: object) -> Decimal | None:
    """The number as written (the shortest decimal form of a float), or None for no value, NaN and
    infinity. Accepts int, float, Decimal and numpy scalars."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, numbers.Integral):
        result = Decimal(int(value))
    elif isinstance(value, (numbers.Real, str)):
        try:
            number = float(value)
        except ValueError:
            return None
        if not math.isfinite(number):
            return None
        result = Decimal(repr(number))
    else:
        return None
    return result if result.is_finite() else None


def _context(value: Decimal, decimals: int) -> Context:
    # enough digits for any float (up to 10^308) with its decimals: quantize never overflows
    return Context(prec=max(28, value.adjusted() + decimals + 10), rounding=ROUND_HALF_UP)


def _round(value: Decimal, decimals: int) -> Decimal:
    with localcontext(_context(value, decimals)):
        return value.quantize(Decimal(1).scaleb(-decimals))


def _round_significant(value: Decimal, digits: int) -> Decimal:
    if not value:
        return Decimal(0)
    exponent = value.adjusted() - digits + 1
    with localcontext(_context(value, max(0, -exponent))):
        return value.quantize(Decimal(1).scaleb(exponent))


def _digits(value: Decimal, *, grouping: bool, trim: bool) -> str:
    """An unsigned Decimal in Dutch notation."""
    text = format(value.copy_abs(), ",f" if grouping else "f")  # copy_abs: exact, abs() would round to 28 digits
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.translate(_SWAP)


def _signed(value: Decimal, text: str, minus: str = MINUS, plus: str = "") -> str:
    # Decimal("-0.0") < 0 is False: a value shown as zero has no sign
    return (minus if value < 0 else plus if value > 0 else "") + text


def number(value: object, decimals: int = 0, *, trim: bool = False, significant: int | None = None, grouping: bool = True,
           signed: bool = False, missing: str = DASH) -> str:
    """A number the Dutch way: ``number(1234567.891, 2)`` -> '1.234.567,89'.

    ``decimals`` fixed decimals ('0,50'); with ``trim`` at most that many ('0,5', '2');
    ``significant`` rounds to that many significant digits instead (trailing zeros dropped:
    ``number(0.012345, significant=3)`` -> '0,0123'); ``grouping=False`` leaves out the thousands
    separator (for numbers that are not amounts, such as a year or a seed); ``signed`` puts "+"
    before a positive number (a difference: '+19', '−3', '0')."""
    exact = to_decimal(value)
    if exact is None:
        return missing
    if significant is not None:
        shown = _round_significant(exact, significant)
        trim = True
    else:
        shown = _round(exact, decimals)
    return _signed(shown, _digits(shown, grouping=grouping, trim=trim), plus="+" if signed else "")


def input_number(value: object, missing: str = "") -> str:
    """A number as a form shows it for editing: all its digits, decimal comma, no thousands
    separator, hyphen-minus (so it reads back as typed): 2.5 -> '2,5', -0.25 -> '-0,25'."""
    exact = to_decimal(value)
    if exact is None:
        return missing
    return _signed(exact, _digits(exact, grouping=False, trim=True), "-")


def percent(fraction: object, decimals: int = 0, *, trim: bool = False, significant: int | None = None, unit: str = " %",
            signed: bool = False, missing: str = DASH) -> str:
    """A fraction as a percentage: ``percent(0.125)`` -> '13 %', ``percent(0.125, 1)`` -> '12,5 %',
    ``percent(0.02, 2, trim=True)`` -> '2 %'. A difference: ``percent(0.19, unit=" procentpunt",
    signed=True)`` -> '+19 procentpunt'."""
    exact = to_decimal(fraction)
    if exact is None:
        return missing
    return number(exact.scaleb(2, _context(exact, 2)), decimals, trim=trim, significant=significant, signed=signed) + unit


def euro(value: object, *, millions: bool = False, decimals: int | None = None, missing: str = DASH) -> str:
    """Money: '€ 1.234.567', '−€ 12', '€ 0' (never '−€ 0'); with ``millions`` '€ 1,23 mln'
    (``decimals`` after the comma: 0 for whole euros, 2 for millions unless given)."""
    exact = to_decimal(value)
    if exact is None:
        return missing
    if millions:
        exact = exact.scaleb(-6, _context(exact, 6))
    shown = _round(exact, (2 if millions else 0) if decimals is None else decimals)
    return _signed(shown, "€ " + _digits(shown, grouping=True, trim=False)) + (" mln" if millions else "")


# --- dates --------------------------------------------------------------------------------------


def _day(value: dt.date | None) -> dt.date | None:
    if not value:
        return None
    return value.date() if isinstance(value, dt.datetime) else value


def long_date(value: dt.date | None, precision: str | None = DAY, *, missing: str = DASH) -> str:
    """'3 maart 2015', 'maart 2015' (month precision), '2015' (year) or ``missing`` (no date or
    unknown precision; the register says 'datum onbekend'). A datetime counts as its date."""
    day = _day(value)
    if day is None or precision == UNKNOWN:
        return missing
    if precision == YEAR:
        return str(day.year)
    if precision == MONTH:
        return f"{MONTHS[day.month - 1]} {day.year}"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(value: dt.date | None, precision: str | None = DAY, *, missing: str = "") -> str:
    """'03-03-2015', '03-2015', '2015' or ``missing``: the form in which dates are typed."""
    day = _day(value)
    if day is None or precision == UNKNOWN:
        return missing
    if precision == YEAR:
        return f"{day.year}"
    if precision == MONTH:
        return f"{day.month:02d}-{day.year}"
    return f"{day.day:02d}-{day.month:02d}-{day.year}"


def iso_date(value: dt.date | None, precision: str | None = DAY) -> str | None:
    """The API's form: 'JJJJ-MM-DD', 'JJJJ-MM', 'JJJJ' or None."""
    day = _day(value)
    if day is None or precision == UNKNOWN:
        return None
    if precision == YEAR:
        return f"{day.year:04d}"
    if precision == MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


__all__ = ["DASH", "MINUS", "MONTHS", "UNKNOWN_DATE", "euro", "input_number", "iso_date", "long_date", "number", "percent",
           "short_date", "to_decimal"]
