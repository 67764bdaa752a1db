"""docx: python-docx with Word-native styles: A4, Title for the title, Heading 1/2/3 following the
structure, a TOC field in long documents (after the opening sections that belong on page 1), annexes
("Bijlage A. …") on a new page, List Bullet/Number, Table Grid tables with a fixed
layout and column widths (wide tables on a landscape page), charts as PNG at print resolution with
their description, the house style (logo and name in the page header, colour of the headings,
address block and footer with the page number as a PAGE field), language nl-NL."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from regiokompas.documents.model import BulletList, Document, Figure, Paragraph, Table
from regiokompas.documents.render.charts import DOCX_WIDTH_CM, svg_png
from regiokompas.documents.render.common import (
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

A4_WIDTH_MM, A4_HEIGHT_MM = 210, 297
MARGIN_CM = 2.0
STYLED = ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet", "Caption")


def _oxml(tag: str, **attrs):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    el = OxmlElement(tag)
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), str(value))
    return el


def _set_lang(element, lang: str = "nl-NL") -> None:
    from docx.oxml.ns import qn

    if element.tag == qn("w:rPr"):
        rpr = element
    else:
        rpr = element.find(qn("w:rPr"))
        if rpr is None:
            rpr = _oxml("w:rPr")
            element.append(rpr)
    existing = rpr.find(qn("w:lang"))
    if existing is None:
        existing = _oxml("w:lang")
        rpr.append(existing)
    existing.set(qn("w:val"), lang)
    existing.set(qn("w:eastAsia"), lang)


# --- document set-up ---------------------------------------------------------------------------------


def _properties(doc, document: Document) -> None:
    props = doc.core_properties
    props.title = document.title
    props.subject = document.kind_label
    props.author = document.organisation or "Regiokompas"
    props.language = "nl-NL"
    props.keywords = f"{document.kind}; {document.status}"


def _styles(doc, document: Document) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10.5)
    colour = RGBColor.from_string(style_of(document).colour[1:].upper())
    for name in STYLED:
        try:
            style = styles[name]
        except KeyError:
            continue
        _set_lang(style.element)
        if name == "Title" or name.startswith("Heading"):
            style.font.color.rgb = colour
            style.font.name = "Arial"
    defaults = styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    if rpr is not None:
        _set_lang(rpr)


def _page(section, landscape: bool = False) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Mm

    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    long_side, short_side = Mm(A4_HEIGHT_MM), Mm(A4_WIDTH_MM)
    section.page_width, section.page_height = (long_side, short_side) if landscape else (short_side, long_side)
    section.left_margin = section.right_margin = Cm(MARGIN_CM)
    section.top_margin = section.bottom_margin = Cm(2.2)


def _text_width_cm(section) -> float:
    return (section.page_width - section.left_margin - section.right_margin) / 360000


def _field(paragraph, instruction: str, placeholder: str = "1") -> None:
    """A complex field (PAGE, NUMPAGES, TOC) in a paragraph, with a cached result to show until
    the reader updates it."""
    run = paragraph.add_run()
    run._r.append(_oxml("w:fldChar", fldCharType="begin", dirty="true"))
    instr = _oxml("w:instrText")
    instr.text = f" {instruction} "
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    paragraph.add_run()._r.append(instr)
    paragraph.add_run()._r.append(_oxml("w:fldChar", fldCharType="separate"))
    paragraph.add_run(placeholder)
    paragraph.add_run()._r.append(_oxml("w:fldChar", fldCharType="end"))


def _page_header(section, document: Document) -> None:
    from docx.shared import Cm

    style = style_of(document)
    header = section.header
    first = header.paragraphs[0]
    if style.logo_png:
        first.add_run().add_picture(io.BytesIO(style.logo_png), height=Cm(1.4))
        name_paragraph = header.add_paragraph() if organisation_name(document) else None
    else:
        name_paragraph = first
    if name_paragraph is not None and organisation_name(document):
        name_paragraph.text = organisation_name(document)


def _page_footer(section, document: Document) -> None:
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Cm, Pt

    style = style_of(document)
    footer = section.footer
    paragraph = footer.paragraphs[0]
    if style.address:
        paragraph.text = " · ".join(style.address)
        paragraph = footer.add_paragraph()
    paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(_text_width_cm(section)), WD_TAB_ALIGNMENT.RIGHT)
    paragraph.add_run(footer_text(document) + "\tpagina ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" van ")
    _field(paragraph, "NUMPAGES")
    for p in footer.paragraphs:
        for run in p.runs:
            run.font.size = Pt(8)


def _update_fields_on_open(doc) -> None:
    """Ask Word to fill in the table of contents and page count when the document is opened."""
    from docx.oxml.ns import qn

    settings = doc.settings.element
    if settings.find(qn("w:updateFields")) is None:
        settings.append(_oxml("w:updateFields", val="true"))


# --- the opening: organisation, kind, title, header table --------------------------------------------


def _opening(doc, document: Document) -> None:
    from docx.shared import Pt

    if organisation_name(document):
        doc.add_paragraph().add_run(organisation_name(document)).bold = True
    if document.status == "concept":
        doc.add_paragraph().add_run("CONCEPT").bold = True
    run = doc.add_paragraph().add_run(document.kind_label)
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
        _fix_widths(table, [0.27, 0.73], 17.0)


def _toc(doc) -> None:
    doc.add_paragraph("Inhoud", style="TOC Heading" if "TOC Heading" in [s.name for s in doc.styles] else "Heading 1")
    _field(doc.add_paragraph(), 'TOC \\o "1-3" \\h \\z \\u',
           "De inhoudsopgave wordt bijgewerkt bij het openen (of: rechtermuisknop, Veld bijwerken).")


# --- blocks ------------------------------------------------------------------------------------------


def _list(doc, blist: BulletList, level: int = 0) -> None:
    base = "List Number" if blist.ordered else "List Bullet"
    style = base if level == 0 else f"{base} {min(level + 1, 3)}"
    for item in blist.items:
        if isinstance(item, BulletList):
            _list(doc, item, level + 1)
        else:
            _styled(doc, str(item), style)


def _fix_widths(table, weights: list[float], width_cm: float) -> None:
    """Fixed layout with these column widths: Word and LibreOffice wrap text inside the page."""
    from docx.shared import Cm

    table.autofit = False
    tblpr = table._tbl.tblPr
    tblpr.append(_oxml("w:tblLayout", type="fixed"))
    widths = [Cm(width_cm * w) for w in weights]
    for column, width in zip(table.columns, widths, strict=False):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = width


def _cell_xml(text: str, width: int, bold: bool) -> str:
    run_pr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    runs = "".join(f'<w:r>{run_pr}<w:t xml:space="preserve">{escape(line)}</w:t></w:r>' if i == 0 else
                   f'<w:r>{run_pr}<w:br/><w:t xml:space="preserve">{escape(line)}</w:t></w:r>'
                   for i, line in enumerate(str(text).split("\n"))) if str(text) else ""
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr><w:p>{runs}</w:p></w:tc>'


def _table(doc, block: Table, width_cm: float) -> None:
    """The table written as WordprocessingML at once (python-docx builds a cell at a time, which is
    slow for the dozens of tables of a report): Table Grid, fixed layout, column widths, the header
    row repeated on every page."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    if block.caption:
        _styled(doc, block.caption, "Caption")
    ncols = column_count(block)
    twips = [round(width_cm * w * 567) for w in column_weights(block)]
    rows = []
    if block.header:
        cells = list(block.header) + [""] * (ncols - len(block.header))
        rows.append('<w:tr><w:trPr><w:tblHeader w:val="true"/></w:trPr>'
                    + "".join(_cell_xml(c, w, True) for c, w in zip(cells, twips, strict=True)) + "</w:tr>")
    for row in block.rows:
        cells = [str(c) for c in row[:ncols]] + [""] * (ncols - len(row[:ncols]))
        rows.append("<w:tr>" + "".join(_cell_xml(c, w, False) for c, w in zip(cells, twips, strict=True)) + "</w:tr>")
    xml = (f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="{_style(doc, "Table Grid").style_id}"/>'
           f'<w:tblW w:w="{sum(twips)}" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" '
           'w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
           "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in twips) + "</w:tblGrid>" + "".join(rows) + "</w:tbl>")
    doc.element.body.sectPr.addprevious(parse_xml(xml))


def _style(doc, name: str):
    """A style by name, looked up once per document (python-docx searches all styles per call)."""
    cache = getattr(doc, "_rk_styles", None)
    if cache is None:
        cache = doc._rk_styles = {}
    if name not in cache:
        cache[name] = doc.styles[name]
    return cache[name]


def _styled(doc, text: str, name: str):
    """A paragraph with a (non-default) paragraph style, set by its id: python-docx's own style
    setter compares every style with the default style by scanning all styles, on every paragraph."""
    paragraph = doc.add_paragraph(text)
    paragraph._p.style = _style(doc, name).style_id
    return paragraph


def _figure(doc, block: Figure) -> None:
    from docx.shared import Cm

    png = svg_png(block.svg)
    if png:
        doc.add_picture(io.BytesIO(png), width=Cm(DOCX_WIDTH_CM))
        docpr = doc.inline_shapes[-1]._inline.docPr
        docpr.set("descr", block.alt)
        docpr.set("title", block.caption or block.alt)
    else:
        doc.add_paragraph(f"[Figuur] {block.alt}")
    if block.caption:
        _styled(doc, block.caption, "Caption")


class _Body:
    """Adds blocks to the document; a wide table gets a landscape section of its own."""

    def __init__(self, doc, document: Document):
        self.doc, self.document = doc, document

    def block(self, block) -> None:
        if isinstance(block, Paragraph):
            self.doc.add_paragraph(block.text)
        elif isinstance(block, BulletList):
            _list(self.doc, block)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Figure):
            _figure(self.doc, block)

    def table(self, block: Table) -> None:
        from docx.enum.section import WD_SECTION

        if not is_wide(block):
            _table(self.doc, block, _text_width_cm(self.doc.sections[-1]))
            return
        _page(self.doc.add_section(WD_SECTION.NEW_PAGE), landscape=True)
        _table(self.doc, block, _text_width_cm(self.doc.sections[-1]))
        _page(self.doc.add_section(WD_SECTION.NEW_PAGE), landscape=False)


def render_docx(document: Document) -> bytes:
    from docx import Document as DocxDocument

    doc = DocxDocument()
    _properties(doc, document)
    _styles(doc, document)
    section = doc.sections[0]
    _page(section)
    _page_header(section, document)
    _page_footer(section, document)
    _opening(doc, document)
    toc_at = toc_position(document) if needs_toc(document) else -1
    if toc_at >= 0:
        _update_fields_on_open(doc)
    body = _Body(doc, document)
    rows = zip(sections(document), heading_levels(document), headings(document), starts_annex(document), strict=True)
    for i, (sec, level, heading, annex) in enumerate(rows):
        if i == toc_at:
            _toc(doc)
        if heading:
            paragraph = _styled(doc, heading, f"Heading {level}")
            if annex:  # an annex starts on a new page
                paragraph.paragraph_format.page_break_before = True
        for block in sec.blocks:
            body.block(block)
    if toc_at == len(sections(document)):
        _toc(doc)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
