"""Pages render for every role; permissions hold in the web layer; forms refuse bad input."""

import pytest
from django.urls import reverse
from tests.register.helpers import database_counts

from regiokompas.register import constants as c
from regiokompas.register.models import Decision, Document, Gate, Trajectory

pytestmark = pytest.mark.django_db
ROLES = ["beheer", "projectleider", "bergen", "alkmaar", "griffier-bergen", "raadslid-bergen", "or-bergen"]


def _pages():
    t = Trajectory.objects.get(slug="alkmaar-participatiewet-2019")
    gate = t.gates.get(ordinal=2)
    doc = t.documents.filter(kind=c.DocumentKind.DIGITALE_NIEUWSBRIEF).get()
    return [
        reverse("register:trajectory-list"),
        reverse("register:trajectory-detail", args=[t.slug]),
        reverse("register:trajectory-detail", args=["alkmaar-sociale-zaken-2012"]),
        reverse("register:gate-detail", args=[gate.pk]),
        reverse("register:municipality-detail", args=["GM0373"]),
        reverse("register:municipality-detail", args=["GM0398"]),
        reverse("register:document-list", args=[t.slug]),
        reverse("register:document-detail", args=[doc.pk]),
        reverse("register:decision-detail", args=[Decision.objects.filter(gate=gate).first().pk]),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_every_page_renders_for_every_role(client, users, role):
    client.force_login(users[role])
    for url in _pages():
        response = client.get(url)
        assert response.status_code == 200, url
        assert b'lang="nl"' in response.content


def test_login_required(client):
    response = client.get(reverse("register:trajectory-list"))
    assert response.status_code == 302 and "/inloggen/" in response["Location"]


def test_matrix_is_readable_without_colour(client, users):
    client.force_login(users["raadslid-bergen"])
    html = client.get(reverse("register:trajectory-detail", args=["alkmaar-participatiewet-2019"])).content.decode()
    assert "niet ingestemd" in html and "pas op de plaats" in html and "teruggekeerd" in html
    assert "BUCH werkorganisatie werkt voor gemeenten die doorgaan" in html


def _form_url():
    t = Trajectory.objects.get(slug="alkmaar-participatiewet-2019")
    gate = Gate.objects.create(trajectory=t, ordinal=10, title="Volgende stap")
    return gate, reverse("register:decision-create", args=[gate.pk, "GM0373"])


def test_only_users_of_the_municipality_record_its_decisions(client, users):
    gate, url = _form_url()
    for role in ("alkmaar", "raadslid-bergen", "or-bergen", "projectleider"):
        client.force_login(users[role])
        assert client.get(url).status_code == 403
        assert client.post(url, {"outcome": "agree", "date": "01-02-2024", "date_precision": "day"}).status_code == 403
    assert not Decision.objects.filter(gate=gate).exists()
    client.force_login(users["bergen"])
    response = client.post(url, {"outcome": "agree", "date": "01-02-2024", "date_precision": "day", "motivation": "Akkoord"})
    assert response.status_code == 302
    assert Decision.objects.get(gate=gate).municipality.cbs_code == "GM0373"


@pytest.mark.parametrize(
    "data,message",
    [
        ({"outcome": "agree", "date": "2024/13/45"}, "is geen datum. Als dd-mm-jjjj, mm-jjjj of jjjj"),
        ({"outcome": "agree", "date": "31-02-2024"}, "bestaat niet als datum"),
        ({"outcome": "agree", "date": "13-2024"}, "bestaat niet als datum"),
        ({"outcome": "agree", "date": "03-2099"}, "niet in de toekomst"),
        ({"outcome": "agree", "date": "", "date_precision": "day"}, "alleen bij &#x27;nog niet besloten&#x27; mag de datum leeg blijven"),
        ({"outcome": "kennisgenomen", "date": "2024"}, "Selecteer een geldige keuze"),
        ({"outcome": "misschien", "date": "01-02-2024", "date_precision": "day"}, "Selecteer een geldige keuze"),
        ({"outcome": "agree_with_conditions", "date": "01-02-2024", "date_precision": "day"}, "ten minste één voorwaarde"),
    ],
)
def test_decision_form_refuses_bad_input_in_dutch_and_changes_nothing(client, users, data, message):
    _gate, url = _form_url()
    client.force_login(users["bergen"])
    counts = database_counts()
    response = client.post(url, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert database_counts() == counts


def test_second_decision_via_form_is_refused(client, users):
    gate, url = _form_url()
    client.force_login(users["bergen"])
    assert client.post(url, {"outcome": "hold", "date": "01-02-2024", "date_precision": "day"}).status_code == 302
    counts = database_counts()
    response = client.post(url, {"outcome": "agree", "date": "02-02-2024", "date_precision": "day"})
    assert response.status_code == 400 and "al een besluit vastgelegd" in response.content.decode()
    assert database_counts() == counts


def test_supersede_via_form(client, users):
    gate, url = _form_url()
    client.force_login(users["bergen"])
    client.post(url, {"outcome": "hold", "date": "01-02-2024", "date_precision": "day"})
    first = Decision.objects.get(gate=gate)
    response = client.post(reverse("register:decision-supersede", args=[first.pk]), {
        "kind": "new_decision", "reason": "Informatie ontvangen", "outcome": "agree_with_conditions",
        "date": "01-03-2024", "date_precision": "day", "conditions": "- Eerst de OR horen\n- Kostenraming", "condition_category": "process"})
    assert response.status_code == 302
    current = Decision.objects.get(gate=gate, is_current=True)
    assert current.supersedes == first and current.conditions.count() == 2


def test_confidential_documents_only_for_those_allowed(client, users):
    t = Trajectory.objects.get(slug="alkmaar-participatiewet-2019")
    doc = Document.objects.create(trajectory=t, kind=c.DocumentKind.ADVIES, title="Vertrouwelijk advies", confidential=True,
                                  issuer_municipality=users["alkmaar"].profile.municipality, source="test")
    url = reverse("register:document-detail", args=[doc.pk])
    listing = reverse("register:document-list", args=[t.slug])
    for role, allowed in [("alkmaar", True), ("or-bergen", True), ("projectleider", True), ("beheer", True),
                          ("bergen", False), ("raadslid-bergen", False), ("griffier-bergen", False)]:
        client.force_login(users[role])
        assert (client.get(url).status_code == 200) is allowed, role
        assert ("Vertrouwelijk advies" in client.get(listing).content.decode()) is allowed, role


def test_sources_read_as_text_not_as_internal_keys(client, users):
    from regiokompas.register.templatetags.regiokompas import source_text

    assert source_text("seed:000_abc (memo college Bergen aan de raad, 29 mei 2012)") == \
        "memo college Bergen aan de raad, 29 mei 2012"
    assert source_text("https://www.cbs.nl/x") == "https://www.cbs.nl/x"
    client.force_login(users["bergen"])
    page = client.get("/trajecten/alkmaar-participatiewet-2019/").content.decode()
    assert "digitale nieuwsbrief Bergen aan de raad, 2020, CONCEPT" in page
    assert "Bron: seed:" not in page and "brondocument 20" not in page and ".txt" not in page


def test_the_project_organisation_downloads_the_dossier_and_others_may_not(client, users):
    import json

    from regiokompas.register.dossier import export_dossier

    slug = "alkmaar-participatiewet-2019"
    client.force_login(users["projectleider"])
    assert "Dossier exporteren (JSON)" in client.get(f"/trajecten/{slug}/").content.decode()
    response = client.get(f"/trajecten/{slug}/dossier.json")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert json.loads(response.content) == export_dossier(Trajectory.objects.get(slug=slug))
    client.force_login(users["raadslid-bergen"])
    assert "Dossier exporteren" not in client.get(f"/trajecten/{slug}/").content.decode()
    assert client.get(f"/trajecten/{slug}/dossier.json").status_code == 403
