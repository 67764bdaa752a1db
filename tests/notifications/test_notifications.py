"""Notifications: once per event, to those who follow the trajectory and may see the event, never to
the actor, never to those who opted out; the daily digest; `regiokompas notify` twice sends nothing new."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from regiokompas.notifications import services
from regiokompas.notifications.models import DigestRun, EmailMode, EventKind, Notification, Subscription

pytestmark = pytest.mark.django_db
ALL = list(EventKind.values)


@pytest.fixture
def trajectory(db):
    from regiokompas.register.models import Trajectory

    return Trajectory.objects.get(slug="alkmaar-participatiewet-2019")


def follow(user, trajectory, events=ALL, email=EmailMode.NONE):
    user.email = f"{user.username}@example.org"
    user.save(update_fields=["email"])
    return services.set_subscription(user, user, trajectory, events=list(events), email=email)


def outsider(trajectory):
    """A user of another municipality who takes part in no trajectory (subscribed behind the service's back)."""
    from django.contrib.auth import get_user_model

    from regiokompas.accounts.models import Profile, UserRole
    from regiokompas.register.models import Municipality

    user = get_user_model().objects.create_user("buitenstaander", email="buiten@example.org", password="x")
    Profile.objects.create(user=user, role=UserRole.BELEIDSMEDEWERKER, municipality=Municipality.objects.get(cbs_code="GM0383"))
    Subscription.objects.create(user=user, trajectory=trajectory, events=ALL, email=EmailMode.IMMEDIATE)
    return user


def bergen_correction(users, m, trajectory):
    from regiokompas.register import services as rs
    from regiokompas.register.models import Decision

    decision = Decision.objects.filter(gate__trajectory=trajectory, municipality=m["bergen"], is_current=True).order_by("gate__ordinal").first()
    return rs.supersede_decision(users["bergen"], decision, rs.DecisionInput(
        gate=decision.gate, municipality=m["bergen"], outcome=decision.outcome, date=decision.date,
        date_precision=decision.date_precision, motivation="Correctie van de motivering.",
        body_kind=decision.governing_body.kind), reason="meldingentest")


def test_a_decision_notifies_followers_of_other_municipalities_once(users, m, trajectory, django_capture_on_commit_callbacks):
    follow(users["alkmaar"], trajectory, email=EmailMode.IMMEDIATE)  # another municipality: told
    follow(users["griffier-bergen"], trajectory)  # Bergen's own decision: not "another municipality"
    follow(users["bergen"], trajectory)  # the actor: never
    follow(users["projectleider"], trajectory, events=[EventKind.SUBMITTED])  # opted out of decisions
    stranger = outsider(trajectory)  # no member of the trajectory: never
    with django_capture_on_commit_callbacks(execute=True):
        decision = bergen_correction(users, m, trajectory)
    told = Notification.objects.filter(kind=EventKind.DECISION)
    assert [n.user.username for n in told] == ["alkmaar"]
    assert told.get().event_key == f"besluit:{decision.pk}"
    assert [msg.to for msg in mail.outbox] == [["alkmaar@example.org"]]
    assert "Bergen" in mail.outbox[0].subject
    assert not Notification.objects.filter(user=stranger).exists()
    # the same event again creates nothing and mails nothing
    from regiokompas.audit.models import AuditEntry
    from regiokompas.notifications import integration

    entry = AuditEntry.objects.filter(action__startswith="decision.", object_id=str(decision.pk)).get()
    with django_capture_on_commit_callbacks(execute=True):
        integration.audit_row_written(AuditEntry, entry, created=True)
        assert services.send_immediate() == 0
    assert told.count() == 1 and len(mail.outbox) == 1


def test_an_unsent_draft_is_told_only_to_those_who_may_see_it(users, m, trajectory):
    from regiokompas.publications import services as pub

    follow(users["bergen"], trajectory)  # another municipality: may not see Alkmaar's draft
    follow(users["raadslid-bergen"], trajectory)
    follow(users["projectleider"], trajectory)  # the project organisation: may see it
    gate = trajectory.gates.order_by("ordinal").first()
    draft = pub.create_draft(users["alkmaar"], gate, m["alkmaar"], "memo")
    pub.submit_for_approval(users["alkmaar"], draft)
    told = Notification.objects.filter(kind=EventKind.SUBMITTED)
    assert [n.user.username for n in told] == ["projectleider"]
    assert draft.document.title in told.get().title


def test_sent_to_the_council_is_told_to_the_followers(users, m, trajectory):
    from regiokompas.publications import services as pub

    follow(users["bergen"], trajectory, events=[EventKind.SENT])
    follow(users["raadslid-bergen"], trajectory, events=[])  # follows nothing
    gate = trajectory.gates.order_by("ordinal").first()
    draft = pub.create_draft(users["alkmaar"], gate, m["alkmaar"], "memo", today=dt.date.today())
    from regiokompas.accounts.actors import SystemActor

    draft = pub.finalise(SystemActor("meldingentest"), draft)
    pub.record_information_event(users["alkmaar"], draft.document, m["alkmaar"], date=dt.date.today(), channel="ris", gate=gate)
    told = Notification.objects.filter(kind=EventKind.SENT)
    assert [n.user.username for n in told] == ["bergen"]


def test_notify_twice_sends_nothing_new_and_the_digest_collects(users, trajectory):
    from regiokompas.accounts.actors import SystemActor
    from regiokompas.planning.models import Consultation
    from regiokompas.register import services as rs

    today = dt.date(2031, 3, 1)
    follow(users["alkmaar"], trajectory, email=EmailMode.DAILY)
    follow(users["bergen"], trajectory, email=EmailMode.IMMEDIATE)
    follow(users["griffier-bergen"], trajectory, events=[])  # opted out of everything
    gates = list(trajectory.gates.order_by("ordinal")[:2])
    setup = SystemActor("meldingentest")
    gates[0].planned_date = today - dt.timedelta(days=1)  # opened yesterday
    rs.save_object(setup, gates[0])
    gates[1].planned_date = today + dt.timedelta(days=10)  # nears
    rs.save_object(setup, gates[1])
    consultation = Consultation.objects.filter(body__trajectory=trajectory).first()
    if consultation is not None:
        Consultation.objects.filter(pk=consultation.pk).update(requested=None, due=today + dt.timedelta(days=3), received=None)
    first = services.run_scheduled(today)
    expected_kinds = {EventKind.GATE_OPENED, EventKind.GATE_NEAR} | ({EventKind.DEADLINE} if consultation else set())
    for username in ("alkmaar", "bergen"):
        kinds = set(Notification.objects.filter(user__username=username).values_list("kind", flat=True))
        assert kinds == expected_kinds
    assert not Notification.objects.filter(user__username="griffier-bergen").exists()
    assert first["meldingen"] == 2 * len(expected_kinds)
    assert first["direct"] == len(expected_kinds) and first["overzichten"] == 1
    digest = [msg for msg in mail.outbox if msg.to == ["alkmaar@example.org"]]
    assert len(digest) == 1 and "overzicht" in digest[0].subject
    assert all(n.title in digest[0].body for n in Notification.objects.filter(user__username="alkmaar"))
    sent = len(mail.outbox)
    # again, the same day and the next: nothing new
    assert services.run_scheduled(today) == {"meldingen": 0, "direct": 0, "overzichten": 0}
    assert services.run_scheduled(today + dt.timedelta(days=1)) == {"meldingen": 0, "direct": 0, "overzichten": 0}
    assert len(mail.outbox) == sent
    assert DigestRun.objects.filter(user__username="alkmaar").count() == 1


def test_the_command_runs_twice_without_sending_twice(users, trajectory, capsys):
    from regiokompas.cli import main

    follow(users["alkmaar"], trajectory, email=EmailMode.IMMEDIATE)
    gate = trajectory.gates.order_by("ordinal").last()
    day = (gate.planned_date or dt.date(2030, 1, 1)) - dt.timedelta(days=3)
    assert main(["notify", "--datum", day.isoformat()]) == 0
    first = capsys.readouterr().out
    assert main(["notify", "--datum", day.isoformat()]) == 0
    assert capsys.readouterr().out.startswith("0 nieuwe meldingen, 0 e-mails")
    assert "nieuwe meldingen" in first
    assert main(["notify", "--datum", "morgen"]) == 2
    assert "--datum" in capsys.readouterr().err


def test_preferences_are_audited_and_bad_input_changes_nothing(users, trajectory):
    from regiokompas.audit.models import AuditEntry

    user = users["raadslid-bergen"]
    follow(user, trajectory, events=[EventKind.DECISION], email=EmailMode.DAILY)
    entry = AuditEntry.objects.filter(action="notification_subscription.create").latest("pk")
    assert entry.actor == user and entry.trajectory_slug == trajectory.slug
    before = AuditEntry.objects.count()
    with pytest.raises(services.NotificationError, match="E-mail"):
        services.set_subscription(user, user, trajectory, events=[EventKind.DECISION], email="elk-uur")
    with pytest.raises(services.NotificationError, match="onbekende keuze"):
        services.set_subscription(user, user, trajectory, events=["alles"], email=EmailMode.NONE)
    with pytest.raises(services.NotificationError, match="eigen meldingen"):
        services.set_subscription(users["bergen"], user, trajectory, events=[], email=EmailMode.NONE)
    assert AuditEntry.objects.count() == before
    sub = Subscription.objects.get(user=user, trajectory=trajectory)
    assert sub.events == [EventKind.DECISION] and sub.email == EmailMode.DAILY
    services.set_subscription(user, user, trajectory, events=[], email=EmailMode.NONE)
    update = AuditEntry.objects.filter(action="notification_subscription.update").latest("pk")
    assert update.before["events"] == [EventKind.DECISION] and update.after["events"] == []


def test_preferences_page_and_list(client, users, trajectory):
    user = users["raadslid-bergen"]
    client.force_login(user)
    page = client.get("/meldingen/instellingen/")
    assert page.status_code == 200 and trajectory.name in page.content.decode()
    prefix = f"t{trajectory.pk}"
    response = client.post("/meldingen/instellingen/", {f"{prefix}-meldingen": [EventKind.DECISION, EventKind.SENT],
                                                         f"{prefix}-email": EmailMode.DAILY})
    assert response.status_code == 302
    sub = Subscription.objects.get(user=user, trajectory=trajectory)
    assert sub.events == [EventKind.DECISION, EventKind.SENT]
    bad = client.post("/meldingen/instellingen/", {f"{prefix}-meldingen": ["onzin"], f"{prefix}-email": EmailMode.NONE})
    assert bad.status_code == 400 and "onbekende keuze" in bad.content.decode()
    sub.refresh_from_db()
    assert sub.events == [EventKind.DECISION, EventKind.SENT] and sub.email == EmailMode.DAILY
    Notification.objects.create(user=user, trajectory=trajectory, kind=EventKind.DECISION, event_key="x",
                                title="Een <b>melding</b>")
    listing = client.get("/meldingen/").content.decode()
    assert "Een &lt;b&gt;melding&lt;/b&gt;" in listing and 'class="badge-count">1<' in listing
    client.post("/meldingen/gelezen/")
    assert not Notification.objects.filter(user=user, read_at__isnull=True).exists()
