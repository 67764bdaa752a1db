"""Where the notifications hear of events: every service function writes an audit row
(``audit.record``), so a receiver of that row's post_save learns of a recorded decision, a council
document offered for approval and a council document sent to the raad, inside the same transaction
(a rolled-back change notifies nobody) and without touching the services. Events that depend on the
date come from ``regiokompas notify`` (services.run_scheduled)."""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models.signals import post_save

logger = logging.getLogger(__name__)


def _decision(entry):
    from django.urls import reverse

    from regiokompas.accounts import permissions
    from regiokompas.notifications.models import EventKind
    from regiokompas.notifications.services import notify
    from regiokompas.register.models import Decision

    decision = Decision.objects.select_related("gate__trajectory", "municipality").filter(pk=entry.object_id).first()
    if decision is None:
        return
    municipality = decision.municipality
    notify(EventKind.DECISION, decision.gate.trajectory, f"besluit:{decision.pk}",
           title=f"Besluit van {municipality}: {decision.get_outcome_display()}",
           text=f"{decision.gate.trajectory}: {municipality} heeft een besluit vastgelegd bij '{decision.gate}': "
                f"{decision.get_outcome_display()}.",
           url=reverse("register:decision-detail", args=[decision.pk]), actor=entry.actor,
           skip=lambda user: getattr(permissions.profile_of(user), "municipality_id", None) == municipality.pk)


def _with_trajectory(model, entry):
    """The publication or information event of the audit entry, and the trajectory of its gate (else
    of its document); a None trajectory when either is gone."""
    obj = model.objects.select_related("document__trajectory", "gate__trajectory", "municipality").filter(pk=entry.object_id).first()
    if obj is None:
        return None, None
    return obj, obj.gate.trajectory if obj.gate_id else obj.document.trajectory


def _submitted(entry):
    from django.urls import reverse

    from regiokompas.accounts import permissions
    from regiokompas.notifications.models import EventKind
    from regiokompas.notifications.services import notify
    from regiokompas.publications.models import Publication

    publication, trajectory = _with_trajectory(Publication, entry)
    if trajectory is None:
        return
    notify(EventKind.SUBMITTED, trajectory, f"ter-akkoord:{publication.pk}:{entry.pk}",
           title=f"Ter akkoord: {publication.document.title}",
           text=f"{trajectory}: een {publication.get_kind_display()} van {publication.municipality} is ter akkoord aangeboden.",
           url=reverse("publications:detail", args=[publication.pk]), actor=entry.actor,
           may_see=lambda user: permissions.can_see_publication(user, publication))


def _sent(entry):
    from django.urls import reverse

    from regiokompas.accounts import permissions
    from regiokompas.notifications.models import EventKind
    from regiokompas.notifications.services import notify
    from regiokompas.publications.models import InformationEvent

    event, trajectory = _with_trajectory(InformationEvent, entry)
    if trajectory is None:
        return
    document = event.document
    notify(EventKind.SENT, trajectory, f"verzonden:{event.pk}",
           title=f"Aan de raad van {event.municipality} verzonden: {document.title}",
           text=f"{trajectory}: '{document.title}' is op {event.date:%d-%m-%Y} aan de raad van {event.municipality} "
                f"verzonden ({event.get_channel_display()}).",
           url=reverse("register:document-detail", args=[document.pk]), actor=entry.actor,
           may_see=lambda user: permissions.can_see_document(user, document))


HANDLERS = {"information_event.create": _sent, "publication.ter_akkoord": _submitted}


def _handler_for(action: str):
    if action.startswith("decision."):
        return _decision
    return HANDLERS.get(action)


def audit_row_written(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    handler = _handler_for(instance.action)
    if handler is None or not instance.trajectory_slug:
        return
    from regiokompas.notifications.models import Subscription

    if not Subscription.objects.filter(trajectory__slug=instance.trajectory_slug).exists():
        return
    try:
        with transaction.atomic():  # a failing notification never undoes the change itself
            handler(instance)
    except Exception:  # noqa: BLE001 - logged; the recorded change stands
        logger.exception("Melding bij %s %s:%s niet aangemaakt", instance.action, instance.object_type, instance.object_id)


def install() -> None:
    from regiokompas.audit.models import AuditEntry

    post_save.connect(audit_row_written, sender=AuditEntry, dispatch_uid="notifications-audit")
