"""Municipal preferences through the service: permission, conflicts named before saving."""

import pytest
from tests.options.helpers import SLUG, database_counts, engine_available

from regiokompas.accounts.actors import SystemActor
from regiokompas.options import services
from regiokompas.options.errors import OptionsError, PermissionDenied
from regiokompas.options.models import PreferenceSet
from regiokompas.options.problem import Statement
from regiokompas.register.models import Trajectory

pytestmark = pytest.mark.django_db

RANK = Statement("ranking", {"order": [["eff"], ["efc"]]})


@pytest.fixture
def t():
    return Trajectory.objects.get(slug=SLUG)


def stored(t, m):
    return list(PreferenceSet.objects.get(trajectory=t, municipality=m).statements.values_list("kind", "data"))


def test_only_the_municipalitys_own_staff_enter_its_preferences(t, m, users):
    before = database_counts()
    for name in ("alkmaar", "projectleider", "griffier-bergen", "raadslid-bergen", "or-bergen"):
        with pytest.raises(PermissionDenied, match="Alleen beleidsmedewerkers van Bergen"):
            services.save_preferences(users[name], t, m["bergen"], [RANK])
    assert database_counts() == before


def test_municipality_outside_the_trajectory_and_empty_input_are_refused(t, m, users):
    before = database_counts()
    with pytest.raises(OptionsError, match="neemt niet deel"):
        services.save_preferences(SystemActor("test"), t, m["uitgeest"], [RANK])
    with pytest.raises(OptionsError, match="ten minste één uitspraak"):
        services.save_preferences(users["bergen"], t, m["bergen"], [])
    assert database_counts() == before


@pytest.mark.skipif(not engine_available(), reason="rekenkern nog niet geïnstalleerd")
def test_conflicting_statements_are_named_and_nothing_is_saved(t, m, users):
    before, old = database_counts(), stored(t, m["bergen"])
    statements = [
        RANK,
        Statement("interval", {"criterion": "klant", "min": 0.1, "max": 0.2}),
        Statement("interval", {"criterion": "eff", "min": 0, "max": 0.1}),
        Statement("interval", {"criterion": "efc", "min": 0.4, "max": 1}),
    ]
    with pytest.raises(OptionsError) as err:
        services.save_preferences(users["bergen"], t, m["bergen"], statements)
    message = err.value.message
    assert message.startswith("De voorkeuren van Bergen (NH.) zijn tegenstrijdig:")
    assert "uitspraak 1 (Rangorde: Effectiviteit > Efficiency)" in message
    assert "uitspraak 3 (Gewicht van Effectiviteit tussen 0 % en 10 %)" in message
    assert "uitspraak 4 (Gewicht van Efficiency tussen 40 % en 100 %)" in message
    assert "uitspraak 2 " not in message
    assert set(err.value.statements) == {0, 2, 3}
    assert database_counts() == before and stored(t, m["bergen"]) == old


@pytest.mark.skipif(not engine_available(), reason="rekenkern nog niet geïnstalleerd")
def test_conflict_inside_swing_points_is_named(t, m, users):
    statements = [Statement("swing", {"points": {"eff": 100, "efc": [60, 80]}}),
                  Statement("interval", {"criterion": "efc", "min": 0.6, "max": 1})]
    with pytest.raises(OptionsError) as err:
        services.save_preferences(users["bergen"], t, m["bergen"], statements)
    assert "uitspraak 1 (Swingweging" in err.value.message and "uitspraak 2 (Gewicht van Efficiency tussen 60 % en 100 %)" in err.value.message


def test_valid_preferences_replace_the_earlier_ones_with_audit(t, m, users, engine):
    from regiokompas.audit.models import AuditEntry

    pref = services.save_preferences(users["bergen"], t, m["bergen"], [RANK], note="Nieuw standpunt")
    assert stored(t, m["bergen"]) == [("ranking", {"order": [["eff"], ["efc"]]})]
    entry = AuditEntry.objects.filter(action="preferences.update", object_id=str(pref.pk)).first()
    assert entry.before["statements"][0]["kind"] == "ranking" and entry.after["note"] == "Nieuw standpunt"
