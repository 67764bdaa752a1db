"""md: CommonMark with a pipe table for the header fields; headings ## to #### follow the structure
(annexes after the main part, headed "Bijlage A. …")."""

from __future__ import annotations

import re

from regiokompas.documents.model import BulletList, Document, Figure, Paragraph, Table
from regiokompas.documents.render.common import (
    header_rows,
    heading_levels,
    headings,
    organisation_name,
    sections,
)
from regiokompas.documents.render.html import svg_data_uri

# Markdown is read by people and by renderers that pass inline HTML through. Every text that comes
# from the register is written so that it can only be text: a backslash before "<" keeps raw HTML
# and autolinks (<javascript:...>) from forming, and a backslash before "[" and "]" keeps link,
# image and reference syntax ([x](javascript:...), ![x](data:...), [x]: vbscript:...) from forming;
# backslashes themselves are doubled so that no escape can be undone. Plain web addresses stay
# readable (and become links only through the http(s) autolinks of GitHub-style renderers). The
# importer removes exactly these escapes again (parsers.unescape_markdown). The only images in the
# output are the charts this module draws itself (SVG as an image, never a link).
_MD_SPECIAL = re.compile(r"([\\<\[\]])")


def md_text(text) -> str:
    """Register text as inert markdown text (no HTML, no links or images)."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def _md_escape_cell(text: str) -> str:
    return md_text(text).replace("|", "\\|").replace("\n", " ")


def _md_list(blist: BulletList, level: int = 0) -> list[str]:
    lines = []
    n = 0
    for item in blist.items:
        if isinstance(item, BulletList):
            lines.extend(_md_list(item, level + 1))
        else:
            n += 1
            mark = f"{n}." if blist.ordered else "-"
            lines.append("  " * level + f"{mark} {md_text(item)}")
    return lines


def _md_block(block) -> list[str]:
    if isinstance(block, Paragraph):
        return [md_text(block.text), ""]
    if isinstance(block, BulletList):
        return _md_list(block) + [""]
    if isinstance(block, Table):
        out = [f"*{md_text(block.caption)}*", ""] if block.caption else []
        header = block.header or [""] * (len(block.rows[0]) if block.rows else 1)
        out.append("| " + " | ".join(_md_escape_cell(h) for h in header) + " |")
        out.append("|" + " --- |" * len(header))
        out += ["| " + " | ".join(_md_escape_cell(c) for c in row) + " |" for row in block.rows]
        return out + [""]
    if isinstance(block, Figure):
        out = [f"![{md_text(block.alt).replace(chr(10), ' ')}]({svg_data_uri(block.svg)})", ""]
        return out + ([f"*{md_text(block.caption)}*", ""] if block.caption else [])
    return []


def render_markdown(document: Document) -> str:
    out: list[str] = []
    if organisation_name(document):
        out += [f"**{md_text(organisation_name(document))}**", ""]
    if document.status == "concept":
        out += ["CONCEPT", ""]
    out += [md_text(document.kind_label), "", f"# {md_text(document.title)}", ""]
    if document.illustrative_note:
        out += [f"> **Illustratief:** {md_text(document.illustrative_note)}", ""]
    rows = header_rows(document)
    if rows:
        out += ["| veld | waarde |", "| --- | --- |"]
        out += [f"| {_md_escape_cell(label)} | {_md_escape_cell(value)} |" for label, value in rows]
        out.append("")
    for section, level, heading in zip(sections(document), heading_levels(document), headings(document), strict=True):
        if heading:
            out += [f"{'#' * (level + 1)} {md_text(heading)}", ""]
        for block in section.blocks:
            out += _md_block(block)
    return "\n".join(out).rstrip() + "\n"
