"""Variants, criteria and scores through the service layer: validation, permission, audit."""

import pytest
from tests.options.helpers import SLUG, database_counts

from regiokompas.accounts.actors import SystemActor
from regiokompas.audit.models import AuditEntry
from regiokompas.options import services
from regiokompas.options.errors import OptionsError, PermissionDenied
from regiokompas.options.models import Criterion, Score, Variant
from regiokompas.register.models import Trajectory

pytestmark = pytest.mark.django_db


@pytest.fixture
def t():
    return Trajectory.objects.get(slug=SLUG)


def _score(t, code="eff", number=1):
    return Score.objects.get(variant__trajectory=t, variant__number=number, criterion__code=code)


@pytest.mark.parametrize("changes, fragment", [
    ({"kind": "pert", "low": 12, "most_likely": 10, "high": 8}, "moet tussen laag (12) en hoog (8) liggen"),
    ({"kind": "range", "low": 12, "high": 8}, "de hoge waarde (8) ligt onder de lage waarde (12)"),
    ({"unit": "procent"}, "onbekende eenheid 'procent'"),
    ({"kind": "exact", "most_likely": None}, "vul de exacte waarde in"),
    ({"kind": "pert", "low": 5, "most_likely": 10, "high": 45}, "op de schaal van het criterium"),
    ({"kind": "raar"}, "onbekende soort schatting"),
])
def test_bad_score_is_refused_in_dutch_and_nothing_changes(t, changes, fragment):
    score = _score(t)
    before = database_counts()
    stored = (score.kind, score.low, score.most_likely, score.high, score.unit)
    for k, v in changes.items():
        setattr(score, k, v)
    with pytest.raises(OptionsError) as err:
        services.save_score(SystemActor("test"), score)
    assert fragment in err.value.message
    assert database_counts() == before
    fresh = _score(t)
    assert (fresh.kind, fresh.low, fresh.most_likely, fresh.high, fresh.unit) == stored


def test_score_update_writes_audit_row_with_before_and_after(t):
    score = _score(t, "klant", 2)
    score.low, score.most_likely, score.high = 6.0, 7.0, 8.0
    score.evidence_source = "Cliëntervaringsonderzoek 2011"
    services.save_score(SystemActor("test"), score)
    entry = AuditEntry.objects.filter(action="score.update", object_id=str(score.pk)).first()
    assert entry.before["high"] == 7.4 and entry.after["high"] == 8.0
    assert _score(t, "klant", 2).substantiated


def test_score_without_evidence_is_not_substantiated(t):
    assert _score(t, "eff", 1).substantiation_label == "niet onderbouwd"
    assert _score(t, "fin", 3).substantiated  # the memo names the large financial consequences


def test_only_project_organisation_changes_variants_and_scores(t, users):
    v = Variant.objects.get(trajectory=t, number=1)
    before = database_counts()
    for name in ("bergen", "alkmaar", "raadslid-bergen", "or-bergen"):
        with pytest.raises(PermissionDenied):
            services.save_variant(users[name], v)
        with pytest.raises(PermissionDenied):
            services.save_score(users[name], _score(t))
    assert database_counts() == before
    v.description = "Nieuwe omschrijving"
    services.save_variant(users["projectleider"], v)
    assert Variant.objects.get(pk=v.pk).description == "Nieuwe omschrijving"


def test_duplicate_variant_number_is_refused(t):
    before = database_counts()
    with pytest.raises(OptionsError, match="al een variant 2"):
        services.save_variant(SystemActor("test"), Variant(trajectory=t, number=2, name="Dubbel"))
    assert database_counts() == before


def test_criterion_needs_unit_and_ordered_scale(t):
    cs = t.criteria_set
    before = database_counts()
    with pytest.raises(OptionsError, match="geef een eenheid op"):
        services.save_criterion(SystemActor("test"), Criterion(criteria_set=cs, code="x", name="X", unit=" ", scale_min=0, scale_max=1))
    with pytest.raises(OptionsError, match="boven het begin"):
        services.save_criterion(SystemActor("test"), Criterion(criteria_set=cs, code="x", name="X", unit="%", scale_min=5, scale_max=5))
    crit = Criterion.objects.get(criteria_set=cs, code="eff")
    crit.scale_max = 10  # would exclude existing scores
    with pytest.raises(OptionsError, match="sluit bestaande scores uit"):
        services.save_criterion(SystemActor("test"), crit)
    assert database_counts() == before


def test_criteria_template_on_a_new_trajectory(users):
    from tests.register.helpers import new_trajectory

    t, _ = new_trajectory("nieuw-traject-opties")
    added = services.apply_criteria_template(users["projectleider"], t)
    assert [c.code for c in added] == ["eff", "efc", "klant", "lokaal", "fin", "pers", "kwets", "sturing"]
    assert all(c.unit and c.definition and c.scale_max > c.scale_min for c in added)
    assert services.apply_criteria_template(users["projectleider"], t) == []
    with pytest.raises(OptionsError, match="Onbekend sjabloon"):
        services.apply_criteria_template(users["projectleider"], t, "geen")


def test_criterion_used_in_preferences_cannot_be_deleted_or_recoded(t):
    crit = Criterion.objects.get(criteria_set=t.criteria_set, code="klant")
    before = database_counts()
    with pytest.raises(OptionsError, match="komt voor in de voorkeuren van"):
        services.delete_criterion(SystemActor("test"), crit)
    crit.code = "klanttevredenheid"
    with pytest.raises(OptionsError, match="wijzig de code pas"):
        services.save_criterion(SystemActor("test"), crit)
    assert database_counts() == before
