"""No confidential title or text reaches a role that may not see it.

The world (world.py) holds confidential documents with marker strings in title and body: a gate's
subject document, an attachment of a public document, a condition's fulfilment, a cost item's
evidence, a score's evidence, a pending import and an unsent draft council document. For every role
the site is crawled from its start pages, following links within the site, and every page and every
download (html, md, docx, pdf, ics, json, svg) is read as text: a marker may appear only for the
roles allowed to see it, and each allowed role must see each of its markers somewhere (so the test
can fail).
"""

from __future__ import annotations

import io
import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from .world import OTHER_SLUG, ROLES

pytestmark = pytest.mark.django_db

HREF = re.compile(r"""(?:href|src)="([^"#]+)""")
SKIP = ("/uitloggen/", "/beheer/", "/static/", OTHER_SLUG)
# pdf and docx take long to make: fetched for the roles for whom a leak matters most (members of the
# trajectory who may not see the confidential documents); the other roles read the same content as
# html or markdown
HEAVY_ROLES = {"beleidsmedewerker", "raadslid", "or_lid"}
SLOW_REPORT_ROLES = {"raadslid"}  # the substantiation report as pdf and docx
MAX_PAGES = 700


def text_of(response) -> str:
    content_type = response.get("Content-Type", "")
    data = b"".join(response.streaming_content) if response.streaming else response.content
    if "wordprocessingml" in content_type:
        import docx

        document = docx.Document(io.BytesIO(data))
        parts = [p.text for p in document.paragraphs]
        for table in document.tables:
            parts += [cell.text for row in table.rows for cell in row.cells]
        for section in document.sections:
            parts += [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
        parts.append(document.core_properties.title or "")
        return "\n".join(parts)
    if "application/pdf" in content_type:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        meta = reader.metadata or {}
        return "\n".join([page.extract_text() or "" for page in reader.pages] + [str(v) for v in meta.values()])
    return data.decode("utf-8", errors="replace")


def start_urls(world) -> list[str]:
    from regiokompas.publications.models import Publication
    from regiokompas.register.models import Document

    own = world.own
    urls = [reverse("register:trajectory-list"), reverse("register:trajectory-detail", args=[own.slug]),
            reverse("register:document-list", args=[own.slug]), reverse("publications:overview", args=[own.slug]),
            reverse("publications:import"), reverse("options:overview", args=[own.slug]),
            reverse("finance:overview", args=[own.slug]), reverse("planning:overview", args=[own.slug]),
            reverse("planning:process", args=[own.slug]), reverse("register:trajectory-export", args=[own.slug])]
    urls += [reverse("register:gate-detail", args=[g.pk]) for g in own.gates.all()]
    urls += [reverse("register:municipality-detail", args=[p.municipality.cbs_code]) for p in own.participants.all()]
    # every document and council document of the trajectory, in every format
    for doc in Document.objects.filter(trajectory=own):
        urls.append(reverse("register:document-detail", args=[doc.pk]))
        urls += [reverse("publications:document-download", args=[doc.pk, fmt]) for fmt in ("html", "md", "docx", "pdf")]
    for publication in Publication.objects.filter(gate__trajectory=own):
        urls += [reverse("publications:download", args=[publication.pk, fmt]) for fmt in ("html", "md", "docx", "pdf")]
    urls += [reverse("options:report", args=[own.slug, fmt]) for fmt in ("md", "html", "docx", "pdf")]
    urls += [reverse("planning:export", args=[own.slug, fmt]) for fmt in ("ics", "md", "docx")]
    urls += [reverse("planning:process-download", args=[own.slug, fmt]) for fmt in ("md", "docx")]
    urls += [reverse("publications:import-review", args=[world.objects["import"].pk])]
    return urls


def _wanted(url: str, role: str) -> bool:
    if any(s in url for s in SKIP) or not url.startswith("/"):
        return False
    path = urlsplit(url).path
    if path.endswith((".pdf", ".docx")):
        if "/onderbouwing." in path:
            return role in SLOW_REPORT_ROLES
        return role in HEAVY_ROLES
    return True


def crawl(world, role) -> dict[str, str]:
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    queue = [u for u in start_urls(world) if _wanted(u, role)]
    seen: set[str] = set(queue)
    texts: dict[str, str] = {}
    while queue:
        url = queue.pop(0)
        response = client.get(url)
        assert response.status_code < 500, f"{url} as {role}: {response.status_code}"
        if response.status_code in (301, 302):
            continue
        text = text_of(response) if response.status_code == 200 else response.content.decode("utf-8", "replace")
        texts[url] = text
        if "text/html" in response.get("Content-Type", "") and response.status_code == 200:
            for href in HREF.findall(text):
                href = urljoin(url, href.replace("&amp;", "&"))
                if href not in seen and _wanted(href, role) and len(seen) < MAX_PAGES:
                    seen.add(href)
                    queue.append(href)
    assert len(seen) < MAX_PAGES, f"the crawl for {role} reached its limit; raise MAX_PAGES"
    return texts


@pytest.mark.parametrize("role", ROLES)
def test_no_marker_reaches_a_role_that_may_not_see_it(world, role):
    texts = crawl(world, role)
    leaks, missing = [], []
    for marker, allowed in world.markers.items():
        where = [url for url, text in texts.items() if marker in text]
        if role in allowed and not where:
            missing.append(marker)
        if role not in allowed and where:
            leaks.append(f"{marker} in {where[:5]}")
    assert not leaks, f"{role} sees what it may not:\n" + "\n".join(leaks)
    assert not missing, f"{role} may see {missing} but found them nowhere (the crawl does not reach them)"
    if role != "anonymous":
        assert len(texts) > 20, f"the crawl for {role} found only {len(texts)} pages"
