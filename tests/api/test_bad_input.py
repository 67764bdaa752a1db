"""Bad input to every write endpoint: a problem answer with a Dutch reason, and nothing written."""

import pytest
from tests.api.helpers import assert_problem, join, nothing_changed, patch, post

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(api):
    pl, bergen = api("projectleider"), api("bergen")
    assert post(pl, "/api/v1/trajecten", {"slug": "fout", "naam": "Foutgevallen", "deelnemers": ["GM0373", "GM0361"]}).status_code == 201
    join("bergen", "fout")
    join("griffier-bergen", "fout")
    join("alkmaar", "fout")
    gate = post(pl, "/api/v1/trajecten/fout/besluitmomenten", {"volgnummer": 1, "titel": "Eerste", "organen": ["college"]}).json()
    decision = post(bergen, "/api/v1/besluiten", {"besluitmoment": gate["id"], "gemeente": "GM0373", "uitkomst": "ingestemd_onder_voorwaarden",
                                                  "datum": "2024-02-01", "voorwaarden": [{"omschrijving": "Eerst de kosten"}]}).json()
    return {"pl": pl, "bergen": bergen, "gate": gate, "decision": decision, "condition": decision["voorwaarden"][0]}


def _check(client, method, url, data, status, param=None):
    with nothing_changed():
        response = (post if method == "post" else patch)(client, url, data)
        body = assert_problem(response, status)
    if param:
        names = [p["name"].split(".")[0] for p in body.get("invalidParams", [])]
        assert param in names, body
    return body


@pytest.mark.parametrize(("data", "status", "param"), [
    ({"titel": "Zonder volgnummer"}, 400, "volgnummer"),
    ({"volgnummer": 0, "titel": "Nul"}, 400, "volgnummer"),
    ({"volgnummer": "twee", "titel": "Tekst"}, 400, "volgnummer"),
    ({"volgnummer": 2}, 400, "titel"),
    ({"volgnummer": 2, "titel": "X", "soort": "feest"}, 400, "soort"),
    ({"volgnummer": 2, "titel": "X", "organen": []}, 400, "organen"),
    ({"volgnummer": 2, "titel": "X", "organen": ["wethouder"]}, 400, "organen"),
    ({"volgnummer": 2, "titel": "X", "voortgangsregel": "allemaal"}, 400, "voortgangsregel"),
    ({"volgnummer": 2, "titel": "X", "gepland": "volgende week"}, 400, "gepland"),
    ({"volgnummer": 2, "titel": "X", "kleur": "rood"}, 400, "kleur"),
    ({"volgnummer": 1, "titel": "Zelfde volgnummer"}, 409, None),
])
def test_gate(setup, data, status, param):
    _check(setup["pl"], "post", "/api/v1/trajecten/fout/besluitmomenten", data, status, param)


def test_gate_of_unknown_trajectory(setup):
    _check(setup["pl"], "post", "/api/v1/trajecten/bestaat-niet/besluitmomenten", {"volgnummer": 1, "titel": "X"}, 404)


def _decision(setup, **changes):
    data = {"besluitmoment": setup["gate"]["id"], "gemeente": "GM0361", "uitkomst": "ingestemd", "datum": "2024-02-01"}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not ...}


@pytest.mark.parametrize(("changes", "status", "param"), [
    ({"besluitmoment": ...}, 400, "besluitmoment"),
    ({"besluitmoment": 999999}, 400, "besluitmoment"),
    ({"besluitmoment": "een"}, 400, "besluitmoment"),
    ({"gemeente": ...}, 400, "gemeente"),
    ({"gemeente": "GM9999"}, 400, "gemeente"),
    ({"gemeente": "GM0373", "uitkomst": "ingestemd"}, 409, None),  # bergen's college decided already
    ({"uitkomst": "ja"}, 400, "uitkomst"),
    ({"uitkomst": ...}, 400, "uitkomst"),
    ({"orgaan": "gemeentesecretaris"}, 400, "orgaan"),
    ({"datum": "2024-02-30"}, 400, "datum"),
    ({"datum": "01-02-2024"}, 400, "datum"),
    ({"datum": 2024}, 400, "datum"),
    ({"datum": "2999-01-01"}, 400, None),  # in the future: the service's rule
    ({"uitkomst": "ingestemd_onder_voorwaarden"}, 400, None),  # without conditions
    ({"uitkomst": "ingestemd_onder_voorwaarden", "voorwaarden": [{"omschrijving": ""}]}, 400, "voorwaarden"),
    ({"uitkomst": "ingestemd_onder_voorwaarden", "voorwaarden": [{"tekst": "x"}]}, 400, "voorwaarden"),
    ({"uitkomst": "ingestemd_onder_voorwaarden", "voorwaarden": "eerst geld"}, 400, "voorwaarden"),
    ({"treedtUit": True}, 400, None),  # only with niet_ingestemd
    ({"gemeente": "GM0399"}, 400, None),  # Heiloo takes no part in this trajectory
    ({"motivatie": "typfout"}, 400, "motivatie"),
])
def test_decision(api, setup, changes, status, param):
    client = api("griffier-bergen") if changes.get("gemeente") == "GM0373" else api("alkmaar")
    if changes.get("gemeente") == "GM0399":
        client = api("beheer")
    body = _check(client, "post", "/api/v1/besluiten", _decision(setup, **changes), status, param)
    assert all(p["reason"] for p in body["invalidParams"])


@pytest.mark.parametrize(("data", "status", "param"), [
    ({}, 400, "status"),
    ({"status": "klaar"}, 400, "status"),
    ({"status": "vervallen"}, 400, None),  # needs a reason
    ({"status": "vervuld"}, 400, None),  # needs the fulfilling document
    ({"status": "vervuld", "vervuldDoor": 999999}, 400, "vervuldDoor"),
    ({"status": "open", "omschrijving": "andere tekst"}, 400, "omschrijving"),
])
def test_condition(setup, data, status, param):
    _check(setup["bergen"], "patch", f"/api/v1/voorwaarden/{setup['condition']['id']}", data, status, param)


def test_condition_unknown(setup):
    _check(setup["bergen"], "patch", "/api/v1/voorwaarden/999999", {"status": "open"}, 404)


@pytest.mark.parametrize(("data", "status", "param"), [
    ({"uitkomst": "ingestemd"}, 400, "reden"),
    ({"uitkomst": "ingestemd", "reden": "   "}, 400, None),
    ({"reden": "x"}, 400, "uitkomst"),
    ({"uitkomst": "ingestemd", "reden": "x", "soort": "herstel"}, 400, "soort"),
    ({"uitkomst": "ingestemd", "reden": "x", "gemeente": "GM0361"}, 400, None),  # another municipality
    ({"uitkomst": "ingestemd", "reden": "x", "datum": "2024-00"}, 400, "datum"),
])
def test_supersede(setup, data, status, param):
    _check(setup["bergen"], "post", f"/api/v1/besluiten/{setup['decision']['id']}/vervangen", data, status, param)


def test_supersede_twice_is_a_conflict(setup):
    url = f"/api/v1/besluiten/{setup['decision']['id']}/vervangen"
    assert post(setup["bergen"], url, {"uitkomst": "ingestemd_onder_voorwaarden", "reden": "Eerste correctie"}).status_code == 201
    _check(setup["bergen"], "post", url, {"uitkomst": "ingestemd", "reden": "Nog een keer"}, 409)


def test_supersede_unknown(setup):
    _check(setup["bergen"], "post", "/api/v1/besluiten/999999/vervangen", {"uitkomst": "ingestemd", "reden": "x"}, 404)


def test_bad_list_filters(setup):
    client = setup["bergen"]
    assert_problem(client.get("/api/v1/besluiten?besluitmoment=een"), 400, param="besluitmoment")
    assert_problem(client.get("/api/v1/besluiten?geldend=misschien"), 400, param="geldend")
    assert_problem(client.get("/api/v1/trajecten/bestaat-niet/besluitmatrix"), 404)


@pytest.mark.parametrize(("data", "status", "param"), [
    ({"rol": "beleidsmedewerker", "gemeente": "GM0373"}, 400, "gebruikersnaam"),
    ({"gebruikersnaam": "x y!", "rol": "beleidsmedewerker", "gemeente": "GM0373"}, 400, "gebruikersnaam"),
    ({"gebruikersnaam": "nieuw", "rol": "wethouder", "gemeente": "GM0373"}, 400, "rol"),
    ({"gebruikersnaam": "nieuw", "rol": "beleidsmedewerker"}, 400, "gemeente"),
    ({"gebruikersnaam": "nieuw", "rol": "beleidsmedewerker", "gemeente": "GM9999"}, 400, "gemeente"),
    ({"gebruikersnaam": "nieuw", "rol": "beleidsmedewerker", "gemeente": "GM0458"}, 400, "gemeente"),  # Schermer is opgeheven
    ({"gebruikersnaam": "nieuw", "rol": "or_lid"}, 400, "organisatie"),
    ({"gebruikersnaam": "nieuw", "rol": "beleidsmedewerker", "gemeente": "GM0373", "trajecten": ["bestaat-niet"]}, 400, "trajecten"),
    ({"gebruikersnaam": "nieuw", "rol": "beleidsmedewerker", "gemeente": "GM0373", "trajecten": "fout"}, 400, "trajecten"),
    ({"gebruikersnaam": "nieuw", "rol": "beleidsmedewerker", "gemeente": "GM0373", "email": "geen-adres"}, 400, "email"),
    ({"gebruikersnaam": "nieuw", "rol": "beleidsmedewerker", "gemeente": "GM0373", "wachtwoord": "geheim"}, 400, "wachtwoord"),
    ({"gebruikersnaam": "Bergen", "rol": "beleidsmedewerker", "gemeente": "GM0373"}, 409, "gebruikersnaam"),
])
def test_user(api, data, status, param):
    _check(api("beheer"), "post", "/api/v1/gebruikers", data, status, param)


def test_projectleider_adds_users_only_for_her_trajectories_municipalities(api, setup):
    # Heiloo (GM0399) takes no part in 'fout'; a projectleider must name a trajectory she manages
    _check(setup["pl"], "post", "/api/v1/gebruikers", {"gebruikersnaam": "heiloo", "rol": "beleidsmedewerker", "gemeente": "GM0399",
                                                       "trajecten": ["fout"]}, 400, "gemeente")
    _check(setup["pl"], "post", "/api/v1/gebruikers", {"gebruikersnaam": "los", "rol": "beleidsmedewerker", "gemeente": "GM0373"},
           400, "trajecten")
