"""Register pages for real trajectories: college proposal and raad decision side by side in the
matrix and on the gate page, the decision form with body, new outcomes and day/month/year dates,
information moments, arrangement pages with lineage and boards, laws with trajectory remarks."""

import datetime as dt
import html
import re

import pytest
from django.contrib.auth import get_user_model
from tests.register.helpers import database_counts

from regiokompas.accounts.actors import SystemActor
from regiokompas.accounts.models import Profile
from regiokompas.accounts.services import set_membership
from regiokompas.register import constants as c
from regiokompas.register import services as s
from regiokompas.register.dates import FuzzyDate
from regiokompas.register.models import Decision, Gate, JointArrangement, Law, Municipality, Trajectory

pytestmark = pytest.mark.django_db
REGION = ["GM0513", "GM1901", "GM1931", "GM1892"]


def _text(response) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


@pytest.fixture
def setup():
    munis = [Municipality.objects.get(cbs_code=code) for code in REGION]
    t = s.save_object(SystemActor("test"), Trajectory(slug="werk-midden-holland", name="Werk Midden-Holland", source="test"))
    for muni in munis:
        s.add_participant(SystemActor("test"), t, muni, source="test")
    info = s.save_gate(SystemActor("test"), Gate(trajectory=t, ordinal=1, title="Informatieavond", kind=c.GateKind.INFORMATION, bodies=["raad"], source="test"))
    gate = s.save_gate(SystemActor("test"), Gate(trajectory=t, ordinal=2, title="Oprichting GR", bodies=["college", "raad"], planned_date=dt.date(2025, 6, 1),
                                    planned_date_precision=c.DatePrecision.MONTH, source="test"))
    user = get_user_model().objects.create_user("gouda", password="x")
    profile = Profile.objects.create(user=user, role="beleidsmedewerker", municipality=munis[0])
    set_membership(SystemActor("test"), profile, [t])
    return t, munis, info, gate, user


def test_college_proposal_and_raad_decision_through_the_form(client, setup):
    t, munis, _info, gate, user = setup
    client.force_login(user)
    url = f"/besluitmomenten/{gate.pk}/besluit/GM0513/"
    form = client.get(url).content.decode()
    assert "voorgesteld aan de raad" in form and 'value="college"' in form and 'value="raad"' in form
    assert client.post(url, {"body": "college", "outcome": "proposed", "date": "11-02-2025"}).status_code == 302
    assert client.post(url, {"body": "raad", "outcome": "agree", "date": "03-2025"}).status_code == 302
    raad = Decision.objects.get(gate=gate, governing_body__kind="raad")
    assert (raad.date, raad.date_precision) == (dt.date(2025, 3, 1), "month")
    matrix = _text(client.get(f"/trajecten/{t.slug}/"))
    assert "College van B&W: → voorgesteld aan de raad (11 februari 2025)" in matrix
    assert "Gemeenteraad: ✔ ingestemd (maart 2025)" in matrix
    page = _text(client.get(f"/besluitmomenten/{gate.pk}/"))
    assert "Besluitende organen college van B&W, gemeenteraad" in page
    assert "Besluit dat telt van de/het gemeenteraad" in page and "Gepland juni 2025" in page
    detail = _text(client.get(f"/besluiten/{raad.pk}/"))
    assert "Orgaan Gemeenteraad (dit besluit telt voor de voortgangsregel)" in detail and "Datum maart 2025" in detail
    assert "college" not in detail.split("Orgaan")[1].split("Besluit ")[0].lower()


@pytest.mark.parametrize("data, message", [
    ({"body": "raad", "outcome": "proposed", "date": "2025"}, "orgaan dat voorstelt"),
    ({"outcome": "agree", "date": "2025"}, "Dit veld is verplicht"),
    ({"body": "algemeen_bestuur", "outcome": "agree", "date": "2025"}, "Selecteer een geldige keuze"),
    ({"body": "raad", "outcome": "agree", "date": "32-01-2025"}, "bestaat niet als datum"),
])
def test_bad_decision_form_input_changes_nothing(client, setup, data, message):
    _t, _m, _info, gate, user = setup
    client.force_login(user)
    counts = database_counts()
    response = client.post(f"/besluitmomenten/{gate.pk}/besluit/GM0513/", data)
    assert response.status_code == 400 and message in response.content.decode()
    assert database_counts() == counts


def test_not_yet_decided_needs_no_date_in_the_form(client, setup):
    _t, _m, _info, gate, user = setup
    client.force_login(user)
    assert client.post(f"/besluitmomenten/{gate.pk}/besluit/GM0513/", {"body": "raad", "outcome": "not_yet_decided", "date": ""}).status_code == 302
    d = Decision.objects.get(gate=gate)
    assert d.date is None and "datum onbekend" in _text(client.get(f"/besluiten/{d.pk}/"))


def test_information_moment_page_offers_only_noted(client, setup):
    _t, _m, info, _gate, user = setup
    client.force_login(user)
    form = client.get(f"/besluitmomenten/{info.pk}/besluit/GM0513/").content.decode()
    assert "kennisgenomen" in form and 'value="agree"' not in form
    assert client.post(f"/besluitmomenten/{info.pk}/besluit/GM0513/", {"outcome": "noted", "date": "2025"}).status_code == 302
    page = _text(client.get(f"/besluitmomenten/{info.pk}/"))
    assert "Informatiemoment: er wordt niets besloten; 1 van 4 gemeenten hebben kennisgenomen." in page
    assert "Doorgaan als" not in page


def test_correction_through_the_form_keeps_fulfilled_conditions(client, setup):
    t, munis, _info, gate, user = setup
    from regiokompas.register.models import Document

    client.force_login(user)
    url = f"/besluitmomenten/{gate.pk}/besluit/GM0513/"
    client.post(url, {"body": "raad", "outcome": "agree_with_conditions", "date": "03-2025",
                      "conditions": "Kostenvergelijking\nAdvies OR", "condition_category": "financial"})
    d = Decision.objects.get(gate=gate, governing_body__kind="raad")
    proof = s.save_document(SystemActor("test"), Document(trajectory=t, kind=c.DocumentKind.RAPPORT, title="Vergelijking", source="test"))
    s.set_condition_status(user, d.conditions.get(text="Kostenvergelijking"), c.ConditionStatus.MET, fulfilled_by=proof)
    form = client.get(f"/besluiten/{d.pk}/vervangen/").content.decode()
    assert "Kostenvergelijking\nAdvies OR" in form and 'name="body"' not in form
    response = client.post(f"/besluiten/{d.pk}/vervangen/", {
        "kind": "correction", "reason": "Dag bekend", "outcome": "agree_with_conditions", "date": "18-03-2025",
        "conditions": "Kostenvergelijking\nAdvies OR\nNieuw", "condition_category": "process"})
    assert response.status_code == 302
    new = Decision.objects.get(gate=gate, governing_body__kind="raad", is_current=True)
    kept = {x.text: x for x in new.conditions.all()}
    assert kept["Kostenvergelijking"].status == "met" and kept["Kostenvergelijking"].fulfilled_by == proof
    assert kept["Kostenvergelijking"].category == "financial" and kept["Advies OR"].category == "financial"
    assert kept["Nieuw"].category == "process" and kept["Nieuw"].status == "open"
    assert "overgenomen uit het vervangen besluit" in _text(client.get(f"/besluiten/{new.pk}/"))


def test_arrangement_pages_show_legal_form_boards_and_lineage(client, setup, users):
    _t, munis, _info, _gate, _user = setup
    old = s.save_arrangement(SystemActor("test"), JointArrangement(name="GR De Oude Rijn", legal_form=c.LegalForm.OPENBAAR_LICHAAM, source="test"), participants=munis)
    new = s.save_arrangement(SystemActor("test"), JointArrangement(name="GR Werkbedrijf Groene Hart", legal_form=c.LegalForm.OPENBAAR_LICHAAM,
                                                      valid_from=dt.date(2019, 1, 1), valid_from_precision="year", source="test"), participants=munis)
    s.record_succession(SystemActor("test"), new, [old], c.SuccessionKind.RENAMED, date=FuzzyDate(dt.date(2019, 1, 1), "year"), source="Gemeenteblad 2018")
    s.record_appointment(SystemActor("test"), s.AppointmentInput(new, "algemeen_bestuur", munis[0], person_name="R. de Wit", source="test",
                                                    start=FuzzyDate(dt.date(2022, 6, 1), "month")))
    s.record_appointment(SystemActor("test"), s.AppointmentInput(new, "algemeen_bestuur", munis[0], person_name="S. Bakker", capacity="deputy", source="test"))
    client.force_login(users["raadslid-bergen"])
    listing = _text(client.get("/regelingen/"))
    assert "GR Werkbedrijf Groene Hart openbaar lichaam (Wgr) 4 2019" in listing
    page = _text(client.get(f"/regelingen/{new.pk}/"))
    assert "In werking vanaf 2019" in page and "(met rechtspersoonlijkheid)" in page
    assert "Algemeen bestuur Gouda R. de Wit lid juni 2022" in page and "S. Bakker plaatsvervangend lid" in page
    assert "GR Werkbedrijf Groene Hart volgt GR De Oude Rijn op: nieuwe naam (zelfde rechtspersoon), 2019" in page
    old_page = _text(client.get(f"/regelingen/{old.pk}/"))
    assert "Opvolgers" in old_page and "Opgeheven per 2019" in old_page
    example = JointArrangement.objects.get(name="Gemeenschappelijke regeling Zaffier")
    assert "Deze regeling heeft geen vastgelegde voorganger of opvolger." in _text(client.get(f"/regelingen/{example.pk}/"))


def test_a_law_remark_shows_only_on_its_own_trajectory(client, setup, users):
    t, _m, _i, _g, _u = setup
    law = Law.objects.get(abbreviation="Pw")
    s.set_trajectory_law(SystemActor("test"), t, law, remark="Hier alleen de uitvoering van de loonkostensubsidie.", source="test")
    client.force_login(users["projectleider"])
    assert "Hier alleen de uitvoering van de loonkostensubsidie." in _text(client.get(f"/trajecten/{t.slug}/"))
    other = _text(client.get("/trajecten/alkmaar-participatiewet-2019/"))
    assert "Participatiewet" in other and "loonkostensubsidie" not in other
    example_2012 = _text(client.get("/trajecten/alkmaar-sociale-zaken-2012/"))
    assert "Voor dit traject: 'Inmiddels staat vast" in example_2012
    assert "Inmiddels staat vast" not in _text(client.get(f"/trajecten/{t.slug}/"))
