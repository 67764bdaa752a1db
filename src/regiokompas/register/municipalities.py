"""Reference data: every current and former CBS municipality (regiokompas/data/gemeenten.csv, see
data/SOURCE.md) in the register, with its validity period and merger successor.

``load_municipalities()`` runs in a data migration (so the register holds all municipalities after
``migrate``) and as ``regiokompas load-municipalities``. It is idempotent and updates by CBS code:
names, provinces, end dates and successors follow the CBS list; a start date, source or population
figure recorded in the register is never overwritten.

Start dates. The CBS list gives the last day of a former municipality and the current municipality
it is part of now (following later mergers), not the day a municipality began. A merger *into* an
existing municipality keeps that municipality valid from before (Graft-De Rijp and Schermer merged
into Alkmaar in 2015; Alkmaar existed long before). A current municipality is taken to be *new* on
the day after its predecessors ended only when its CBS code is one handed out for a new municipality
(GM1700 and higher) and higher than every predecessor's code; otherwise its start date stays empty,
which the register reads as "existed before". Municipalities that were split over several others
have no successor; their note names where they went.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction

from regiokompas.data import municipalities as csv_rows

SOURCE = "CBS-gemeentecode en gemeentelijke indeling (regiokompas/data/gemeenten.csv, zie data/SOURCE.md)"
NEW_CODE_FROM = 1700
FIELDS = ("name", "province", "valid_to", "note")


@dataclass
class LoadResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0

    def summary(self) -> str:
        return (f"{len(self.created)} gemeenten toegevoegd, {len(self.updated)} bijgewerkt, "
                f"{self.unchanged} ongewijzigd (CBS-lijst).")


def _number(code: str) -> int:
    return int(code[2:]) if code[2:].isdigit() else 0


def planned_rows() -> list[dict]:
    """The CSV as register values: code, name, province, valid_from, valid_to, successor code, note."""
    rows = csv_rows()
    predecessors: dict[str, list[dict]] = {}
    for r in rows:
        if r["successor_code"]:
            predecessors.setdefault(r["successor_code"], []).append(r)
    planned = []
    for r in rows:
        code = r["cbs_code"]
        valid_to = dt.date.fromisoformat(r["valid_until"]) if r["valid_until"] else None
        valid_from = None
        preds = predecessors.get(code, [])
        if preds and _number(code) >= NEW_CODE_FROM and all(_number(code) > _number(p["cbs_code"]) for p in preds):
            last = max(dt.date.fromisoformat(p["valid_until"]) for p in preds if p["valid_until"])
            valid_from = last + dt.timedelta(days=1)
        planned.append({
            "cbs_code": code,
            "name": r["cbs_name"] or r["name"],
            "province": r["province"],
            "valid_from": valid_from,
            "valid_to": valid_to,
            "successor": r["successor_code"] or None,
            "note": r["note"],
        })
    return planned


def _update_from_row(obj, row: dict) -> list[str]:
    """Bring ``obj`` in line with its row of the CBS list; the names of the fields that changed."""
    changed = [name for name in FIELDS if getattr(obj, name) != row[name]]
    for name in changed:
        setattr(obj, name, row[name])
    if obj.valid_from is None and row["valid_from"] is not None:
        obj.valid_from = row["valid_from"]
        changed.append("valid_from")
    if obj.valid_from and obj.valid_to and obj.valid_to < obj.valid_from:
        obj.valid_from = None  # an older start date recorded elsewhere cannot outlive the CBS end date
        changed.append("valid_from")
    if not obj.source:
        obj.source = SOURCE
        changed.append("source")
    return changed


def load_municipalities(actor=None, *, model=None, audit: bool = True) -> LoadResult:
    """Create or update every municipality of the CBS list. ``model`` is the Municipality model to
    use (a data migration passes its historical model and ``audit=False``)."""
    if model is None:
        from regiokompas.register.models import Municipality as model  # noqa: N813
    from regiokompas.audit import log

    if actor is None:
        from regiokompas.accounts.actors import SYSTEM as actor
    result = LoadResult()
    with transaction.atomic():
        existing = {m.cbs_code: m for m in model.objects.all()}
        plan = planned_rows()
        for row in plan:
            obj = existing.get(row["cbs_code"])
            if obj is None:
                obj = model(cbs_code=row["cbs_code"], name=row["name"], province=row["province"], valid_from=row["valid_from"],
                            valid_to=row["valid_to"], note=row["note"], source=SOURCE)
                obj.save()
                existing[obj.cbs_code] = obj
                result.created.append(obj.cbs_code)
                if audit:
                    log.record(actor, "municipality.create", obj, reason="CBS-lijst van gemeenten")
                continue
            before = log.snapshot(obj) if audit else None
            if _update_from_row(obj, row):
                obj.save()
                result.updated.append(obj.cbs_code)
                if audit:
                    log.record(actor, "municipality.update", obj, before=before, reason="CBS-lijst van gemeenten")
            else:
                result.unchanged += 1
        for row in plan:
            obj = existing[row["cbs_code"]]
            successor = existing.get(row["successor"]) if row["successor"] else None
            if successor is not None and obj.successor_id != successor.pk:
                before = log.snapshot(obj) if audit else None
                obj.successor = successor
                obj.save(update_fields=["successor"])
                if obj.cbs_code not in result.created and obj.cbs_code not in result.updated:
                    result.updated.append(obj.cbs_code)
                    result.unchanged -= 1
                if audit:
                    log.record(actor, "municipality.merge", obj, before=before, reason=f"Opgegaan in {successor.name} (CBS-lijst)")
    return result
