"""Resource limits of the document importer: decompression bombs in any part of a docx, lying zip
headers, odd member names, pdf pages and characters, long text. Every refusal is Dutch and names
its limit; memory stays bounded."""

import io
import struct
import tracemalloc
import zipfile

import pytest

from regiokompas.documents.importer import DocumentImportError, import_bytes
from regiokompas.documents.model import Document, Paragraph, Section
from regiokompas.documents.render import render

PARAGRAPH = b"<w:p><w:r><w:t>Het college stemt in met de hoofdlijnennotitie.</w:t></w:r></w:p>"


def real_docx(paragraphs: int = 3) -> bytes:
    doc = Document("memo", "Bommetje", "gemeente Bergen", "definitief", {},
                   [Section("kernboodschap", "Kernboodschap", [Paragraph(f"Alinea {i}.") for i in range(paragraphs)])])
    return render(doc, "docx")


def replace_member(docx: bytes, name: str, chunks, *, extra: dict[str, bytes] | None = None) -> bytes:
    """The same docx with ``name`` written from ``chunks`` (streamed, so a bomb never sits in memory)."""
    src = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for info in src.infolist():
            if info.filename == name:
                member = zipfile.ZipInfo(name)
                member.compress_type = zipfile.ZIP_DEFLATED
                with z.open(member, "w", force_zip64=True) as fh:
                    for chunk in chunks:
                        fh.write(chunk)
            else:
                z.writestr(info, src.read(info.filename))
        for extra_name, payload in (extra or {}).items():
            z.writestr(extra_name, payload)
    return out.getvalue()


def document_xml_bomb(size: int):
    head = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
    yield head
    block = PARAGRAPH * 1000
    for _ in range(size // len(block)):
        yield block
    yield b"</w:body></w:document>"


def styles_xml_bomb(size: int):
    yield (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           b'<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">')
    block = b'<w:style w:type="paragraph" w:styleId="x"><w:name w:val="Normaal"/></w:style>' * 1000
    for _ in range(size // len(block)):
        yield block
    yield b"</w:styles>"


def lower_limits(settings, **values):
    for name, value in values.items():
        setattr(settings, f"REGIOKOMPAS_MAX_{name}", value)


def test_the_unmodified_docx_imports():
    result = import_bytes(real_docx(), "memo.docx")
    assert "Alinea 2." in result.text


def test_document_xml_bomb_is_refused_with_its_limit(settings):
    lower_limits(settings, DOCX_PART_BYTES=512 * 1024, DOCX_XML_CHARS=10_000_000, DOCX_TOTAL_BYTES=50 * 1024 * 1024)
    bomb = replace_member(real_docx(), "word/document.xml", document_xml_bomb(8 * 1024 * 1024))
    assert len(bomb) < 200 * 1024  # small on disk, 8 MB unpacked
    with pytest.raises(DocumentImportError, match="REGIOKOMPAS_MAX_DOCX_PART_BYTES") as exc:
        import_bytes(bomb, "bom.docx")
    assert "word/document.xml" in str(exc.value) and "512 kB" in str(exc.value)


def test_styles_xml_bomb_is_refused_by_its_character_count(settings):
    lower_limits(settings, DOCX_XML_CHARS=300_000)
    bomb = replace_member(real_docx(), "word/styles.xml", styles_xml_bomb(4 * 1024 * 1024))
    with pytest.raises(DocumentImportError, match="REGIOKOMPAS_MAX_DOCX_XML_CHARS") as exc:
        import_bytes(bomb, "stijlen.docx")
    assert "word/styles.xml" in str(exc.value) and "300.000 tekens" in str(exc.value)


def test_total_unpacked_size_across_members_is_limited(settings):
    lower_limits(settings, DOCX_TOTAL_BYTES=2 * 1024 * 1024, DOCX_PART_BYTES=1024 * 1024)
    filler = {f"word/media/image{i}.png": b"\0" * (800 * 1024) for i in range(3)}  # each under the part limit
    bomb = replace_member(real_docx(), "word/document.xml", document_xml_bomb(0), extra=filler)
    with pytest.raises(DocumentImportError, match="REGIOKOMPAS_MAX_DOCX_TOTAL_BYTES"):
        import_bytes(bomb, "veel.docx")


def _lie_about_size(data: bytes, member: str, declared: int) -> bytes:
    """Set the uncompressed size of ``member`` in the central directory (and zip64 extra) to ``declared``."""
    buf = bytearray(data)
    name = member.encode()
    pos = 0
    while (pos := buf.find(b"PK\x01\x02", pos)) != -1:
        name_len, extra_len = struct.unpack_from("<HH", buf, pos + 28)
        if bytes(buf[pos + 46:pos + 46 + name_len]) == name:
            struct.pack_into("<I", buf, pos + 24, declared)
            extra = pos + 46 + name_len
            end = extra + extra_len
            while extra + 4 <= end:
                tag, size = struct.unpack_from("<HH", buf, extra)
                if tag == 0x0001 and size >= 8:  # zip64: the real sizes live here
                    struct.pack_into("<Q", buf, extra + 4, declared)
                    struct.pack_into("<I", buf, pos + 24, declared)
                extra += 4 + size
        pos += 4
    return bytes(buf)


def test_a_header_that_lies_about_the_size_does_not_help(settings):
    lower_limits(settings, DOCX_PART_BYTES=512 * 1024)
    bomb = replace_member(real_docx(), "word/document.xml", document_xml_bomb(8 * 1024 * 1024))
    liar = _lie_about_size(bomb, "word/document.xml", 1000)
    assert zipfile.ZipFile(io.BytesIO(liar)).getinfo("word/document.xml").file_size == 1000
    with pytest.raises(DocumentImportError, match="Word-bestand"):
        import_bytes(liar, "leugen.docx")


def test_bomb_at_default_limits_keeps_memory_bounded():
    """The issue's bomb: document.xml far above the default XML limit but declared honestly under
    the per-member byte limit, so only the count while unpacking stops it."""
    size = 30 * 1024 * 1024
    bomb = replace_member(real_docx(), "word/document.xml", document_xml_bomb(size))
    assert len(bomb) < 1024 * 1024
    tracemalloc.start()
    try:
        with pytest.raises(DocumentImportError, match="REGIOKOMPAS_MAX_DOCX_XML_CHARS"):
            import_bytes(bomb, "bom.docx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * 1024 * 1024, f"peak {peak} bytes while refusing a {size}-byte part"


@pytest.mark.parametrize("name", ["../../etc/passwd", "/word/absolute.xml", "word\\back.xml", "word/./x.xml",
                                  "C:/windows.xml", "word/\x01ctl.xml", "WORD/DOCUMENT.XML"])
def test_odd_member_names_are_refused(name):
    data = replace_member(real_docx(), "word/document.xml", document_xml_bomb(0), extra={name: b"<x/>"})
    with pytest.raises(DocumentImportError, match="ongeldige naam"):
        import_bytes(data, "namen.docx")


def test_too_many_members_are_refused(settings):
    lower_limits(settings, DOCX_MEMBERS=20)
    data = replace_member(real_docx(), "word/document.xml", document_xml_bomb(0),
                          extra={f"word/media/x{i}.bin": b"x" for i in range(30)})
    with pytest.raises(DocumentImportError, match="REGIOKOMPAS_MAX_DOCX_MEMBERS"):
        import_bytes(data, "veel.docx")


def test_recognised_text_of_a_docx_is_limited(settings):
    lower_limits(settings, DOCUMENT_CHARS=2_000)
    data = replace_member(real_docx(), "word/document.xml", document_xml_bomb(len(PARAGRAPH) * 1000))
    with pytest.raises(DocumentImportError, match="REGIOKOMPAS_MAX_DOCUMENT_CHARS"):
        import_bytes(data, "lang.docx")


def _pdf(paragraphs: int) -> bytes:
    text = "Het college van burgemeester en wethouders stemt in met de notitie. " * 10
    doc = Document("memo", "Lang", "gemeente Bergen", "definitief", {},
                   [Section("kernboodschap", "Kernboodschap", [Paragraph(text) for _ in range(paragraphs)])])
    return render(doc, "pdf")


def test_pdf_characters_are_limited(settings):
    lower_limits(settings, DOCUMENT_CHARS=500)
    with pytest.raises(DocumentImportError, match="REGIOKOMPAS_MAX_DOCUMENT_CHARS") as exc:
        import_bytes(_pdf(3), "lang.pdf")
    assert "500 tekens" in str(exc.value)


def test_pdf_pages_are_limited(settings):
    lower_limits(settings, PDF_PAGES=1)
    with pytest.raises(DocumentImportError, match="REGIOKOMPAS_MAX_PDF_PAGES") as exc:
        import_bytes(_pdf(20), "dik.pdf")
    assert "het maximum is 1 " in str(exc.value)


def test_text_file_and_upload_size_limits(settings):
    lower_limits(settings, DOCUMENT_CHARS=100, UPLOAD_BYTES=10_000)
    with pytest.raises(DocumentImportError, match="REGIOKOMPAS_MAX_DOCUMENT_CHARS"):
        import_bytes(b"tekst " * 100, "lang.txt")
    with pytest.raises(DocumentImportError, match="REGIOKOMPAS_MAX_UPLOAD_BYTES"):
        import_bytes(b"a" * 10_001, "groot.txt")
