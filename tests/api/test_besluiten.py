"""besluitmomenten, besluiten, voorwaarden, vervangen and the besluitmatrix through the API."""

import pytest
from tests.api.helpers import assert_problem, join, nothing_changed, patch, post

pytestmark = pytest.mark.django_db


@pytest.fixture
def trajectory(api):
    pl = api("projectleider")
    r = post(pl, "/api/v1/trajecten", {"slug": "api-besluiten", "naam": "Besluiten via de API", "deelnemers": ["GM0373", "GM0361"]})
    assert r.status_code == 201, r.content
    join("bergen", "api-besluiten")
    join("alkmaar", "api-besluiten")
    r = post(pl, "/api/v1/trajecten/api-besluiten/besluitmomenten",
             {"volgnummer": 1, "titel": "Hoofdlijnen", "organen": ["college"], "voortgangsregel": "unaniem"})
    assert r.status_code == 201, r.content
    return r.json()


def test_gate_is_created_and_listed(api, trajectory):
    assert trajectory["volgnummer"] == 1 and trajectory["voortgangsregel"] == "unaniem" and trajectory["organen"] == ["college"]
    listed = api("raadslid-bergen").get("/api/v1/trajecten/api-besluiten/besluitmomenten").json()
    assert [g["id"] for g in listed["results"]] == [trajectory["id"]]
    assert api("bergen").get(f"/api/v1/besluitmomenten/{trajectory['id']}").json() == trajectory


def test_decision_with_conditions_correction_keeps_them(api, trajectory):
    bergen = api("bergen")
    r = post(bergen, "/api/v1/besluiten", {"besluitmoment": trajectory["id"], "gemeente": "GM0373", "orgaan": "college",
                                           "uitkomst": "ingestemd_onder_voorwaarden", "datum": "2024-05",
                                           "motivering": "Mits goed onderbouwd.",
                                           "voorwaarden": [{"omschrijving": "Kosten in beeld"}]})
    assert r.status_code == 201, r.content
    decision = r.json()
    assert decision["datum"] == "2024-05" and decision["uitkomst"] == "ingestemd_onder_voorwaarden" and decision["orgaan"] == "college"
    [cond] = decision["voorwaarden"]
    assert set(cond) == {"id", "omschrijving", "status"} and cond["status"] == "open"
    r = patch(bergen, f"/api/v1/voorwaarden/{cond['id']}", {"status": "vervallen", "toelichting": "Niet meer nodig"})
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "vervallen"
    with nothing_changed():
        assert_problem(post(bergen, "/api/v1/besluiten", {"besluitmoment": trajectory["id"], "gemeente": "GM0373", "uitkomst": "ingestemd"}), 409)
    r = post(bergen, f"/api/v1/besluiten/{decision['id']}/vervangen", {"uitkomst": "ingestemd_onder_voorwaarden", "datum": "2024-05-14",
                                                                       "reden": "Datum bekend"})
    assert r.status_code == 201, r.content
    newer = r.json()
    assert newer["vervangt"] == decision["id"] and [v["omschrijving"] for v in newer["voorwaarden"]] == ["Kosten in beeld"]
    carried = bergen.get(f"/api/v1/voorwaarden/{newer['voorwaarden'][0]['id']}").json()
    assert (carried["status"], carried["toelichting"]) == ("vervallen", "Niet meer nodig")  # carried over, not back to open
    history = bergen.get(f"/api/v1/besluiten/{decision['id']}/geschiedenis").json()
    assert [d["id"] for d in history] == [newer["id"], decision["id"]] and history[1]["geldend"] is False
    matrix = bergen.get("/api/v1/trajecten/api-besluiten/besluitmatrix").json()
    assert matrix["cellen"] == [{"gemeente": "GM0373", "besluitmoment": trajectory["id"], "orgaan": "college",
                                 "uitkomst": "ingestemd_onder_voorwaarden", "datum": "2024-05-14", "besluit": newer["id"]}]


def test_other_municipality_may_not_record(api, trajectory):
    client = api("alkmaar")
    with nothing_changed():
        assert_problem(post(client, "/api/v1/besluiten", {"besluitmoment": trajectory["id"], "gemeente": "GM0373", "uitkomst": "ingestemd"}), 403)


def test_document_fulfils_a_condition_and_confidential_ones_stay_hidden(api, trajectory):
    pl, bergen = api("projectleider"), api("bergen")
    r = post(pl, "/api/v1/trajecten/api-besluiten/documenten",
             {"soort": "rapport", "titel": "Kostenraming", "datum": "2024", "afzender": "GM0361", "vertrouwelijk": True})
    assert r.status_code == 201, r.content
    doc = r.json()
    assert doc["datum"] == "2024" and doc["vertrouwelijk"] is True and doc["traject"] == "api-besluiten"
    decision = post(bergen, "/api/v1/besluiten", {"besluitmoment": trajectory["id"], "gemeente": "GM0373",
                                                  "uitkomst": "ingestemd_onder_voorwaarden", "datum": "2024-05-01",
                                                  "voorwaarden": [{"omschrijving": "Kosten in beeld"}]}).json()
    cond = decision["voorwaarden"][0]
    # bergen cannot see Alkmaar's confidential report, so cannot cite it
    with nothing_changed():
        assert_problem(patch(bergen, f"/api/v1/voorwaarden/{cond['id']}", {"status": "vervuld", "vervuldDoor": doc["id"]}), 400,
                       param="vervuldDoor")
    r = patch(pl, f"/api/v1/voorwaarden/{cond['id']}", {"status": "vervuld", "vervuldDoor": doc["id"]})
    assert r.status_code == 200, r.content
    assert r.json()["vervuldDoor"] == doc["id"] and r.json()["status"] == "vervuld"
    assert_problem(api("raadslid-bergen").get(f"/api/v1/documenten/{doc['id']}"), 404)
    assert api("raadslid-bergen").get("/api/v1/trajecten/api-besluiten/documenten").json()["count"] == 0
    assert api("alkmaar").get(f"/api/v1/documenten/{doc['id']}").json() == doc


def test_who_registers_documents(api, trajectory):
    url = "/api/v1/trajecten/api-besluiten/documenten"
    for role, data in [("raadslid-bergen", {"soort": "rapport", "titel": "X"}),
                       ("alkmaar", {"soort": "rapport", "titel": "X", "afzender": "GM0373"}),
                       ("griffier-bergen", {"soort": "rapport", "titel": "X"})]:  # not a member of this trajectory
        client = api(role)
        with nothing_changed():
            assert_problem(post(client, url, data), 403)
    r = post(api("bergen"), url, {"soort": "collegebesluit", "titel": "Besluit college Bergen", "afzender": "GM0373"})
    assert r.status_code == 201, r.content
