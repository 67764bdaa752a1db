"""Planning pages per role: overview with accessible timeline, gate panel, law-change flow, process
description; works council members see all documents of the trajectory."""

import re

import pytest

from regiokompas.accounts.actors import SystemActor
from regiokompas.examples import SLUG_2012
from regiokompas.planning import process
from regiokompas.planning.models import Plan
from regiokompas.register.models import Document, Trajectory

from .helpers import database_counts

pytestmark = pytest.mark.django_db
SLUG = SLUG_2012
BASE = f"/trajecten/{SLUG}/planning/"


def login(client, users, name):
    client.force_login(users[name])
    return client


def test_overview_has_accessible_timeline_and_equivalent_table(client, users):
    html = login(client, users, "or-bergen").get(BASE + "?peildatum=2013-07-01").content.decode()
    svg = re.search(r"<svg[^>]*>", html).group(0)
    assert 'role="img"' in svg and "aria-labelledby" in svg
    assert "<title id=" in html and "<desc id=" in html
    assert "<caption>Mijlpalen, medezeggenschap en raadsprocedures" in html
    assert "! Te laat" in html and "△ Risico" in html  # not by colour alone
    assert "illustratief" in html and "College Bergen besluit over de blauwdruk" in html


def test_overview_of_an_old_version_and_bad_reference_date(client, users):
    c = login(client, users, "raadslid-bergen")
    html = c.get(BASE + "?versie=1&peildatum=31-02-2012").content.decode()
    assert "niet de huidige versie" in html and "Invoering regionale samenwerking (gelijk met de Wwnv)" in html
    assert "geen geldige datum" in html
    assert c.get(BASE + "?versie=7").status_code == 404


def test_versions_compare(client, users):
    html = login(client, users, "bergen").get(BASE + "versies/?van=1&naar=2").content.decode()
    assert "vervallen" in html and "toegevoegd" in html and "Wwnv" in html


def test_gate_page_shows_prerequisite_warnings(client, users, t):
    gate = t.gates.get(ordinal=2)
    html = login(client, users, "bergen").get(f"/besluitmomenten/{gate.pk}/").content.decode()
    assert "Voorwaarden vooraf" in html and "Ondernemingsraden geïnformeerd vóór elk go/no-go-moment" in html
    assert "het besluit kan wel worden vastgelegd" in html
    trajectory_html = client.get(f"/trajecten/{SLUG}/").content.decode()
    assert "Planning en medezeggenschap" in trajectory_html and "niet vervuld" in trajectory_html


def test_law_change_flow_preview_then_confirm(client, users, t):
    wwnv = t.drivers.get(abbreviation="Wwnv")
    c = login(client, users, "projectleider")
    url = BASE + "wetswijziging/"
    form = {"law": wwnv.pk, "status": "", "date": "2014-01-01", "reason": "Voorbeeld: invoering een jaar later"}
    before = database_counts()
    preview = c.post(url, {**form, "action": "preview"})
    assert preview.status_code == 200
    assert "Geplande invoering Wet werken naar vermogen" in preview.content.decode()
    assert "blijft staan" in preview.content.decode()  # the dropped Wwnv milestone in version 2
    assert database_counts() == before  # a preview changes nothing
    done = c.post(url, {**form, "action": "confirm"})
    assert done.status_code == 302
    plan = Plan.objects.get(trajectory=t)
    assert plan.current.number == 3 and plan.versions.count() == 3
    from regiokompas.register.models import Decision
    assert Decision.objects.filter(gate__trajectory=t).count() == 2  # decisions stay


def test_law_change_rejects_bad_input_and_other_roles(client, users, t):
    c = login(client, users, "projectleider")
    before = database_counts()
    bad = c.post(BASE + "wetswijziging/", {"law": t.drivers.get().pk, "date": "1-1-13", "reason": "x", "action": "confirm"})
    assert bad.status_code == 400 and "geen geldige datum" in bad.content.decode()
    bad = c.post(BASE + "wetswijziging/", {"law": "999999", "date": "2014-01-01", "reason": "x", "action": "confirm"})
    assert bad.status_code == 400 and "Kies een wet" in bad.content.decode()
    assert database_counts() == before
    assert login(client, users, "or-bergen").get(BASE + "wetswijziging/").status_code == 403


def test_exports_over_http(client, users):
    c = login(client, users, "or-bergen")
    ics = c.get(BASE + "export.ics")
    assert ics["Content-Type"].startswith("text/calendar") and b"BEGIN:VEVENT" in ics.content
    assert c.get(BASE + "export.docx").content[:2] == b"PK"
    assert c.get(BASE + "export.pdf").status_code == 404


def test_process_description_generate_edit_finalize(client, users, t):
    c = login(client, users, "projectleider")
    assert c.post(BASE + "procesbeschrijving/", {"action": "generate"}).status_code == 302
    assert "Voorwaarden die om deze procesbeschrijving vragen" in c.get(BASE + "procesbeschrijving/").content.decode()
    doc = process.current_description(t)
    assert doc.status == "concept" and doc.title == "Communicatie met en betrekken van de ondernemingsraden"
    texts = {s.heading: s.text for s in doc.sections.all()}
    assert "Ondernemingsraad gemeente Bergen (NH.)" in texts["Betrokken medezeggenschapsorganen"]
    assert "toegang tot alle stukken" in texts["Welke stukken de ondernemingsraden krijgen"]
    assert "procesbeschrijving voor de communicatie" in texts["Aanleiding"].lower()
    assert "politiek primaat" in texts["Wanneer advies wordt gevraagd"]
    sections = list(doc.sections.order_by("order"))
    edit = {f"section-{s.pk}": s.text for s in sections}
    edit[f"section-{sections[0].pk}"] = "Eigen inleiding van de projectgroep."
    assert c.post(BASE + "procesbeschrijving/", {**edit, "action": "save"}).status_code == 302
    assert doc.sections.order_by("order").first().text == "Eigen inleiding van de projectgroep."
    md = c.get(BASE + "procesbeschrijving/download.md").content.decode()
    assert "Eigen inleiding van de projectgroep." in md and "PROCESBESCHRIJVING" in md
    assert c.get(BASE + "procesbeschrijving/download.docx").content[:2] == b"PK"
    assert c.post(BASE + "procesbeschrijving/", {"action": "finalize"}).status_code == 302
    doc.refresh_from_db()
    assert doc.status == "definitief"
    before = database_counts()
    refused = c.post(BASE + "procesbeschrijving/", {**edit, "action": "save"})
    assert refused.status_code == 400 and "definitief" in refused.content.decode()
    assert database_counts() == before
    assert login(client, users, "or-bergen").post(BASE + "procesbeschrijving/", {"action": "generate"}).status_code == 403


def test_works_council_member_sees_all_documents_of_the_trajectory(client, users, t):
    from regiokompas.accounts import permissions
    from regiokompas.register import services as s

    secret = s.save_document(SystemActor("test"), Document(trajectory=t, kind="memo", title="Vertrouwelijk stuk", confidential=True,
                                              issuer_municipality=t.participants.first().municipality))
    visible = permissions.visible_documents(users["or-bergen"], t.documents.all())
    assert set(visible) == set(t.documents.all()) and secret in visible
    assert not permissions.can_see_document(users["raadslid-bergen"], secret)
    html = login(client, users, "or-bergen").get(f"/trajecten/{SLUG}/documenten/").content.decode()
    assert "Vertrouwelijk stuk" in html


def test_pages_require_login(client):
    assert client.get(BASE).status_code == 302


def _edit_form(t):
    from regiokompas.planning import services as ps

    items = ps.inputs_of(Plan.objects.get(trajectory=t).current)
    data = {f"date-{m.key}": m.date.isoformat() for m in items}
    data.update({f"status-{m.key}": m.status for m in items})
    return items, data


def test_new_version_page_moves_a_date_and_adds_a_milestone(client, users, t):
    items, data = _edit_form(t)
    data.update({"title": "Bijgesteld", "reason": "OR vraagt meer tijd", "date-analyse": "2013-04-01",
                 "new_title": "Extra overleg OR Bergen", "new_date": "2013-04-15", "new_kind": "consultation",
                 "new_municipality": "GM0373", "new_after": "analyse", "new_offset": "14"})
    response = login(client, users, "projectleider").post(BASE + "nieuwe-versie/", data)
    assert response.status_code == 302
    v = Plan.objects.get(trajectory=t).current
    assert v.number == 3 and v.reason == "OR vraagt meer tijd"
    changes = {c["key"]: c["change"] for c in v.changes}
    assert changes == {"analyse": "verschoven", "extra-overleg-or-bergen": "toegevoegd"}
    added = v.milestones.get(code="extra-overleg-or-bergen")
    assert added.municipality.cbs_code == "GM0373" and added.dependencies.get().depends_on.code == "analyse"


@pytest.mark.parametrize("change, message", [
    ({"date-analyse": "2013-02-30"}, "geen geldige datum"),
    ({"reason": ""}, "waarom de planning verandert"),
    ({"date-gate-2": "2012-05-01"}, "al afgerond"),
    ({"new_title": "X", "new_date": "2013-01-01", "new_after": "analyse", "new_offset": "veel"}, "geen geheel getal"),
    ({"new_title": "X", "new_date": "2013-01-01", "new_municipality": "GM0450"}, "deelnemende gemeente"),
])
def test_new_version_page_rejects_bad_input_and_keeps_what_was_typed(client, users, t, change, message):
    items, data = _edit_form(t)
    data.update({"reason": "Test"})
    data.update(change)
    before = database_counts()
    response = login(client, users, "projectleider").post(BASE + "nieuwe-versie/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and "niet vastgelegd" in html
    if "date-analyse" in change:
        assert 'value="2013-02-30"' in html
    assert database_counts() == before
    assert login(client, users, "or-bergen").get(BASE + "nieuwe-versie/").status_code == 403


def test_admin_shows_service_errors_and_saves_valid_input(client, users, t):
    from regiokompas.planning.models import Consultation, ConsultationBody

    body = ConsultationBody.objects.get(trajectory=t, name="Ondernemingsraad gemeente Bergen (NH.)")
    c = login(client, users, "beheer")
    form = {"body": body.pk, "kind": "or_advice_art25", "scope": "full", "subject": "Test", "requested": "2013-02-01",
            "due": "2013-01-01", "outcome": "pending", "source": "", "advice_text": "", "deviation_motivation": ""}
    before = database_counts()
    response = c.post("/beheer/planning/consultation/add/", form)
    assert response.status_code == 200 and "adviestermijn eindigt vóór de aanvraag" in response.content.decode()
    assert database_counts() == before
    form["due"] = "2013-03-01"
    assert c.post("/beheer/planning/consultation/add/", form).status_code == 302
    assert Consultation.objects.filter(body=body, subject="Test").count() == 1


def test_participation_page_adds_consultation_and_procedure_and_records_advice(client, users, t):
    from regiokompas.planning.models import Consultation, ConsultationBody, CouncilProcedure

    body = ConsultationBody.objects.get(trajectory=t, name="Ondernemingsraad gemeente Heiloo")
    gate = t.gates.get(ordinal=3)
    c = login(client, users, "projectleider")
    url = BASE + "medezeggenschap/"
    assert "Advies vastleggen" in c.get(url).content.decode()
    bad = {"form": "consultation", "c-body": body.pk, "c-gate": gate.pk, "c-kind": "information", "c-scope": "personnel_consequences",
           "c-subject": "Blauwdruk", "c-requested": "01-10-2012"}
    before = database_counts()
    response = c.post(url, bad)
    assert response.status_code == 400 and "politiek primaat" in response.content.decode()
    response = c.post(url, {**bad, "c-requested": "31-09-2012", "c-scope": "full"})
    assert response.status_code == 400 and "Vul een geldige datum in" in response.content.decode()
    assert database_counts() == before
    assert c.post(url, {**bad, "c-scope": "full", "c-kind": "or_advice_art25", "c-due": "15-11-2012"}).status_code == 302
    cons = Consultation.objects.get(body=body, subject="Blauwdruk")
    assert c.post(url, {"form": "procedure", "p-gate": gate.pk, "p-municipality": body.employer_municipality.pk,
                        "p-kind": "wensen_en_bedenkingen", "p-planned": "15-11-2012"}).status_code == 302
    assert CouncilProcedure.objects.get(gate=gate, municipality=body.employer_municipality).legal_basis == "Gemeentewet art. 169 lid 4"
    advice_url = BASE + f"medezeggenschap/{cons.pk}/advies/"
    response = c.post(advice_url, {"received": "10-11-2012", "outcome": "negative", "deviates": "on"})
    assert response.status_code == 400 and "schriftelijke motivering verplicht" in response.content.decode()
    assert c.post(advice_url, {"received": "10-11-2012", "outcome": "negative", "deviates": "on",
                               "motivation": "Politieke afweging"}).status_code == 302
    cons.refresh_from_db()
    assert cons.outcome == "negative" and cons.deviation_motivation == "Politieke afweging"
    other = login(client, users, "or-bergen")
    assert other.get(url).status_code == 200 and "Medezeggenschap toevoegen" not in other.get(url).content.decode()
    assert other.post(url, bad).status_code == 403 and other.get(advice_url).status_code == 403


def test_law_change_names_other_trajectories_that_hang_on_the_same_law(client, users, t):
    from regiokompas.planning import services as ps
    from regiokompas.register import services as s

    wwnv = t.drivers.get(abbreviation="Wwnv")
    other = s.save_object(SystemActor("test"), Trajectory(slug="ander-traject", name="Ander traject"), m2m={"drivers": [wwnv]})
    ps.create_plan(SystemActor("test"), other, title="Eigen planning", milestones=[
        ps.MilestoneInput("start", "Start na de wet", wwnv.planned_start, depends_on=[ps.DependencyInput(wwnv, 0)])])
    html = login(client, users, "projectleider").post(BASE + "wetswijziging/", {
        "law": wwnv.pk, "date": "2014-01-01", "reason": "x", "action": "preview"}).content.decode()
    assert "Ander traject" in html and "verandert niet mee" in html


def test_start_a_plan_from_the_register(client, users):
    other = Trajectory.objects.get(slug="alkmaar-participatiewet-2019")
    url = f"/trajecten/{other.slug}/planning/"
    c = login(client, users, "projectleider")
    assert "Planning beginnen" in c.get(url).content.decode()
    assert c.post(f"/trajecten/{other.slug}/planning/nieuwe-versie/", {"action": "start"}).status_code == 302
    v = Plan.objects.get(trajectory=other).current
    assert v.number == 1 and v.milestones.filter(kind="gate").count() == 3
    assert v.milestones.get(kind="law").dependencies.get().law.abbreviation == "Pw"
    assert "Besluitmoment 3." in c.get(url).content.decode()
    assert login(client, users, "or-bergen").post(f"/trajecten/{other.slug}/planning/nieuwe-versie/",
                                                 {"action": "start"}).status_code == 403


def test_overview_for_one_municipality_track(client, users):
    c = login(client, users, "bergen")
    html = c.get(BASE + "?spoor=GM0361").content.decode()
    assert "College Bergen besluit over de blauwdruk" not in html and "Wensen en bedenkingen raad Alkmaar" in html
    html = c.get(BASE + "?spoor=GM0373").content.decode()
    assert "College Bergen besluit over de blauwdruk" in html and "Wensen en bedenkingen raad Alkmaar" not in html


def test_edit_a_council_procedure_and_a_consultation_on_the_page(client, users, t):
    from regiokompas.planning.models import Consultation, CouncilProcedure

    proc = CouncilProcedure.objects.get(gate__trajectory=t, municipality__cbs_code="GM0361", kind="wensen_en_bedenkingen")
    cons = Consultation.objects.get(body__trajectory=t, kind="client_advice")
    c = login(client, users, "projectleider")
    assert f"medezeggenschap/{cons.pk}/wijzigen/" in c.get(BASE + "medezeggenschap/").content.decode()
    url = BASE + f"raadsprocedure/{proc.pk}/wijzigen/"
    base = {"gate": proc.gate_id, "municipality": proc.municipality_id, "kind": "wensen_en_bedenkingen", "planned": "13-12-2012"}
    before = database_counts()
    bad = c.post(url, {**base, "sent": "01-12-2012", "completed": "20-11-2012"})
    assert bad.status_code == 400 and "niet afgerond zijn vóórdat" in bad.content.decode()
    assert database_counts() == before
    assert c.post(url, {**base, "sent": "01-12-2012", "completed": "13-12-2012", "outcome": "Geen wensen en bedenkingen"}).status_code == 302
    proc.refresh_from_db()
    assert proc.completed.isoformat() == "2012-12-13" and proc.outcome == "Geen wensen en bedenkingen"
    assert c.post(url, {**base, "kind": "zienswijze"}).status_code == 302
    proc.refresh_from_db()
    assert proc.legal_basis.startswith("Wgr art. 1") and proc.completed is None
    curl = BASE + f"medezeggenschap/{cons.pk}/wijzigen/"
    form = {"body": cons.body_id, "gate": cons.gate_id, "kind": "client_advice", "scope": "full", "subject": cons.subject,
            "requested": "01-10-2012", "due": "01-09-2012"}
    before = database_counts()
    bad = c.post(curl, form)
    assert bad.status_code == 400 and "adviestermijn eindigt vóór de aanvraag" in bad.content.decode()
    assert database_counts() == before
    assert c.post(curl, {**form, "due": "01-12-2012"}).status_code == 302
    cons.refresh_from_db()
    assert cons.due.isoformat() == "2012-12-01"
    assert c.get(BASE + f"iets/{cons.pk}/wijzigen/").status_code == 404
    other = login(client, users, "or-bergen")
    assert other.get(curl).status_code == 403 and other.post(url, base).status_code == 403
