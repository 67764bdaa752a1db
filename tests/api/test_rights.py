"""The API grants exactly the web application's rights (accounts.permissions), scoped per trajectory:
a projectleider of trajectory A gets 403 on every write of trajectory B, and nothing changes."""

import pytest
from django.contrib.auth import get_user_model
from tests.api.helpers import assert_problem, client_for, nothing_changed, patch, post

from regiokompas.register.models import Condition, Decision, Gate, Trajectory

pytestmark = pytest.mark.django_db

B = "alkmaar-sociale-zaken-2012"


@pytest.fixture
def leader_of_a(api):
    """A projectleider who created trajectory A and takes part in nothing else."""
    assert post(api("beheer"), "/api/v1/gebruikers", {"gebruikersnaam": "pl-a", "rol": "projectleider", "trajecten": []}).status_code == 201
    client = client_for(get_user_model().objects.get(username="pl-a"))
    r = post(client, "/api/v1/trajecten", {"slug": "traject-a", "naam": "Traject A", "deelnemers": ["GM0074", "GM0086"]})
    assert r.status_code == 201, r.content
    return client


def _writes_of_b():
    b = Trajectory.objects.get(slug=B)
    gate = Gate.objects.filter(trajectory=b).order_by("ordinal").first()
    decision = Decision.objects.filter(gate__trajectory=b, is_current=True).order_by("pk").first()
    condition = Condition.objects.filter(decision__gate__trajectory=b, decision__is_current=True).order_by("pk").first()
    assert gate and decision and condition
    return [
        ("post", f"/api/v1/trajecten/{B}/besluitmomenten", {"volgnummer": 99, "titel": "Niet van mij"}),
        ("post", f"/api/v1/trajecten/{B}/documenten", {"soort": "rapport", "titel": "Niet van mij"}),
        ("post", "/api/v1/besluiten", {"besluitmoment": gate.pk, "gemeente": decision.municipality.cbs_code, "uitkomst": "ingestemd",
                                       "orgaan": decision.governing_body.kind}),
        ("post", f"/api/v1/besluiten/{decision.pk}/vervangen", {"uitkomst": "ingestemd", "reden": "Niet van mij"}),
        ("patch", f"/api/v1/voorwaarden/{condition.pk}", {"status": "vervallen", "toelichting": "Niet van mij"}),
        ("post", "/api/v1/gebruikers", {"gebruikersnaam": "indringer", "rol": "beleidsmedewerker", "gemeente": "GM0373",
                                        "trajecten": [B]}),
    ]


def test_projectleider_of_a_gets_403_on_every_write_of_b(leader_of_a):
    for method, url, data in _writes_of_b():
        with nothing_changed():
            response = (post if method == "post" else patch)(leader_of_a, url, data)
            assert_problem(response, 403)


def test_projectleider_of_a_may_write_in_a(leader_of_a):
    r = post(leader_of_a, "/api/v1/trajecten/traject-a/besluitmomenten", {"volgnummer": 1, "titel": "Start"})
    assert r.status_code == 201, r.content


def test_projectleider_of_a_sees_only_her_own_users(api, leader_of_a):
    names = {u["gebruikersnaam"] for u in leader_of_a.get("/api/v1/gebruikers").json()["results"]}
    assert names == {"pl-a"}
    assert_problem(leader_of_a.get("/api/v1/gebruikers/bergen"), 404)
    assert "bergen" in {u["gebruikersnaam"] for u in api("beheer").get("/api/v1/gebruikers?pageSize=500").json()["results"]}


@pytest.mark.parametrize("role", ["bergen", "griffier-bergen", "raadslid-bergen", "or-bergen"])
def test_only_managers_see_users(api, role):
    assert_problem(api(role).get("/api/v1/gebruikers"), 403)


def test_staff_of_a_municipality_outside_the_trajectory_may_not_record(api, leader_of_a):
    """bergen's staff take part in B, not in A: they record nothing in A, even for their own municipality."""
    post(leader_of_a, "/api/v1/trajecten/traject-a/besluitmomenten", {"volgnummer": 1, "titel": "Start"})
    gate = Gate.objects.get(trajectory__slug="traject-a", ordinal=1)
    client = api("bergen")
    with nothing_changed():
        assert_problem(post(client, "/api/v1/besluiten", {"besluitmoment": gate.pk, "gemeente": "GM0373", "uitkomst": "ingestemd"}), 403)


def test_works_council_member_of_b_does_not_see_confidential_documents_of_a(api, leader_of_a):
    r = post(leader_of_a, "/api/v1/trajecten/traject-a/documenten", {"soort": "rapport", "titel": "Vertrouwelijk A", "vertrouwelijk": True})
    assert r.status_code == 201, r.content
    doc = r.json()
    assert_problem(api("or-bergen").get(f"/api/v1/documenten/{doc['id']}"), 404)
    assert api("or-bergen").get("/api/v1/trajecten/traject-a/documenten").json()["count"] == 0
    assert leader_of_a.get(f"/api/v1/documenten/{doc['id']}").json()["titel"] == "Vertrouwelijk A"
    r = post(api("projectleider"), f"/api/v1/trajecten/{B}/documenten", {"soort": "rapport", "titel": "Vertrouwelijk B", "vertrouwelijk": True})
    assert r.status_code == 201, r.content
    assert api("or-bergen").get(f"/api/v1/documenten/{r.json()['id']}").json()["titel"] == "Vertrouwelijk B"
    assert_problem(api("raadslid-bergen").get(f"/api/v1/documenten/{r.json()['id']}"), 404)


def test_projectleider_cannot_make_a_beheerder(api, leader_of_a):
    with nothing_changed():
        assert_problem(post(leader_of_a, "/api/v1/gebruikers", {"gebruikersnaam": "baas", "rol": "beheerder",
                                                                 "trajecten": ["traject-a"]}), 403)
