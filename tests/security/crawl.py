"""Following every link of the example as one user: the pages a role can reach."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

ROLES = ["beheer", "projectleider", "bergen", "alkmaar", "griffier-bergen", "raadslid-bergen", "or-bergen"]

# Not followed: logging out ends the crawl, the admin is Django's own (its index page is checked).
SKIP_PREFIXES = ("/uitloggen/", "/beheer/", "/static/", "/media/")


class PageParser(HTMLParser):
    """Collects the links of a page and everything inline that a strict CSP would block."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.inline: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "style":
            self.inline.append("<style> element")
        if tag == "script":
            if not attrs.get("src"):
                self.inline.append("<script> without src")
        for name, value in attrs.items():
            if name == "style":
                self.inline.append(f"style attribute on <{tag}>: {value!r}")
            elif name.startswith("on"):
                self.inline.append(f"event handler {name} on <{tag}>")
            elif name in {"href", "src", "action", "formaction"} and (value or "").strip().lower().startswith("javascript:"):
                self.inline.append(f"javascript: URL in {name} on <{tag}>")

    handle_startendtag = handle_starttag


def parse(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    parser.close()
    return parser


def crawl(client, start: str = "/trajecten/", limit: int = 2000, per_route: int | None = None):
    """Yield (url, response, parsed page or None) for every page reachable by links from ``start``.

    ``per_route``: follow at most this many links to each route (URL pattern) — every kind of page,
    several instances of each, in a bounded time."""
    from django.urls import Resolver404, resolve

    per_view: dict[str, int] = {}
    seen = {start}
    queue = [start]
    while queue:
        url = queue.pop(0)
        response = client.get(url)
        parsed = None
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            parsed = parse(response.content.decode("utf-8"))
            for href in parsed.links:
                target = urldefrag(urljoin(url, href))[0]
                parts = urlsplit(target)
                if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                    continue
                if parts.path.startswith(SKIP_PREFIXES) or target in seen:
                    continue
                if per_route is not None:
                    try:
                        route = resolve(parts.path).route
                    except Resolver404:
                        route = parts.path
                    route += "|" + parts.path.rpartition("/")[2].rpartition(".")[2]  # formats apart
                    if per_view.get(route, 0) >= per_route:
                        continue
                    per_view[route] = per_view.get(route, 0) + 1
                seen.add(target)
                queue.append(target)
        yield url, response, parsed
        assert len(seen) <= limit, f"more than {limit} pages: the crawl does not end"
