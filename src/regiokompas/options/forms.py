"""Forms with Dutch messages. They parse and check input; services do the writing."""

from __future__ import annotations

import re

from django import forms

from regiokompas import formatting
from regiokompas.options.models import CommonMeasure, Criterion, ExecutionForm, Score, StatementKind, Variant
from regiokompas.options.problem import Statement
from regiokompas.register.forms import DutchDateField, FuzzyDateField
from regiokompas.register.models import JointArrangement


class NumberField(forms.FloatField):
    """A number typed the Dutch way (3,4) or with a point (3.4)."""

    default_error_messages = {"invalid": "Vul een getal in, bijvoorbeeld 3,4."}

    def __init__(self, **kwargs):
        kwargs.setdefault("localize", True)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "size": 10}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        """Shown the Dutch way whatever the browser's language: 2,5 rather than 2.5."""
        if isinstance(value, float):
            return formatting.input_number(value)
        return value

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(" ", "")
            if value.count(",") == 1 and "." not in value:
                value = value.replace(",", ".")
        return super().to_python(value)


class VariantForm(forms.ModelForm):
    class Meta:
        model = Variant
        fields = ["number", "name", "description", "scope", "wgr_form", "existing_organisations_role", "transition_notes",
                  "source", "illustrative"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "scope": forms.Textarea(attrs={"rows": 4}),
            "existing_organisations_role": forms.Textarea(attrs={"rows": 3}),
            "transition_notes": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {"name": {"required": "Geef de variant een naam."}, "number": {"required": "Geef de variant een nummer."}}


class VariantComponentForm(forms.Form):
    """One task of a variant in a form and a phase."""

    phase = forms.IntegerField(label="Fase", min_value=1, initial=1, help_text="1 voor de eerste fase, 2 voor de volgende.",
                               error_messages={"min_value": "De fase is een volgnummer vanaf 1.", "invalid": "Vul een volgnummer in."})
    phase_label = forms.CharField(label="Naam van de fase", max_length=100, required=False, help_text="Bijvoorbeeld: nu, vanaf 2027.")
    phase_start = FuzzyDateField(label="Fase begint")
    task = forms.CharField(label="Taak", max_length=200, help_text="Bijvoorbeeld: Participatiewet, Wsw, schuldhulpverlening.",
                           error_messages={"required": "Geef de taak van dit onderdeel."})
    form = forms.ChoiceField(label="Vorm", choices=ExecutionForm.choices)
    arrangement = forms.ModelChoiceField(label="Bestaande regeling", queryset=JointArrangement.objects.order_by("name"), required=False,
                                         help_text="Alleen als de taak naar een bestaande regeling gaat.")
    note = forms.CharField(label="Toelichting", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    source = forms.CharField(label="Bron", max_length=500, required=False)


class CommonMeasureForm(forms.ModelForm):
    class Meta:
        model = CommonMeasure
        fields = ["title", "description", "source", "illustrative"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"title": {"required": "Geef de maatregel een titel."}}


class CriterionForm(forms.ModelForm):
    scale_min = NumberField(label="Schaal van")
    scale_max = NumberField(label="Schaal tot")
    labels_text = forms.CharField(
        label="Betekenis van schaalwaarden", required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Optioneel, één per regel, bijvoorbeeld: 1 = zeer ongunstig",
    )

    class Meta:
        model = Criterion
        fields = ["code", "name", "definition", "unit", "scale_min", "scale_max", "direction", "order", "source", "illustrative"]
        widgets = {"definition": forms.Textarea(attrs={"rows": 3}), "direction": forms.RadioSelect}
        error_messages = {"unit": {"required": "Geef een eenheid op."}, "name": {"required": "Geef het criterium een naam."}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance and self.instance.scale_labels:
            self.initial.setdefault("labels_text", "\n".join(f"{k} = {v}" for k, v in self.instance.scale_labels.items()))

    def clean_labels_text(self):
        result = {}
        for n, line in enumerate(self.cleaned_data.get("labels_text", "").splitlines(), 1):
            if not line.strip():
                continue
            if "=" not in line:
                raise forms.ValidationError(f"Regel {n}: schrijf 'waarde = omschrijving'.")
            key, text = (p.strip() for p in line.split("=", 1))
            result[key] = text
        return result

    def clean(self):
        data = super().clean()
        lo, hi = data.get("scale_min"), data.get("scale_max")
        if lo is not None and hi is not None and hi <= lo:
            self.add_error("scale_max", "Het einde van de schaal moet boven het begin liggen.")
        return data


class ScoreForm(forms.ModelForm):
    low = NumberField(label="Laag", required=False)
    most_likely = NumberField(label="Meest waarschijnlijk (of exacte waarde)", required=False)
    high = NumberField(label="Hoog", required=False)
    evidence_date = DutchDateField(label="Datum onderbouwing", required=False)

    class Meta:
        model = Score
        fields = ["kind", "low", "most_likely", "high", "unit", "evidence_document", "evidence_page", "evidence_source",
                  "evidence_author", "evidence_date", "pros", "cons", "argument", "source", "illustrative"]
        widgets = {
            "kind": forms.RadioSelect,
            "pros": forms.Textarea(attrs={"rows": 3}),
            "cons": forms.Textarea(attrs={"rows": 3}),
            "argument": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "unit": "Moet gelijk zijn aan de eenheid van het criterium.",
            "evidence_source": "Zonder document of bron heet de score 'niet onderbouwd'.",
        }

    def __init__(self, *args, documents=None, **kwargs):
        super().__init__(*args, **kwargs)
        if documents is not None:
            self.fields["evidence_document"].queryset = documents
        self.fields["evidence_document"].required = False

    def clean(self):
        data = super().clean()
        lo, ml, hi = data.get("low"), data.get("most_likely"), data.get("high")
        if lo is not None and hi is not None and hi < lo:
            self.add_error("high", f"De hoge waarde ({formatting.number(hi, significant=6)}) ligt onder de lage waarde ({formatting.number(lo, significant=6)}).")
        elif ml is not None and data.get("kind") in ("pert", "triangular") and lo is not None and hi is not None and not lo <= ml <= hi:
            self.add_error("most_likely", "De meest waarschijnlijke waarde moet tussen laag en hoog liggen.")
        return data


RANGE_RE = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*(?:(?:-|–|tot)\s*(\d+(?:[.,]\d+)?))?\s*$")
RATIO_RE = re.compile(r"^\s*([\w-]+)\s*/\s*([\w-]+)\s*:\s*(\d+(?:[.,]\d+)?)\s*(?:(?:-|–|tot)\s*(\d+(?:[.,]\d+)?))?\s*$")


def _f(text: str) -> float:
    return float(text.replace(",", "."))


class PreferenceForm(forms.Form):
    """Ranking, swing points and weight intervals per criterion, plus ratio lines."""

    def __init__(self, *args, criteria=(), statements=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        n = len(self.criteria)
        for c in self.criteria:
            self.fields[f"rank_{c.code}"] = forms.IntegerField(
                label=f"Plaats van {c.name}", required=False, min_value=1, max_value=n,
                error_messages={"min_value": f"Een plaats ligt tussen 1 en {n}.", "max_value": f"Een plaats ligt tussen 1 en {n}.",
                                "invalid": "Vul een geheel getal in."},
                widget=forms.NumberInput(attrs={"size": 4}),
            )
            self.fields[f"swing_{c.code}"] = forms.CharField(label=f"Swingpunten voor {c.name}", required=False, max_length=20,
                                                              widget=forms.TextInput(attrs={"size": 8}))
            self.fields[f"min_{c.code}"] = NumberField(label=f"Minimaal gewicht van {c.name} (%)", required=False, min_value=0, max_value=100)
            self.fields[f"max_{c.code}"] = NumberField(label=f"Maximaal gewicht van {c.name} (%)", required=False, min_value=0, max_value=100)
        self.fields["ratios"] = forms.CharField(
            label="Verhoudingen tussen criteria", required=False, widget=forms.Textarea(attrs={"rows": 3}),
            help_text="Optioneel, één per regel als 'code / code: ondergrens - bovengrens', bijvoorbeeld 'eff / fin: 1 - 3' "
                      "(effectiviteit is 1 tot 3 keer zo belangrijk als financiële gevolgen).",
        )
        self.fields["note"] = forms.CharField(label="Toelichting", required=False, widget=forms.Textarea(attrs={"rows": 3}))
        if not self.is_bound:
            self.initial.update(self.initial_from(statements))

    def initial_from(self, statements) -> dict:
        initial: dict = {}
        ratios = []
        for st in statements:
            d = st.data
            if st.kind == StatementKind.RANKING:
                for place, group in enumerate(d.get("order", []), 1):
                    for code in group:
                        initial[f"rank_{code}"] = place
            elif st.kind == StatementKind.SWING:
                for code, v in d.get("points", {}).items():
                    initial[f"swing_{code}"] = f"{v[0]:g}-{v[1]:g}" if isinstance(v, list) else f"{v:g}"
            elif st.kind == StatementKind.INTERVAL:
                initial[f"min_{d['criterion']}"] = round(d.get("min", 0) * 100, 4)
                initial[f"max_{d['criterion']}"] = round(d.get("max", 1) * 100, 4)
            elif st.kind == StatementKind.RATIO:
                ratios.append(f"{d['numerator']} / {d['denominator']}: {d['min']:g} - {d['max']:g}")
            elif st.kind == StatementKind.EXACT:
                for code, w in d.get("weights", {}).items():
                    initial[f"min_{code}"] = initial[f"max_{code}"] = round(w * 100, 4)
        initial["ratios"] = "\n".join(ratios)
        return initial

    def clean(self):
        data = super().clean()
        for c in self.criteria:
            raw = (data.get(f"swing_{c.code}") or "").strip()
            if raw and not RANGE_RE.match(raw):
                self.add_error(f"swing_{c.code}", "Vul een getal (bijvoorbeeld 60) of een bandbreedte (bijvoorbeeld 60-80) in.")
            lo, hi = data.get(f"min_{c.code}"), data.get(f"max_{c.code}")
            if lo is not None and hi is not None and lo > hi:
                self.add_error(f"max_{c.code}", f"Het maximum ({formatting.number(hi, significant=6)} %) ligt onder het minimum ({formatting.number(lo, significant=6)} %).")
        codes = {c.code for c in self.criteria}
        for n, line in enumerate((data.get("ratios") or "").splitlines(), 1):
            if not line.strip():
                continue
            match = RATIO_RE.match(line)
            if not match:
                self.add_error("ratios", f"Regel {n} begrijp ik niet: schrijf bijvoorbeeld 'eff / fin: 1 - 3'.")
            elif match.group(1) not in codes or match.group(2) not in codes:
                self.add_error("ratios", f"Regel {n}: onbekende code. Gebruik: {', '.join(sorted(codes))}.")
        return data

    def statements(self) -> list[Statement]:
        """The entered statements, in a fixed order: ranking, swing, intervals, ratios."""
        data = self.cleaned_data
        out: list[Statement] = []
        places: dict[int, list[str]] = {}
        for c in self.criteria:
            if data.get(f"rank_{c.code}") is not None:
                places.setdefault(data[f"rank_{c.code}"], []).append(c.code)
        if places:
            out.append(Statement(StatementKind.RANKING, {"order": [places[k] for k in sorted(places)]}))
        points = {}
        for c in self.criteria:
            raw = (data.get(f"swing_{c.code}") or "").strip()
            match = RANGE_RE.match(raw) if raw else None
            if match:
                lo = _f(match.group(1))
                points[c.code] = [lo, _f(match.group(2))] if match.group(2) else lo
        if points:
            out.append(Statement(StatementKind.SWING, {"points": points}))
        for c in self.criteria:
            lo, hi = data.get(f"min_{c.code}"), data.get(f"max_{c.code}")
            if lo is not None or hi is not None:
                out.append(Statement(StatementKind.INTERVAL, {"criterion": c.code, "min": (lo or 0) / 100,
                                                              "max": (100 if hi is None else hi) / 100}))
        for line in (data.get("ratios") or "").splitlines():
            match = RATIO_RE.match(line) if line.strip() else None
            if match:
                lo = _f(match.group(3))
                out.append(Statement(StatementKind.RATIO, {"numerator": match.group(1), "denominator": match.group(2), "min": lo,
                                                           "max": _f(match.group(4)) if match.group(4) else lo}))
        return out


class RunForm(forms.Form):
    samples = forms.IntegerField(label="Aantal trekkingen", initial=10_000, min_value=100, max_value=1_000_000,
                                 error_messages={"min_value": "Kies ten minste 100 trekkingen.", "max_value": "Kies ten hoogste 1.000.000 trekkingen.",
                                                 "invalid": "Vul een geheel getal in."})
    seed = forms.IntegerField(label="Startwaarde toevalsgenerator (seed)", required=False, min_value=0,
                              help_text="Leeg laten voor een nieuwe willekeurige startwaarde; die wordt bij de analyse bewaard.",
                              error_messages={"min_value": "De startwaarde is 0 of meer.", "invalid": "Vul een geheel getal in."})
    pooled_weighting = forms.ChoiceField(label="Weging van gemeenten in de gezamenlijke uitkomst", widget=forms.RadioSelect,
                                         choices=[("equal", "elke gemeente even zwaar"), ("inhabitants", "naar inwonertal")], initial="equal")
    label = forms.CharField(label="Omschrijving", required=False, max_length=300)
