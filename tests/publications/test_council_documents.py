"""Raadsvoorstel, raadsbesluit and the information documents: sections, the right body, singular and
plural, nothing internal in any format; and the approval workflow with its refusals."""

import datetime as dt
import re

import pytest

from regiokompas.accounts.actors import SystemActor
from regiokompas.documents.render import render
from regiokompas.publications import drafting, services
from regiokompas.publications.models import Workflow
from regiokompas.register.errors import RegisterError
from regiokompas.register.models import Gate

from .conftest import counts

DAY = dt.date(2020, 6, 1)


def _md(gate, municipality, kind):
    return render(drafting.draft(gate, municipality, kind, today=DAY), "md").decode()


def _with_bodies(gate, bodies, kind="besluit"):
    Gate.objects.filter(pk=gate.pk).update(bodies=bodies, counting_body="", kind=kind)
    return Gate.objects.get(pk=gate.pk)


def test_raadsvoorstel_has_the_structure_councils_use(gates, m):
    gate = _with_bodies(gates["hoofdlijnen"], ["college", "raad"])  # its variants are Wgr forms
    doc = drafting.draft(gate, m["bergen"], "raadsvoorstel", today=DAY)
    headings = [s.heading for s in doc.sections]
    for heading in ["Voorgesteld besluit", "Inleiding", "Beoogd effect", "Argumenten", "Kanttekeningen en risico's",
                    "Financiële consequenties", "Communicatie", "Uitvoering en planning", "Bevoegdheid"]:
        assert heading in headings, heading
    voorstel = next(s for s in doc.sections if s.type == "voorstel")
    assert any(getattr(b, "ordered", False) for b in voorstel.blocks)  # numbered beslispunten
    assert "in te stemmen met" in voorstel.text
    bevoegdheid = next(s for s in doc.sections if s.type == "bevoegdheid").text
    assert "artikel 147, tweede lid, Gemeentewet" in bevoegdheid
    assert "artikel 1, eerste lid, Wet gemeenschappelijke regelingen" in bevoegdheid  # the variants are Wgr forms
    financien = next(s for s in doc.sections if s.type == "financien").text
    assert "Bandbreedte" not in financien or "%" in financien
    assert "verdeelsleutel" in financien and ("illustratief" in financien or "Bron" in financien)


def test_raadsbesluit_has_its_formula(gates, m):
    gate = _with_bodies(gates["hoofdlijnen"], ["college", "raad"])
    text = _md(gate, m["bergen"], "raadsbesluit")
    assert "De raad van de gemeente Bergen;" in text
    assert "gelezen het voorstel van burgemeester en wethouders van 1 juni 2020;" in text
    assert re.search(r"gelet op artikel 1, eerste lid, Wet gemeenschappelijke regelingen.*;", text)
    assert "besluit:" in text and "1. In te stemmen met" in text
    assert "de griffier," in text and "de voorzitter," in text


def test_right_body_per_gate(gates, m):
    college = _with_bodies(gates["berenschot"], ["college"])
    voorstel = _md(college, m["bergen"], "raadsvoorstel")
    assert "kennis te nemen van het voorgenomen besluit van het college" in voorstel
    assert "artikel 147" not in voorstel  # the raad does not decide at a college-only gate
    info = _with_bodies(gates["berenschot"], ["raad"], kind="informatie")
    voorstel = _md(info, m["bergen"], "raadsvoorstel")
    assert "kennis te nemen van de informatie" in voorstel and "artikel 169, tweede lid, Gemeentewet" in voorstel
    assert "informatiemoment" in voorstel


def test_a_raad_decision_is_never_called_a_college_decision(gates, m):
    from regiokompas.register import constants as c
    from regiokompas.register import services as rs

    gate = _with_bodies(gates["hoofdlijnen"], ["college", "raad"])
    rs.record_decision(SystemActor("test"), rs.DecisionInput(gate=gate, municipality=m["alkmaar"], outcome=c.Outcome.AGREE,
                                                             date=dt.date(2012, 6, 1), body_kind=c.GoverningBodyKind.RAAD))
    text = _md(gate, m["alkmaar"], "raadsinformatiebrief")
    assert "De gemeenteraad van Alkmaar heeft op 1 juni 2012 ingestemd" in text
    assert "Het college van Alkmaar heeft op 1 juni 2012" not in text


@pytest.mark.parametrize("kind", drafting.KINDS)
def test_no_sentence_is_repeated_under_several_headings(gates, m, kind):
    doc = drafting.draft(gates["berenschot"], m["bergen"], kind, today=DAY)
    seen = {}
    for s in doc.sections:
        for sentence in re.split(r"(?<=[.!?])\s+|\n", s.text):
            sentence = sentence.strip(" -")
            if len(sentence) > 30:
                assert seen.setdefault(sentence, s.heading) == s.heading, sentence


@pytest.mark.parametrize("kind", drafting.KINDS)
@pytest.mark.parametrize("fmt", ["md", "html", "docx", "pdf"])
def test_nothing_internal_reaches_a_council_document(gates, m, kind, fmt):
    from regiokompas.register.models import Document

    gate = gates["berenschot"]
    Gate.objects.filter(pk=gate.pk).update(description="INTERNE NOTITIE projectgroep: niet naar buiten")
    secret = Document.objects.create(trajectory=gate.trajectory, kind="rapport", title="Vertrouwelijk rapport X9",
                                     status="definitief", confidential=True, source="seed:geheim")
    gate.subject_documents.add(secret)
    gate = Gate.objects.get(pk=gate.pk)
    data = render(drafting.draft(gate, m["bergen"], kind, today=DAY), fmt)
    if fmt == "docx":
        import io

        import docx

        data = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs).encode()
        assert data
    if fmt == "pdf":
        import io

        from pypdf import PdfReader

        data = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).encode()
    text = data.decode("utf-8", "replace")
    for internal in ["INTERNE NOTITIE", "seed:", "Vertrouwelijk rapport X9", ".json", ".yaml"]:
        assert internal not in text, internal


def test_singular_and_plural_for_one_municipality(db):
    from tests import fictitious_region

    from regiokompas.register import constants as c
    from regiokompas.register import services as rs
    from regiokompas.register.models import Trajectory

    texel = fictitious_region.municipalities()[0]
    t = rs.save_object(SystemActor("test"), Trajectory(slug="texel-een", name="Sociaal team Texel"))
    rs.add_participant(SystemActor("test"), t, texel)
    gate = rs.save_object(SystemActor("test"), Gate(trajectory=t, ordinal=1, title="Besluit sociaal team", minimum_participants=1,
                                                    bodies=["college", "raad"],
                                                    continuation_rule=c.ContinuationRule.COALITION_OF_THE_WILLING))
    for kind in drafting.KINDS:
        text = _md(gate, texel, kind)
        assert "de gemeenten" not in text.lower() and "andere gemeente" not in text.lower(), kind
        assert "1 varianten" not in text and "1 gemeenten" not in text, kind


# --- workflow -------------------------------------------------------------------------------------


@pytest.fixture
def concept(gates, m, users):
    return services.create_draft(users["bergen"], gates["berenschot"], m["bergen"], "raadsvoorstel", date=DAY)


def _refused(fn, *args, match, **kwargs):
    before = counts()
    with pytest.raises(RegisterError, match=match):
        fn(*args, **kwargs)
    assert counts() == before


def test_the_whole_workflow_with_its_refusals(concept, users, m):
    bergen, griffier, alkmaar, pl = users["bergen"], users["griffier-bergen"], users["alkmaar"], users["projectleider"]
    _refused(services.finalise, bergen, concept, match="akkoord")  # no approval yet
    _refused(services.approve, griffier, concept, match="niet ter akkoord")
    services.submit_for_approval(bergen, concept)
    assert concept.workflow == Workflow.TER_AKKOORD
    _refused(services.approve, bergen, concept, match="zelf")  # not one's own draft
    _refused(services.approve, pl, concept, match="zelfde organisatie")  # another organisation
    _refused(services.approve, alkmaar, concept, match="geen raadsinformatie van Bergen")  # another municipality
    _refused(services.update_draft, bergen, concept, title="x", header={}, sections=[("overig", "", "x")], match="ter akkoord")
    _refused(services.send_back, griffier, concept, "", match="wat er moet veranderen")
    services.send_back(griffier, concept, "Graag de planning aanvullen.")
    assert concept.workflow == Workflow.CONCEPT
    services.submit_for_approval(bergen, concept)
    services.approve(griffier, concept)
    _refused(services.finalise, bergen, concept, confirmed=False, match="Bevestig")
    services.finalise(bergen, concept)
    assert concept.workflow == Workflow.DEFINITIEF
    _refused(services.update_draft, bergen, concept, title="x", header={}, sections=[("overig", "", "x")], match="definitief")
    _refused(services.record_information_event, bergen, concept.document, m["bergen"], date=DAY - dt.timedelta(days=1),
             channel="ris", match="niet vóór de datum")
    services.record_information_event(bergen, concept.document, m["bergen"], date=DAY, channel="ris")
    concept.refresh_from_db()
    assert concept.workflow == Workflow.VERZONDEN
    actions = [s.action for s in concept.steps.all()]
    assert actions == ["opgesteld", "ter_akkoord", "teruggestuurd", "ter_akkoord", "akkoord", "definitief", "verzonden"]
    from regiokompas.audit.models import AuditEntry

    assert AuditEntry.objects.filter(action="publication.akkoord").exists()


def test_sections_are_added_removed_and_reordered(concept, users):
    sections = [(s.type, s.heading, s.text) for s in concept.document.sections.order_by("order")]
    new = [sections[1], sections[0], ("overig", "Extra", "Een toegevoegde alinea.")] + sections[3:]
    services.update_draft(users["bergen"], concept, title=concept.document.title, header={}, sections=new)
    stored = [(s.heading, s.text) for s in concept.document.sections.order_by("order")]
    assert stored[0][0] == sections[1][1] and stored[1][0] == sections[0][1] and stored[2] == ("Extra", "Een toegevoegde alinea.")
    assert len(stored) == len(sections)  # one removed, one added


def test_raadslid_never_sees_the_draft(concept, users, client):
    from django.urls import reverse

    client.force_login(users["raadslid-bergen"])
    assert client.get(reverse("publications:detail", args=[concept.pk])).status_code == 404


@pytest.mark.parametrize("kind", ["raadsvoorstel", "raadsbesluit"])
def test_cli_publishes_the_new_kinds(gates, kind, tmp_path, capsys):
    from regiokompas.cli import main

    out = tmp_path / "stuk.md"
    assert main(["publish", "--kind", kind, "--gate", str(gates["berenschot"].pk), "--municipality", "GM0373",
                 "--format", "md", "-o", str(out), "--fresh"]) == 0
    assert kind.upper() in out.read_text()
