"""Forms for the cost model. They only parse input; finance.services validates and saves."""

from __future__ import annotations

from django import forms

from regiokompas.finance.build import municipalities, settings_of
from regiokompas.finance.models import AllocationKey, CostItem, KeyMethod
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

    def __init__(self, *args, trajectory, **kwargs):
        super().__init__(*args, **kwargs)
        keys = AllocationKey.objects.filter(trajectory=trajectory)
        self.fields["driver"].queryset = keys.filter(method__in=VOLUME_METHODS)
        self.fields["allocation_key"].queryset = keys
        self.fields["allocation_key"].help_text = "Leeg: de standaardsleutel voor deze soort kosten."
        settings = settings_of(trajectory)
        ids = [m.pk for m in municipalities(trajectory, settings)] if settings else []
        self.fields["members"].queryset = Municipality.objects.filter(pk__in=ids)
        self.fields["members"].help_text = "Leeg: alle deelnemers."
        self.fields["evidence_document"].queryset = Document.objects.filter(trajectory=trajectory)
