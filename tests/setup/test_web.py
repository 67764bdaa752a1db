"""Set-up pages: the trajectory, its gates, organisations, arrangements and users on Regiokompas's
own pages. Bad input gives a Dutch summary naming each field and changes nothing; a projectleider
works only on her own trajectories and never grants beheerder rights; every write leaves audit rows."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from tests.register.helpers import database_counts

from regiokompas.accounts.models import Profile, UserRole
from regiokompas.audit.models import AuditEntry
from regiokompas.register.models import (
    ArrangementParticipation,
    Gate,
    GoverningBody,
    JointArrangement,
    Municipality,
    Trajectory,
)

pytestmark = pytest.mark.django_db
EXAMPLE = "alkmaar-participatiewet-2019"


def trajectory_data(**extra):
    data = {
        "name": "Werk en inkomen West-Friesland", "slug": "west-friesland-werk", "domain": "Participatiewet",
        "aim": "Samen uitvoeren", "status": "exploring", "start": "04-2025", "new_region": "West-Friesland",
        "new_project_organisation": "Projectbureau West-Friesland", "participants": ["GM0405", "GM0498"],
        "new_law_name": "", "new_law_abbreviation": "", "source": "bestuursopdracht 2025",
    }
    data.update(extra)
    return data


def make_projectleider(username="pl-west"):
    user = get_user_model().objects.create_user(username, password="Kompas-Regio-Sterk-2025")
    Profile.objects.create(user=user, role=UserRole.PROJECTLEIDER)
    return user


@pytest.fixture
def own(client):
    """A projectleider with a trajectory of her own (created on the page), logged in."""
    user = make_projectleider()
    client.force_login(user)
    response = client.post("/inrichting/nieuw-traject/", trajectory_data())
    assert response.status_code == 302, response.content.decode()[:3000]
    return user, Trajectory.objects.get(slug="west-friesland-werk")


def assert_refused(response, *phrases):
    html = response.content.decode()
    assert response.status_code == 400
    assert "Het formulier is niet opgeslagen" in html and "Er is niets gewijzigd" in html
    for phrase in phrases:
        assert phrase in html, phrase


# --- trajectory ----------------------------------------------------------------------------------


def test_a_projectleider_creates_a_trajectory_and_manages_it(client, own):
    user, t = own
    assert t.start_precision == "month" and t.start_date.isoformat() == "2025-04-01"
    assert sorted(t.participants.values_list("municipality__cbs_code", flat=True)) == ["GM0405", "GM0498"]
    assert t.region.name == "West-Friesland" and t.project_organisation.name == "Projectbureau West-Friesland"
    assert t.members.filter(user=user).exists()
    actions = set(AuditEntry.objects.filter(actor=user).values_list("action", flat=True))
    assert {"trajectory.create", "profile.membership", "participant.create", "region.create", "organisation.create"} <= actions
    page = client.get(f"/trajecten/{t.slug}/").content.decode()
    assert "Traject wijzigen" in page and "Besluitmoment toevoegen" in page
    assert "Nieuw traject" in client.get("/trajecten/").content.decode()


def test_every_municipality_can_take_part_and_the_search_works_without_javascript(client, own):
    _user, _t = own
    page = client.get("/inrichting/nieuw-traject/").content.decode()
    current = Municipality.objects.filter(valid_to__isnull=True).count()
    assert current >= 340 and f"Bestaande gemeenten ({current})" in page
    counts = database_counts()
    response = client.post("/inrichting/nieuw-traject/", {**trajectory_data(slug="x"), "zoekterm": "Flevoland", "zoek_gemeenten": "1"})
    html = response.content.decode()
    assert response.status_code == 200 and "Het formulier is niet opgeslagen" not in html
    assert 'value="GM0995"' in html and 'value="GM0363"' not in html  # Lelystad found, Amsterdam not
    assert 'value="GM0405" id="gm-GM0405" checked' in html  # the chosen ones stay chosen
    assert database_counts() == counts


@pytest.mark.parametrize("changes,phrases", [
    ({"name": "", "participants": []}, ["Naam</a>: Vul dit veld in.", "Deelnemende gemeenten</a>: Kies ten minste één deelnemende gemeente."]),
    ({"start": "31-02-2025"}, ["Start van het traject</a>: &#x27;31-02-2025&#x27; bestaat niet als datum"]),
    ({"slug": "Met Spaties"}, ["Korte naam (in webadressen)</a>: Gebruik alleen kleine letters"]),
    ({"slug": EXAMPLE}, ["Er is al een traject met deze korte naam."]),
    ({"participants": ["GM9999"]}, ["Onbekende gemeente"]),
    ({"commissioning": "college:GM0363"}, ["Kies als opdrachtgever een orgaan van een deelnemende gemeente"]),
    ({"new_law_name": "Wet zonder afkorting"}, ["Vul naam én afkorting van de andere wet in."]),
])
def test_bad_trajectory_input_is_refused_in_dutch_and_changes_nothing(client, own, changes, phrases):
    counts, audits = database_counts(), AuditEntry.objects.count()
    response = client.post("/inrichting/nieuw-traject/", trajectory_data(**{"slug": "nog-een", **changes}))
    assert_refused(response, *phrases)
    assert database_counts() == counts and AuditEntry.objects.count() == audits


def test_editing_keeps_a_municipality_with_decisions(client, own):
    from regiokompas.register import services
    from regiokompas.register.dates import FuzzyDate

    user, t = own
    gate = services.save_gate(user, Gate(trajectory=t, ordinal=1, title="Start", bodies=["college"]))
    hoorn = Municipality.objects.get(cbs_code="GM0405")
    member = get_user_model().objects.create_user("bm-hoorn")
    profile = Profile.objects.create(user=member, role=UserRole.BELEIDSMEDEWERKER, municipality=hoorn)
    profile.trajectories.add(t)
    services.record_decision(member, services.DecisionInput(gate=gate, municipality=hoorn, outcome="agree",
                                                            date=FuzzyDate.parse("01-02-2025").value))
    edit = {"new_region": "", "new_project_organisation": "", "project_organisation": t.project_organisation_id, "region": t.region_id}
    counts = database_counts()
    response = client.post(f"/trajecten/{t.slug}/wijzigen/", trajectory_data(participants=["GM0498"], **edit))
    assert_refused(response, "Hoorn heeft al besluiten in dit traject en blijft deelnemer")
    assert database_counts() == counts
    response = client.post(f"/trajecten/{t.slug}/wijzigen/", trajectory_data(
        participants=["GM0405", "GM0498", "GM0420"], commissioning="college:GM0405", **edit))
    assert response.status_code == 302
    t.refresh_from_db()
    assert t.participants.count() == 3 and str(t.commissioning_body) == "college van B&W Hoorn"


# --- gates ---------------------------------------------------------------------------------------


def gate_data(**extra):
    data = {"ordinal": "1", "title": "Keuze", "description": "", "kind": "besluit", "bodies": ["college", "raad"],
            "counting_body": "", "planned": "11-2025", "deadline": "", "continuation_rule": "all_must_agree",
            "minimum_participants": "2", "source": ""}
    data.update(extra)
    return data


def test_gates_with_kind_bodies_and_counting_body(client, own):
    _user, t = own
    response = client.post(f"/trajecten/{t.slug}/besluitmomenten/nieuw/", gate_data())
    assert response.status_code == 302
    gate = t.gates.get()
    assert gate.bodies == ["college", "raad"] and gate.counting_body_kind == "raad"
    assert (gate.planned_date.isoformat(), gate.planned_date_precision) == ("2025-11-01", "month")
    response = client.post(f"/besluitmomenten/{gate.pk}/wijzigen/", gate_data(title="Informatieavond", kind="informatie", bodies=["raad"]))
    assert response.status_code == 302
    gate.refresh_from_db()
    assert gate.kind == "informatie" and gate.title == "Informatieavond"
    assert AuditEntry.objects.filter(action="gate.update", object_id=str(gate.pk)).exists()


@pytest.mark.parametrize("changes,phrases", [
    ({"title": "", "bodies": []}, ["Titel</a>: Vul dit veld in.", "Kies ten minste één orgaan."]),
    ({"planned": "13-2025"}, ["Gepland</a>: &#x27;13-2025&#x27; bestaat niet als datum"]),
    ({"counting_body": "algemeen_bestuur"}, ["Dit orgaan staat niet bij de gekozen organen."]),
    ({"kind": "informatie", "counting_body": "raad"}, ["Bij een informatiemoment wordt niets besloten"]),
    ({"bodies": ["algemeen_bestuur"]}, ["Kies de regeling waarvan het algemeen of dagelijks bestuur besluit."]),
    ({"ordinal": "0"}, ["Het volgnummer is ten minste 1."]),
])
def test_bad_gate_input_is_refused_in_dutch_and_changes_nothing(client, own, changes, phrases):
    _user, t = own
    counts = database_counts()
    response = client.post(f"/trajecten/{t.slug}/besluitmomenten/nieuw/", gate_data(**changes))
    assert_refused(response, *phrases)
    assert database_counts() == counts


def test_a_second_gate_with_the_same_ordinal_is_refused(client, own):
    _user, t = own
    assert client.post(f"/trajecten/{t.slug}/besluitmomenten/nieuw/", gate_data()).status_code == 302
    counts = database_counts()
    assert_refused(client.post(f"/trajecten/{t.slug}/besluitmomenten/nieuw/", gate_data()),
                   "Er is al een besluitmoment met volgnummer 1 in dit traject.")
    assert database_counts() == counts


# --- rights --------------------------------------------------------------------------------------


def test_a_projectleider_of_one_trajectory_gets_403_on_every_write_of_another(client, own, users):
    _user, t = own
    example = Trajectory.objects.get(slug=EXAMPLE)
    gate = example.gates.first()
    client.force_login(make_projectleider("pl-ander"))  # manages no trajectory
    counts = database_counts()
    for url, data in [
        (f"/trajecten/{t.slug}/wijzigen/", trajectory_data()),
        (f"/trajecten/{t.slug}/besluitmomenten/nieuw/", gate_data(ordinal="5")),
        (f"/trajecten/{EXAMPLE}/wijzigen/", trajectory_data(slug=EXAMPLE)),
        (f"/besluitmomenten/{gate.pk}/wijzigen/", gate_data(ordinal=str(gate.ordinal))),
        ("/inrichting/regelingen/nieuw/", {"name": "X", "legal_form": "convenant"}),
        ("/inrichting/organisaties/nieuw/", {"name": "X", "kind": "other"}),
    ]:
        assert client.get(url).status_code == 403, url
        assert client.post(url, data).status_code == 403, url
    # the example's projectleider cannot change the new trajectory either
    client.force_login(users["projectleider"])
    assert client.post(f"/trajecten/{t.slug}/wijzigen/", trajectory_data()).status_code == 403
    assert client.post(f"/trajecten/{t.slug}/besluitmomenten/nieuw/", gate_data(ordinal="5")).status_code == 403
    assert database_counts() == counts


def test_only_who_may_create_sees_the_pages(client, users):
    for role in ("bergen", "raadslid-bergen", "or-bergen", "griffier-bergen"):
        client.force_login(users[role])
        assert client.get("/inrichting/nieuw-traject/").status_code == 403
        assert client.get("/inrichting/").status_code == 403
        assert client.get("/gebruikers/").status_code == 403
        assert "Nieuw traject" not in client.get("/trajecten/").content.decode()


# --- organisations and arrangements ------------------------------------------------------------------


def arrangement_data(**extra):
    data = {"name": "GR Werk West-Friesland", "legal_form": "openbaar_lichaam", "arrangement_type": "collegeregeling",
            "valid_from": "01-01-2015", "valid_to": "", "publication": "", "exit_rules": "", "bodies": ["algemeen_bestuur"],
            "participants": ["GM0405", "GM0498"], "succession_kind": "", "succession_date": "", "source": "regeling 2015"}
    data.update(extra)
    return data


def test_organisation_with_its_body(client, own):
    response = client.post("/inrichting/organisaties/nieuw/", {"name": "Regio West-Friesland", "kind": "regional_body",
                                                               "bodies": ["portefeuillehoudersoverleg"]})
    assert response.status_code == 302
    assert GoverningBody.objects.filter(organisation__name="Regio West-Friesland", kind="portefeuillehoudersoverleg").exists()
    counts = database_counts()
    assert_refused(client.post("/inrichting/organisaties/nieuw/", {"name": "regio west-friesland", "kind": "other"}),
                   "Er is al een organisatie met deze naam.")
    assert_refused(client.post("/inrichting/organisaties/nieuw/", {"name": "Y", "kind": "onbekend"}), "Soort</a>:")
    assert database_counts() == counts


def test_an_amended_arrangement_succeeds_the_older_one_with_appointments(client, own):
    assert client.post("/inrichting/regelingen/nieuw/", arrangement_data()).status_code == 302
    older = JointArrangement.objects.get(name="GR Werk West-Friesland")
    response = client.post("/inrichting/regelingen/nieuw/", arrangement_data(
        name="GR Werk en Inkomen West-Friesland", valid_from="2025", predecessors=[older.pk], succession_kind="amended",
        succession_date="01-01-2025"))
    assert response.status_code == 302
    newer = JointArrangement.objects.get(name="GR Werk en Inkomen West-Friesland")
    assert newer.valid_from_precision == "year" and [x.predecessor for x in newer.lineage()] == [older]
    older.refresh_from_db()
    assert older.valid_to.isoformat() == "2025-01-01"
    hoorn = Municipality.objects.get(cbs_code="GM0405")
    response = client.post(f"/inrichting/regelingen/{newer.pk}/benoemingen/nieuw/", {
        "organ": "algemeen_bestuur", "capacity": "deputy", "municipality": hoorn.pk, "person_name": "A. de Boer", "start": "03-2025"})
    assert response.status_code == 302
    appointment = newer.appointments.get()
    assert appointment.capacity == "deputy" and appointment.start_precision == "month"
    participation = ArrangementParticipation.objects.get(arrangement=newer, municipality=hoorn)
    response = client.post(f"/inrichting/deelnames/{participation.pk}/", {"organs": "college", "joined": "2025", "left": "12-2026"})
    assert response.status_code == 302
    participation.refresh_from_db()
    assert (participation.left_precision, participation.joined_precision) == ("month", "year")
    page = client.get(f"/inrichting/regelingen/{newer.pk}/").content.decode()
    assert "A. de Boer" in page and "GR Werk West-Friesland" in page


@pytest.mark.parametrize("changes,phrases", [
    ({"name": ""}, ["Naam</a>: Vul dit veld in."]),
    ({"legal_form": "stichting"}, ["Alleen een Wgr-regeling is een collegeregeling"]),
    ({"valid_from": "2020", "valid_to": "2019"}, ["Een regeling kan niet worden opgeheven voordat zij in werking is getreden."]),
    ({"legal_form": "centrumgemeenteregeling"}, ["Kies de centrumgemeente van een centrumgemeenteregeling."]),
    ({"succession_kind": "merger"}, ["Kies de regeling(en) die worden opgevolgd."]),
])
def test_bad_arrangement_input_is_refused_in_dutch_and_changes_nothing(client, own, changes, phrases):
    counts = database_counts()
    assert_refused(client.post("/inrichting/regelingen/nieuw/", arrangement_data(**changes)), *phrases)
    assert database_counts() == counts


def test_bad_participation_and_appointment_input_changes_nothing(client, own):
    assert client.post("/inrichting/regelingen/nieuw/", arrangement_data()).status_code == 302
    arrangement = JointArrangement.objects.get(name="GR Werk West-Friesland")
    participation = arrangement.participations.first()
    counts = database_counts()
    assert_refused(client.post(f"/inrichting/deelnames/{participation.pk}/", {"joined": "2020", "left": "2019"}),
                   "Een gemeente kan niet uittreden voordat zij is toegetreden.")
    assert_refused(client.post(f"/inrichting/regelingen/{arrangement.pk}/benoemingen/nieuw/", {
        "organ": "algemeen_bestuur", "capacity": "member", "municipality": participation.municipality_id, "person_name": "X",
        "start": "2025", "end": "2024"}), "De benoeming kan niet eindigen voordat zij begint.")
    amsterdam = Municipality.objects.get(cbs_code="GM0363")
    assert_refused(client.post(f"/inrichting/regelingen/{arrangement.pk}/benoemingen/nieuw/", {
        "organ": "algemeen_bestuur", "capacity": "member", "municipality": amsterdam.pk, "person_name": "X"}), "Namens gemeente</a>:")
    assert database_counts() == counts


# --- users and access ------------------------------------------------------------------------------


def user_data(**extra):
    data = {"username": "bm-hoorn", "first_name": "Hanna", "last_name": "Hoorn", "email": "h@example.org",
            "role": "beleidsmedewerker", "municipality": "", "organisation": "", "trajectories": [], "password": "Kompas-Regio-Sterk-2025"}
    data.update(extra)
    return data


def test_a_projectleider_adds_a_user_for_her_trajectory(client, own):
    user, t = own
    hoorn = Municipality.objects.get(cbs_code="GM0405")
    response = client.post("/gebruikers/nieuw/", user_data(municipality=hoorn.pk, trajectories=[t.pk]))
    assert response.status_code == 302
    created = get_user_model().objects.get(username="bm-hoorn")
    assert created.check_password("Kompas-Regio-Sterk-2025") and not created.is_staff
    assert created.profile.municipality == hoorn and list(created.profile.trajectories.all()) == [t]
    entry = AuditEntry.objects.get(action="user.create", object_id=str(created.pk))
    assert entry.actor == user and "password" not in entry.after and entry.after["username"] == "bm-hoorn"
    profile_entry = AuditEntry.objects.get(action="profile.create", object_id=str(created.profile.pk))
    assert profile_entry.actor == user and profile_entry.after["role"] == "beleidsmedewerker"
    assert AuditEntry.objects.filter(action="profile.membership", object_repr="bm-hoorn").exists()


def test_a_user_without_password_gets_a_link_shown_once(client, own):
    _user, t = own
    hoorn = Municipality.objects.get(cbs_code="GM0405")
    response = client.post("/gebruikers/nieuw/", user_data(municipality=hoorn.pk, trajectories=[t.pk], password=""), follow=True)
    html = response.content.decode()
    assert "Link om een wachtwoord in te stellen" in html
    link = response.context["password_link"]
    assert "/wachtwoord-instellen/" in link
    created = get_user_model().objects.get(username="bm-hoorn")
    assert not created.has_usable_password()
    # shown once: the next visit does not show it again
    assert "Link om een wachtwoord in te stellen" not in client.get(f"/gebruikers/{created.pk}/").content.decode()
    client.logout()
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200 and "Wachtwoord instellen" in form_page.content.decode()
    response = client.post(form_page.redirect_chain[-1][0], {"new_password1": "Polder-Licht-2025", "new_password2": "Polder-Licht-2025"})
    assert response.status_code == 302
    created.refresh_from_db()
    assert created.check_password("Polder-Licht-2025")


@pytest.mark.parametrize("changes,phrases", [
    ({"username": ""}, ["Gebruikersnaam</a>: Vul dit veld in."]),
    ({"username": "bergen"}, ["De gebruikersnaam &#x27;bergen&#x27; is al in gebruik."]),
    ({"username": "met spatie"}, ["Gebruikersnaam</a>:"]),
    ({"role": "beheerder"}, ["Rol</a>: Kies een van de rollen in de lijst."]),
    ({"municipality": ""}, ["Een beleidsmedewerker, griffier of raadslid hoort bij een gemeente"]),
    ({"trajectories": []}, ["Kies ten minste één traject dat u beheert."]),
    ({"password": "kort"}, ["Startwachtwoord</a>:"]),
    ({"email": "geen-adres"}, ["E-mailadres</a>: Vul een geldig e-mailadres in."]),
])
def test_bad_user_input_is_refused_in_dutch_and_changes_nothing(client, own, changes, phrases):
    _user, t = own
    hoorn = Municipality.objects.get(cbs_code="GM0405")
    counts = database_counts()
    response = client.post("/gebruikers/nieuw/", user_data(**{"municipality": hoorn.pk, "trajectories": [t.pk], **changes}))
    assert_refused(response, *phrases)
    assert database_counts() == counts


def test_a_projectleider_never_grants_beheer_nor_touches_others(client, own, users):
    _user, t = own
    example = Trajectory.objects.get(slug=EXAMPLE)
    hoorn = Municipality.objects.get(cbs_code="GM0405")
    counts = database_counts()
    # a trajectory she does not manage, a municipality outside her trajectories
    response = client.post("/gebruikers/nieuw/", user_data(municipality=hoorn.pk, trajectories=[example.pk]))
    assert_refused(response, "Trajecten waaraan de gebruiker deelneemt</a>:")
    response = client.post("/gebruikers/nieuw/", user_data(municipality=Municipality.objects.get(cbs_code="GM0363").pk, trajectories=[t.pk]))
    assert_refused(response, "Gemeente</a>:")
    # the beheerder and the example's users are not hers
    for name in ("beheer", "bergen", "projectleider"):
        target = users[name]
        assert client.get(f"/gebruikers/{target.pk}/").status_code == 403
        assert client.post(f"/gebruikers/{target.pk}/", user_data(username=name, role="beheerder")).status_code == 403
        assert client.post(f"/gebruikers/{target.pk}/deactiveren/", {"reason": "x"}).status_code == 403
    assert database_counts() == counts
    assert "beheer" not in [r["user"].username for r in client.get("/gebruikers/").context["rows"]]


def test_the_beheerder_creates_a_projectleider_and_deactivates_a_user(client, users):
    client.force_login(users["beheer"])
    response = client.post("/gebruikers/nieuw/", user_data(username="pl-nieuw", role="projectleider"))
    assert response.status_code == 302
    created = get_user_model().objects.get(username="pl-nieuw")
    assert created.profile.role == "projectleider" and not created.profile.trajectories.exists()
    response = client.post(f"/gebruikers/{created.pk}/deactiveren/", {"reason": "uit dienst"})
    assert response.status_code == 302
    created.refresh_from_db()
    assert not created.is_active
    assert AuditEntry.objects.filter(action="user.deactivate", object_id=str(created.pk), reason="uit dienst").exists()
    counts = database_counts()
    response = client.post(f"/gebruikers/{users['beheer'].pk}/deactiveren/", {"reason": ""})
    assert response.status_code == 400 and "U kunt uzelf niet deactiveren." in response.content.decode()
    assert database_counts() == counts
    # the beheerder may grant beheer
    response = client.post(f"/gebruikers/{created.pk}/", user_data(username="pl-nieuw", role="beheerder", password=""))
    assert response.status_code == 302
    created.refresh_from_db()
    assert created.profile.role == "beheerder" and created.is_staff
