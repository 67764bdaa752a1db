"""From parsed Lines to the neutral Document: kind, organisation, status, header fields, sections,
attachments; plus the municipalities mentioned and the decisions recognised.

The recogniser is deliberately general: it knows the label and heading variants of many
municipalities (labels.py), copes with labels and values in separate columns, all-caps labels
without colons, repeated page headers, page numbers, checkbox remnants, missing values, sentences
broken by a page break, and Dutch dates in words."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from regiokompas.documents import labels as L
from regiokompas.documents.dates import FoundDate, find_dates, parse_date
from regiokompas.documents.decisions import RecognisedDecision, recognise_decisions
from regiokompas.documents.fields import (
    _ORG_LINE,
    Field,
    decision_block,
    first_person,
    score_kind,
    sender_from_lines,
    strip_person,
)
from regiokompas.documents.model import BulletList, Document, Paragraph, Section, Table
from regiokompas.documents.municipalities import Municipality, find_municipalities, organisation_municipality
from regiokompas.documents.parsers import Line, is_page_marker

JSON_HEADER_FIELDS = ("datum", "aan", "van", "onderwerp", "portefeuillehouder", "contact", "kenmerk")

_ORG = re.compile(r"^(?:(?P<nr>[0-9]{2}[A-Z]{1,3}\.?[0-9]{3,}\S*)\s+)?(?P<org>(?:gemeente|Gemeente|GEMEENTE)\s+\S.*|Gemeenteraad\s*:?\s*\S.*)$")
_STATUS = re.compile(r"^(concept|CONCEPT|Concept|ontwerp|ONTWERP|definitief|DEFINITIEF|Definitief)\s*(versie)?\s*$")
_PLACE_DATE = re.compile(r"^[A-Z][A-Za-z'\- ]{1,40},\s+(\d{1,2}\s+\w+\s+\d{4}|\d{1,2}[-./]\d{1,2}[-./]\d{4})\s*$")
_AAN_DE = re.compile(r"^(aan\s+(de|het)\s+.{3,120}?),?\s*$", re.IGNORECASE)
_SALUTATION = re.compile(r"^(geachte|beste|l\.s\.|dames en heren)\b", re.IGNORECASE)
_ILLUSTRATIVE = re.compile(r"^illustratief\s*:\s*(.+)$", re.IGNORECASE)
_TERMINAL = re.compile(r"[.!?:;]\s*[\"')»]*$")


@dataclass
class Recognised:
    document: Document
    municipalities: list[Municipality]
    decisions: list[RecognisedDecision]
    date: dt.date | None
    warnings: list[str] = field(default_factory=list)
    fields: dict[str, Field] = field(default_factory=dict)
    kenmerken: list[dict] = field(default_factory=list)
    besluit: dict = field(default_factory=dict)
    kind_scores: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict:
        header = {k: self.document.header.get(k) for k in JSON_HEADER_FIELDS}
        header.update({k: v for k, v in self.document.header.items() if k not in header})
        return {
            "kind": self.document.kind,
            "organisation": self.document.organisation or None,
            "status": self.document.status,
            "title": self.document.title,
            "header": header,
            "sections": [{"type": s.type, "heading": s.heading, "text": s.text} for s in self.document.sections],
            "attachments": list(self.document.attachments),
            "municipalities": [m.as_dict() for m in self.municipalities],
            "decisions": [d.as_dict() for d in self.decisions],
            "warnings": list(self.warnings),
            # every recognised field with its confidence (0-1) and the text it came from
            "fields": {name: f.as_dict() for name, f in self.fields.items()},
            "kenmerken": [dict(k) for k in self.kenmerken],
            "besluit": dict(self.besluit),
            "kind_scores": dict(self.kind_scores),
        }


def _canonical_org(text: str) -> str:
    muni = organisation_municipality(text)
    if muni is not None and re.match(r"^(gemeente|gemeenteraad)\b", text.strip(), re.IGNORECASE):
        return f"gemeente {muni.name}"
    return text.strip()


def _drop_repeated(lines: list[Line], page_headers: list[str]) -> tuple[list[Line], list[str]]:
    """Remove page markers and repeated page headers (short lines that occur several times)."""
    counts = Counter(ln.text.strip().lower() for ln in lines if ln.kind == "text" and ln.text.strip())
    repeated = {
        t for t, n in counts.items()
        if n >= 2 and len(t) <= 60 and (_ORG.match(t.capitalize()) or t.startswith("gemeente "))
    }
    out, removed = [], list(page_headers)
    first_text_seen = False
    for ln in lines:
        t = ln.text.strip()
        if ln.kind == "text" and t:
            if t.lower() in repeated:
                if not first_text_seen:
                    out.append(ln)  # keep the first occurrence at the top: it names the organisation
                    first_text_seen = True
                else:
                    removed.append(t)
                    out.append(Line("", "pagebreak"))
                continue
            if is_page_marker(t) and len(t) <= 14:
                out.append(Line("", "pagebreak"))
                continue
            first_text_seen = True
        elif ln.kind in ("title", "heading", "bullet", "row"):
            first_text_seen = True
        out.append(ln)
    return out, removed


def _is_heading_candidate(lines: list[Line], i: int, styled: bool) -> tuple[str, str] | None:
    """(type, heading) when line i starts a section, else None."""
    ln = lines[i]
    text = ln.text.strip()
    if not text:
        return None
    known = L.section_for_heading(text)
    if ln.kind == "heading":
        return (known or "tekst", _strip_colon(text))
    if ln.kind != "text" or len(text) > 90:
        return None
    if known and text[:1].isupper():
        # a known heading stands alone: next line blank, or followed by body text; a lower-case
        # line ("planning") is the wrapped end of a sentence or list item, not a heading
        return (known, _strip_colon(text))
    if ln.bold and len(text) <= 80 and not _TERMINAL.search(text):
        return ("tekst", text)
    if styled:
        return None
    # plain text: a short stand-alone line without closing punctuation, between blank lines,
    # followed by a paragraph
    words = text.split()
    question = text.endswith("?") and len(words) <= 8
    if not (1 <= len(words) <= 10) or (_TERMINAL.search(text) and not question) or text.endswith(","):
        return None
    if not text[:1].isupper() or text.isupper() and len(words) > 6:
        return None
    prev_blank = i == 0 or lines[i - 1].kind in ("blank", "pagebreak")
    j = i + 1
    if j < len(lines) and lines[j].kind not in ("blank", "pagebreak"):
        return None
    while j < len(lines) and lines[j].kind in ("blank", "pagebreak"):
        j += 1
    if not prev_blank or j >= len(lines):
        return None
    nxt = lines[j]
    if nxt.kind == "text" and (len(nxt.text) > 60 or _TERMINAL.search(nxt.text)):
        return ("tekst", text)
    if nxt.kind == "bullet":
        return ("tekst", text)
    return None


def _strip_colon(text: str) -> str:
    return re.sub(r"\s*[:：]+\s*$", "", text.strip())


def _split_label_lines(lines: list[Line]) -> list[Line]:
    out = []
    for ln in lines:
        if ln.kind == "text" and len(ln.text) < 300:
            parts = L.split_caps_labels(ln.text)
            if len(parts) > 1:
                out.extend(Line(p, "text", indent=ln.indent) for p in parts)
                continue
        out.append(ln)
    return out


class _HeaderReader:
    """Reads the header zone line by line. Each ``_on_*`` handler takes line i and returns the
    index to go on from, ``None`` when the line is not its case, or ``_STOP`` when the body starts."""

    def __init__(self, lines: list[Line]):
        self.lines = lines
        self.n = len(lines)
        self.kind: str | None = None
        self.organisation = ""
        self.status: str | None = None
        self.title = ""
        self.illustrative: str | None = None
        self.header: dict[str, str] = {}
        self.labels: dict[str, str] = {}
        self.sources: dict[str, str] = {}
        self.kenmerken: list[dict] = []
        self.pending_label: str | None = None
        self._pending_text = ""
        self.column_labels: list[str] = []
        self.kind_line = ""
        self.organisation_line = ""
        self.place = ""
        self.org_line = ""
        self._last_field = ""

    # ---- fields ------------------------------------------------------------------------------
    def set_field(self, field_name: str, value: str, label: str = "", source: str = "") -> None:
        value = value.strip().lstrip(":：").strip()
        if not value or re.fullmatch(r"[:：]+", value):
            return
        if field_name == "status":
            if re.search(r"concept|ontwerp", value, re.IGNORECASE):
                self.status = "concept"
            elif re.search(r"definitief", value, re.IGNORECASE):
                self.status = "definitief"
            return
        if field_name == "kenmerk" and re.search(r"\w", value):
            self.kenmerken.append({"label": (label or "kenmerk").strip(" :"), "value": value, "source": source or value})
        if field_name in self.header:
            if field_name in ("contact", "agendering", "kenmerk", "bijlagen") and value not in self.header[field_name]:
                self.header[field_name] += "; " + value
            return
        self.header[field_name] = value
        self._last_field = field_name
        self.labels[field_name] = label
        self.sources[field_name] = source or (f"{label}: {value}" if label else value)

    def _append(self, field_name: str, text: str) -> None:
        if field_name in self.header:
            self.header[field_name] += " " + text

    # ---- loop --------------------------------------------------------------------------------
    def read(self) -> int:
        handlers = (self._on_pending, self._on_illustrative, self._on_kind_or_org, self._on_row,
                    self._on_title_heading, self._on_secrecy, self._on_label_line, self._on_column_values,
                    self._on_split_label, self._on_place_date, self._on_addressee, self._on_letterhead,
                    self._on_first_line)
        i = 0
        while i < self.n:
            ln = self.lines[i]
            if ln.kind in ("blank", "pagebreak") or not ln.text.strip():
                i += 1
                continue
            for handler in handlers:
                nxt = handler(i, ln, ln.text.strip())
                if nxt is not None:
                    break
            if nxt is None or nxt is _STOP:
                return i
            i = nxt
        return i

    def _on_pending(self, i: int, ln: Line, text: str):
        label, self.pending_label = self.pending_label, None
        if not label or ln.kind not in ("text", "title", "heading") or L.field_for_label(text) or L.section_for_heading(text):
            return None
        value = [text]
        j = i + 1
        while j < self.n and self.lines[j].kind == "text" and self.lines[j].text.strip() and not _is_label_line(self.lines[j].text):
            value.append(self.lines[j].text.strip())
            j += 1
        self.set_field(label, " ".join(value), self._pending_text, f"{self._pending_text} {' '.join(value)}")
        return j

    def _on_illustrative(self, i: int, ln: Line, text: str):
        m = _ILLUSTRATIVE.match(text)
        if m:
            self.illustrative = m.group(1).strip()
            return i + 1
        if text.lower() == "kopgegevens":
            return i + 1
        return None

    def _on_kind_or_org(self, i: int, ln: Line, text: str):
        if not self.kind and len(text) <= 80:
            k = L.kind_for_line(text)
            if k:
                self.kind = k
                self.kind_line = text
                return i + 1
        m = _ORG.match(text)
        if m and len(text) <= 80 and not self.organisation:
            self.organisation = _canonical_org(m.group("org"))
            self.organisation_line = text
            if m.group("nr"):
                self.set_field("kenmerk", m.group("nr"))
            return i + 1
        if _STATUS.match(text):
            self.status = "concept" if re.match(r"concept|ontwerp", text, re.IGNORECASE) else "definitief"
            return i + 1
        return None

    def _continuation(self, j: int, field_name: str) -> int:
        """A value wrapped in the pdf: following indented single-cell lines."""
        while j < self.n and self.lines[j].kind == "text" and self.lines[j].indent > 40 and not L.split_label(self.lines[j].text, strict=False):
            self._append(field_name, self.lines[j].text.strip())
            j += 1
        return j

    def _on_row(self, i: int, ln: Line, text: str):
        if ln.kind != "row" or not any(ln.cells):
            return None
        cells = ln.cells
        filled = [c for c in cells if c.strip()]
        if len(filled) == 1 and not self.kind and L.kind_for_line(filled[0]):
            self.kind = L.kind_for_line(filled[0])
            self.kind_line = filled[0]
            return i + 1
        field_name = L.field_for_label(cells[0]) if cells[0] else None
        if field_name:
            value = " ".join(c for c in cells[1:] if c.strip(" :")).strip()
            self.set_field(field_name, value, cells[0], f"{cells[0]} | {value}")
            return self._continuation(i + 1, field_name)
        if not cells[0] and self.header and ln.indent > 40:
            return i + 1
        # pairs of label/value cells in one row: "Datum | 1-2-2013 | Kenmerk | X"
        pairs = [(cells[k], cells[k + 1]) for k in range(0, len(cells) - 1, 2)]
        if pairs and all(L.field_for_label(a) for a, _ in pairs):
            for a, b in pairs:
                self.set_field(L.field_for_label(a), b, a, f"{a} | {b}")
            return i + 1
        if text.lower().startswith("veld") and "waarde" in text.lower():
            return i + 1
        return _STOP

    def _on_title_heading(self, i: int, ln: Line, text: str):
        if ln.kind == "title" and not self.title:
            self.title = text
            return i + 1
        if ln.kind == "heading" and not L.section_for_heading(text) and L.field_for_label(text) is None:
            if not self.title and not self.header:
                self.title = text
                return i + 1
            return _STOP
        return None

    def _on_secrecy(self, i: int, ln: Line, text: str):
        if not re.match(r"^geheimhouding\b", text, re.IGNORECASE):
            return None
        rest = re.sub(r"^geheimhouding\s*:?\s*", "", text, flags=re.IGNORECASE)
        # checkbox remnants leave "Nee Ja": no decision can be read from both
        if rest and not (re.search(r"\bnee\b", rest, re.I) and re.search(r"\bja\b", rest, re.I)):
            self.set_field("geheimhouding", rest)
        return i + 1

    def _on_label_line(self, i: int, ln: Line, text: str):
        """A label alone on its line: labels in one column, then (colons and) values, or the value
        on the next line."""
        if ln.cells and len(ln.cells) >= 2 and all(L.field_for_label(c) for c in ln.cells):
            return self._on_label_columns(i, ln)
        field_name = L.field_for_label(text)
        if not field_name:
            return None
        heading = L.section_for_heading(text)
        if not (ln.kind in ("text", "heading") and not heading or heading and text.rstrip().endswith(":")):
            return None
        j = i + 1
        while j < self.n and self.lines[j].kind == "blank":
            j += 1
        nxt = self.lines[j].text.strip() if j < self.n else ""
        if j < self.n and L.field_for_label(nxt) and not L.section_for_heading(nxt):
            self.column_labels.append(text)
            return j
        if self.column_labels:
            self.column_labels.append(text)
            labels, self.column_labels = self.column_labels, []
            return _read_column_values(self.lines, j, labels, self.set_field)
        self.pending_label = field_name
        self._pending_text = _strip_colon(text)
        return i + 1

    def _on_label_columns(self, i: int, ln: Line):
        """'Zaaknummer    Registratienummer' over 'Z-2018-1204    R-18-33211'."""
        j = i + 1
        values = self.lines[j].cells if j < self.n else []
        if len(values) != len(ln.cells):
            return None
        for label, value in zip(ln.cells, values, strict=True):
            self.set_field(L.field_for_label(label), value, label, f"{label} {value}")
        return j + 1

    def _on_column_values(self, i: int, ln: Line, text: str):
        if not self.column_labels:
            return None
        labels, self.column_labels = self.column_labels, []
        return _read_column_values(self.lines, i, labels, self.set_field)

    def _on_split_label(self, i: int, ln: Line, text: str):
        if ln.kind != "text":
            return None
        split = L.split_label(text, strict=False) or _column_label(ln)
        if not split or (L.section_for_heading(split[1]) in L.HEADING_TO_SECTION.values() and not split[2] and split[0] == "bijlagen"):
            return None
        field_name, label, value = split
        if L.section_for_heading(text) and not value:
            return _STOP
        if not value:
            self.pending_label = field_name
            self._pending_text = label
            return i + 1
        self.set_field(field_name, value, label, text)
        return self._continuation(i + 1, field_name)

    def _on_place_date(self, i: int, ln: Line, text: str):
        if _PLACE_DATE.match(text) and "datum" not in self.header:
            self.set_field("datum", text.split(",", 1)[1].strip(), "plaats en datum", text)
            self.place = text.split(",", 1)[0].strip()
            return i + 1
        return None

    def _on_addressee(self, i: int, ln: Line, text: str):
        m = _AAN_DE.match(text)
        if m and "aan" not in self.header and len(text) <= 120 and not _TERMINAL.search(text.rstrip(",")):
            self.set_field("aan", re.sub(r"^aan\s+", "", m.group(1), flags=re.IGNORECASE).rstrip(","), "aan", text)
            return i + 1
        return None

    def _on_letterhead(self, i: int, ln: Line, text: str):
        """Address lines of a letterhead, the name of a non-municipal sender above the header, and the
        second line of an addressee."""
        if _ADDRESS.match(text):
            return i + 1
        if not self.header and not self.title and not self.org_line and _ORG_LINE.match(text) and len(text.split()) <= 9:
            self.org_line = text
            return i + 1
        if "aan" in self.header and self._last_field == "aan" and text[:1].islower() and len(text) <= 100:
            self.header["aan"] += " " + text.rstrip(",")
            return i + 1
        return None

    def _on_first_line(self, i: int, ln: Line, text: str):
        if ln.kind == "text" and not self.title and not self.header and len(text) <= 120 and not _TERMINAL.search(text) \
                and not L.section_for_heading(text):
            self.title = text
            return i + 1
        return None


_STOP = object()
_ADDRESS = re.compile(r"^(postbus|bezoekadres|postadres|telefoon|www\.|e-?mail)\b|^\d{4}\s?[A-Z]{2}\b"
                      r"|^[A-Z][\w.'-]*(straat|weg|plein|laan|singel|kade|gracht|markt|dijk)\s+\d+", re.IGNORECASE)


def _is_label_line(text: str) -> bool:
    t = text.strip()
    return bool(L.field_for_label(t) or L.split_label(t, strict=True))


def _column_label(ln: Line) -> tuple[str, str, str] | None:
    """'Onderwerp         Deelname ...': a label and its value separated by a wide gap."""
    if len(ln.cells) >= 2 and L.field_for_label(ln.cells[0]):
        return L.field_for_label(ln.cells[0]), ln.cells[0], " ".join(ln.cells[1:])
    return None


def _read_sections(body_lines: list[Line], styled: bool, illustrative: str | None) -> tuple[list[Section], str | None]:
    sections_raw: list[dict] = []
    current: dict | None = None
    for k, ln in enumerate(body_lines):
        text = ln.text.strip()
        if ln.kind in ("blank", "pagebreak") or not text:
            if current is not None:
                current["items"].append(("break", ln.kind))
            continue
        m = _ILLUSTRATIVE.match(text)
        if m and illustrative is None:
            illustrative = m.group(1).strip()
            continue
        cand = _is_heading_candidate(body_lines, k, styled)
        if cand:
            current = {"type": cand[0], "heading": cand[1], "items": []}
            sections_raw.append(current)
            continue
        if current is None:
            current = {"type": "tekst", "heading": "", "items": []}
            sections_raw.append(current)
        current["items"].append(("text", text) if ln.kind == "title" else (ln.kind, ln))
    sections = [Section(raw["type"], raw["heading"], _blocks(raw["items"])) for raw in sections_raw]
    # drop an empty leading free-text section
    return [s for s in sections if s.blocks or s.heading], illustrative


def _attachments(sections: list[Section]) -> list[str]:
    """Attachments from the bijlagen section (list items or lines)."""
    attachments: list[str] = []
    for s in sections:
        if s.type != "bijlagen":
            continue
        for b in s.blocks:
            if isinstance(b, BulletList):
                attachments.extend(str(x) for x in b.items if not isinstance(x, BulletList))
            elif isinstance(b, Paragraph):
                attachments.append(b.text)
    return attachments


_SIGNATURE_ORG = re.compile(r"\b(?:gemeente)?raad van (?:de gemeente )?(.+?)[,.]?$|\bburgemeester en wethouders van (?:de gemeente )?(.+?)[,.]?$",
                            re.IGNORECASE)
_GEMEENTE_NAME = re.compile(r"\bgemeente\s+([A-Z][\w'-]+(?:\s+(?:op|aan|en|de|den|van)\s+[A-Z][\w'-]+)?)")


def _find_organisation(organisation: str, removed: list[str], lines: list[Line], aan: str, full_text: str) -> str:
    if organisation:
        return organisation
    for h in removed:
        m = _ORG.match(h)
        if m:
            return _canonical_org(m.group("org"))
    # the addressee ("de gemeenteraad van Heiloo") or the signature ("burgemeester en wethouders van Heiloo")
    for cand in [aan] + [ln.text for ln in lines[-30:] if ln.text]:
        m = _SIGNATURE_ORG.search(cand.strip())
        muni = organisation_municipality("gemeente " + (m.group(1) or m.group(2))) if m else None
        if muni:
            return f"gemeente {muni.name}"
    for name, _ in Counter(m.group(1) for m in _GEMEENTE_NAME.finditer(full_text)).most_common():
        muni = organisation_municipality(name)
        if muni:
            return f"gemeente {muni.name}"
    return ""


def _document_date(header: dict[str, str], lines: list[Line], body_start: int, warnings: list[str]) -> dt.date | None:
    if "datum" in header:
        found = find_dates(header["datum"])
        if found:
            header["datum"] = found[0].iso
            return found[0].date
        warnings.append(f"De datum '{header['datum']}' is niet herkend.")
    head_text = " ".join(ln.text for ln in lines[: body_start + 5] if ln.text)
    return parse_date(head_text)


def recognise(lines: list[Line], *, page_headers: list[str] | None = None, styled: bool = False) -> Recognised:
    lines, removed_headers = _drop_repeated(lines, page_headers or [])
    lines = _split_label_lines(lines)
    warnings: list[str] = []
    reader = _HeaderReader(lines)
    body_start = reader.read()
    header = reader.header
    sections, illustrative = _read_sections(lines[body_start:], styled, reader.illustrative)
    attachments = _attachments(sections)
    full_text = "\n".join([reader.title] + list(header.values()) + [s.text for s in sections])
    organisation = _find_organisation(reader.organisation, removed_headers + (page_headers or []), lines,
                                      header.get("aan", ""), full_text)
    doc_date = _document_date(header, lines, body_start, warnings)
    kind, kind_field = _kind(reader, lines, warnings)
    title = reader.title or header.get("onderwerp") or _kind_title(kind)
    document = Document(
        kind=kind, title=title, organisation=organisation, status=reader.status or "definitief", header=header,
        sections=sections, attachments=attachments, illustrative_note=illustrative,
    )
    # ---- municipalities and decisions ------------------------------------------------------------
    municipalities = find_municipalities("\n".join([organisation, full_text]), on=doc_date)
    issuer = organisation_municipality(organisation) if organisation else None
    decisions = recognise_decisions(sections, issuer=issuer, doc_date=doc_date, kind=kind)
    for d in decisions:
        if all(m.code != d.municipality.code for m in municipalities):
            municipalities.append(d.municipality)
    if not sections:
        warnings.append("Er zijn geen secties herkend.")
    found_date = _dated_field(reader, lines, kind)
    besluit = decision_block(lines, kind, reader.kind_line + " " + title, found_date[0])
    if besluit["type"] == "proposal":
        decisions = [d for d in decisions if not _in_points(d.sentence, besluit["points"])]
    fields = _fields(reader, kind_field, found_date, organisation, lines, kind)
    return Recognised(document, municipalities, decisions, doc_date, [w for w in warnings if w], fields=fields,
                      kenmerken=list(reader.kenmerken), besluit=besluit, kind_scores=kind_field.extra.pop("scores", {}))


def _in_points(sentence: str, points: list[str]) -> bool:
    return any(p and (p in sentence or sentence in p) for p in points)


def _kind(reader: _HeaderReader, lines: list[Line], warnings: list[str]) -> tuple[str, Field]:
    scored, confidence, source, scores = score_kind(lines)
    kind = reader.kind
    if kind in (None, "brief", "raadsvoorstel", "raadsbesluit", "collegebesluit", "memo", "raadsinformatiebrief",
                "digitale_nieuwsbrief") and scored:
        kind = scored
    if not kind:
        kind = "brief" if any(_SALUTATION.match(ln.text.strip()) for ln in lines[:80] if ln.text) else "other"
        confidence, source = (0.4, "aanhef") if kind == "brief" else (0.0, "")
        if kind == "other":
            warnings.append("De soort document is niet herkend uit een kopregel.")
    elif kind != scored:
        confidence, source = 0.7, reader.kind_line
    return kind, Field(kind, confidence, source, {"scores": scores})


_ADOPTED = re.compile(r"\b(?:vastgesteld|besloten)\b.{0,80}?vergadering\b.{0,160}", re.I)
_READ_PROPOSAL = re.compile(r"^gelezen het voorstel\b.{0,160}", re.I)


def _dated_field(reader: _HeaderReader, lines: list[Line], kind: str):
    """(FoundDate or None, source): the date of the document with its precision."""
    texts = [ln.text.strip() for ln in lines if ln.text.strip()]
    if kind == "raadsbesluit":
        # "Aldus vastgesteld in de openbare vergadering van ...", perhaps wrapped over lines
        m = _ADOPTED.search(" ".join(texts))
        found = find_dates(m.group(0)) if m else []
        if found:
            return found[0], m.group(0)[: found[0].end]
    if "datum" in reader.header:
        found = find_dates(reader.header["datum"])
        year = re.fullmatch(r"\s*((?:19|20)\d{2})\s*", reader.header["datum"])
        if year:
            found = [FoundDate(dt.date(int(year.group(1)), 1, 1), "year", 0, 4, year.group(1))]
        if found:
            return found[0], reader.sources.get("datum", "")
    for text in texts[:6]:
        found = find_dates(text)
        if found and len(text) <= 80:
            return found[0], text
    if kind == "raadsbesluit":
        for text in texts:
            found = find_dates(text) if _READ_PROPOSAL.match(text) else []
            if found:
                return found[0], text
    return None, ""


_BIJLAGE_SUBJECT = re.compile(r"^bijlage\b.*?\b(?:bij|behorend bij)\s+(?:het\s+|de\s+)?(?:raadsvoorstel|voorstel|besluit|raadsbesluit|brief|memo)\s*:?\s*(?P<s>.+)$", re.I)


def _onderwerp(reader: _HeaderReader) -> tuple[str | None, float, str]:
    if reader.header.get("onderwerp"):
        return reader.header["onderwerp"], 0.9, reader.sources.get("onderwerp", "")
    m = _BIJLAGE_SUBJECT.match(reader.kind_line or "")
    if m:
        return m.group("s").strip(), 0.75, reader.kind_line
    if reader.title:
        return reader.title, 0.6, reader.title
    return None, 0.0, ""


def _fields(reader: _HeaderReader, kind_field: Field, found_date, organisation: str, lines: list[Line], kind: str) -> dict[str, Field]:
    date, date_source = found_date
    fields = {"soort": kind_field}
    fields["datum"] = Field(date.iso if date else None, 0.9 if date and date_source else 0.0, date_source,
                            {"precision": date.precision if date else "unknown"})
    value, conf, source = _onderwerp(reader)
    fields["onderwerp"] = Field(value, conf, source)
    sender, conf, source = sender_from_lines(reader.org_line, organisation)
    fields["afzender"] = Field(sender or None, conf, source)
    holder = strip_person(reader.header.get("portefeuillehouder", ""))
    fields["portefeuillehouder"] = Field(holder or None, 0.85 if holder else 0.0, reader.sources.get("portefeuillehouder", ""))
    contact = first_person(reader.header.get("contact", ""))
    fields["contact"] = Field(contact or None, 0.8 if contact else 0.0, reader.sources.get("contact", ""))
    numbers = [k["value"] for k in reader.kenmerken]
    fields["kenmerk"] = Field("; ".join(numbers) or None, 0.85 if numbers else 0.0,
                              "\n".join(k["source"] for k in reader.kenmerken))
    return fields


def _kind_title(kind: str) -> str:
    from regiokompas.documents.model import KIND_NAMES

    return KIND_NAMES.get(kind, "document").capitalize()


def _read_column_values(lines: list[Line], i: int, labels: list[str], set_field) -> int:
    """After a column of labels: skip lines of only colons, then take one value per label."""
    n = len(lines)
    values: list[str] = []
    while i < n and len(values) < len(labels):
        t = lines[i].text.strip()
        if lines[i].kind in ("blank", "pagebreak") or not t:
            i += 1
            continue
        if re.fullmatch(r"[:：]+", t):
            i += 1
            continue
        if L.section_for_heading(t) and not L.field_for_label(t) or lines[i].kind == "heading":
            break
        values.append(t.lstrip(": ").strip())
        i += 1
    for label, value in zip(labels, values, strict=False):
        set_field(L.field_for_label(label), value, label)
    return i


def _blocks(items: list[tuple]) -> list:
    """Section items (text lines, bullets, rows, breaks) to model blocks. Lines without a blank in
    between form one paragraph; a paragraph broken by a page break or blank lines continues when it
    did not end a sentence and the next line starts in lower case."""
    blocks: list = []
    para: list[str] = []
    bullets: list[tuple[int, str]] = []
    rows: list[list[str]] = []
    broken = False

    def flush_para():
        nonlocal para
        if para:
            blocks.append(Paragraph(" ".join(para)))
            para = []

    def flush_bullets():
        nonlocal bullets
        if bullets:
            blocks.append(_nest(bullets))
            bullets = []

    def flush_rows():
        nonlocal rows
        if rows:
            header, body = rows[0], rows[1:]
            blocks.append(Table("", header, body))
            rows = []

    for kind, value in items:
        if kind == "break":
            broken = True
            continue
        if kind == "text":
            text = value.text.strip() if isinstance(value, Line) else str(value)
            flush_rows()
            indented = isinstance(value, Line) and value.indent > 3
            if bullets and not broken and (text[:1].islower() or indented):
                # a bullet item that wrapped onto the next line
                lvl, prev = bullets[-1]
                bullets[-1] = (lvl, prev + " " + text)
                continue
            flush_bullets()
            if para and broken and not (not _TERMINAL.search(para[-1]) and text[:1].islower()):
                flush_para()
            elif not para and broken and blocks and isinstance(blocks[-1], Paragraph) and not _TERMINAL.search(blocks[-1].text) and text[:1].islower():
                prev = blocks.pop()
                para = [prev.text]
            para.append(text)
            broken = False
        elif kind == "bullet":
            flush_para()
            flush_rows()
            bullets.append((value.level, value.text.strip()))
            broken = False
        elif kind == "row":
            flush_para()
            flush_bullets()
            rows.append(list(value.cells))
            broken = False
    flush_para()
    flush_bullets()
    flush_rows()
    return blocks


def _nest(items: list[tuple[int, str]]) -> BulletList:
    root = BulletList([])
    stack: list[tuple[int, BulletList]] = [(items[0][0] if items else 0, root)]
    for level, text in items:
        while len(stack) > 1 and level < stack[-1][0]:
            stack.pop()
        cur_level, cur = stack[-1]
        if level > cur_level and cur.items and not isinstance(cur.items[-1], BulletList):
            child = BulletList([])
            cur.items.append(child)
            stack.append((level, child))
            cur = child
        cur.items.append(text)
    return root
