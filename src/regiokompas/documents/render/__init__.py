"""Render a Document (regiokompas.documents.model) to docx, pdf, html or markdown, one module per
format:

- html (render.html): one self-contained, semantic page, with print rules for A4.
- pdf (render.pdf, render.typst): Typst from the model through one fixed template: A4, page numbers,
  tagged PDF/UA-1, language nl, Dutch hyphenation.
- docx (render.docx): python-docx with Word-native styles, A4, PAGE fields, a TOC field in long documents.
- md (render.markdown): CommonMark with a pipe table for the header fields.

Every format applies the document's house style (documents.style; the neutral municipal style when
it has none). The layout is the one the importer (regiokompas.documents.importer) recognises, so
generating a document and importing it gives back the same header fields and sections.
"""

from __future__ import annotations

from regiokompas.documents.model import Document
from regiokompas.documents.render.common import (
    CONTENT_TYPES,
    FORMATS,
    RenderError,
    header_label,
    header_rows,
    safe_filename,
)
from regiokompas.documents.render.docx import render_docx
from regiokompas.documents.render.html import CSS, CSS_CSP_HASH, csp_style_hashes, render_html
from regiokompas.documents.render.markdown import md_text, render_markdown
from regiokompas.documents.render.pdf import render_pdf

__all__ = [
    "CONTENT_TYPES", "CSS", "CSS_CSP_HASH", "FORMATS", "RenderError", "csp_style_hashes", "header_label", "header_rows",
    "md_text", "render", "render_docx", "render_html", "render_markdown", "render_pdf", "safe_filename",
]


def render(document: Document, fmt: str) -> bytes:
    """The document as bytes in the given format (docx, pdf, html or md)."""
    if fmt not in FORMATS:
        raise RenderError(f"Onbekend formaat '{fmt}'. Kies uit: {', '.join(FORMATS)}.")
    if not isinstance(document, Document):
        raise RenderError("Alleen een Document uit regiokompas.documents.model kan worden opgemaakt.")
    if fmt == "html":
        return render_html(document).encode("utf-8")
    if fmt == "md":
        return render_markdown(document).encode("utf-8")
    if fmt == "pdf":
        return render_pdf(document)
    return render_docx(document)
