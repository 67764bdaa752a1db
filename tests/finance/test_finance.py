"""Finance app: the example cost model, services with audit and rollback, pages, CLI, report, dossier."""

import datetime as dt
import decimal
import json

import pytest
from tests.counts import database_counts

from regiokompas.accounts.actors import SystemActor
from regiokompas.audit.models import AuditEntry
from regiokompas.examples import SLUG_2012
from regiokompas.finance import build, services
from regiokompas.finance.errors import FinanceError, PermissionDenied
from regiokompas.finance.models import (
    AllocationKey,
    CostItem,
    CostSettings,
    KeyMethod,
    SharedOrganisationScenario,
)
from regiokompas.options.models import Variant
from regiokompas.register.models import Municipality, Trajectory

pytestmark = pytest.mark.django_db

SLUG = SLUG_2012


counts = database_counts


@pytest.fixture
def trajectory():
    return Trajectory.objects.get(slug=SLUG)


def test_example_cost_model_is_illustrative_and_uses_the_register_population(trajectory):
    settings = CostSettings.objects.get(trajectory=trajectory)
    assert settings.illustrative and settings.start_year == 2022
    items = CostItem.objects.filter(variant__trajectory=trajectory)
    assert items.count() == 12 and all(i.illustrative for i in items)
    munis = [m.name for m in build.municipalities(trajectory, settings)]
    assert munis == ["Alkmaar", "Bergen (NH.)", "Castricum", "Dijk en Waard", "Heiloo"]
    data = build.build_model(trajectory)
    assert data["keys"]["inwoners-2022"]["values"] == {"GM0361": 109897, "GM0373": 29715, "GM0383": 36086,
                                                       "GM1980": 87783, "GM0399": 24144}
    # the BUCH key names Uitgeest, which is no participant: it is not part of the cost model
    assert "buch-2017" not in data["keys"]


def test_compute_and_the_2020_coalition_without_bergen(trajectory):
    full = build.compute(trajectory, samples=2000)
    assert set(full["variants"]) == {"v1", "v2", "v3"}
    v3 = full["variants"]["v3"]
    assert sum(v3["coalition"]["shapley_contribution"].values()) == pytest.approx(v3["coalition"]["total_cost"])
    without_bergen = build.compute(trajectory, samples=2000, coalition=["GM0361", "GM0383", "GM1980", "GM0399"])
    bergen = without_bergen["variants"]["v3"]["municipalities"]["GM0373"]
    assert not bergen["participates"]
    assert bergen["by_category"]["deficit"] > 0 and bergen["by_category"]["structural"] == 0
    assert isinstance(without_bergen["variants"]["v3"]["join_or_stay"]["GM0373"]["joining_is_cheaper"], bool)


def test_bad_coalition_and_variant_give_dutch_errors(trajectory):
    with pytest.raises(FinanceError, match="Onbekende gemeente in de coalitie: GM0450"):
        build.compute(trajectory, samples=100, coalition=["GM0361", "GM0450"])
    with pytest.raises(FinanceError, match="Onbekende variant: 7"):
        build.compute(trajectory, samples=100, variant_numbers=[7])


def test_buch_scenario_uses_the_2017_split(trajectory):
    scenario = SharedOrganisationScenario.objects.get(trajectory=trajectory)
    effect = services.shared_effect(scenario)
    bergen = effect["members"]["GM0373"]
    assert bergen["before"] == pytest.approx(58_800_000 * 0.3261)
    assert bergen["extra_for_same_services"] > 0
    assert effect["members"]["GM0383"]["transfers"]


def test_percentages_not_summing_to_100_are_rejected_and_nothing_changes(trajectory, m):
    before = counts()
    key = AllocationKey(trajectory=trajectory, code="fout", name="Fout", method=KeyMethod.FIXED_PERCENTAGES, source="test",
                         reference_date=dt.date(2022, 1, 1))
    with pytest.raises(FinanceError, match="tellen op tot 90 % in plaats van 100 %"):
        services.save_key(SystemActor("test"), key, {m["alkmaar"]: 60, m["bergen"]: 30})
    assert counts() == before


def test_negative_volume_is_rejected(trajectory, m):
    before = counts()
    key = AllocationKey(trajectory=trajectory, code="neg", name="Negatief", method=KeyMethod.PER_CLIENT,
                        reference_date=dt.date(2022, 1, 1), source="test")
    with pytest.raises(FinanceError, match="negatief"):
        services.save_key(SystemActor("test"), key, {m["alkmaar"]: 10, m["bergen"]: -1})
    assert counts() == before


def test_missing_population_for_the_reference_date_is_rejected(trajectory):
    before = counts()
    key = AllocationKey(trajectory=trajectory, code="inw2019", name="Inwoners 2019", method=KeyMethod.PER_INHABITANT,
                        reference_date=dt.date(2019, 1, 1), source="test")
    with pytest.raises(FinanceError, match="geen inwonertal voor .*Dijk en Waard.* op peildatum 01-01-2019"):
        services.save_key(SystemActor("test"), key)
    assert counts() == before


def test_bad_cost_item_is_rejected_and_a_good_one_is_audited(trajectory):
    variant = Variant.objects.get(trajectory=trajectory, number=3)
    before = counts()
    bad = CostItem(variant=variant, code="x", name="Onjuist", low=decimal.Decimal(5), likely=decimal.Decimal(3), high=decimal.Decimal(9))
    with pytest.raises(FinanceError, match="is niet voldaan"):
        services.save_item(SystemActor("test"), bad)
    variable = CostItem(variant=variant, code="y", name="Zonder drager", behaviour="variable", low=1, likely=2, high=3)
    with pytest.raises(FinanceError, match="kostendrager"):
        services.save_item(SystemActor("test"), variable)
    late = CostItem(variant=variant, code="z", name="Te laat", low=1, likely=2, high=3, first_year=2040)
    with pytest.raises(FinanceError, match="buiten de looptijd"):
        services.save_item(SystemActor("test"), late)
    assert counts() == before
    good = services.save_item(SystemActor("test"), CostItem(variant=variant, code="ok", name="Extra", low=1, likely=2, high=3, source="test"))
    entry = AuditEntry.objects.filter(action="costitem.create").latest("pk")
    assert entry.object_id == str(good.pk) and entry.trajectory_slug == SLUG


def test_only_the_project_organisation_changes_the_cost_model(trajectory, users, m):
    before = counts()
    key = AllocationKey(trajectory=trajectory, code="gelijk2", name="Gelijk", method=KeyMethod.EQUAL, source="test")
    with pytest.raises(PermissionDenied):
        services.save_key(users["bergen"], key)
    assert counts() == before
    services.save_key(users["projectleider"], key)


def test_pages_show_tables_charts_and_illustrative_label(client, users, trajectory):
    client.force_login(users["raadslid-bergen"])
    r = client.get(f"/trajecten/{SLUG}/financien/")
    html = r.content.decode()
    assert r.status_code == 200
    assert "illustratief" in html and "<caption>" in html and "<svg" in html and "<desc" in html
    assert "BUCH 2017" in html and "Wie betaalt" not in html  # that table is on the variant page
    r = client.get(f"/trajecten/{SLUG}/financien/varianten/3/?coalitie=GM0361&coalitie=GM0383&coalitie=GM1980&coalitie=GM0399"
                   "&uittreder=GM0383&methode=direct_damage")
    html = r.content.decode()
    assert r.status_code == 200
    assert "Wie betaalt wat" in html and "Shapley" in html and "Meedoen of buiten blijven" in html
    assert "Uittreden van Castricum" in html
    r = client.get(f"/trajecten/{SLUG}/financien/gemeenten/GM0373/")
    assert r.status_code == 200 and "Wat Bergen (NH.) betaalt" in r.content.decode()
    r = client.get(f"/trajecten/{SLUG}/financien/varianten/3/?coalitie=GM9999")
    assert "Onbekende gemeente in de coalitie: GM9999" in r.content.decode()
    assert client.get(f"/trajecten/{SLUG}/financien/gemeenten/GM9999/").status_code == 404
    r = client.get(f"/trajecten/{SLUG}/financien/?berekenen=1")
    assert "Kies ten minste één gemeente" in r.content.decode()


def test_pages_require_login(client):
    r = client.get(f"/trajecten/{SLUG}/financien/")
    assert r.status_code == 302 and "inloggen" in r["Location"]


def test_trajectory_page_has_the_finance_panel(client, users):
    client.force_login(users["alkmaar"])
    html = client.get(f"/trajecten/{SLUG}/").content.decode()
    assert "Financiële gevolgen" in html and f"/trajecten/{SLUG}/financien/" in html


def test_cli_costs_json_and_bad_input(capsys):
    from regiokompas.cli import main

    assert main(["costs", "--trajectory", SLUG, "--variant", "3", "--coalition", "GM0361,GM0383", "--samples", "500", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert list(out["variants"]) == ["v3"] and out["coalition"] == ["GM0361", "GM0383"]
    assert main(["costs", "--trajectory", SLUG, "--samples", "500"]) == 0
    assert "Financiële gevolgen" in capsys.readouterr().out
    assert main(["costs", "--trajectory", "bestaat-niet"]) == 2
    assert "Onbekend traject" in capsys.readouterr().err
    assert main(["costs", "--trajectory", SLUG, "--coalition", "GM0361,GM9999"]) == 2
    assert "Onbekende gemeente in de coalitie: GM9999" in capsys.readouterr().err


def test_financial_chapter_for_the_report(trajectory):
    from regiokompas.documents.model import Section
    from regiokompas.finance.report import financial_annex, financial_chapter

    section = financial_chapter(trajectory)
    assert isinstance(section, Section) and section.type == "financien" and not section.annex
    text = section.text
    assert "illustratief" in text and "(laag, meest waarschijnlijk, hoog)" in text and "10.000 trekkingen" in text
    annex = financial_annex(trajectory)  # the detail, for the report's annexes
    assert isinstance(annex, Section) and annex.annex and "Shapley" in annex.text and "BUCH" in annex.text
    other = Trajectory.objects.get(slug="alkmaar-participatiewet-2019")
    assert financial_chapter(other) is None and financial_annex(other) is None


def test_dossier_round_trip_keeps_the_cost_model(trajectory):
    from regiokompas.register import dossier

    first = dossier.export_dossier(trajectory)
    for kind in ("finance_cost_settings", "finance_allocation_key", "finance_allocation_key_value", "finance_cost_item",
                 "finance_current_cost", "finance_shared_organisation_scenario"):
        assert first["objects"][kind], kind
    copy_slug = "kopie-financien-2012"
    data = json.loads(json.dumps(first).replace(f'"{SLUG}"', f'"{copy_slug}"'))
    copy = dossier.import_dossier(SystemActor("test"), data)
    assert CostItem.objects.filter(variant__trajectory=copy).count() == 12
    a = build.compute(trajectory, samples=300)
    b = build.compute(copy, samples=300)
    assert a["variants"] == b["variants"]
    second = json.loads(json.dumps(dossier.export_dossier(copy)).replace(f'"{copy_slug}"', f'"{SLUG}"'))
    assert second["objects"] == first["objects"]


def test_municipality_figures_follow_mergers():
    dijk = Municipality.objects.get(cbs_code="GM1980")
    assert build.population_on(dijk, dt.date(2022, 1, 31)).inhabitants == 87_783
    assert build.population_on(dijk, dt.date(2021, 6, 1)) is None


def test_costs_feed_the_financial_criterion_of_the_options_analysis(client, users, trajectory):
    from regiokompas.options.models import Score

    values = services.criterion_values(trajectory)
    assert set(values) == {1, 2, 3} and all(lo <= mid <= hi for lo, mid, hi in values.values())
    client.force_login(users["bergen"])
    assert client.post(f"/trajecten/{SLUG}/financien/criterium/").status_code == 403
    assert "Als criterium in de vergelijking" in client.get(f"/trajecten/{SLUG}/financien/").content.decode()
    client.force_login(users["projectleider"])
    r = client.post(f"/trajecten/{SLUG}/financien/criterium/", follow=True)
    assert "komen nu uit het kostenmodel" in r.content.decode()
    score = Score.objects.get(variant__trajectory=trajectory, variant__number=3, criterion__code="fin")
    assert score.kind == "pert" and score.illustrative and "Kostenmodel Regiokompas" in score.evidence_source
    assert score.most_likely == pytest.approx(round(services.criterion_values(trajectory)[3][1], 3), abs=0.02)
    assert AuditEntry.objects.filter(action="score.update", reason="overgenomen uit het kostenmodel").count() == 3


def test_cost_item_form_saves_through_the_service_and_rejects_bad_input(client, users, trajectory):
    url = f"/trajecten/{SLUG}/financien/varianten/2/posten/nieuw/"
    client.force_login(users["bergen"])
    assert client.get(url).status_code == 403
    client.force_login(users["projectleider"])
    assert client.get(url).status_code == 200
    post = {"code": "huisvesting", "name": "Huisvesting", "category": "structural", "behaviour": "fixed", "scale_exponent": "1",
            "low": "300000", "likely": "200000", "high": "400000", "source": "test"}
    before = counts()
    r = client.post(url, post)
    assert r.status_code == 400 and "niet voldaan" in r.content.decode()
    assert counts() == before
    post["likely"] = "350000"
    r = client.post(url, post)
    assert r.status_code == 302
    item = CostItem.objects.get(variant__trajectory=trajectory, variant__number=2, code="huisvesting")
    assert AuditEntry.objects.filter(action="costitem.create", object_id=str(item.pk)).exists()
    r = client.post(f"/trajecten/{SLUG}/financien/varianten/2/posten/huisvesting/verwijderen/")
    assert r.status_code == 302 and not CostItem.objects.filter(pk=item.pk).exists()
    assert AuditEntry.objects.filter(action="costitem.delete", object_id=str(item.pk)).exists()


def test_admin_key_values_go_through_the_service(client, users, trajectory, m):
    client.force_login(users["beheer"])
    before = counts()
    post = {"trajectory": trajectory.pk, "code": "pct", "name": "Percentages", "method": "fixed_percentages", "source": "test",
            "reference_date": "2022-01-01",
            "values-TOTAL_FORMS": "2", "values-INITIAL_FORMS": "0", "values-MIN_NUM_FORMS": "0", "values-MAX_NUM_FORMS": "1000",
            "values-0-municipality": m["alkmaar"].pk, "values-0-value": "60",
            "values-1-municipality": m["bergen"].pk, "values-1-value": "30"}
    refused = client.post("/beheer/finance/allocationkey/add/", post, follow=True)
    assert refused.status_code == 200 and "tellen op tot 90" in refused.content.decode()
    assert counts() == before
    post["values-1-value"] = "40"
    r = client.post("/beheer/finance/allocationkey/add/", post)
    assert r.status_code == 302
    key = AllocationKey.objects.get(trajectory=trajectory, code="pct")
    assert key.values.count() == 2
    assert AuditEntry.objects.filter(action="allocationkey.create", object_id=str(key.pk)).exists()
