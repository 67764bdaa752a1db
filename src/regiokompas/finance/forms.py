"""Forms for the cost model. They only parse input; finance.services validates and saves."""

from __future__ import annotations

from django import forms

from regiokompas.accounts import permissions
from regiokompas.finance.build import municipalities, settings_of
from regiokompas.finance.models import AllocationKey, CostItem, CostSettings, CurrentCost, KeyMethod
from regiokompas.register.forms import DateTextInput, DutchDateField
from regiokompas.register.models import Document, Municipality

VOLUME_METHODS = [KeyMethod.PER_INHABITANT, KeyMethod.PER_CLIENT, KeyMethod.PER_USAGE, KeyMethod.HISTORICAL, KeyMethod.BUDGET]


class CostItemForm(forms.ModelForm):
    class Meta:
        model = CostItem
        fields = ["code", "name", "category", "behaviour", "driver", "per_unit", "scale_exponent", "low", "likely", "high",
                  "first_year", "last_year", "allocation_key", "members", "binding", "argument", "evidence_document",
                  "evidence_page", "source", "illustrative"]
        widgets = {"category": forms.RadioSelect, "behaviour": forms.RadioSelect, "members": forms.CheckboxSelectMultiple,
                   "argument": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, trajectory, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        keys = AllocationKey.objects.filter(trajectory=trajectory)
        self.fields["driver"].queryset = keys.filter(method__in=VOLUME_METHODS)
        self.fields["allocation_key"].queryset = keys
        self.fields["allocation_key"].help_text = "Leeg: de standaardsleutel voor deze soort kosten."
        settings = settings_of(trajectory)
        ids = [m.pk for m in municipalities(trajectory, settings)] if settings else []
        self.fields["members"].queryset = Municipality.objects.filter(pk__in=ids)
        self.fields["members"].help_text = "Leeg: alle deelnemers."
        documents = Document.objects.filter(trajectory=trajectory)
        # only documents that the user may see are offered (and accepted) as evidence
        self.fields["evidence_document"].queryset = permissions.visible_documents(user, documents) if user is not None else documents


def value_field_name(municipality: Municipality) -> str:
    return f"waarde_{municipality.cbs_code}"


class AllocationKeyForm(forms.ModelForm):
    """A key with, for methods that store them, one value per municipality (``waarde_<CBS-code>``).
    Empty value fields are left out; finance.services refuses what does not add up."""

    class Meta:
        model = AllocationKey
        fields = ["code", "name", "method", "reference_date", "unit", "fixed_fraction", "fixed_part", "variable_part",
                  "description", "source", "illustrative"]
        field_classes = {"reference_date": DutchDateField}
        widgets = {"method": forms.RadioSelect, "reference_date": DateTextInput(),
                   "description": forms.Textarea(attrs={"rows": 3}), "source": forms.TextInput}

    def __init__(self, *args, trajectory, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].required = True
        self.fields["reference_date"].help_text = ("De datum waarop inwonertallen, volumes, aandelen of percentages betrekking "
                                                   "hebben. Verplicht, behalve bij gelijke delen en vast + variabel deel.")
        self.fields["fixed_fraction"].help_text = "Alleen bij vast deel + variabel deel: bijvoorbeeld 0.3 voor 30 % vast."
        simple = AllocationKey.objects.filter(trajectory=trajectory).exclude(method=KeyMethod.FIXED_PLUS_VARIABLE)
        if self.instance.pk:
            simple = simple.exclude(pk=self.instance.pk)
        self.fields["fixed_part"].queryset = simple
        self.fields["variable_part"].queryset = simple
        settings = settings_of(trajectory)
        munis = {m.pk: m for m in (municipalities(trajectory, settings) if settings else [])}
        stored = {}
        if self.instance.pk:
            for v in self.instance.values.select_related("municipality"):
                munis.setdefault(v.municipality_id, v.municipality)
                stored[v.municipality_id] = v.value
        self.municipalities = sorted(munis.values(), key=lambda m: m.name)
        for m in self.municipalities:
            value = stored.get(m.pk)
            self.fields[value_field_name(m)] = forms.CharField(
                label=f"Waarde voor {m.name}", required=False, initial=None if value is None else f"{value.normalize():f}",
                help_text="Volume, aandeel, begroting of percentage. Niet nodig bij per inwoner en gelijke delen.",
                widget=forms.TextInput(attrs={"inputmode": "decimal"}))

    def values(self) -> dict:
        out = {}
        for m in self.municipalities:
            raw = (self.cleaned_data.get(value_field_name(m)) or "").strip()
            if raw:
                out[m] = raw
        return out


class CostSettingsForm(forms.ModelForm):
    class Meta:
        model = CostSettings
        fields = ["start_year", "years", "indexation", "samples", "seed", "structural_key", "transition_key", "deficit_key",
                  "note", "source", "illustrative"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3}), "source": forms.TextInput}

    def __init__(self, *args, trajectory, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        keys = AllocationKey.objects.filter(trajectory=trajectory)
        for name in ("structural_key", "transition_key", "deficit_key"):
            self.fields[name].queryset = keys


class CurrentCostForm(forms.ModelForm):
    class Meta:
        model = CurrentCost
        fields = ["municipality", "low", "likely", "high", "source", "illustrative"]
        widgets = {"source": forms.TextInput}

    def __init__(self, *args, trajectory, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].required = True
        settings = settings_of(trajectory)
        ids = [m.pk for m in municipalities(trajectory, settings)] if settings else []
        self.fields["municipality"].queryset = Municipality.objects.filter(pk__in=ids)
        if self.instance.pk:
            self.fields["municipality"].disabled = True
