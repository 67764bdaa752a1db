"""pdf: laid out by Typst (regiokompas.documents.render.typst) from the document model: A4 with page
numbers, tagged PDF/UA-1 with title, language nl and the organisation as author, headings as
bookmarks, a table of contents in long documents, the house style, charts as vector drawings and
Dutch hyphenation."""

from __future__ import annotations

from regiokompas.documents.model import Document
from regiokompas.documents.render.typst import render_pdf_typst


def render_pdf(document: Document) -> bytes:
    return render_pdf_typst(document)
