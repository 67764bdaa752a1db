"""Every service function validates, writes in one transaction and leaves an audit row."""

import datetime as dt
from unittest import mock

import pytest
from tests.register.helpers import database_counts, decide, new_trajectory

from regiokompas.accounts.actors import SystemActor
from regiokompas.audit.models import AuditEntry
from regiokompas.register import constants as c
from regiokompas.register import services as s
from regiokompas.register.models import Condition, Decision, Document, Gate, Trajectory

pytestmark = pytest.mark.django_db


def test_record_decision_writes_decision_conditions_and_audit(m, users):
    t, (g1, _) = new_trajectory(municipalities=[m["bergen"]])
    before = AuditEntry.objects.count()
    d = s.record_decision(users["bergen"], s.DecisionInput(
        gate=g1, municipality=m["bergen"], outcome=c.Outcome.AGREE_WITH_CONDITIONS, date=dt.date(2024, 2, 1),
        conditions=[s.ConditionInput("Eerst een kostenvergelijking", c.ConditionCategory.FINANCIAL)]))
    assert d.recorded_by.endswith("(bergen)")
    assert d.conditions.get().category == c.ConditionCategory.FINANCIAL
    entries = AuditEntry.objects.filter(pk__gt=0).order_by("id")[before:]
    assert [e.action for e in entries] == ["condition.create", "decision.record"]
    assert entries[1].actor == users["bergen"] and entries[1].trajectory_slug == t.slug
    assert entries[1].after["outcome"] == "agree_with_conditions"


def test_supersede_keeps_history_and_audits_before_and_after(m, users):
    _t, (g1, _) = new_trajectory(municipalities=[m["bergen"]])
    first = decide(g1, m["bergen"], c.Outcome.HOLD)
    second = s.supersede_decision(users["bergen"], first, s.DecisionInput(gate=g1, municipality=m["bergen"], outcome=c.Outcome.AGREE,
                                  date=dt.date(2024, 3, 1)), reason="Nieuwe informatie ontvangen", kind=c.SupersedeKind.NEW_DECISION)
    first.refresh_from_db()
    assert not first.is_current and second.is_current and second.supersedes == first
    entry = AuditEntry.objects.filter(action="decision.new_decision").latest("id")
    assert entry.before["outcome"] == "hold" and entry.after["outcome"] == "agree"
    assert entry.reason == "Nieuwe informatie ontvangen"
    with pytest.raises(s.RegisterError, match="al vervangen"):
        s.supersede_decision(users["bergen"], first, s.DecisionInput(gate=g1, municipality=m["bergen"], outcome=c.Outcome.REJECT), reason="x")


def test_a_decision_is_never_edited_in_place(m):
    _t, (g1, _) = new_trajectory(municipalities=[m["bergen"]])
    d = decide(g1, m["bergen"], c.Outcome.HOLD)
    d.outcome = c.Outcome.AGREE
    with pytest.raises(s.RegisterError, match="nooit gewijzigd"):
        s.save_object(SystemActor("test"), d)
    with pytest.raises(s.RegisterError, match="geschiedenis"):
        s.delete_object(SystemActor("test"), d)
    d.refresh_from_db()
    assert d.outcome == c.Outcome.HOLD


def test_failure_after_writing_rolls_back_everything(m):
    _t, (g1, _) = new_trajectory(municipalities=[m["bergen"]])
    counts = database_counts()
    with mock.patch("regiokompas.register.services.audit.record", side_effect=RuntimeError("schijf vol")):
        with pytest.raises(RuntimeError):
            s.record_decision(SystemActor("test"), s.DecisionInput(gate=g1, municipality=m["bergen"], outcome=c.Outcome.AGREE_WITH_CONDITIONS,
                                                      date=dt.date(2024, 1, 1), conditions=[s.ConditionInput("Voorwaarde")]))
    assert database_counts() == counts


@pytest.mark.parametrize(
    "case,expected",
    [
        ("other_trajectory", "hoort bij een ander traject"),
        ("second_decision", "al een besluit vastgelegd"),
        ("not_participating", "neemt niet deel"),
        ("unknown_outcome", "Onbekende uitkomst"),
        ("future_date", "toekomst"),
        ("conditions_missing", "ten minste één voorwaarde"),
        ("withdraw_on_hold", "Uittreden kan alleen"),
        ("other_municipality_user", "U mag geen besluiten van Alkmaar vastleggen"),
    ],
)
def test_bad_decisions_are_refused_in_dutch_and_change_nothing(m, users, case, expected):
    t, (g1, _) = new_trajectory(municipalities=[m["bergen"], m["alkmaar"]])
    other, _ = new_trajectory(slug="ander-traject", municipalities=[m["bergen"]])
    decide(g1, m["bergen"], c.Outcome.HOLD)
    actor, kwargs, trajectory = SystemActor("test"), {"gate": g1, "municipality": m["alkmaar"], "outcome": c.Outcome.AGREE, "date": dt.date(2024, 1, 1)}, None
    if case == "other_trajectory":
        trajectory = other
    elif case == "second_decision":
        kwargs["municipality"] = m["bergen"]
    elif case == "not_participating":
        kwargs["municipality"] = m["heiloo"]
    elif case == "unknown_outcome":
        kwargs["outcome"] = "misschien"
    elif case == "future_date":
        kwargs["date"] = dt.date.today() + dt.timedelta(days=3)
    elif case == "conditions_missing":
        kwargs["outcome"] = c.Outcome.AGREE_WITH_CONDITIONS
    elif case == "withdraw_on_hold":
        kwargs.update(outcome=c.Outcome.HOLD, withdraws=True)
    elif case == "other_municipality_user":
        actor = users["bergen"]
    counts = database_counts()
    with pytest.raises(s.RegisterError, match=expected):
        s.record_decision(actor, s.DecisionInput(**kwargs), trajectory=trajectory)
    assert database_counts() == counts


def test_condition_status_needs_evidence_and_is_audited(m, users):
    t = Trajectory.objects.get(slug="alkmaar-sociale-zaken-2012")
    cond = Condition.objects.filter(decision__gate__trajectory=t, decision__is_current=True).first()
    with pytest.raises(s.RegisterError, match="met welk stuk"):
        s.set_condition_status(users["bergen"], cond, c.ConditionStatus.MET)
    with pytest.raises(s.RegisterError, match="Onbekende status"):
        s.set_condition_status(users["bergen"], cond, "klaar")
    with pytest.raises(s.PermissionDenied):
        s.set_condition_status(users["alkmaar"], cond, c.ConditionStatus.DROPPED, note="x")
    doc = s.save_document(SystemActor("test"), Document(trajectory=t, kind=c.DocumentKind.RAPPORT, title="Analyse dienstverleningsmodellen"))
    s.set_condition_status(users["bergen"], cond, c.ConditionStatus.MET, fulfilled_by=doc)
    cond.refresh_from_db()
    assert cond.status == c.ConditionStatus.MET and cond.fulfilled_by == doc
    entry = AuditEntry.objects.filter(action="condition.status").latest("id")
    assert entry.before["status"] == "open" and entry.after["status"] == "met"


def test_definitief_document_is_immutable(m):
    doc = Document.objects.filter(status=c.DocumentStatus.DEFINITIEF).first()
    doc.title = "Andere titel"
    with pytest.raises(s.RegisterError, match="definitief"):
        s.save_document(SystemActor("test"), doc)


def test_generic_save_validates_and_audits(db):
    t = Trajectory.objects.first()
    counts = database_counts()
    with pytest.raises(s.RegisterError, match="besluitmoment"):
        s.save_object(SystemActor("test"), Gate(trajectory=t, ordinal=1, title="Dubbel volgnummer"))
    assert database_counts() == counts
    s.save_object(SystemActor("test"), Gate(trajectory=t, ordinal=99, title="Nieuw"))
    assert AuditEntry.objects.latest("id").action == "gate.create"


def test_decisions_are_not_deleted_by_the_database_either(db):
    from django.db.models import ProtectedError

    gate = Decision.objects.first().gate
    with pytest.raises(ProtectedError):
        gate.delete()
