"""Long lists in pages of 50 (``?pagina=N``), with Django's Paginator.

A page number that is not a number shows the first page; one below 1 the first, one past the end
the last: the nearest valid page, never an error. The links keep every other query parameter
(filters, search words), and the summary reads "1–50 van 2.345 trajecten". The template
``_pagination.html`` renders the NL Design System (Utrecht) pagination component."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PER_PAGE = 50
PARAMETER = "pagina"


def dutch_number(n: int) -> str:
    """2345 -> '2.345'."""
    return f"{n:,}".replace(",", ".")


@dataclass
class PageLink:
    number: int | None  # None: an ellipsis between the page numbers
    href: str = ""
    current: bool = False


@dataclass
class Paged:
    page: Page
    summary: str
    links: list[PageLink] = field(default_factory=list)
    previous_href: str = ""
    next_href: str = ""

    @property
    def object_list(self) -> Any:
        return self.page.object_list

    @property
    def has_other_pages(self) -> bool:
        return self.page.has_other_pages()

    def __iter__(self):
        return iter(self.page.object_list)

    def __len__(self) -> int:
        return len(self.page.object_list)


def page_number(raw: str | None) -> int:
    try:
        return max(1, int(str(raw).strip()))
    except (TypeError, ValueError):
        return 1


def summary(page: Page, singular: str, plural: str) -> str:
    total = page.paginator.count
    if total == 0:
        return f"Geen {plural}"
    if total == 1:
        return f"1 {singular}"
    if not page.has_other_pages():
        return f"{dutch_number(total)} {plural}"
    return f"{dutch_number(page.start_index())}–{dutch_number(page.end_index())} van {dutch_number(total)} {plural}"


def paginate(request: HttpRequest, items: Any, singular: str, plural: str, per_page: int = PER_PAGE) -> Paged:
    """The page of ``items`` (an ordered queryset or a list) that ``?pagina=`` asks for."""
    paginator = Paginator(items, per_page)
    page = paginator.get_page(min(page_number(request.GET.get(PARAMETER)), paginator.num_pages))
    query = request.GET.copy()
    query.pop(PARAMETER, None)
    base = query.urlencode()

    def href(n: int) -> str:
        return f"?{base}&{PARAMETER}={n}" if base else f"?{PARAMETER}={n}"

    links = [PageLink(None) if n == Paginator.ELLIPSIS else PageLink(int(n), href(int(n)), int(n) == page.number)
             for n in paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)]
    return Paged(page=page, summary=summary(page, singular, plural), links=links,
                 previous_href=href(page.previous_page_number()) if page.has_previous() else "",
                 next_href=href(page.next_page_number()) if page.has_next() else "")
