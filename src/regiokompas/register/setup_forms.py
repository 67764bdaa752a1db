"""Forms for setting up a trajectory on Regiokompas's own pages: the trajectory, its gates,
organisations and joint arrangements. They only parse and check input (Dutch messages); the
services in ``register.setup_services`` and ``register.services`` do the writing."""

from __future__ import annotations

from django import forms
from django.db.models import Q

from regiokompas.register import constants as c
from regiokompas.register.dates import FuzzyDate
from regiokompas.register.forms import ConditionStatusForm, FuzzyDateField
from regiokompas.register.models import (
    GoverningBody,
    JointArrangement,
    Law,
    Municipality,
    Organisation,
    Region,
)

REQUIRED = "Vul dit veld in."


def _required_messages(form: forms.Form) -> None:
    """'Vul dit veld in.' where a field has no message of its own."""
    default = str(forms.Field.default_error_messages["required"])
    for f in form.fields.values():
        if str(f.error_messages.get("required")) == default:
            f.error_messages["required"] = REQUIRED


class SetupForm(forms.Form):
    """Dutch 'required' messages on every field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _required_messages(self)


# --- municipalities: all of them, current ones first, searchable without JavaScript -----------------


def municipality_label(m: Municipality) -> str:
    parts = [m.name]
    province = getattr(m, "province", "")
    if province:
        parts.append(f"({province})")
    if m.valid_to:
        parts.append(f"– opgeheven per {m.valid_to:%d-%m-%Y}")
    return " ".join(parts)


class MunicipalityChoiceField(forms.ModelMultipleChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Municipality.objects.all())
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        kwargs.setdefault("to_field_name", "cbs_code")
        kwargs.setdefault("error_messages", {
            "invalid_choice": "Onbekende gemeente: %(value)s.",
            "invalid_pk_value": "Onbekende gemeente: %(pk)s.",
        })
        super().__init__(**kwargs)

    def label_from_instance(self, obj):
        return municipality_label(obj)


def municipality_groups(query: str, selected_codes) -> tuple[list[Municipality], list[Municipality]]:
    """Current and former municipalities to show in a participant list: those matching ``query``
    (name, CBS code or province) plus those already selected; current ones first."""
    qs = Municipality.objects.all()
    if query:
        match = Q(name__icontains=query) | Q(cbs_code__iexact=query)
        if hasattr(Municipality, "province"):
            match |= Q(province__icontains=query)
        qs = qs.filter(match | Q(cbs_code__in=list(selected_codes)))
    rows = list(qs.order_by("name", "cbs_code"))
    current = [m for m in rows if m.valid_to is None]
    former = [m for m in rows if m.valid_to is not None]
    return current, former


# --- trajectory -----------------------------------------------------------------------------------


def commissioning_choices(participant_codes) -> list[tuple[str, str]]:
    """Opdrachtgever: the college or raad of a participating municipality, or an existing body of an
    arrangement or organisation (portefeuillehoudersoverleg, algemeen bestuur, ...)."""
    choices: list[tuple[str, str]] = [("", "– geen opdrachtgever gekozen –")]
    municipalities = Municipality.objects.filter(cbs_code__in=list(participant_codes)).order_by("name")
    for m in municipalities:
        choices.append((f"college:{m.cbs_code}", f"college van B&W {m.name}"))
        choices.append((f"raad:{m.cbs_code}", f"gemeenteraad {m.name}"))
    for body in GoverningBody.objects.filter(municipality__isnull=True).select_related("arrangement", "organisation"):
        choices.append((f"body:{body.pk}", str(body)))
    return choices


class TrajectoryForm(SetupForm):
    name = forms.CharField(label="Naam", max_length=300)
    slug = forms.SlugField(
        label="Korte naam (in webadressen)", max_length=100,
        help_text="Kleine letters, cijfers en streepjes, bijvoorbeeld regio-west-participatiewet-2027.",
        error_messages={"invalid": "Gebruik alleen kleine letters, cijfers en streepjes."},
    )
    domain = forms.CharField(label="Domein", max_length=200, required=False, help_text="Bijvoorbeeld: Participatiewet en Wsw.")
    aim = forms.CharField(label="Doel", widget=forms.Textarea(attrs={"rows": 4}), required=False)
    status = forms.ChoiceField(label="Status", choices=c.TrajectoryStatus.choices, initial=c.TrajectoryStatus.EXPLORING)
    start = FuzzyDateField(label="Start van het traject")
    region = forms.ModelChoiceField(label="Regio", queryset=Region.objects.order_by("name"), required=False,
                                    empty_label="– geen of een nieuwe regio –")
    new_region = forms.CharField(label="Nieuwe regio", max_length=120, required=False,
                                 help_text="Alleen als de regio hierboven niet staat.")
    commissioning = forms.ChoiceField(label="Opdrachtgever", required=False,
                                      help_text="Een college of raad van een deelnemende gemeente, of een bestaand bestuur "
                                                "van een regeling of organisatie.")
    project_organisation = forms.ModelChoiceField(label="Projectorganisatie", queryset=Organisation.objects.order_by("name"),
                                                  required=False, empty_label="– geen of een nieuwe projectorganisatie –")
    new_project_organisation = forms.CharField(label="Nieuwe projectorganisatie", max_length=200, required=False,
                                               help_text="Alleen als de projectorganisatie hierboven niet staat.")
    laws = forms.ModelMultipleChoiceField(label="Wetten die het traject drijven", queryset=Law.objects.order_by("name"),
                                          required=False, widget=forms.CheckboxSelectMultiple)
    new_law_name = forms.CharField(label="Andere wet: naam", max_length=200, required=False)
    new_law_abbreviation = forms.CharField(label="Andere wet: afkorting", max_length=30, required=False)
    new_law_status = forms.ChoiceField(label="Andere wet: status", choices=c.LawStatus.choices, initial=c.LawStatus.IN_FORCE,
                                       required=False)
    participants = MunicipalityChoiceField(label="Deelnemende gemeenten", required=False)
    source = forms.CharField(label="Bron", max_length=500, required=False,
                             help_text="Het stuk waarin het traject is vastgelegd, bijvoorbeeld een bestuursopdracht.")

    def __init__(self, *args, participant_codes=(), editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        codes = list(participant_codes)
        if self.is_bound:
            codes = self.data.getlist("participants") if hasattr(self.data, "getlist") else list(self.data.get("participants", []))
        self.fields["commissioning"].choices = commissioning_choices(codes)
        self.fields["commissioning"].error_messages["invalid_choice"] = (
            "Kies als opdrachtgever een orgaan van een deelnemende gemeente of een bestaand bestuur uit de lijst.")
        if editing:
            self.fields["slug"].disabled = True
            self.fields["slug"].help_text = "De korte naam verandert niet meer: webadressen en exports verwijzen ernaar."
        _required_messages(self)

    def clean_slug(self):
        from regiokompas.register.models import Trajectory

        slug = self.cleaned_data["slug"]
        if not self.fields["slug"].disabled and Trajectory.objects.filter(slug=slug).exists():
            raise forms.ValidationError("Er is al een traject met deze korte naam.")
        return slug

    def clean_participants(self):
        chosen = list(self.cleaned_data["participants"])
        if not chosen:
            raise forms.ValidationError("Kies ten minste één deelnemende gemeente.")
        return chosen

    def clean(self):
        data = super().clean()
        if data.get("new_region") and data.get("region"):
            self.add_error("new_region", "Kies een bestaande regio óf vul een nieuwe in, niet allebei.")
        if data.get("new_region") and Region.objects.filter(name__iexact=data["new_region"].strip()).exists():
            self.add_error("new_region", "Deze regio bestaat al; kies haar hierboven.")
        if data.get("new_project_organisation") and data.get("project_organisation"):
            self.add_error("new_project_organisation", "Kies een bestaande projectorganisatie óf vul een nieuwe in, niet allebei.")
        if data.get("new_project_organisation") and Organisation.objects.filter(name__iexact=data["new_project_organisation"].strip()).exists():
            self.add_error("new_project_organisation", "Deze organisatie bestaat al; kies haar hierboven.")
        name, abbreviation = (data.get("new_law_name") or "").strip(), (data.get("new_law_abbreviation") or "").strip()
        if bool(name) != bool(abbreviation):
            self.add_error("new_law_abbreviation" if name else "new_law_name", "Vul naam én afkorting van de andere wet in.")
        elif name and Law.objects.filter(Q(name__iexact=name) | Q(abbreviation__iexact=abbreviation)).exists():
            self.add_error("new_law_name", "Deze wet bestaat al; kies haar in de lijst.")
        start = data.get("start")
        if isinstance(start, FuzzyDate) and start.known and start.earliest.year < 1800:
            self.add_error("start", "Dat jaar is te vroeg voor de start van een traject.")
        choice = data.get("commissioning") or ""
        if choice.startswith(("college:", "raad:")):
            codes = {m.cbs_code for m in data.get("participants") or []}
            if choice.split(":", 1)[1] not in codes:
                self.add_error("commissioning", "Kies als opdrachtgever een orgaan van een deelnemende gemeente.")
        return data


# --- gates ----------------------------------------------------------------------------------------

# The bodies in the order in which they take part in a decision: an overleg advises, the college
# proposes, the raad decides; for an arrangement the dagelijks bestuur prepares, the algemeen bestuur decides.
BODY_ORDER = [
    c.GoverningBodyKind.PORTEFEUILLEHOUDERSOVERLEG,
    c.GoverningBodyKind.COLLEGE,
    c.GoverningBodyKind.BURGEMEESTER,
    c.GoverningBodyKind.RAAD,
    c.GoverningBodyKind.DAGELIJKS_BESTUUR,
    c.GoverningBodyKind.ALGEMEEN_BESTUUR,
    c.GoverningBodyKind.BESTUUR,
]
OWNED_BODIES = {
    c.GoverningBodyKind.PORTEFEUILLEHOUDERSOVERLEG, c.GoverningBodyKind.DAGELIJKS_BESTUUR,
    c.GoverningBodyKind.ALGEMEEN_BESTUUR, c.GoverningBodyKind.BESTUUR,
}


class GateForm(SetupForm):
    ordinal = forms.IntegerField(label="Volgnummer", min_value=1, max_value=999,
                                 error_messages={"invalid": "Vul een heel getal in.", "min_value": "Het volgnummer is ten minste 1."})
    title = forms.CharField(label="Titel", max_length=300)
    description = forms.CharField(label="Toelichting", widget=forms.Textarea(attrs={"rows": 4}), required=False)
    kind = forms.ChoiceField(label="Soort moment", choices=c.GateKind.choices, widget=forms.RadioSelect, initial=c.GateKind.DECISION)
    bodies = forms.MultipleChoiceField(
        label="Organen die besluiten of worden geïnformeerd",
        choices=[(k.value, k.label) for k in BODY_ORDER], widget=forms.CheckboxSelectMultiple,
        help_text="In de volgorde van de besluitvorming: het college stelt voor, de raad besluit.",
        error_messages={"required": "Kies ten minste één orgaan."},
    )
    counting_body = forms.ChoiceField(
        label="Orgaan waarvan het besluit telt", required=False,
        choices=[("", "het laatste orgaan in de volgorde")] + [(k.value, k.label) for k in BODY_ORDER],
        help_text="Het besluit van dit orgaan bepaalt met de voortgangsregel of een gemeente doorgaat. Leeg bij een informatiemoment.",
    )
    body_arrangement = forms.ModelChoiceField(
        label="Regeling van het algemeen of dagelijks bestuur", queryset=JointArrangement.objects.order_by("name"), required=False,
        empty_label="– geen –", help_text="Alleen als een algemeen of dagelijks bestuur besluit.",
    )
    body_organisation = forms.ModelChoiceField(
        label="Organisatie van het portefeuillehoudersoverleg", queryset=Organisation.objects.order_by("name"), required=False,
        empty_label="– geen –", help_text="Alleen als een portefeuillehoudersoverleg of ander bestuur besluit.",
    )
    planned = FuzzyDateField(label="Gepland")
    deadline = FuzzyDateField(label="Uiterste datum", help_text="Als dd-mm-jjjj; leeg als er geen uiterste datum is.")
    continuation_rule = forms.ChoiceField(label="Doorgaan als", choices=c.ContinuationRule.choices,
                                          initial=c.ContinuationRule.ALL_MUST_AGREE)
    minimum_participants = forms.IntegerField(label="Minimaal aantal deelnemers", min_value=1, initial=2,
                                              help_text="Alleen bij 'wie instemt gaat door'.",
                                              error_messages={"invalid": "Vul een heel getal in.", "min_value": "Ten minste 1."})
    source = forms.CharField(label="Bron", max_length=500, required=False)

    def clean_bodies(self):
        chosen = set(self.cleaned_data["bodies"])
        return [k.value for k in BODY_ORDER if k.value in chosen]

    def clean(self):
        data = super().clean()
        bodies = data.get("bodies") or []
        deadline = data.get("deadline")
        if isinstance(deadline, FuzzyDate) and deadline.known and deadline.precision != c.DatePrecision.DAY:
            self.add_error("deadline", "Een uiterste datum is een dag: vul dd-mm-jjjj in.")
        if data.get("kind") == c.GateKind.INFORMATION and data.get("counting_body"):
            self.add_error("counting_body", "Bij een informatiemoment wordt niets besloten; laat dit veld leeg.")
        if data.get("counting_body") and bodies and data["counting_body"] not in bodies:
            self.add_error("counting_body", "Dit orgaan staat niet bij de gekozen organen.")
        arrangement_bodies = {c.GoverningBodyKind.ALGEMEEN_BESTUUR, c.GoverningBodyKind.DAGELIJKS_BESTUUR}
        if arrangement_bodies & set(bodies) and not data.get("body_arrangement") and not data.get("body_organisation"):
            self.add_error("body_arrangement", "Kies de regeling waarvan het algemeen of dagelijks bestuur besluit.")
        owned = {c.GoverningBodyKind.PORTEFEUILLEHOUDERSOVERLEG, c.GoverningBodyKind.BESTUUR}
        if owned & set(bodies) and not data.get("body_organisation") and not data.get("body_arrangement"):
            self.add_error("body_organisation", "Kies de organisatie van het portefeuillehoudersoverleg of bestuur.")
        return data


# --- organisations and arrangements ---------------------------------------------------------------

ORGANISATION_BODIES = [
    (c.GoverningBodyKind.PORTEFEUILLEHOUDERSOVERLEG.value, c.GoverningBodyKind.PORTEFEUILLEHOUDERSOVERLEG.label),
    (c.GoverningBodyKind.BESTUUR.value, c.GoverningBodyKind.BESTUUR.label),
]
ARRANGEMENT_BODIES = [
    (c.GoverningBodyKind.ALGEMEEN_BESTUUR.value, c.GoverningBodyKind.ALGEMEEN_BESTUUR.label),
    (c.GoverningBodyKind.DAGELIJKS_BESTUUR.value, c.GoverningBodyKind.DAGELIJKS_BESTUUR.label),
    (c.GoverningBodyKind.BESTUUR.value, c.GoverningBodyKind.BESTUUR.label),
    (c.GoverningBodyKind.PORTEFEUILLEHOUDERSOVERLEG.value, c.GoverningBodyKind.PORTEFEUILLEHOUDERSOVERLEG.label),
]


class OrganisationForm(SetupForm):
    name = forms.CharField(label="Naam", max_length=200)
    kind = forms.ChoiceField(label="Soort", choices=c.OrganisationKind.choices)
    description = forms.CharField(label="Omschrijving", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    bodies = forms.MultipleChoiceField(label="Bestuursorganen van de organisatie", choices=ORGANISATION_BODIES, required=False,
                                       widget=forms.CheckboxSelectMultiple,
                                       help_text="Bijvoorbeeld het portefeuillehoudersoverleg dat bij een besluitmoment besluit.")
    source = forms.CharField(label="Bron", max_length=500, required=False)

    def __init__(self, *args, instance=None, **kwargs):
        self.instance = instance
        super().__init__(*args, **kwargs)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = Organisation.objects.filter(name__iexact=name)
        if self.instance is not None:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError("Er is al een organisatie met deze naam.")
        return name


class ArrangementForm(SetupForm):
    name = forms.CharField(label="Naam", max_length=200)
    legal_form = forms.ChoiceField(label="Rechtsvorm", choices=c.LegalForm.choices)
    arrangement_type = forms.ChoiceField(
        label="Soort regeling", choices=[("", "– niet van toepassing (geen Wgr-regeling) –"), *c.ArrangementType.choices], required=False,
        help_text="Alleen bij een Wgr-regeling.",
    )
    centre_municipality = forms.ModelChoiceField(label="Centrumgemeente", queryset=Municipality.objects.filter(valid_to__isnull=True).order_by("name"),
                                                 required=False, empty_label="– geen –",
                                                 help_text="Alleen bij een centrumgemeenteregeling.")
    valid_from = FuzzyDateField(label="In werking vanaf")
    valid_to = FuzzyDateField(label="Opgeheven per")
    publication = forms.CharField(label="Publicatie (CVDR of Gemeenteblad)", max_length=300, required=False)
    exit_rules = forms.CharField(label="Uittredingsregels", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    bodies = forms.MultipleChoiceField(label="Bestuursorganen van de regeling", choices=ARRANGEMENT_BODIES, required=False,
                                       widget=forms.CheckboxSelectMultiple)
    participants = MunicipalityChoiceField(label="Deelnemende gemeenten", required=False,
                                           help_text="Nieuwe deelnemers treden toe per de datum van inwerkingtreding; "
                                                     "data en organen per gemeente wijzigt u daarna per deelname.")
    predecessors = forms.ModelMultipleChoiceField(
        label="Voorganger(s)", queryset=JointArrangement.objects.order_by("name"), required=False,
        widget=forms.CheckboxSelectMultiple, help_text="De regeling(en) die deze regeling opvolgt.",
    )
    succession_kind = forms.ChoiceField(label="Soort opvolging", choices=[("", "– geen voorganger –"), *c.SuccessionKind.choices], required=False)
    succession_date = FuzzyDateField(label="Datum van de opvolging")
    source = forms.CharField(label="Bron", max_length=500, required=False)

    def __init__(self, *args, instance=None, **kwargs):
        self.instance = instance
        super().__init__(*args, **kwargs)
        if instance is not None:
            self.fields["predecessors"].queryset = JointArrangement.objects.exclude(pk=instance.pk).order_by("name")
            self.fields["participants"].help_text = ("Aangevinkte gemeenten die nog niet deelnemen, treden toe; een deelname "
                                                     "beëindigt u met een datum van uittreden bij die deelname.")

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = JointArrangement.objects.filter(name__iexact=name)
        if self.instance is not None:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError("Er is al een regeling met deze naam.")
        return name

    def clean(self):
        data = super().clean()
        legal_form = data.get("legal_form")
        if legal_form and legal_form not in c.WGR_FORMS and data.get("arrangement_type"):
            self.add_error("arrangement_type", "Alleen een Wgr-regeling is een collegeregeling, raadsregeling of gemengde regeling.")
        if legal_form == c.LegalForm.CENTRUMGEMEENTEREGELING and not data.get("centre_municipality"):
            self.add_error("centre_municipality", "Kies de centrumgemeente van een centrumgemeenteregeling.")
        start, end = data.get("valid_from"), data.get("valid_to")
        if isinstance(start, FuzzyDate) and isinstance(end, FuzzyDate) and start.known and end.known and end.latest < start.earliest:
            self.add_error("valid_to", "Een regeling kan niet worden opgeheven voordat zij in werking is getreden.")
        predecessors = list(data.get("predecessors") or [])
        kind = data.get("succession_kind")
        if predecessors and not kind:
            self.add_error("succession_kind", "Kies hoe deze regeling haar voorganger(s) opvolgt.")
        if kind and not predecessors:
            self.add_error("predecessors", "Kies de regeling(en) die worden opgevolgd.")
        if kind in c.SAME_BODY_SUCCESSION and len(predecessors) > 1:
            self.add_error("succession_kind", "Een gewijzigde of hernoemde regeling heeft precies één voorganger; kies 'fusie' bij meer.")
        return data


class ParticipationForm(SetupForm):
    organs = forms.CharField(label="Deelnemende organen", max_length=200, required=False, help_text="Bijvoorbeeld: college, raad.")
    joined = FuzzyDateField(label="Toegetreden")
    left = FuzzyDateField(label="Uitgetreden")

    def clean(self):
        data = super().clean()
        joined, left = data.get("joined"), data.get("left")
        if isinstance(joined, FuzzyDate) and isinstance(left, FuzzyDate) and joined.known and left.known and left.latest < joined.earliest:
            self.add_error("left", "Een gemeente kan niet uittreden voordat zij is toegetreden.")
        return data


class AppointmentForm(SetupForm):
    organ = forms.ChoiceField(label="Bestuur", choices=c.AppointmentOrgan.choices, widget=forms.RadioSelect)
    capacity = forms.ChoiceField(label="Hoedanigheid", choices=c.AppointmentCapacity.choices, widget=forms.RadioSelect,
                                 initial=c.AppointmentCapacity.MEMBER)
    municipality = forms.ModelChoiceField(label="Namens gemeente", queryset=Municipality.objects.none(),
                                          empty_label="– kies een gemeente –")
    person_name = forms.CharField(label="Naam van de benoemde", max_length=200)
    start = FuzzyDateField(label="Benoemd per")
    end = FuzzyDateField(label="Tot en met")
    source = forms.CharField(label="Bron", max_length=500, required=False)

    def __init__(self, *args, arrangement=None, **kwargs):
        super().__init__(*args, **kwargs)
        if arrangement is not None:
            self.fields["municipality"].queryset = Municipality.objects.filter(
                arrangement_participations__arrangement=arrangement).distinct().order_by("name")

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if isinstance(start, FuzzyDate) and isinstance(end, FuzzyDate) and start.known and end.known and end.latest < start.earliest:
            self.add_error("end", "De benoeming kan niet eindigen voordat zij begint.")
        return data


# --- conditions: fulfilled by a document that may be registered on the way ----------------------

FULFILLING_KINDS = [
    (k.value, k.label) for k in (
        c.DocumentKind.ADVIES, c.DocumentKind.RAPPORT, c.DocumentKind.RAADSBESLUIT, c.DocumentKind.COLLEGEBESLUIT,
        c.DocumentKind.RAADSINFORMATIEBRIEF, c.DocumentKind.BRIEF, c.DocumentKind.OTHER,
    )
]


class ConditionFulfilForm(ConditionStatusForm):
    """The condition status form with, beside the list of documents, the title, kind and date of a
    new document that fulfils the condition (registered as a document of the condition's municipality)."""

    new_document_title = forms.CharField(
        label="Of een nieuw stuk: titel", max_length=300, required=False,
        help_text="Staat het stuk dat de voorwaarde vervult niet in de lijst? Geef de titel; het wordt als stuk van "
                  "de gemeente in dit traject vastgelegd.",
    )
    new_document_kind = forms.ChoiceField(label="Soort van het nieuwe stuk", choices=FULFILLING_KINDS, required=False,
                                          initial=c.DocumentKind.ADVIES)
    new_document_date = FuzzyDateField(label="Datum van het nieuwe stuk")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _required_messages(self)

    def clean(self):
        data = super().clean()
        title = (data.get("new_document_title") or "").strip()
        if title and data.get("fulfilled_by"):
            self.add_error("new_document_title", "Kies een stuk uit de lijst óf geef een nieuw stuk, niet allebei.")
        if title and data.get("status") != c.ConditionStatus.MET:
            self.add_error("new_document_title", "Een stuk dat de voorwaarde vervult, hoort bij de status 'vervuld'.")
        if data.get("status") == c.ConditionStatus.MET and not title and not data.get("fulfilled_by"):
            self.add_error("fulfilled_by", "Kies het stuk dat de voorwaarde vervult, of geef een nieuw stuk.")
        return data
