"""pdf with Typst (the ``typst`` package): A4 with page numbers, tagged PDF/UA-1 with title, author
and language nl, headings nested as bookmarks, a table of contents in long documents, the house
style, tables within the page (a landscape page for a wide one), charts as vector drawings and
Dutch hyphenation.

The layout is one fixed Typst template (document.typ beside this module). The document reaches it
as JSON in ``sys.inputs``: every text of the document is data that the template places as text,
never Typst markup or code, so a title with ``#``, ``$``, ``*`` or ``[`` prints as written.
"""

from __future__ import annotations

import json
import re
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

from regiokompas.documents.model import BulletList, Document, Figure, Paragraph, Table
from regiokompas.documents.render.common import (
    RenderError,
    column_count,
    column_weights,
    footer_text,
    header_rows,
    heading_levels,
    headings,
    is_wide,
    needs_toc,
    organisation_name,
    sections,
    starts_annex,
    style_of,
    toc_position,
)

TEMPLATE = Path(__file__).with_name("document.typ")
# A chart wider than the text of an upright A4 page (21 cm - 2 × 2 cm, in points) is scaled to the
# text width; a smaller one keeps its own size.
TEXT_WIDTH_PT = (21 - 4) / 2.54 * 72
_SVG_WIDTH = re.compile(r'<svg\b[^>]*?\bwidth="([\d.]+)(px|pt)?"')
# Tables: the text width of an upright and of a landscape page (points), the font size of their
# cells, the padding of a cell on both sides, and the widest character of DejaVu Sans (bold digits
# and capitals) as a share of the font size: a token longer than a column holds gets break points.
LANDSCAPE_TEXT_WIDTH_PT = (29.7 - 4) / 2.54 * 72
TABLE_FONT_PT = {False: 10.5, True: 8.5}
CELL_PADDING_EM = 0.8
CHAR_WIDTH_EM = 0.72
ZWSP = "\u200b"
_BREAK_AFTER = re.compile(r"([./\\_:;,@=&?+|)\]}-])(?=.)")

# Typst keeps what it computed in a process-wide cache and, after every compilation, drops what the
# last EVICT_AFTER compilations did not use (typst-py). A long report leaves some 70 MB there: a few
# compilations of an empty page afterwards give that memory back at once instead of holding up to
# ten documents' worth in every web process (measured: 880 MB against 190 MB after 14 reports).
EVICT_AFTER = 10
_EMPTY = b"#set page(width: 1pt, height: 1pt)"

# Characters that are never printed: control characters (tab and line end become a space),
# non-characters and lone surrogates; a PDF/UA file may not show a character its fonts lack.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_NOT_DISPLAYED = re.compile(r'the text `"((?:[^"\\]|\\.)+)"` could not be displayed')
REPLACEMENT = "\ufffd"

_local = threading.local()


@lru_cache(maxsize=1)
def _template() -> bytes:
    return TEMPLATE.read_bytes()


def _compiler() -> Any:
    """One Typst compiler per thread (a compiler serves one compilation at a time; Typst lets other
    threads run meanwhile): it finds the fonts once. Its root is this folder, not the working directory."""
    compiler = getattr(_local, "compiler", None)
    if compiler is None:
        import typst

        compiler = _local.compiler = typst.Compiler(root=str(TEMPLATE.parent))
    return compiler


def _scale_to_text_width(svg: str) -> bool:
    m = _SVG_WIDTH.search(svg)
    if not m:
        return True
    width = float(m.group(1)) * (1.0 if m.group(2) == "pt" else 0.75)
    return width > TEXT_WIDTH_PT


def _well_formed(svg: str) -> bool:
    """An SVG that is well-formed XML: a chart that is not becomes its description in the text."""
    from xml.etree import ElementTree

    try:
        return ElementTree.fromstring(svg).tag.endswith("svg")
    except ElementTree.ParseError:
        return False


def _list(blist: BulletList) -> dict[str, Any]:
    return {"t": "list", "ordered": bool(blist.ordered),
            "items": [_list(i) if isinstance(i, BulletList) else str(i) for i in blist.items]}


def breakable(text: str, capacity: int) -> str:
    """Text with break points (zero-width spaces, not printed and not in the text layer) in every
    word longer than ``capacity`` characters: after punctuation, and where that is not enough every
    ``capacity`` characters. Typst never breaks a word by itself, and the documents are not
    hyphenated (see document.typ)."""
    capacity = max(1, capacity)
    out = []
    for word in text.split(" "):
        if len(word) > capacity:
            pieces = _BREAK_AFTER.sub(lambda m: m.group(1) + ZWSP, word).split(ZWSP)
            word = ZWSP.join(ZWSP.join(p[i:i + capacity] for i in range(0, len(p), capacity)) for p in pieces)
        out.append(word)
    return " ".join(out)


def _capacities(table: Table) -> list[int]:
    wide = is_wide(table)
    width = LANDSCAPE_TEXT_WIDTH_PT if wide else TEXT_WIDTH_PT
    size = TABLE_FONT_PT[wide]
    return [int((w * width - CELL_PADDING_EM * size) / (CHAR_WIDTH_EM * size)) for w in column_weights(table)]


def _table(table: Table) -> dict[str, Any]:
    n = column_count(table)
    capacities = _capacities(table)

    def cells(row: list[Any]) -> list[str]:
        texts = [str(c) for c in list(row)[:n]] + [""] * (n - len(row))
        return [breakable(t, c) for t, c in zip(texts, capacities, strict=True)]

    return {"t": "table", "caption": table.caption or "", "header": cells(table.header) if table.header else [],
            "rows": [cells(r) for r in table.rows], "widths": [round(w, 4) for w in column_weights(table)],
            "wide": is_wide(table)}


def _block(block: Any) -> dict[str, Any]:
    if isinstance(block, Paragraph):
        return {"t": "p", "text": str(block.text)}
    if isinstance(block, BulletList):
        return _list(block)
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Figure):
        from regiokompas.documents.render.charts import svg_for_print

        svg = svg_for_print(block.svg)
        return {"t": "figure", "svg": svg if _well_formed(svg) else None, "caption": block.caption or "",
                "alt": block.alt or "", "fit": _scale_to_text_width(svg)}
    raise RenderError(f"Onbekend blok in een sectie: {type(block).__name__}.")


def _sections(document: Document) -> list[dict[str, Any]]:
    """The sections in print order (main part, then the annexes: "Bijlage A. …" on a new page)."""
    return [{"heading": heading, "level": level, "new_page": new_page, "blocks": [_block(b) for b in section.blocks]}
            for section, level, heading, new_page in zip(sections(document), heading_levels(document), headings(document),
                                                         starts_annex(document), strict=True)]


def document_data(document: Document) -> dict[str, Any]:
    """What the template lays out: the document as plain JSON-ready data."""
    style = style_of(document)
    organisation = organisation_name(document)
    footer: list[str] = []
    # The neutral style prints only the page number at the foot of a page; a house style with an
    # address block or footer line adds them.
    if style.address or style.footer:
        footer = [x for x in (" · ".join(style.address), footer_text(document)) if x]
    return {
        "title": document.title or document.kind_label,
        "author": [document.organisation] if document.organisation else [],
        "organisation": organisation,
        "colour": style.colour,
        "logo": list(style.logo_png) if style.logo_png else None,
        "logo_alt": f"Logo {organisation}".strip(),
        "address": list(style.address),
        "footer": footer,
        "concept": document.status == "concept",
        "kind_label": document.kind_label,
        "illustrative_note": document.illustrative_note or None,
        "header_rows": [list(row) for row in header_rows(document)],
        "toc": needs_toc(document),
        "toc_at": toc_position(document),
        "sections": _sections(document),
    }


def printable(text: str) -> str:
    """Text without the characters that are never printed (a tab or line end becomes a space)."""
    return _UNPRINTABLE.sub(lambda m: " " if m.group() in "\t\n\r\x0b\x0c" else "", text)


def _printable(value: Any) -> Any:
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, list):
        return [_printable(v) for v in value]
    if isinstance(value, dict):
        return {k: _printable(v) for k, v in value.items()}
    return value


def _typst_text(escaped: str) -> str:
    """A string as Typst writes it in a message (\\u{1f389}, \\", \\\\) back as text."""
    return re.sub(r"\\u\{([0-9a-fA-F]+)\}|\\(.)",
                  lambda m: chr(int(m.group(1), 16)) if m.group(1) else {"n": "\n", "t": "\t"}.get(m.group(2), m.group(2)),
                  escaped)


def not_displayed(diagnostic: str) -> set[str]:
    """The characters Typst reports it cannot show with any font (a PDF/UA file may not contain
    them). Never a character of ASCII: the fonts have those, and the JSON is written with them."""
    return {ch for m in _NOT_DISPLAYED.finditer(diagnostic) for ch in _typst_text(m.group(1)) if ord(ch) > 127}


def render_pdf_typst(document: Document) -> bytes:
    """The document as a tagged PDF/UA-1 file. A character none of the fonts has (an emoji, a
    script without a font on the server) is printed as the replacement character."""
    try:
        import typst
    except ImportError as exc:  # pragma: no cover - a dependency
        raise RenderError("Pdf maken kan niet: het pakket typst ontbreekt.") from exc
    data = json.dumps(_printable(document_data(document)), ensure_ascii=False, separators=(",", ":"))
    compiler = _compiler()
    try:
        try:
            pdf = compiler.compile(_template(), format="pdf", sys_inputs={"document": data}, pdf_standards=["ua-1"])
        except typst.TypstError as exc:
            missing = not_displayed(exc.diagnostic or exc.message)
            if not missing:
                raise
            for ch in missing:
                data = data.replace(ch, REPLACEMENT)
            pdf = compiler.compile(_template(), format="pdf", sys_inputs={"document": data}, pdf_standards=["ua-1"])
    except typst.TypstError as exc:
        raise RenderError(f"Pdf maken is mislukt: {exc.message}") from exc
    finally:
        for _ in range(EVICT_AFTER):
            compiler.compile(_EMPTY, format="svg")
    if not isinstance(pdf, bytes):  # pragma: no cover - only for png/svg output of several pages
        raise RenderError("Pdf maken is mislukt: Typst gaf geen pdf.")
    return pdf
