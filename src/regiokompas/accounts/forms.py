"""Forms for users and access, with Dutch messages. They parse input; accounts.users writes."""

from __future__ import annotations

from django import forms

from regiokompas.accounts import permissions
from regiokompas.accounts.models import UserRole
from regiokompas.register.models import Municipality, Organisation, Trajectory

REQUIRED = "Vul dit veld in."


class UserForm(forms.Form):
    username = forms.CharField(label="Gebruikersnaam", max_length=150,
                               help_text="Letters, cijfers en @ . + - _; verandert later niet meer.")
    first_name = forms.CharField(label="Voornaam", max_length=150, required=False)
    last_name = forms.CharField(label="Achternaam", max_length=150, required=False)
    email = forms.EmailField(label="E-mailadres", required=False, error_messages={"invalid": "Vul een geldig e-mailadres in."})
    role = forms.ChoiceField(label="Rol", choices=UserRole.choices, widget=forms.RadioSelect)
    municipality = forms.ModelChoiceField(label="Gemeente", queryset=Municipality.objects.none(), required=False,
                                          empty_label="– geen gemeente –",
                                          help_text="Voor beleidsmedewerkers, griffiers en raadsleden.")
    organisation = forms.ModelChoiceField(label="Organisatie", queryset=Organisation.objects.order_by("name"), required=False,
                                          empty_label="– geen organisatie –",
                                          help_text="Voor de projectorganisatie en leden van een ondernemingsraad.")
    trajectories = forms.ModelMultipleChoiceField(label="Trajecten waaraan de gebruiker deelneemt", queryset=Trajectory.objects.none(),
                                                  required=False, widget=forms.CheckboxSelectMultiple)
    password = forms.CharField(label="Startwachtwoord", required=False, strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                               help_text="Leeg laten: u krijgt eenmalig een link waarmee de gebruiker zelf een wachtwoord instelt.")

    def __init__(self, *args, actor=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        for f in self.fields.values():
            f.error_messages["required"] = REQUIRED
        self.fields["role"].error_messages["invalid_choice"] = "Kies een van de rollen in de lijst."
        if not permissions.can_change_role(actor):
            self.fields["role"].choices = [(v, label) for v, label in UserRole.choices if v != UserRole.BEHEERDER]
            managed = [t.pk for t in Trajectory.objects.all() if permissions.can_manage_users(actor, t)]
            self.fields["trajectories"].queryset = Trajectory.objects.filter(pk__in=managed).order_by("name")
            self.fields["municipality"].queryset = Municipality.objects.filter(
                trajectory_participations__trajectory_id__in=managed, valid_to__isnull=True).distinct().order_by("name")
            self.fields["trajectories"].help_text = "De trajecten die u beheert; deelname aan andere trajecten blijft zoals die is."
        else:
            self.fields["trajectories"].queryset = Trajectory.objects.order_by("name")
            self.fields["municipality"].queryset = Municipality.objects.filter(valid_to__isnull=True).order_by("name")
        if editing:
            self.fields["username"].disabled = True
            self.fields["password"].label = "Nieuw wachtwoord"
            self.fields["password"].help_text = "Leeg laten: het wachtwoord blijft zoals het is."


class DeactivateForm(forms.Form):
    reason = forms.CharField(label="Reden", max_length=300, required=False,
                             help_text="Bijvoorbeeld: uit dienst. Wat de gebruiker vastlegde, blijft bewaard.")
