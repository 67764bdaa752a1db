from __future__ import annotations

import re

from django import forms

from regiokompas.documents.importer import EXTENSIONS
from regiokompas.documents.parsers import MAX_BYTES
from regiokompas.publications.models import Channel, LegalBasis, PublicationKind
from regiokompas.publications.services import CORRECTABLE_OUTCOMES
from regiokompas.register.constants import DocumentKind, Outcome
from regiokompas.register.dates import FuzzyDate
from regiokompas.register.forms import DutchDateField, FuzzyDateField

HEADER_FIELDS = [
    ("datum", "Datum"), ("aan", "Aan"), ("van", "Van"), ("onderwerp", "Onderwerp / titel"),
    ("portefeuillehouder", "Portefeuillehouder"), ("contact", "Inlichtingen bij"), ("kenmerk", "Kenmerk"),
]


class DraftForm(forms.Form):
    municipality = forms.ChoiceField(label="Gemeente")
    kind = forms.ChoiceField(label="Soort stuk", choices=PublicationKind.choices)
    date = DutchDateField(label="Datum van het stuk", required=False,
                          help_text="Als dd-mm-jjjj; leeg: vandaag. Portefeuillehouder en contactpersoon zijn die van deze datum.")

    def __init__(self, *args, municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = [(m.cbs_code, str(m)) for m in municipalities]


class EditForm(forms.Form):
    title = forms.CharField(label="Titel", max_length=300)

    def __init__(self, *args, header=None, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        header = header or {}
        for key, label in HEADER_FIELDS:
            self.fields[f"h_{key}"] = forms.CharField(label=label, required=False, max_length=500, initial=header.get(key, ""))
        self.section_keys = []
        for i, s in enumerate(sections):
            self.fields[f"s{i}_heading"] = forms.CharField(label=f"Kop van sectie {i + 1}", required=False, max_length=300, initial=s.heading)
            self.fields[f"s{i}_text"] = forms.CharField(
                label=f"Tekst van sectie {i + 1} ({s.heading or s.type})", required=False, widget=forms.Textarea(attrs={"rows": 8}),
                initial=s.text, help_text="Alinea's gescheiden door een lege regel; opsommingen met '- ' aan het begin van de regel.",
            )
            self.fields[f"s{i}_order"] = forms.IntegerField(label=f"Plaats van sectie {i + 1}", initial=i + 1, min_value=1, max_value=999)
            self.fields[f"s{i}_delete"] = forms.BooleanField(label=f"Sectie {i + 1} verwijderen", required=False)
            self.section_keys.append((i, s.type))
        self.fields["new_heading"] = forms.CharField(label="Kop van de nieuwe sectie", required=False, max_length=300)
        self.fields["new_text"] = forms.CharField(label="Tekst van de nieuwe sectie", required=False, widget=forms.Textarea(attrs={"rows": 4}))
        self.fields["new_order"] = forms.IntegerField(label="Plaats van de nieuwe sectie", required=False, min_value=1, max_value=999,
                                                      initial=len(sections) + 1)

    def header_values(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(f"h_{key}", "") for key, _ in HEADER_FIELDS}

    def section_values(self) -> list[tuple[str, str, str]]:
        """The sections in their new order (by the 'plaats' numbers; ties keep their old order), without
        the removed ones, with the new section (if any) at its place."""
        d = self.cleaned_data
        kept = [(d.get(f"s{i}_order") or i + 1, 0, i, (t, d.get(f"s{i}_heading", ""), d.get(f"s{i}_text", "")))
                for i, t in self.section_keys if not d.get(f"s{i}_delete")]
        if (d.get("new_text") or "").strip() or (d.get("new_heading") or "").strip():
            kept.append((d.get("new_order") or len(self.section_keys) + 1, -1, -1, ("overig", d.get("new_heading", ""), d.get("new_text", ""))))
        return [value for *_, value in sorted(kept, key=lambda x: x[:3])]

    def section_fields(self):
        return [(self[f"s{i}_heading"], self[f"s{i}_text"], self[f"s{i}_order"], self[f"s{i}_delete"]) for i, _ in self.section_keys]

    def new_section_fields(self):
        return [self["new_heading"], self["new_text"], self["new_order"]]

    def header_fields(self):
        return [self[f"h_{key}"] for key, _ in HEADER_FIELDS]


class InformationEventForm(forms.Form):
    municipality = forms.ChoiceField(label="Raad van gemeente")
    date = DutchDateField(label="Datum")
    channel = forms.ChoiceField(label="Kanaal", choices=Channel.choices)
    legal_basis = forms.ChoiceField(label="Grondslag", choices=LegalBasis.choices, initial=LegalBasis.ACTIEVE_INFORMATIEPLICHT)
    note = forms.CharField(label="Toelichting", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = [(m.cbs_code, str(m)) for m in municipalities]


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Bestand", help_text=f"Een raadsmemo, raadsinformatiebrief, nieuwsbrief of ander raadsstuk als .txt, .docx of .pdf (maximaal {MAX_BYTES // 1024 // 1024} MB).",
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(EXTENSIONS)}),
    )
    trajectory = forms.ChoiceField(
        label="Traject", required=False,
        help_text="Het traject waarvoor u het stuk inleest: ook de projectorganisatie van dat traject kan het dan bevestigen.",
    )

    def __init__(self, *args, trajectories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trajectory"].choices = [("", "geen (alleen uw eigen organisatie)")] + [(t.slug, t.name) for t in trajectories]


class ConfirmForm(forms.Form):
    """Review of an imported document: correct what was recognised, then save (it stays a concept)
    or confirm it into the register."""

    kind = forms.ChoiceField(label="Soort document", choices=DocumentKind.choices)
    date = FuzzyDateField(label="Datum van het document")
    onderwerp = forms.CharField(label="Onderwerp", max_length=300, required=False)
    sender = forms.CharField(label="Afzender", max_length=200, required=False,
                             help_text="Bijvoorbeeld 'gemeente Zutphen' of de naam van de organisatie.")
    kenmerk = forms.CharField(label="Kenmerk(en)", max_length=200, required=False,
                              help_text="Meerdere nummers gescheiden door een puntkomma.")
    municipalities = forms.CharField(label="Genoemde gemeenten (CBS-codes)", max_length=2000, required=False,
                                     help_text="Gescheiden door komma's, bijvoorbeeld GM0373, GM0361.")
    trajectory = forms.ChoiceField(label="Traject", required=False)
    gate = forms.ChoiceField(label="Besluitmoment (voor de herkende besluiten)", required=False)
    title = forms.CharField(label="Titel", max_length=300)

    def __init__(self, data=None, *args, trajectories=(), gates=(), decisions=(), **kwargs):
        if data is not None:
            # a correction the reviewer did not send keeps what was recognised (or corrected before)
            data = data.copy()
            initial = kwargs.get("initial") or {}
            keys = ["kind", "date", "onderwerp", "sender", "kenmerk", "municipalities"]
            keys += [f"{p}{i}" for i in range(len(decisions)) for p in ("o", "t")]
            for key in keys:
                if key not in data and initial.get(key) is not None:
                    value = initial[key]
                    data[key] = value.input_text() if isinstance(value, FuzzyDate) else value
        super().__init__(data, *args, **kwargs)
        self.fields["trajectory"].choices = [("", "– geen –")] + [(t.slug, str(t)) for t in trajectories]
        self.fields["gate"].choices = [("", "– geen –")] + [(str(g.pk), f"{g.trajectory}: {g}") for g in gates]
        self.decision_count = len(decisions)
        outcomes = [(o, label) for o, label in Outcome.choices if o in CORRECTABLE_OUTCOMES]
        for i, d in enumerate(decisions):
            self.fields[f"d{i}"] = forms.BooleanField(
                label=f"{d['municipality']['name']}: {d['outcome_label']}{' (' + d['date'] + ')' if d.get('date') else ''}", required=False,
                help_text=d["sentence"][:300],
            )
            self.fields[f"o{i}"] = forms.ChoiceField(label=f"Besluit van {d['municipality']['name']}", choices=outcomes,
                                                     initial=d["outcome"])
            self.fields[f"t{i}"] = FuzzyDateField(label=f"Datum van het besluit van {d['municipality']['name']}",
                                                  initial=FuzzyDate.parse_iso(d.get("date")))

    def chosen_decisions(self) -> list[int]:
        return [i for i in range(self.decision_count) if self.cleaned_data.get(f"d{i}")]

    def decision_rows(self):
        return [(self[f"d{i}"], self[f"o{i}"], self[f"t{i}"]) for i in range(self.decision_count)]

    def correction_fields(self):
        return [self[name] for name in ("kind", "date", "onderwerp", "sender", "kenmerk", "municipalities")]

    def confirm_fields(self):
        return [self[name] for name in ("trajectory", "gate", "title")]

    def corrections(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"], "date": data["date"], "onderwerp": data["onderwerp"], "sender": data["sender"],
            "kenmerk": data["kenmerk"],
            "municipalities": [code for code in re.split(r"[,;\s]+", data["municipalities"]) if code],
            "decisions": {i: {"outcome": data[f"o{i}"], "date": data[f"t{i}"]} for i in range(self.decision_count)},
        }



class CommentForm(forms.Form):
    comment = forms.CharField(label="Opmerking", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class FinaliseForm(forms.Form):
    confirm = forms.BooleanField(label="Ik bevestig dat dit stuk definitief wordt; daarna kan de tekst niet meer worden gewijzigd.",
                                 required=False)
