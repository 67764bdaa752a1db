"""Variants combine forms per task and phases over time; measures common to every variant are
recorded once and shown as such on the variant pages, in the report and in the dossier."""

import datetime as dt
import json

import pytest
from tests.options.helpers import SLUG, database_counts

from regiokompas.accounts.actors import SystemActor
from regiokompas.audit.models import AuditEntry
from regiokompas.options import report, services
from regiokompas.options.models import CommonMeasure, ExecutionForm, Variant, VariantComponent
from regiokompas.register import constants as rc
from regiokompas.register import dossier
from regiokompas.register import services as rs
from regiokompas.register.models import JointArrangement, Municipality, Trajectory

pytestmark = pytest.mark.django_db


@pytest.fixture
def region_variant():
    """A trajectory of municipalities that are not in the example, with one variant."""
    t = rs.save_object(SystemActor("test"), Trajectory(slug="werk-rivierenland", name="Werk Rivierenland", source="test"))
    for code in ("GM0263", "GM0281", "GM1960"):  # Buren, Tiel, West Betuwe
        rs.add_participant(SystemActor("test"), t, Municipality.objects.get(cbs_code=code), source="test")
    variant = services.save_variant(SystemActor("test"), Variant(trajectory=t, number=1, name="Gemengd model", source="test"))
    return t, variant


def _component(variant, **kw):
    values = {"phase": 1, "task": "Participatiewet", "form": ExecutionForm.OWN, "source": "test"} | kw
    return services.save_variant_component(SystemActor("test"), VariantComponent(variant=variant, **values))


def test_forms_per_task_and_phases_over_time(region_variant):
    t, variant = region_variant
    wsw = rs.save_arrangement(SystemActor("test"), JointArrangement(name="GR Werkzaak Rivierenland", legal_form=rc.LegalForm.OPENBAAR_LICHAAM, source="test"))
    _component(variant)
    _component(variant, task="Wsw", form=ExecutionForm.OPENBAAR_LICHAAM, arrangement=wsw)
    _component(variant, phase=1, phase_label="nu", task="Schuldhulpverlening", form=ExecutionForm.CENTRUMGEMEENTEREGELING)
    _component(variant, phase=2, phase_label="later", phase_start=dt.date(2027, 1, 1), phase_start_precision=rc.DatePrecision.YEAR,
               task="Schuldhulpverlening", form=ExecutionForm.OPENBAAR_LICHAAM)
    phases = variant.phases()
    assert [(p, label, [(x.task, x.form) for x in items]) for p, label, items in phases] == [
        (1, "nu", [("Participatiewet", "eigen_gemeente"), ("Schuldhulpverlening", "centrumgemeenteregeling"), ("Wsw", "openbaar_lichaam")]),
        (2, "later", [("Schuldhulpverlening", "openbaar_lichaam")]),
    ]
    data = services.composition(variant)
    assert data[1]["start"] == "2027" and data[0]["components"][2]["arrangement"] == "GR Werkzaak Rivierenland"


@pytest.mark.parametrize("kw, message", [
    ({"task": "  "}, "Geef de taak"),
    ({"form": "kerkgenootschap"}, "Onbekende vorm"),
    ({"phase": 0}, "volgnummer vanaf 1"),
    ({"task": "participatiewet"}, "staat de taak 'participatiewet' al"),
    ({"task": "Wsw", "form": ExecutionForm.STICHTING, "arrangement": "gr"}, "geen stichting"),
    ({"task": "Wsw", "form": ExecutionForm.OWN, "arrangement": "gr"}, "hoort niet bij een regeling"),
])
def test_bad_component_is_refused_in_dutch_and_changes_nothing(region_variant, kw, message):
    _t, variant = region_variant
    gr = rs.save_arrangement(SystemActor("test"), JointArrangement(name="GR Avres", legal_form=rc.LegalForm.OPENBAAR_LICHAAM, source="test"))
    _component(variant)
    if kw.get("arrangement") == "gr":
        kw["arrangement"] = gr
    counts = database_counts()
    with pytest.raises(services.OptionsError, match=message):
        _component(variant, **kw)
    assert database_counts() == counts


def test_common_measures_are_recorded_once_and_reported_as_common(region_variant, users):
    t, variant = region_variant
    services.save_variant(SystemActor("test"), Variant(trajectory=t, number=2, name="Openbaar lichaam", source="test"))
    first = services.save_common_measure(SystemActor("test"), CommonMeasure(trajectory=t, title="Herstelplan begroting WSW-bedrijf", source="raadsbrief"))
    second = services.save_common_measure(SystemActor("test"), CommonMeasure(trajectory=t, title="Schuldhulp zonder wachtlijst", source="test"))
    assert (first.order, second.order) == (1, 2)
    counts = database_counts()
    with pytest.raises(services.OptionsError, match="staat al bij dit traject"):
        services.save_common_measure(SystemActor("test"), CommonMeasure(trajectory=t, title="herstelplan begroting wsw-bedrijf"))
    with pytest.raises(services.OptionsError, match="titel"):
        services.save_common_measure(SystemActor("test"), CommonMeasure(trajectory=t, title=" "))
    with pytest.raises(services.PermissionDenied):
        services.save_common_measure(users["bergen"], CommonMeasure(trajectory=t, title="Iets"))
    assert database_counts() == counts

    snapshot = services.snapshot_inputs(t)
    assert [m["title"] for m in snapshot["common_measures"]] == ["Herstelplan begroting WSW-bedrijf", "Schuldhulp zonder wachtlijst"]
    doc = report.build(t, None, snapshot=snapshot)
    plain = next(s for s in doc.sections if s.type == "varianten").text
    assert "Maatregelen voor elke variant" in plain and "Herstelplan begroting WSW-bedrijf" in plain
    assert "maken geen verschil" in plain


def test_variant_pages_show_composition_and_common_measures(client, users):
    t = Trajectory.objects.get(slug=SLUG)
    variant = Variant.objects.filter(trajectory=t).order_by("number").first()
    client.force_login(users["projectleider"])
    url = f"/trajecten/{SLUG}/varianten/{variant.number}/onderdelen/nieuw/"
    response = client.post(url, {"phase": "1", "phase_label": "nu", "task": "Participatiewet", "form": "eigen_gemeente", "phase_start": "01-2013"})
    assert response.status_code == 302
    counts = database_counts()
    bad = client.post(url, {"phase": "0", "task": "", "form": "eigen_gemeente", "phase_start": "13-2013"})
    assert bad.status_code == 400 and "De fase is een volgnummer vanaf 1." in bad.content.decode()
    assert "bestaat niet als datum" in bad.content.decode()
    assert database_counts() == counts
    response = client.post(f"/trajecten/{SLUG}/varianten/maatregelen/nieuw/", {"title": "Herstelmaatregel re-integratie", "source": "test"})
    assert response.status_code == 302
    page = client.get(f"/trajecten/{SLUG}/varianten/{variant.number}/").content.decode()
    assert "Opbouw per taak en fase" in page and "de gemeente zelf (eigen uitvoering)" in page and "januari 2013" in page
    assert "Herstelmaatregel re-integratie" in page
    overview = client.get(f"/trajecten/{SLUG}/varianten/").content.decode()
    assert "Maatregelen voor elke variant" in overview and "Herstelmaatregel re-integratie" in overview
    client.force_login(users["bergen"])
    assert client.post(url, {"phase": "1", "task": "Wsw", "form": "eigen_gemeente"}).status_code == 403


def test_composition_and_measures_travel_with_the_dossier(region_variant):
    t, variant = region_variant
    gr = rs.save_arrangement(SystemActor("test"), JointArrangement(name="GR Werkzaak", legal_form=rc.LegalForm.OPENBAAR_LICHAAM, source="test"))
    _component(variant, task="Wsw", form=ExecutionForm.OPENBAAR_LICHAAM, arrangement=gr)
    services.save_common_measure(SystemActor("test"), CommonMeasure(trajectory=t, title="Herstelplan", source="test"))
    first = dossier.export_dossier(t)
    assert first["objects"]["options_variant_component"] and first["objects"]["options_common_measure"]
    assert any(a["name"] == "GR Werkzaak" for a in first["objects"]["arrangement"])
    data = json.loads(json.dumps(first).replace('"werk-rivierenland"', '"kopie-rivierenland"'))
    copy = dossier.import_dossier(SystemActor("test"), data)
    second = json.loads(json.dumps(dossier.export_dossier(copy)).replace('"kopie-rivierenland"', '"werk-rivierenland"'))
    assert second["objects"] == first["objects"]
    assert VariantComponent.objects.get(variant__trajectory=copy).arrangement == gr


def test_deleting_a_component_or_a_common_measure_leaves_one_audit_row_with_its_id(region_variant):
    """The audit row of a deletion names the deleted object's id when it is written: an audit row is
    never changed afterwards (it used to be saved a second time, which an audit row refuses)."""
    t, variant = region_variant
    component = _component(variant)
    measure = services.save_common_measure(SystemActor("test"), CommonMeasure(trajectory=t, title="Herstelplan", source="test"))
    component_pk, measure_pk = component.pk, measure.pk
    services.delete_variant_component(SystemActor("test"), component, reason="dubbel")
    services.delete_common_measure(SystemActor("test"), measure, reason="vervallen")
    assert not VariantComponent.objects.filter(pk=component_pk).exists()
    assert not CommonMeasure.objects.filter(pk=measure_pk).exists()
    rows = {(e.action, e.object_type, e.object_id, e.reason) for e in AuditEntry.objects.filter(action__endswith=".delete")}
    assert ("variantcomponent.delete", "options.VariantComponent", str(component_pk), "dubbel") in rows
    assert ("commonmeasure.delete", "options.CommonMeasure", str(measure_pk), "vervallen") in rows
