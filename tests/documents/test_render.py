import io
import re

import pytest

from regiokompas.documents.model import (
    BulletList,
    Document,
    Figure,
    Paragraph,
    Section,
    Table,
    blocks_from_text,
)
from regiokompas.documents.render import RenderError, render

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"><title>Staaf</title><rect width="100" height="40" fill="#336"/></svg>'


def doc(**kw) -> Document:
    base = dict(
        kind="raadsinformatiebrief", title="Stand van zaken", organisation="gemeente Uitgeest", status="concept",
        header={"datum": "1 maart 2021", "onderwerp": "Stand van zaken"},
        sections=[
            Section("kernboodschap", "Kernboodschap", [Paragraph("Tekst <met> & tekens"), BulletList(["a", BulletList(["a1"]), "b"])]),
            Section("tekst", "Cijfers", [Table("Inwoners per gemeente", ["Gemeente", "Inwoners"], [["Uitgeest", "13.500"]]), Figure(SVG, "Figuur 1", "Een staaf")]),
        ],
        illustrative_note="Voorbeeldcijfers zonder bron.",
    )
    base.update(kw)
    return Document(**base)


def test_html_is_semantic_dutch_and_escaped():
    html = render(doc(), "html").decode()
    assert '<html lang="nl">' in html
    assert "<title>Stand van zaken</title>" in html
    assert "Tekst &lt;met&gt; &amp; tekens" in html
    assert '<caption>Kopgegevens</caption>' in html and '<th scope="row">datum</th>' in html
    assert '<th scope="col">Gemeente</th>' in html
    assert 'role="img" aria-label="Een staaf"' in html
    assert "Illustratief:" in html
    assert re.search(r"<ul><li>a<ul><li>a1</li></ul></li><li>b</li></ul>", html)


def test_pdf_is_tagged_with_language_and_title():
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(render(doc(), "pdf")))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nl"
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    assert reader.metadata.title == "Stand van zaken"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    assert "pdfuaid" in root["/Metadata"].get_object().get_data().decode()  # declared PDF/UA-1
    text = "".join(p.extract_text() for p in reader.pages)
    assert "gemeente Uitgeest" in text and "Kernboodschap" in text


def test_docx_opens_in_word_with_header_table_and_municipality():
    import docx

    d = docx.Document(io.BytesIO(render(doc(), "docx")))
    assert d.core_properties.title == "Stand van zaken"
    assert d.core_properties.language == "nl-NL"
    assert d.sections[0].header.paragraphs[0].text == "gemeente Uitgeest"
    styles = [p.style.name for p in d.paragraphs]
    assert "Title" in styles and "Heading 1" in styles and "List Bullet 2" in styles
    header_table = d.tables[0]
    assert [c.text for c in header_table.rows[0].cells] == ["datum", "1 maart 2021"]
    assert len(d.inline_shapes) == 1  # the figure as picture with its alt text
    assert d.inline_shapes[0]._inline.docPr.get("descr") == "Een staaf"


def test_markdown():
    md = render(doc(), "md").decode()
    assert md.startswith("**gemeente Uitgeest**")
    assert "# Stand van zaken" in md and "## Kernboodschap" in md
    assert "| datum | 1 maart 2021 |" in md
    assert "- a\n  - a1\n- b" in md


def test_unknown_format_is_refused_in_dutch():
    with pytest.raises(RenderError, match="Onbekend formaat"):
        render(doc(), "odt")


def test_section_text_and_from_text_agree():
    text = "Eerste alinea\nloopt door.\n\n- een\n - sub\n- twee\n\nSlot."
    blocks = blocks_from_text(text)
    assert Section("tekst", "", blocks).text == "Eerste alinea loopt door.\n\n- een\n - sub\n- twee\n\nSlot."
