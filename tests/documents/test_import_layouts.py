"""Every header layout and decision form the importer knows, each in a small made-up document."""

import pytest

from regiokompas.documents.importer import import_bytes


def imported(text: str) -> dict:
    return import_bytes(text.encode(), "stuk.txt").to_json()


def value(data: dict, name: str):
    return data["fields"][name]["value"]


def test_label_colon_value_lines():
    data = imported("RAADSINFORMATIEBRIEF\n\nDatum: 3 maart 2015\nOnderwerp: Werkplein\nKenmerk: K-1\n"
                    "Portefeuillehouder: wethouder drs. A. Smit\nInlichtingen bij: mevrouw B. Kok, telefoon 0123 456789\n\n"
                    "Geachte raad,\n\nTekst.\n")
    assert data["kind"] == "raadsinformatiebrief"
    assert (value(data, "datum"), value(data, "onderwerp"), value(data, "portefeuillehouder"), value(data, "contact")) == (
        "2015-03-03", "Werkplein", "A. Smit", "B. Kok")
    assert data["fields"]["datum"]["source"] == "Datum: 3 maart 2015"


def test_labels_and_values_on_alternating_lines():
    data = imported("Collegebesluit\n\nOnderwerp\nInkoop beschut werk\nZaaknummer\nZ-9\nDatum\n4 april 2019\n\nBesluit\nTekst.\n")
    assert (data["kind"], value(data, "onderwerp"), value(data, "datum"), value(data, "kenmerk")) == (
        "collegebesluit", "Inkoop beschut werk", "2019-04-04", "Z-9")


def test_all_labels_first_then_all_values():
    data = imported("Raadsinformatiebrief\n\nDatum\nKenmerk\nOnderwerp\n12 april 2022\nRIB-7\nStand van zaken\n\nGeachte raad,\n\nTekst.\n")
    assert (value(data, "datum"), value(data, "kenmerk"), value(data, "onderwerp")) == ("2022-04-12", "RIB-7", "Stand van zaken")


def test_labels_and_values_in_columns_of_a_flattened_table():
    data = imported("GEMEENTE GOES\nGELEIDEFORMULIER\n\nZaaknummer      Registratienummer\nZ-1         R-2\n\n"
                    "Onderwerp        Beschut werk\nBehandelaar      K. Kok\n\nVoorstel\nTekst.\n")
    assert [k["value"] for k in data["kenmerken"]] == ["Z-1", "R-2"]
    assert [k["label"] for k in data["kenmerken"]] == ["Zaaknummer", "Registratienummer"]
    assert (value(data, "onderwerp"), value(data, "contact"), value(data, "afzender")) == ("Beschut werk", "K. Kok", "gemeente Goes")


def test_header_table_rows():
    data = imported("| Raadsvoorstel | |\n|---|---|\n| Onderwerp | Leerwerkloket |\n| Datum | 8 mei 2020 |\n\nTekst.\n")
    assert (data["kind"], value(data, "onderwerp"), value(data, "datum")) == ("raadsvoorstel", "Leerwerkloket", "2020-05-08")


def test_letterhead_with_place_and_date_and_an_organisation_as_sender():
    data = imported("Stichting Werkbedrijf Oost\nPostbus 1\n7000 AA Doetinchem\n\nDoetinchem, 3 maart 2015\n\n"
                    "Ons kenmerk: O-1\nUw kenmerk: U-2\nBetreft: jaarverslag\n\nGeachte colleges,\n\nTekst.\n")
    assert data["kind"] == "brief"
    assert (value(data, "datum"), value(data, "afzender"), value(data, "onderwerp")) == ("2015-03-03", "Stichting Werkbedrijf Oost", "jaarverslag")
    assert [(k["label"], k["value"]) for k in data["kenmerken"]] == [("Ons kenmerk", "O-1"), ("Uw kenmerk", "U-2")]


@pytest.mark.parametrize("written,iso,precision", [
    ("3 maart 2015", "2015-03-03", "day"), ("03-03-2015", "2015-03-03", "day"), ("drie maart tweeduizend vijftien", "2015-03-03", "day"),
    ("maart 2015", "2015-03", "month"), ("2015", "2015", "year"),
])
def test_dates_in_words_or_numbers_with_their_precision(written, iso, precision):
    data = imported(f"MEMO\n\nDatum: {written}\nOnderwerp: x\n\nTekst.\n")
    assert value(data, "datum") == iso and data["fields"]["datum"]["precision"] == precision


def test_onderwerp_from_the_first_line_and_the_sender_from_the_cbs_list():
    data = imported("Nieuwsbrief voor raadsleden – juni 2021\n\nSamen aan het werk\n\nTekst over gemeente Súdwest-Fryslân.\n")
    assert (data["kind"], value(data, "onderwerp"), value(data, "datum")) == ("digitale_nieuwsbrief", "Samen aan het werk", "2021-06")
    assert data["fields"]["datum"]["precision"] == "month"
    assert value(data, "afzender") == "gemeente Súdwest-Fryslân"


def test_bijlage_takes_its_onderwerp_from_the_proposal_it_belongs_to():
    data = imported("Bijlage 2 bij raadsvoorstel Herijking werk\n\nGemeente Ede\n\nTabel.\n")
    assert (data["kind"], value(data, "onderwerp"), value(data, "afzender")) == ("bijlage", "Herijking werk", "gemeente Ede")


def test_raadsbesluit_formula_is_a_decision_of_the_raad_with_its_meeting_date():
    data = imported("RAADSBESLUIT\n\nDe raad van de gemeente Oss;\n\ngelezen het voorstel van burgemeester en wethouders van 3 mei 2020;\n\n"
                    "besluit:\n\nI. in te stemmen met de regeling;\nII. het college te machtigen.\n\n"
                    "Aldus vastgesteld in de openbare vergadering van 28 mei 2020.\n")
    b = data["besluit"]
    assert (data["kind"], b["type"], b["body"], b["points"]) == (
        "raadsbesluit", "decision", "raad", ["in te stemmen met de regeling;", "het college te machtigen."])
    assert value(data, "datum") == "2020-05-28" and value(data, "afzender") == "gemeente Oss"


@pytest.mark.parametrize("text,kind,type_,body", [
    ("RAADSVOORSTEL\n\nOnderwerp: x\n\nVoorgesteld besluit\n1. in te stemmen;\n2. te dekken.\n", "raadsvoorstel", "proposal", "raad"),
    ("Raadsvoorstel\n\nOnderwerp: x\n\nDe raad wordt voorgesteld:\n1. in te stemmen;\n2. te dekken.\n", "raadsvoorstel", "proposal", "raad"),
    ("Raadsbesluit (ontwerp)\n\nDe raad van de gemeente Oss;\n\nbesluit:\n1. in te stemmen;\n2. te dekken.\n", "raadsbesluit", "proposal", "raad"),
    ("Beslisformulier\n\nOnderwerp: x\n\nAdvies\n1. in te stemmen;\n2. te dekken.\n\nBesluit college\nConform advies.\n",
     "collegebesluit", "decision", "college"),
    ("Beslisformulier\n\nOnderwerp: x\n\nAdvies\n1. in te stemmen;\n2. te dekken.\n", "collegebesluit", "proposal", "college"),
    ("Werkorganisatie West\n\nKenmerk: W-1\nOnderwerp: x\n\nGeachte raden,\n\nHet algemeen bestuur heeft op 9 februari 2023 besloten:\n"
     "1. de begroting te zenden;\n2. de bijdrage te verhogen.\n\nHoogachtend,\n", "brief", "decision", "algemeen_bestuur"),
])
def test_proposal_or_decision_with_its_body_and_numbered_points(text, kind, type_, body):
    data = imported(text)
    b = data["besluit"]
    assert (data["kind"], b["type"], b["body"], len(b["points"])) == (kind, type_, body, 2)
    assert b["source"] and 0 < b["confidence"] <= 1


def test_decision_of_the_algemeen_bestuur_takes_the_meeting_date():
    data = imported("Werkorganisatie West\n\nOnderwerp: x\n\nHet algemeen bestuur heeft op 9 februari 2023 besloten:\n"
                    "1. de begroting te zenden;\n2. de bijdrage te verhogen.\n")
    assert data["besluit"]["date"] == "2023-02-09"


def test_kind_is_scored_not_read_from_one_word():
    # "brief" in a sentence and a salutation do not make a raadsinformatiebrief a letter
    data = imported("Raadsinformatiebrief\n\nOnderwerp: x\n\nGeachte raad,\n\nIn de brief van het ministerie staat niets.\n\n"
                    "Met vriendelijke groet,\n")
    assert data["kind"] == "raadsinformatiebrief" and data["fields"]["soort"]["confidence"] >= 0.5
    # without a title the formula of a besluit decides
    data = imported("De raad van de gemeente Oss;\n\ngelezen het voorstel van burgemeester en wethouders;\n\nbesluit:\n\n"
                    "1. in te stemmen.\n\nAldus vastgesteld in de openbare vergadering van 28 mei 2020.\n")
    assert data["kind"] == "raadsbesluit" and data["kind_scores"]["raadsbesluit"] > 0
