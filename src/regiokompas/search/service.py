"""Search for a user: parse the query, narrow the index to what the user may see, apply the filters,
let the database's backend match and rank, and return one page of hits with escaped, highlighted
snippets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from regiokompas.accounts import permissions
from regiokompas.search.backends import START, STOP, backend
from regiokompas.search.models import EntryKind, SearchEntry

PAGE_SIZE = 20
MAX_WORDS = 12
WORD = re.compile(r"\w+")


def parse_words(text: str) -> list[str]:
    """The words of a query (letters and digits), at most :data:`MAX_WORDS`; every word must occur."""
    return WORD.findall(text or "")[:MAX_WORDS]


def highlight(text: str) -> SafeString:
    """Escape ``text``, then mark the matched words (between START and STOP) with ``<mark>``."""
    safe = escape(text.replace("\n", " "))
    return mark_safe(safe.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308 - escaped above


@dataclass
class Filters:
    kind: str = ""
    municipality_id: int | None = None
    date_from: object = None  # datetime.date or None
    date_to: object = None


@dataclass
class Hit:
    entry: SearchEntry
    score: float
    title: SafeString
    snippet: SafeString

    @property
    def kind_label(self) -> str:
        return str(EntryKind(self.entry.kind).label)


@dataclass
class Results:
    words: list[str]
    count: int
    page: Page
    hits: list[Hit] = field(default_factory=list)


def entries_for(user, filters: Filters):
    entries = permissions.visible_search_entries(user, SearchEntry.objects.all())
    if filters.kind:
        entries = entries.filter(kind=filters.kind)
    if filters.municipality_id:
        entries = entries.filter(municipality_id=filters.municipality_id)
    if filters.date_from:
        entries = entries.filter(date__gte=filters.date_from)
    if filters.date_to:
        entries = entries.filter(date__lte=filters.date_to)
    return entries


def search(user, text: str, filters: Filters | None = None, page: int | str = 1) -> Results:
    filters = filters or Filters()
    words = parse_words(text)
    impl = backend()
    ranked = impl.matches(words, entries_for(user, filters)) if words else []
    paginator = Paginator(ranked, PAGE_SIZE)
    current = paginator.get_page(page)
    ids = [pk for pk, _score in current.object_list]
    entries = SearchEntry.objects.in_bulk(ids)
    marked = impl.snippets(words, ids)
    hits = []
    for pk, score in current.object_list:
        entry = entries[pk]
        title, body = marked.get(pk, (entry.title, ""))
        hits.append(Hit(entry=entry, score=score, title=highlight(title or entry.title), snippet=highlight(body or "")))
    return Results(words=words, count=paginator.count, page=current, hits=hits)
