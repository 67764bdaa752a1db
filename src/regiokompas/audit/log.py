"""The one helper every service function uses to write its audit row.

The row is written inside the caller's transaction, so a rolled-back change leaves no row;
the same event also goes to the ``regiokompas.audit`` logger (stdout), which survives a
rollback, so failed attempts remain visible in the server log.
"""

from __future__ import annotations

import datetime as dt
import decimal
import logging
import uuid
from typing import Any, overload

from django.db import models
from django.db.models.fields.files import FieldFile
from django.forms.models import model_to_dict

from regiokompas.accounts.actors import SystemActor, is_system
from regiokompas.audit import versions
from regiokompas.audit.models import AuditEntry

logger = logging.getLogger("regiokompas.audit")

SYSTEM_ACTOR = SystemActor().label


def _jsonable(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, FieldFile):
        return value.name or None
    return value


@overload
def snapshot(obj: models.Model) -> dict: ...
@overload
def snapshot(obj: None) -> None: ...
@overload
def snapshot(obj: models.Model | None) -> dict | None: ...


def snapshot(obj: models.Model | None) -> dict | None:
    """The state of a model instance as JSON-able data (many-to-many fields included)."""
    if obj is None:
        return None
    data = model_to_dict(obj)
    data["id"] = obj.pk
    return {k: _jsonable(v) for k, v in data.items()}


def actor_label(actor: Any) -> str:
    """The name the audit log records: the user's name and username, or the system actor's name."""
    if actor is None:
        return SYSTEM_ACTOR
    if is_system(actor):
        return actor.label
    if isinstance(actor, str):
        raise TypeError("Een actor is een gebruiker of een SystemActor, geen tekst.")
    full = actor.get_full_name() if hasattr(actor, "get_full_name") else ""
    return f"{full} ({actor.get_username()})" if full else actor.get_username()


def record(
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    *,
    before: dict | None = None,
    after: dict | None = None,
    trajectory_slug: str = "",
    reason: str = "",
    object_type: str = "",
    object_repr: str = "",
    object_id: str = "",
) -> AuditEntry:
    label = actor_label(actor)
    user = None if is_system(actor) or actor is None else actor
    entry = AuditEntry.objects.create(
        actor=user,
        actor_label=label[:200],
        action=action,
        object_type=object_type or (obj._meta.label if obj is not None else ""),
        object_id=object_id or (str(obj.pk) if obj is not None and obj.pk is not None else ""),
        object_repr=(object_repr or (str(obj) if obj is not None else ""))[:300],
        trajectory_slug=trajectory_slug,
        before=before,
        after=after if after is not None else snapshot(obj),
        reason=reason,
    )
    versions.bump(entry.object_type or action)
    logger.info("%s %s %s:%s %s", entry.actor_label, action, entry.object_type, entry.object_id, reason)
    return entry
