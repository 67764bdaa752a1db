import datetime as dt

import pytest

from regiokompas.data import municipalities
from regiokompas.documents.dates import find_dates, parse_date
from regiokompas.documents.importer import import_bytes
from regiokompas.documents.municipalities import find_municipalities, lookup


@pytest.mark.parametrize(
    "text,iso",
    [
        ("datum : 29 mei 2012", "2012-05-29"),
        ("Malden, 5 februari 2013", "2013-02-05"),
        ("29-05-2012", "2012-05-29"),
        ("2012-05-29", "2012-05-29"),
        ("1e jan. 2013", "2013-01-01"),
        ("dinsdag 3 april jl.", "2012-04-03"),
        ("negenentwintig mei tweeduizend twaalf", "2012-05-29"),
        ("eenendertig december tweeduizendtwintig", "2020-12-31"),
        ("in maart 2020", "2020-03"),
        ("In 2019 hebben", "2019"),
    ],
)
def test_dutch_dates(text, iso):
    found = find_dates(text, reference_year=2012, years=True)
    assert found and found[0].iso == iso


def test_impossible_dates_are_not_dates():
    assert parse_date("31 februari 2012") is None
    assert parse_date("32-01-2012") is None


def test_municipality_list_is_complete_with_merged_ones():
    rows = {r["cbs_code"]: r for r in municipalities()}
    current = [r for r in rows.values() if r["status"] == "bestaand"]
    assert len(current) == 342
    for code, name in [("GM0373", "Bergen"), ("GM0361", "Alkmaar"), ("GM0383", "Castricum"), ("GM0399", "Heiloo"),
                       ("GM0450", "Uitgeest"), ("GM0398", "Heerhugowaard"), ("GM0416", "Langedijk"), ("GM1980", "Dijk en Waard")]:
        assert rows[code]["name"] == name
    assert rows["GM0398"]["successor_code"] == "GM1980" and rows["GM0416"]["successor_code"] == "GM1980"
    assert rows["GM0458"]["successor_code"] == "GM0361"  # Schermer into Alkmaar
    for r in rows.values():
        assert r["successor_code"] == "" or rows[r["successor_code"]]["status"] == "bestaand"


def test_municipality_names_in_text():
    text = ("De colleges van Bergen, 's-Gravenhage, Den Haag en Súdwest Fryslân; niet Bergen op Zoom. "
            "Best is het om te wachten. De gemeente Best wel. Gemeente BERGEN. regio Alkmaar.")
    got = [(m.code, m.name) for m in find_municipalities(text)]
    assert got == [("GM0373", "Bergen"), ("GM0518", "'s-Gravenhage"), ("GM1900", "Súdwest-Fryslân"),
                   ("GM0748", "Bergen op Zoom"), ("GM0753", "Best")]


def test_ambiguous_name_follows_province_and_date():
    limburg = find_municipalities("De gemeenten Venlo, Venray en Bergen werken samen.")
    assert [m.code for m in limburg] == ["GM0983", "GM0984", "GM0893"]
    assert [m.code for m in find_municipalities("Hengelo en Zelhem", on=dt.date(2003, 1, 1))] == ["GM0248", "GM0298"]
    assert [m.code for m in find_municipalities("Hengelo", on=dt.date(2020, 1, 1))] == ["GM0164"]
    assert lookup("gm1980").name == "Dijk en Waard"


def test_pitfalls_columns_caps_labels_checkboxes_page_markers():
    text = """gemeente WOERDEN

RAADSVOORSTEL

Onderwerp
Portefeuillehouder
Datum
:
:
:
Herindeling sociale dienst
J. de Boer
5 februari 2013

Geheimhouding ☐ Nee ☒ Ja
ZAAKNUMMER RAAD140135
BEHANDELEND AMBTENAAR P. Pietersen
Agendapunt :

(1)

Inleiding

Het college van Woerden heeft op 4 februari 2013 ingestemd met het voorstel.

2

Beslispunten

1. in te stemmen met de regeling
2. de raad te informeren
"""
    data = import_bytes(text.encode(), "x.txt").to_json()
    assert data["kind"] == "raadsvoorstel"
    assert data["organisation"] == "gemeente Woerden"
    h = data["header"]
    assert h["onderwerp"] == "Herindeling sociale dienst"
    assert h["portefeuillehouder"] == "J. de Boer"
    assert h["datum"] == "2013-02-05"
    assert h["kenmerk"] == "RAAD140135"
    assert h["contact"] == "P. Pietersen"
    assert "agendering" not in h or h["agendering"] is None
    assert "geheimhouding" not in h
    assert [(s["type"], s["heading"]) for s in data["sections"]] == [("aanleiding", "Inleiding"), ("besluit", "Beslispunten")]
    assert "(1)" not in data["sections"][0]["text"] and "\n2\n" not in data["sections"][0]["text"]
    assert data["decisions"][0]["municipality"]["code"] == "GM0632"
    assert data["decisions"][0]["date"] == "2013-02-04"


def test_letter_with_place_date_and_addressee():
    text = """Alkmaar, 12 maart 2020

Aan de griffiers en gemeentesecretarissen van de deelnemende gemeenten,

Betreft: begrotingswijziging 2020

Geachte griffiers,

Het algemeen bestuur heeft de begrotingswijziging vastgesteld.
"""
    data = import_bytes(text.encode(), "brief.txt").to_json()
    assert data["kind"] == "brief"
    assert data["header"]["datum"] == "2020-03-12"
    assert data["header"]["aan"].startswith("de griffiers en gemeentesecretarissen")
    assert data["header"]["onderwerp"] == "begrotingswijziging 2020"


@pytest.mark.parametrize("name", ["2012-05-29-memo-bergen-hoofdlijnennotitie.txt", "2020-nieuwsbrief-bergen-participatiewet.txt"])
def test_transcript_without_line_breaks_gives_the_same_fields_and_decisions(name):
    from regiokompas.documents.importer import import_file

    from .helpers import SEEDS

    original = import_file(str(SEEDS / name)).to_json()
    flat = " ".join((SEEDS / name).read_text(encoding="utf-8").split())
    got = import_bytes(flat.encode(), "transcript.txt").to_json()
    for key in ("kind", "organisation", "status", "header", "municipalities"):
        assert got[key] == original[key], key
    assert [(d["municipality"]["code"], d["outcome"], d["date"], d["conditions"]) for d in got["decisions"]] == [
        (d["municipality"]["code"], d["outcome"], d["date"], d["conditions"]) for d in original["decisions"]
    ]
    # section types survive, except free headings that a transcript cannot show
    assert [s["type"] for s in got["sections"]] == [s["type"] for s in original["sections"] if s["heading"] != "Tevreden over de huidige dienstverlening"]


def test_decision_points_of_a_raadsvoorstel_are_proposals_not_decisions():
    text = "RAADSVOORSTEL\n\nOnderwerp: Deelname GR\n\nBeslispunten\n\n1. in te stemmen met de regeling\n2. de raad te informeren\n"
    assert import_bytes(text.encode(), "rv.txt").to_json()["decisions"] == []


def test_several_caps_labels_on_one_line():
    text = """BESLISSINGSFORMULIER COLLEGE

CASENUMMER 12G200404 BEHANDELEND AMBTENAAR P. Pietersen SECTOR Samenleving
ONDERWERP Regionale samenwerking sociale zaken PORT.HOUD. J. de Vries
GERAADPLEEGDE ADVIESORGANEN Adviesraad Inkomen en Arbeid

ONTWERPBESLUIT

Het college besluit in te stemmen met de hoofdlijnennotitie.
"""
    data = import_bytes(text.encode(), "bf.txt").to_json()
    h = data["header"]
    assert data["kind"] == "collegebesluit"
    assert h["kenmerk"] == "12G200404"
    assert h["contact"] == "P. Pietersen; Samenleving"
    assert h["onderwerp"] == "Regionale samenwerking sociale zaken"
    assert h["portefeuillehouder"] == "J. de Vries"
    assert h["adviesorganen"] == "Adviesraad Inkomen en Arbeid"
    assert [s["type"] for s in data["sections"]] == ["besluit"]


def test_raadsinformatiebrief_of_another_municipality():
    """A made-up brief in a common layout: labels with colons, salutation, question headings, signature."""
    from pathlib import Path

    data = import_bytes((Path(__file__).parent / "fixtures" / "raadsinformatiebrief-voorbeeld.txt").read_bytes(), "rib.txt").to_json()
    assert data["kind"] == "raadsinformatiebrief"
    assert data["organisation"] == "gemeente Heiloo"  # from the addressee and the signature
    assert data["header"]["kenmerk"] == "Z-21-12345" and data["header"]["datum"] == "2021-10-12"
    assert [(s["type"], s["heading"]) for s in data["sections"]] == [
        ("tekst", ""), ("aanleiding", "Aanleiding"), ("tekst", "Wat is er gebeurd?"), ("vervolg", "Hoe verder?")]
    got = {(d["municipality"]["code"], d["outcome"], d["date"]) for d in data["decisions"]}
    assert ("GM0399", "agree", "2021-09-15") in got  # "ons college" is the sender
    assert ("GM1980", "agree", None) in got and ("GM0373", "reject", None) in got


def test_docx_from_another_writer_with_bold_headings_and_a_label_table():
    import io

    import docx

    d = docx.Document()
    d.add_paragraph().add_run("Gemeente Castricum").bold = True
    d.add_paragraph("RAADSINFORMATIEBRIEF")
    table = d.add_table(rows=0, cols=2)
    for label, value in [("Datum", "3 maart 2021"), ("Zaaknummer", "BB21.00285"), ("Onderwerp", "Regionale samenwerking"),
                         ("Behandelaar", "T. Visser"), ("Agendapunt", "")]:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    d.add_paragraph().add_run("Samenvatting").bold = True
    d.add_paragraph("Het college van Castricum heeft op 2 maart 2021 ingestemd met het plan.")
    d.add_paragraph().add_run("Wat betekent dit voor inwoners").bold = True
    d.add_paragraph("Voor inwoners verandert er niets.")
    d.add_paragraph("eerste stap", style="List Number")
    d.add_paragraph("tweede stap", style="List Number")
    buf = io.BytesIO()
    d.save(buf)
    data = import_bytes(buf.getvalue(), "rib.docx").to_json()
    assert data["kind"] == "raadsinformatiebrief" and data["organisation"] == "gemeente Castricum"
    assert data["header"]["datum"] == "2021-03-03" and data["header"]["kenmerk"] == "BB21.00285"
    assert data["header"]["contact"] == "T. Visser" and "agendering" not in data["header"]
    assert [(s["type"], s["heading"]) for s in data["sections"]] == [("kernboodschap", "Samenvatting"), ("tekst", "Wat betekent dit voor inwoners")]
    assert data["sections"][1]["text"] == "Voor inwoners verandert er niets.\n\n- eerste stap\n- tweede stap"
    assert [(d["municipality"]["code"], d["outcome"], d["date"]) for d in data["decisions"]] == [("GM0383", "agree", "2021-03-02")]
