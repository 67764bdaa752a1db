"""Property: any council document built from ordinary sentences survives render -> import."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regiokompas.documents.importer import import_bytes
from regiokompas.documents.model import SECTION_HEADINGS, BulletList, Document, Paragraph, Section
from regiokompas.documents.render import render

WORDS = ["de", "raad", "het", "college", "regionale", "samenwerking", "wordt", "uitvoering", "Participatiewet", "inwoners",
         "kosten", "besluit", "planning", "voor", "met", "in", "van", "een", "onderzoek", "werkorganisatie", "cliënten"]
FREE_HEADINGS = ["Wat betekent dit voor inwoners", "Gevolgen voor het personeel", "Stand van zaken", "Gevolgen voor de organisatie"]

sentence = st.lists(st.sampled_from(WORDS), min_size=3, max_size=25).map(lambda ws: (" ".join(ws)).capitalize() + ".")
paragraph = st.lists(sentence, min_size=1, max_size=4).map(lambda ss: Paragraph(" ".join(ss)))
items = st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join), min_size=1, max_size=4)
bullets = st.tuples(items, st.one_of(st.none(), items)).map(
    lambda t: BulletList(t[0] + ([BulletList(t[1])] if t[1] else [])))
blocks = st.lists(st.one_of(paragraph, bullets), min_size=1, max_size=4).filter(
    lambda bs: all(not (isinstance(a, BulletList) and isinstance(b, BulletList)) for a, b in zip(bs, bs[1:], strict=False)))
known = st.sampled_from([t for t, h in SECTION_HEADINGS.items() if h and t != "bijlagen"]).map(lambda t: (t, SECTION_HEADINGS[t]))
free = st.sampled_from(FREE_HEADINGS).map(lambda h: ("tekst", h))
sections = st.lists(st.tuples(st.one_of(known, free), blocks).map(lambda x: Section(x[0][0], x[0][1], x[1])), min_size=1, max_size=6)


@pytest.mark.parametrize("fmt", ["md", "docx"])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(secs=sections, kind=st.sampled_from(["memo", "raadsinformatiebrief"]), status=st.sampled_from(["concept", "definitief"]))
def test_render_then_import_keeps_header_and_sections(fmt, secs, kind, status):
    doc = Document(kind=kind, title="Regionale samenwerking sociale zaken", organisation="gemeente Heiloo", status=status,
                   header={"datum": "1 juli 2021", "aan": "Gemeenteraad", "van": "College", "onderwerp": "Regionale samenwerking sociale zaken"},
                   sections=secs)
    got = import_bytes(render(doc, fmt), f"x.{fmt}").to_json()
    assert (got["kind"], got["status"], got["organisation"]) == (kind, status, "gemeente Heiloo")
    assert got["header"]["datum"] == "2021-07-01" and got["header"]["onderwerp"] == doc.header["onderwerp"]
    assert [(s["type"], s["heading"], s["text"]) for s in got["sections"]] == [(s.type, s.heading, s.text) for s in doc.sections]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(secs=sections)
def test_render_pdf_then_import_keeps_sections(secs):
    doc = Document(kind="memo", title="Regionale samenwerking", organisation="gemeente Heiloo", status="definitief",
                   header={"datum": "1 juli 2021", "onderwerp": "Regionale samenwerking"}, sections=secs)
    got = import_bytes(render(doc, "pdf"), "x.pdf").to_json()
    assert [(s["type"], s["heading"], s["text"]) for s in got["sections"]] == [(s.type, s.heading, s.text) for s in doc.sections]


def test_a_long_pdf_with_sentences_running_over_page_breaks_comes_back_whole():
    """19 pages of repetitive text: no body line is taken for a page header, and a sentence cut by
    a page break stays one paragraph."""
    from benchmarks.bench_documents import reference_document

    doc = reference_document()
    pdf = render(doc, "pdf")
    got = import_bytes(pdf, "lang.pdf").to_json()
    assert [(s["type"], s["heading"], s["text"]) for s in got["sections"]] == [(s.type, s.heading, s.text) for s in doc.sections]
