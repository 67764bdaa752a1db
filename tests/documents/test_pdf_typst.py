"""The pdf as Typst lays it out: text of a document never acts as Typst markup, the structure is
tagged (headings, tables, figures with alt text) and in the bookmarks, annexes open a page of their
own, Dutch words are hyphenated and read back whole, and long numbers get break points in narrow
table columns."""

from __future__ import annotations

import io

import pypdf
import pypdfium2 as pdfium

from regiokompas.documents.importer import import_bytes
from regiokompas.documents.model import Document, Figure, Paragraph, Section, Table
from regiokompas.documents.render import render
from regiokompas.documents.render.common import annex_letter
from regiokompas.documents.render.typst import ZWSP, breakable, document_data
from regiokompas.documents.style import HouseStyle

from .test_layout import CHART, report

TRICKY = "Plan #set page(width: 1cm) $x^2$ *vet* _schuin_ [a] \\ @ref <label> `code` // geen commentaar"


def _text(pdf: bytes) -> str:
    return "\n".join(page.get_textpage().get_text_range() for page in pdfium.PdfDocument(pdf))


def _tree(pdf: bytes) -> list[tuple[str, dict]]:
    """The structure elements in reading order: (tag, element)."""
    out: list[tuple[str, dict]] = []

    def walk(node) -> None:
        node = node.get_object()
        if not isinstance(node, dict):
            return
        if "/S" in node:
            out.append((str(node["/S"]), node))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids]:
            if kid is not None and (hasattr(kid, "get_object") or isinstance(kid, dict)):
                walk(kid)

    walk(pypdf.PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/StructTreeRoot"])
    return out


def test_typst_syntax_in_any_text_prints_as_written():
    style = HouseStyle(name=TRICKY, footer=TRICKY, address=(TRICKY,))
    doc = Document(kind="memo", title=TRICKY, organisation=TRICKY, status="definitief", header={"onderwerp": TRICKY},
                   sections=[Section("tekst", TRICKY, [Paragraph(TRICKY), Table(TRICKY, [TRICKY], [[TRICKY]]),
                                                       Figure(CHART, TRICKY, TRICKY)])],
                   illustrative_note=TRICKY, style=style)
    pdf = render(doc, "pdf")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert reader.metadata.title == TRICKY and reader.metadata.author == TRICKY
    assert {tuple(round(x) for x in page.get_size()) for page in pdfium.PdfDocument(pdf)} == {(595, 842)}
    flat = " ".join(_text(pdf).replace("\ufffe\r\n", "").split())
    assert flat.count("$x^2$ *vet* _schuin_ [a] \\ @ref <label> `code` // geen commentaar") >= 8
    assert [e.get("/Alt") for tag, e in _tree(pdf) if tag == "/Figure"] == [TRICKY]


def test_structure_is_tagged_and_in_the_bookmarks():
    pdf = render(report(), "pdf")
    tags = [tag for tag, _ in _tree(pdf)]
    headings = [int(t[2:]) for t in tags if t in ("/H1", "/H2", "/H3")]
    assert headings[0] == 1 and all(b <= a + 1 for a, b in zip(headings, headings[1:], strict=False)) and 2 in headings
    assert "/Title" in tags and "/TOC" in tags and tags.count("/Table") == 3 and "/TH" in tags
    assert [e.get("/Alt") for tag, e in _tree(pdf) if tag == "/Figure"] == ["Staafgrafiek van de kans per variant."]
    outline = pypdf.PdfReader(io.BytesIO(pdf)).outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    assert titles[:6] == ["Inhoud"] + [f"Hoofdstuk {i}" for i in range(1, 6)]  # the contents are a bookmark too
    nested = [item for item in outline if isinstance(item, list)]
    assert [[x.title for x in part] for part in nested] == [["Deel 5.1", "Deel 5.2"], ["Deel 7.1", "Deel 7.2"]]
    metadata = pypdf.PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert "<pdfuaid:part>1</pdfuaid:part>" in metadata


def test_annexes_are_lettered_and_open_a_page():
    sections = [Section("tekst", "Inleiding", [Paragraph("Het rapport.")])]
    for heading in ("Berekening", "Bronnen"):
        annex = Section("tekst", heading, [Paragraph(f"Inhoud van {heading.lower()}.")])
        annex.annex = True  # type: ignore[attr-defined]
        sections.append(annex)
    sections.append(Section("tekst", "Toelichting", [Paragraph("Bij de bronnen.")], level=2))
    sections[-1].annex = True  # type: ignore[attr-defined]
    doc = Document(kind="rapport", title="Rapport", organisation="gemeente Heiloo", sections=sections)
    assert [s["heading"] for s in document_data(doc)["sections"]] == [
        "Inleiding", "Bijlage A. Berekening", "Bijlage B. Bronnen", "Toelichting"]
    pages = [page.get_textpage().get_text_range() for page in pdfium.PdfDocument(render(doc, "pdf"))]
    assert len(pages) == 3
    assert "Bijlage A. Berekening" in pages[1] and "Bijlage B. Bronnen" in pages[2] and "Toelichting" in pages[2]
    assert [annex_letter(n) for n in (0, 25, 26)] == ["A", "Z", "AA"]


def test_hyphens_read_back_as_written_and_long_words_whole():
    """No hyphenation: a hyphenated line end would turn every real hyphen of the text layer into a
    soft hyphen (Typst 0.14), which a screen reader drops ("GraftDe Rijp")."""
    text = " ".join(["Het samenwerkingsverband arbeidsmarktregio uitvoeringsorganisatie gemeenschappelijke regeling "
                     "ondernemingsraden informatievoorziening van Graft-De Rijp en Bergen (NH.), 5,3 %-punt."] * 12)
    doc = Document(kind="memo", title="Afbreken", organisation="gemeente Bergen", status="definitief",
                   header={"onderwerp": "Afbreken"}, sections=[Section("tekst", "Tekst", [Paragraph(text)])])
    pdf = render(doc, "pdf")
    extracted = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "\u00ad" not in extracted
    assert " ".join(extracted.split()).count("Graft-De Rijp") == 12 and "%-punt" in extracted
    assert import_bytes(pdf, "afbreken.pdf").document.sections[0].text == text


def test_long_numbers_get_break_points_in_narrow_columns():
    assert breakable("€ 18.518.505 in 2025", 6) == f"€ 18.{ZWSP}518.{ZWSP}505 in 2025"
    assert breakable("1234567890123", 5) == f"12345{ZWSP}67890{ZWSP}123"
    assert breakable("Uitvoeringsorganisatiesamenwerking", 12) == f"Uitvoeringso{ZWSP}rganisatiesa{ZWSP}menwerking"
    assert breakable("Uitvoeringsorganisatie", 30) == "Uitvoeringsorganisatie"  # fits its column
    assert breakable("€ 1.234", 12) == "€ 1.234"
    header = [f"Kolom {i}" for i in range(1, 15)]
    rows = [[f"€ {r * c * 98765432101:,}".replace(",", ".") for c in range(1, 15)] for r in range(1, 4)]
    pdf = render(Document(kind="rapport", title="Bedragen", sections=[Section("tekst", "Tabel", [Table("Bedragen", header, rows)])]),
                 "pdf")
    document = pdfium.PdfDocument(pdf)
    page = document[len(document) - 1]
    width, _ = page.get_size()
    text = page.get_textpage()
    boxes = [text.get_charbox(i) for i in range(text.count_chars()) if text.get_text_range(i, 1).strip(ZWSP + " \r\n")]
    assert boxes and all(right <= width for _, _, right, _ in boxes)
    lines: dict[int, list[tuple[float, float]]] = {}
    for left, bottom, right, _ in boxes:
        lines.setdefault(round(bottom), []).append((left, right))
    for chars in lines.values():  # no cell's text runs into the next one
        chars.sort()
        assert all(b[0] >= a[1] - 0.5 for a, b in zip(chars, chars[1:], strict=False))


def test_characters_without_a_font_or_never_printed_do_not_stop_the_pdf():
    text = "Feest 🎉 in 中文 met\x00 stuur\x07tekens,\ttab en \ud800 een losse helft"
    doc = Document(kind="memo", title=text, organisation="gemeente Bergen",
                   sections=[Section("tekst", text, [Paragraph(text), Table(text, [text], [[text]])])])
    pdf = render(doc, "pdf")
    page = pdfium.PdfDocument(pdf)[0].get_textpage().get_text_range()
    assert "Feest \ufffd in \ufffd\ufffd met stuurtekens, tab en een losse helft" in " ".join(page.split())
    metadata = pypdf.PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert "<pdfuaid:part>1</pdfuaid:part>" in metadata


def test_a_broken_chart_becomes_its_description():
    broken = Figure("<svg xmlns='http://www.w3.org/2000/svg'><rect", "Figuur 2", "Kans per variant.")
    pdf = render(Document(kind="memo", title="Grafiek", sections=[Section("tekst", "Kop", [broken])]), "pdf")
    text = pdfium.PdfDocument(pdf)[0].get_textpage().get_text_range()
    assert "Kans per variant." in text and "Figuur 2" in text


def test_threads_render_at_the_same_time():
    from concurrent.futures import ThreadPoolExecutor

    docs = [Document(kind="memo", title=f"Memo {i}", organisation="gemeente Heiloo",
                     sections=[Section("tekst", "Tekst", [Paragraph(f"Inhoud {i}.")])]) for i in range(4)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        pdfs = list(pool.map(lambda d: render(d, "pdf"), docs))
    assert [pypdf.PdfReader(io.BytesIO(p)).metadata.title for p in pdfs] == [f"Memo {i}" for i in range(4)]
