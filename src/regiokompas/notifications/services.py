"""Notifications: preferences (audited), creating a notification once per event and user for those
who follow the trajectory, may see the event and are not its actor, and the e-mails (one per
notification, or a daily digest).

Events reach this module from the other apps' audit rows (``integration.py``) and, for the ones that
depend on the date, from :func:`run_scheduled` (``regiokompas notify``)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Collection, Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from regiokompas.accounts import permissions
from regiokompas.accounts.actors import Actor, SystemActor
from regiokompas.audit import log as audit
from regiokompas.notifications.models import DigestRun, EmailMode, EventKind, Notification, Subscription
from regiokompas.register.errors import RegisterError

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from regiokompas.register.models import Trajectory

logger = logging.getLogger(__name__)
SYSTEM = SystemActor("meldingen")


class NotificationError(RegisterError):
    """Invalid preferences; the message is Dutch and names the field."""


# --- preferences ------------------------------------------------------------------------------------

def followable_trajectories(user: Actor, queryset: Iterable[Trajectory]) -> list[Trajectory]:
    """The trajectories ``user`` may choose to follow."""
    return [t for t in queryset if permissions.can_follow_trajectory(user, t)]


def subscription_of(user: User, trajectory: Trajectory) -> Subscription | None:
    return Subscription.objects.filter(user=user, trajectory=trajectory).first()


@transaction.atomic
def set_subscription(actor: Actor, user: User, trajectory: Trajectory, *, events: Iterable[str], email: str) -> Subscription:
    """What ``user`` wants to hear about ``trajectory``: a list of EventKind values and the e-mail
    mode. Only the user herself (or the beheerder) sets it; audited."""
    if not (permissions.is_authenticated(actor) and (getattr(actor, "pk", None) == user.pk or permissions.is_manager(actor))):
        raise NotificationError("U mag alleen uw eigen meldingen instellen.")
    if not permissions.can_follow_trajectory(user, trajectory):
        raise NotificationError(f"Meldingen over {trajectory} zijn er alleen voor deelnemers aan het traject.")
    events = list(dict.fromkeys(events))
    unknown = [e for e in events if e not in EventKind.values]
    if unknown:
        raise NotificationError(f"Meldingen over: onbekende keuze '{unknown[0]}'.")
    if email not in EmailMode.values:
        raise NotificationError(f"E-mail: onbekende keuze '{email}'. Kies geen, direct of dagelijks.")
    events = [e for e in EventKind.values if e in events]  # the fixed order
    subscription = Subscription.objects.select_for_update().filter(user=user, trajectory=trajectory).first()
    before = audit.snapshot(subscription) if subscription else None
    if subscription is not None and subscription.events == events and subscription.email == email:
        return subscription
    if subscription is None:
        subscription = Subscription(user=user, trajectory=trajectory)
    subscription.events, subscription.email = events, email
    subscription.save()
    audit.record(actor, "notification_subscription.update" if before else "notification_subscription.create",
                 subscription, before=before, trajectory_slug=trajectory.slug)
    return subscription


# --- creating notifications -------------------------------------------------------------------------

def notify(kind: str, trajectory: Trajectory, event_key: str, *, title: str, text: str = "", url: str = "",
           actor: Actor | None = None, may_see: Callable[[User], bool] | None = None,
           skip: Callable[[User], bool] | None = None) -> list[Notification]:
    """Tell everyone who follows ``kind`` on ``trajectory``, may see it (``may_see(user)``, besides
    following the trajectory), is not the actor and is not skipped (``skip(user)``). Once per event
    and user: a second call with the same ``event_key`` creates nothing."""
    actor_pk = getattr(actor, "pk", None) if permissions.is_authenticated(actor) else None
    created: list[Notification] = []
    subscriptions = Subscription.objects.filter(trajectory=trajectory).select_related("user")
    for subscription in subscriptions:
        user = subscription.user
        if kind not in subscription.events or user.pk == actor_pk:
            continue
        if not permissions.can_follow_trajectory(user, trajectory):
            continue
        if may_see is not None and not may_see(user):
            continue
        if skip is not None and skip(user):
            continue
        if Notification.objects.filter(user=user, event_key=event_key).exists():
            continue
        try:
            with transaction.atomic():
                notification = Notification.objects.create(
                    user=user, trajectory=trajectory, kind=kind, event_key=event_key[:200], title=title[:300],
                    text=text, url=url[:300], email=subscription.email)
        except IntegrityError:  # created at the same moment by another process
            continue
        created.append(notification)
    immediate = [n.pk for n in created if n.email == EmailMode.IMMEDIATE]
    if immediate:
        transaction.on_commit(lambda: send_immediate(immediate))
    return created


# --- e-mail -----------------------------------------------------------------------------------------

def _site() -> str:
    return getattr(settings, "REGIOKOMPAS_SITE_URL", "").rstrip("/")


def _mail_text(notification: Notification) -> str:
    lines = [notification.title]
    if notification.text:
        lines += ["", notification.text]
    if notification.url:
        lines += ["", f"Bekijk het in Regiokompas: {_site()}{notification.url}"]
    return "\n".join(lines)


def _footer() -> str:
    return ("\n\n--\nU ontvangt dit bericht omdat u dit traject volgt in Regiokompas. "
            f"Uw meldingen stelt u in op {_site()}/meldingen/instellingen/.")


def send_immediate(ids: Collection[int] | None = None) -> int:
    """Send the e-mails of notifications in 'direct' mode that have not been mailed (all, or ``ids``)."""
    pending = Notification.objects.filter(email=EmailMode.IMMEDIATE, emailed_at__isnull=True).select_related("user")
    if ids is not None:
        pending = pending.filter(pk__in=ids)
    sent = 0
    for notification in pending:
        address = notification.user.email
        if address:
            send_mail(f"Regiokompas: {notification.title}"[:200], _mail_text(notification) + _footer(),
                      settings.DEFAULT_FROM_EMAIL, [address])
            sent += 1
        Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(emailed_at=timezone.now())
    return sent


def send_digests(today: dt.date) -> int:
    """One e-mail per user with every 'dagelijks' notification not yet mailed; at most once a day."""
    User = get_user_model()
    users = User.objects.filter(pk__in=Notification.objects.filter(email=EmailMode.DAILY, emailed_at__isnull=True)
                                .values("user_id"))
    sent = 0
    for user in users:
        with transaction.atomic():
            if DigestRun.objects.filter(user=user, day=today).exists():
                continue
            items = list(Notification.objects.select_for_update().filter(
                user=user, email=EmailMode.DAILY, emailed_at__isnull=True).order_by("created", "pk"))
            if not items:
                continue
            DigestRun.objects.create(user=user, day=today, count=len(items))
            Notification.objects.filter(pk__in=[n.pk for n in items]).update(emailed_at=timezone.now())
            if user.email:
                count = "1 melding" if len(items) == 1 else f"{len(items)} meldingen"
                body = "\n\n".join(f"- {_mail_text(n)}" for n in items)
                send_mail(f"Regiokompas: overzicht van {today:%d-%m-%Y} ({count})",
                          f"Sinds het vorige overzicht:\n\n{body}{_footer()}", settings.DEFAULT_FROM_EMAIL, [user.email])
                sent += 1
    return sent


# --- events that depend on the date -----------------------------------------------------------------

def lead_days() -> int:
    return int(getattr(settings, "REGIOKOMPAS_NOTIFY_DAYS", 14))


def scheduled_events(today: dt.date) -> int:
    """Gates that opened (planned date reached in the last week) or near their planned date, and
    consultations whose deadline nears without advice."""
    from django.urls import reverse

    from regiokompas.planning.models import Consultation
    from regiokompas.register.dates import FuzzyDate
    from regiokompas.register.models import Gate

    horizon = today + dt.timedelta(days=lead_days())
    count = 0
    for gate in Gate.objects.filter(planned_date__gte=today - dt.timedelta(days=7), planned_date__lte=horizon
                                    ).select_related("trajectory"):
        if gate.planned_date is None:  # not reached: the filter on the date leaves out gates without one
            continue
        when = FuzzyDate(gate.planned_date, gate.planned_date_precision)
        url = reverse("register:gate-detail", args=[gate.pk])
        if gate.planned_date <= today:
            count += len(notify(EventKind.GATE_OPENED, gate.trajectory, f"moment-aangebroken:{gate.pk}:{gate.planned_date}",
                                title=f"Besluitmoment aangebroken: {gate}", url=url,
                                text=f"{gate.trajectory}: het besluitmoment '{gate}' is gepland op {when}."))
        else:
            count += len(notify(EventKind.GATE_NEAR, gate.trajectory, f"moment-nadert:{gate.pk}:{gate.planned_date}",
                                title=f"Besluitmoment nadert: {gate}", url=url,
                                text=f"{gate.trajectory}: het besluitmoment '{gate}' is gepland op {when}."))
    for consultation in Consultation.objects.filter(due__gte=today, due__lte=horizon, received__isnull=True
                                                    ).select_related("body__trajectory"):
        trajectory = consultation.body.trajectory
        count += len(notify(EventKind.DEADLINE, trajectory, f"adviestermijn:{consultation.pk}:{consultation.due}",
                            title=f"Adviestermijn nadert: {consultation.body}",
                            url=reverse("planning:overview", args=[trajectory.slug]),
                            text=f"{trajectory}: het advies van {consultation.body} over '{consultation.subject}' "
                                 f"wordt uiterlijk {consultation.due:%d-%m-%Y} verwacht."))
    return count


def run_scheduled(today: dt.date | None = None) -> dict[str, int]:
    """What `regiokompas notify` does; safe to run as often as one likes."""
    today = today or timezone.localdate()
    with transaction.atomic():
        created = scheduled_events(today)
    return {"meldingen": created, "direct": send_immediate(), "overzichten": send_digests(today)}


# --- reading ----------------------------------------------------------------------------------------

def unread_count(user: Actor) -> int:
    """Unread notifications of ``user``; 0 for an anonymous visitor or the system."""
    if not permissions.is_authenticated(user) or not isinstance(user, get_user_model()):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def mark_all_read(user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
