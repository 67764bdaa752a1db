"""Render a Document (regiokompas.documents.model) to docx, pdf, html or markdown.

- html: one self-contained, semantic page (lang nl, title, header table with th/caption).
- pdf: WeasyPrint from that html, tagged (PDF/UA-1 where WeasyPrint supports it), with title,
  language nl and the organisation as author.
- docx: python-docx, Word-native styles (Title, Heading 1/2, List Bullet, Table Grid), the
  organisation in the page header, the header fields as a table, language nl-NL.
- md: CommonMark with a pipe table for the header fields.

The layout is the one the importer (regiokompas.documents.importer) recognises, so generating a
document and importing it gives back the same header fields and sections.
"""

from __future__ import annotations

import base64
import hashlib
import html as htmlmod
import io
import re

from regiokompas.documents.model import (
    HEADER_LABELS,
    BulletList,
    Document,
    Figure,
    Paragraph,
    Section,
    Table,
)

FORMATS = ("docx", "pdf", "html", "md")
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
}


class RenderError(ValueError):
    """A document cannot be rendered; the message is Dutch."""


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


def header_label(document: Document, key: str) -> str:
    if key == "onderwerp" and document.kind == "digitale_nieuwsbrief":
        return "TITEL"
    return HEADER_LABELS.get(key, key.replace("_", " "))


def header_rows(document: Document) -> list[tuple[str, str]]:
    ordered = [k for k in HEADER_LABELS if k in document.header]
    ordered += [k for k in document.header if k not in HEADER_LABELS]
    return [(header_label(document, k), str(document.header[k])) for k in ordered if str(document.header[k]).strip()]


def _sections(document: Document) -> list[Section]:
    sections = list(document.sections)
    if document.attachments and not any(s.type == "bijlagen" for s in sections):
        sections.append(Section("bijlagen", "Bijlagen", [BulletList(list(document.attachments))]))
    return sections


# --- html ------------------------------------------------------------------------------------------

CSS = """
@page { size: A4; margin: 2.2cm 2cm 2.2cm 2cm;
  @top-left { content: string(organisation); font-family: "DejaVu Sans", Arial, sans-serif; font-size: 9pt; color: #333; }
  @bottom-right { content: "pagina " counter(page) " van " counter(pages); font-family: "DejaVu Sans", Arial, sans-serif; font-size: 9pt; color: #333; } }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; line-height: 1.45; color: #111; max-width: 48em; margin: 0 auto; }
.rk-organisation { string-set: organisation content(); font-weight: bold; margin: 0; }
.rk-kind { font-weight: bold; font-size: 12pt; text-transform: none; margin: 0.3em 0; }
.rk-status { font-weight: bold; letter-spacing: 0.05em; margin: 0.3em 0; }
.rk-illustrative { border: 2px solid #8a5a00; padding: 0.4em 0.6em; background: #fff7e0; }
h1 { font-size: 16pt; margin: 0.6em 0 0.4em; }
h2 { font-size: 12.5pt; margin: 1.2em 0 0.3em; page-break-after: avoid; }
table { border-collapse: collapse; margin: 0.6em 0; width: 100%; }
caption { text-align: left; font-style: italic; padding: 0.2em 0; }
th, td { border: 1px solid #888; padding: 0.2em 0.4em; text-align: left; vertical-align: top; }
table.rk-header th { width: 30%; background: #f0f0f0; }
thead th { background: #f0f0f0; }
figure { margin: 0.8em 0; } figure img, figure svg { max-width: 100%; height: auto; }
figcaption { font-style: italic; }
"""
# The Content-Security-Policy allows exactly this embedded stylesheet, by its hash: an html document
# shown in the browser keeps its layout, and no other inline style is allowed.
CSS_CSP_HASH = "'sha256-" + base64.b64encode(hashlib.sha256(CSS.encode("utf-8")).digest()).decode("ascii") + "'"


def _e(text) -> str:
    return htmlmod.escape(str(text), quote=True)


def _svg_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _html_block(block, for_pdf: bool) -> str:
    if isinstance(block, Paragraph):
        return f"<p>{_e(block.text)}</p>"
    if isinstance(block, BulletList):
        return _html_list(block)
    if isinstance(block, Table):
        parts = ["<table>"]
        if block.caption:
            parts.append(f"<caption>{_e(block.caption)}</caption>")
        if block.header:
            parts.append("<thead><tr>" + "".join(f'<th scope="col">{_e(h)}</th>' for h in block.header) + "</tr></thead>")
        parts.append("<tbody>")
        for row in block.rows:
            parts.append("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>")
        parts.append("</tbody></table>")
        return "".join(parts)
    if isinstance(block, Figure):
        if for_pdf:
            inner = f'<img src="{_svg_data_uri(block.svg)}" alt="{_e(block.alt)}">'
        else:
            inner = f'<div role="img" aria-label="{_e(block.alt)}">{block.svg}</div>'
        cap = f"<figcaption>{_e(block.caption)}</figcaption>" if block.caption else ""
        return f"<figure>{inner}{cap}</figure>"
    raise RenderError(f"Onbekend blok in een sectie: {type(block).__name__}.")


def _html_list(blist: BulletList) -> str:
    tag = "ol" if blist.ordered else "ul"
    out = [f"<{tag}>"]
    open_li = False
    for item in blist.items:
        if isinstance(item, BulletList):
            if not open_li:
                out.append("<li>")
                open_li = True
            out.append(_html_list(item))
        else:
            if open_li:
                out.append("</li>")
            out.append(f"<li>{_e(item)}")
            open_li = True
    if open_li:
        out.append("</li>")
    out.append(f"</{tag}>")
    return "".join(out)


def render_html(document: Document, *, for_pdf: bool = False) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="nl">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{_e(document.title)}</title>",
    ]
    if document.organisation:
        parts.append(f'<meta name="author" content="{_e(document.organisation)}">')
    parts.append(f'<meta name="description" content="{_e(document.kind_label)}">')
    parts.append(f"<style>{CSS}</style>")
    parts.append("</head><body><main>")
    parts.append("<header>")
    if document.organisation:
        parts.append(f'<p class="rk-organisation">{_e(document.organisation)}</p>')
    if document.status == "concept":
        parts.append('<p class="rk-status">CONCEPT</p>')
    parts.append(f'<p class="rk-kind">{_e(document.kind_label)}</p>')
    parts.append(f"<h1>{_e(document.title)}</h1>")
    if document.illustrative_note:
        parts.append(f'<p class="rk-illustrative"><strong>Illustratief:</strong> {_e(document.illustrative_note)}</p>')
    rows = header_rows(document)
    if rows:
        parts.append('<table class="rk-header"><caption>Kopgegevens</caption><tbody>')
        for label, value in rows:
            parts.append(f'<tr><th scope="row">{_e(label)}</th><td>{_e(value)}</td></tr>')
        parts.append("</tbody></table>")
    parts.append("</header>")
    for section in _sections(document):
        parts.append(f'<section data-type="{_e(section.type)}">')
        if section.heading:
            parts.append(f"<h2>{_e(section.heading)}</h2>")
        for block in section.blocks:
            parts.append(_html_block(block, for_pdf))
        parts.append("</section>")
    parts.append("</main></body></html>")
    return "\n".join(parts)


# --- pdf -------------------------------------------------------------------------------------------


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


# --- markdown --------------------------------------------------------------------------------------


# Markdown is read by people and by renderers that pass inline HTML through. Every text that comes
# from the register is written so that it can only be text: a backslash before "<" keeps raw HTML
# and autolinks (<javascript:...>) from forming, and a backslash before "[" and "]" keeps link,
# image and reference syntax ([x](javascript:...), ![x](data:...), [x]: vbscript:...) from forming;
# backslashes themselves are doubled so that no escape can be undone. Plain web addresses stay
# readable (and become links only through the http(s) autolinks of GitHub-style renderers). The
# importer removes exactly these escapes again (parsers.unescape_markdown). The only images in the
# output are the charts this module draws itself (SVG as an image, never a link).
_MD_SPECIAL = re.compile(r"([\\<\[\]])")


def md_text(text) -> str:
    """Register text as inert markdown text (no HTML, no links or images)."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def _md_escape_cell(text: str) -> str:
    return md_text(text).replace("|", "\\|").replace("\n", " ")


def _md_list(blist: BulletList, level: int = 0) -> list[str]:
    lines = []
    n = 0
    for item in blist.items:
        if isinstance(item, BulletList):
            lines.extend(_md_list(item, level + 1))
        else:
            n += 1
            mark = f"{n}." if blist.ordered else "-"
            lines.append("  " * level + f"{mark} {md_text(item)}")
    return lines


def render_markdown(document: Document) -> str:
    out: list[str] = []
    if document.organisation:
        out += [f"**{md_text(document.organisation)}**", ""]
    if document.status == "concept":
        out += ["CONCEPT", ""]
    out += [md_text(document.kind_label), "", f"# {md_text(document.title)}", ""]
    if document.illustrative_note:
        out += [f"> **Illustratief:** {md_text(document.illustrative_note)}", ""]
    rows = header_rows(document)
    if rows:
        out += ["| veld | waarde |", "| --- | --- |"]
        out += [f"| {_md_escape_cell(label)} | {_md_escape_cell(value)} |" for label, value in rows]
        out.append("")
    for section in _sections(document):
        if section.heading:
            out += [f"## {md_text(section.heading)}", ""]
        for block in section.blocks:
            if isinstance(block, Paragraph):
                out += [md_text(block.text), ""]
            elif isinstance(block, BulletList):
                out += _md_list(block) + [""]
            elif isinstance(block, Table):
                if block.caption:
                    out += [f"*{md_text(block.caption)}*", ""]
                header = block.header or [""] * (len(block.rows[0]) if block.rows else 1)
                out.append("| " + " | ".join(_md_escape_cell(h) for h in header) + " |")
                out.append("|" + " --- |" * len(header))
                out += ["| " + " | ".join(_md_escape_cell(c) for c in row) + " |" for row in block.rows]
                out.append("")
            elif isinstance(block, Figure):
                out += [f"![{md_text(block.alt).replace(chr(10), ' ')}]({_svg_data_uri(block.svg)})", ""]
                if block.caption:
                    out += [f"*{md_text(block.caption)}*", ""]
    return "\n".join(out).rstrip() + "\n"


# --- docx ------------------------------------------------------------------------------------------


def _svg_png(svg: str) -> bytes | None:
    """An SVG as PNG (through WeasyPrint and pdfium), or None when that is not possible."""
    try:
        import pypdfium2 as pdfium
        from weasyprint import HTML

        page = (
            '<html><head><style>@page{size:auto;margin:0} body{margin:0} img{display:block;width:16cm}</style></head>'
            f'<body><img src="{_svg_data_uri(svg)}" alt=""></body></html>'
        )
        pdf = HTML(string=page).write_pdf()
        doc = pdfium.PdfDocument(pdf)
        image = doc[0].render(scale=2).to_pil()
        # crop to the content
        bbox = image.convert("L").point(lambda p: 255 if p < 250 else 0).getbbox()
        if bbox:
            image = image.crop(bbox)
        buf = io.BytesIO()
        image.save(buf, format="PNG")
        return buf.getvalue()
    except Exception:
        return None


def _set_lang(element, lang: str = "nl-NL") -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    if element.tag == qn("w:rPr"):
        rpr = element
    else:
        rpr = element.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            element.append(rpr)
    existing = rpr.find(qn("w:lang"))
    if existing is None:
        existing = OxmlElement("w:lang")
        rpr.append(existing)
    existing.set(qn("w:val"), lang)
    existing.set(qn("w:eastAsia"), lang)


def _mark_header_row(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _docx_list(doc, blist: BulletList, level: int = 0) -> None:
    base = "List Number" if blist.ordered else "List Bullet"
    style = base if level == 0 else f"{base} {min(level + 1, 3)}"
    for item in blist.items:
        if isinstance(item, BulletList):
            _docx_list(doc, item, level + 1)
        else:
            doc.add_paragraph(str(item), style=style)


def render_docx(document: Document) -> bytes:
    from docx import Document as DocxDocument
    from docx.shared import Cm, Pt

    doc = DocxDocument()
    props = doc.core_properties
    props.title = document.title
    props.subject = document.kind_label
    props.author = document.organisation or "Regiokompas"
    props.language = "nl-NL"
    props.keywords = f"{document.kind}; {document.status}"
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10.5)
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "List Bullet", "Caption"):
        try:
            _set_lang(styles[name].element)
        except KeyError:
            pass
    # document defaults: language nl-NL
    from docx.oxml.ns import qn

    rpr_default = styles.element.find(qn("w:docDefaults"))
    if rpr_default is not None:
        rpr = rpr_default.find(qn("w:rPrDefault"))
        if rpr is not None:
            _set_lang(rpr)

    section = doc.sections[0]
    section.left_margin = section.right_margin = Cm(2.2)
    if document.organisation:
        hp = section.header.paragraphs[0]
        hp.text = document.organisation
    fp = section.footer.paragraphs[0]
    fp.text = f"{document.kind_label} – {document.title}"

    if document.organisation:
        p = doc.add_paragraph()
        p.add_run(document.organisation).bold = True
    if document.status == "concept":
        p = doc.add_paragraph()
        p.add_run("CONCEPT").bold = True
    p = doc.add_paragraph()
    run = p.add_run(document.kind_label)
    run.bold = True
    run.font.size = Pt(12)
    doc.add_paragraph(document.title, style="Title")
    if document.illustrative_note:
        p = doc.add_paragraph()
        p.add_run("Illustratief: ").bold = True
        p.add_run(document.illustrative_note)
    rows = header_rows(document)
    if rows:
        table = doc.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for label, value in rows:
            cells = table.add_row().cells
            cells[0].text = label
            cells[0].paragraphs[0].runs[0].bold = True
            cells[1].text = value
        for row in table.rows:
            row.cells[0].width = Cm(4.5)
            row.cells[1].width = Cm(12)
    for sec in _sections(document):
        if sec.heading:
            doc.add_heading(sec.heading, level=1)
        for block in sec.blocks:
            if isinstance(block, Paragraph):
                doc.add_paragraph(block.text)
            elif isinstance(block, BulletList):
                _docx_list(doc, block)
            elif isinstance(block, Table):
                if block.caption:
                    doc.add_paragraph(block.caption, style="Caption")
                ncols = max([len(block.header)] + [len(r) for r in block.rows] + [1])
                table = doc.add_table(rows=0, cols=ncols)
                table.style = "Table Grid"
                if block.header:
                    cells = table.add_row().cells
                    for i, h in enumerate(block.header):
                        cells[i].text = str(h)
                        if cells[i].paragraphs[0].runs:
                            cells[i].paragraphs[0].runs[0].bold = True
                    _mark_header_row(table.rows[0])
                for row in block.rows:
                    cells = table.add_row().cells
                    for i, value in enumerate(row[:ncols]):
                        cells[i].text = str(value)
            elif isinstance(block, Figure):
                png = _svg_png(block.svg)
                if png:
                    doc.add_picture(io.BytesIO(png), width=Cm(15))
                    pic = doc.inline_shapes[-1]
                    docpr = pic._inline.docPr
                    docpr.set("descr", block.alt)
                    docpr.set("title", block.caption or block.alt)
                else:
                    doc.add_paragraph(f"[Figuur] {block.alt}")
                if block.caption:
                    doc.add_paragraph(block.caption, style="Caption")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def safe_filename(text: str, ext: str) -> str:
    base = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-").lower()[:80] or "document"
    return f"{base}.{ext}"
