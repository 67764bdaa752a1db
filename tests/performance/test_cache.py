"""Cached computed results (regiokompas.caching) follow every change made through a service, and
never give a user what only another may see."""

from __future__ import annotations

import datetime as dt
import decimal

import pytest
from django.urls import reverse
from tests import fictitious_region

pytestmark = pytest.mark.django_db
ACTOR = fictitious_region.ACTOR


@pytest.fixture
def world(db):
    return fictitious_region.build()


def test_finance_page_shows_the_new_figure_after_a_cost_change(client, users, world):
    from regiokompas.finance import services as fs
    from regiokompas.finance.models import CostItem

    client.force_login(users["beheer"])
    url = reverse("finance:overview", args=[world["trajectory"].slug])
    before = client.get(url)
    again = client.get(url)  # from the cache: the same figures
    assert again.context["result"] == before.context["result"]

    item = CostItem.objects.get(variant=world["variants"][0], code="coordinatie")
    item.low, item.likely, item.high = decimal.Decimal(2_000_000), decimal.Decimal(2_500_000), decimal.Decimal(3_200_000)
    fs.save_item(ACTOR, item)

    after = client.get(url)
    old = before.context["result"]["variants"]["v1"]["total"]["horizon"]["mean"]
    new = after.context["result"]["variants"]["v1"]["total"]["horizon"]["mean"]
    assert new > 5 * old
    assert after.content != before.content


def test_gate_page_shows_a_new_decision(client, users, world):
    from regiokompas.register import constants as c
    from regiokompas.register import services as rs

    client.force_login(users["beheer"])
    gate = world["gates"][1]
    url = reverse("register:gate-detail", args=[gate.pk])
    texel = world["municipalities"][0]
    assert client.get(url).context["result"].agreed == []
    rs.record_decision(ACTOR, rs.DecisionInput(gate=gate, municipality=texel, outcome=c.Outcome.AGREE, date=dt.date(2025, 9, 1),
                                               motivation="Ingestemd.", source="illustratief"))
    assert [m.pk for m in client.get(url).context["result"].agreed] == [texel.pk]


def test_a_decision_keeps_the_cached_cost_simulation(users, world):
    """Decisions are no input of the cost model: recording one leaves the cached simulation in place."""
    from unittest import mock

    from regiokompas.finance import build
    from regiokompas.register import constants as c
    from regiokompas.register import services as rs

    t = world["trajectory"]
    first = build.compute(t)
    rs.record_decision(ACTOR, rs.DecisionInput(gate=world["gates"][1], municipality=world["municipalities"][1],
                                               outcome=c.Outcome.AGREE, date=dt.date(2025, 9, 1), motivation="Ingestemd.",
                                               source="illustratief"))
    with mock.patch("regiokompas.engine.costs.simulate", side_effect=AssertionError("opnieuw gesimuleerd")):
        assert build.compute(t) == first


def test_cached_costs_are_still_refused_to_who_may_not_see_them(client, users, world):
    client.force_login(users["beheer"])
    url = reverse("finance:overview", args=[world["trajectory"].slug])
    assert client.get(url).status_code == 200  # now cached
    client.force_login(users["raadslid-bergen"])  # not in this trajectory
    assert client.get(url).status_code == 403


def test_inside_a_transaction_nothing_is_served_from_the_cache(world):
    """A service that wrote rows before its audit row reads its own writes, not a cached result."""
    from django.db import transaction

    from regiokompas.register import query
    from regiokompas.register.models import TrajectoryParticipant

    t = world["trajectory"]
    assert len(query.trajectory_state(t).municipalities) == 3
    with transaction.atomic():
        TrajectoryParticipant.objects.filter(trajectory=t, municipality=world["municipalities"][2]).delete()
        assert len(query.trajectory_state(t).municipalities) == 2
        transaction.set_rollback(True)


def test_cached_exit_effects_follow_a_cost_change(world):
    from regiokompas.finance import build
    from regiokompas.finance import services as fs
    from regiokompas.finance.models import CostItem

    trajectory = world["trajectory"]
    result = build.compute(trajectory)
    first = build.exit_effects(trajectory, result)
    assert build.exit_effects(trajectory, result) == first  # the same effects, from the cache

    item = CostItem.objects.get(variant=world["variants"][0], code="coordinatie")
    item.low, item.likely, item.high = decimal.Decimal(2_000_000), decimal.Decimal(2_500_000), decimal.Decimal(3_200_000)
    fs.save_item(ACTOR, item)

    changed = build.compute(trajectory)
    after = build.exit_effects(trajectory, changed)
    leaver = next(iter(after["v1"]))
    assert after["v1"][leaver]["declining"] != first["v1"][leaver]["declining"]


def test_a_chart_image_is_drawn_once_for_the_same_drawing(monkeypatch):
    from regiokompas.documents.render import charts

    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><rect width="20" height="10" fill="#123456"/></svg>'
    charts.svg_png.cache_clear()
    first = charts.svg_png(svg)
    assert first and first.startswith(b"\x89PNG")
    charts.svg_png.cache_clear()  # another process: the cache still has it
    monkeypatch.setattr(charts, "_draw_png", lambda s: pytest.fail("drawn again"))
    assert charts.svg_png(svg) == first



def test_a_cold_result_that_another_process_computes_is_waited_for(db):
    """A stampede: while one process computes a cold result (it holds the lock), another waits for
    that result instead of computing the same."""
    import threading

    from django.core.cache import caches

    from regiokompas import caching

    cache = caches["default"]
    cache.clear()
    full = caching.cache_key("test.slow", (1,))
    cache.add(full + ":lock", 1, 60)  # another process is computing
    timer = threading.Timer(0.05, lambda: cache.set(full, {"uitkomst": 42}, 60))
    timer.start()
    try:
        assert caching.cached("test.slow", (1,), lambda: pytest.fail("computed twice")) == {"uitkomst": 42}
    finally:
        timer.cancel()


def test_a_lock_without_a_result_lets_the_waiter_compute(db, monkeypatch):
    from django.core.cache import caches

    from regiokompas import caching

    cache = caches["default"]
    cache.clear()
    full = caching.cache_key("test.slow", (1,))
    cache.add(full + ":lock", 1, 60)
    monkeypatch.setattr(caching, "WAIT", 0.05)  # the other process does not deliver in time
    assert caching.cached("test.slow", (1,), lambda: {"uitkomst": 7}) == {"uitkomst": 7}
    assert cache.get(full) == {"uitkomst": 7}
    assert cache.get(full + ":lock") == 1  # still the other process's lock


def test_a_failing_computation_releases_its_lock(db):
    from django.core.cache import caches

    from regiokompas import caching

    cache = caches["default"]
    cache.clear()
    full = caching.cache_key("test.slow", (1,))

    def fail():
        raise ValueError("mislukt")

    with pytest.raises(ValueError):
        caching.cached("test.slow", (1,), fail)
    assert cache.get(full + ":lock") is None
    assert caching.cached("test.slow", (1,), lambda: {"uitkomst": 9}) == {"uitkomst": 9}


def test_choice_labels_come_from_the_fields_choices():
    """get_<field>_display() reads a table made once per field: the label of a known value, the value
    itself otherwise, and for every instance alike."""
    from regiokompas.register import constants as c
    from regiokompas.register.models import Document

    memo = Document(kind=c.DocumentKind.MEMO)
    assert memo.get_kind_display() == "memo van college aan de raad"
    assert Document(kind=c.DocumentKind.RAADSINFORMATIEBRIEF).get_kind_display() == "raadsinformatiebrief"
    memo.kind = "onbekend"
    assert memo.get_kind_display() == "onbekend"
