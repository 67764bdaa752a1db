"""Options pages per role: they render, and refuse what the role may not do."""

import pytest
from django.urls import reverse
from tests.options.helpers import SLUG, database_counts

from regiokompas.options.models import PreferenceSet, Score

pytestmark = pytest.mark.django_db


def login(client, users, name):
    client.force_login(users[name])
    return client


@pytest.mark.parametrize("name", ["projectleider", "bergen", "raadslid-bergen", "or-bergen", "beheer"])
def test_pages_render_for_every_role(client, users, name):
    login(client, users, name)
    urls = [
        reverse("options:overview", args=[SLUG]),
        reverse("options:variant-detail", args=[SLUG, 3]),
        reverse("options:criteria", args=[SLUG]),
        reverse("options:preferences", args=[SLUG, "GM0373"]),
        reverse("options:runs", args=[SLUG]),
        reverse("register:trajectory-detail", args=[SLUG]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "<h1>" in response.content.decode()


def test_overview_labels_illustrative_and_unsubstantiated(client, users):
    html = login(client, users, "bergen").get(reverse("options:overview", args=[SLUG])).content.decode()
    assert "illustratief" in html
    assert "niet onderbouwd" in html
    assert "Voorkeursvariant van de hoofdlijnennotitie" in html


def test_trajectory_page_has_the_options_panel(client, users):
    html = login(client, users, "bergen").get(reverse("register:trajectory-detail", args=[SLUG])).content.decode()
    assert "Uitvoeringsvarianten en onderbouwing" in html
    assert reverse("options:overview", args=[SLUG]) in html


def test_pages_require_login(client):
    response = client.get(reverse("options:overview", args=[SLUG]))
    assert response.status_code == 302 and "inloggen" in response["Location"]


def test_municipality_cannot_post_another_municipalitys_preferences(client, users):
    login(client, users, "bergen")
    before = database_counts()
    response = client.post(reverse("options:preferences", args=[SLUG, "GM0361"]), {"rank_eff": "1", "rank_fin": "2"})
    assert response.status_code == 403
    assert database_counts() == before
    page = client.get(reverse("options:preferences", args=[SLUG, "GM0361"])).content.decode()
    assert "Voorkeuren opslaan" not in page
    assert "Alleen beleidsmedewerkers van Alkmaar" in page


def test_project_leader_cannot_enter_municipal_preferences(client, users):
    login(client, users, "projectleider")
    before = database_counts()
    response = client.post(reverse("options:preferences", args=[SLUG, "GM0373"]), {"rank_eff": "1", "rank_fin": "2"})
    assert response.status_code == 403
    assert database_counts() == before


def test_malformed_preference_input_is_refused_and_nothing_saved(client, users):
    login(client, users, "bergen")
    before = database_counts()
    statements = list(PreferenceSet.objects.get(trajectory__slug=SLUG, municipality__cbs_code="GM0373").statements.values("kind", "data"))
    url = reverse("options:preferences", args=[SLUG, "GM0373"])
    r = client.post(url, {"swing_eff": "veel", "min_fin": "40", "max_fin": "20", "ratios": "eff / onbekend: 1 - 2"})
    html = r.content.decode()
    assert r.status_code == 400
    assert "Vul een getal (bijvoorbeeld 60) of een bandbreedte" in html
    assert "Het maximum (20 %) ligt onder het minimum (40 %)" in html
    assert "onbekende code" in html
    r = client.post(url, {"swing_eff": "90", "swing_fin": "50"})
    assert r.status_code == 400 and "precies 100 punten" in r.content.decode()
    assert database_counts() == before
    assert list(PreferenceSet.objects.get(trajectory__slug=SLUG, municipality__cbs_code="GM0373").statements.values("kind", "data")) == statements


def test_score_form_rejects_high_below_low(client, users):
    login(client, users, "projectleider")
    before = database_counts()
    url = reverse("options:score-edit", args=[SLUG, 1, "eff"])
    r = client.post(url, {"kind": "pert", "low": "12", "most_likely": "10", "high": "8", "unit": "%"})
    assert r.status_code == 400
    assert "De hoge waarde (8) ligt onder de lage waarde (12)" in r.content.decode()
    r = client.post(url, {"kind": "pert", "low": "8", "most_likely": "10", "high": "12", "unit": "procent"})
    assert r.status_code == 400 and "onbekende eenheid" in r.content.decode()
    assert database_counts() == before


def test_score_form_saves_with_dutch_decimal_comma(client, users):
    login(client, users, "projectleider")
    url = reverse("options:score-edit", args=[SLUG, 2, "efc"])
    r = client.post(url, {"kind": "pert", "low": "2,6", "most_likely": "2,9", "high": "3,3", "unit": "fte per 100 cliënten",
                          "evidence_source": "Begroting 2012", "illustrative": "on"})
    assert r.status_code == 302
    s = Score.objects.get(variant__trajectory__slug=SLUG, variant__number=2, criterion__code="efc")
    assert (s.low, s.most_likely, s.high) == (2.6, 2.9, 3.3) and s.substantiated


def test_score_form_forbidden_for_municipal_staff(client, users):
    login(client, users, "bergen")
    assert client.get(reverse("options:score-edit", args=[SLUG, 1, "eff"])).status_code == 403


def test_municipality_saves_own_preferences(client, users, engine):
    login(client, users, "bergen")
    url = reverse("options:preferences", args=[SLUG, "GM0373"])
    r = client.post(url, {"rank_klant": "1", "rank_lokaal": "1", "rank_fin": "2", "swing_klant": "100", "swing_eff": "40-60",
                          "min_fin": "10", "max_fin": "40", "ratios": "pers / efc: 1 - 4"})
    assert r.status_code == 302, r.content.decode()[:3000]
    pref = PreferenceSet.objects.get(trajectory__slug=SLUG, municipality__cbs_code="GM0373")
    kinds = [s.kind for s in pref.statements.all()]
    assert kinds == ["ranking", "swing", "interval", "ratio"]
    assert pref.entered_by.endswith("(bergen)")


def test_save_and_recalculate_goes_to_the_new_results(client, users, engine):
    from regiokompas.options.models import AnalysisRun

    login(client, users, "alkmaar")
    url = reverse("options:preferences", args=[SLUG, "GM0361"])
    r = client.post(url, {"rank_eff": "1", "rank_efc": "2", "rank_fin": "2", "recalculate": "1"})
    run = AnalysisRun.objects.filter(trajectory__slug=SLUG).order_by("-number").first()
    assert r.status_code == 302 and r["Location"].endswith(f"/analyses/{run.number}/#res-GM0361")
    assert run.snapshot["preferences"][0]["name"] == "Alkmaar"
    assert run.problem["stakeholders"][0]["statements"] == [{"type": "ranking", "order": [["eff"], ["efc", "fin"]]}]
    page = client.get(r["Location"]).content.decode()  # the new results, conclusion first
    top = page[page.index("<h1"):page.index('id="details"')]
    assert f"Analyse {run.number}" in top and "Conclusie in het kort" in top and "van de gevallen de beste keuze" in top
    assert 'id="res-GM0361"' in page


def test_withdraw_preferences_only_by_own_municipality(client, users):
    url = reverse("options:preferences-withdraw", args=[SLUG, "GM0373"])
    before = database_counts()
    login(client, users, "alkmaar")
    assert client.post(url).status_code == 403
    assert database_counts() == before
    login(client, users, "bergen")
    assert client.post(url).status_code == 302
    assert not PreferenceSet.objects.filter(trajectory__slug=SLUG, municipality__cbs_code="GM0373").exists()


def test_confidential_evidence_document_title_is_hidden_from_who_may_not_see_it(client, users):
    from regiokompas.register.models import Document

    score = Score.objects.get(variant__trajectory__slug=SLUG, variant__number=3, criterion__code="fin")
    Document.objects.filter(pk=score.evidence_document_id).update(confidential=True)
    title = score.evidence_document.title
    page = login(client, users, "raadslid-bergen").get(reverse("options:variant-detail", args=[SLUG, 3])).content.decode()
    assert "vertrouwelijk document" in page and title not in page
    page = login(client, users, "bergen").get(reverse("options:variant-detail", args=[SLUG, 3])).content.decode()
    assert title in page
