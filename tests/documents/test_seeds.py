"""Both seed documents import with the header fields, sections, municipalities and decisions right."""

from regiokompas.documents.importer import import_file

from .helpers import MEMO_2012, NIEUWSBRIEF_2020


def codes(items):
    return [m["code"] for m in items]


def test_memo_2012_header_and_sections():
    data = import_file(str(MEMO_2012)).to_json()
    assert data["kind"] == "memo"
    assert data["status"] == "definitief"
    assert data["organisation"] == "gemeente Bergen"
    h = data["header"]
    assert h["datum"] == "2012-05-29"
    assert h["aan"] == "Gemeenteraad"
    assert h["van"] == "College"
    assert h["onderwerp"] == "Hoofdlijnennotitie regionale samenwerking sociale zaken"
    assert h["portefeuillehouder"] == "Jan Mesu"
    assert h["contact"] == "Eline van Braak"
    assert h["kenmerk"] is None
    assert [(s["type"], s["heading"]) for s in data["sections"]] == [
        ("aanleiding", "Aanleiding"),
        ("kernboodschap", "Kernboodschap"),
        ("besluit", "Besluit college"),
        ("bijlagen", "Bijlagen"),
    ]
    assert "actieve informatieplicht" in data["sections"][0]["text"]
    assert data["attachments"] == ["Hoofdlijnennotitie Dienstverleningsmodel"]
    assert codes(data["municipalities"]) == ["GM0373"]  # "regio Alkmaar" is a region, not the municipality


def test_memo_2012_hold_with_two_conditions():
    data = import_file(str(MEMO_2012)).to_json()
    decisions = data["decisions"]
    assert decisions and all(d["municipality"]["code"] == "GM0373" for d in decisions)
    assert {d["outcome"] for d in decisions} == {"hold"}
    dated = [d for d in decisions if d["date"] == "2012-04-03"]
    assert dated and "3 april jl." in dated[0]["sentence"]
    with_conditions = [d for d in decisions if d["conditions"]]
    assert len(with_conditions) == 1
    conditions = with_conditions[0]["conditions"]
    assert len(conditions) == 2
    assert conditions[0].startswith("een uitgebreide analyse van verschillende dienstverleningsmodellen")
    assert conditions[1] == "een procesbeschrijving voor de communicatie met en het betrekken van de ondernemingsraden"
    assert "te vroeg is om in te stemmen met de Hoofdlijnennotitie" in with_conditions[0]["sentence"]


def test_nieuwsbrief_2020_header_and_sections():
    data = import_file(str(NIEUWSBRIEF_2020)).to_json()
    assert data["kind"] == "digitale_nieuwsbrief"
    assert data["status"] == "concept"
    assert data["organisation"] == "gemeente Bergen"
    assert data["header"]["onderwerp"].startswith("Bergen maakt pas op de plaats in de regionale samenwerking Participatiewet")
    assert [(s["type"], s["heading"]) for s in data["sections"]] == [
        ("kernboodschap", "KERNBOODSCHAP"),
        ("tekst", "TEKST"),
        ("aanleiding", "Inleiding"),
        ("tekst", "Tevreden over de huidige dienstverlening"),
        ("vervolg", "Vervolg"),
    ]
    texts = {s["heading"]: s["text"] for s in data["sections"]}
    # the repeated page header "gemeente BERGEN" is gone and the sentences it broke are whole again
    assert "gemeente BERGEN" not in " ".join(texts.values())
    assert "voor de gemeente Bergen en voor de BUCH werkorganisatie" in texts["Vervolg"]
    assert "door de bestuurders vastgestelde uitgangspunten" in texts["Inleiding"]
    assert set(codes(data["municipalities"])) == {"GM0373", "GM0361", "GM0383", "GM0398", "GM0399", "GM0416", "GM0450"}


def test_nieuwsbrief_2020_decisions():
    data = import_file(str(NIEUWSBRIEF_2020)).to_json()
    by = {}
    for d in data["decisions"]:
        by.setdefault(d["municipality"]["code"], []).append(d)
    # Bergen does not agree
    assert any(d["outcome"] == "reject" for d in by["GM0373"])
    assert not any(d["outcome"] == "agree" and d["date"] is None for d in by["GM0373"])
    # the five continue
    for code in ("GM0361", "GM0398", "GM0416", "GM0383", "GM0399"):
        continuing = [d for d in by[code] if d["outcome"] == "agree" and d["date"] is None]
        assert continuing and "wel verder te gaan" in continuing[0]["sentence"], code
    # Uitgeest not
    assert [d["outcome"] for d in by["GM0450"]] == ["reject"]
    # the 2019 pilots: six colleges agreed, with the year as date
    pilots = [d for d in data["decisions"] if d["date"] == "2019"]
    assert {d["municipality"]["code"] for d in pilots} == {"GM0361", "GM0373", "GM0383", "GM0398", "GM0399", "GM0416"}
