"""Helpers for register tests: counting the whole database to prove nothing changed."""

from tests.counts import database_counts  # noqa: F401 - the shared check

from regiokompas.accounts.actors import SystemActor


def new_trajectory(slug="test-traject", rule="all_must_agree", municipalities=(), gates=2, minimum=2, members=True):
    from regiokompas.register import services as s
    from regiokompas.register.models import Gate, Trajectory

    t = s.save_object(SystemActor("test"), Trajectory(slug=slug, name=f"Traject {slug}"))
    made = [s.save_object(SystemActor("test"), Gate(trajectory=t, ordinal=i, title=f"Besluitmoment {i}", continuation_rule=rule,
                                          minimum_participants=minimum)) for i in range(1, gates + 1)]
    for muni in municipalities:
        s.add_participant(SystemActor("test"), t, muni)
    if members:
        add_members(t)
    return t, made


def add_members(trajectory, usernames=None):
    """Make the demo accounts (or those named) members of ``trajectory``."""
    from regiokompas.accounts.models import Profile
    from regiokompas.accounts.services import set_membership

    for profile in Profile.objects.select_related("user"):
        if usernames is None or profile.user.username in usernames:
            set_membership(SystemActor("test"), profile, [*profile.trajectories.all(), trajectory])


def decide(gate, muni, outcome, day=None, **kw):
    import datetime as dt

    from regiokompas.register import services as s

    return s.record_decision(SystemActor("test"), s.DecisionInput(gate=gate, municipality=muni, outcome=outcome, date=day or dt.date(2024, 1, 1), **kw))
