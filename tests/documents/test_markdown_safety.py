"""Markdown downloads never carry raw HTML or a link, image or reference with a script, data, file or
any other scheme out of register text; the text itself stays readable and imports back unchanged."""

import re

import pytest
from markdown_it import MarkdownIt

from regiokompas.documents.importer import import_bytes
from regiokompas.documents.model import BulletList, Document, Paragraph, Section, Table
from regiokompas.documents.render import md_text, render

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<!-- verborgen --><iframe src=javascript:alert(1)>",
    "[klik hier](javascript:alert(1))",
    "[klik](JaVa&#115;cript:alert(1))",
    "[klik](<javascript:alert(1)>)",
    "[klik]( java\tscript:alert(1) )",
    "![plaatje](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<javascript:alert(1)>",
    "[vb](vbscript:msgbox(1))",
    "[bestand](file:///etc/passwd)",
    "[ref]\n\n[ref]: javascript:alert(1)",
    "\\[al ontsnapt\\](javascript:alert(1))",
    "\\\\[dubbel\\\\](javascript:alert(1))",
    "[tekst](https://www.regiokompas.nl/)",
]


def permissive_html(md: str) -> str:
    """What a renderer that trusts every link and passes inline HTML through makes of it."""
    parser = MarkdownIt("commonmark", {"html": True})
    parser.validateLink = lambda url: True
    return parser.render(md)


def document_with(payload: str) -> Document:
    return Document(
        "memo", payload, payload, "definitief", {"onderwerp": payload, "aan": "Gemeenteraad"},
        [Section("kernboodschap", "Kernboodschap", [Paragraph(payload), BulletList([payload, BulletList([payload])])]),
         Section("tekst", payload, [Table(payload, [payload, "b"], [[payload, "x"]])])],
        illustrative_note=payload,
    )


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_is_inert_in_markdown(payload):
    md = render(document_with(payload), "md").decode()
    html = permissive_html(md)
    assert not re.search(r"<(script|img|iframe|a)\b", html, re.IGNORECASE), html
    assert "<!--" not in html
    assert not re.search(r"<[a-z][^>]*\b(href|src|on\w+)\s*=", html, re.IGNORECASE)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_text_comes_back_on_import(payload):
    doc = Document("memo", "Titel", "gemeente Bergen", "definitief", {"onderwerp": "Onderwerp"},
                   [Section("kernboodschap", "Kernboodschap", [Paragraph(payload.replace("\n", " ").replace("\t", " "))])])
    got = import_bytes(render(doc, "md"), "x.md").to_json()
    expected = " ".join(payload.replace("\t", " ").split())
    assert " ".join(got["sections"][0]["text"].split()) == expected


def test_escaping_is_minimal():
    assert md_text("Kosten € 1.200 (structureel) & 3 * 4 = 12 > 10") == "Kosten € 1.200 (structureel) & 3 * 4 = 12 > 10"
    assert md_text("<b>[x]</b> \\") == "\\<b>\\[x\\]\\</b> \\\\"
