"""regelingen: joint arrangements (and other legal forms) with participants and a predecessor."""

import pytest
from tests.api.helpers import assert_bad_input, assert_problem, nothing_changed, post

from regiokompas.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_arrangement_is_created_with_participants(api):
    r = post(api("projectleider"), "/api/v1/regelingen",
             {"naam": "GR Werkbedrijf West", "rechtsvorm": "openbaar_lichaam", "soortRegeling": "collegeregeling",
              "deelnemers": ["GM0373", "GM0361"]})
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["naam"] == "GR Werkbedrijf West" and body["rechtsvorm"] == "openbaar_lichaam"
    assert body["deelnemers"] == ["GM0361", "GM0373"] and body["voorganger"] is None
    assert api("raadslid-bergen").get(f"/api/v1/regelingen/{body['id']}").json() == body
    assert AuditEntry.objects.filter(action="jointarrangement.create", object_id=str(body["id"])).exists()


@pytest.mark.parametrize(("data", "param"), [
    ({"rechtsvorm": "openbaar_lichaam", "deelnemers": ["GM0373"]}, "naam"),
    ({"naam": "X", "rechtsvorm": "wgr", "deelnemers": ["GM0373"]}, "rechtsvorm"),
    ({"naam": "X", "rechtsvorm": "openbaar_lichaam", "deelnemers": []}, "deelnemers"),
    ({"naam": "X", "rechtsvorm": "openbaar_lichaam", "deelnemers": ["GM0000"]}, "deelnemers"),
    ({"naam": "X", "rechtsvorm": "openbaar_lichaam", "deelnemers": ["GM0373"], "voorganger": 999999}, "voorganger"),
    ({"naam": "X", "rechtsvorm": "openbaar_lichaam", "deelnemers": ["GM0373"], "voorganger": "GR oud"}, "voorganger"),
])
def test_bad_arrangement_input_writes_nothing(api, data, param):
    assert_bad_input(api("projectleider"), "/api/v1/regelingen", data, param)


def test_raadslid_may_not_create_arrangements(api):
    client = api("raadslid-bergen")
    with nothing_changed():
        assert_problem(post(client, "/api/v1/regelingen", {"naam": "X", "rechtsvorm": "openbaar_lichaam", "deelnemers": ["GM0373"]}), 403)


def test_every_legal_form_and_a_renamed_successor(api):
    client = api("projectleider")
    made = {}
    for form in ["openbaar_lichaam", "bedrijfsvoeringsorganisatie", "gemeenschappelijk_orgaan", "centrumgemeenteregeling",
                 "regeling_zonder_meer", "stichting", "vereniging", "nv", "bv", "convenant"]:
        r = post(client, "/api/v1/regelingen", {"naam": f"Samenwerking {form}", "rechtsvorm": form, "deelnemers": ["GM0373"]})
        assert r.status_code == 201, r.content
        made[form] = r.json()
        assert made[form]["rechtsvorm"] == form and made[form]["soortRegeling"] is None
    r = post(client, "/api/v1/regelingen", {"naam": "Stichting nieuwe naam", "rechtsvorm": "stichting", "deelnemers": ["GM0373"],
                                            "voorganger": made["stichting"]["id"], "soortOpvolging": "hernoemd"})
    assert r.status_code == 201, r.content
    assert r.json()["voorgangers"] == [{"regeling": made["stichting"]["id"], "soort": "hernoemd", "datum": None}]


@pytest.mark.parametrize(("data", "status"), [
    ({"naam": "Stichting X", "rechtsvorm": "stichting", "soortRegeling": "collegeregeling", "deelnemers": ["GM0373"]}, 400),
    ({"naam": "GR X", "rechtsvorm": "openbaar_lichaam", "deelnemers": ["GM0373"], "soortOpvolging": "splitsing"}, 400),
    ({"naam": "GR X", "rechtsvorm": "openbaar_lichaam", "deelnemers": ["GM0373"], "geldigVanaf": "2026-02-30"}, 400),
    ({"naam": "GR Werkorganisatie BUCH", "rechtsvorm": "openbaar_lichaam", "deelnemers": ["GM0373"]}, 409),
])
def test_rules_of_the_register_refuse_and_write_nothing(api, data, status):
    client = api("projectleider")
    with nothing_changed():
        assert_problem(post(client, "/api/v1/regelingen", data), status)
