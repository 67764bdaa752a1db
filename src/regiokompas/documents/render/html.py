"""html: one self-contained, semantic page (lang nl, title, header table with th/caption, headings
h1-h4 that follow the structure, a contents list in long documents), with print rules for A4 when
it is printed from the browser (the pdf itself is laid out by Typst, render.typst).

Styles: one fixed stylesheet (allowed by its hash in the Content-Security-Policy, CSS_CSP_HASH) and
one small stylesheet per house style (colour, and in print the footer); a view that shows the html
in the browser adds the hashes of both (csp_style_hashes)."""

from __future__ import annotations

import base64
import hashlib
import html as htmlmod
import re

from regiokompas.documents.model import BulletList, Document, Figure, Paragraph, Table
from regiokompas.documents.render.common import (
    RenderError,
    column_percentages,
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

# Column widths are classes (w1 ... w100, in whole percentages): no style attributes under the CSP.
_WIDTH_CLASSES = " ".join(f".w{p}{{width:{p}%}}" for p in range(1, 101))

CSS = """
@page { size: A4; margin: 2.2cm 2cm 2.2cm 2cm;
  @top-left { content: string(organisation); font-family: "DejaVu Sans", Arial, sans-serif; font-size: 9pt; color: #333; }
  @bottom-right { content: "pagina " counter(page) " van " counter(pages); font-family: "DejaVu Sans", Arial, sans-serif; font-size: 9pt; color: #333; } }
@page landscape { size: A4 landscape; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; line-height: 1.45; color: #111; max-width: 48em; margin: 0 auto; }
.rk-organisation { string-set: organisation content(); font-weight: bold; margin: 0; }
.rk-logo { display: block; height: 1.6cm; width: auto; margin: 0 0 0.3em; }
.rk-address { font-size: 9pt; margin: 0.2em 0 0.6em; }
.rk-kind { font-weight: bold; font-size: 12pt; text-transform: none; margin: 0.3em 0; }
.rk-status { font-weight: bold; letter-spacing: 0.05em; margin: 0.3em 0; }
.rk-illustrative { border: 2px solid #8a5a00; padding: 0.4em 0.6em; background: #fff7e0; }
h1 { font-size: 16pt; margin: 0.6em 0 0.4em; }
h2 { font-size: 12.5pt; margin: 1.2em 0 0.3em; page-break-after: avoid; }
h3 { font-size: 11.5pt; margin: 1em 0 0.3em; page-break-after: avoid; }
h4 { font-size: 10.5pt; margin: 0.8em 0 0.2em; page-break-after: avoid; }
.rk-toc ol { list-style: none; padding-left: 0; } .rk-toc ol ol { padding-left: 1.5em; }
.rk-toc a { color: inherit; text-decoration: none; }
table { border-collapse: collapse; margin: 0.6em 0; width: 100%; table-layout: fixed; }
caption { text-align: left; font-style: italic; padding: 0.2em 0; }
th, td { border: 1px solid #888; padding: 0.2em 0.4em; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
table.rk-header th { width: 30%; background: #f0f0f0; }
thead th { background: #f0f0f0; }
thead { display: table-header-group; } tr { break-inside: avoid; }
figure { margin: 0.8em 0; break-inside: avoid; } figure img, figure svg { max-width: 100%; height: auto; }
figcaption { font-style: italic; }
section.rk-annex { break-before: page; }
@media print { body { max-width: none; } .rk-landscape { page: landscape; } .rk-landscape table { font-size: 8.5pt; }
  .rk-toc a::after { content: leader(".") target-counter(attr(href), page); } }
""" + _WIDTH_CLASSES + "\n"
# The Content-Security-Policy allows exactly this embedded stylesheet, by its hash: an html document
# shown in the browser keeps its layout, and no other inline style is allowed.
CSS_CSP_HASH = "'sha256-" + base64.b64encode(hashlib.sha256(CSS.encode("utf-8")).digest()).decode("ascii") + "'"


def _e(text) -> str:
    return htmlmod.escape(str(text), quote=True)


def css_string(text: str) -> str:
    """Text as a CSS string literal: quotes, backslashes, line ends and '<' escaped."""
    out = []
    for ch in str(text):
        if ch in '"\\<>' or ord(ch) < 32 or ord(ch) == 127:
            out.append(f"\\{ord(ch):x} " if ch != "\n" else "\\A ")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def house_css(document: Document) -> str:
    """The stylesheet of the document's house style: the colour, and for print the footer."""
    style = style_of(document)
    colour = style.colour
    parts = [f"h1, h2, h3, h4, .rk-organisation {{ color: {colour}; }}",
             f".rk-brand {{ border-bottom: 2px solid {colour}; padding-bottom: 0.3em; }}"]
    # The neutral style prints only the page number at the foot of a pdf page; a house style with
    # an address block or footer line adds them.
    if not (style.address or style.footer):
        return "\n".join(parts)
    footer = "\n".join(x for x in (" · ".join(style.address), footer_text(document)) if x)
    parts.append("@page { @bottom-left { content: " + css_string(footer) + "; white-space: pre; "
                 'font-family: "DejaVu Sans", Arial, sans-serif; font-size: 8pt; color: #333; } }')
    return "\n".join(parts)


_STYLE_ELEMENT = re.compile(r"<style>(.*?)</style>", re.S)


def csp_style_hashes(html: str | bytes) -> list[str]:
    """The CSP hashes ('sha256-…') of every stylesheet embedded in a rendered html document."""
    text = html.decode("utf-8") if isinstance(html, bytes) else html
    return ["'sha256-" + base64.b64encode(hashlib.sha256(m.encode("utf-8")).digest()).decode("ascii") + "'"
            for m in _STYLE_ELEMENT.findall(text)]


def svg_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _table(block: Table) -> str:
    parts = ['<div class="rk-landscape">' if is_wide(block) else "", "<table>"]
    if block.caption:
        parts.append(f"<caption>{_e(block.caption)}</caption>")
    parts.append("<colgroup>" + "".join(f'<col class="w{p}">' for p in column_percentages(block))
                 + "</colgroup>")
    if block.header:
        parts.append("<thead><tr>" + "".join(f'<th scope="col">{_e(h)}</th>' for h in block.header) + "</tr></thead>")
    parts.append("<tbody>")
    for row in block.rows:
        parts.append("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>")
    parts.append("</tbody></table>" + ("</div>" if is_wide(block) else ""))
    return "".join(parts)


def _figure(block: Figure, for_pdf: bool) -> str:
    if for_pdf:
        from regiokompas.documents.render.charts import svg_for_print

        inner = f'<img src="{svg_data_uri(svg_for_print(block.svg))}" alt="{_e(block.alt)}">'
    else:
        inner = f'<div role="img" aria-label="{_e(block.alt)}">{block.svg}</div>'
    cap = f"<figcaption>{_e(block.caption)}</figcaption>" if block.caption else ""
    return f"<figure>{inner}{cap}</figure>"


def _block(block, for_pdf: bool) -> str:
    if isinstance(block, Paragraph):
        return f"<p>{_e(block.text)}</p>"
    if isinstance(block, BulletList):
        return _list(block)
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Figure):
        return _figure(block, for_pdf)
    raise RenderError(f"Onbekend blok in een sectie: {type(block).__name__}.")


def _list(blist: BulletList) -> str:
    tag = "ol" if blist.ordered else "ul"
    out = [f"<{tag}>"]
    open_li = False
    for item in blist.items:
        if isinstance(item, BulletList):
            if not open_li:
                out.append("<li>")
                open_li = True
            out.append(_list(item))
        else:
            if open_li:
                out.append("</li>")
            out.append(f"<li>{_e(item)}")
            open_li = True
    if open_li:
        out.append("</li>")
    out.append(f"</{tag}>")
    return "".join(out)


def _toc(document: Document) -> str:
    """A contents list of the headings, nested by level; in print with page numbers."""
    out = ['<nav class="rk-toc" aria-labelledby="rk-inhoud"><h2 id="rk-inhoud">Inhoud</h2><ol>']
    depth = 1
    first = True
    for i, (heading, level) in enumerate(zip(headings(document), heading_levels(document), strict=True)):
        if not heading:
            continue
        if level > depth:
            out.append("<ol>" * (level - depth))
        elif level < depth:
            out.append("</li>" + "</ol></li>" * (depth - level))
        elif not first:
            out.append("</li>")
        depth, first = level, False
        out.append(f'<li><a href="#h{i + 1}">{_e(heading)}</a>')
    out.append("</li>" + "</ol></li>" * (depth - 1) + "</ol></nav>")
    return "".join(out)


def _head(document: Document) -> list[str]:
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
    parts.append(f"<style>{house_css(document)}</style>")
    parts.append("</head><body><main>")
    return parts


def _header(document: Document) -> list[str]:
    style = style_of(document)
    parts = ["<header>", '<div class="rk-brand">']
    if style.logo_png:
        uri = "data:image/png;base64," + base64.b64encode(style.logo_png).decode("ascii")
        parts.append(f'<img class="rk-logo" src="{uri}" alt="Logo {_e(organisation_name(document))}">')
    if organisation_name(document):
        parts.append(f'<p class="rk-organisation">{_e(organisation_name(document))}</p>')
    if style.address:
        parts.append('<p class="rk-address">' + "<br>".join(_e(line) for line in style.address) + "</p>")
    parts.append("</div>")
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
    return parts


def render_html(document: Document, *, for_pdf: bool = False) -> str:
    parts = _head(document) + _header(document)
    toc_at = toc_position(document) if needs_toc(document) else -1
    rows = zip(sections(document), heading_levels(document), headings(document), starts_annex(document), strict=True)
    for i, (section, level, heading, annex) in enumerate(rows):
        if i == toc_at:
            parts.append(_toc(document))
        parts.append(f'<section data-type="{_e(section.type)}"' + (' class="rk-annex">' if annex else ">"))
        if heading:
            parts.append(f'<h{level + 1} id="h{i + 1}">{_e(heading)}</h{level + 1}>')
        for block in section.blocks:
            parts.append(_block(block, for_pdf))
        parts.append("</section>")
    if toc_at == len(sections(document)):
        parts.append(_toc(document))
    parts.append("</main></body></html>")
    return "\n".join(parts)
