"""Layout of generated documents: A4 with page numbers, headings that follow the structure, a table
of contents in long documents, tables that stay on the page, sharp charts, and the house style."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from docx import Document as DocxDocument
from docx.shared import Mm
from PIL import Image

from regiokompas.documents.model import BulletList, Document, Figure, Paragraph, Section, Table
from regiokompas.documents.render import csp_style_hashes, render, render_html
from regiokompas.documents.style import HouseStyle, StyleError, check_address, check_colour, normalise_logo

CHART = ('<svg xmlns="http://www.w3.org/2000/svg" width="740" height="300" viewBox="0 0 740 300" role="img">'
         '<title>Kans</title><rect x="10" y="10" width="300" height="200" fill="#1f4e79"/>'
         '<text x="20" y="280" font-size="14">Variant 1</text></svg>')
LONG_WORD = "Uitvoeringsorganisatiesamenwerkingsovereenkomstenregister" * 2


def wide_table() -> Table:
    header = [f"Kolom {i} met een lange kop" for i in range(1, 11)]
    rows = [[f"{LONG_WORD} {r}-{c}" if c % 3 == 0 else f"€ {r * c * 1234567:,}".replace(",", ".") for c in range(10)]
            for r in range(1, 6)]
    return Table("Kosten per jaar per gemeente", header, rows)


def narrow_table() -> Table:
    return Table("Scores", ["Criterium", "Variant 1", "Variant 2"],
                 [[f"Criterium {i} " + "met een lange omschrijving " * 6, "3", LONG_WORD] for i in range(4)])


def report(style: HouseStyle | None = None) -> Document:
    """A report of 10 chapters, two with parts (level 2), a wide and a narrow table and a chart."""
    sections = []
    for i in range(1, 11):
        blocks = [Paragraph(f"Tekst van hoofdstuk {i}. " * 20)]
        if i == 3:
            blocks += [narrow_table(), wide_table(), Paragraph("Na de brede tabel gaat de tekst staand verder.")]
        if i == 4:
            blocks.append(Figure(CHART, "Kans op de eerste plaats", "Staafgrafiek van de kans per variant."))
        sections.append(Section("tekst", f"Hoofdstuk {i}", blocks))
        if i in (5, 7):
            sections += [Section("tekst", f"Deel {i}.{k}", [Paragraph("Een onderdeel.")], level=2) for k in (1, 2)]
    return Document(kind="onderbouwing", title="Onderbouwing keuze uitvoeringsvariant", organisation="Projectbureau Kust",
                    status="concept", header={"onderwerp": "Onderbouwing", "datum": "01-03-2025"}, sections=sections,
                    style=style)


def memo() -> Document:
    return Document(kind="memo", title="Voortgang", organisation="gemeente Heiloo", status="definitief",
                    header={"datum": "14 februari 2021", "onderwerp": "Voortgang"},
                    sections=[Section("aanleiding", "Aanleiding", [Paragraph("Tekst.")]),
                              Section("vervolg", "Vervolg", [BulletList(["punt"])])])


def logo_png(colour=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (240, 80), colour).save(out, format="PNG")
    return out.getvalue()


def styled() -> HouseStyle:
    png, w, h = normalise_logo(logo_png(), 1_000_000)
    return HouseStyle(name="Gemeente Kustdorp", colour="#7a1f5c", logo_png=png, logo_width=w, logo_height=h,
                      address=("Postbus 1", "1999 ZZ Kustdorp"), footer="Kustdorp – samen verder")


@pytest.fixture(scope="module")
def report_pdf():
    return render(report(), "pdf")


@pytest.fixture(scope="module")
def report_docx():
    return DocxDocument(io.BytesIO(render(report(), "docx")))


# --- A4 and page numbers -------------------------------------------------------------------------------


def test_docx_is_a4_with_page_numbers_in_the_footer(report_docx):
    first = report_docx.sections[0]
    assert abs(first.page_width - Mm(210)) < Mm(1) and abs(first.page_height - Mm(297)) < Mm(1)
    footer_xml = first.footer._element.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml and "fldChar" in footer_xml
    for section in report_docx.sections:  # every section A4, upright or landscape
        assert {round(section.page_width / Mm(1)), round(section.page_height / Mm(1))} == {210, 297}


def test_pdf_is_a4_with_page_numbers(report_pdf):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(report_pdf)
    sizes = {tuple(sorted(round(x) for x in page.get_size())) for page in pdf}
    assert sizes == {(595, 842)}
    n = len(pdf)
    for i, page in enumerate(pdf, 1):
        assert f"pagina {i} van {n}" in page.get_textpage().get_text_range()


# --- tables stay on the page ----------------------------------------------------------------------------


def test_pdf_has_no_text_beyond_the_page_box(report_pdf):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(report_pdf)
    landscape = 0
    for number, page in enumerate(pdf, 1):
        width, height = page.get_size()
        landscape += width > height
        text = page.get_textpage()
        for i in range(text.count_chars()):
            left, bottom, right, top = text.get_charbox(i)
            if right - left <= 0:
                continue
            assert left >= -0.5 and right <= width + 0.5 and bottom >= -0.5 and top <= height + 0.5, (
                f"page {number}: character {text.get_text_range(i, 1)!r} at {left:.0f}-{right:.0f} outside 0-{width:.0f}")
    assert landscape >= 1  # the wide table has a landscape page of its own


def test_docx_tables_have_a_fixed_layout_within_the_text_width(report_docx):
    for table in report_docx.tables:
        assert 'w:type="fixed"' in table._tbl.xml
    for section in report_docx.sections:
        text_width = section.page_width - section.left_margin - section.right_margin
        body = section._sectPr.getparent()
        assert body is not None
    widths = [sum(c.width for c in t.rows[0].cells) for t in report_docx.tables]
    landscape = [s for s in report_docx.sections if s.page_width > s.page_height]
    assert landscape, "the wide table is on a landscape page"
    widest = max(s.page_width - s.left_margin - s.right_margin for s in report_docx.sections)
    assert all(w <= widest + Mm(1) for w in widths)
    text_width = report_docx.sections[0].page_width - report_docx.sections[0].left_margin - report_docx.sections[0].right_margin
    assert sum(1 for w in widths if w > text_width + Mm(1)) == 1  # only the wide table, on its landscape page


# --- headings follow the structure ---------------------------------------------------------------------


def test_docx_headings_nest(report_docx):
    levels = [int(p.style.name.split()[-1]) for p in report_docx.paragraphs if p.style.name.startswith("Heading ")]
    assert 2 in levels and levels[0] == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))
    assert [p.style.name for p in report_docx.paragraphs if p.text == "Deel 5.1"] == ["Heading 2"]


def test_html_headings_nest_from_h1():
    html = render_html(report())
    levels = [int(x) for x in re.findall(r"<h([1-6])\b", html)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))
    assert '<h3 id="h6">Deel 5.1</h3>' in html


def test_a_section_cannot_skip_a_level():
    doc = memo()
    doc.sections[1].level = 3
    levels = [int(x) for x in re.findall(r"<h([1-6])\b", render_html(doc))]
    assert levels == [1, 2, 3]


# --- table of contents ---------------------------------------------------------------------------------


def test_long_report_has_a_table_of_contents(report_docx, report_pdf):
    assert any("TOC \\o" in p._p.xml for p in report_docx.paragraphs)
    html = render_html(report())
    assert '<nav class="rk-toc"' in html and '<a href="#h6">Deel 5.1</a>' in html
    import pypdfium2 as pdfium

    first_pages = "".join(pdfium.PdfDocument(report_pdf)[i].get_textpage().get_text_range() for i in range(2))
    assert "Inhoud" in first_pages and re.search(r"Hoofdstuk 10\s*\.+\s*\d+", first_pages)


def test_short_memo_has_no_table_of_contents():
    docx = DocxDocument(io.BytesIO(render(memo(), "docx")))
    assert not any("TOC \\o" in p._p.xml for p in docx.paragraphs)
    assert "<nav class=\"rk-toc\"" not in render_html(memo())


# --- charts --------------------------------------------------------------------------------------------


def test_docx_chart_is_a_high_resolution_png(report_docx):
    pictures = report_docx.inline_shapes
    assert len(pictures) == 1
    blip = pictures[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    png = report_docx.part.related_parts[blip].blob
    with Image.open(io.BytesIO(png)) as image:
        dpi = image.width / (pictures[0].width / Mm(25.4))
    assert dpi >= 250
    assert pictures[0]._inline.docPr.get("descr") == "Staafgrafiek van de kans per variant."


def test_pdf_chart_is_a_vector_drawing(report_pdf):
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    images = sum(1 for page in pdfium.PdfDocument(report_pdf) for obj in page.get_objects(max_depth=5)
                 if obj.type == raw.FPDF_PAGEOBJ_IMAGE)
    assert images == 0


# --- house style ----------------------------------------------------------------------------------------


def test_neutral_style_by_default():
    html = render_html(memo())
    assert "#1f4e79" in html and "class=\"rk-logo\"" not in html and "gemeente Heiloo" in html


def test_house_style_in_docx():
    docx = DocxDocument(io.BytesIO(render(report(styled()), "docx")))
    header = docx.sections[0].header
    assert "Gemeente Kustdorp" in [p.text for p in header.paragraphs]
    assert header.part.related_parts, "the logo is an image in the page header"
    assert any("Postbus 1 · 1999 ZZ Kustdorp" in p.text for p in docx.sections[0].footer.paragraphs)
    assert any("Kustdorp – samen verder" in p.text for p in docx.sections[0].footer.paragraphs)
    assert str(docx.styles["Heading 1"].font.color.rgb) == "7A1F5C"
    assert docx.paragraphs[0].text == "Gemeente Kustdorp"


def test_house_style_in_pdf():
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument(render(report(styled()), "pdf"))
    first = pdf[0]
    text = first.get_textpage().get_text_range()
    assert "Gemeente Kustdorp" in text and "Postbus 1 · 1999 ZZ Kustdorp" in text and "Kustdorp – samen verder" in text
    assert any(obj.type == raw.FPDF_PAGEOBJ_IMAGE for obj in first.get_objects(max_depth=5)), "the logo"
    colours = set()
    for obj in first.get_objects(max_depth=5):
        if obj.type == raw.FPDF_PAGEOBJ_TEXT:
            r, g, b, a = (raw.c_uint(), raw.c_uint(), raw.c_uint(), raw.c_uint())
            raw.FPDFPageObj_GetFillColor(obj.raw, r, g, b, a)
            colours.add((r.value, g.value, b.value))
    assert (0x7A, 0x1F, 0x5C) in colours, "headings in the house colour"


def test_house_style_in_html_is_allowed_by_the_csp():
    html = render_html(report(styled()))
    assert "#7a1f5c" in html and 'class="rk-logo"' in html and 'alt="Logo Gemeente Kustdorp"' in html
    assert "style=" not in html.replace("<style>", "")
    hashes = csp_style_hashes(html)
    assert len(hashes) == 2 and all(h.startswith("'sha256-") for h in hashes)


def test_footer_text_cannot_break_out_of_the_stylesheet():
    style = HouseStyle(footer='x"; } body { display: none } </style><script>alert(1)</script>')
    html = render_html(Document(kind="memo", title="t", organisation="o", style=style))
    assert "<script>" not in html and html.count("</style>") == 2


# --- checks of house-style values ------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["rood", "#12345", "#gg0000", "", "1f4e79ff"])
def test_invalid_colour_is_refused_in_dutch(value):
    with pytest.raises(StyleError, match="geen kleur"):
        check_colour(value)


def test_light_colour_is_refused_for_contrast():
    with pytest.raises(StyleError, match="te licht"):
        check_colour("#ffdd00")
    assert check_colour("#7A1F5C") == "#7a1f5c" and check_colour("#036") == "#003366"


def test_logo_must_be_an_image_within_the_limit():
    with pytest.raises(StyleError, match="geen afbeelding"):
        normalise_logo(b"%PDF-1.7 not an image", 1_000_000)
    with pytest.raises(StyleError, match="te groot"):
        normalise_logo(logo_png(), 100)
    big = io.BytesIO()
    Image.new("1", (5000, 10)).save(big, format="PNG")
    with pytest.raises(StyleError, match="5000 × 10 pixels"):
        normalise_logo(big.getvalue(), 1_000_000)
    png, w, h = normalise_logo(logo_png(), 1_000_000)
    assert png.startswith(b"\x89PNG") and (w, h) == (240, 80)


def test_address_block_is_limited():
    assert check_address("Postbus 1\r\n\r\n1999 ZZ  Kustdorp") == ("Postbus 1", "1999 ZZ Kustdorp")
    with pytest.raises(StyleError, match="7 regels"):
        check_address("\n".join("regel" for _ in range(7)))


def test_docx_is_a_valid_zip_with_nl_language():
    data = render(report(styled()), "docx")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert 'w:val="nl-NL"' in z.read("word/styles.xml").decode()


def with_annexes() -> Document:
    """A report with a summary before the table of contents and three annexes (one with a part)."""
    doc = report()
    doc.sections.insert(0, Section("samenvatting", "Conclusie in het kort", [Paragraph("De conclusie.")]))
    doc.sections += [Section("bijlage", "Scores met onderbouwing", [narrow_table()], annex=True),
                     Section("bijlage", "Per criterium", [Paragraph("Een deel van de bijlage.")], level=2, annex=True),
                     Section("bijlage", "Voorkeuren", [Paragraph("De voorkeuren.")], annex=True),
                     Section("bijlage", "Verantwoording", [BulletList(["seed 1"])], annex=True)]
    doc.toc_after = 1
    return doc


ANNEXES = ["Bijlage A. Scores met onderbouwing", "Bijlage B. Voorkeuren", "Bijlage C. Verantwoording"]


def test_annex_letters_go_on_after_z():
    from regiokompas.documents.render.common import annex_letter

    assert [annex_letter(i) for i in (0, 1, 25, 26, 27, 51, 52)] == ["A", "B", "Z", "AA", "AB", "AZ", "BA"]


def test_annexes_come_after_the_main_part_whatever_the_order_of_the_sections():
    from regiokompas.documents.render.common import headings, sections

    doc = with_annexes()
    doc.sections.insert(3, doc.sections.pop())  # an annex among the chapters: it is still printed with the annexes
    # the annexes keep their own order, lettered as printed
    assert headings(doc)[-4:] == ["Bijlage A. Verantwoording", "Bijlage B. Scores met onderbouwing", "Per criterium",
                                  "Bijlage C. Voorkeuren"]
    annex = [s.annex for s in sections(doc)]
    assert annex == sorted(annex)


def test_html_lists_the_annexes_in_the_contents_after_the_summary_and_breaks_the_page():
    html = render_html(with_annexes())
    toc = html[html.index('<nav class="rk-toc"'):html.index("</nav>")]
    for heading in ANNEXES:
        assert f">{heading}</a>" in toc and f">{heading}</h2>" in html
    assert ">Per criterium</h3>" in html  # a part of an annex keeps its own heading
    assert html.index(">Conclusie in het kort</h2>") < html.index('<nav class="rk-toc"') < html.index(">Hoofdstuk 1</h2>")
    assert html.count('<section data-type="bijlage" class="rk-annex">') == 3
    assert "section.rk-annex { break-before: page; }" in html


def test_docx_annexes_are_headings_on_a_new_page_after_the_contents():
    docx = DocxDocument(io.BytesIO(render(with_annexes(), "docx")))
    paragraphs = docx.paragraphs
    texts = [p.text for p in paragraphs]
    assert texts.index("Conclusie in het kort") < texts.index("Inhoud") < texts.index("Hoofdstuk 1")
    for heading in ANNEXES:
        p = paragraphs[texts.index(heading)]
        assert p.style.name == "Heading 1" and p.paragraph_format.page_break_before
    assert not paragraphs[texts.index("Hoofdstuk 2")].paragraph_format.page_break_before
    assert paragraphs[texts.index("Per criterium")].style.name == "Heading 2"


def test_markdown_heads_the_annexes():
    md = render(with_annexes(), "md").decode()
    assert md.index("## Hoofdstuk 10") < md.index("## Bijlage A. Scores met onderbouwing") < md.index("### Per criterium") \
        < md.index("## Bijlage B. Voorkeuren")


def test_pdf_starts_every_annex_on_a_new_page_and_bookmarks_it():
    from pypdf import PdfReader

    pdf = PdfReader(io.BytesIO(render(with_annexes(), "pdf")))
    bookmarks = {}

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                bookmarks[item.title] = pdf.get_destination_page_number(item)

    walk(pdf.outline)
    # the conclusion makes page 1; the table of contents follows on a page of its own
    assert bookmarks["Conclusie in het kort"] == 0 and bookmarks["Inhoud"] == 1
    pages = [bookmarks[heading] for heading in ANNEXES]
    assert pages == sorted(set(pages)) and pages[0] > bookmarks["Hoofdstuk 10"]
    for heading, page in zip(ANNEXES, pages, strict=True):
        assert heading in pdf.pages[page].extract_text().splitlines()[:2]  # the first text under the running header
        assert heading not in pdf.pages[page - 1].extract_text()
    contents = " ".join((pdf.pages[0].extract_text() + "\n" + pdf.pages[1].extract_text()).split())
    assert contents.index("Conclusie in het kort") < contents.index("Inhoud")
    assert all(heading in contents for heading in ANNEXES)  # in the table of contents
