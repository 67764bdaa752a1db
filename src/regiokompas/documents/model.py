"""The neutral document model: every generator renders from it and every importer parses into it.

Plain dataclasses, no Django. A document has a kind, an organisation, a status, header fields
(canonical field -> value), ordered sections with a canonical type and the original heading, and
attachments. Sections hold blocks: paragraphs, bullet lists, tables and figures. A report keeps its
technical detail in annexes: sections with ``annex=True`` after the main part; renderers head an
annex chapter "Bijlage A. …", list it in the table of contents and start it on a new page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from regiokompas.documents.style import HouseStyle

# Document kinds (the keys match regiokompas.register.constants.DocumentKind) with the label that
# opens a generated document of that kind.
KIND_LABELS: dict[str, str] = {
    "memo": "MEMO van college aan de raad",
    "raadsinformatiebrief": "RAADSINFORMATIEBRIEF",
    "digitale_nieuwsbrief": "DIGITALE NIEUWSBRIEF AAN DE RAAD",
    "raadsvoorstel": "RAADSVOORSTEL",
    "raadsbesluit": "RAADSBESLUIT",
    "collegebesluit": "BESLISSINGSFORMULIER COLLEGE",
    "brief": "BRIEF",
    "bijlage": "BIJLAGE",
    "onderbouwing": "ONDERBOUWING",
    "procesbeschrijving": "PROCESBESCHRIJVING",
    "planningsoverzicht": "PLANNINGSOVERZICHT",
    "rapport": "RAPPORT",
    "other": "DOCUMENT",
}

# Human names of the kinds (Dutch), for lists and messages.
KIND_NAMES: dict[str, str] = {
    "memo": "memo van college aan de raad",
    "raadsinformatiebrief": "raadsinformatiebrief",
    "digitale_nieuwsbrief": "digitale nieuwsbrief aan de raad",
    "raadsvoorstel": "raadsvoorstel",
    "raadsbesluit": "raadsbesluit",
    "collegebesluit": "collegebesluit",
    "brief": "brief",
    "bijlage": "bijlage",
    "onderbouwing": "onderbouwing",
    "procesbeschrijving": "procesbeschrijving",
    "planningsoverzicht": "planningsoverzicht",
    "rapport": "rapport",
    "other": "overig document",
}

STATUSES = ("concept", "definitief")

# Canonical header fields, in the order a generated header table shows them, with their label.
HEADER_LABELS: dict[str, str] = {
    "datum": "datum",
    "aan": "aan",
    "van": "van",
    "onderwerp": "onderwerp",
    "portefeuillehouder": "portefeuillehouder",
    "contact": "inlichtingen bij",
    "kenmerk": "kenmerk",
    "agendering": "agendering",
    "adviesorganen": "geraadpleegde adviesorganen",
    "communicatie": "communicatie",
    "geheimhouding": "geheimhouding",
    "bijlagen": "bijlagen",
}

# Canonical section types with the heading a generated document uses when none is given.
SECTION_HEADINGS: dict[str, str] = {
    "aanleiding": "Aanleiding",
    "kernboodschap": "Kernboodschap",
    "besluit": "Besluit college",
    "bevoegdheid": "Bevoegdheid",
    "beoogd_effect": "Beoogd effect",
    "argumenten": "Argumenten",
    "kanttekeningen": "Kanttekeningen",
    "financien": "Financiën",
    "tekst": "Tekst",
    "planning": "Planning",
    "vervolg": "Vervolg",
    "bijlagen": "Bijlagen",
    "overig": "",
}


@dataclass
class Paragraph:
    text: str

    @property
    def plain(self) -> str:
        return self.text


@dataclass
class BulletList:
    """A bullet list. An item is a string or a nested BulletList that belongs to the item before it."""

    items: list[str | BulletList] = field(default_factory=list)
    ordered: bool = False

    @property
    def plain(self) -> str:
        return "\n".join(_list_lines(self, 0))


def _list_lines(blist: BulletList, level: int) -> list[str]:
    lines = []
    for item in blist.items:
        if isinstance(item, BulletList):
            lines.extend(_list_lines(item, level + 1))
        else:
            lines.append(" " * level + "- " + str(item))
    return lines


@dataclass
class Table:
    caption: str
    header: list[str]
    rows: list[list[str]]

    @property
    def plain(self) -> str:
        lines = [self.caption] if self.caption else []
        lines.append(" | ".join(self.header))
        lines.extend(" | ".join(str(c) for c in row) for row in self.rows)
        return "\n".join(lines)


@dataclass
class Figure:
    svg: str
    caption: str
    alt: str

    @property
    def plain(self) -> str:
        return f"{self.caption}: {self.alt}" if self.caption else self.alt


Block = Paragraph | BulletList | Table | Figure


@dataclass
class Section:
    """A section. ``level`` follows the structure: 1 a chapter, 2 a part of the chapter before it,
    3 a part of that (Heading 1/2/3 in docx, h2/h3/h4 under the document's h1 in html).

    ``annex``: the section belongs to the annexes, printed after the main part (a level-1 annex
    section is an annex: "Bijlage A. <heading>", on a new page; deeper ones are its parts)."""

    type: str
    heading: str = ""
    blocks: list[Block] = field(default_factory=list)
    level: int = 1
    annex: bool = False

    @property
    def text(self) -> str:
        """Plain text of the section: blocks separated by a blank line, list items as '- item'."""
        return "\n\n".join(b.plain for b in self.blocks if b.plain.strip())

    @classmethod
    def from_text(cls, type: str, heading: str, text: str) -> Section:
        """Build a section from plain text as Section.text writes it (paragraphs and '- ' lists)."""
        return cls(type, heading, blocks_from_text(text))


@dataclass
class Document:
    kind: str
    title: str
    organisation: str = ""
    status: str = "concept"
    header: dict[str, str] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    illustrative_note: str | None = None
    style: HouseStyle | None = None  # None: the neutral municipal style (documents.style.NEUTRAL)
    # How many opening sections come before the table of contents (a summary that belongs on page 1).
    toc_after: int = 0

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind.upper())


def blocks_from_text(text: str) -> list[Block]:
    """Plain text to blocks: blank-line separated paragraphs; lines starting with '- ', '• ' or
    '* ' become bullet list items (leading spaces give the nesting level)."""
    blocks: list[Block] = []
    for chunk in _chunks(text):
        lines = chunk.split("\n")
        if all(_bullet(line) is not None for line in lines):
            blocks.append(_nest([_bullet(line) for line in lines]))
        elif any(_bullet(line) is not None for line in lines):
            para: list[str] = []
            items: list[tuple[int, str]] = []
            for line in lines:
                b = _bullet(line)
                if b is None:
                    if items:
                        blocks.append(_nest(items))
                        items = []
                    para.append(line.strip())
                else:
                    if para:
                        blocks.append(Paragraph(" ".join(para)))
                        para = []
                    items.append(b)
            if para:
                blocks.append(Paragraph(" ".join(para)))
            if items:
                blocks.append(_nest(items))
        else:
            blocks.append(Paragraph(" ".join(line.strip() for line in lines)))
    return blocks


def _chunks(text: str) -> list[str]:
    out, cur = [], []
    for line in (text or "").replace("\r\n", "\n").split("\n"):
        if line.strip():
            cur.append(line.rstrip())
        elif cur:
            out.append("\n".join(cur))
            cur = []
    if cur:
        out.append("\n".join(cur))
    return out


def _bullet(line: str) -> tuple[int, str] | None:
    stripped = line.lstrip(" \t")
    indent = len(line) - len(stripped)
    for mark in ("- ", "• ", "* ", "– "):
        if stripped.startswith(mark):
            return (indent, stripped[len(mark):].strip())
    return None


def _nest(items: list[tuple[int, str]]) -> BulletList:
    root = BulletList([])
    stack: list[tuple[int, BulletList]] = [(items[0][0] if items else 0, root)]
    for indent, text in items:
        while len(stack) > 1 and indent < stack[-1][0]:
            stack.pop()
        cur_indent, cur = stack[-1]
        if indent > cur_indent and cur.items and not isinstance(cur.items[-1], BulletList):
            child = BulletList([])
            cur.items.append(child)
            stack.append((indent, child))
            cur = child
        cur.items.append(text)
    return root
