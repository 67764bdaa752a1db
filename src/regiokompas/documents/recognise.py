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
from regiokompas.documents.dates import find_dates, parse_date
from regiokompas.documents.decisions import RecognisedDecision, recognise_decisions
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


def recognise(lines: list[Line], *, page_headers: list[str] | None = None, styled: bool = False) -> Recognised:
    lines, removed_headers = _drop_repeated(lines, page_headers or [])
    lines = _split_label_lines(lines)
    warnings: list[str] = []
    kind: str | None = None
    organisation = ""
    status: str | None = None
    title = ""
    illustrative: str | None = None
    header: dict[str, str] = {}
    raw_header: dict[str, str] = {}

    def set_field(field_name: str, value: str, label: str = "") -> None:
        value = value.strip().lstrip(":：").strip()
        if not value or re.fullmatch(r"[:：]+", value):
            return
        if field_name == "status":
            nonlocal status
            if re.search(r"concept|ontwerp", value, re.IGNORECASE):
                status = "concept"
            elif re.search(r"definitief", value, re.IGNORECASE):
                status = "definitief"
            return
        if field_name in header:
            if field_name in ("contact", "agendering", "kenmerk", "bijlagen") and value not in header[field_name]:
                header[field_name] += "; " + value
            return
        header[field_name] = value
        raw_header[field_name] = label

    # ---- header zone ------------------------------------------------------------------------
    i = 0
    n = len(lines)
    pending_label: str | None = None  # "TITEL:" alone: the value follows on the next lines
    column_labels: list[str] = []
    body_start = n
    while i < n:
        ln = lines[i]
        text = ln.text.strip()
        if ln.kind in ("blank", "pagebreak") or not text:
            i += 1
            continue
        if pending_label and ln.kind in ("text", "title", "heading") and not L.field_for_label(text) and not L.section_for_heading(text):
            value = [text]
            j = i + 1
            while j < n and lines[j].kind == "text" and lines[j].text.strip():
                value.append(lines[j].text.strip())
                j += 1
            set_field(pending_label, " ".join(value))
            pending_label = None
            i = j
            continue
        pending_label = None
        m = _ILLUSTRATIVE.match(text)
        if m:
            illustrative = m.group(1).strip()
            i += 1
            continue
        if text.lower() in ("kopgegevens",):
            i += 1
            continue
        if not kind:
            k = L.kind_for_line(text)
            if k and len(text) <= 80:
                kind = k
                i += 1
                continue
        m = _ORG.match(text)
        if m and len(text) <= 80 and not organisation:
            organisation = _canonical_org(m.group("org"))
            if m.group("nr"):
                set_field("kenmerk", m.group("nr"))
            i += 1
            continue
        if _STATUS.match(text):
            status = "concept" if re.match(r"concept|ontwerp", text, re.IGNORECASE) else "definitief"
            i += 1
            continue
        if ln.kind == "row" and len([c for c in ln.cells if c]) >= 1:
            cells = ln.cells
            field_name = L.field_for_label(cells[0]) if cells[0] else None
            if field_name:
                set_field(field_name, " ".join(c for c in cells[1:] if c.strip(" :")).strip(), cells[0])
                # a value wrapped in the pdf: following indented single-cell lines
                j = i + 1
                while j < n and lines[j].kind == "text" and lines[j].indent > 40 and not L.split_label(lines[j].text, strict=False):
                    if field_name in header:
                        header[field_name] += " " + lines[j].text.strip()
                    j += 1
                i = j
                continue
            if not cells[0] and header and ln.indent > 40:
                i += 1
                continue
            # pairs of label/value cells in one row: "Datum | 1-2-2013 | Kenmerk | X"
            pairs = [(cells[k], cells[k + 1]) for k in range(0, len(cells) - 1, 2)]
            if pairs and all(L.field_for_label(a) for a, _ in pairs):
                for a, b in pairs:
                    set_field(L.field_for_label(a), b, a)
                i += 1
                continue
            if text.lower().startswith("veld") and "waarde" in text.lower():
                i += 1
                continue
            break
        if ln.kind == "title":
            if not title:
                title = text
                i += 1
                continue
        if ln.kind == "heading" and not L.section_for_heading(text) and L.field_for_label(text) is None:
            if not title and not header:
                title = text
                i += 1
                continue
            break
        if re.match(r"^geheimhouding\b", text, re.IGNORECASE):
            rest = re.sub(r"^geheimhouding\s*:?\s*", "", text, flags=re.IGNORECASE)
            # checkbox remnants leave "Nee Ja": no decision can be read from both
            if rest and not (re.search(r"\bnee\b", rest, re.I) and re.search(r"\bja\b", rest, re.I)):
                set_field("geheimhouding", rest)
            i += 1
            continue
        # labels in one column, then colons, then values (Bergen 2014)
        if L.field_for_label(text) and ln.kind in ("text", "heading") and not L.section_for_heading(text) or (
            L.field_for_label(text) and L.section_for_heading(text) and text.rstrip().endswith(":")
        ):
            field_name = L.field_for_label(text)
            j = i + 1
            while j < n and lines[j].kind in ("blank",):
                j += 1
            nxt = lines[j].text.strip() if j < n else ""
            if j < n and L.field_for_label(nxt) and not L.section_for_heading(nxt):
                column_labels.append(text)
                i = j
                continue
            if column_labels:
                column_labels.append(text)
                i = _read_column_values(lines, j, column_labels, set_field)
                column_labels = []
                continue
            pending_label = field_name
            i += 1
            continue
        if column_labels:
            i = _read_column_values(lines, i, column_labels, set_field)
            column_labels = []
            continue
        split = L.split_label(text, strict=ln.kind != "text")
        if split and (ln.kind == "text") and not (L.section_for_heading(split[1]) in L.HEADING_TO_SECTION.values() and not split[2] and split[0] == "bijlagen"):
            field_name, label, value = split
            if L.section_for_heading(text) and not value:
                break
            if value or field_name:
                if value:
                    set_field(field_name, value, label)
                    j = i + 1
                    # continuation of a wrapped value: indented text lines
                    while j < n and lines[j].kind == "text" and lines[j].indent > 40 and not L.split_label(lines[j].text, strict=False):
                        header[field_name] += " " + lines[j].text.strip()
                        j += 1
                    i = j
                else:
                    pending_label = field_name
                    i += 1
                continue
        if _PLACE_DATE.match(text) and "datum" not in header:
            set_field("datum", text.split(",", 1)[1].strip(), "plaats en datum")
            i += 1
            continue
        m = _AAN_DE.match(text)
        if m and "aan" not in header and len(text) <= 120 and not _TERMINAL.search(text.rstrip(",")):
            set_field("aan", re.sub(r"^aan\s+", "", m.group(1), flags=re.IGNORECASE).rstrip(","))
            i += 1
            continue
        if ln.kind == "text" and not title and not header and len(text) <= 120 and not _TERMINAL.search(text) and not L.section_for_heading(text):
            title = text
            i += 1
            continue
        break
    body_start = i

    # ---- body: sections -------------------------------------------------------------------------
    sections: list[Section] = []
    current: dict | None = None
    body_lines = lines[body_start:]

    def start(type_: str, heading: str) -> dict:
        sec = {"type": type_, "heading": heading, "items": []}
        sections_raw.append(sec)
        return sec

    sections_raw: list[dict] = []
    k = 0
    while k < len(body_lines):
        ln = body_lines[k]
        text = ln.text.strip()
        if ln.kind in ("blank", "pagebreak") or not text:
            if current is not None:
                current["items"].append(("break", ln.kind))
            k += 1
            continue
        m = _ILLUSTRATIVE.match(text)
        if m and illustrative is None:
            illustrative = m.group(1).strip()
            k += 1
            continue
        cand = _is_heading_candidate(body_lines, k, styled)
        if cand:
            current = start(*cand)
            k += 1
            continue
        if current is None:
            current = start("tekst", "")
        if ln.kind == "title":
            current["items"].append(("text", text))
        else:
            current["items"].append((ln.kind, ln))
        k += 1

    for raw in sections_raw:
        blocks = _blocks(raw["items"])
        sections.append(Section(raw["type"], raw["heading"], blocks))
    # drop an empty leading free-text section
    sections = [s for s in sections if s.blocks or s.heading]

    # attachments from the bijlagen section (list items or lines)
    attachments: list[str] = []
    for s in sections:
        if s.type == "bijlagen":
            for b in s.blocks:
                if isinstance(b, BulletList):
                    attachments.extend(str(x) for x in b.items if not isinstance(x, BulletList))
                elif isinstance(b, Paragraph):
                    attachments.append(b.text)

    # ---- organisation, date, title, kind --------------------------------------------------------
    if not organisation:
        for h in removed_headers + (page_headers or []):
            m = _ORG.match(h)
            if m:
                organisation = _canonical_org(m.group("org"))
                break
    full_text = "\n".join([title] + list(header.values()) + [s.text for s in sections])
    if not organisation:
        # the addressee ("de gemeenteraad van Heiloo") or the signature ("burgemeester en wethouders van Heiloo")
        candidates = [header.get("aan", "")] + [ln.text for ln in lines[-30:] if ln.text]
        for cand in candidates:
            m = re.search(r"\b(?:gemeente)?raad van (?:de gemeente )?(.+?)[,.]?$|\bburgemeester en wethouders van (?:de gemeente )?(.+?)[,.]?$", cand.strip(), re.IGNORECASE)
            if m:
                muni = organisation_municipality(m.group(1) or m.group(2))
                if muni:
                    organisation = f"gemeente {muni.name}"
                    break
    if not organisation:
        gemeenten = Counter(
            m.group(1) for m in re.finditer(r"\bgemeente\s+([A-Z][\w'-]+(?:\s+(?:op|aan|en|de|den)\s+[A-Z][\w'-]+)?)", full_text)
        )
        for name, _ in gemeenten.most_common():
            muni = organisation_municipality(name)
            if muni:
                organisation = f"gemeente {muni.name}"
                break
    doc_date: dt.date | None = None
    if "datum" in header:
        found = find_dates(header["datum"])
        if found:
            doc_date = found[0].date
            header["datum"] = found[0].iso
        else:
            warnings.append(f"De datum '{header['datum']}' is niet herkend.")
    if doc_date is None:
        head_text = " ".join(ln.text for ln in lines[: body_start + 5] if ln.text)
        d = parse_date(head_text)
        if d:
            doc_date = d
    if not kind:
        kind = "brief" if any(_SALUTATION.match(ln.text.strip()) for ln in lines[:80] if ln.text) else "other"
        if kind == "other":
            warnings.append("De soort document is niet herkend uit een kopregel.")
    if "onderwerp" in header and not title:
        title = header["onderwerp"]
    if not title:
        title = header.get("onderwerp") or _kind_title(kind)
    if status is None:
        status = "definitief"
    document = Document(
        kind=kind, title=title, organisation=organisation, status=status, header=header,
        sections=sections, attachments=attachments, illustrative_note=illustrative,
    )
    # ---- municipalities and decisions ------------------------------------------------------------
    mention_text = "\n".join([organisation, full_text])
    municipalities = find_municipalities(mention_text, on=doc_date)
    issuer = organisation_municipality(organisation) if organisation else None
    decisions = recognise_decisions(sections, issuer=issuer, doc_date=doc_date, kind=kind)
    for d in decisions:
        if all(m.code != d.municipality.code for m in municipalities):
            municipalities.append(d.municipality)
    if not sections:
        warnings.append("Er zijn geen secties herkend.")
    return Recognised(document, municipalities, decisions, doc_date, [w for w in warnings if w])


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
