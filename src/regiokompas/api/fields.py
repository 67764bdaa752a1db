"""Serializer fields of the API: Dutch snake_case enum values mapped to the register's internal
values (one table per enum, in api/enums.py), and dates with their precision."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from regiokompas import formatting
from regiokompas.register import constants as c
from regiokompas.register.dates import DateInputError, FuzzyDate


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
            return None  # not set (an empty choice in the register)
        return self.reverse.get(str(value), str(value))


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
        return formatting.iso_date(getattr(instance, self.date_attr), getattr(instance, self.precision_attr))

    def validate_empty_values(self, data):
        if data is None and self.allow_null:
            return True, {self.date_attr: None, self.precision_attr: c.DatePrecision.UNKNOWN}
        return super().validate_empty_values(data)

    def to_internal_value(self, data):
        if not isinstance(data, str) or not data.strip():
            raise serializers.ValidationError(
                "Een datum is een tekst: JJJJ-MM-DD, JJJJ-MM of JJJJ (of null als de datum onbekend is).", code="invalid")
        try:
            fuzzy = FuzzyDate.parse_iso(data)
        except DateInputError as exc:
            raise serializers.ValidationError(str(exc), code="invalid") from None
        return {self.date_attr: fuzzy.value, self.precision_attr: fuzzy.precision}


@extend_schema_field(OpenApiTypes.STR)
class StrictCharField(serializers.CharField):
    """A text field that refuses numbers and other non-text input instead of converting them."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            raise serializers.ValidationError("Verwacht een tekst.", code="invalid")
        return super().to_internal_value(data)
