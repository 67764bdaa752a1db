"""The results page in layers: the conclusion in plain Dutch first (variant names, how certain, what
would change it), then a few key charts, with every table behind a disclosure section; every index,
chart and table of every municipality on the details page."""

import re

import pytest
from django.urls import reverse
from tests.options.helpers import SLUG

from regiokompas.accounts.actors import SystemActor
from regiokompas.options import services
from regiokompas.register.models import Trajectory

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(engine):
    return services.run_analysis(SystemActor("test"), Trajectory.objects.get(slug=SLUG), samples=1000, seed=5)


def _outside_details(html: str) -> str:
    return re.sub(r"<details.*?</details>", "", html, flags=re.DOTALL)


def test_conclusion_first_then_key_charts_then_details(client, users, run):
    client.force_login(users["raadslid-bergen"])
    html = client.get(reverse("options:run-detail", args=[SLUG, run.number])).content.decode()
    main = html[html.index("<main"):]
    conclusion = main[:main.index('id="kerngrafieken"')]
    # plain Dutch with the variants' names, how certain, and what would change it, before any chart
    assert "<svg" not in conclusion
    names = [v["name"] for v in run.problem["alternatives"]]
    assert any(name in conclusion for name in names) and "van de gevallen de beste keuze" in conclusion
    assert "Wat zou de uitkomst veranderen?" in conclusion and "Bergen (NH.):" in conclusion
    assert 'href="/begrippen/#smaa"' in conclusion and "<dfn>" in conclusion
    # a few key charts, each with its table behind a disclosure section
    assert 2 <= main.count("<svg") <= 4
    assert "<table" not in _outside_details(main)
    # the details of every municipality on the details page
    details_url = reverse("options:run-details", args=[SLUG, run.number])
    assert details_url in main
    assert 'id="res-GM0373"' in main


def test_details_page_has_every_index_chart_and_table(client, users, run):
    client.force_login(users["raadslid-bergen"])
    html = client.get(reverse("options:run-details", args=[SLUG, run.number])).content.decode()
    main = html[html.index("<main"):]
    for code in ("GM0361", "GM0373", "GM0383"):
        assert f'id="res-{code}"' in main
    for title in ("Rangkansen", "Centrale gewichten", "Gevoeligheid: hoe ver moeten de gewichten verschuiven?"):
        assert f"<summary>{title}</summary>" in main
    assert main.count("<svg") >= 3 * len(run.problem["stakeholders"])
    assert "<table" not in _outside_details(main) and "<svg" not in _outside_details(main)
    assert 'href="/begrippen/#centrale-gewichten"' in main or "Centrale gewichten</dt>" in main
