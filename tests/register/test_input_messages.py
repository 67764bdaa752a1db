"""Messages that say what is wrong: a condition status by its label, an infinite scale end."""

import math

import pytest
from tests.register.helpers import database_counts

from regiokompas.accounts.actors import SystemActor
from regiokompas.register import constants as c
from regiokompas.register import services as s
from regiokompas.register.models import Condition, Document, Trajectory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cond():
    t = Trajectory.objects.get(slug="alkmaar-sociale-zaken-2012")
    return Condition.objects.filter(decision__gate__trajectory=t, decision__is_current=True).first()


def test_condition_status_by_its_label_is_accepted(cond, users):
    doc = s.save_document(SystemActor("test"), Document(trajectory=cond.decision.gate.trajectory, kind=c.DocumentKind.RAPPORT,
                                           title="Analyse dienstverleningsmodellen"))
    s.set_condition_status(users["bergen"], cond, "Vervuld", fulfilled_by=doc)
    cond.refresh_from_db()
    assert cond.status == c.ConditionStatus.MET


def test_unknown_condition_status_lists_labels_and_values(cond, users):
    before = database_counts()
    with pytest.raises(s.RegisterError) as exc:
        s.set_condition_status(users["bergen"], cond, "klaar")
    assert "Kies uit: open (open), vervuld (met), vervallen (dropped)." in exc.value.message
    assert database_counts() == before


@pytest.mark.parametrize("low, high", [(0, math.inf), (-math.inf, 100), (math.nan, 100), (0, 1e300)])
def test_infinite_scale_gets_a_dutch_message_without_a_constraint_name(low, high):
    from regiokompas.options import services as options_services
    from regiokompas.options.errors import OptionsError
    from regiokompas.options.models import Criterion

    criterion = Criterion.objects.filter(criteria_set__trajectory__slug="alkmaar-sociale-zaken-2012").first()
    criterion.scale_min, criterion.scale_max = low, high
    before = database_counts()
    with pytest.raises(OptionsError) as exc:
        options_services.save_criterion(SystemActor("test"), criterion)
    assert "moet een eindig getal tussen -10^15 en 10^15 zijn" in exc.value.message
    assert "constraint" not in exc.value.message.lower() and "JSON_VALID" not in exc.value.message
    assert database_counts() == before
