"""gemeenten and trajecten: the contract's fields, filters, and creating a trajectory with its
participants through the same services and rights as the web application."""

import pytest
from tests.api.helpers import assert_bad_input, assert_problem, nothing_changed, post

from regiokompas.audit.models import AuditEntry
from regiokompas.register.models import Trajectory

pytestmark = pytest.mark.django_db


def test_gemeenten_filter_by_code_gives_the_contract_fields(api):
    body = api("raadslid-bergen").get("/api/v1/gemeenten?code=GM0373").json()
    assert body["count"] == 1
    bergen = body["results"][0]
    assert set(bergen) == {"code", "naam", "geldigVanaf", "geldigTot", "opvolger"}
    assert (bergen["code"], bergen["naam"], bergen["geldigTot"], bergen["opvolger"]) == ("GM0373", "Bergen (NH.)", None, None)


def test_merged_municipality_names_its_successor(api):
    client = api("bergen")
    schermer = client.get("/api/v1/gemeenten?code=gm0458").json()["results"][0]
    assert schermer["opvolger"] == "GM0361" and schermer["geldigTot"] == "2014-12-31"
    assert client.get("/api/v1/gemeenten/GM0458").json() == schermer
    existing_then = {g["code"] for g in client.get("/api/v1/gemeenten?geldigOp=2014-06-01&pageSize=500").json()["results"]}
    existing_now = {g["code"] for g in client.get("/api/v1/gemeenten?geldigOp=2024-06-01&pageSize=500").json()["results"]}
    assert "GM0458" in existing_then and "GM0458" not in existing_now and "GM0361" in existing_now


def test_bad_filter_is_a_problem_400(api):
    assert_problem(api("bergen").get("/api/v1/gemeenten?geldigOp=gisteren"), 400, param="geldigOp")


def test_projectleider_creates_a_trajectory_with_participants(api):
    response = post(api("projectleider"), "/api/v1/trajecten",
                    {"slug": "wsw-west", "naam": "Wsw regio West", "domein": "Participatie", "deelnemers": ["GM0373", "gm0361"],
                     "start": "2026-03"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert response["Location"] == "/api/v1/trajecten/wsw-west"
    assert body["slug"] == "wsw-west" and body["naam"] == "Wsw regio West" and body["domein"] == "Participatie"
    assert sorted(body["deelnemers"]) == ["GM0361", "GM0373"] and body["start"] == "2026-03" and body["status"] == "verkennen"
    t = Trajectory.objects.get(slug="wsw-west")
    assert t.start_precision == "month"
    assert AuditEntry.objects.filter(trajectory_slug="wsw-west", action="participant.create").count() == 2
    assert api("raadslid-bergen").get("/api/v1/trajecten/wsw-west").json() == body


@pytest.mark.parametrize("role", ["bergen", "griffier-bergen", "raadslid-bergen", "or-bergen"])
def test_others_may_not_create_trajectories(api, role):
    client = api(role)
    with nothing_changed():
        assert_problem(post(client, "/api/v1/trajecten", {"slug": "x", "naam": "X", "deelnemers": []}), 403)


@pytest.mark.parametrize(("data", "param"), [
    ({"naam": "Zonder slug"}, "slug"),
    ({"slug": "met spatie", "naam": "X"}, "slug"),
    ({"slug": "x", "naam": 12}, "naam"),
    ({"slug": "x", "naam": "X", "deelnemers": ["GM9999"]}, "deelnemers"),
    ({"slug": "x", "naam": "X", "deelnemers": ["GM0373", "GM0373"]}, "deelnemers"),
    ({"slug": "x", "naam": "X", "deelnemers": "GM0373"}, "deelnemers"),
    ({"slug": "x", "naam": "X", "start": "2026-13"}, "start"),
    ({"slug": "x", "naam": "X", "start": "1 maart"}, "start"),
    ({"slug": "x", "naam": "X", "deelnemer": ["GM0373"]}, "deelnemer"),
])
def test_bad_trajectory_input_is_refused_in_dutch_and_writes_nothing(api, data, param):
    assert_bad_input(api("projectleider"), "/api/v1/trajecten", data, param)


def test_existing_slug_is_a_conflict(api):
    client = api("projectleider")
    with nothing_changed():
        body = assert_problem(post(client, "/api/v1/trajecten", {"slug": "alkmaar-participatiewet-2019", "naam": "Dubbel"}), 409,
                              param="slug")
    assert "al een traject met de korte naam" in body["detail"]


def test_trajectory_list_holds_the_example(api):
    slugs = {t["slug"] for t in api("or-bergen").get("/api/v1/trajecten").json()["results"]}
    assert {"alkmaar-participatiewet-2019", "alkmaar-sociale-zaken-2012"} <= slugs
