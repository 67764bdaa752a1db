"""Consultation bodies on the planning pages: the project organisation lists, creates and edits
them through planning.services; others read; bad input is refused and changes nothing."""

import pytest

from regiokompas.examples import SLUG_2012
from regiokompas.planning import services as ps
from regiokompas.planning.models import ConsultationBody
from regiokompas.register.errors import PermissionDenied, RegisterError
from regiokompas.register.models import Municipality, Organisation

from .helpers import database_counts

pytestmark = pytest.mark.django_db
SLUG = SLUG_2012
BASE = f"/trajecten/{SLUG}/planning/organen/"


def test_everyone_reads_the_list_only_the_project_organisation_changes(client, users, t):
    client.force_login(users["or-bergen"])
    html = client.get(BASE).content.decode()
    assert "<caption>Medezeggenschapsorganen in dit traject</caption>" in html
    assert "Ondernemingsraad gemeente Bergen (NH.)" in html and "Cliëntenraad Sociale Zaken (voorbeeld)" in html
    assert "illustratief" in html and "Medezeggenschapsorgaan toevoegen" not in html and "Wijzigen" not in html
    body = ConsultationBody.objects.filter(trajectory=t).first()
    before = database_counts()
    assert client.get(BASE + "nieuw/").status_code == 403
    assert client.post(BASE + "nieuw/", {"kind": "client_council", "name": "X"}).status_code == 403
    assert client.post(BASE + f"{body.pk}/", {"kind": "or", "name": "Y"}).status_code == 403
    assert database_counts() == before
    client.force_login(users["projectleider"])
    html = client.get(BASE).content.decode()
    assert "Medezeggenschapsorgaan toevoegen" in html and "Wijzigen" in html


def test_create_and_edit_a_body(client, users, t):
    client.force_login(users["projectleider"])
    bergen = Municipality.objects.get(cbs_code="GM0373")
    response = client.post(BASE + "nieuw/", {"kind": "adviesraad_sociaal_domein", "name": "Adviesraad sociaal domein Bergen",
                                             "contact": "secretaris@example.org", "illustrative": "on", "source": "illustratief"})
    assert response.status_code == 302
    body = ConsultationBody.objects.get(trajectory=t, name="Adviesraad sociaal domein Bergen")
    assert body.illustrative and body.employer is None
    response = client.post(BASE + f"{body.pk}/", {"kind": "bor", "name": "Bijzondere OR Sociale Zaken",
                                                  "employer_municipality": bergen.pk})
    assert response.status_code == 302
    body.refresh_from_db()
    assert body.kind == "bor" and body.name == "Bijzondere OR Sociale Zaken" and body.employer_municipality == bergen
    assert not body.illustrative and body.contact == ""
    html = client.get(BASE + f"{body.pk}/").content.decode()
    assert 'value="Bijzondere OR Sociale Zaken"' in html
    assert client.get(BASE + "999999/").status_code == 404


@pytest.mark.parametrize("data, message", [
    ({"kind": "or", "name": "OR zonder werkgever"}, "hoort bij een werkgever"),
    ({"kind": "or", "name": "OR dubbel", "employer_municipality": "BERGEN", "employer_organisation": "ORG"}, "één werkgever"),
    ({"kind": "client_council", "name": "  "}, "Dit veld is verplicht"),
    ({"kind": "geheime_raad", "name": "Raad"}, "Selecteer een geldige keuze"),
    ({"kind": "or", "name": "ondernemingsraad gemeente heiloo", "employer_municipality": "BERGEN"}, "al een medezeggenschapsorgaan"),
    ({"kind": "or", "name": "OR Langedijk", "employer_municipality": "OTHER"}, "Selecteer een geldige keuze"),
])
def test_bad_input_on_create_changes_nothing(client, users, t, data, message):
    bergen = Municipality.objects.get(cbs_code="GM0373")
    org = Organisation.objects.first()
    outsider = Municipality.objects.exclude(trajectory_participations__trajectory=t).first()
    swap = {"BERGEN": bergen.pk, "ORG": org.pk, "OTHER": outsider.pk}
    data = {k: swap.get(v, v) for k, v in data.items()}
    client.force_login(users["projectleider"])
    before = database_counts()
    response = client.post(BASE + "nieuw/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and "niet opgeslagen" in html
    assert database_counts() == before


def test_bad_input_on_edit_changes_nothing(client, users, t):
    body = ConsultationBody.objects.get(trajectory=t, name="Ondernemingsraad gemeente Bergen (NH.)")
    snapshot = {f: getattr(body, f) for f in ("kind", "name", "employer_municipality_id", "contact")}
    client.force_login(users["projectleider"])
    before = database_counts()
    # the Bergen works council has an advice request under WOR art. 25: it cannot become a client council
    response = client.post(BASE + f"{body.pk}/", {"kind": "client_council", "name": body.name})
    assert response.status_code == 400 and "past niet bij de vastgelegde medezeggenschap" in response.content.decode()
    response = client.post(BASE + f"{body.pk}/", {"kind": "or", "name": "Ondernemingsraad gemeente Heiloo",
                                                  "employer_municipality": body.employer_municipality_id})
    assert response.status_code == 400 and "al een medezeggenschapsorgaan" in response.content.decode()
    assert database_counts() == before
    body.refresh_from_db()
    assert {f: getattr(body, f) for f in snapshot} == snapshot


def test_service_refuses_other_roles_and_non_participating_employers(users, t):
    outsider = Municipality.objects.exclude(trajectory_participations__trajectory=t).first()
    before = database_counts()
    with pytest.raises(PermissionDenied):
        ps.save_body(users["or-bergen"], ConsultationBody(trajectory=t, kind="client_council", name="Nieuw"))
    with pytest.raises(RegisterError, match="neemt niet deel"):
        ps.save_body(users["projectleider"], ConsultationBody(trajectory=t, kind="or", name="OR buiten", employer_municipality=outsider))
    assert database_counts() == before
