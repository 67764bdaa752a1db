"""Bad files are refused with a clear Dutch message; the parser never crashes on arbitrary text."""

import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regiokompas.documents.importer import DocumentImportError, import_bytes, import_file
from regiokompas.documents.model import Document, Paragraph, Section
from regiokompas.documents.render import render


def small_pdf() -> bytes:
    return render(Document("memo", "Test", "gemeente Bergen", "definitief", {}, [Section("kernboodschap", "Kernboodschap", [Paragraph("Tekst.")])]), "pdf")


def encrypted_pdf() -> bytes:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(small_pdf()))
    writer = pypdf.PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.encrypt(user_password="geheim", owner_password="eigenaar")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def broken_docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document>niet af")
        z.writestr("[Content_Types].xml", "rommel")
    return buf.getvalue()


@pytest.mark.parametrize(
    "data,name,message",
    [
        (b"", "leeg.txt", "leeg"),
        (b"\x00\x01\x02\x03binair\x00" * 100, "x.txt", "binaire gegevens"),
        (bytes(range(256)) * 50, "x.bin", "extensie .bin"),
        (b"%PDF-1.7\nrommel zonder einde", "x.pdf", "pdf"),
        (b"PK\x03\x04 geen zip", "x.docx", "Word-bestand"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "oud.doc", ".doc"),
        (b"gewone tekst", "x.pdf", "geen geldig pdf"),
        (b"   \n\n\t  ", "wit.txt", "geen tekst"),
    ],
)
def test_bad_files_are_refused_in_dutch(data, name, message):
    with pytest.raises(DocumentImportError, match=message):
        import_bytes(data, name)


def test_encrypted_pdf_is_refused():
    with pytest.raises(DocumentImportError, match="wachtwoord|versleuteld"):
        import_bytes(encrypted_pdf(), "beveiligd.pdf")


def test_malformed_docx_is_refused():
    with pytest.raises(DocumentImportError, match="Word-bestand"):
        import_bytes(broken_docx(), "kapot.docx")


def test_huge_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "groot.pdf"
    with open(path, "wb") as f:
        f.seek(50 * 1024 * 1024)
        f.write(b"\0")
    with pytest.raises(DocumentImportError, match="te groot"):
        import_file(str(path))
    with pytest.raises(DocumentImportError, match="te groot"):
        import_bytes(b"a" * (50 * 1024 * 1024), "groot.txt")


def test_missing_file_is_refused(tmp_path):
    with pytest.raises(DocumentImportError, match="bestaat niet"):
        import_file(str(tmp_path / "weg.txt"))


def test_pdf_without_text_is_refused():
    from weasyprint import HTML

    pdf = HTML(string='<html lang="nl"><body><div style="width:5cm;height:5cm;background:#000"></div></body></html>').write_pdf()
    with pytest.raises(DocumentImportError, match="geen tekst"):
        import_bytes(pdf, "scan.pdf")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=3000))
def test_parser_never_crashes_on_arbitrary_text(text):
    try:
        result = import_bytes(text.encode("utf-8"), "fuzz.txt")
    except DocumentImportError:
        return
    data = result.to_json()
    assert data["status"] in ("concept", "definitief")
    assert isinstance(data["sections"], list)


LINES = st.sampled_from([
    "datum : 29 mei 2012", "Aanleiding", "KERNBOODSCHAP:", "TITEL:", "gemeente BERGEN", "CONCEPT", "- punt", " - sub",
    "Het college van Bergen heeft niet ingestemd.", "Bergen en Uitgeest niet.", "", "", ":", "Onderwerp", "(1)",
    "Vervolg", "Bijlagen", "| datum | 1 mei 2020 |", "# Titel", "## Kop", "1. eerste", "Geheimhouding Nee Ja",
    "In 2019 hebben de colleges Alkmaar en Heiloo ingestemd met de pilots; Castricum niet.", "wij hebben op 3 april jl. aangehouden",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(LINES, max_size=60))
def test_parser_never_crashes_on_council_like_text(lines):
    try:
        import_bytes("\n".join(lines).encode(), "fuzz.txt").to_json()
    except DocumentImportError:
        pass


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_damaged_files_are_refused_or_read_never_crash(fmt):
    import random

    base = bytearray(render(Document("memo", "Test", "gemeente Bergen", "definitief", {"datum": "1 mei 2020"},
                                     [Section("kernboodschap", "Kernboodschap", [Paragraph("Tekst.")])]), fmt))
    rng = random.Random(2012)
    for _ in range(40):
        data = bytearray(base)
        for _ in range(rng.randint(1, 30)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        if rng.random() < 0.3:
            data = data[: rng.randrange(1, len(data))]
        try:
            import_bytes(bytes(data), f"kapot.{fmt}")
        except DocumentImportError as exc:
            assert str(exc)[:1].isupper()  # a Dutch sentence, not a traceback
