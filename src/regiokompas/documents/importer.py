"""Import a council document (.txt, .docx, .pdf): refuse what cannot be read with a Dutch message,
parse, recognise. Nothing here writes anywhere; the publications app stores a result only after a
person confirms it."""

from __future__ import annotations

import hashlib
import os

from regiokompas import formatting
from regiokompas.conf.limits import limit, nl_bytes
from regiokompas.documents.parsers import (
    DocumentImportError,
    decode_text,
    parse_docx,
    parse_pdf,
    parse_text,
)
from regiokompas.documents.recognise import Recognised, recognise

EXTENSIONS = (".txt", ".docx", ".pdf", ".md")

__all__ = ["DocumentImportError", "import_bytes", "import_file", "EXTENSIONS", "detect_format", "original_text"]


def detect_format(data: bytes, filename: str = "") -> str:
    ext = os.path.splitext(filename or "")[1].lower()
    if data[:5] == b"%PDF-" or data.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        return "docx"
    if data[:4] == b"\xd0\xcf\x11\xe0":
        raise DocumentImportError(
            "Dit is een oud Word-bestand (.doc) of een beveiligd Office-document. Sla het op als .docx zonder wachtwoord en probeer het opnieuw."
        )
    if ext in (".pdf", ".docx"):
        raise DocumentImportError(f"Het bestand heeft de extensie {ext}, maar de inhoud is geen geldig {ext[1:]}-bestand.")
    if ext and ext not in EXTENSIONS:
        raise DocumentImportError(f"Bestanden met de extensie {ext} kunnen niet worden ingelezen. Kies een .txt-, .docx- of .pdf-bestand.")
    return "txt"


def check_size(size: int) -> None:
    if size == 0:
        raise DocumentImportError("Het bestand is leeg.")
    max_bytes = limit("REGIOKOMPAS_MAX_UPLOAD_BYTES")
    if size > max_bytes:
        raise DocumentImportError(
            f"Het bestand is te groot ({nl_bytes(size)}); het maximum is {nl_bytes(max_bytes)} (REGIOKOMPAS_MAX_UPLOAD_BYTES)."
        )


def original_text(lines) -> str:
    out = []
    for ln in lines:
        if ln.kind in ("blank", "pagebreak"):
            if out and out[-1] != "":
                out.append("")
        elif ln.kind == "row":
            out.append(" | ".join(ln.cells))
        elif ln.kind == "bullet":
            out.append("  " * ln.level + "- " + ln.text)
        else:
            out.append(ln.text)
    return "\n".join(out).strip() + "\n"


class ImportResult:
    def __init__(self, recognised: Recognised, fmt: str, text: str, sha256: str, filename: str):
        self.recognised = recognised
        self.format = fmt
        self.text = text
        self.sha256 = sha256
        self.filename = filename

    @property
    def document(self):
        return self.recognised.document

    def to_json(self) -> dict:
        data = self.recognised.to_json()
        data["file"] = {"name": self.filename, "format": self.format, "sha256": self.sha256}
        return data


def import_bytes(data: bytes, filename: str = "") -> ImportResult:
    """Parse and recognise a file's bytes. Raises DocumentImportError (Dutch) for empty, too large,
    binary, encrypted or malformed files."""
    if not isinstance(data, bytes | bytearray):
        raise DocumentImportError("Er is geen bestand ontvangen.")
    data = bytes(data)
    check_size(len(data))
    fmt = detect_format(data, filename)
    page_headers: list[str] = []
    if fmt == "pdf":
        lines, page_headers = parse_pdf(data)
    elif fmt == "docx":
        lines, page_headers = parse_docx(data)
    else:
        text = decode_text(data)
        max_chars = limit("REGIOKOMPAS_MAX_DOCUMENT_CHARS")
        if len(text) > max_chars:
            raise DocumentImportError(f"Het tekstbestand is te lang ({formatting.number(len(text))} tekens); het maximum is "
                                      f"{formatting.number(max_chars)} tekens (REGIOKOMPAS_MAX_DOCUMENT_CHARS).")
        if not text.strip():
            raise DocumentImportError("Het bestand bevat geen tekst.")
        lines = parse_text(text)
    if not any(ln.text.strip() for ln in lines):
        raise DocumentImportError("Het bestand bevat geen tekst.")
    recognised = recognise(lines, page_headers=page_headers, styled=fmt in ("docx", "pdf"))
    return ImportResult(recognised, fmt, original_text(lines), hashlib.sha256(data).hexdigest(), os.path.basename(filename or ""))


def import_file(path: str) -> ImportResult:
    try:
        size = os.path.getsize(path)
    except OSError as exc:
        raise DocumentImportError(f"Het bestand '{os.path.basename(path)}' bestaat niet of kan niet worden gelezen.") from exc
    check_size(size)
    if os.path.isdir(path):
        raise DocumentImportError(f"'{os.path.basename(path)}' is een map, geen bestand.")
    with open(path, "rb") as f:
        data = f.read()
    return import_bytes(data, os.path.basename(path))
