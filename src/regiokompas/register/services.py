"""Every change to the register goes through a function here: validate, one transaction, write,
audit row. Views, admin, CLI, importers and the example loader all call these functions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from regiokompas.accounts import permissions
from regiokompas.audit import log as audit
from regiokompas.faults import pause_point
from regiokompas.register import constants as c
from regiokompas.register.errors import PermissionDenied, RegisterError
from regiokompas.register.models import (
    Condition,
    Decision,
    Document,
    DocumentSection,
    Gate,
    GoverningBody,
    Municipality,
    Trajectory,
    TrajectoryParticipant,
)


def _trajectory_slug(obj) -> str:
    for attr in ("trajectory", "gate"):
        target = getattr(obj, attr, None)
        if isinstance(target, Trajectory):
            return target.slug
        if isinstance(target, Gate):
            return target.trajectory.slug
    if isinstance(obj, Trajectory):
        return obj.slug
    if isinstance(obj, Decision):
        return obj.gate.trajectory.slug
    if isinstance(obj, Condition):
        return obj.decision.gate.trajectory.slug
    return ""


def _field_label(obj: models.Model | None, name: str) -> str:
    """The Dutch label of a field ("soort" rather than "kind"), for messages to users."""
    if name == "__all__":
        return ""
    try:
        return str(obj._meta.get_field(name).verbose_name) if obj is not None else name
    except Exception:  # noqa: BLE001 - not a model field: show the name as it is
        return name


def _constraint_messages(obj: models.Model | None) -> dict[str, str]:
    """Django's default text for each of the model's constraints (which names the constraint, a
    technical identifier) mapped to a Dutch sentence a user can act on."""
    if obj is None:
        return {}
    out = {}
    what = str(obj._meta.verbose_name).capitalize()
    for constraint in obj._meta.constraints:
        default = constraint.default_violation_error_message % {"name": constraint.name}
        if str(constraint.get_violation_error_message()) != str(default):
            continue  # the model gives its own (Dutch) message
        if isinstance(constraint, models.UniqueConstraint):
            out[str(default)] = f"{what} botst met een bestaand gegeven."
        else:
            out[str(default)] = f"{what}: de combinatie van ingevulde waarden is niet toegestaan."
    return out


def _validation_message(exc: ValidationError, obj: models.Model | None = None) -> str:
    dutch = _constraint_messages(obj)
    if hasattr(exc, "message_dict"):
        parts = []
        for name, messages in exc.message_dict.items():
            label = _field_label(obj, name)
            text = " ".join(dutch.get(str(m), str(m)) for m in messages)
            parts.append(f"{label}: {text}" if label else text)
        return "; ".join(parts)
    return " ".join(dutch.get(str(m), str(m)) for m in exc.messages)


def validate(obj: models.Model, exclude: Sequence[str] = (), *, error: type[RegisterError] = RegisterError) -> None:
    """Django's model validation as one Dutch message naming the fields by their label. Every app's
    services use this, raising their own subclass of RegisterError."""
    try:
        obj.full_clean(exclude=list(exclude) or None)
    except ValidationError as exc:
        raise error(f"Ongeldige invoer voor {obj._meta.verbose_name}: {_validation_message(exc, obj)}") from exc


def write(obj: models.Model, *, error: type[RegisterError] = RegisterError, clash: str = "",
          message: str | Callable[[], str] = "") -> None:
    """Save in a savepoint; a constraint that fails (for instance because another user wrote the same
    thing a moment earlier) becomes a Dutch message, never a database error or a constraint name."""
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as exc:
        if message:
            raise error(message() if callable(message) else message) from exc
        detail = f" ({clash})" if clash else ""
        raise error(f"{str(obj._meta.verbose_name).capitalize()} botst met een bestaand gegeven{detail}.") from exc


SYSTEM = "systeem"


# --- generic create / update / delete (admin, example loader, importers) -------------------------


@transaction.atomic
def save_object(actor, obj: models.Model, *, reason: str = "", m2m: dict[str, Iterable] | None = None) -> models.Model:
    """Validate and save any register object with an audit row (before/after)."""
    if isinstance(obj, Decision) and obj.pk:
        raise RegisterError("Een besluit wordt nooit gewijzigd; leg een correctie vast die het vervangt.")
    before = None
    if obj.pk:
        old = type(obj).objects.filter(pk=obj.pk).first()
        before = audit.snapshot(old)
    validate(obj)
    write(obj)
    for name, values in (m2m or {}).items():
        getattr(obj, name).set(values)
    audit.record(actor, f"{obj._meta.model_name}.{'update' if before else 'create'}", obj, before=before,
                 trajectory_slug=_trajectory_slug(obj), reason=reason)
    return obj


@transaction.atomic
def delete_object(actor, obj: models.Model, *, reason: str = "") -> None:
    if isinstance(obj, (Decision, Condition)):
        raise RegisterError("Besluiten en voorwaarden zijn geschiedenis en worden niet verwijderd.")
    before = audit.snapshot(obj)
    slug = _trajectory_slug(obj)
    label, pk, text = obj._meta.label, obj.pk, str(obj)
    try:
        with transaction.atomic():
            obj.delete()
    except models.ProtectedError as exc:
        raise RegisterError(f"'{text}' kan niet worden verwijderd: er verwijzen nog gegevens naar.") from exc
    audit.record(actor, f"{label.split('.')[-1].lower()}.delete", None, before=before, after=None,
                 trajectory_slug=slug, reason=reason, object_type=label, object_repr=text, object_id=str(pk))


# --- municipalities -----------------------------------------------------------------------------


@transaction.atomic
def record_merger(actor, predecessors: Sequence[Municipality], successor: Municipality, date: dt.date, *, source: str = "") -> None:
    """Predecessors end the day before ``date``; their decisions stay attached to them."""
    if not predecessors:
        raise RegisterError("Geef ten minste één gemeente op die in de nieuwe gemeente opgaat.")
    if successor in predecessors:
        raise RegisterError("Een gemeente kan niet in zichzelf opgaan.")
    for m in predecessors:
        before = audit.snapshot(m)
        m.valid_to = date - dt.timedelta(days=1)
        m.successor = successor
        if source and not m.source:
            m.source = source
        validate(m)
        m.save()
        audit.record(actor, "municipality.merge", m, before=before, reason=f"Opgegaan in {successor} per {date:%d-%m-%Y}")
    if successor.valid_from is None or successor.valid_from > date:
        before = audit.snapshot(successor)
        successor.valid_from = date
        successor.save()
        audit.record(actor, "municipality.update", successor, before=before)


GEMEENTEWET_ORGANS = "Gemeentewet art. 6: elke gemeente heeft een raad, een college van burgemeester en wethouders en een burgemeester"


def body_of(municipality: Municipality, kind: str) -> GoverningBody:
    """The municipality's raad, college or burgemeester (created on first use; they exist by law)."""
    body, created = GoverningBody.objects.get_or_create(kind=kind, municipality=municipality, defaults={"source": GEMEENTEWET_ORGANS})
    if created:
        audit.record(SYSTEM, "governingbody.create", body)
    return body


def college_of(municipality: Municipality) -> GoverningBody:
    return body_of(municipality, c.GoverningBodyKind.COLLEGE)


def raad_of(municipality: Municipality) -> GoverningBody:
    return body_of(municipality, c.GoverningBodyKind.RAAD)


# --- trajectory participation ------------------------------------------------------------------


@transaction.atomic
def add_participant(actor, trajectory: Trajectory, municipality: Municipality, *, source: str = "", note: str = "") -> TrajectoryParticipant:
    if not isinstance(actor, str) and not permissions.can_manage_trajectory(actor, trajectory):
        raise PermissionDenied("Alleen de projectorganisatie of functioneel beheer voegt gemeenten aan een traject toe.")
    if TrajectoryParticipant.objects.filter(trajectory=trajectory, municipality=municipality).exists():
        raise RegisterError(f"{municipality} neemt al deel aan dit traject.")
    participant = TrajectoryParticipant(trajectory=trajectory, municipality=municipality, source=source, note=note)
    validate(participant)
    write(participant, message=f"{municipality} neemt al deel aan dit traject.")
    audit.record(actor, "participant.create", participant, trajectory_slug=trajectory.slug)
    return participant


# --- decisions and conditions --------------------------------------------------------------------


@dataclass
class ConditionInput:
    text: str
    category: str = c.ConditionCategory.ANALYSIS
    source: str = ""


@dataclass
class DecisionInput:
    gate: Gate
    municipality: Municipality
    outcome: str
    date: dt.date | None = None
    date_precision: str = c.DatePrecision.DAY
    governing_body: GoverningBody | None = None
    motivation: str = ""
    withdraws: bool = False
    document: Document | None = None
    zaaknummer: str = ""
    source: str = ""
    illustrative: bool = False
    conditions: list[ConditionInput] = field(default_factory=list)


def _check_actor_may_record(actor, municipality: Municipality) -> None:
    # A string actor is the system itself (example loader, importer after confirmation).
    if isinstance(actor, str):
        return
    if not permissions.can_record_decision(actor, municipality):
        raise PermissionDenied(f"U mag geen besluiten van {municipality} vastleggen: alleen medewerkers van die gemeente.")


def _validate_decision(data: DecisionInput, trajectory: Trajectory | None) -> GoverningBody:
    gate, m = data.gate, data.municipality
    if trajectory is not None and gate.trajectory_id != trajectory.pk:
        raise RegisterError(
            f"Besluitmoment '{gate}' hoort bij een ander traject ({gate.trajectory}), niet bij '{trajectory}'."
        )
    if data.outcome not in c.Outcome.values:
        raise RegisterError(f"Onbekende uitkomst '{data.outcome}'. Kies uit: {', '.join(str(label) for label in c.Outcome.labels)}.")
    if not TrajectoryParticipant.objects.filter(trajectory=gate.trajectory, municipality=m).exists():
        raise RegisterError(f"{m} neemt niet deel aan het traject '{gate.trajectory}'; voeg de gemeente eerst toe.")
    if data.date and not m.exists_on(data.date):
        hint = f" (opgegaan in {m.successor})" if m.successor_id else ""
        raise RegisterError(f"{m} bestond niet op {data.date:%d-%m-%Y}{hint}; leg het besluit vast bij de juiste gemeente.")
    if data.date and data.date > dt.date.today():
        raise RegisterError("De datum van een besluit kan niet in de toekomst liggen.")
    body = data.governing_body or body_of(m, gate.deciding_body_kind)
    if body.municipality_id != m.pk:
        raise RegisterError(f"Bestuursorgaan '{body}' is niet van {m}.")
    if data.withdraws and data.outcome != c.Outcome.REJECT:
        raise RegisterError("Uittreden kan alleen samen met het besluit 'niet ingestemd'.")
    if data.outcome == c.Outcome.AGREE_WITH_CONDITIONS and not data.conditions:
        raise RegisterError("Bij 'ingestemd onder voorwaarden' hoort ten minste één voorwaarde.")
    for cond in data.conditions:
        if not cond.text.strip():
            raise RegisterError("Een voorwaarde zonder tekst kan niet worden vastgelegd.")
        if cond.category not in c.ConditionCategory.values:
            raise RegisterError(f"Onbekende soort voorwaarde '{cond.category}'.")
    return body


def _already_decided(gate: Gate, municipality: Municipality, body: GoverningBody) -> str:
    """The one message for every clash on the current decision of a body at a gate: a second first
    decision, two users recording the first decision at once, two users superseding the same one."""
    current = Decision.objects.filter(gate=gate, municipality=municipality, governing_body=body, is_current=True).first()
    state = f" ({current.get_outcome_display()})" if current else ""
    return (
        f"Voor {municipality} ({body}) is bij '{gate}' intussen al een besluit vastgelegd{state}; het besluit dat u "
        "wilde vastleggen of vervangen is niet meer het geldende (mogelijk heeft iemand anders het zojuist al vervangen). "
        "Bekijk het geldende besluit en leg zo nodig een correctie of een nieuw besluit vast dat het vervangt."
    )


@transaction.atomic
def record_decision(actor, data: DecisionInput, *, trajectory: Trajectory | None = None) -> Decision:
    """Record a college's (or other body's) decision at a gate, with its conditions.

    A second decision for the same gate and body is refused: use :func:`supersede_decision`.
    Two users recording the first decision at once are serialised on the governing body's row, so
    the second sees the first and gets the same Dutch message as a sequential second attempt.
    """
    _check_actor_may_record(actor, data.municipality)
    body = _validate_decision(data, trajectory)
    GoverningBody.objects.select_for_update().filter(pk=body.pk).first()
    if Decision.objects.filter(gate=data.gate, municipality=data.municipality, governing_body=body, is_current=True).exists():
        raise RegisterError(_already_decided(data.gate, data.municipality, body))
    return _create_decision(actor, data, body, supersedes=None, reason="")


def _create_decision(
    actor, data: DecisionInput, body: GoverningBody, *, supersedes: Decision | None, reason: str, kind: str = ""
) -> Decision:
    decision = Decision(
        gate=data.gate,
        municipality=data.municipality,
        governing_body=body,
        outcome=data.outcome,
        date=data.date,
        date_precision=data.date_precision,
        motivation=data.motivation,
        withdraws=data.withdraws,
        document=data.document,
        zaaknummer=data.zaaknummer,
        source=data.source,
        illustrative=data.illustrative,
        supersedes=supersedes,
        supersede_kind=kind,
        correction_reason=reason,
        recorded_by=audit.actor_label(actor),
    )
    try:
        decision.full_clean(exclude=["supersedes"])
    except ValidationError as exc:
        # the database constraint of one current decision, seen by validation: somebody was first
        current = Decision.objects.filter(gate=data.gate, municipality=data.municipality, governing_body=body, is_current=True)
        if current.exists():
            raise RegisterError(_already_decided(data.gate, data.municipality, body)) from exc
        raise RegisterError(f"Ongeldige invoer voor besluit: {_validation_message(exc, decision)}") from exc
    # a clash that slips past the checks (another transaction committed in between) is refused in
    # the same words, and the savepoint keeps this transaction usable
    write(decision, message=lambda: _already_decided(data.gate, data.municipality, body))
    for cond in data.conditions:
        condition = Condition(decision=decision, text=cond.text.strip(), category=cond.category, source=cond.source or data.source)
        validate(condition)
        condition.save()
        audit.record(actor, "condition.create", condition, trajectory_slug=data.gate.trajectory.slug)
    pause_point("decision.write")
    audit.record(
        actor,
        f"decision.{kind or 'record'}",
        decision,
        before=audit.snapshot(supersedes) if supersedes else None,
        trajectory_slug=data.gate.trajectory.slug,
        reason=reason,
    )
    return decision


@transaction.atomic
def supersede_decision(
    actor, earlier: Decision, data: DecisionInput, *, reason: str, kind: str = c.SupersedeKind.CORRECTION
) -> Decision:
    """Supersede ``earlier``: a correction of a wrongly recorded decision, or a new decision of the
    same body at the same gate (a hold followed by a decision). The earlier one stays as history."""
    if kind not in c.SupersedeKind.values:
        raise RegisterError(f"Onbekende soort vervanging '{kind}'.")
    if not reason.strip():
        raise RegisterError("Geef aan waarom het besluit wordt vervangen.")
    earlier = Decision.objects.select_for_update().get(pk=earlier.pk)
    if not earlier.is_current:
        raise RegisterError(_already_decided(earlier.gate, earlier.municipality, earlier.governing_body))
    if data.gate.pk != earlier.gate_id or data.municipality.pk != earlier.municipality_id:
        raise RegisterError("Een vervangend besluit betreft hetzelfde besluitmoment en dezelfde gemeente als het eerdere besluit.")
    _check_actor_may_record(actor, data.municipality)
    data.governing_body = data.governing_body or earlier.governing_body
    body = _validate_decision(data, None)
    Decision.objects.filter(pk=earlier.pk).update(is_current=False)
    return _create_decision(actor, data, body, supersedes=earlier, reason=reason.strip(), kind=kind)


@transaction.atomic
def set_condition_status(
    actor,
    condition: Condition,
    status: str,
    *,
    fulfilled_by: Document | None = None,
    note: str = "",
    date: dt.date | None = None,
) -> Condition:
    if not permissions.can_manage_trajectory(actor):
        _check_actor_may_record(actor, condition.decision.municipality)
    # the status by its value ("met") or by the Dutch label people see ("vervuld")
    by_label = {str(label).lower(): value for value, label in c.ConditionStatus.choices}
    status = by_label.get(str(status).strip().lower(), status)
    if status not in c.ConditionStatus.values:
        choices = ", ".join(f"{label} ({value})" for value, label in c.ConditionStatus.choices)
        raise RegisterError(f"Onbekende status '{status}'. Kies uit: {choices}.")
    if status == c.ConditionStatus.MET and fulfilled_by is None:
        raise RegisterError("Geef aan met welk stuk de voorwaarde is vervuld.")
    if status == c.ConditionStatus.DROPPED and not note.strip():
        raise RegisterError("Geef aan waarom de voorwaarde is vervallen.")
    if fulfilled_by is not None and fulfilled_by.trajectory_id not in (None, condition.decision.gate.trajectory_id):
        raise RegisterError("Het stuk dat de voorwaarde vervult hoort bij een ander traject.")
    before = audit.snapshot(condition)
    condition.status = status
    condition.fulfilled_by = fulfilled_by if status == c.ConditionStatus.MET else None
    condition.status_note = note
    condition.status_date = date or dt.date.today()
    validate(condition)
    condition.save()
    audit.record(actor, "condition.status", condition, before=before, trajectory_slug=condition.decision.gate.trajectory.slug, reason=note)
    return condition


# --- documents -----------------------------------------------------------------------------------


@dataclass
class SectionInput:
    type: str
    heading: str = ""
    text: str = ""


def document_snapshot(document: Document) -> dict:
    """A document's audited state: its fields and its ordered sections (the text is in those)."""
    data = audit.snapshot(document)
    data["sections"] = [
        {"order": x.order, "type": x.type, "heading": x.heading, "text": x.text}
        for x in (document.sections.order_by("order") if document.pk else [])
    ]
    return data


@transaction.atomic
def save_document(actor, document: Document, sections: Sequence[SectionInput] | None = None, *, reason: str = "") -> Document:
    """Create or update a document with its ordered sections. A definitief document is immutable.
    The audit row holds the document before and after, sections included."""
    before = None
    if document.pk:
        stored = Document.objects.get(pk=document.pk)
        if stored.status == c.DocumentStatus.DEFINITIEF:
            raise RegisterError("Een definitief document wordt niet meer gewijzigd; maak een nieuwe versie die het vervangt.")
        before = document_snapshot(stored)
    validate(document)
    write(document)
    if sections is not None:
        document.sections.all().delete()
        DocumentSection.objects.bulk_create(
            DocumentSection(document=document, order=i, type=s.type, heading=s.heading, text=s.text) for i, s in enumerate(sections, 1)
        )
    audit.record(actor, f"document.{'update' if before else 'create'}", document, before=before,
                 after=document_snapshot(document), trajectory_slug=_trajectory_slug(document), reason=reason)
    return document
