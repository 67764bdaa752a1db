"""Generate -> import gives back the same kind, organisation, status, header fields and sections."""

import pytest

from regiokompas.documents.importer import import_bytes, import_file
from regiokompas.documents.model import BulletList, Document, Paragraph, Section
from regiokompas.documents.render import render

from .helpers import MEMO_2012, NIEUWSBRIEF_2020

KEYS = ("kind", "organisation", "status", "title", "header", "sections", "attachments", "municipalities", "decisions")


def memo() -> Document:
    return Document(
        kind="memo",
        title="Voortgang regionale samenwerking Participatiewet",
        organisation="gemeente Heiloo",
        status="definitief",
        header={
            "datum": "14 februari 2021",
            "aan": "Gemeenteraad",
            "van": "College",
            "onderwerp": "Voortgang regionale samenwerking Participatiewet",
            "portefeuillehouder": "A. de Vries",
            "contact": "B. Jansen",
            "kenmerk": "BB21.00285",
        },
        sections=[
            Section("aanleiding", "Aanleiding", [BulletList(["Op initiatief van het college als onderdeel van de actieve informatieplicht"])]),
            Section("kernboodschap", "Kernboodschap", [Paragraph("Het college van Heiloo heeft op 9 februari 2021 ingestemd met de bestuursopdracht."), Paragraph("De raad wordt verder geïnformeerd.")]),
            Section("besluit", "Besluit college", [
                Paragraph("Op basis van bovenstaande informatie heeft het college besloten:"),
                BulletList(["in te stemmen met de bestuursopdracht, onder de voorwaarden:", BulletList(["een analyse van de kosten", "een procesbeschrijving"]), "de raad te informeren"]),
            ]),
            Section("vervolg", "Vervolg", [Paragraph("Hierover zullen wij u verder informeren.")]),
            Section("bijlagen", "Bijlagen", [BulletList(["Bestuursopdracht", "Planning"])]),
        ],
        attachments=["Bestuursopdracht", "Planning"],
    )


def nieuwsbrief() -> Document:
    return Document(
        kind="digitale_nieuwsbrief",
        title="Castricum gaat verder met de regionale samenwerking",
        organisation="gemeente Castricum",
        status="concept",
        header={"onderwerp": "Castricum gaat verder met de regionale samenwerking"},
        sections=[
            Section("kernboodschap", "KERNBOODSCHAP", [Paragraph("Het college heeft ingestemd met het scenario.")]),
            Section("tekst", "TEKST", [Paragraph("Ons college heeft ingestemd met het scenario voor de uitvoering.")]),
            Section("aanleiding", "Inleiding", [Paragraph("In 2019 zijn drie pilots gestart.")]),
            Section("tekst", "Wat betekent dit voor inwoners", [Paragraph("Voor inwoners verandert er voorlopig niets.")]),
            Section("vervolg", "Vervolg", [Paragraph("Hierover zullen wij u verder informeren.")]),
        ],
    )


@pytest.mark.parametrize("fmt", ["docx", "pdf", "md"])
@pytest.mark.parametrize("make", [memo, nieuwsbrief], ids=["memo", "nieuwsbrief"])
def test_generate_then_import_gives_the_same_document(make, fmt):
    doc = make()
    direct = import_bytes(render(doc, "md"), "x.md").to_json() if fmt != "md" else None
    got = import_bytes(render(doc, fmt), f"x.{fmt}").to_json()
    assert got["kind"] == doc.kind
    assert got["organisation"] == doc.organisation
    assert got["status"] == doc.status
    assert got["title"] == doc.title
    expected_header = dict(doc.header)
    if "datum" in expected_header:
        expected_header["datum"] = "2021-02-14"
    assert {k: v for k, v in got["header"].items() if v is not None} == expected_header
    assert [(s["type"], s["heading"], s["text"]) for s in got["sections"]] == [(s.type, s.heading, s.text) for s in doc.sections]
    assert got["attachments"] == doc.attachments
    if direct is not None:
        assert {k: got[k] for k in KEYS} == {k: direct[k] for k in KEYS}


@pytest.mark.parametrize("fmt", ["docx", "pdf", "md"])
@pytest.mark.parametrize("seed", [MEMO_2012, NIEUWSBRIEF_2020], ids=["memo-2012", "nieuwsbrief-2020"])
def test_seed_rendered_and_imported_again_is_unchanged(seed, fmt):
    first = import_file(str(seed))
    again = import_bytes(render(first.document, fmt), f"x.{fmt}")
    a, b = first.to_json(), again.to_json()
    assert {k: a[k] for k in KEYS} == {k: b[k] for k in KEYS}
