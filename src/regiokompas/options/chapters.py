"""Extension point for the substantiation report ("Onderbouwing keuze uitvoeringsvariant").

Other apps add a chapter to the report without the options app importing them, as the register's
page panels do (``regiokompas.register.panels``). A chapter is registered once, in the app's
``AppConfig.ready()``, with :func:`add`; the report asks every registered chapter, in registration
order, between the sensitivity chapter and the data-quality chapter.

``build(trajectory)`` returns a :class:`regiokompas.documents.model.Section`, or None when the app
has nothing for this trajectory (then ``empty_text`` is shown under ``title``). The report's main
part is short: a chapter gives the overview there, and may put its technical detail in an annex with
``annex(trajectory)`` (a Section, or None for no annex), asked in the same order among the annexes.
A database error while building is logged and the report is still produced, with a paragraph saying so.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import DatabaseError

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReportChapter:
    key: str
    title: str
    build: Callable[[Any], Any]
    empty_text: str
    annex: Callable[[Any], Any] | None = None


REPORT_CHAPTERS: list[ReportChapter] = []


def add(chapter: ReportChapter) -> None:
    if all(c.key != chapter.key for c in REPORT_CHAPTERS):
        REPORT_CHAPTERS.append(chapter)


def sections(trajectory: Any) -> list:
    """The registered chapters for ``trajectory`` as document sections (for the main part)."""
    from regiokompas.documents.model import Paragraph, Section

    out = []
    for chapter in REPORT_CHAPTERS:
        try:
            section = chapter.build(trajectory)
        except DatabaseError:
            # The report must still be produced; the failure is logged with its cause.
            logger.exception("Hoofdstuk %s van %s kon niet worden gemaakt", chapter.key, trajectory.slug)
            section = Section(chapter.key, chapter.title, [Paragraph(
                f"Het hoofdstuk '{chapter.title}' kon door een technische fout niet worden gemaakt; zie het serverlog.")])
        out.append(section or Section(chapter.key, chapter.title, [Paragraph(chapter.empty_text)]))
    return out


def annexes(trajectory: Any) -> list:
    """The annexes of the registered chapters for ``trajectory`` (sections marked ``annex``)."""
    from regiokompas.documents.model import Paragraph, Section

    out = []
    for chapter in REPORT_CHAPTERS:
        if chapter.annex is None:
            continue
        try:
            section = chapter.annex(trajectory)
        except DatabaseError:
            logger.exception("Bijlage bij hoofdstuk %s van %s kon niet worden gemaakt", chapter.key, trajectory.slug)
            section = Section(f"{chapter.key}_bijlage", chapter.title, [Paragraph(
                f"De bijlage bij '{chapter.title}' kon door een technische fout niet worden gemaakt; zie het serverlog.")])
        if section is not None:
            section.annex = True
            out.append(section)
    return out
