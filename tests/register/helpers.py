"""Helpers for register tests: counting the whole database to prove nothing changed."""

from django.apps import apps


def database_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"register", "audit", "accounts", "auth"}
    }


def new_trajectory(slug="test-traject", rule="all_must_agree", municipalities=(), gates=2, minimum=2):
    from regiokompas.register import services as s
    from regiokompas.register.models import Gate, Trajectory

    t = s.save_object("test", Trajectory(slug=slug, name=f"Traject {slug}"))
    made = [s.save_object("test", Gate(trajectory=t, ordinal=i, title=f"Besluitmoment {i}", continuation_rule=rule,
                                          minimum_participants=minimum)) for i in range(1, gates + 1)]
    for muni in municipalities:
        s.add_participant("test", t, muni)
    return t, made


def decide(gate, muni, outcome, day=None, **kw):
    import datetime as dt

    from regiokompas.register import services as s

    return s.record_decision("test", s.DecisionInput(gate=gate, municipality=muni, outcome=outcome, date=day or dt.date(2024, 1, 1), **kw))
