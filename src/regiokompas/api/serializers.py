"""Serializers of the API: Dutch camelCase field names over the register's English models.

Input serializers only check the form of the input (types, known values, existing references);
every rule of the register is checked by the service function that the view calls."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from regiokompas.api import enums
from regiokompas.api.fields import MappedChoiceField, PartialDateField, StrictCharField
from regiokompas.register.models import Municipality, Trajectory


class Strict(serializers.Serializer):
    """Refuses fields it does not know (a typing error in a script should not pass silently)."""

    def to_internal_value(self, data):
        errors = {}
        if isinstance(data, dict):
            for name in data:
                if name not in self.fields:
                    errors[name] = [serializers.ErrorDetail(
                        f"Onbekend veld. Bekende velden: {', '.join(n for n, f in self.fields.items() if not f.read_only)}.",
                        code="unknown_field",
                    )]
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as exc:
            if isinstance(exc.detail, dict):
                errors.update(exc.detail)
            else:
                raise
        if errors:
            raise serializers.ValidationError(errors)
        return value


class MunicipalityCodeField(serializers.SlugRelatedField):
    """A municipality by its CBS code (GM0363)."""

    default_error_messages = {
        "does_not_exist": "Gemeente met CBS-code '{value}' bestaat niet.",
        "invalid": "Geef een CBS-code als tekst, bijvoorbeeld 'GM0363'.",
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("slug_field", "cbs_code")
        if not kwargs.get("read_only"):
            kwargs.setdefault("queryset", Municipality.objects.all())
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data.strip().upper())


def unique_list(values, what: str):
    seen = set()
    for value in values:
        if value.pk in seen:
            raise serializers.ValidationError(f"{what} '{value}' staat meer dan eens in de lijst.", code="duplicate")
        seen.add(value.pk)
    return values


# --- gemeenten -----------------------------------------------------------------------------------


class Gemeente(serializers.ModelSerializer):
    code = serializers.CharField(source="cbs_code", help_text="CBS-code, bijvoorbeeld GM0363.")
    naam = serializers.CharField(source="name")
    geldigVanaf = serializers.DateField(source="valid_from", allow_null=True, help_text="Eerste dag van de gemeente; null: onbekend of van vóór de CBS-lijst.")
    geldigTot = serializers.DateField(source="valid_to", allow_null=True, help_text="Laatste dag (tot en met); null: bestaat nog.")
    opvolger = MunicipalityCodeField(source="successor", read_only=True, allow_null=True,
                                     help_text="CBS-code van de gemeente waarin deze is opgegaan.")

    class Meta:
        model = Municipality
        fields = ["code", "naam", "geldigVanaf", "geldigTot", "opvolger"]
        read_only_fields = fields


# --- trajecten -----------------------------------------------------------------------------------


class Traject(serializers.ModelSerializer):
    naam = serializers.CharField(source="name")
    domein = serializers.CharField(source="domain")
    doel = serializers.CharField(source="aim")
    status = MappedChoiceField(enums.TRAJECTORY_STATUS)
    start = PartialDateField(date_attr="start_date", precision_attr="start_precision", read_only=True)
    deelnemers = serializers.SerializerMethodField(help_text="CBS-codes van de deelnemende gemeenten.")

    class Meta:
        model = Trajectory
        fields = ["slug", "naam", "domein", "doel", "status", "start", "deelnemers"]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_deelnemers(self, obj) -> list[str]:
        return [p.municipality.cbs_code for p in obj.participants.all()]


class TrajectAanmaken(Strict):
    slug = serializers.SlugField(max_length=100, help_text="Korte naam in het adres, bijvoorbeeld 'wsw-regio-west-2026'.")
    naam = StrictCharField(max_length=300)
    domein = StrictCharField(max_length=200, required=False, allow_blank=True, default="")
    doel = StrictCharField(required=False, allow_blank=True, default="")
    start = PartialDateField(date_attr="start_date", precision_attr="start_precision", required=False)
    deelnemers = serializers.ListField(child=MunicipalityCodeField(), required=False, default=list,
                                       help_text="CBS-codes van de deelnemende gemeenten.")

    def validate_deelnemers(self, value):
        return unique_list(value, "Gemeente")
