"""Results that were wrong on real trajectories: unknown costs, percentages, one number per
simulation, the offered core division, no "−€ 0", and what drives the Shapley division."""

import json

import numpy as np
import pytest
from tests import fictitious_region

from regiokompas.engine.costs import game
from regiokompas.examples import SLUG_2012
from regiokompas.finance import build, presentation
from regiokompas.formatting import euro, percent
from regiokompas.register.models import Trajectory

pytestmark = pytest.mark.django_db

SLUG = SLUG_2012


@pytest.fixture
def region(db):
    return fictitious_region.build()


def test_a_variant_without_cost_items_is_unknown_not_free(region, client, users, capsys):
    t = region["trajectory"]
    result = build.compute(t)
    v2 = result["variants"]["v2"]
    assert v2["known"] is False and result["variants"]["v1"]["known"] is True
    summary = presentation.variant_summary(result)
    row = next(r for r in summary.rows if r[0].startswith("Variant 2"))
    assert row[1] == presentation.UNKNOWN and "€ 0" not in " ".join(row)
    assert "onbekend (niet nul)" in presentation.unknown_sentence(result)
    from regiokompas.finance import services
    assert 2 not in services.criterion_values(t, result)  # no score of 0 for the options analysis
    client.force_login(users["beheer"])
    html = client.get(f"/trajecten/{t.slug}/financien/").content.decode()
    assert "onbekend (niet nul)" in html
    html = client.get(f"/trajecten/{t.slug}/financien/varianten/2/").content.decode()
    assert "onbekend (niet nul)" in html and "€ 0" not in html
    html = client.get(f"/trajecten/{t.slug}/financien/gemeenten/GM0448/").content.decode()
    assert "onbekend (niet € 0)" in html
    from regiokompas.cli import main
    assert main(["costs", "--trajectory", t.slug, "--samples", "300"]) == 0
    assert "onbekend (niet nul)" in capsys.readouterr().out
    assert main(["costs", "--trajectory", t.slug, "--samples", "300", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["variants"]["v2"] == {"name": "Variant 2: Eén uitvoeringsorganisatie", "known": False,
                                      "note": "Geen kostenposten vastgelegd: de kosten zijn onbekend, niet nul."}
    from regiokompas.finance.report import financial_chapter
    text = " ".join(getattr(b, "text", "") for b in financial_chapter(t).blocks)
    assert "onbekend (niet nul)" in text


def test_percentages_keep_their_decimals(region, client, users, capsys):
    assert percent(0.015, 2, trim=True) == "1,5 %" and percent(0.02, 2, trim=True) == "2 %"
    assert percent(0.0125, 2, trim=True) == "1,25 %" and percent(0, 2, trim=True) == "0 %"
    client.force_login(users["beheer"])
    html = client.get(f"/trajecten/{region['trajectory'].slug}/financien/").content.decode()
    assert "1,5 % per jaar" in html and "2 % per jaar" not in html
    from regiokompas.cli import main
    from regiokompas.finance.report import financial_chapter
    assert main(["costs", "--trajectory", region["trajectory"].slug, "--samples", "200"]) == 0
    assert "indexatie 1,5 % per jaar" in capsys.readouterr().out
    assert "geïndexeerd met 1,5 % per jaar" in financial_chapter(region["trajectory"]).blocks[0].text


def test_no_minus_zero():
    assert euro(-0.4) == "€ 0" and euro(-0.4, millions=True) == "€ 0,00 mln"
    assert euro(-1234.6) == "−€ 1.235" and euro(-4000, millions=True) == "€ 0,00 mln"


def test_one_simulation_one_number():
    t = Trajectory.objects.get(slug=SLUG)
    result = build.compute(t, samples=3000)
    for v in result["variants"].values():
        for code, m in v["municipalities"].items():
            mean = m["horizon"]["mean"]
            assert v["join_or_stay"][code]["join"] == pytest.approx(mean, rel=1e-9)
            assert v["join_or_stay"][code]["ranges"]["join"]["mean"] == pytest.approx(mean, rel=1e-9)
            assert v["coalition"]["key_contribution"][code] == pytest.approx(mean, rel=1e-9)
            assert v["coalition"]["shapley_contribution"][code] == pytest.approx(
                v["coalition"]["ranges"]["shapley_contribution"][code]["mean"], rel=1e-9)
        assert v["coalition"]["total_cost"] == pytest.approx(v["total"]["horizon"]["mean"], rel=1e-9)


def test_an_offered_core_division_adds_up_to_what_is_shared():
    t = Trajectory.objects.get(slug=SLUG)
    # Alkmaar and Bergen together: keeping the current situation is cheaper than variant 1, so no
    # division of the variant's cost lies in the core (before, one summing to the current cost was offered)
    result = build.compute(t, samples=2000, coalition=["GM0361", "GM0373"], variant_numbers=[1])
    c = result["variants"]["v1"]["coalition"]
    if c["core"]["core_division"] is not None:
        assert sum(c["core"]["core_division"].values()) == pytest.approx(c["total_cost"])
    assert c["core"]["core_empty"] is True
    for n in (2, 3):
        result = build.compute(t, samples=2000, variant_numbers=[n])
        c = result["variants"][f"v{n}"]["coalition"]
        assert sum(c["core"]["core_division"].values()) == pytest.approx(c["total_cost"])
        lines = presentation.coalition_sentences(result, f"v{n}")
        assert any(line.startswith("Kerntoets:") for line in lines)
        assert any("de te verdelen kosten over de looptijd" in line for line in lines)
    # the engine: the least core shares ``total`` when it is given
    margin, x = game.least_core(np.array([0.0, 10.0, 10.0, 15.0]), total=18.0)
    assert x.sum() == pytest.approx(18.0)


def test_shapley_is_explained_and_shown_beside_the_keys(region, client, users):
    t = region["trajectory"]
    result = build.compute(t)
    c = result["variants"]["v1"]["coalition"]
    shares = list(c["shapley_contribution"].values())
    assert max(shares) == pytest.approx(min(shares))  # only fixed costs: equal shares
    lines = presentation.shapley_explanation(build.parse(t), result, "v1")
    assert any("Coördinatie" in line and "gelijke delen" in line for line in lines)
    assert any("alleen vaste posten" in line for line in lines)
    client.force_login(users["beheer"])
    html = client.get(f"/trajecten/{t.slug}/financien/varianten/1/").content.decode()
    assert "Wat de Shapley-verdeling bepaalt" in html and "Gekozen sleutels" in html and "eerlijke verdeling)" not in html
    html = client.get(f"/trajecten/{t.slug}/financien/gemeenten/GM0096/").content.decode()
    assert "Met de gekozen verdeelsleutels" in html and "alleen vaste posten" in html
    lines = presentation.coalition_sentences(result, "v1")
    assert not any("groep(en)" in line for line in lines)


def test_a_coalition_of_one_reads_in_the_singular(region):
    result = build.compute(region["trajectory"], coalition=["GM0448"], variant_numbers=[1])
    lines = presentation.coalition_sentences(result, "v1")
    assert lines[0].startswith("Texel bespaart") or lines[0].startswith("Texel betaalt meer dan nu")
    assert lines[1] == "Met één gemeente in de coalitie valt er niets te verdelen: zij draagt alle kosten."
    assert presentation.shapley_explanation(build.parse(region["trajectory"]), result, "v1") == []
