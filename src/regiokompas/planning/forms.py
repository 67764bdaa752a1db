"""Forms of the planning pages (Dutch): consultations, advice, council procedures, a law change, a new
plan version and the process description. They parse input; the services validate the domain rules
and write. A refusal of a service lands on the field it names, so the error summary links to it."""

from __future__ import annotations

from django import forms

from regiokompas.planning import constants as pc
from regiokompas.planning.models import ConsultationBody
from regiokompas.register import constants as c
from regiokompas.register.errors import RegisterError
from regiokompas.register.forms import DutchDateField
from regiokompas.register.models import Gate, Law, Municipality, Organisation


class ConsultationForm(forms.Form):
    body = forms.ModelChoiceField(label="Medezeggenschapsorgaan", queryset=ConsultationBody.objects.none())
    gate = forms.ModelChoiceField(label="Besluitmoment", queryset=Gate.objects.none(), required=False)
    kind = forms.ChoiceField(label="Soort", choices=pc.ConsultationKind.choices)
    scope = forms.ChoiceField(label="Reikwijdte", choices=pc.ConsultationScope.choices, initial=pc.ConsultationScope.FULL,
                              help_text="Bij het aangaan van een gemeenschappelijke regeling geldt het politiek primaat: "
                                        "advies over de personele gevolgen.")
    subject = forms.CharField(label="Onderwerp", max_length=300)
    requested = DutchDateField(label="Gevraagd / geïnformeerd op")
    due = DutchDateField(label="Uiterlijk advies", required=False)

    def __init__(self, trajectory, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = ConsultationBody.objects.filter(trajectory=trajectory)
        self.fields["gate"].queryset = trajectory.gates.order_by("ordinal")


class AdviceForm(forms.Form):
    received = DutchDateField(label="Advies ontvangen op")
    outcome = forms.ChoiceField(label="Uitkomst", choices=[c for c in pc.AdviceOutcome.choices if c[0] != pc.AdviceOutcome.PENDING],
                                widget=forms.RadioSelect)
    text = forms.CharField(label="Advies (samenvatting)", widget=forms.Textarea(attrs={"rows": 4}), required=False)
    deviates = forms.BooleanField(label="Het college wijkt af van het advies", required=False)
    motivation = forms.CharField(label="Schriftelijke motivering bij afwijken", widget=forms.Textarea(attrs={"rows": 4}), required=False,
                                 help_text="Verplicht als het college afwijkt (WOR art. 25 lid 5).")


class ProcedureForm(forms.Form):
    gate = forms.ModelChoiceField(label="Besluitmoment", queryset=Gate.objects.none())
    municipality = forms.ModelChoiceField(label="Gemeente (raad)", queryset=Municipality.objects.none())
    kind = forms.ChoiceField(label="Procedure", choices=pc.ProcedureKind.choices)
    planned = DutchDateField(label="Gepland (raadsvergadering)", required=False)
    sent = DutchDateField(label="Aan de raad gezonden", required=False)
    completed = DutchDateField(label="Afgerond", required=False)
    outcome = forms.CharField(label="Uitkomst", widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, trajectory, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gate"].queryset = trajectory.gates.order_by("ordinal")
        self.fields["municipality"].queryset = Municipality.objects.filter(trajectory_participations__trajectory=trajectory)


class BodyForm(forms.Form):
    """A consultation body: ondernemingsraad per employer, bijzondere OR, (b)go, cliëntenraad, adviesraad."""

    kind = forms.ChoiceField(label="Soort orgaan", choices=pc.BodyKind.choices)
    name = forms.CharField(label="Naam", max_length=200)
    employer_municipality = forms.ModelChoiceField(
        label="Werkgever (gemeente)", queryset=Municipality.objects.none(), required=False,
        help_text="Bij een ondernemingsraad: de gemeente of de organisatie die werkgever is (één van beide).")
    employer_organisation = forms.ModelChoiceField(label="Werkgever (organisatie)", queryset=Organisation.objects.none(), required=False)
    contact = forms.CharField(label="Contact", max_length=200, required=False)
    source = forms.CharField(label="Bron", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    illustrative = forms.BooleanField(label="Illustratief (voorbeeldgegeven zonder bron)", required=False)

    FIELDS = ("kind", "name", "employer_municipality", "employer_organisation", "contact", "source", "illustrative")

    def __init__(self, trajectory, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer_municipality"].queryset = Municipality.objects.filter(
            trajectory_participations__trajectory=trajectory).order_by("name")
        self.fields["employer_organisation"].queryset = Organisation.objects.order_by("name")


class PlanningDateField(forms.CharField):
    """A date typed as dd-mm-jjjj (or JJJJ-MM-DD), parsed by ``services.parse_date`` so the page gives
    the same Dutch message as a file import: "<label>: '31-02-2013' is geen geldige datum ..."."""

    def __init__(self, *, message_label: str | None = None, **kwargs):
        self.message_label = message_label
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 10}))
        super().__init__(**kwargs)

    def to_python(self, value):
        from regiokompas.planning import services

        text = super().to_python(value)
        if not text:
            return None
        try:
            return services.parse_date(text, self.message_label or str(self.label))
        except RegisterError as exc:
            raise forms.ValidationError(exc.message, code="invalid") from None


def _service_error(form: forms.Form, exc: RegisterError) -> None:
    """A refusal of the service, on the field it names (else above the form)."""
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


class LawChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Law) -> str:
        text = f"{obj} – nu: {obj.get_status_display()}"
        if obj.planned_start:
            text += f", gepland {obj.planned_start:%d-%m-%Y}"
        return text


class LawChangeForm(forms.Form):
    """Wetswijziging verwerken: which law, its new status (optional) and date, and why."""

    law = LawChoiceField(label="Wet", queryset=Law.objects.none(), empty_label=None,
                         error_messages={"required": "Kies een wet die aanleiding is voor dit traject.",
                                         "invalid_choice": "Kies een wet die aanleiding is voor dit traject."})
    status = forms.ChoiceField(label="Nieuwe status", required=False, choices=[("", "ongewijzigd"), *c.LawStatus.choices],
                               error_messages={"invalid_choice": "Kies een geldige status van de wet."})
    date = PlanningDateField(label="Nieuwe datum", error_messages={"required": "Geef een nieuwe datum op (dd-mm-jjjj)."},
                             help_text="De nieuwe datum van inwerkingtreding; gaat de wet niet door, de richtdatum die de "
                                       "planning voortaan volgt. Als dd-mm-jjjj.")
    reason = forms.CharField(label="Reden", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, trajectory, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["law"].queryset = trajectory.drivers.all()

    add_service_error = _service_error


class NewVersionForm(forms.Form):
    """A new plan version: a date and status per milestone of the current version (fields ``date-<key>``
    and ``status-<key>``), optionally one new milestone, and the reason."""

    title = forms.CharField(label="Titel van de nieuwe versie", required=False, max_length=300)
    reason = forms.CharField(label="Reden van de wijziging", widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="Bijvoorbeeld: \"Wwv gaat in de huidige vorm niet door\".",
                             error_messages={"required": "Geef aan waarom de planning verandert (bijvoorbeeld: "
                                                         "'Wwv gaat in de huidige vorm niet door')."})
    new_title = forms.CharField(label="Titel", required=False, max_length=300)
    new_date = PlanningDateField(label="Datum (dd-mm-jjjj)", message_label="Datum nieuwe mijlpaal", required=False)
    new_kind = forms.ChoiceField(label="Soort", choices=pc.MilestoneKind.choices, initial=pc.MilestoneKind.OTHER, required=False,
                                 error_messages={"invalid_choice": "Kies een bekende soort mijlpaal."})
    new_owner = forms.CharField(label="Eigenaar", required=False, max_length=200)
    new_municipality = forms.ChoiceField(label="Spoor van gemeente", required=False,
                                         error_messages={"invalid_choice": "Kies een deelnemende gemeente voor het eigen spoor."})
    new_after = forms.ChoiceField(label="Hangt af van", required=False,
                                  error_messages={"invalid_choice": "Kies een mijlpaal van de huidige versie."})
    new_offset = forms.CharField(label="Dagen erna", required=False, initial="0", widget=forms.TextInput(attrs={"inputmode": "numeric"}))

    NEW_FIELDS = ("new_title", "new_date", "new_kind", "new_owner", "new_municipality", "new_after", "new_offset")

    def __init__(self, items, participants, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        self.fields["new_municipality"].choices = [("", "regio"), *((m.cbs_code, str(m)) for m in participants)]
        self.fields["new_after"].choices = [("", "niets"), *((m.key, m.title) for m in items)]
        for m in items:
            self.fields[f"date-{m.key}"] = PlanningDateField(
                label=f"Datum van {m.title}", message_label=f"Datum van '{m.title}'", initial=f"{m.date:%d-%m-%Y}" if m.date else "",
                error_messages={"required": f"Datum van '{m.title}': vul een datum in (dd-mm-jjjj)."})
            self.fields[f"status-{m.key}"] = forms.ChoiceField(
                label=f"Status van {m.title}", choices=pc.MilestoneStatus.choices, initial=m.status, required=False,
                error_messages={"invalid_choice": f"Onbekende status bij '{m.title}'."})

    def rows(self):
        """Per milestone: the milestone and its two bound fields (for the table of the page)."""
        return [(m, self[f"date-{m.key}"], self[f"status-{m.key}"]) for m in self.items]

    def clean_new_offset(self) -> int:
        raw = self.cleaned_data.get("new_offset") or "0"
        try:
            return int(raw)
        except ValueError:
            raise forms.ValidationError(f"Dagen erna: '{raw}' is geen geheel getal.", code="invalid") from None

    def clean(self):
        data = super().clean()
        if data.get("new_title") and not data.get("new_date") and "new_date" not in self.errors:
            self.add_error("new_date", "Datum nieuwe mijlpaal: vul een datum in (dd-mm-jjjj).")
        return data

    add_service_error = _service_error


class ProcessDescriptionForm(forms.Form):
    """The texts of the sections of a concept process description (fields ``section-<pk>``); what to do
    with them is the button pressed (``action``: generate, save or finalize)."""

    ACTIONS = ("generate", "save", "finalize")

    def __init__(self, sections, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = list(sections)
        for s in self.sections:
            self.fields[f"section-{s.pk}"] = forms.CharField(label=s.heading, required=False, initial=s.text, strip=False,
                                                             widget=forms.Textarea(attrs={"rows": 8}))

    def texts(self) -> list[str]:
        return [self.cleaned_data.get(f"section-{s.pk}", "") for s in self.sections]

    def section_fields(self):
        return [self[f"section-{s.pk}"] for s in self.sections]

    add_service_error = _service_error
