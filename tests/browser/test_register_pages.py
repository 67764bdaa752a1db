"""A policy adviser of Bergen records a decision in a real browser; the pages pass axe (WCAG 2.1 AA)."""

import pytest
from tests.browser.support import assert_accessible, login

from regiokompas.accounts.actors import SystemActor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_and_overview_pages_are_accessible(page, site):
    page.goto(f"{site.url}/inloggen/")
    assert_accessible(page)
    login(page, site.url, "raadslid-bergen")
    assert_accessible(page)
    page.get_by_role("link", name="Regionale samenwerking uitvoering Participatiewet").click()
    matrix = page.get_by_role("table", name="Besluit per orgaan")
    assert matrix.get_by_role("row", name="Bergen").get_by_text("niet ingestemd").count() == 1
    assert page.get_by_text("BUCH werkorganisatie werkt voor gemeenten die doorgaan").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Bergen (NH.)").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Gemeente Bergen (NH.)"
    assert_accessible(page)


def test_record_a_decision_with_an_error_then_correctly(page, site):
    from regiokompas.register import services as s
    from regiokompas.register.models import Gate, Trajectory

    t = Trajectory.objects.get(slug="alkmaar-participatiewet-2019")
    gate = s.save_object(SystemActor("test"), Gate(trajectory=t, ordinal=4, title="Evaluatie van de samenwerking"))
    login(page, site.url, "bergen")
    page.goto(f"{site.url}/besluitmomenten/{gate.pk}/")
    row = page.get_by_role("row", name="Bergen (NH.)")
    row.get_by_role("link", name="Besluit vastleggen").click()
    page.get_by_label("ingestemd onder voorwaarden").check()
    page.get_by_label("Datum van het besluit").fill("31-02-2024")
    page.get_by_role("button", name="Besluit opslaan").click()
    assert page.get_by_role("alert").get_by_text("Het formulier is niet opgeslagen").is_visible()
    # the message stands at the field and, with a link to the field, in the summary
    assert page.get_by_text("'31-02-2024' bestaat niet als datum").count() == 2
    assert page.get_by_role("alert").get_by_role("link", name="Datum van het besluit").is_visible()
    assert_accessible(page)
    page.get_by_label("Datum van het besluit").fill("01-02-2024")
    page.get_by_role("textbox", name="Voorwaarden").fill("Eerst een vergelijking van de kosten per gemeente")
    page.get_by_role("button", name="Besluit opslaan").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Besluit van college van B&W Bergen")
    assert page.get_by_text("Eerst een vergelijking van de kosten per gemeente").is_visible()
    assert_accessible(page)
    # other municipalities' users get no form
    page.goto(f"{site.url}/besluitmomenten/{gate.pk}/besluit/GM0361/")
    assert page.get_by_role("heading", name="Geen toegang").is_visible()


def test_college_proposal_and_raad_decision_in_a_region_outside_the_example(page, site):
    """Gouda records a college proposal and a raad decision known to the month; the matrix, the gate
    page, the decision page and the arrangement pages show both bodies and pass axe."""
    import datetime as dt

    from django.contrib.auth import get_user_model

    from regiokompas.accounts.models import Profile
    from regiokompas.accounts.services import set_membership
    from regiokompas.register import constants as c
    from regiokompas.register import services as s
    from regiokompas.register.dates import FuzzyDate
    from regiokompas.register.models import Gate, JointArrangement, Municipality, Trajectory

    munis = [Municipality.objects.get(cbs_code=code) for code in ("GM0513", "GM1901", "GM1931", "GM1892")]
    t = s.save_object(SystemActor("test"), Trajectory(slug="werk-midden-holland", name="Werk Midden-Holland", source="test"))
    for muni in munis:
        s.add_participant(SystemActor("test"), t, muni, source="test")
    s.save_gate(SystemActor("test"), Gate(trajectory=t, ordinal=1, title="Informatieavond raden", kind=c.GateKind.INFORMATION, bodies=["raad"], source="test"))
    gate = s.save_gate(SystemActor("test"), Gate(trajectory=t, ordinal=2, title="Oprichting werkbedrijf", bodies=["college", "raad"], source="test"))
    old = s.save_arrangement(SystemActor("test"), JointArrangement(name="GR De Oude Rijn", legal_form=c.LegalForm.OPENBAAR_LICHAAM, source="test"), participants=munis)
    new = s.save_arrangement(SystemActor("test"), JointArrangement(name="GR Werkbedrijf Groene Hart", legal_form=c.LegalForm.OPENBAAR_LICHAAM, source="test"),
                             participants=munis)
    s.record_succession(SystemActor("test"), new, [old], c.SuccessionKind.AMENDED, date=FuzzyDate(dt.date(2019, 1, 1), "year"), source="test")
    s.record_appointment(SystemActor("test"), s.AppointmentInput(new, "algemeen_bestuur", munis[0], person_name="R. de Wit", source="test"))
    user = get_user_model().objects.create_user("gouda", password="regiokompas-demo")
    profile = Profile.objects.create(user=user, role="beleidsmedewerker", municipality=munis[0])
    set_membership(SystemActor("test"), profile, [t])  # staff record decisions in trajectories they take part in

    login(page, site.url, "gouda")
    page.goto(f"{site.url}/besluitmomenten/{gate.pk}/")
    assert_accessible(page)
    row = page.get_by_role("row", name="Gouda")
    row.get_by_role("link", name="Besluit vastleggen (college van B&W Gouda)").click()
    page.get_by_label("voorgesteld aan de raad").check()
    page.get_by_label("Datum van het besluit").fill("11-02-2025")
    page.get_by_role("button", name="Besluit opslaan").click()
    page.goto(f"{site.url}/besluitmomenten/{gate.pk}/")
    page.get_by_role("row", name="Gouda").get_by_role("link", name="Besluit vastleggen (gemeenteraad Gouda)").click()
    assert page.get_by_label("gemeenteraad").is_checked()
    page.get_by_label("ingestemd", exact=True).check()
    page.get_by_label("Datum van het besluit").fill("03-2025")
    page.get_by_role("button", name="Besluit opslaan").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Besluit van gemeenteraad Gouda"
    assert page.get_by_text("maart 2025").first.is_visible()
    assert_accessible(page)
    page.goto(f"{site.url}/trajecten/{t.slug}/")
    cell = page.get_by_role("table", name="Besluit per orgaan").get_by_role("row", name="Gouda")
    assert cell.get_by_text("voorgesteld aan de raad").count() == 1 and cell.get_by_text("maart 2025").count() == 1
    assert_accessible(page)
    page.goto(f"{site.url}/regelingen/{new.pk}/")
    assert page.get_by_text("gewijzigde regeling (zelfde rechtspersoon)").is_visible()
    assert_accessible(page)
    page.goto(f"{site.url}/regelingen/")
    assert_accessible(page)
