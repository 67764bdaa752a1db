"""Serializers of the API: Dutch camelCase field names over the register's English models.

Input serializers only check the form of the input (types, known values, existing references);
every rule of the register is checked by the service function that the view calls."""

from __future__ import annotations

import datetime as dt

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from regiokompas.api import enums
from regiokompas.api.fields import MappedChoiceField, PartialDateField, StrictCharField
from regiokompas.register.models import (
    Condition,
    Decision,
    Document,
    Gate,
    JointArrangement,
    Municipality,
    Trajectory,
)


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


# --- besluitmomenten -----------------------------------------------------------------------------


class Besluitmoment(serializers.ModelSerializer):
    traject = serializers.SlugRelatedField(source="trajectory", slug_field="slug", read_only=True)
    volgnummer = serializers.IntegerField(source="ordinal")
    titel = serializers.CharField(source="title")
    omschrijving = serializers.CharField(source="description")
    soort = MappedChoiceField(enums.GATE_KIND, source="kind",
                              help_text="besluit, of informatie: een forum of informatieavond waar niets wordt besloten.")
    organen = serializers.ListField(source="bodies", child=MappedChoiceField(enums.ORGAN),
                                    help_text="De organen die besluiten (of worden geïnformeerd), in volgorde.")
    orgaanDatTelt = serializers.SerializerMethodField(
        help_text="Het orgaan waarvan het besluit telt voor de voortgangsregel (standaard het laatste); null bij een informatiemoment.")
    regeling = serializers.PrimaryKeyRelatedField(source="body_arrangement", read_only=True, allow_null=True,
                                                  help_text="Bij een algemeen of dagelijks bestuur: de regeling (id).")
    organisatie = serializers.PrimaryKeyRelatedField(source="body_organisation", read_only=True, allow_null=True,
                                                     help_text="Bij een portefeuillehoudersoverleg: de organisatie (id).")
    voortgangsregel = MappedChoiceField(enums.CONTINUATION_RULE, source="continuation_rule")
    minimumDeelnemers = serializers.IntegerField(source="minimum_participants",
                                                 help_text="Voor 'wie_instemt_gaat_door': het minimale aantal gemeenten.")
    gepland = PartialDateField(date_attr="planned_date", precision_attr="planned_date_precision", read_only=True)
    uitersteDatum = serializers.DateField(source="deadline", allow_null=True)

    class Meta:
        model = Gate
        fields = ["id", "traject", "volgnummer", "titel", "omschrijving", "soort", "organen", "orgaanDatTelt", "regeling",
                  "organisatie", "voortgangsregel", "minimumDeelnemers", "gepland", "uitersteDatum"]
        read_only_fields = fields

    @extend_schema_field(MappedChoiceField(enums.ORGAN, allow_null=True))
    def get_orgaanDatTelt(self, obj) -> str | None:
        if obj.kind == enums.GATE_KIND["informatie"]:
            return None
        return MappedChoiceField(enums.ORGAN).to_representation(obj.counting_body_kind)


class OrganisationField(serializers.PrimaryKeyRelatedField):
    default_error_messages = {
        "does_not_exist": "Organisatie {pk_value} bestaat niet.",
        "incorrect_type": "Geef het id van de organisatie als geheel getal.",
    }

    def __init__(self, **kwargs):
        from regiokompas.register.models import Organisation

        kwargs.setdefault("queryset", Organisation.objects.all())
        super().__init__(**kwargs)


class ArrangementField(serializers.PrimaryKeyRelatedField):
    default_error_messages = {
        "does_not_exist": "Regeling {pk_value} bestaat niet.",
        "incorrect_type": "Geef het id van de regeling als geheel getal.",
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", JointArrangement.objects.all())
        super().__init__(**kwargs)


class BesluitmomentAanmaken(Strict):
    volgnummer = serializers.IntegerField(min_value=1)
    titel = StrictCharField(max_length=300)
    omschrijving = StrictCharField(required=False, allow_blank=True, default="")
    soort = MappedChoiceField(enums.GATE_KIND, default=enums.GATE_KIND["besluit"])
    organen = serializers.ListField(child=MappedChoiceField(enums.ORGAN), required=False, min_length=1,
                                    help_text='De organen die besluiten, in volgorde; standaard ["college"].')
    orgaanDatTelt = MappedChoiceField(enums.ORGAN, required=False, help_text="Standaard het laatste orgaan van 'organen'.")
    regeling = ArrangementField(required=False, allow_null=True, help_text="Bij een algemeen of dagelijks bestuur: de regeling (id).")
    organisatie = OrganisationField(required=False, allow_null=True,
                                    help_text="Bij een portefeuillehoudersoverleg (of ander bestuur): van welke organisatie.")
    voortgangsregel = MappedChoiceField(enums.CONTINUATION_RULE, default=enums.CONTINUATION_RULE["unaniem"])
    minimumDeelnemers = serializers.IntegerField(min_value=1, required=False)
    gepland = PartialDateField(date_attr="planned_date", precision_attr="planned_date_precision", required=False)
    uitersteDatum = serializers.DateField(required=False, allow_null=True, error_messages={"invalid": "Geen datum; schrijf JJJJ-MM-DD."})


# --- besluiten en voorwaarden --------------------------------------------------------------------


class VoorwaardeKort(serializers.ModelSerializer):
    omschrijving = serializers.CharField(source="text")
    status = MappedChoiceField(enums.CONDITION_STATUS)

    class Meta:
        model = Condition
        fields = ["id", "omschrijving", "status"]
        read_only_fields = fields


class Voorwaarde(VoorwaardeKort):
    besluit = serializers.PrimaryKeyRelatedField(source="decision", read_only=True)
    soort = MappedChoiceField(enums.CONDITION_CATEGORY, source="category")
    vervuldDoor = serializers.PrimaryKeyRelatedField(source="fulfilled_by", read_only=True, allow_null=True,
                                                     help_text="Het document (id) waarmee de voorwaarde is vervuld.")
    toelichting = serializers.CharField(source="status_note")
    statusDatum = serializers.DateField(source="status_date", allow_null=True)

    class Meta:
        model = Condition
        fields = ["id", "besluit", "omschrijving", "soort", "status", "vervuldDoor", "toelichting", "statusDatum"]
        read_only_fields = fields


class Besluit(serializers.ModelSerializer):
    besluitmoment = serializers.PrimaryKeyRelatedField(source="gate", read_only=True)
    gemeente = MunicipalityCodeField(source="municipality", read_only=True)
    orgaan = serializers.SerializerMethodField()
    uitkomst = MappedChoiceField(enums.OUTCOME, source="outcome")
    datum = PartialDateField(date_attr="date", precision_attr="date_precision", read_only=True)
    motivering = serializers.CharField(source="motivation")
    treedtUit = serializers.BooleanField(source="withdraws")
    zaaknummer = serializers.CharField()
    voorwaarden = VoorwaardeKort(source="conditions", many=True, read_only=True)
    geldend = serializers.BooleanField(source="is_current", help_text="false: vervangen door een later besluit.")
    vervangt = serializers.PrimaryKeyRelatedField(source="supersedes", read_only=True, allow_null=True)
    vervangenDoor = serializers.SerializerMethodField()
    soortVervanging = MappedChoiceField(enums.SUPERSEDE_KIND, source="supersede_kind", allow_null=True)
    reden = serializers.CharField(source="correction_reason", help_text="Waarom dit besluit een eerder besluit vervangt.")
    vastgelegdDoor = serializers.CharField(source="recorded_by")
    vastgelegdOp = serializers.DateTimeField(source="created")

    class Meta:
        model = Decision
        fields = ["id", "besluitmoment", "gemeente", "orgaan", "uitkomst", "datum", "motivering", "treedtUit", "zaaknummer",
                  "voorwaarden", "geldend", "vervangt", "vervangenDoor", "soortVervanging", "reden", "vastgelegdDoor",
                  "vastgelegdOp"]
        read_only_fields = fields

    @extend_schema_field(MappedChoiceField(enums.ORGAN))
    def get_orgaan(self, obj) -> str:  # the body's kind: college, raad, algemeen_bestuur, ...
        return MappedChoiceField(enums.ORGAN).to_representation(obj.governing_body.kind)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_vervangenDoor(self, obj) -> int | None:
        try:
            return obj.superseded_by.pk
        except Decision.DoesNotExist:
            return None


class VoorwaardeInvoer(Strict):
    omschrijving = StrictCharField(max_length=5000)
    soort = MappedChoiceField(enums.CONDITION_CATEGORY, required=False,
                              help_text="Standaard 'analyse'; bij een correctie die van de voorwaarde die zij voortzet.")


class GateField(serializers.PrimaryKeyRelatedField):
    default_error_messages = {
        "does_not_exist": "Besluitmoment {pk_value} bestaat niet.",
        "incorrect_type": "Geef het id van het besluitmoment als geheel getal.",
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Gate.objects.select_related("trajectory"))
        super().__init__(**kwargs)


class BesluitInvoer(Strict):
    """The body of a decision, shared by recording and superseding."""

    besluitmoment = GateField()
    gemeente = MunicipalityCodeField()
    orgaan = MappedChoiceField(enums.ORGAN, required=False,
                               help_text="Standaard het orgaan waarvan het besluit telt (orgaanDatTelt van het besluitmoment).")
    uitkomst = MappedChoiceField(enums.OUTCOME)
    datum = PartialDateField(date_attr="date", precision_attr="date_precision", required=False)
    motivering = StrictCharField(required=False, allow_blank=True, default="")
    treedtUit = serializers.BooleanField(required=False, default=False, help_text="Alleen bij 'niet_ingestemd': de gemeente treedt uit.")
    zaaknummer = StrictCharField(max_length=60, required=False, allow_blank=True, default="")
    voorwaarden = VoorwaardeInvoer(many=True, required=False)


class BesluitVervangen(BesluitInvoer):
    """A decision body that supersedes an earlier decision of the same body."""

    besluitmoment = GateField(required=False, help_text="Standaard het besluitmoment van het eerdere besluit.")
    gemeente = MunicipalityCodeField(required=False, help_text="Standaard de gemeente van het eerdere besluit.")
    reden = StrictCharField(help_text="Waarom het besluit wordt vervangen (verplicht).")
    soort = MappedChoiceField(enums.SUPERSEDE_KIND, default=enums.SUPERSEDE_KIND["correctie"])
    voorwaarden = VoorwaardeInvoer(many=True, required=False,
                                   help_text="Weglaten: de voorwaarden van het eerdere besluit gaan mee, met hun status, soort, "
                                             "vervullend document en toelichting. Opgeven: een voorwaarde met dezelfde tekst als "
                                             "een eerdere zet die voort (met haar status).")


class VoorwaardeWijzigen(Strict):
    status = MappedChoiceField(enums.CONDITION_STATUS)
    vervuldDoor = serializers.IntegerField(required=False, allow_null=True,
                                           help_text="Id van het document waarmee de voorwaarde is vervuld.")
    toelichting = StrictCharField(required=False, allow_blank=True, default="")


# --- besluitmatrix -------------------------------------------------------------------------------


class MatrixGemeente(serializers.Serializer):
    code = serializers.CharField()
    naam = serializers.CharField()


class MatrixBesluitmoment(serializers.Serializer):
    id = serializers.IntegerField()
    volgnummer = serializers.IntegerField()
    titel = serializers.CharField()
    soort = MappedChoiceField(enums.GATE_KIND)
    organen = serializers.ListField(child=MappedChoiceField(enums.ORGAN))
    status = MappedChoiceField(enums.GATE_STATUS, help_text="De uitkomst van het moment onder zijn voortgangsregel.")
    toelichting = serializers.CharField()


class MatrixCel(serializers.Serializer):
    gemeente = serializers.CharField()
    besluitmoment = serializers.IntegerField()
    orgaan = MappedChoiceField(enums.ORGAN)
    uitkomst = MappedChoiceField(enums.OUTCOME)
    datum = serializers.CharField(allow_null=True, help_text="JJJJ-MM-DD, JJJJ-MM, JJJJ of null.")
    besluit = serializers.IntegerField(help_text="Id van het geldende besluit.")


class MatrixDeelname(serializers.Serializer):
    gemeente = serializers.CharField()
    besluitmoment = serializers.IntegerField()
    status = MappedChoiceField(enums.PARTICIPATION_STATUS, help_text="De deelname van de gemeente bij dit besluitmoment, "
                                                                     "afgeleid uit de besluiten van het orgaan dat telt.")


class Besluitmatrix(serializers.Serializer):
    traject = serializers.CharField()
    gemeenten = MatrixGemeente(many=True)
    besluitmomenten = MatrixBesluitmoment(many=True)
    cellen = MatrixCel(many=True, help_text="Per gemeente, besluitmoment en orgaan het geldende besluit.")
    deelname = MatrixDeelname(many=True)


# --- regelingen ----------------------------------------------------------------------------------


class Opvolging(serializers.Serializer):
    regeling = serializers.IntegerField(source="predecessor_id", help_text="Id van de voorganger.")
    soort = MappedChoiceField(enums.SUCCESSION_KIND, source="kind")
    datum = PartialDateField(date_attr="date", precision_attr="date_precision", read_only=True)


class Regeling(serializers.ModelSerializer):
    naam = serializers.CharField(source="name")
    rechtsvorm = MappedChoiceField(enums.LEGAL_FORM, source="legal_form")
    soortRegeling = MappedChoiceField(enums.ARRANGEMENT_TYPE, source="arrangement_type", allow_null=True,
                                      help_text="Alleen bij een Wgr-regeling: collegeregeling, raadsregeling of gemengde_regeling.")
    deelnemers = serializers.SerializerMethodField(help_text="CBS-codes van de gemeenten die nu deelnemen.")
    centrumgemeente = MunicipalityCodeField(source="centre_municipality", read_only=True, allow_null=True)
    voorganger = serializers.SerializerMethodField(
        help_text="Id van de regeling die deze voortzet (gewijzigd of hernoemd); bij een fusie de eerste voorganger.")
    voorgangers = serializers.SerializerMethodField(help_text="Alle regelingen die deze opvolgt, met de soort opvolging.")
    geldigVanaf = PartialDateField(date_attr="valid_from", precision_attr="valid_from_precision", read_only=True)
    geldigTot = PartialDateField(date_attr="valid_to", precision_attr="valid_to_precision", read_only=True)
    publicatie = serializers.CharField(source="publication")

    class Meta:
        model = JointArrangement
        fields = ["id", "naam", "rechtsvorm", "soortRegeling", "deelnemers", "centrumgemeente", "voorganger", "voorgangers",
                  "geldigVanaf", "geldigTot", "publicatie"]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_deelnemers(self, obj) -> list[str]:
        return sorted({p.municipality.cbs_code for p in obj.participations.all() if p.left is None})

    def _links(self, obj):
        return sorted(obj.predecessor_links.all(), key=lambda link: (link.date or dt.date.min, link.pk))

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_voorganger(self, obj) -> int | None:
        links = self._links(obj)
        return links[0].predecessor_id if links else None

    @extend_schema_field(Opvolging(many=True))
    def get_voorgangers(self, obj) -> list[dict]:
        return Opvolging(self._links(obj), many=True).data


class RegelingAanmaken(Strict):
    naam = StrictCharField(max_length=200)
    rechtsvorm = MappedChoiceField(enums.LEGAL_FORM)
    soortRegeling = MappedChoiceField(enums.ARRANGEMENT_TYPE, required=False,
                                      help_text="Alleen bij een Wgr-regeling.")
    deelnemers = serializers.ListField(child=MunicipalityCodeField(), min_length=1,
                                       help_text="CBS-codes van de deelnemende gemeenten.")
    voorganger = ArrangementField(required=False, allow_null=True,
                                  help_text="Id van de regeling die deze opvolgt; null: geen.")
    soortOpvolging = MappedChoiceField(enums.SUCCESSION_KIND, default=enums.SUCCESSION_KIND["gewijzigd"],
                                       help_text="Bij een voorganger: gewijzigd (standaard), hernoemd of fusie.")
    centrumgemeente = MunicipalityCodeField(required=False, allow_null=True)
    geldigVanaf = PartialDateField(date_attr="valid_from", precision_attr="valid_from_precision", required=False,
                                   help_text="In werking vanaf; bij een voorganger ook de datum van de opvolging.")
    publicatie = StrictCharField(max_length=300, required=False, allow_blank=True, default="")

    def validate_deelnemers(self, value):
        return unique_list(value, "Gemeente")


# --- documenten ----------------------------------------------------------------------------------


class DocumentGegevens(serializers.ModelSerializer):
    """A document's registration (no text or file): what a decision or a fulfilled condition refers to."""

    traject = serializers.SlugRelatedField(source="trajectory", slug_field="slug", read_only=True)
    soort = MappedChoiceField(enums.DOCUMENT_KIND, source="kind")
    titel = serializers.CharField(source="title")
    status = MappedChoiceField(enums.DOCUMENT_STATUS)
    datum = PartialDateField(date_attr="date", precision_attr="date_precision", read_only=True)
    afzender = MunicipalityCodeField(source="issuer_municipality", read_only=True, allow_null=True,
                                     help_text="CBS-code van de gemeente die het stuk uitbrengt.")
    vertrouwelijk = serializers.BooleanField(source="confidential")
    bron = serializers.CharField(source="source")

    class Meta:
        model = Document
        fields = ["id", "traject", "soort", "titel", "status", "datum", "afzender", "vertrouwelijk", "bron"]
        read_only_fields = fields


class DocumentAanmaken(Strict):
    soort = MappedChoiceField(enums.DOCUMENT_KIND)
    titel = StrictCharField(max_length=300)
    datum = PartialDateField(date_attr="date", precision_attr="date_precision", required=False)
    afzender = MunicipalityCodeField(required=False, allow_null=True)
    vertrouwelijk = serializers.BooleanField(required=False, default=False)
    bron = StrictCharField(max_length=500, required=False, allow_blank=True, default="",
                           help_text="Waar het stuk staat: zaaknummer, webadres of vindplaats.")



# --- gebruikers ----------------------------------------------------------------------------------


class TrajectorySlugField(serializers.SlugRelatedField):
    default_error_messages = {
        "does_not_exist": "Traject '{value}' bestaat niet.",
        "invalid": "Geef de korte naam (slug) van het traject als tekst.",
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("slug_field", "slug")
        if not kwargs.get("read_only"):
            kwargs.setdefault("queryset", Trajectory.objects.all())
        super().__init__(**kwargs)


class Gebruiker(serializers.Serializer):
    gebruikersnaam = serializers.CharField(source="username")
    rol = serializers.SerializerMethodField()
    gemeente = serializers.SerializerMethodField(help_text="CBS-code van de gemeente van de gebruiker, of null.")
    organisatie = serializers.SerializerMethodField(help_text="Id van de organisatie van de gebruiker, of null.")
    trajecten = serializers.SerializerMethodField(help_text="De trajecten waaraan de gebruiker deelneemt (slugs).")
    actief = serializers.BooleanField(source="is_active")

    def _profile(self, user):
        from regiokompas.accounts.models import Profile

        try:
            return user.profile
        except Profile.DoesNotExist:
            return None

    @extend_schema_field(MappedChoiceField(enums.ROLE, allow_null=True))
    def get_rol(self, user) -> str | None:
        p = self._profile(user)
        return MappedChoiceField(enums.ROLE).to_representation(p.role) if p else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_gemeente(self, user) -> str | None:
        p = self._profile(user)
        return p.municipality.cbs_code if p and p.municipality_id else None

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_organisatie(self, user) -> int | None:
        p = self._profile(user)
        return p.organisation_id if p else None

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_trajecten(self, user) -> list[str]:
        p = self._profile(user)
        return sorted(t.slug for t in p.trajectories.all()) if p else []


class GebruikerAanmaken(Strict):
    gebruikersnaam = StrictCharField(max_length=150)
    rol = MappedChoiceField(enums.ROLE)
    gemeente = MunicipalityCodeField(required=False, allow_null=True, help_text="CBS-code, of null.")
    organisatie = OrganisationField(required=False, allow_null=True, help_text="Id van de organisatie (bijv. een ondernemingsraad).")
    trajecten = serializers.ListField(child=TrajectorySlugField(), required=False, default=list,
                                      help_text="Slugs van de trajecten waaraan de gebruiker deelneemt.")
    voornaam = StrictCharField(max_length=150, required=False, allow_blank=True, default="")
    achternaam = StrictCharField(max_length=150, required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True, error_messages={"invalid": "Geen geldig e-mailadres."})

    def validate_trajecten(self, value):
        return unique_list(value, "Traject")
