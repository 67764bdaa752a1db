"""The number of database queries of each main page stays the same as the data grows (a trajectory
from nothing: the fictitious Waddeneilanden, with 1 and then 5 extra municipalities, each with a
decision, current costs and a document). Counted with an empty cache, so the bound holds for the
computation itself, not only for a cached page. No timings here: speed is in benchmarks/."""

from __future__ import annotations

import datetime as dt
import decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tests import fictitious_region
from tests.counts import page_queries

pytestmark = pytest.mark.django_db

# real CBS municipalities outside the regio Alkmaar example
EXTRA = [("GM0400", "Den Helder"), ("GM0441", "Schagen"), ("GM1911", "Hollands Kroon"), ("GM0388", "Enkhuizen"),
         ("GM0405", "Hoorn")]
ACTOR = fictitious_region.ACTOR


def grow(world: dict, start: int, stop: int) -> None:
    """Municipalities ``EXTRA[start:stop]`` join the trajectory, each with an agreeing decision at the
    first gate, current costs, a population figure and a document it issued."""
    from regiokompas.finance import services as fs
    from regiokompas.finance.models import CurrentCost
    from regiokompas.register import constants as c
    from regiokompas.register import services as rs
    from regiokompas.register.models import Document, Municipality, PopulationFigure

    t, gate = world["trajectory"], world["gates"][0]
    texel = world["municipalities"][0]
    for code, name in EXTRA[start:stop]:
        m = Municipality.objects.filter(cbs_code=code).first() or rs.save_object(ACTOR, Municipality(cbs_code=code, name=name))
        if not m.population_figures.filter(reference_date=dt.date(2025, 1, 1)).exists():
            rs.save_object(ACTOR, PopulationFigure(municipality=m, reference_date=dt.date(2025, 1, 1), inhabitants=20_000,
                                                   source="illustratief"))
        rs.add_participant(ACTOR, t, m, source="illustratief")
        rs.record_decision(ACTOR, rs.DecisionInput(gate=gate, municipality=m, outcome=c.Outcome.AGREE, date=dt.date(2025, 4, 9),
                                                   motivation="Ingestemd.", source="illustratief"))
        fs.save_current_cost(ACTOR, CurrentCost(trajectory=t, municipality=m, low=decimal.Decimal(90_000),
                                                likely=decimal.Decimal(100_000), high=decimal.Decimal(110_000), source="illustratief"))
        for owner in (m, texel):
            rs.save_document(ACTOR, Document(trajectory=t, kind=c.DocumentKind.MEMO, title=f"Memo over {name}",
                                             issuer_municipality=owner, date=dt.date(2025, 3, 1)))


def pages(world: dict) -> dict[str, str]:
    t, gate = world["trajectory"], world["gates"][0]
    return {
        "trajectoverzicht": reverse("register:trajectory-detail", args=[t.slug]),
        "besluitmoment": reverse("register:gate-detail", args=[gate.pk]),
        "varianten": reverse("options:overview", args=[t.slug]),
        "planning": reverse("planning:overview", args=[t.slug]),
        "financien": reverse("finance:overview", args=[t.slug]),
        "financien-gemeente": reverse("finance:municipality", args=[t.slug, "GM0448"]),
        "documenten": reverse("register:document-list", args=[t.slug]),
        "gemeente": reverse("register:municipality-detail", args=["GM0448"]),
        "trajectenlijst": reverse("register:trajectory-list"),
    }


@pytest.fixture
def world(db):
    return fictitious_region.build()


def test_queries_per_page_do_not_grow_with_the_data(client, users, world):
    client.force_login(users["beheer"])
    grow(world, 0, 1)
    urls = pages(world)
    small = {name: page_queries(client, url) for name, url in urls.items()}
    grow(world, 1, 5)
    large = {name: page_queries(client, url) for name, url in urls.items()}
    assert large == small


def test_a_cached_page_asks_fewer_queries(client, users, world):
    """The second view of a page uses the cached computation (and never more queries)."""
    client.force_login(users["beheer"])
    for name, url in pages(world).items():
        cold = page_queries(client, url)
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        assert len(ctx.captured_queries) <= cold, name


def test_results_page_queries_do_not_grow_with_the_runs(client, users):
    """The results page of an analysis asks as many queries with one stored run as with three."""
    from regiokompas.examples import SLUG_2012
    from regiokompas.options.services import run_analysis
    from regiokompas.register.models import Trajectory

    client.force_login(users["beheer"])
    t = Trajectory.objects.get(slug=SLUG_2012)
    run = run_analysis(users["beheer"], t, samples=200, seed=1)
    url = reverse("options:run-detail", args=[t.slug, run.number])
    one = page_queries(client, url)
    for seed in (2, 3):
        run_analysis(users["beheer"], t, samples=200, seed=seed)
    assert page_queries(client, url) == one
