"""Forms for consultations, advice and council procedures (Dutch). They parse input; the services
validate the domain rules and write."""

from __future__ import annotations

from django import forms

from regiokompas.planning import constants as pc
from regiokompas.planning.models import ConsultationBody
from regiokompas.register.forms import DutchDateField
from regiokompas.register.models import Gate, Municipality, Organisation


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
