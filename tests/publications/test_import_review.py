"""Review of an imported document: corrections before confirming, duplicates, proposals, access."""

import datetime as dt
from pathlib import Path

import pytest
from django.urls import reverse

from regiokompas.publications import services
from regiokompas.publications.models import DocumentImport
from regiokompas.register.dates import FuzzyDate
from regiokompas.register.errors import RegisterError
from regiokompas.register.models import Decision, Document

from .conftest import counts

CORPUS = Path(__file__).resolve().parent.parent / "documents" / "corpus" / "tuning"
LEEUWARDEN = CORPUS / "t05-leeuwarden-brief.txt"
RAADSVOORSTEL = """Gemeente Bergen

RAADSVOORSTEL

Onderwerp: Deelname regionale uitvoering
Datum: 3 maart 2015
Zaaknummer: BB15.0001

Het college stelt de raad voor:
1. in te stemmen met de deelname van Bergen aan de regionale uitvoering;
2. de raad van Alkmaar te informeren.

Toelichting
Het college van Bergen heeft op 24 februari 2015 ingestemd met dit voorstel aan de raad.
"""


def register_counts():
    return {k: v for k, v in counts().items() if k.startswith("register.")}


def correct(user, record, **changes):
    values = dict(kind="brief", date=FuzzyDate.parse("10-2017"), onderwerp="Zienswijze begroting 2018",
                  sender="gemeente Leeuwarden", kenmerk="1702-4471; SWF/17/203", municipalities=["GM0080"], decisions={})
    values.update(changes)
    return services.correct_import(user, record, **values)


def test_corrections_are_kept_as_a_concept_and_used_on_confirmation(users):
    record = services.start_import(users["bergen"], LEEUWARDEN.read_bytes(), LEEUWARDEN.name)
    before = register_counts()
    correct(users["bergen"], record)
    assert register_counts() == before  # a correction changes nothing in the register
    record.refresh_from_db()
    assert record.status == "pending"
    chosen = services.effective_import(record)
    assert chosen["date"] == "2017-10" and chosen["corrected"] == ["date", "onderwerp"]
    document = services.confirm_import(users["bergen"], record)
    assert document.kind == "brief" and document.title == "Zienswijze begroting 2018"
    assert document.date == dt.date(2017, 10, 1) and document.date_precision == "month"
    assert document.issuer_municipality.cbs_code == "GM0080"
    assert document.header["kenmerk"] == "1702-4471; SWF/17/203" and document.header["gemeenten"] == "Leeuwarden"


@pytest.mark.parametrize("changes,message", [
    ({"kind": "toverspreuk"}, "bestaat niet"),
    ({"municipalities": ["GM9999"]}, "GM9999"),
    ({"onderwerp": "x" * 301}, "te lang"),
    ({"decisions": {7: {"outcome": "agree", "date": None}}}, "komt niet voor"),
])
def test_a_bad_correction_changes_nothing(users, changes, message):
    record = services.start_import(users["bergen"], LEEUWARDEN.read_bytes(), LEEUWARDEN.name)
    before = counts()
    with pytest.raises(RegisterError, match=message):
        correct(users["bergen"], record, **changes)
    assert counts() == before
    assert "corrections" not in DocumentImport.objects.get(pk=record.pk).result


def test_someone_of_another_organisation_cannot_correct(users):
    record = services.start_import(users["bergen"], LEEUWARDEN.read_bytes(), LEEUWARDEN.name)
    before = counts()
    with pytest.raises(RegisterError):
        correct(users["alkmaar"], record)
    assert counts() == before


def test_the_same_file_twice_and_the_same_kenmerk_date_and_sender_are_duplicates(users):
    first = services.start_import(users["bergen"], LEEUWARDEN.read_bytes(), LEEUWARDEN.name)
    second = services.start_import(users["bergen"], LEEUWARDEN.read_bytes(), "kopie.txt")
    assert services.find_duplicates(second)["same_file"] == [first]
    document = services.confirm_import(users["bergen"], first)
    retyped = LEEUWARDEN.read_text(encoding="utf-8").replace("Geacht bestuur,", "Geacht bestuur van de SWF,")
    third = services.start_import(users["bergen"], retyped.encode(), "overgetypt.txt")
    found = services.find_duplicates(third)
    assert found["same_file"] == [] and set(found["same_fields"]) == {first, second} and found["documents"] == [document]
    other = services.start_import(users["bergen"], retyped.replace("9 oktober 2017", "10 oktober 2017").encode(), "ander.txt")
    assert services.find_duplicates(other)["documents"] == []


def test_a_proposal_never_becomes_a_recorded_decision(users, m):
    from tests.register.helpers import new_trajectory

    trajectory, (gate, _) = new_trajectory("voorstel-test", municipalities=[m["bergen"], m["alkmaar"]])
    record = services.start_import(users["bergen"], RAADSVOORSTEL.encode(), "raadsvoorstel.txt")
    data = record.result
    assert data["kind"] == "raadsvoorstel"
    assert data["besluit"]["type"] == "proposal" and data["besluit"]["body"] == "raad" and len(data["besluit"]["points"]) == 2
    assert all("in te stemmen met de deelname" not in d["sentence"] for d in data["decisions"])
    services.confirm_import(users["bergen"], record, gate=gate, decisions=list(range(len(data["decisions"]))))
    assert not Decision.objects.filter(gate=gate, motivation__contains="in te stemmen met de deelname").exists()


def test_review_page_shows_the_original_beside_the_fields_and_saves_corrections(client, users):
    record = services.start_import(users["bergen"], LEEUWARDEN.read_bytes(), LEEUWARDEN.name)
    client.force_login(users["bergen"])
    url = reverse("publications:import-review", args=[record.pk])
    page = client.get(url).content.decode()
    assert "Het oorspronkelijke document" in page and "Geacht bestuur," in page
    assert "Uit de tekst" in page and "Ons kenmerk: 1702-4471" in page
    assert "style=" not in page.split("<main", 1)[-1] and "<script" not in page.split("<main", 1)[-1]
    before = register_counts()
    response = client.post(url, {"action": "save", "kind": "brief", "date": "10-2017", "onderwerp": "Andere titel",
                                 "sender": "gemeente Leeuwarden", "kenmerk": "1702-4471", "municipalities": "GM0080",
                                 "title": "x"})
    assert response.status_code == 302 and register_counts() == before
    page = client.get(url).content.decode()
    assert 'value="Andere titel"' in page and 'value="10-2017"' in page and "gecorrigeerd" in page
    response = client.post(url, {"action": "save", "kind": "brief", "date": "31-02-2017", "title": "x"})
    assert response.status_code == 400 and register_counts() == before
    assert DocumentImport.objects.get(pk=record.pk).result["corrections"]["onderwerp"] == "Andere titel"


def test_review_page_links_the_earlier_import(client, users):
    first = services.start_import(users["bergen"], LEEUWARDEN.read_bytes(), LEEUWARDEN.name)
    document = services.confirm_import(users["bergen"], first)
    second = services.start_import(users["bergen"], LEEUWARDEN.read_bytes(), "nog-eens.txt")
    client.force_login(users["bergen"])
    page = client.get(reverse("publications:import-review", args=[second.pk])).content.decode()
    assert "al eerder ingelezen" in page
    assert reverse("register:document-detail", args=[document.pk]) in page


def test_pending_import_is_hidden_from_other_organisations(client, users):
    record = services.start_import(users["bergen"], LEEUWARDEN.read_bytes(), LEEUWARDEN.name)
    before = counts()
    for name in ("alkmaar", "raadslid-bergen"):
        client.force_login(users[name])
        url = reverse("publications:import-review", args=[record.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"action": "save", "kind": "brief", "title": "x"}).status_code == 404
    assert counts() == before
    assert Document.objects.filter(title__contains="zienswijze").count() == 0
