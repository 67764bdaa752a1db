"""Helpers for planning tests."""

import datetime as dt

from tests.counts import database_counts  # noqa: F401 - the shared check

from regiokompas.accounts.actors import SystemActor

D = dt.date


def trajectory_with_law(slug="plan-test", municipalities=(), law_date=None):
    """A fresh trajectory with two gates and its own law as driver."""
    from regiokompas.register import constants as c
    from regiokompas.register import services as s
    from regiokompas.register.models import Gate, Law, Trajectory

    law_date = law_date or D(2030, 1, 1)
    law = s.save_object(SystemActor("test"), Law(name=f"Testwet {slug}", abbreviation=f"TW-{slug}"[:30], status=c.LawStatus.BILL,
                                    planned_start=law_date))
    t = s.save_object(SystemActor("test"), Trajectory(slug=slug, name=f"Traject {slug}"), m2m={"drivers": [law]})
    gates = [s.save_object(SystemActor("test"), Gate(trajectory=t, ordinal=i, title=f"Besluitmoment {i}", planned_date=D(2029, 6, i)))
             for i in (1, 2)]
    for muni in municipalities:
        s.add_participant(SystemActor("test"), t, muni)
    from tests.register.helpers import add_members

    add_members(t)
    return t, law, gates


def simple_plan(t, law, gates, *, done=()):
    """law -> invoering (0) -> evaluatie (+180); voorbereiding -> law (-90); los (no dependency)."""
    from regiokompas.planning import constants as pc
    from regiokompas.planning import services as ps

    M, Dep = ps.MilestoneInput, ps.DependencyInput

    def st(key):
        return pc.MilestoneStatus.DONE if key in done else pc.MilestoneStatus.PLANNED

    items = [
        M("voorbereiding", "Voorbereiding klaar", D(2029, 10, 3), status=st("voorbereiding"), depends_on=[Dep(law, -90)]),
        M("besluit", "Besluit colleges", D(2029, 6, 1), kind=pc.MilestoneKind.GATE, gate=gates[0], status=st("besluit")),
        M("invoering", "Invoering", D(2030, 1, 1), status=st("invoering"), depends_on=[Dep(law, 0)]),
        M("evaluatie", "Evaluatie", D(2030, 6, 30), status=st("evaluatie"), depends_on=[Dep("invoering", 180)]),
        M("los", "Losse mijlpaal", D(2030, 3, 1)),
    ]
    return ps.create_plan(SystemActor("test"), t, title="Eerste planning", milestones=items, reason="Start")
