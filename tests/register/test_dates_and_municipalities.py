"""Dates as precise as their source, and every CBS municipality in the register after `migrate`."""

import datetime as dt

import pytest
from tests.register.helpers import database_counts

from regiokompas.data import municipalities as csv_rows
from regiokompas.register import constants as c
from regiokompas.register.dates import DateInputError, FuzzyDate
from regiokompas.register.forms import FuzzyDateField
from regiokompas.register.models import Municipality
from regiokompas.register.municipalities import SOURCE, load_municipalities
from regiokompas.register.templatetags.dutch_format import dutch_date, fuzzy_date

P = c.DatePrecision


# --- one representation of a date with its precision --------------------------------------------


@pytest.mark.parametrize("text, value, precision, dutch, iso", [
    ("03-03-2015", dt.date(2015, 3, 3), P.DAY, "3 maart 2015", "2015-03-03"),
    ("3-3-2015", dt.date(2015, 3, 3), P.DAY, "3 maart 2015", "2015-03-03"),
    ("03-2015", dt.date(2015, 3, 1), P.MONTH, "maart 2015", "2015-03"),
    ("2015", dt.date(2015, 1, 1), P.YEAR, "2015", "2015"),
    ("", None, P.UNKNOWN, "datum onbekend", None),
    ("  ", None, P.UNKNOWN, "datum onbekend", None),
    ("2015-03-03", dt.date(2015, 3, 3), P.DAY, "3 maart 2015", "2015-03-03"),
    ("03/03/2015", dt.date(2015, 3, 3), P.DAY, "3 maart 2015", "2015-03-03"),
])
def test_parse_and_show(text, value, precision, dutch, iso):
    fuzzy = FuzzyDate.parse(text)
    assert (fuzzy.value, fuzzy.precision, fuzzy.dutch(), fuzzy.iso()) == (value, precision, dutch, iso)
    assert FuzzyDate.parse(fuzzy.input_text()) == fuzzy


@pytest.mark.parametrize("text", ["31-02-2024", "13-2024", "2024/13/45", "maart", "15", "1-1-13", "00-2015"])
def test_bad_dates_give_a_dutch_message(text):
    with pytest.raises(DateInputError, match="datum"):
        FuzzyDate.parse(text)


@pytest.mark.parametrize("text, fuzzy", [
    ("2015-03-03", FuzzyDate(dt.date(2015, 3, 3))), ("2015-03", FuzzyDate(dt.date(2015, 3, 1), P.MONTH)),
    ("2015", FuzzyDate(dt.date(2015, 1, 1), P.YEAR)), (None, FuzzyDate.unknown()),
])
def test_api_form(text, fuzzy):
    assert FuzzyDate.parse_iso(text) == fuzzy and fuzzy.iso() == text
    with pytest.raises(DateInputError, match="JJJJ-MM-DD, JJJJ-MM of JJJJ"):
        FuzzyDate.parse_iso("03-03-2015")


def test_ranges_of_a_month_and_a_year():
    march = FuzzyDate(dt.date(2024, 2, 17), P.MONTH)
    assert march.value == dt.date(2024, 2, 1) and march.latest == dt.date(2024, 2, 29)
    year = FuzzyDate(dt.date(2015, 7, 1), P.YEAR)
    assert (year.earliest, year.latest) == (dt.date(2015, 1, 1), dt.date(2015, 12, 31))
    assert year.certainly_before(FuzzyDate(dt.date(2016, 1, 1))) and not year.certainly_before(FuzzyDate(dt.date(2015, 12, 1), P.MONTH))


def test_display_filters_never_invent_a_first_of_january():
    assert dutch_date(dt.date(2015, 1, 1), "year") == "2015"
    assert dutch_date(dt.date(2015, 3, 1), "month") == "maart 2015"
    assert dutch_date(None) == "datum onbekend" and dutch_date(dt.date(2015, 1, 1), "unknown") == "datum onbekend"

    class Obj:
        start_date, start_precision = dt.date(2012, 1, 1), "month"
        planned_date, planned_date_precision = None, "unknown"

    assert fuzzy_date(Obj(), "start_date") == "januari 2012" and fuzzy_date(Obj(), "planned_date") == "datum onbekend"


def test_form_field_accepts_day_month_year_or_empty():
    field = FuzzyDateField(allow_future=False)
    assert field.clean("04-2012") == FuzzyDate(dt.date(2012, 4, 1), P.MONTH)
    assert field.clean("") == FuzzyDate.unknown()
    assert field.prepare_value(FuzzyDate(dt.date(2012, 4, 1), P.MONTH)) == "04-2012"
    from django import forms

    with pytest.raises(forms.ValidationError, match="toekomst"):
        field.clean(str(dt.date.today().year + 1))
    with pytest.raises(forms.ValidationError, match="is geen datum"):
        field.clean("april 2012")
    with pytest.raises(forms.ValidationError, match="Vul een datum in"):
        FuzzyDateField(required=True).clean("")


# --- municipalities -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_cbs_municipality_is_in_the_register_after_migrate():
    codes = {r["cbs_code"] for r in csv_rows()}
    assert codes <= set(Municipality.objects.values_list("cbs_code", flat=True))
    assert Municipality.objects.filter(valid_to__isnull=True, cbs_code__in=codes).count() == 342


@pytest.mark.django_db
def test_validity_and_successors_follow_the_cbs_list():
    get = Municipality.objects.get
    alkmaar, graft, schermer = get(cbs_code="GM0361"), get(cbs_code="GM0365"), get(cbs_code="GM0458")
    # a merger into an existing municipality keeps it valid: Alkmaar existed before 2015
    assert alkmaar.valid_from is None and alkmaar.exists_on(dt.date(2012, 4, 3))
    assert graft.valid_to == dt.date(2014, 12, 31) and graft.successor == alkmaar and schermer.successor == alkmaar
    assert graft.successor_on(dt.date(2016, 1, 1)) == alkmaar
    # a new municipality begins the day after its predecessors ended
    eemsdelta = get(cbs_code="GM1979")
    assert eemsdelta.valid_from == dt.date(2021, 1, 1) and not eemsdelta.exists_on(dt.date(2020, 6, 1))
    assert get(cbs_code="GM0010").successor == eemsdelta
    assert get(cbs_code="GM1980").valid_from == dt.date(2022, 1, 1)
    # existing municipalities that absorbed others keep their start open
    for code in ("GM0014", "GM0080", "GM0363", "GM0599", "GM0983"):  # Groningen, Leeuwarden, Amsterdam, Rotterdam, Venlo
        assert get(cbs_code=code).valid_from is None, code
    # a split municipality has no single successor; its note says where it went
    haaren = get(cbs_code="GM0788")
    assert haaren.successor is None and "Vught" in haaren.note and haaren.valid_to == dt.date(2020, 12, 31)
    assert get(cbs_code="GM0373").name == "Bergen (NH.)" and get(cbs_code="GM0373").province == "Noord-Holland"


@pytest.mark.django_db
def test_loading_again_changes_nothing_and_updates_by_cbs_code():
    counts = database_counts()
    result = load_municipalities()
    assert result.created == [] and result.updated == [] and database_counts() == counts
    gouda = Municipality.objects.get(cbs_code="GM0513")
    gouda.name, gouda.valid_to = "Goudа (typo)", dt.date(2030, 1, 1)
    gouda.save()
    bergen = Municipality.objects.get(cbs_code="GM0373")
    result = load_municipalities()
    assert result.updated == ["GM0513"]
    gouda.refresh_from_db()
    assert gouda.name == "Gouda" and gouda.valid_to is None
    # sources and population figures recorded with the example stay
    assert Municipality.objects.get(cbs_code="GM0373").source == bergen.source != SOURCE
    assert bergen.population_figures.exists()


@pytest.mark.django_db
def test_load_municipalities_command(capsys):
    from regiokompas.cli import main

    assert main(["load-municipalities"]) == 0
    assert "0 gemeenten toegevoegd, 0 bijgewerkt" in capsys.readouterr().out


@pytest.mark.django_db
def test_pages_say_when_no_population_is_known(client, users):
    client.force_login(users["bergen"])
    page = client.get("/gemeenten/GM0513/").content.decode()
    assert "Geen inwonertal bekend" in page and "Zuid-Holland" in page
    assert "Geen inwonertal bekend" not in client.get("/gemeenten/GM0373/").content.decode()
