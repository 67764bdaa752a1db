"""Every markdown download built from the register (planning, process description, substantiation
report, council memo) keeps register text inert: no raw HTML, no links with any scheme."""

import re

import pytest
from markdown_it import MarkdownIt

from regiokompas.examples import SLUG_2012
from regiokompas.register.models import Trajectory

pytestmark = pytest.mark.django_db

SLUG = SLUG_2012
PAYLOAD = "<script>alert(1)</script>[klik](javascript:alert(1))![x](data:text/html,y)"


def inert(md: str) -> bool:
    parser = MarkdownIt("commonmark", {"html": True})
    parser.validateLink = lambda url: True
    html = parser.render(md)
    return not re.search(r"<(script|a|iframe)\b|<img\b(?![^>]*src=\"data:image/svg\+xml)", html, re.IGNORECASE)


@pytest.fixture
def trajectory():
    Trajectory.objects.filter(slug=SLUG).update(name=f"Traject {PAYLOAD}")
    return Trajectory.objects.get(slug=SLUG)


def test_planning_export(trajectory):
    from regiokompas.planning import export, overview

    md = export.render(export.overview_document(overview.build(trajectory)), "md").decode()
    assert "\\<script>" in md and inert(md)


def test_process_description(trajectory, users):
    from regiokompas.planning import export, process

    doc = process.generate(users["projectleider"], trajectory)
    md = export.render(process.to_document(doc), "md").decode()
    assert inert(md)


def test_options_report(trajectory):
    from regiokompas.options.models import Variant
    from regiokompas.options.report import render_report

    Variant.objects.filter(trajectory=trajectory, number=1).update(name=f"Variant {PAYLOAD}")
    md = render_report(trajectory, "md").decode()
    assert "Variant \\<script>" in md and inert(md)
