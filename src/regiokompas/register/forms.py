"""Forms with Dutch messages. They only parse and check input; services do the writing."""

from __future__ import annotations

import datetime as dt

from django import forms

from regiokompas import formatting
from regiokompas.register import constants as c
from regiokompas.register.dates import INPUT_HELP, DateInputError, FuzzyDate
from regiokompas.register.models import Document

DATE_HELP = "Als dd-mm-jjjj, bijvoorbeeld 03-04-2012."


class DateTextInput(forms.DateInput):
    """The one date input of every form: a text box for dd-mm-jjjj (no browser date picker, which
    shows a different format per browser and language)."""

    input_type = "text"

    def __init__(self, attrs=None, format="%d-%m-%Y"):
        super().__init__(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 10, **(attrs or {})}, format=format)


class DutchDateField(forms.DateField):
    """A date to the day, typed as dd-mm-jjjj (JJJJ-MM-DD is still understood)."""

    widget = DateTextInput
    default_error_messages = {"invalid": "Vul een geldige datum in als dd-mm-jjjj (bijvoorbeeld 03-04-2012)."}

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["%d-%m-%Y", "%Y-%m-%d"])
        kwargs.setdefault("help_text", DATE_HELP)
        super().__init__(**kwargs)


class FuzzyDateField(forms.Field):
    """A date as precise as the source: ``dd-mm-jjjj``, ``mm-jjjj``, ``jjjj`` or empty (unknown).
    Cleans to a :class:`regiokompas.register.dates.FuzzyDate`; never invents a day or a month."""

    default_error_messages = {"required": "Vul een datum in als dd-mm-jjjj, mm-jjjj of jjjj."}

    def __init__(self, *, allow_future: bool = True, **kwargs):
        self.allow_future = allow_future
        kwargs.setdefault("help_text", INPUT_HELP)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 10}))  # like DateTextInput
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, FuzzyDate):
            return value.input_text()
        if isinstance(value, dt.date):
            return formatting.short_date(value)
        return value

    def to_python(self, value):
        if isinstance(value, FuzzyDate):
            return value
        text = "" if value is None else str(value)
        try:
            return FuzzyDate.parse(text)
        except DateInputError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from exc

    def validate(self, value):
        if self.required and not value.known:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if not self.allow_future and value.known and value.earliest > dt.date.today():
            raise forms.ValidationError("Deze datum kan niet in de toekomst liggen.", code="future")


class DecisionForm(forms.Form):
    body = forms.ChoiceField(label="Orgaan", choices=c.GoverningBodyKind.choices, widget=forms.RadioSelect,
                             help_text="Welk orgaan besloot: bijvoorbeeld het college (voorstel aan de raad) of de raad (besluit).")
    outcome = forms.ChoiceField(label="Besluit", choices=c.Outcome.choices, widget=forms.RadioSelect)
    date = FuzzyDateField(label="Datum van het besluit", allow_future=False,
                          help_text=INPUT_HELP.replace("leeg als de datum onbekend is", "leeg alleen bij 'nog niet besloten'"))
    motivation = forms.CharField(label="Motivering", widget=forms.Textarea(attrs={"rows": 5}), required=False)
    withdraws = forms.BooleanField(label="De gemeente treedt uit het traject (alleen bij 'niet ingestemd')", required=False)
    conditions = forms.CharField(
        label="Voorwaarden",
        help_text="Eén voorwaarde per regel. Verplicht bij 'ingestemd onder voorwaarden'.",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    condition_category = forms.ChoiceField(label="Soort voorwaarden", choices=c.ConditionCategory.choices, required=False, initial=c.ConditionCategory.ANALYSIS)
    document = forms.ModelChoiceField(label="Besluitdocument", queryset=Document.objects.none(), required=False)
    zaaknummer = forms.CharField(label="Zaaknummer", max_length=60, required=False)
    source = forms.CharField(label="Bron", max_length=500, required=False, help_text="Document, pagina of webadres waar het besluit staat.")

    def __init__(self, *args, documents=None, gate=None, **kwargs):
        super().__init__(*args, **kwargs)
        if documents is not None:
            self.fields["document"].queryset = documents
        if gate is not None and "body" in self.fields:
            self.fields["body"].choices = [(b, c.GoverningBodyKind(b).label) for b in gate.bodies if b in c.GoverningBodyKind.values]
            # one body: no choice to make (the gate's own body decides)
            self.fields["body"].required = len(self.fields["body"].choices) > 1
            if gate.kind == c.GateKind.INFORMATION:
                allowed = {c.Outcome.NOTED, c.Outcome.NOT_YET_DECIDED}
                self.fields["outcome"].choices = [(v, label) for v, label in c.Outcome.choices if v in allowed]

    def clean(self):
        data = super().clean()
        when = data.get("date")
        if data.get("outcome") and data.get("outcome") != c.Outcome.NOT_YET_DECIDED and when is not None and not when.known:
            self.add_error("date", "Vul de datum van het besluit in als dd-mm-jjjj, mm-jjjj of jjjj; "
                                   "alleen bij 'nog niet besloten' mag de datum leeg blijven.")
        return data

    def condition_lines(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.cleaned_data.get("conditions", "").splitlines() if line.strip(" -•\t")]


class SupersedeForm(DecisionForm):
    kind = forms.ChoiceField(label="Soort vervanging", choices=c.SupersedeKind.choices, widget=forms.RadioSelect)
    reason = forms.CharField(label="Reden", widget=forms.Textarea(attrs={"rows": 3}))

    field_order = ["kind", "reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["body"]  # a correction is of the same body
        self.fields["conditions"].help_text = (
            "Eén voorwaarde per regel. Een regel die gelijk blijft, houdt zijn status, soort en vervullend stuk; "
            "een weggelaten regel vervalt in het nieuwe besluit."
        )
        self.fields["condition_category"].label = "Soort van nieuwe voorwaarden"


class ConditionStatusForm(forms.Form):
    status = forms.ChoiceField(label="Nieuwe status", choices=c.ConditionStatus.choices, widget=forms.RadioSelect)
    fulfilled_by = forms.ModelChoiceField(label="Vervuld door (stuk)", queryset=Document.objects.none(), required=False)
    note = forms.CharField(label="Toelichting", widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, documents=None, **kwargs):
        super().__init__(*args, **kwargs)
        if documents is not None:
            self.fields["fulfilled_by"].queryset = documents
