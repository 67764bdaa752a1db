"""What every renderer shares: formats, the header rows, the sections in print order with their
headings (annexes "Bijlage A. …" after the main part), the house style, when and where a document
gets a table of contents, and the column widths of tables."""

from __future__ import annotations

import re

from regiokompas.documents.model import HEADER_LABELS, BulletList, Document, Section, Table
from regiokompas.documents.style import NEUTRAL, HouseStyle

FORMATS = ("docx", "pdf", "html", "md")
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
}

# A long document opens with a table of contents: a report (substantiation, process description,
# planning overview) from this many headed sections on, a council letter or memo only from
# TOC_MIN_SECTIONS_LETTER on (a council letter is read from top to bottom, and read back by the importer).
TOC_MIN_SECTIONS = 8
TOC_MIN_SECTIONS_LETTER = 20
REPORT_KINDS = ("onderbouwing", "rapport", "procesbeschrijving", "planningsoverzicht")
# A table with more columns than this does not fit an A4 page upright: it gets a landscape page.
MAX_PORTRAIT_COLUMNS = 6


class RenderError(ValueError):
    """A document cannot be rendered; the message is Dutch."""


def style_of(document: Document) -> HouseStyle:
    return document.style or NEUTRAL


def organisation_name(document: Document) -> str:
    return style_of(document).display_name(document.organisation)


def footer_text(document: Document) -> str:
    return style_of(document).footer or f"{document.kind_label} – {document.title}"


def header_label(document: Document, key: str) -> str:
    if key == "onderwerp" and document.kind == "digitale_nieuwsbrief":
        return "TITEL"
    return HEADER_LABELS.get(key, key.replace("_", " "))


def header_rows(document: Document) -> list[tuple[str, str]]:
    ordered = [k for k in HEADER_LABELS if k in document.header]
    ordered += [k for k in document.header if k not in HEADER_LABELS]
    return [(header_label(document, k), str(document.header[k])) for k in ordered if str(document.header[k]).strip()]


def sections(document: Document) -> list[Section]:
    """The sections in print order: the main part, a 'Bijlagen' section for the attachments if
    there is none, then the annexes (sections with ``annex=True``)."""
    out = [s for s in document.sections if not s.annex]
    if document.attachments and not any(s.type == "bijlagen" for s in out):
        out.append(Section("bijlagen", "Bijlagen", [BulletList(list(document.attachments))]))
    return out + [s for s in document.sections if s.annex]


def annex_letter(number: int) -> str:
    """A, B, …, Z, then AA, AB, … for the annex with this number (0-based)."""
    letters = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def headings(document: Document) -> list[str]:
    """The heading each section prints (in the order of sections()): an annex chapter as
    'Bijlage A. <heading>', every other section its own heading ('' for none)."""
    out, count = [], 0
    for section, level in zip(sections(document), heading_levels(document), strict=True):
        if section.annex and level == 1 and section.heading:
            out.append(f"Bijlage {annex_letter(count)}. {section.heading}")
            count += 1
        else:
            out.append(section.heading)
    return out


def starts_annex(document: Document) -> list[bool]:
    """Per section (in the order of sections()): whether it opens an annex, on a new page."""
    return [bool(s.annex and level == 1 and s.heading) for s, level in zip(sections(document), heading_levels(document), strict=True)]


def toc_position(document: Document) -> int:
    """The index in sections() before which the table of contents goes (after the opening sections
    that belong on page 1, ``Document.toc_after``)."""
    return max(0, min(int(document.toc_after or 0), len(sections(document))))


def heading_levels(document: Document) -> list[int]:
    """The level of each section's heading (1-3), never deeper than one below the heading before
    it, so that the headings nest whatever the sections say."""
    levels, previous = [], 0
    for section in sections(document):
        level = max(1, min(3, int(section.level or 1)))
        level = min(level, previous + 1) if previous else 1
        if section.heading:
            previous = level
        levels.append(level)
    return levels


def needs_toc(document: Document) -> bool:
    minimum = TOC_MIN_SECTIONS if document.kind in REPORT_KINDS else TOC_MIN_SECTIONS_LETTER
    return sum(1 for s in sections(document) if s.heading) >= minimum


def column_count(table: Table) -> int:
    return max([len(table.header)] + [len(r) for r in table.rows] + [1])


def is_wide(table: Table) -> bool:
    return column_count(table) > MAX_PORTRAIT_COLUMNS


def column_weights(table: Table) -> list[float]:
    """Relative column widths (summing to 1) from the text in each column: long texts get room
    (capped, they wrap), the longest word of short cells such as amounts fits, no column falls below
    a readable minimum."""
    n = column_count(table)
    need = [0.0] * n
    for row in [table.header, *table.rows]:
        for i, cell in enumerate(list(row)[:n]):
            text = str(cell)
            longest_word = max((len(w) for w in text.split()), default=0)
            need[i] = max(need[i], min(60.0, len(text)) * 0.5, min(24.0, float(longest_word)))
    raw = [max(4.0, x) for x in need]
    total = sum(raw)
    return [x / total for x in raw]


def column_percentages(table: Table) -> list[int]:
    """Whole percentages of the column widths, each at least 3, summing to exactly 100."""
    weights = column_weights(table)
    shares = [max(3.0, w * 100) for w in weights]
    scale = 100 / sum(shares)
    exact = [x * scale for x in shares]
    whole = [int(x) for x in exact]
    for i in sorted(range(len(exact)), key=lambda i: exact[i] - whole[i], reverse=True)[: 100 - sum(whole)]:
        whole[i] += 1
    return whole


def safe_filename(text: str, ext: str) -> str:
    base = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-").lower()[:80] or "document"
    return f"{base}.{ext}"
