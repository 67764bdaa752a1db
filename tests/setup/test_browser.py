"""A new region sets up and runs its trajectory on Regiokompas's own pages, in a real browser.

From an empty database plus the demo accounts: the beheerder creates a projectleider; she creates
the trajectory for four municipalities that are not in the example, a joint arrangement that
succeeds an older one, an information moment and a gate decided by college and raad, and a user per
municipality; each municipality records the college's proposal and the raad's decision (one with a
month-precision date, one with conditions that are fulfilled and then the decision corrected, the
conditions intact); the decision matrix shows both bodies. Every page visited passes axe (WCAG 2.1
A/AA) and no request goes to the Django admin (/beheer/).

With REGIOKOMPAS_SCREENSHOTS=docs/img the screenshots of the user guide's chapter "Een nieuw traject
opzetten" are written there (small PNGs)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from tests.browser.support import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REGION = {"GM0995": "Lelystad", "GM0303": "Dronten", "GM0171": "Noordoostpolder", "GM0184": "Urk"}
PASSWORD = "Kompas-Regio-Sterk-2025"
SLUG = "noord-flevoland-werk-en-inkomen"


@pytest.fixture
def empty_site(live_server, transactional_db):
    """An empty register (every Dutch municipality, nothing else) plus the demo accounts."""
    from django.core.management import call_command

    from regiokompas.accounts.actors import SYSTEM
    from regiokompas.accounts.demo import create_demo_accounts
    from regiokompas.register.models import Gate, Municipality, Trajectory
    from regiokompas.register.municipalities import load_municipalities

    call_command("flush", interactive=False, verbosity=0)  # whatever an earlier test left
    load_municipalities(SYSTEM)
    create_demo_accounts()
    assert not Trajectory.objects.exists() and not Gate.objects.exists()
    assert Municipality.objects.filter(valid_to__isnull=True).count() >= 340
    return live_server


class Visit:
    """Drives the pages: checks every page it lands on with axe and keeps every address requested."""

    def __init__(self, page, base_url: str, shots: Path | None):
        self.page, self.base, self.shots = page, base_url, shots
        self.requested: list[str] = []
        page.on("request", lambda request: self.requested.append(request.url))

    def check(self, shot: str | None = None):
        assert self.page.locator("h1").count() == 1
        assert_accessible(self.page)
        if shot and self.shots is not None:
            self.screenshot(shot)

    def screenshot(self, name: str):
        from PIL import Image

        target = self.shots / f"{name}.png"
        self.page.screenshot(path=str(target))
        image = Image.open(target).convert("RGB")
        image.thumbnail((900, 900))
        image.quantize(colors=64).save(target, optimize=True)

    def go(self, path: str, shot: str | None = None):
        self.page.goto(f"{self.base}{path}")
        self.check(shot)

    def click(self, name: str, *, role: str = "link", shot: str | None = None):
        self.page.get_by_role(role, name=name, exact=True).first.click()
        self.page.wait_for_load_state()
        self.check(shot)

    def submit(self, name: str, shot: str | None = None, *, refused: bool = False):
        """Press a button; unless the input is meant to be refused, the page shows no error summary."""
        self.page.get_by_role("button", name=name, exact=True).first.click()
        self.page.wait_for_load_state()
        summary = self.page.locator("#fouten")
        if refused:
            assert summary.count() == 1, "het formulier had geweigerd moeten worden"
        else:
            assert summary.count() == 0, summary.inner_text()
        self.check(shot)

    def login(self, username: str, password: str):
        self.page.goto(f"{self.base}/inloggen/")
        self.page.get_by_label("Gebruikersnaam").fill(username)
        self.page.get_by_label("Wachtwoord").fill(password)
        self.page.get_by_role("button", name="Inloggen").click()
        self.page.wait_for_url(f"{self.base}/trajecten/")
        self.check()

    def logout(self):
        self.page.get_by_role("button", name="Uitloggen").click()
        self.page.wait_for_load_state()

    def alert(self) -> str:
        return self.page.get_by_role("alert").inner_text()


@pytest.fixture
def visit(browser, empty_site):
    shots = os.environ.get("REGIOKOMPAS_SCREENSHOTS")
    directory = Path(shots) if shots else None
    if directory is not None:
        directory.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(locale="nl-NL", viewport={"width": 1100, "height": 900})
    context.set_default_timeout(10_000)
    v = Visit(context.new_page(), empty_site.url, directory)
    yield v
    context.close()


def field(page, label: str):
    """The form field with this label; an optional field's label ends in '(niet verplicht)'."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \(niet verplicht\))?$"))


def _fill(page, label: str, value: str):
    field(page, label).fill(value)


def test_a_new_region_sets_up_and_runs_its_trajectory_without_the_admin(visit):
    from django.contrib.auth import get_user_model

    from regiokompas.register.models import Condition, Decision, Gate, JointArrangement, Trajectory

    page = visit.page
    User = get_user_model()

    # --- the beheerder creates a projectleider ---------------------------------------------------
    visit.login("beheer", "regiokompas-demo")
    visit.click("Inrichting", shot="inrichting-beheerder")
    visit.click("Gebruikers en toegang")
    visit.click("Nieuwe gebruiker")
    users_before = User.objects.count()
    visit.submit("Gebruiker opslaan", refused=True)  # nothing filled in: a Dutch summary naming the fields, nothing saved
    assert "Het formulier is niet opgeslagen" in visit.alert()
    assert "Gebruikersnaam: Vul dit veld in." in visit.alert() and "Rol: Vul dit veld in." in visit.alert()
    assert User.objects.count() == users_before
    _fill(page, "Gebruikersnaam", "pl-noordflevoland")
    _fill(page, "Voornaam", "Fenna")
    _fill(page, "Achternaam", "de Vries")
    _fill(page, "E-mailadres", "f.devries@example.org")
    page.get_by_label("projectleider (projectorganisatie)").check()
    _fill(page, "Startwachtwoord", PASSWORD)
    visit.check("gebruiker-projectleider")
    visit.submit("Gebruiker opslaan")
    assert "Gebruiker 'pl-noordflevoland' aangemaakt" in page.get_by_role("status").inner_text()
    assert User.objects.get(username="pl-noordflevoland").profile.role == "projectleider"
    visit.logout()

    # --- the projectleider creates the trajectory -------------------------------------------------
    visit.login("pl-noordflevoland", PASSWORD)
    visit.click("Nieuw traject")
    visit.submit("Traject opslaan", refused=True)
    assert "Naam: Vul dit veld in." in visit.alert() and "Deelnemende gemeenten: Kies ten minste één deelnemende gemeente." in visit.alert()
    assert not Trajectory.objects.exists()
    _fill(page, "Naam", "Werk en inkomen Noord-Flevoland")
    _fill(page, "Korte naam (in webadressen)", SLUG)
    _fill(page, "Domein", "Participatiewet en Wsw")
    _fill(page, "Doel", "De vier gemeenten onderzoeken of zij de uitvoering van de Participatiewet samen organiseren.")
    _fill(page, "Start van het traject", "03-2025")
    _fill(page, "Nieuwe regio", "Noord-Flevoland")
    _fill(page, "Nieuwe projectorganisatie", "Projectbureau Werk Noord-Flevoland")
    _fill(page, "Andere wet: naam", "Participatiewet")
    _fill(page, "Andere wet: afkorting", "Pw")
    _fill(page, "Gemeente zoeken (naam, CBS-code of provincie)", "Flevoland")
    visit.submit("Zoeken")
    assert page.locator("input[name=participants]").count() == 6  # the six municipalities of Flevoland
    for code in REGION:
        page.check(f"#gm-{code}")
    visit.check("traject-nieuw")
    visit.submit("Traject opslaan")
    trajectory = Trajectory.objects.get(slug=SLUG)
    assert sorted(trajectory.participants.values_list("municipality__cbs_code", flat=True)) == sorted(REGION)
    assert trajectory.start_precision == "month" and trajectory.members.filter(user__username="pl-noordflevoland").exists()
    assert page.get_by_role("heading", level=1).inner_text() == "Werk en inkomen Noord-Flevoland"
    visit.click("Traject wijzigen")
    field(page, "Opdrachtgever").select_option(label="college van B&W Lelystad")
    visit.submit("Traject opslaan")
    trajectory.refresh_from_db()
    assert str(trajectory.commissioning_body) == "college van B&W Lelystad"

    # --- a joint arrangement that succeeds an older one -----------------------------------------
    visit.click("Inrichting")
    visit.click("Nieuwe regeling")
    _fill(page, "Naam", "GR Werkbedrijf Noord-Flevoland")
    field(page, "Rechtsvorm").select_option("stichting")
    field(page, "Soort regeling").select_option("collegeregeling")
    arrangements_before = JointArrangement.objects.count()
    visit.submit("Regeling opslaan", refused=True)  # a stichting is no collegeregeling: refused, nothing saved
    assert "Soort regeling: Alleen een Wgr-regeling is een collegeregeling" in visit.alert()
    assert JointArrangement.objects.count() == arrangements_before
    field(page, "Rechtsvorm").select_option("openbaar_lichaam")
    _fill(page, "In werking vanaf", "01-01-2015")
    page.get_by_label("algemeen bestuur", exact=True).check()
    page.get_by_label("dagelijks bestuur", exact=True).check()
    _fill(page, "Gemeente zoeken (naam, CBS-code of provincie)", "Flevoland")
    visit.submit("Zoeken")
    for code in REGION:
        page.check(f"#gm-{code}")
    visit.submit("Regeling opslaan")
    older = JointArrangement.objects.get(name="GR Werkbedrijf Noord-Flevoland")
    assert older.participations.count() == 4

    visit.click("Inrichting")
    visit.click("Nieuwe regeling")
    _fill(page, "Naam", "GR Werk en Inkomen Noord-Flevoland")
    field(page, "Rechtsvorm").select_option("openbaar_lichaam")
    field(page, "Soort regeling").select_option("collegeregeling")
    _fill(page, "In werking vanaf", "01-01-2025")
    page.get_by_label("algemeen bestuur", exact=True).check()
    page.get_by_label("dagelijks bestuur", exact=True).check()
    page.get_by_label("GR Werkbedrijf Noord-Flevoland", exact=True).check()
    field(page, "Soort opvolging").select_option("amended")
    _fill(page, "Datum van de opvolging", "01-01-2025")
    _fill(page, "Gemeente zoeken (naam, CBS-code of provincie)", "Flevoland")
    visit.submit("Zoeken")
    for code in REGION:
        page.check(f"#gm-{code}")
    visit.submit("Regeling opslaan", shot="regeling-opvolger")
    newer = JointArrangement.objects.get(name="GR Werk en Inkomen Noord-Flevoland")
    assert [link.predecessor for link in newer.lineage()] == [older]
    older.refresh_from_db()
    assert older.valid_to is not None  # the older regeling ends where the amended one begins
    visit.click("Benoeming toevoegen")
    page.get_by_label("algemeen bestuur", exact=True).check()
    page.get_by_label("lid", exact=True).check()
    field(page, "Namens gemeente").select_option(label="Lelystad")
    _fill(page, "Naam van de benoemde", "Jeroen Jansen")
    _fill(page, "Benoemd per", "01-2025")
    visit.submit("Benoeming opslaan")
    visit.click("Benoeming toevoegen")
    page.get_by_label("algemeen bestuur", exact=True).check()
    page.get_by_label("plaatsvervangend lid", exact=True).check()
    field(page, "Namens gemeente").select_option(label="Lelystad")
    _fill(page, "Naam van de benoemde", "Sanne Bakker")
    _fill(page, "Benoemd per", "01-2025")
    visit.submit("Benoeming opslaan")
    assert newer.appointments.count() == 2

    # --- an information moment and a gate decided by college and raad ---------------------------
    visit.go(f"/trajecten/{SLUG}/")
    visit.click("Besluitmoment toevoegen")
    page.get_by_label("college van B&W", exact=True).uncheck()
    gates_before = Gate.objects.count()
    visit.submit("Besluitmoment opslaan", refused=True)  # no title and no body: refused, nothing saved
    assert "Titel: Vul dit veld in." in visit.alert() and "Organen die besluiten of worden geïnformeerd: Kies ten minste één orgaan." in visit.alert()
    assert Gate.objects.count() == gates_before
    _fill(page, "Titel", "Informatieavond voor de vier raden")
    page.get_by_label("informatiemoment (er wordt niets besloten)").check()
    page.get_by_label("gemeenteraad", exact=True).check()
    _fill(page, "Gepland", "09-2025")
    visit.submit("Besluitmoment opslaan")
    information = Gate.objects.get(trajectory__slug=SLUG, ordinal=1)
    assert information.kind == "informatie" and information.planned_date_precision == "month"

    visit.go(f"/trajecten/{SLUG}/")
    visit.click("Besluitmoment toevoegen")
    _fill(page, "Titel", "Keuze voor de uitvoeringsvariant")
    page.get_by_label("besluitmoment", exact=True).check()
    page.get_by_label("gemeenteraad", exact=True).check()  # college (proposes) and raad (decides)
    _fill(page, "Gepland", "11-2025")
    visit.check("besluitmoment-college-en-raad")
    visit.submit("Besluitmoment opslaan")
    gate = Gate.objects.get(trajectory__slug=SLUG, ordinal=2)
    assert gate.bodies == ["college", "raad"] and gate.counting_body_kind == "raad"

    # --- a user per municipality --------------------------------------------------------------
    links = {}
    for code, name in REGION.items():
        visit.go("/gebruikers/")
        visit.click("Nieuwe gebruiker")
        _fill(page, "Gebruikersnaam", f"bm-{name.lower()}")
        _fill(page, "Voornaam", "Beleidsmedewerker")
        _fill(page, "Achternaam", name)
        page.get_by_label("beleidsmedewerker van een gemeente").check()
        field(page, "Gemeente").select_option(label=name)
        page.get_by_label("Werk en inkomen Noord-Flevoland", exact=True).check()
        if code != "GM0184":
            _fill(page, "Startwachtwoord", PASSWORD)
            visit.submit("Gebruiker opslaan")
        else:  # Urk gets a link to set a password, shown once
            visit.submit("Gebruiker opslaan", shot="gebruiker-wachtwoordlink")
            links[code] = page.locator(".link-text").inner_text()
        profile = User.objects.get(username=f"bm-{name.lower()}").profile
        assert profile.municipality.cbs_code == code and list(profile.trajectories.all()) == [Trajectory.objects.get(slug=SLUG)]
    visit.go("/gebruikers/", shot="gebruikers")
    visit.logout()
    visit.page.goto(links["GM0184"])
    visit.check()
    page.get_by_label("Nieuw wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_label("Nieuw wachtwoord bevestigen", exact=True).fill(PASSWORD)
    visit.submit("Wachtwoord opslaan")
    assert "Uw wachtwoord is ingesteld" in page.get_by_role("status").inner_text()

    # --- each municipality records the college's proposal and the raad's decision ----------------
    gate_page = f"/besluitmomenten/{gate.pk}/"
    for code, name in REGION.items():
        visit.login(f"bm-{name.lower()}", PASSWORD)
        visit.go(gate_page)
        visit.click(f"Besluit vastleggen (college van B&W {name})", shot="besluit-college" if code == "GM0995" else None)
        page.get_by_label("voorgesteld aan de raad", exact=True).check()
        _fill(page, "Datum van het besluit", "14-10-2025")
        visit.submit("Besluit opslaan")
        visit.go(gate_page)
        visit.click(f"Besluit vastleggen (gemeenteraad {name})")
        if code == "GM0303":  # Dronten agrees on conditions
            page.get_by_label("ingestemd onder voorwaarden", exact=True).check()
            _fill(page, "Datum van het besluit", "13-11-2025")
            field(page, "Voorwaarden").fill("Eerst een advies van de ondernemingsraad\nEen begroting per gemeente")
        else:
            page.get_by_label("ingestemd", exact=True).check()
            # Lelystad's raadsbesluit is known to the month only
            _fill(page, "Datum van het besluit", "11-2025" if code == "GM0995" else "13-11-2025")
        visit.submit("Besluit opslaan", shot="besluit-raad" if code == "GM0995" else None)
        if code == "GM0184":  # Urk's raad also took note at the information evening
            visit.go(f"/besluitmomenten/{information.pk}/")
            visit.click(f"Besluit vastleggen (gemeenteraad {name})")
            page.get_by_label("kennisgenomen", exact=True).check()
            _fill(page, "Datum van het besluit", "09-2025")
            visit.submit("Besluit opslaan")
        if code == "GM0303":
            # the conditions are fulfilled, each by a document registered on the way
            for number, title in enumerate(["Advies ondernemingsraad Dronten", "Begroting per gemeente 2026"]):
                page.get_by_role("link", name="Status wijzigen van deze voorwaarde").nth(number).click()
                visit.check("voorwaarde-vervuld" if number == 0 else None)
                page.get_by_label("vervuld", exact=True).check()
                _fill(page, "Of een nieuw stuk: titel", title)
                _fill(page, "Datum van het nieuwe stuk", "12-2025")
                visit.submit("Status opslaan")
            # ... and the raadsbesluit is corrected (its date was wrong): the conditions stay fulfilled
            visit.click("Dit besluit vervangen (correctie of nieuw besluit)")
            page.get_by_label("correctie van een onjuist vastgelegd besluit").check()
            _fill(page, "Reden", "Datum verkeerd overgenomen uit het raadsbesluit")
            _fill(page, "Datum van het besluit", "12-11-2025")
            visit.submit("Besluit opslaan", shot="besluit-gecorrigeerd")
        visit.logout()

    # --- the register holds both bodies' decisions; the conditions came through the correction ---
    decisions = Decision.objects.filter(gate=gate, is_current=True)
    assert sorted(decisions.values_list("governing_body__kind", flat=True)) == ["college"] * 4 + ["raad"] * 4
    assert set(decisions.filter(governing_body__kind="college").values_list("outcome", flat=True)) == {"proposed"}
    lelystad = decisions.get(municipality__cbs_code="GM0995", governing_body__kind="raad")
    assert (lelystad.date.isoformat(), lelystad.date_precision) == ("2025-11-01", "month")
    dronten = decisions.get(municipality__cbs_code="GM0303", governing_body__kind="raad")
    assert dronten.supersedes is not None and dronten.date.isoformat() == "2025-11-12"
    carried = Condition.objects.filter(decision=dronten).order_by("id")
    assert [(x.status, x.fulfilled_by.title) for x in carried] == [
        ("met", "Advies ondernemingsraad Dronten"), ("met", "Begroting per gemeente 2026")]

    # --- the decision matrix shows both bodies -------------------------------------------------
    visit.login("pl-noordflevoland", PASSWORD)
    visit.go(f"/trajecten/{SLUG}/", shot="besluitenmatrix")
    matrix = page.locator("table.decision-matrix")
    row = matrix.get_by_role("row", name=re.compile("^Lelystad"))
    assert "voorgesteld aan de raad" in row.inner_text() and "november 2025" in row.inner_text()
    assert "College van B&W" in row.inner_text() and "Gemeenteraad" in row.inner_text()
    assert "kennisgenomen" in matrix.get_by_role("row", name=re.compile("^Urk")).inner_text()

    # nothing in this run went to the Django admin
    assert visit.requested and not [url for url in visit.requested if "/beheer/" in url]
