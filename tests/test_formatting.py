"""Dutch notation (regiokompas.formatting) and its template filters: one rule for every number,
amount, percentage and date."""

import datetime as dt
import math
from decimal import Decimal

import numpy as np
import pytest
from django.template import Context, Template

from regiokompas import formatting as f


@pytest.mark.parametrize("value, decimals, expected", [
    (0, 0, "0"), (1234567, 0, "1.234.567"), (1234567.891, 2, "1.234.567,89"), (999.5, 0, "1.000"),
    (0.5, 0, "1"), (1.5, 0, "2"), (2.5, 0, "3"), (-0.5, 0, "−1"), (-2.5, 0, "−3"),  # half up, away from zero
    (0.125, 2, "0,13"), (2.675, 2, "2,68"), (1.005, 2, "1,01"),  # as written, not the binary value
    (0.5, 2, "0,50"), (-1234.5, 1, "−1.234,5"),
    (-0.4, 0, "0"), (-0.004, 2, "0,00"),  # no "−0"
])
def test_numbers_round_half_up_with_dutch_separators(value, decimals, expected):
    assert f.number(value, decimals) == expected


def test_python_itself_would_round_otherwise():
    """The reason for the decimal module: round() and format() round half to even on the binary value."""
    assert round(2.5) == 2 and f"{2.675:.2f}" == "2.67"
    assert f.number(2.5) == "3" and f.number(2.675, 2) == "2,68"


@pytest.mark.parametrize("missing", [None, math.nan, math.inf, -math.inf, float("nan"), Decimal("NaN"), np.nan, "", "abc"])
def test_no_value_is_a_dash(missing):
    assert f.number(missing) == "–"
    assert f.percent(missing) == "–"
    assert f.euro(missing) == "–"
    assert f.euro(missing, missing="onbekend") == "onbekend"
    assert f.input_number(missing) == ""


def test_huge_and_tiny_numbers():
    assert f.number(1e20) == "100.000.000.000.000.000.000"
    assert f.number(1.7976931348623157e308).startswith("179.769.313.486.231.570.000")
    assert f.number(10**30, 2) == "1.000.000.000.000.000.000.000.000.000.000,00"
    assert f.euro(1e15, millions=True) == "€ 1.000.000.000,00 mln"
    assert f.number(1e-12, 2) == "0,00"
    assert f.number(1e-12, significant=3) == "0,000000000001"


def test_trim_and_significant_digits():
    assert f.number(1.5, 2, trim=True) == "1,5" and f.number(2.0, 2, trim=True) == "2" and f.number(1234.0, 2, trim=True) == "1.234"
    assert f.number(0.012345, significant=3) == "0,0123"
    assert f.number(1234567.0, significant=6) == "1.234.570"
    assert f.number(2.5, significant=6) == "2,5" and f.number(-0.25, significant=4) == "−0,25"
    assert f.number(0, significant=4) == "0"
    assert f.number(2024, grouping=False) == "2024"


def test_signed_differences():
    assert f.number(19, signed=True) == "+19" and f.number(-3, signed=True) == "−3" and f.number(0.2, signed=True) == "0"
    assert f.percent(0.19, unit=" procentpunt", signed=True) == "+19 procentpunt"


def test_numpy_and_decimal_values():
    assert f.number(np.float64(1234.5), 1) == "1.234,5" and f.number(np.int64(12345)) == "12.345"
    assert f.number(Decimal("2.5")) == "3" and f.number(True) == "–"


def test_input_number_reads_back():
    assert f.input_number(2.5) == "2,5" and f.input_number(-0.25) == "-0,25"
    assert f.input_number(1234567.0) == "1234567" and f.input_number(1e-05) == "0,00001"
    assert f.input_number(0.1 + 0.2) == "0,30000000000000004"  # every digit: saving the form changes nothing


@pytest.mark.parametrize("fraction, decimals, trim, expected", [
    (0.12, 0, False, "12 %"), (0.125, 0, False, "13 %"), (0.125, 1, False, "12,5 %"), (0.015, 2, True, "1,5 %"),
    (0.02, 2, True, "2 %"), (-0.015, 2, True, "−1,5 %"), (-0.00001, 2, True, "0 %"), (1, 0, False, "100 %"),
    (12.345, 0, False, "1.235 %"),
])
def test_percentages_have_a_space_before_the_sign(fraction, decimals, trim, expected):
    assert f.percent(fraction, decimals, trim=trim) == expected


def test_percentage_points():
    assert f.percent(-0.12, 1, unit=" %-punt") == "−12,0 %-punt"
    assert f.percent(0.12, 1, unit=" procentpunt") == "12,0 procentpunt"


@pytest.mark.parametrize("value, millions, expected", [
    (1234567, False, "€ 1.234.567"), (-1234.6, False, "−€ 1.235"), (-0.4, False, "€ 0"), (0.5, False, "€ 1"),
    (2.5, False, "€ 3"), (-2.5, False, "−€ 3"), (1234567, True, "€ 1,23 mln"), (-4000, True, "€ 0,00 mln"),
    (-1_235_000, True, "−€ 1,24 mln"), (1_225_000, True, "€ 1,23 mln"),
])
def test_money(value, millions, expected):
    assert f.euro(value, millions=millions) == expected


def test_money_with_chosen_decimals():
    assert f.euro(1234567, millions=True, decimals=1) == "€ 1,2 mln"
    assert f.euro(12.345, decimals=2) == "€ 12,35"


@pytest.mark.parametrize("precision, long, short, iso", [
    ("day", "3 maart 2015", "03-03-2015", "2015-03-03"),
    ("month", "maart 2015", "03-2015", "2015-03"),
    ("year", "2015", "2015", "2015"),
    ("unknown", "–", "", None),
])
def test_dates_as_precise_as_known(precision, long, short, iso):
    day = dt.date(2015, 3, 3)
    assert f.long_date(day, precision) == long
    assert f.short_date(day, precision) == short
    assert f.iso_date(day, precision) == iso


def test_dates_without_a_value():
    assert f.long_date(None) == "–" and f.long_date(None, missing=f.UNKNOWN_DATE) == "datum onbekend"
    assert f.short_date(None) == "" and f.iso_date(None) is None
    assert f.long_date(dt.datetime(2012, 4, 3, 23, 59)) == "3 april 2012"
    assert f.long_date(dt.date(2012, 12, 31)) == "31 december 2012"


def test_template_filters_use_the_same_rules():
    template = Template(
        "{% load dutch_format %}{{ a|euro }}|{{ b|euro_mln }}|{{ c|percent }}|{{ c|percent:0 }}|{{ d|number }}|{{ d|number:2 }}|"
        "{{ day|dutch_date }}|{{ day|dutch_date:'month' }}|{{ day|short_date }}|{{ none|euro }}|{{ none|dutch_date }}|{{ empty|percent }}"
    )
    out = template.render(Context({"a": -1234.6, "b": 1234567, "c": 0.015, "d": 1234.5, "day": dt.date(2015, 3, 3),
                                   "none": None, "empty": ""}))
    assert out.split("|") == ["−€ 1.235", "€ 1,23 mln", "1,5 %", "2 %", "1.235", "1.234,50", "3 maart 2015", "maart 2015",
                              "03-03-2015", "–", "datum onbekend", "–"]


def test_fuzzy_date_filter_reads_the_precision_column():
    class Gate:
        planned_date = dt.date(2026, 3, 1)
        planned_date_precision = "month"
        date = None

    template = Template("{% load dutch_format %}{{ g|fuzzy_date:'planned_date' }}|{{ g|fuzzy_date }}")
    assert template.render(Context({"g": Gate()})) == "maart 2026|datum onbekend"
