"""Turn a .txt, .docx or .pdf file into a list of Lines the recogniser works on.

Each parser keeps what its format tells about structure (docx styles and tables, pdf font size
and weight, markdown markers in text) and drops what is only layout (repeated page headers and
footers, page numbers)."""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from regiokompas import formatting
from regiokompas.conf.limits import LIMITS, limit, nl_bytes

# Defaults; the limits in force come from regiokompas.conf.limits (settings, docs/configuration.md).
MAX_BYTES = LIMITS["REGIOKOMPAS_MAX_UPLOAD_BYTES"].default
MAX_PAGES = LIMITS["REGIOKOMPAS_MAX_PDF_PAGES"].default
MAX_CHARS = LIMITS["REGIOKOMPAS_MAX_DOCUMENT_CHARS"].default


class DocumentImportError(ValueError):
    """A file cannot be imported; the message is Dutch and meant for the user."""


@dataclass
class Line:
    text: str
    kind: str = "text"  # text | blank | title | heading | bullet | row | pagebreak
    level: int = 0
    cells: list[str] = field(default_factory=list)
    bold: bool = False
    indent: float = 0.0


_CHECKBOX = re.compile(r"[☐☑☒□■▢◻◼✓✔✗✘]|\[\s?[xX ]?\s?\]")
_BULLET = re.compile(r"^(\s*)([-•◦▪●○·*–—]|\uf0b7|\uf0a7|o(?=\s))\s+(.*)$")
_NUMBERED = re.compile(r"^(\s*)(\d{1,2}[.)]|[a-z][.)])\s+(.*)$")
_PAGE_MARKER = re.compile(r"^(?:\(?\d{1,3}\)?|-\s*\d{1,3}\s*-|pagina\s+\d{1,3}(?:\s*(?:van|/)\s*\d{1,3})?|page\s+\d+(?:\s+of\s+\d+)?|\d{1,3}\s*/\s*\d{1,3})$", re.IGNORECASE)


def clean(text: str) -> str:
    text = _CHECKBOX.sub(" ", text)
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\t", " ")
    return re.sub(r"[ ]{2,}", " ", text).strip()


def is_page_marker(text: str) -> bool:
    return bool(_PAGE_MARKER.match(text.strip()))


# --- txt (and markdown as rendered by regiokompas) ------------------------------------------------


def decode_text(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DocumentImportError("Het tekstbestand heeft een onleesbare tekenset.") from exc
    if b"\x00" in data[:4096]:
        raise DocumentImportError("Dit bestand is geen tekstbestand (het bevat binaire gegevens).")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(10, len(text[:20000]) // 50):
        raise DocumentImportError("Dit bestand is geen tekstbestand (het bevat binaire gegevens).")
    return text


def parse_text(text: str) -> list[Line]:
    lines: list[Line] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if is_transcript(text):
        text = split_transcript(text)
    for raw in text.split("\n"):
        if "\f" in raw:
            for i, part in enumerate(raw.split("\f")):
                if i:
                    lines.append(Line("", "pagebreak"))
                lines.extend(_text_line(part))
            continue
        lines.extend(_text_line(raw))
    return lines


def is_transcript(text: str) -> bool:
    """A text without line breaks (copied from a web transcript): few, very long lines."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    return bool(lines) and len(text) > 400 and max(len(ln) for ln in lines) > 600 and len(lines) < len(text) / 300


def split_transcript(text: str) -> str:
    """Put back the line breaks a transcript lost: before header labels with a colon, before known
    section headings that are followed by a capitalised sentence, and before bullets."""
    from regiokompas.documents import labels as L

    label_alt = "|".join(re.escape(v) for v in sorted(L.LABEL_TO_FIELD, key=len, reverse=True))
    text = re.sub(rf"\s+(?=(?:{label_alt})\s*:)", "\n", text, flags=re.IGNORECASE)
    headings = sorted((v for v in L.HEADING_TO_SECTION if len(v) > 3), key=len, reverse=True)
    spellings = [h[:1].upper() + h[1:] for h in headings] + [h.upper() for h in headings]
    heading_alt = "|".join(re.escape(h) for h in spellings)
    text = re.sub(rf"(?<=[.:;!?)a-z])\s+((?:{heading_alt}):?)\s+(?=[A-Z•]|-\s)", lambda m: f"\n\n{m.group(1)}\n\n", text)
    text = re.sub(r"\s+(?=[-•]\s+[a-zA-Z])", "\n", text)
    text = re.sub(r"\s+(?=(?:CONCEPT|DEFINITIEF|MEMO|RAADSVOORSTEL|RAADSINFORMATIEBRIEF|RAADSBESLUIT|DIGITALE NIEUWSBRIEF)\b)", "\n", text)
    # a page header repeated inside the running text ("gemeente BERGEN")
    m = re.match(r"\s*((?:gemeente|Gemeente|GEMEENTE)\s+[A-Z][A-Z'-]+)\b", text)
    if m:
        head = m.group(1)
        text = text[: m.end()] + re.sub(r"\s*" + re.escape(head) + r"\b", "", text[m.end():])
    # a bullet that ends with a colon introduces a nested list (the transcript lost the indentation)
    out, nested = [], False
    for line in text.split("\n"):
        is_bullet = bool(re.match(r"^[-•]\s", line))
        if is_bullet and nested:
            line = " " + line
        if is_bullet:
            nested = nested or line.rstrip().endswith(":")
        else:
            nested = False
        out.append(line)
    text = "\n".join(out)
    return text


def _text_line(raw: str) -> list[Line]:
    stripped = raw.strip()
    if not stripped:
        return [Line("", "blank")]
    if re.fullmatch(r"\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?", stripped):
        return []  # markdown table separator
    if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3:
        cells = [clean(unescape_markdown(c.replace("\\|", "|"))) for c in re.split(r"(?<!\\)\|", stripped[1:-1])]
        return [Line(" ".join(c for c in cells if c), "row", cells=cells)]
    m = re.match(r"^(#{1,6})\s+(.*)$", stripped)
    if m:
        level = len(m.group(1))
        return [Line(clean(_strip_md(m.group(2))), "title" if level == 1 else "heading", level=level - 1)]
    if stripped.startswith(">"):
        stripped = stripped.lstrip("> ").strip()
    if stripped.startswith("![") and "](" in stripped:
        alt = re.match(r"!\[((?:\\.|[^\]\\])*)\]\(", stripped)
        alt = unescape_markdown(alt.group(1)) if alt else stripped[2:stripped.index("](")]
        return [Line(clean(f"[Figuur] {alt}"))]
    indent = len(raw) - len(raw.lstrip(" \t"))
    m = _BULLET.match(raw)
    if m and m.group(3).strip():
        return [Line(clean(_strip_md(m.group(3))), "bullet", level=_indent_level(m.group(1)))]
    m = _NUMBERED.match(raw)
    if m and m.group(3).strip():
        return [Line(clean(_strip_md(m.group(3))), "bullet", level=_indent_level(m.group(1)), cells=[m.group(2)])]
    bold = stripped.startswith("**") and stripped.endswith("**") and len(stripped) > 4
    # columns of a flattened header table: cells separated by a tab or a wide gap
    cells = [clean(c) for c in re.split(r"\t+|\s{3,}", stripped)] if re.search(r"\t|\S\s{3,}\S", stripped) else []
    return [Line(clean(_strip_md(stripped)), "text", bold=bold, indent=indent, cells=[c for c in cells if c])]


def _indent_level(ws: str) -> int:
    width = len(ws.replace("\t", "    "))
    if width == 0:
        return 0
    return 1 if width <= 3 else min(width // 2, 4)


_MD_ESCAPED = re.compile(r"\\([\\<\[\]])")


def unescape_markdown(text: str) -> str:
    """Undo the escapes render.md_text writes (\\< \\[ \\] and a doubled backslash)."""
    return _MD_ESCAPED.sub(r"\1", text)


def _strip_md(text: str) -> str:
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", text)
    return unescape_markdown(text)


# --- docx ------------------------------------------------------------------------------------------


# A zip entry name as Word writes it: relative, forward slashes, no "." or ".." segments, no drive
# letter, no control characters.
_ODD_MEMBER = re.compile(r"^[/\\]|\\|^[A-Za-z]:|(?:^|/)\.{1,2}(?:/|$)|//|[\x00-\x1f\x7f]")
_CHUNK = 64 * 1024
_UTF8_CONTINUATION = bytes(range(0x80, 0xC0))


def _too_large(what: str, setting: str, value: str) -> DocumentImportError:
    return DocumentImportError(f"Het Word-bestand kan niet worden ingelezen: {what}; het maximum is {value} ({setting}).")


def check_docx_archive(z: zipfile.ZipFile) -> None:
    """Refuse a docx whose zip could exhaust memory or time before python-docx reads it: too many
    members, odd or duplicate names, encrypted members, and — measured while decompressing, so a
    header that lies about the size does not help — a member, an XML part or the whole archive
    larger than its limit."""
    infos = z.infolist()
    max_members = limit("REGIOKOMPAS_MAX_DOCX_MEMBERS")
    if len(infos) > max_members:
        raise _too_large(f"het bevat {formatting.number(len(infos))} onderdelen", "REGIOKOMPAS_MAX_DOCX_MEMBERS", formatting.number(max_members))
    part_bytes = limit("REGIOKOMPAS_MAX_DOCX_PART_BYTES")
    total_bytes = limit("REGIOKOMPAS_MAX_DOCX_TOTAL_BYTES")
    xml_chars = limit("REGIOKOMPAS_MAX_DOCX_XML_CHARS")
    seen: set[str] = set()
    declared = 0
    for info in infos:
        name = info.filename
        if _ODD_MEMBER.search(name) or name.lower() in seen:
            shown = name.encode("ascii", "backslashreplace").decode()[:80]
            raise DocumentImportError(f"Het Word-bestand bevat een onderdeel met een ongeldige naam ('{shown}') en wordt niet ingelezen.")
        seen.add(name.lower())
        if info.flag_bits & 0x1:
            raise DocumentImportError("Het Word-bestand is (deels) versleuteld. Sla het op zonder wachtwoord en probeer het opnieuw.")
        if info.file_size > part_bytes:
            raise _too_large(f"onderdeel {name} is uitgepakt {nl_bytes(info.file_size)}", "REGIOKOMPAS_MAX_DOCX_PART_BYTES",
                             nl_bytes(part_bytes))
        declared += info.file_size
        if declared > total_bytes:
            raise _too_large(f"alle onderdelen samen zijn uitgepakt meer dan {nl_bytes(total_bytes)}",
                             "REGIOKOMPAS_MAX_DOCX_TOTAL_BYTES", nl_bytes(total_bytes))
    total = 0
    for info in infos:
        if info.is_dir():
            continue
        is_xml = info.filename.lower().endswith((".xml", ".rels"))
        size = chars = 0
        with z.open(info) as fh:
            while chunk := fh.read(_CHUNK):
                size += len(chunk)
                total += len(chunk)
                if size > part_bytes:
                    raise _too_large(f"onderdeel {info.filename} is uitgepakt groter dan {nl_bytes(part_bytes)}",
                                     "REGIOKOMPAS_MAX_DOCX_PART_BYTES", nl_bytes(part_bytes))
                if total > total_bytes:
                    raise _too_large(f"alle onderdelen samen zijn uitgepakt groter dan {nl_bytes(total_bytes)}",
                                     "REGIOKOMPAS_MAX_DOCX_TOTAL_BYTES", nl_bytes(total_bytes))
                if is_xml:
                    chars += len(chunk.translate(None, _UTF8_CONTINUATION))
                    if chars > xml_chars:
                        raise _too_large(f"onderdeel {info.filename} heeft meer dan {formatting.number(xml_chars)} tekens",
                                         "REGIOKOMPAS_MAX_DOCX_XML_CHARS", formatting.number(xml_chars))


class _CharBudget:
    """Counts the characters of the recognised text; refuses a document above the limit."""

    def __init__(self, what: str):
        self.limit = limit("REGIOKOMPAS_MAX_DOCUMENT_CHARS")
        self.used = 0
        self.what = what

    def add(self, n: int) -> None:
        self.used += n
        if self.used > self.limit:
            raise DocumentImportError(f"{self.what} bevat meer dan {formatting.number(self.limit)} tekens tekst; dat is het maximum "
                                      "(REGIOKOMPAS_MAX_DOCUMENT_CHARS).")


def parse_docx(data: bytes) -> tuple[list[Line], list[str]]:
    """Lines of the body in order, and the texts of the page headers."""
    _check_docx_zip(data)
    budget = _CharBudget("Het Word-bestand")
    try:
        from docx import Document as DocxDocument

        doc = DocxDocument(io.BytesIO(data))
    except DocumentImportError:
        raise
    except Exception as exc:
        raise DocumentImportError("Het Word-bestand is beschadigd en kan niet worden gelezen.") from exc
    return _docx_body(doc, budget), _docx_headers(doc, budget)


def _check_docx_zip(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            if "word/document.xml" not in names:
                raise DocumentImportError("Dit is geen geldig Word-bestand (.docx): het hoofddocument ontbreekt.")
            check_docx_archive(z)
    except zipfile.BadZipFile as exc:
        if data[:4] == b"\xd0\xcf\x11\xe0":
            raise DocumentImportError(
                "Dit is een oud Word-bestand (.doc) of een beveiligd document. Sla het op als .docx zonder wachtwoord en probeer het opnieuw."
            ) from exc
        raise DocumentImportError("Dit is geen geldig Word-bestand (.docx).") from exc
    except DocumentImportError:
        raise
    except (OSError, EOFError, NotImplementedError, RuntimeError, ValueError, zlib.error) as exc:
        # unsupported compression, truncated streams, damaged zip headers
        raise DocumentImportError("Het Word-bestand is beschadigd en kan niet worden gelezen.") from exc


def _docx_body(doc, budget: _CharBudget) -> list[Line]:
    from docx.oxml.ns import qn
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph as DocxParagraph

    lines: list[Line] = []
    style_names: dict[str, str] = {}
    for st in doc.styles.element.findall(qn("w:style")):
        name = st.find(qn("w:name"))
        style_names[st.get(qn("w:styleId"))] = name.get(qn("w:val")) if name is not None else ""
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p"):
            paragraph_lines = _docx_paragraph(DocxParagraph(child, doc), style_names)
            budget.add(sum(len(ln.text) for ln in paragraph_lines))
            lines.extend(paragraph_lines)
            lines.append(Line("", "blank"))
        elif child.tag == qn("w:tbl"):
            lines.extend(_docx_table(DocxTable(child, doc), budget))
            lines.append(Line("", "blank"))
    return lines


def _docx_table(table, budget: _CharBudget) -> list[Line]:
    lines: list[Line] = []
    for row in table.rows:
        cells: list[str] = []
        last = None
        for cell in row.cells:
            if last is not None and cell._tc is last:
                continue  # a merged cell appears once per grid column
            last = cell._tc
            cells.append(clean(cell.text.replace("\n", " ")))
        if any(cells):
            budget.add(sum(len(c) for c in cells))
            lines.append(Line(" ".join(c for c in cells if c), "row", cells=cells))
    return lines


def _docx_headers(doc, budget: _CharBudget) -> list[str]:
    headers: list[str] = []
    for section in doc.sections:
        try:
            for p in section.header.paragraphs:
                if p.text.strip():
                    headers.append(clean(p.text))
                    budget.add(len(headers[-1]))
        except DocumentImportError:
            raise
        except Exception:  # noqa: BLE001 - a damaged header part: the body is still worth reading
            pass
    return headers


def _docx_paragraph(p, style_names: dict[str, str]) -> list[Line]:
    text = clean(p.text)
    if not text:
        return []
    ppr = p._p.pPr
    style_id = ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else None
    style = style_names.get(style_id, style_id or "") or ""
    s = style.lower()
    if s == "title":
        return [Line(text, "title")]
    m = re.match(r"heading (\d)", s) or re.match(r"kop (\d)", s)
    if m:
        return [Line(text, "heading", level=int(m.group(1)) - 1)]
    if s.startswith("list") or p._p.pPr is not None and p._p.pPr.numPr is not None:
        level = 0
        m = re.search(r"(\d)$", s)
        if m:
            level = max(0, int(m.group(1)) - 1)
        numpr = p._p.pPr.numPr if p._p.pPr is not None else None
        if numpr is not None and numpr.ilvl is not None and numpr.ilvl.val is not None:
            level = int(numpr.ilvl.val)
        return [Line(text, "bullet", level=level)]
    if s == "caption":
        return [Line(text, "text")]
    runs = [r for r in p.runs if r.text.strip()]
    bold = bool(runs) and all(r.bold for r in runs)
    out = []
    for part in text.split("\n"):
        part = part.strip()
        if not part:
            continue
        b = _BULLET.match(part)
        if b and b.group(3).strip():
            out.append(Line(b.group(3).strip(), "bullet", level=0))
        else:
            out.append(Line(part, "text", bold=bold))
    return out


# --- pdf -------------------------------------------------------------------------------------------


def parse_pdf(data: bytes) -> tuple[list[Line], list[str]]:
    """Lines of all pages in reading order (repeated headers/footers and page numbers removed) and
    the removed page-header texts."""
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise DocumentImportError("Dit is geen geldig pdf-bestand.")
    try:
        import pypdfium2 as pdfium

        try:
            probe = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            if "password" in str(exc).lower():
                raise DocumentImportError("Het pdf-bestand is beveiligd met een wachtwoord en kan niet worden gelezen.") from exc
            raise DocumentImportError("Het pdf-bestand is beschadigd en kan niet worden gelezen.") from exc
        npages = len(probe)
        probe.close()
    except DocumentImportError:
        raise
    except Exception as exc:
        raise DocumentImportError("Het pdf-bestand is beschadigd en kan niet worden gelezen.") from exc
    if npages == 0:
        raise DocumentImportError("Het pdf-bestand heeft geen pagina's.")
    max_pages = limit("REGIOKOMPAS_MAX_PDF_PAGES")
    if npages > max_pages:
        raise DocumentImportError(f"Het pdf-bestand heeft {formatting.number(npages)} pagina's; het maximum is {formatting.number(max_pages)} "
                                  "(REGIOKOMPAS_MAX_PDF_PAGES).")
    try:
        pages = _pdfium_pages(data)
    except DocumentImportError:
        raise
    except Exception as exc:
        raise DocumentImportError("De tekst van het pdf-bestand kan niet worden gelezen.") from exc
    if not any(words for _, words in pages):
        raise DocumentImportError("Het pdf-bestand bevat geen tekst (mogelijk een scan). Alleen pdf's met tekst kunnen worden ingelezen.")
    return _pdf_lines(pages)


class _Hyphenation:
    """A word hyphenated at the end of a line (pdfium reads the soft hyphen as U+FFFE) goes on as the
    first word of the next line, or of the next page, in the same font size: its letters are added to
    the word before the hyphen. Text in between (a page footer or header) is read as usual."""

    def __init__(self) -> None:
        self.word: dict[str, Any] | None = None
        self.page = 0
        self.base = 0.0
        self.joining = False

    def hyphen(self, word: dict[str, Any] | None, page: int) -> None:
        self.word, self.page, self.joining = word, page, False
        self.base = word["_base"] if word else 0.0

    def space(self) -> None:
        if self.joining:
            self.word, self.joining = None, False

    def join(self, ch: str, page: int, bottom: float, size: float) -> bool:
        """True when ch belongs to the hyphenated word (and is added to it)."""
        if self.word is None:
            return False
        if not self.joining:
            same_size = abs(self.word["size"] - round(size, 1)) < 0.25
            next_line = page > self.page or 0 < self.base - bottom < 2.5 * max(size, 1.0)
            self.joining = same_size and next_line
            if not self.joining:
                return False
        self.word["text"] += ch
        return True


def _pdfium_pages(data: bytes) -> list[tuple[float, list[dict]]]:
    """Words with position, font size and weight per page, read with pdfium (fast)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pages = []
    budget = _CharBudget("Het pdf-bestand")
    doc = pdfium.PdfDocument(data)
    hyphenation = _Hyphenation()
    try:
        for number, page in enumerate(doc):
            height = page.get_height()
            textpage = page.get_textpage()
            count = textpage.count_chars()
            budget.add(max(count, 0))
            text = textpage.get_text_range(0, count) if count else ""
            words: list[dict] = []
            current: dict | None = None
            for i in range(min(count, len(text))):
                ch = text[i]
                if ch == "\ufffe":
                    hyphenation.hyphen(current, number)
                    current = None
                    continue
                if ch.isspace():
                    hyphenation.space()
                    current = None
                    continue
                left, bottom, right, top = textpage.get_charbox(i, loose=True)
                size = raw.FPDFText_GetFontSize(textpage.raw, i)
                if current is not None and top - bottom < 0.5 * size and current["_base"] <= bottom <= top <= height - current["top"]:
                    # pdfium gives some characters (a hyphen in a Typst pdf) only their ink as the
                    # "loose" box: within the word's line it stays on that line
                    bottom, top = current["_base"], height - current["top"]
                if hyphenation.join(ch, number, bottom, size):
                    continue
                if current is not None and (
                    abs(current["_base"] - bottom) > 1.5 or left - current["x1"] > max(1.0, 0.25 * size) or left < current["x0"] - 1
                ):
                    current = None
                if current is None:
                    weight = raw.FPDFText_GetFontWeight(textpage.raw, i)
                    current = {"text": "", "x0": left, "x1": right, "top": height - top, "bottom": height - bottom,
                               "size": round(size, 1), "fontname": "Bold" if weight >= 600 else "Regular", "_base": bottom}
                    words.append(current)
                current["text"] += ch
                current["x1"] = max(current["x1"], right)
                current["top"] = min(current["top"], height - top)
                current["bottom"] = max(current["bottom"], height - bottom)
            textpage.close()
            page.close()
            pages.append((height, words))
    finally:
        doc.close()
    return pages


def _pdf_group(words) -> list[dict]:
    rows: list[dict] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(rows[-1]["top"] - w["top"]) <= 2.5:
            rows[-1]["words"].append(w)
        else:
            rows.append({"top": w["top"], "bottom": w["bottom"], "words": [w]})
    for r in rows:
        r["words"].sort(key=lambda w: w["x0"])
        r["bottom"] = max(w["bottom"] for w in r["words"])
        r["x0"] = r["words"][0]["x0"]
        r["size"] = max(w.get("size", 0) for w in r["words"])
        r["bold"] = all("bold" in (w.get("fontname") or "").lower() for w in r["words"])
        cells: list[list] = [[r["words"][0]]]
        for a, b in zip(r["words"], r["words"][1:], strict=False):
            if b["x0"] - a["x1"] > max(12.0, 1.8 * (a.get("size") or 10)):
                cells.append([b])
            else:
                cells[-1].append(b)
        r["cells"] = [" ".join(w["text"] for w in c) for c in cells]
        r["cell_x"] = [c[0]["x0"] for c in cells]
        r["text"] = " ".join(r["cells"])
    return rows


def _norm_repeat(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())


def _band_key(r: dict, h: float) -> tuple[str, int] | None:
    """The text (digits normalised) and height on the page (in steps of 4 pt) of a row in the top
    or bottom band of its page; None for a row in between."""
    if r["top"] < h * 0.09 or r["bottom"] > h * 0.93:
        return _norm_repeat(r["text"]), round(r["top"] / 4)
    return None


def _repeated_band_texts(grouped) -> set[tuple[str, int]]:
    """Repeated page headers/footers: text (digits normalised) at the same height in the top or
    bottom band of at least half the pages, and at least 2 (a running header stands at the same
    place on every page, or every other page; a body line that opens one page and closes another
    does not). A header or footer is short ("gemeente
    BERGEN", "Pagina 3 van 19") or stands on most pages; a full body line that happens to open two
    pages (repetitive text) is kept."""
    if len(grouped) <= 1:
        return set()
    band: Counter = Counter()
    for h, rows in grouped:
        band.update({key for r in rows if (key := _band_key(r, h)) is not None})
    half = max(2, (len(grouped) + 1) // 2)  # a running header stands on at least every other page
    most = max(3, len(grouped) // 2)
    return {key for key, n in band.items() if n >= half and (len(key[0]) <= 60 or n >= most)}


def _bigger_sizes(grouped) -> list[float]:
    """Font sizes clearly above the body text size, largest first (title, heading levels)."""
    sizes: Counter = Counter()
    for _, rows in grouped:
        for r in rows:
            sizes[round(r["size"], 1)] += len(r["text"])
    body_size = sizes.most_common(1)[0][0] if sizes else 10
    return sorted({s for s in sizes if s > body_size * 1.12}, reverse=True)


class _PdfLineBuilder:
    def __init__(self, grouped):
        self.repeated = _repeated_band_texts(grouped)
        self.bigger = _bigger_sizes(grouped)
        self.left = min((r["x0"] for _, rows in grouped for r in rows), default=0)
        self.lines: list[Line] = []
        self.headers: list[str] = []
        self.bullet_x: list[float] = []

    def page(self, h: float, rows: list[dict]) -> None:
        prev_bottom = None
        for r in rows:
            text = clean(r["text"])
            key = _band_key(r, h)
            if key is not None and (key in self.repeated or is_page_marker(text)):
                if r["top"] < h * 0.09:
                    self.headers.append(text)
                continue
            if not text:
                continue
            height = r["bottom"] - r["top"]
            if prev_bottom is not None and r["top"] - prev_bottom > max(4.0, 0.6 * height):
                self.lines.append(Line("", "blank"))
            prev_bottom = r["bottom"]
            self.row(r, text)

    def row(self, r: dict, text: str) -> None:
        indent = r["x0"] - self.left
        if self.bullet(r, text, indent):
            return
        size = round(r["size"], 1)
        if r["size"] in self.bigger or size in self.bigger:
            self.heading(r, text, self.bigger.index(size) if size in self.bigger else 0)
            return
        cells = [clean(c) for c in r["cells"]]
        if len(cells) >= 2:
            self.lines.append(Line(text, "row", cells=cells, indent=indent))
        else:
            self.lines.append(Line(text, "text", bold=r["bold"], indent=indent))

    def bullet(self, r: dict, text: str, indent: float) -> bool:
        m = _BULLET.match(text)
        strong = m is not None and m.group(2) not in "-–—*o"
        starts_block = not self.lines or self.lines[-1].kind in ("blank", "pagebreak", "bullet")
        if not (m and m.group(3).strip() and (strong or indent > 3 or starts_block)):
            return False
        x = r["x0"]
        if not self.bullet_x or all(abs(x - b) > 3 for b in self.bullet_x):
            self.bullet_x.append(x)
            self.bullet_x.sort()
        level = min(i for i, b in enumerate(self.bullet_x) if abs(x - b) <= 3)
        if m.group(2) in "◦○":
            level = max(level, 1)
        self.lines.append(Line(m.group(3).strip(), "bullet", level=level, indent=indent))
        return True

    def heading(self, r: dict, text: str, rank: int) -> None:
        kind = "title" if rank == 0 and len(self.bigger) > 1 else "heading"
        last = self.lines[-1] if self.lines else None
        # a wrapped title or heading continues on the next line with the same size
        if last is not None and last.kind == kind and last.level == rank and last.cells == ["__wrap__"]:
            last.text += " " + text
            return
        self.lines.append(Line(text, kind, level=rank, cells=["__wrap__"], bold=r["bold"]))


def _pdf_lines(pages) -> tuple[list[Line], list[str]]:
    grouped = [(h, _pdf_group(words)) for h, words in pages]
    builder = _PdfLineBuilder(grouped)
    for pi, (h, rows) in enumerate(grouped):
        if pi:
            builder.lines.append(Line("", "pagebreak"))
        builder.page(h, rows)
    for line in builder.lines:
        if line.cells == ["__wrap__"]:
            line.cells = []
    return _join_across_pages(builder.lines), builder.headers


def _join_across_pages(lines: list[Line]) -> list[Line]:
    """A sentence that runs on over a page break is one paragraph: drop the break when the last
    line of a page ends mid-sentence and the next page goes on with body text."""
    out: list[Line] = []
    for i, line in enumerate(lines):
        if line.kind == "pagebreak" and out and out[-1].kind == "text" and i + 1 < len(lines):
            before, after = out[-1].text.rstrip(), lines[i + 1]
            if before and before[-1] not in ".:;!?" and after.kind == "text" and after.text.strip():
                continue
        out.append(line)
    return out
