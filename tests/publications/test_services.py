"""Drafting from the register, editing, definitief with supersede, information events, import."""

import datetime as dt

import pytest
from tests.documents.helpers import MEMO_2012, NIEUWSBRIEF_2020

from regiokompas.accounts.actors import SystemActor
from regiokompas.audit.models import AuditEntry
from regiokompas.documents.importer import import_bytes
from regiokompas.documents.render import render
from regiokompas.publications import drafting, services
from regiokompas.publications.models import DocumentImport, InformationEvent, Publication
from regiokompas.register.errors import RegisterError
from regiokompas.register.models import Decision

from .conftest import counts


def test_memo_is_drafted_from_the_register_facts(gates, m):
    doc = drafting.draft(gates["hoofdlijnen"], m["bergen"], "memo", today=dt.date(2012, 5, 29))
    assert doc.kind == "memo" and doc.status == "concept"
    assert doc.organisation == "gemeente Bergen"
    assert doc.header["portefeuillehouder"] == "Jan Mesu" and doc.header["contact"] == "Eline van Braak"
    assert [s.type for s in doc.sections] == ["aanleiding", "kernboodschap", "besluit", "tekst", "analyse", "financien",
                                              "participatie", "vervolg", "bijlagen"]
    text = {s.type: s.text for s in doc.sections}
    assert "actieve informatieplicht" in text["aanleiding"]
    assert "Vaststellen Hoofdlijnennotitie" in text["kernboodschap"]  # what was proposed
    assert "Het college van Bergen heeft" in text["kernboodschap"] and "aangehouden" in text["kernboodschap"]  # decided, by whom
    assert "procesbeschrijving voor de communicatie" in text["besluit"]  # its conditions
    assert "Wij houden u op de hoogte" in text["vervolg"]
    assert doc.attachments == ["Hoofdlijnennotitie Dienstverleningsmodel"]


def test_nieuwsbrief_mentions_what_the_other_colleges_decided(gates, m):
    doc = drafting.draft(gates["berenschot"], m["bergen"], "digitale_nieuwsbrief")
    assert doc.kind == "digitale_nieuwsbrief"
    assert doc.title.startswith("Bergen stemt niet in met")
    others = next(s for s in doc.sections if s.heading == "De andere gemeenten").text
    assert "Alkmaar: ingestemd" in others and "Uitgeest: niet ingestemd" in others


@pytest.mark.parametrize("kind", ["memo", "raadsinformatiebrief", "digitale_nieuwsbrief"])
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_generated_document_imports_back_with_its_decision(gates, m, kind, fmt):
    doc = drafting.draft(gates["berenschot"], m["bergen"], kind)
    data = import_bytes(render(doc, fmt), f"x.{fmt}").to_json()
    assert data["kind"] == kind and data["organisation"] == "gemeente Bergen"
    # the section types are the importer's reading of the headings; headings and text come back as written
    assert [(s["heading"], s["text"]) for s in data["sections"]] == [(s.heading, s.text) for s in doc.sections]
    bergen = [d for d in data["decisions"] if d["municipality"]["code"] == "GM0373"]
    assert any(d["outcome"] == "reject" for d in bergen)


def test_draft_edit_finalise_and_supersede(gates, m, users):
    user = users["bergen"]
    pub = services.create_draft(user, gates["hoofdlijnen"], m["bergen"], "memo")
    doc = pub.document
    assert doc.status == "concept" and doc.sections.count() == 9 and doc.issuer_municipality == m["bergen"]
    sections = [(s.type, s.heading, s.text) for s in doc.sections.order_by("order")]
    sections[1] = ("kernboodschap", "Kernboodschap", "Bewerkte kernboodschap.")
    services.update_draft(user, pub, title="Nieuwe titel", header={"datum": "29 mei 2012", "aan": "Gemeenteraad"}, sections=sections)
    doc.refresh_from_db()
    assert doc.title == "Nieuwe titel" and doc.header == {"datum": "29 mei 2012", "aan": "Gemeenteraad"}
    assert doc.sections.get(order=2).text == "Bewerkte kernboodschap."
    services.finalise(SystemActor("test"), pub)
    doc.refresh_from_db()
    assert doc.status == "definitief"
    before = counts()
    with pytest.raises(RegisterError, match="definitief"):
        services.update_draft(user, pub, title="Anders", header={}, sections=sections)
    assert counts() == before
    new = services.new_version(user, pub)
    assert new.version == pub.version + 1 and new.document.supersedes == doc and new.document.status == "concept"
    doc.refresh_from_db()
    assert doc.title == "Nieuwe titel" and doc.status == "definitief"  # the definitief version is untouched
    with pytest.raises(RegisterError, match="nieuwere versie"):
        services.new_version(user, pub)


def test_other_municipality_may_not_draft_and_nothing_changes(gates, m, users):
    before = counts()
    with pytest.raises(RegisterError, match="mag geen raadsinformatie van Bergen"):
        services.create_draft(users["alkmaar"], gates["hoofdlijnen"], m["bergen"], "memo")
    with pytest.raises(RegisterError, match="Onbekende soort"):
        services.create_draft(users["bergen"], gates["hoofdlijnen"], m["bergen"], "brief")
    with pytest.raises(RegisterError, match="neemt niet deel"):
        services.create_draft(SystemActor("test"), gates["hoofdlijnen"], m["uitgeest"], "memo")
    assert counts() == before


def test_empty_edit_is_refused_and_nothing_changes(gates, m, users):
    pub = services.create_draft(users["bergen"], gates["hoofdlijnen"], m["bergen"], "memo")
    before = counts()
    with pytest.raises(RegisterError, match="titel"):
        services.update_draft(users["bergen"], pub, title="  ", header={}, sections=[("tekst", "", "x")])
    with pytest.raises(RegisterError, match="zonder tekst"):
        services.update_draft(users["bergen"], pub, title="T", header={}, sections=[("tekst", "Kop", "  ")])
    assert counts() == before


def test_information_events_and_gate_status(gates, m, users):
    gate = gates["berenschot"]
    # a letter of 29 May 2020, sent to the raad on 1 June 2020
    pub = services.create_draft(users["alkmaar"], gate, m["alkmaar"], "raadsinformatiebrief", date=dt.date(2020, 5, 29))
    before = counts()
    with pytest.raises(RegisterError, match="definitief"):
        services.record_information_event(users["alkmaar"], pub.document, m["alkmaar"], date=dt.date(2020, 6, 1), channel="ris")
    assert counts() == before
    services.finalise(SystemActor("test"), pub)
    status = {r["municipality"].cbs_code: r for r in services.information_status(gate)}
    assert not status["GM0361"]["informed"]
    for bad, msg in [({"date": dt.date.today() + dt.timedelta(days=3), "channel": "ris"}, "toekomst"),
                     ({"date": dt.date(2020, 6, 1), "channel": "duif"}, "Onbekend kanaal"),
                     ({"date": None, "channel": "ris"}, "datum")]:
        before = counts()
        with pytest.raises(RegisterError, match=msg):
            services.record_information_event(users["alkmaar"], pub.document, m["alkmaar"], **bad)
        assert counts() == before
    with pytest.raises(RegisterError, match="niet vastleggen"):
        services.record_information_event(users["bergen"], pub.document, m["alkmaar"], date=dt.date(2020, 6, 1), channel="ris")
    event = services.record_information_event(users["alkmaar"], pub.document, m["alkmaar"], date=dt.date(2020, 6, 1), channel="ris")
    assert event.council.kind == "raad" and event.legal_basis == "actieve_informatieplicht" and event.gate == gate
    status = {r["municipality"].cbs_code: r for r in services.information_status(gate)}
    assert status["GM0361"]["informed"] and any(not r["informed"] for r in status.values())


def test_import_waits_for_confirmation_then_keeps_the_original(gates, users):
    before = counts()
    record = services.start_import(users["bergen"], NIEUWSBRIEF_2020.read_bytes(), NIEUWSBRIEF_2020.name)
    register_before = {k: v for k, v in before.items() if k.startswith("register.")}
    assert {k: v for k, v in counts().items() if k.startswith("register.")} == register_before  # nothing in the register yet
    data = record.result
    assert data["kind"] == "digitale_nieuwsbrief"
    bergen = [i for i, d in enumerate(data["decisions"]) if d["municipality"]["code"] == "GM0373" and d["outcome"] == "reject"]
    # a decision that is already in the register for this gate is refused, and nothing is stored
    with pytest.raises(RegisterError, match="al een besluit"):
        services.confirm_import(users["bergen"], record, gate=gates["berenschot"], decisions=bergen)
    assert {k: v for k, v in counts().items() if k.startswith("register.")} == register_before
    assert DocumentImport.objects.get(pk=record.pk).status == "pending"
    document = services.confirm_import(users["bergen"], record, trajectory=gates["berenschot"].trajectory)
    assert document.kind == "digitale_nieuwsbrief" and document.status == "concept"
    assert document.issuer_municipality.cbs_code == "GM0373"
    assert document.original_text.startswith("gemeente BERGEN")
    assert document.original_file.read() == NIEUWSBRIEF_2020.read_bytes()
    assert NIEUWSBRIEF_2020.name in document.source
    assert [s.heading for s in document.sections.order_by("order")] == ["KERNBOODSCHAP", "TEKST", "Inleiding", "Tevreden over de huidige dienstverlening", "Vervolg"]
    with pytest.raises(RegisterError, match="al bevestigd"):
        services.confirm_import(users["bergen"], record)


def test_confirmed_decisions_carry_the_document_as_source(users, m):
    from tests.register.helpers import new_trajectory

    trajectory, (gate, _) = new_trajectory("import-test", municipalities=[m["bergen"], m["alkmaar"]])
    record = services.start_import(users["bergen"], MEMO_2012.read_bytes(), MEMO_2012.name)
    with_conditions = [i for i, d in enumerate(record.result["decisions"]) if d["conditions"]]
    document = services.confirm_import(users["bergen"], record, gate=gate, decisions=with_conditions)
    decision = Decision.objects.get(gate=gate, municipality=m["bergen"])
    assert decision.outcome == "hold" and decision.document == document
    assert MEMO_2012.name in decision.source
    assert decision.conditions.count() == 2
    assert all(MEMO_2012.name in c.source for c in decision.conditions.all())


def test_bad_upload_stores_nothing(users):
    before = counts()
    for data, name in [(b"", "leeg.txt"), (b"%PDF-1.4 kapot", "x.pdf"), (b"\x00\x01" * 500, "x.txt")]:
        with pytest.raises(RegisterError):
            services.start_import(users["bergen"], data, name)
    with pytest.raises(RegisterError, match="mag geen documenten inlezen"):
        services.start_import(users["raadslid-bergen"], MEMO_2012.read_bytes(), "memo.txt")
    assert counts() == before
    assert not DocumentImport.objects.exists()


def test_cancel_removes_the_pending_import(users):
    before = counts()
    record = services.start_import(users["bergen"], MEMO_2012.read_bytes(), MEMO_2012.name)
    stored = record.original_file
    storage, name = stored.storage, stored.name
    assert storage.exists(name)
    services.cancel_import(users["bergen"], record)
    assert not DocumentImport.objects.filter(pk=record.pk).exists()
    assert not storage.exists(name)  # the uploaded file is gone too
    after = counts()
    # nothing stays behind but the audit rows of the import and its cancellation
    assert {k: v for k, v in after.items() if k != "audit.AuditEntry"} == {k: v for k, v in before.items() if k != "audit.AuditEntry"}
    assert AuditEntry.objects.filter(action="document_import.cancel", object_repr=MEMO_2012.name).exists()


def test_dossier_export_carries_publications_and_information_events(db):
    from regiokompas.register.dossier import export_dossier
    from regiokompas.register.models import Trajectory

    objects = export_dossier(Trajectory.objects.get(slug="alkmaar-sociale-zaken-2012"))["objects"]
    assert len(objects["publications_publication"]) == Publication.objects.filter(
        document__trajectory__slug="alkmaar-sociale-zaken-2012").count() >= 1
    events = objects["publications_information_event"]
    assert [(e["date"], e["legal_basis"]) for e in events] == [("2012-05-29", "actieve_informatieplicht")]
    assert InformationEvent.objects.filter(date=dt.date(2012, 5, 29)).count() == 1


def test_example_records_that_the_raad_of_bergen_was_informed(gates):
    status = {r["municipality"].cbs_code: r for r in services.information_status(gates["hoofdlijnen"])}
    assert status["GM0373"]["informed"]
    event = status["GM0373"]["events"][0]
    assert event.date == dt.date(2012, 5, 29) and event.channel == "onbekend" and not event.illustrative
    assert not status["GM0361"]["informed"]
