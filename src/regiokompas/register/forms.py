"""Forms with Dutch messages. They only parse and check input; services do the writing."""

from __future__ import annotations

import datetime as dt

from django import forms

from regiokompas.register import constants as c
from regiokompas.register.models import Document

DATE_HELP = "Als dd-mm-jjjj, bijvoorbeeld 03-04-2012."


class DutchDateField(forms.DateField):
    default_error_messages = {"invalid": "Vul een geldige datum in als dd-mm-jjjj (bijvoorbeeld 03-04-2012)."}

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["%d-%m-%Y", "%Y-%m-%d"])
        kwargs.setdefault("help_text", DATE_HELP)
        super().__init__(**kwargs)


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label="Besluit", choices=c.Outcome.choices, widget=forms.RadioSelect)
    date = DutchDateField(label="Datum van het besluit")
    date_precision = forms.ChoiceField(label="Hoe nauwkeurig is de datum?", choices=c.DatePrecision.choices, initial=c.DatePrecision.DAY)
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

    def __init__(self, *args, documents=None, **kwargs):
        super().__init__(*args, **kwargs)
        if documents is not None:
            self.fields["document"].queryset = documents

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day and day > dt.date.today():
            raise forms.ValidationError("De datum van een besluit kan niet in de toekomst liggen.")
        return day

    def condition_lines(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.cleaned_data.get("conditions", "").splitlines() if line.strip(" -•\t")]


class SupersedeForm(DecisionForm):
    kind = forms.ChoiceField(label="Soort vervanging", choices=c.SupersedeKind.choices, widget=forms.RadioSelect)
    reason = forms.CharField(label="Reden", widget=forms.Textarea(attrs={"rows": 3}))

    field_order = ["kind", "reason"]


class ConditionStatusForm(forms.Form):
    status = forms.ChoiceField(label="Nieuwe status", choices=c.ConditionStatus.choices, widget=forms.RadioSelect)
    fulfilled_by = forms.ModelChoiceField(label="Vervuld door (stuk)", queryset=Document.objects.none(), required=False)
    note = forms.CharField(label="Toelichting", widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, documents=None, **kwargs):
        super().__init__(*args, **kwargs)
        if documents is not None:
            self.fields["fulfilled_by"].queryset = documents
