from __future__ import annotations

from django import forms

from regiokompas import formatting
from regiokompas.conf.limits import limit
from regiokompas.register.forms import FuzzyDateField
from regiokompas.register.models import Municipality
from regiokompas.search.models import EntryKind
from regiokompas.search.service import parse_words


class SearchForm(forms.Form):
    q = forms.CharField(label="Zoek in het dossier", required=False, strip=True)
    soort = forms.ChoiceField(label="Soort", required=False, choices=[("", "alle soorten"), *EntryKind.choices],
                              error_messages={"invalid_choice": "Kies een soort uit de lijst."})
    gemeente = forms.ChoiceField(label="Gemeente", required=False,
                                 error_messages={"invalid_choice": "Kies een gemeente uit de lijst."})
    van = FuzzyDateField(label="Datum vanaf", help_text="dd-mm-jjjj, mm-jjjj of jjjj")
    tot = FuzzyDateField(label="Datum tot en met", help_text="dd-mm-jjjj, mm-jjjj of jjjj")
    pagina = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput,
                                error_messages={"invalid": "Het paginanummer is geen geheel getal.",
                                                "min_value": "Het paginanummer is 1 of hoger."})

    def __init__(self, *args, municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].choices = [("", "alle gemeenten"), *((m.cbs_code, m.name) for m in municipalities)]

    def clean_q(self):
        text = self.cleaned_data["q"]
        maximum = limit("REGIOKOMPAS_MAX_SEARCH_CHARS")
        if len(text) > maximum:
            raise forms.ValidationError(f"De zoekvraag is {formatting.number(len(text))} tekens lang; het maximum is {formatting.number(maximum)} tekens.")
        if text and not parse_words(text):
            raise forms.ValidationError("Geef ten minste één woord met letters of cijfers.")
        return text

    def clean_gemeente(self):
        code = self.cleaned_data["gemeente"]
        return Municipality.objects.filter(cbs_code=code).first() if code else None

    def clean(self):
        data = super().clean()
        start, end = data.get("van"), data.get("tot")
        if start and end and start.known and end.known and start.earliest > end.latest:
            self.add_error("tot", "De datum tot en met ligt vóór de datum vanaf.")
        return data
