"""Web forms for allocation keys, cost settings and current costs: through finance.services, Dutch
refusals that change nothing, read-only for who may not manage the cost model."""

import pytest
from django.apps import apps

from regiokompas.audit.models import AuditEntry
from regiokompas.examples import SLUG_2012
from regiokompas.finance.models import AllocationKey, CostSettings, CurrentCost

pytestmark = pytest.mark.django_db

SLUG = SLUG_2012
BASE = f"/trajecten/{SLUG}/financien/"


def snapshot():
    """Every row of the finance and audit tables, so a refused post is seen to change nothing at all."""
    out = {}
    for model in apps.get_models():
        if model._meta.app_label in {"finance", "audit"}:
            out[model._meta.label] = sorted(tuple(sorted((k, str(v)) for k, v in row.items()))
                                            for row in model.objects.values())
    return out


def key_post(**extra):
    post = {"code": "pct-test", "name": "Vaste verdeling test", "method": "fixed_percentages", "reference_date": "2022-01-01",
            "source": "Besluit algemeen bestuur (test)", "waarde_GM0361": "50", "waarde_GM0373": "20",
            "waarde_GM0383": "10", "waarde_GM1980": "15", "waarde_GM0399": "5"}
    post.update(extra)
    return post


def test_forms_are_for_the_project_organisation_only(client, users):
    client.force_login(users["bergen"])
    for url in ("uitgangspunten/", "sleutels/nieuw/", "sleutels/clienten-2022/", "huidige-kosten/nieuw/",
                "huidige-kosten/GM0361/"):
        assert client.get(BASE + url).status_code == 403
    before = snapshot()
    assert client.post(BASE + "sleutels/nieuw/", key_post()).status_code == 403
    assert snapshot() == before
    page = client.get(BASE).content.decode()
    assert "Vaste verdeling" not in page and "Nieuwe verdeelsleutel" not in page and "wijzigen</a>" not in page
    assert "Huidige kosten per gemeente" in page  # read-only view of the same data


def test_overview_links_to_the_forms_for_the_project_organisation(client, users):
    client.force_login(users["projectleider"])
    page = client.get(BASE).content.decode()
    for url in ("uitgangspunten/", "sleutels/nieuw/", "sleutels/clienten-2022/", "huidige-kosten/nieuw/", "huidige-kosten/GM0361/"):
        assert f'href="{BASE}{url}"' in page
    form = client.get(BASE + "sleutels/clienten-2022/").content.decode()
    assert 'for="id_waarde_GM0361">Waarde voor Alkmaar' in form and 'value="3300"' in form
    assert '>Methode</legend>' in form


@pytest.mark.parametrize("change, message", [
    ({"waarde_GM0399": "4"}, "tellen op tot 99 % in plaats van 100 %"),
    ({"method": "per_client", "waarde_GM0399": "-5"}, "negatief"),
    ({"reference_date": ""}, "heeft een peildatum nodig"),
    ({"source": ""}, "Dit veld is verplicht"),
    ({"waarde_GM0399": "vijf"}, "is geen getal"),
    ({"method": "per_client", "waarde_GM0361": "", "waarde_GM0373": "", "waarde_GM0383": "", "waarde_GM1980": "",
      "waarde_GM0399": ""}, "geef per gemeente een waarde op"),
])
def test_bad_key_input_is_refused_in_dutch_and_nothing_changes(client, users, change, message):
    client.force_login(users["projectleider"])
    before = snapshot()
    r = client.post(BASE + "sleutels/nieuw/", key_post(**change))
    assert r.status_code == 400
    assert message in r.content.decode()
    assert 'role="alert"' in r.content.decode()
    assert snapshot() == before


def test_key_is_created_and_edited_with_its_values_and_audited(client, users, trajectory):
    client.force_login(users["beheer"])
    r = client.post(BASE + "sleutels/nieuw/", key_post(waarde_GM0361="49,5", waarde_GM0399="5.5"))
    assert r.status_code == 302
    key = AllocationKey.objects.get(trajectory=trajectory, code="pct-test")
    assert {v.municipality.cbs_code: float(v.value) for v in key.values.all()}["GM0361"] == 49.5
    assert key.reference_date.isoformat() == "2022-01-01" and key.source.startswith("Besluit")
    assert AuditEntry.objects.filter(action="allocationkey.create", object_id=str(key.pk)).exists()
    # edit: move five points from Alkmaar to Bergen; the page shows the new value
    r = client.post(BASE + "sleutels/pct-test/", key_post(waarde_GM0361="44,5", waarde_GM0373="25", waarde_GM0399="5.5"))
    assert r.status_code == 302
    assert float(key.values.get(municipality__cbs_code="GM0373").value) == 25
    entry = AuditEntry.objects.filter(action="allocationkey.update", object_id=str(key.pk)).latest("pk")
    assert entry.before["values"]["GM0373"].startswith("20")
    # a refused edit keeps the stored values
    before = snapshot()
    r = client.post(BASE + "sleutels/pct-test/", key_post(waarde_GM0361="90"))
    assert r.status_code == 400 and "tellen op tot" in r.content.decode()
    assert snapshot() == before


@pytest.fixture
def trajectory():
    from regiokompas.register.models import Trajectory

    return Trajectory.objects.get(slug=SLUG)


def settings_post(settings, **extra):
    post = {"start_year": settings.start_year, "years": settings.years, "indexation": settings.indexation,
            "samples": settings.samples, "seed": settings.seed, "structural_key": settings.structural_key_id,
            "transition_key": settings.transition_key_id, "deficit_key": settings.deficit_key_id, "note": settings.note,
            "source": settings.source, "illustrative": "on"}
    post.update(extra)
    return post


def test_settings_form_refuses_bad_input_and_saves_good_input(client, users, trajectory):
    client.force_login(users["projectleider"])
    settings = CostSettings.objects.get(trajectory=trajectory)
    before = snapshot()
    for change, message in (({"years": 0}, "De looptijd is 1 tot en met 50 jaar."),
                            ({"indexation": 3}, "Indexatie is een fractie per jaar"),
                            ({"start_year": 12}, "Het eerste jaar is een jaartal")):
        r = client.post(BASE + "uitgangspunten/", settings_post(settings, **change))
        assert r.status_code == 400 and message in r.content.decode(), change
    assert snapshot() == before
    r = client.post(BASE + "uitgangspunten/", settings_post(settings, years=8, samples=2000))
    assert r.status_code == 302
    settings.refresh_from_db()
    assert settings.years == 8 and settings.samples == 2000
    assert AuditEntry.objects.filter(action="costsettings.update", object_id=str(settings.pk)).exists()
    assert "2022 tot en met 2029" in client.get(BASE).content.decode()


def test_current_cost_form_refuses_bad_input_and_saves_good_input(client, users, trajectory):
    client.force_login(users["projectleider"])
    url = BASE + "huidige-kosten/GM0373/"
    form = client.get(url).content.decode()
    assert "Huidige kosten van Bergen (NH.) wijzigen" in form
    good = {"low": "1900000", "likely": "2000000", "high": "2400000", "source": "Begroting Bergen 2022 (test)"}
    before = snapshot()
    for change, message in (({"likely": "2500000"}, "is niet voldaan"), ({"low": "-1"}, "kan niet negatief zijn"),
                            ({"source": ""}, "Dit veld is verplicht")):
        r = client.post(url, {**good, **change})
        assert r.status_code == 400 and message in r.content.decode(), change
    assert snapshot() == before
    assert client.post(url, good).status_code == 302
    cost = CurrentCost.objects.get(trajectory=trajectory, municipality__cbs_code="GM0373")
    assert float(cost.likely) == 2_000_000 and not cost.illustrative
    assert AuditEntry.objects.filter(action="currentcost.update", object_id=str(cost.pk)).exists()
    # a second current cost for the same municipality is refused, nothing changes
    before = snapshot()
    bergen = cost.municipality_id
    r = client.post(BASE + "huidige-kosten/nieuw/", {**good, "municipality": bergen})
    assert r.status_code == 400
    assert snapshot() == before
