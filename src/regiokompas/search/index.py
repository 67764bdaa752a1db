"""Keep the search index in step with the register: one :class:`SearchEntry` per document, decision,
condition, variant and gate, rewritten by signals whenever the object (or a document's section) is
saved, removed when the object is. On SQLite the FTS5 table follows the entry table by triggers
(migration 0001); on PostgreSQL the stored 'dutch' vector is written here."""

from __future__ import annotations

import logging

from django.db import connection
from django.db.models.signals import post_delete, post_save
from django.urls import reverse

from regiokompas.search.models import EntryKind, SearchEntry

logger = logging.getLogger(__name__)


def _clean(text: str) -> str:
    """Without the two characters that mark matched words in a snippet (backends.START, STOP)."""
    return text.replace("\ue000", "").replace("\ue001", "")


def _join(*parts) -> str:
    return _clean("\n".join(str(p).strip() for p in parts if p and str(p).strip()))


def document_entry(document) -> dict:
    sections = list(document.sections.order_by("order").values_list("heading", "text"))
    header = document.header if isinstance(document.header, dict) else {}
    body = _join(*(v for v in header.values() if isinstance(v, str)), *(h for pair in sections for h in pair))
    if not sections:
        body = _join(body, document.original_text)
    return {"trajectory_id": document.trajectory_id, "municipality_id": document.issuer_municipality_id,
            "date": document.date, "date_precision": document.date_precision, "title": document.title, "body": body,
            "url": reverse("register:document-detail", args=[document.pk])}


def decision_entry(decision) -> dict:
    gate = decision.gate
    return {"trajectory_id": gate.trajectory_id, "municipality_id": decision.municipality_id, "date": decision.date,
            "date_precision": decision.date_precision,
            "title": f"{decision.municipality}: {decision.get_outcome_display()} ({gate})",
            "body": _join(decision.motivation, decision.correction_reason, decision.zaaknummer),
            "url": reverse("register:decision-detail", args=[decision.pk])}


def condition_entry(condition) -> dict:
    decision = condition.decision
    return {"trajectory_id": decision.gate.trajectory_id, "municipality_id": decision.municipality_id,
            "date": decision.date, "date_precision": decision.date_precision, "title": f"Voorwaarde van {decision.municipality} bij {decision.gate}",
            "body": _join(condition.text, condition.status_note),
            "url": reverse("register:decision-detail", args=[decision.pk])}


def gate_entry(gate) -> dict:
    return {"trajectory_id": gate.trajectory_id, "municipality_id": None, "date": gate.planned_date, "date_precision": gate.planned_date_precision,
            "title": str(gate), "body": _join(gate.description),
            "url": reverse("register:gate-detail", args=[gate.pk])}


def variant_entry(variant) -> dict:
    return {"trajectory_id": variant.trajectory_id, "municipality_id": None, "date": None, "title": str(variant),
            "body": _join(variant.description, variant.scope, variant.existing_organisations_role, variant.transition_notes),
            "url": reverse("options:variant-detail", args=[variant.trajectory.slug, variant.number])}


def _sources():
    """(kind, model, builder, queryset for a rebuild)."""
    from regiokompas.options.interface import Variant
    from regiokompas.register.models import Condition, Decision, Document, Gate

    return [
        (EntryKind.DOCUMENT, Document, document_entry, Document.objects.all()),
        (EntryKind.DECISION, Decision, decision_entry, Decision.objects.select_related("gate", "municipality")),
        (EntryKind.CONDITION, Condition, condition_entry, Condition.objects.select_related("decision__gate", "decision__municipality")),
        (EntryKind.GATE, Gate, gate_entry, Gate.objects.all()),
        (EntryKind.VARIANT, Variant, variant_entry, Variant.objects.select_related("trajectory")),
    ]


def _write_vector(pk: int) -> None:
    if connection.vendor != "postgresql":
        return
    from django.contrib.postgres.search import SearchVector

    SearchEntry.objects.filter(pk=pk).update(
        vector=SearchVector("title", weight="A", config="dutch") + SearchVector("body", weight="B", config="dutch"))


def store(kind: str, obj, builder) -> None:
    values = builder(obj)
    values["title"] = _clean(values["title"])[:400]
    entry, _created = SearchEntry.objects.update_or_create(kind=kind, object_id=obj.pk, defaults=values)
    _write_vector(entry.pk)


def remove(kind: str, pk) -> None:
    SearchEntry.objects.filter(kind=kind, object_id=pk).delete()


def rebuild() -> int:
    """The whole index anew (after a bulk change outside the models, or for an existing database)."""
    count = 0
    SearchEntry.objects.all().delete()
    for kind, _model, builder, queryset in _sources():
        for obj in queryset.iterator(chunk_size=500):
            store(kind, obj, builder)
            count += 1
    return count


# --- signals ----------------------------------------------------------------------------------------

def _saved(kind, builder):
    def handler(sender, instance, raw=False, **kwargs):
        if raw:  # loaddata: the index is rebuilt afterwards
            return
        store(kind, instance, builder)
    return handler


def _deleted(kind):
    def handler(sender, instance, **kwargs):
        remove(kind, instance.pk)
    return handler


def _section_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from regiokompas.register.models import Document

    document = Document.objects.filter(pk=instance.document_id).first()
    if document is not None:
        store(EntryKind.DOCUMENT, document, document_entry)


def _audit_row(sender, instance, created, raw=False, **kwargs):
    """A document's sections are written in bulk (no signal per section); the audit row of the
    document, written after them, is the moment to index its text."""
    if not created or raw or instance.object_type != "register.Document" or not instance.object_id.isdigit():
        return
    from regiokompas.register.models import Document

    document = Document.objects.filter(pk=int(instance.object_id)).first()
    if document is not None:
        store(EntryKind.DOCUMENT, document, document_entry)


_HANDLERS: list = []  # strong references: the signals hold weak ones


def connect() -> None:
    from regiokompas.audit.models import AuditEntry
    from regiokompas.register.models import DocumentSection

    for kind, model, builder, _queryset in _sources():
        saved, deleted = _saved(kind, builder), _deleted(kind)
        _HANDLERS.extend([saved, deleted])
        post_save.connect(saved, sender=model, dispatch_uid=f"search-save-{kind}")
        post_delete.connect(deleted, sender=model, dispatch_uid=f"search-delete-{kind}")
    post_save.connect(_section_changed, sender=DocumentSection, dispatch_uid="search-section-save")
    post_delete.connect(_section_changed, sender=DocumentSection, dispatch_uid="search-section-delete")
    post_save.connect(_audit_row, sender=AuditEntry, dispatch_uid="search-audit")
