"""pdf: WeasyPrint from the html rendering (regiokompas.documents.render.html), A4 with page
numbers, tagged (PDF/UA-1 where WeasyPrint supports it), with title, language nl and the
organisation as author. Charts stay vector drawings."""

from __future__ import annotations

from regiokompas.documents.model import Document
from regiokompas.documents.render.common import RenderError
from regiokompas.documents.render.html import render_html


def render_pdf(document: Document) -> bytes:
    try:
        from weasyprint import HTML
    except Exception as exc:  # pragma: no cover - depends on system libraries
        raise RenderError("Pdf maken kan niet: WeasyPrint of de systeembibliotheken ontbreken.") from exc
    html = HTML(string=render_html(document, for_pdf=True), base_url=".")
    options = {"pdf_tags": True, "custom_metadata": True}
    try:
        return html.write_pdf(pdf_variant="pdf/ua-1", **options)
    except Exception:
        return html.write_pdf(**options)
