"""`regiokompas generate-scale-data`: illustrative rows, each with its audit row; bad options refused."""

from __future__ import annotations

import pytest

from regiokompas.cli import main

pytestmark = pytest.mark.django_db


def test_small_scale_data_set(capsys):
    from regiokompas.audit.models import AuditEntry
    from regiokompas.register.models import Decision, Document, Gate, Trajectory
    from regiokompas.register.scale import SLUG_PREFIX

    assert main(["generate-scale-data", "--regions", "2", "--municipalities", "6", "--trajectories", "3",
                 "--decisions", "40", "--documents", "10"]) == 0
    assert "3 trajecten" in capsys.readouterr().out
    trajectories = Trajectory.objects.filter(slug__startswith=SLUG_PREFIX)
    assert trajectories.count() == 3 and all(t.illustrative and "Illustratief" in t.name for t in trajectories)
    decisions = Decision.objects.filter(gate__trajectory__in=trajectories)
    assert decisions.count() == 40 and all(d.illustrative for d in decisions)
    assert Document.objects.filter(trajectory__in=trajectories, illustrative=True).count() == 10
    assert Gate.objects.filter(trajectory__in=trajectories).count() == 12
    audited = set(AuditEntry.objects.filter(object_type="register.Decision").values_list("object_id", flat=True))
    assert {str(pk) for pk in decisions.values_list("pk", flat=True)} <= audited


@pytest.mark.parametrize("args, word", [
    (["--regions", "0"], "--regions"),
    (["--municipalities", "100000"], "--municipalities"),
    (["--regions", "5", "--trajectories", "2"], "--trajectories"),
    (["--decisions", "-1"], "--decisions"),
])
def test_bad_options_are_refused_and_nothing_changes(capsys, args, word):
    from regiokompas.audit.models import AuditEntry
    from regiokompas.register.models import Trajectory

    before = (Trajectory.objects.count(), AuditEntry.objects.count())
    assert main(["generate-scale-data", "--municipalities", "6", "--trajectories", "3", "--regions", "2", *args]) == 2
    err = capsys.readouterr().err
    assert word in err and "niets gewijzigd" in err
    assert (Trajectory.objects.count(), AuditEntry.objects.count()) == before
