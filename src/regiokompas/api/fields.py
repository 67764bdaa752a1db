"""Serializer fields of the API: Dutch snake_case enum values mapped to the register's internal
values (one table per enum, in api/enums.py), and dates with their precision."""

from __future__ import annotations

import datetime as dt
import re

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from regiokompas.register import constants as c


class MappedChoiceField(serializers.ChoiceField):
    """A choice between the API's values; stores and reads the internal value from ``mapping``.

    ``mapping`` is {api value: internal value}; an internal value without an API value is shown as is
    (it cannot occur with a complete table, which the tests check)."""

    def __init__(self, mapping: dict[str, str], **kwargs):
        self.mapping = dict(mapping)
        self.reverse = {str(internal): api for api, internal in self.mapping.items()}
        kwargs.setdefault("error_messages", {})
        kwargs["error_messages"].setdefault(
            "invalid_choice", f"'{{input}}' is geen geldige waarde. Kies uit: {', '.join(self.mapping)}."
        )
        super().__init__(choices=list(self.mapping), **kwargs)

    def to_internal_value(self, data):
        return self.mapping[super().to_internal_value(data)]

    def to_representation(self, value):
        if value in ("", None):
            return value
        return self.reverse.get(str(value), str(value))


DATE_PATTERN = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")

PRECISION_UNKNOWN = getattr(c.DatePrecision, "UNKNOWN", None)


def parse_partial_date(text: str) -> tuple[dt.date, str]:
    """'2024-03-15' (day), '2024-03' (month) or '2024' (year) as a date and its precision.
    A month or year is stored as its first day, with the precision saying that the day is not known."""
    match = DATE_PATTERN.match(text.strip()) if isinstance(text, str) else None
    if not match:
        raise serializers.ValidationError(
            f"'{text}' is geen datum. Schrijf JJJJ-MM-DD, JJJJ-MM of JJJJ (of null als de datum onbekend is).",
            code="invalid",
        )
    year, month, day = int(match["year"]), match["month"], match["day"]
    try:
        if day is not None:
            return dt.date(year, int(month), int(day)), c.DatePrecision.DAY
        if month is not None:
            return dt.date(year, int(month), 1), c.DatePrecision.MONTH
        return dt.date(year, 1, 1), c.DatePrecision.YEAR
    except ValueError:
        raise serializers.ValidationError(f"'{text}' is geen bestaande datum.", code="invalid") from None


def format_partial_date(value: dt.date | None, precision: str | None) -> str | None:
    if value is None or (PRECISION_UNKNOWN is not None and precision == PRECISION_UNKNOWN):
        return None
    if precision == c.DatePrecision.YEAR:
        return f"{value:%Y}"
    if precision == c.DatePrecision.MONTH:
        return f"{value:%Y-%m}"
    return value.isoformat()


@extend_schema_field({
    "type": "string",
    "nullable": True,
    "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
    "description": "Datum met haar nauwkeurigheid: JJJJ-MM-DD (dag), JJJJ-MM (maand), JJJJ (jaar) of null (onbekend).",
    "example": "2026-03",
})
class PartialDateField(serializers.Field):
    """A date as precise as it is known. Reads and writes two attributes: ``<name>`` and its precision.

    On input the value becomes {date_attr: date | None, precision_attr: precision}; the serializer
    passes both to the service."""

    def __init__(self, *, date_attr: str, precision_attr: str, **kwargs):
        self.date_attr = date_attr
        self.precision_attr = precision_attr
        kwargs.setdefault("allow_null", True)
        kwargs["source"] = "*"
        super().__init__(**kwargs)

    def to_representation(self, instance):
        return format_partial_date(getattr(instance, self.date_attr), getattr(instance, self.precision_attr))

    def validate_empty_values(self, data):
        if data is None and self.allow_null:
            return True, {self.date_attr: None, self.precision_attr: PRECISION_UNKNOWN or c.DatePrecision.DAY}
        return super().validate_empty_values(data)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            raise serializers.ValidationError("Een datum is een tekst: JJJJ-MM-DD, JJJJ-MM of JJJJ.", code="invalid")
        date, precision = parse_partial_date(data)
        return {self.date_attr: date, self.precision_attr: precision}


@extend_schema_field(OpenApiTypes.STR)
class StrictCharField(serializers.CharField):
    """A text field that refuses numbers and other non-text input instead of converting them."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            raise serializers.ValidationError("Verwacht een tekst.", code="invalid")
        return super().to_internal_value(data)
