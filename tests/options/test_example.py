import pytest

from regiokompas.examples import SLUG_2012
from regiokompas.options.models import PreferenceSet, Score, Variant

pytestmark = pytest.mark.django_db

SLUG = SLUG_2012


def test_example_has_three_variants_all_scores_and_preferences_per_municipality():
    variants = Variant.objects.filter(trajectory__slug=SLUG).order_by("number")
    assert [v.number for v in variants] == [1, 2, 3]
    assert variants[0].illustrative and variants[1].illustrative
    assert not variants[2].illustrative and "seed:" in variants[2].source
    assert Score.objects.filter(variant__trajectory__slug=SLUG).count() == 3 * 8
    assert all(s.illustrative for s in Score.objects.filter(variant__trajectory__slug=SLUG))
    prefs = PreferenceSet.objects.filter(trajectory__slug=SLUG)
    assert prefs.count() == 8
    assert all(p.illustrative and p.statements.exists() for p in prefs)
