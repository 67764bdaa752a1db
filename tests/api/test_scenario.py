"""The issue's set-up scenario through the API alone: a new region of four municipalities that are
not in the example (Heerenveen, Opsterland, Smallingerland, Súdwest-Fryslân), started by the
beheerder with only the demo accounts and the CBS register, without the Django admin."""

import pytest
from django.contrib.auth import get_user_model
from tests.api.helpers import assert_problem, client_for, nothing_changed, patch, post

from regiokompas.audit.models import AuditEntry
from regiokompas.register.models import Decision, Trajectory

pytestmark = pytest.mark.django_db

REGION = ["GM0074", "GM0086", "GM0090", "GM1900"]
SLUG = "werk-fryslan-zuid"


def _client(username):
    return client_for(get_user_model().objects.get(username=username))


def _ok(response, status=201):
    assert response.status_code == status, response.content
    return response.json()


def test_a_new_region_sets_up_its_trajectory_through_the_api(api):
    # The region is new: none of its municipalities takes part in anything yet.
    assert not Trajectory.objects.filter(participants__municipality__cbs_code__in=REGION).exists()
    assert not Decision.objects.filter(municipality__cbs_code__in=REGION).exists()
    for code in REGION:
        assert api("beheer").get(f"/api/v1/gemeenten?code={code}").json()["count"] == 1

    # 1. The beheerder adds a projectleider.
    pl_user = _ok(post(api("beheer"), "/api/v1/gebruikers",
                       {"gebruikersnaam": "pl-fryslan", "rol": "projectleider", "gemeente": None, "trajecten": []}))
    assert pl_user == {"gebruikersnaam": "pl-fryslan", "rol": "projectleider", "gemeente": None, "organisatie": None,
                       "trajecten": [], "actief": True}
    pl = _client("pl-fryslan")

    # 2. She creates the trajectory with its four municipalities and manages it.
    trajectory = _ok(post(pl, "/api/v1/trajecten", {"slug": SLUG, "naam": "Werk en inkomen Fryslân-Zuid",
                                                    "domein": "Participatiewet", "start": "2026-01", "deelnemers": REGION}))
    assert sorted(trajectory["deelnemers"]) == REGION and trajectory["start"] == "2026-01"
    assert _ok(pl.get("/api/v1/gebruikers/pl-fryslan"), 200)["trajecten"] == [SLUG]

    # 3. A joint arrangement that succeeds an older one (the same legal body, a new regeling).
    older = _ok(post(pl, "/api/v1/regelingen", {"naam": "GR Sociale Werkvoorziening Fryslân-Zuid", "rechtsvorm": "openbaar_lichaam",
                                                "soortRegeling": "collegeregeling", "deelnemers": REGION, "geldigVanaf": "2004"}))
    newer = _ok(post(pl, "/api/v1/regelingen", {"naam": "GR Werk Fryslân-Zuid", "rechtsvorm": "openbaar_lichaam",
                                                "soortRegeling": "gemengde_regeling", "deelnemers": REGION,
                                                "voorganger": older["id"], "soortOpvolging": "gewijzigd", "geldigVanaf": "2026-07-01"}))
    assert newer["voorganger"] == older["id"]
    assert newer["voorgangers"] == [{"regeling": older["id"], "soort": "gewijzigd", "datum": "2026-07-01"}]
    assert _ok(pl.get(f"/api/v1/regelingen/{older['id']}"), 200)["geldigTot"] == "2026-07-01"

    # 4. An information moment and a gate decided by college and raad.
    info = _ok(post(pl, f"/api/v1/trajecten/{SLUG}/besluitmomenten",
                    {"volgnummer": 1, "titel": "Informatieavond voor de raden", "soort": "informatie", "organen": ["raad"],
                     "gepland": "2026-02"}))
    assert info["soort"] == "informatie" and info["orgaanDatTelt"] is None and info["gepland"] == "2026-02"
    gate = _ok(post(pl, f"/api/v1/trajecten/{SLUG}/besluitmomenten",
                    {"volgnummer": 2, "titel": "Keuze uitvoeringsvariant", "soort": "besluit", "organen": ["college", "raad"],
                     "voortgangsregel": "wie_instemt_gaat_door", "minimumDeelnemers": 2}))
    assert gate["organen"] == ["college", "raad"] and gate["orgaanDatTelt"] == "raad"
    listed = _ok(pl.get(f"/api/v1/trajecten/{SLUG}/besluitmomenten"), 200)
    assert [g["id"] for g in listed["results"]] == [info["id"], gate["id"]]

    # 5. A user per municipality.
    staff = {}
    for code in REGION:
        name = f"bm-{code.lower()}"
        user = _ok(post(pl, "/api/v1/gebruikers", {"gebruikersnaam": name, "rol": "beleidsmedewerker", "gemeente": code,
                                                   "trajecten": [SLUG]}))
        assert user["gemeente"] == code and user["trajecten"] == [SLUG]
        staff[code] = _client(name)

    # 6. Each municipality: the raad took note at the information moment; the college proposes, the raad decides.
    heerenveen, opsterland, smallingerland, sudwest = (staff[code] for code in REGION)
    for code, client in staff.items():
        _ok(post(client, "/api/v1/besluiten", {"besluitmoment": info["id"], "gemeente": code, "orgaan": "raad",
                                               "uitkomst": "kennisgenomen", "datum": "2026-02-10"}))
        proposal = _ok(post(client, "/api/v1/besluiten", {"besluitmoment": gate["id"], "gemeente": code, "orgaan": "college",
                                                          "uitkomst": "voorgesteld", "datum": "2026-02-17",
                                                          "motivering": "Het college stelt de raad voor in te stemmen."}))
        assert proposal["orgaan"] == "college" and proposal["uitkomst"] == "voorgesteld"
    month = _ok(post(heerenveen, "/api/v1/besluiten", {"besluitmoment": gate["id"], "gemeente": "GM0074", "orgaan": "raad",
                                                       "uitkomst": "ingestemd", "datum": "2026-03"}))
    assert month["datum"] == "2026-03"
    conditional = _ok(post(opsterland, "/api/v1/besluiten", {
        "besluitmoment": gate["id"], "gemeente": "GM0086", "orgaan": "raad", "uitkomst": "ingestemd_onder_voorwaarden",
        "datum": "2026-03-05", "motivering": "De raad stemt in onder twee voorwaarden.",
        "voorwaarden": [{"omschrijving": "De kosten per gemeente zijn bekend vóór de begroting."},
                        {"omschrijving": "De ondernemingsraad heeft advies uitgebracht.", "soort": "personeel"}]}))
    assert [v["status"] for v in conditional["voorwaarden"]] == ["open", "open"]
    _ok(post(smallingerland, "/api/v1/besluiten", {"besluitmoment": gate["id"], "gemeente": "GM0090", "orgaan": "raad",
                                                   "uitkomst": "ingestemd", "datum": "2026-03-12"}))
    _ok(post(sudwest, "/api/v1/besluiten", {"besluitmoment": gate["id"], "gemeente": "GM1900", "orgaan": "raad",
                                            "uitkomst": "aangehouden", "datum": "2026-03-19"}))

    # 7. Opsterland's conditions are fulfilled by its documents, then the decision is corrected: conditions intact.
    fulfilled = {}
    for cond, title in zip(conditional["voorwaarden"], ["Kostenverdeling per gemeente", "Advies ondernemingsraad"], strict=True):
        doc = _ok(post(opsterland, f"/api/v1/trajecten/{SLUG}/documenten",
                       {"soort": "rapport", "titel": title, "datum": "2026-04", "afzender": "GM0086"}))
        changed = _ok(patch(opsterland, f"/api/v1/voorwaarden/{cond['id']}", {"status": "vervuld", "vervuldDoor": doc["id"],
                                                                              "toelichting": "Besproken in de raad"}), 200)
        assert changed["status"] == "vervuld" and changed["vervuldDoor"] == doc["id"]
        fulfilled[cond["omschrijving"]] = (doc["id"], changed["soort"])
    corrected = _ok(post(opsterland, f"/api/v1/besluiten/{conditional['id']}/vervangen",
                         {"uitkomst": "ingestemd_onder_voorwaarden", "datum": "2026-03-06",
                          "reden": "De raad besloot op 6 maart, niet op 5 maart."}))
    assert corrected["vervangt"] == conditional["id"] and corrected["datum"] == "2026-03-06"
    assert [v["omschrijving"] for v in corrected["voorwaarden"]] == list(fulfilled)
    for cond in corrected["voorwaarden"]:
        full = _ok(opsterland.get(f"/api/v1/voorwaarden/{cond['id']}"), 200)
        assert full["status"] == "vervuld" and full["besluit"] == corrected["id"]
        assert (full["vervuldDoor"], full["soort"]) == fulfilled[cond["omschrijving"]]
        assert full["toelichting"] == "Besproken in de raad"
    history = _ok(opsterland.get(f"/api/v1/besluiten/{conditional['id']}/geschiedenis"), 200)
    assert [d["id"] for d in history] == [corrected["id"], conditional["id"]] and history[1]["geldend"] is False

    # 8. The decision matrix shows both bodies for every municipality at the gate.
    matrix = _ok(api("raadslid-bergen").get(f"/api/v1/trajecten/{SLUG}/besluitmatrix"), 200)
    assert sorted(g["code"] for g in matrix["gemeenten"]) == REGION
    at_gate = {(c["gemeente"], c["orgaan"]): c for c in matrix["cellen"] if c["besluitmoment"] == gate["id"]}
    assert set(at_gate) == {(code, body) for code in REGION for body in ("college", "raad")}
    assert all(at_gate[(code, "college")]["uitkomst"] == "voorgesteld" for code in REGION)
    assert {code: at_gate[(code, "raad")]["uitkomst"] for code in REGION} == {
        "GM0074": "ingestemd", "GM0086": "ingestemd_onder_voorwaarden", "GM0090": "ingestemd", "GM1900": "aangehouden"}
    assert at_gate[("GM0074", "raad")]["datum"] == "2026-03"
    assert at_gate[("GM0086", "raad")]["besluit"] == corrected["id"]
    moments = {m["id"]: m for m in matrix["besluitmomenten"]}
    assert moments[info["id"]]["status"] == "informatiemoment" and moments[gate["id"]]["status"] in {"open", "aangehouden"}

    # Everything was done by the users themselves and audited under their names; no /beheer/ request was made.
    assert AuditEntry.objects.filter(trajectory_slug=SLUG, actor__username="pl-fryslan").exists()
    assert AuditEntry.objects.filter(trajectory_slug=SLUG, actor__username="bm-gm0086", action="decision.correction").exists()


def test_the_same_municipality_staff_cannot_record_for_a_neighbour(api):
    pl = api("beheer")
    _ok(post(pl, "/api/v1/trajecten", {"slug": "buren", "naam": "Buren", "deelnemers": REGION[:2]}))
    gate = _ok(post(pl, "/api/v1/trajecten/buren/besluitmomenten", {"volgnummer": 1, "titel": "Start", "organen": ["college"]}))
    _ok(post(pl, "/api/v1/gebruikers", {"gebruikersnaam": "bm-heerenveen", "rol": "beleidsmedewerker", "gemeente": "GM0074",
                                        "trajecten": ["buren"]}))
    client = _client("bm-heerenveen")
    with nothing_changed():
        assert_problem(post(client, "/api/v1/besluiten", {"besluitmoment": gate["id"], "gemeente": "GM0086", "uitkomst": "ingestemd"}), 403)
