"""Every change to the register goes through a function here: validate, one transaction, write,
audit row. Views, admin, CLI, importers and the example loader all call these functions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from regiokompas.accounts import actors, permissions
from regiokompas.accounts.actors import Actor
from regiokompas.audit import log as audit
from regiokompas.faults import pause_point
from regiokompas.register import constants as c
from regiokompas.register.dates import FuzzyDate
from regiokompas.register.errors import PermissionDenied, RegisterError
from regiokompas.register.models import (
    Appointment,
    ArrangementParticipation,
    ArrangementSuccession,
    Condition,
    Decision,
    Document,
    DocumentSection,
    Gate,
    GoverningBody,
    JointArrangement,
    Law,
    Municipality,
    Person,
    Trajectory,
    TrajectoryLaw,
    TrajectoryParticipant,
)


def _trajectory_slug(obj: models.Model) -> str:
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
        field = obj._meta.get_field(name) if obj is not None else None
    except Exception:  # noqa: BLE001 - not a model field: show the name as it is
        return name
    # a reverse relation has no label of its own: show the name as it is
    return str(field.verbose_name) if isinstance(field, models.Field) else name


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



M = TypeVar("M", bound=models.Model)


def save_audited(actor: Actor, obj: M, *, trajectory_slug: str, reason: str = "", action: str = "",
                 error: type[RegisterError] = RegisterError, check: Callable[[models.Model], None] | None = None,
                 clash: str = "", then: Callable[[M], None] | None = None) -> M:
    """The audited save every app's service functions use, after their own checks: snapshot what
    is stored, validate (``check`` first, then Django's validation as one Dutch message naming the
    fields), write in a savepoint, ``then(obj)`` (links that need the saved object), and one audit
    row ``<action>.create`` or ``<action>.update`` (``action`` defaults to the model name) with the
    state before and after. Errors are raised as ``error``; nothing is saved then."""
    before = audit.snapshot(type(obj)._default_manager.filter(pk=obj.pk).first()) if obj.pk else None
    if check is not None:
        check(obj)
    validate(obj, error=error)
    write(obj, error=error, clash=clash)
    if then is not None:
        then(obj)
    audit.record(actor, f"{action or obj._meta.model_name}.{'update' if before else 'create'}", obj, before=before,
                 trajectory_slug=trajectory_slug, reason=reason)
    return obj


SYSTEM = actors.SYSTEM


# --- generic create / update / delete (admin, example loader, importers) -------------------------


@transaction.atomic
def save_object(actor: Actor, obj: M, *, reason: str = "", m2m: dict[str, Iterable] | None = None) -> M:
    """Validate and save any register object with an audit row (before/after)."""
    if not permissions.can_change_register_object(actor, obj):
        raise PermissionDenied("U mag dit gegeven niet wijzigen: alleen de projectorganisatie van het traject of functioneel beheer.")
    if isinstance(obj, Decision) and obj.pk:
        raise RegisterError("Een besluit wordt nooit gewijzigd; leg een correctie vast die het vervangt.")
    return save_audited(actor, obj, trajectory_slug=_trajectory_slug(obj), reason=reason,
                        then=lambda saved: _set_links(saved, m2m or {}))


def _set_links(obj: models.Model, m2m: dict[str, Iterable]) -> None:
    for name, values in m2m.items():
        manager = getattr(obj, name)
        through = manager.through
        if not through._meta.auto_created and any(f.name == "source" for f in through._meta.fields):
            # a link with its own model (TrajectoryLaw) carries a source too: the object's
            manager.set(values, through_defaults={"source": getattr(obj, "source", "")})
        else:
            manager.set(values)


@transaction.atomic
def delete_object(actor: Actor, obj: models.Model, *, reason: str = "") -> None:
    if not permissions.can_change_register_object(actor, obj):
        raise PermissionDenied("U mag dit gegeven niet verwijderen: alleen de projectorganisatie van het traject of functioneel beheer.")
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
def add_participant(actor: Actor, trajectory: Trajectory, municipality: Municipality, *, source: str = "", note: str = "") -> TrajectoryParticipant:
    if not permissions.can_manage_trajectory(actor, trajectory):
        raise PermissionDenied("Alleen de projectorganisatie van dit traject of functioneel beheer voegt gemeenten aan een traject toe.")
    if TrajectoryParticipant.objects.filter(trajectory=trajectory, municipality=municipality).exists():
        raise RegisterError(f"{municipality} neemt al deel aan dit traject.")
    participant = TrajectoryParticipant(trajectory=trajectory, municipality=municipality, source=source, note=note)
    validate(participant)
    write(participant, message=f"{municipality} neemt al deel aan dit traject.")
    audit.record(actor, "participant.create", participant, trajectory_slug=trajectory.slug)
    return participant


# --- gates ----------------------------------------------------------------------------------------


def _check_may_manage(actor: Actor, trajectory: Trajectory | None = None, what: str = "dit") -> None:
    # The system itself (example loader, importer, data migration) passes; a plain string does not.
    if not permissions.can_manage_trajectory(actor, trajectory):
        raise PermissionDenied(f"Alleen de projectorganisatie of functioneel beheer legt {what} vast.")


def fuzzy_date(value: dt.date | None, precision: str, label: str = "datum") -> tuple[dt.date | None, str]:
    """A date and its precision, checked and normalised (register.dates.FuzzyDate)."""
    if precision not in c.DatePrecision.values:
        raise RegisterError(f"Onbekende nauwkeurigheid van de {label} '{precision}'. Kies uit: dag, maand, jaar, onbekend.")
    fuzzy = FuzzyDate(value, precision)
    return fuzzy.value, fuzzy.precision


def _owner_label(kind: str) -> str:
    return str(c.GoverningBodyKind(kind).label) if kind in c.GoverningBodyKind.values else kind


@transaction.atomic
def save_gate(actor: Actor, gate: Gate, *, subject_documents: Iterable[Document] | None = None, reason: str = "") -> Gate:
    """Create or change a gate: kind, ordered bodies, counting body, planned date with precision.
    A body that has already recorded decisions at this gate cannot be taken off its list."""
    _check_may_manage(actor, gate.trajectory if gate.trajectory_id else None, "besluitmomenten")
    if isinstance(gate.bodies, (list, tuple)):
        gate.bodies = [str(b) for b in gate.bodies]
    gate.planned_date, gate.planned_date_precision = fuzzy_date(gate.planned_date, gate.planned_date_precision, "geplande datum")
    if gate.pk:
        kinds = set(Decision.objects.filter(gate=gate).values_list("governing_body__kind", flat=True))
        dropped = sorted(k for k in kinds if k not in (gate.bodies or []))
        if dropped:
            raise RegisterError(
                f"Bij '{gate}' zijn al besluiten vastgelegd van: {', '.join(_owner_label(k) for k in dropped)}; "
                "dat orgaan kan niet van de lijst af."
            )
        if gate.kind == c.GateKind.INFORMATION and Decision.objects.filter(
            gate=gate, is_current=True).exclude(outcome__in=[c.Outcome.NOTED, c.Outcome.NOT_YET_DECIDED]).exists():
            raise RegisterError(f"Bij '{gate}' zijn al besluiten vastgelegd; het wordt geen informatiemoment.")
    return save_object(actor, gate, reason=reason, m2m={"subject_documents": subject_documents} if subject_documents is not None else None)


def resolve_body(gate: Gate, municipality: Municipality, kind: str) -> GoverningBody:
    """The governing body of ``kind`` that decides for ``municipality`` at ``gate``: the
    municipality's own raad, college or burgemeester, or the algemeen bestuur (dagelijks bestuur,
    portefeuillehoudersoverleg) of the arrangement or organisation named at the gate."""
    if kind not in c.GoverningBodyKind.values:
        raise RegisterError(f"Onbekend orgaan '{kind}'. Kies uit: {', '.join(c.GoverningBodyKind.values)}.")
    if kind not in (gate.bodies or []):
        raise RegisterError(
            f"Bij '{gate}' besluit het orgaan '{_owner_label(kind)}' niet; organen bij dit moment: "
            f"{', '.join(gate.body_labels()) or 'geen'}."
        )
    if kind in c.MUNICIPAL_BODIES:
        return body_of(municipality, kind)
    owner = {"arrangement": gate.body_arrangement} if gate.body_arrangement_id else (
        {"organisation": gate.body_organisation} if gate.body_organisation_id else None)
    if owner is None:
        raise RegisterError(
            f"Bij '{gate}' staat niet van welke regeling of organisatie het {_owner_label(kind)} is; vul dat eerst aan bij het besluitmoment."
        )
    body = GoverningBody.objects.filter(kind=kind, **owner).order_by("pk").first()
    if body is None:
        body = GoverningBody(kind=kind, source=gate.source, **owner)
        validate(body)
        body.save()
        audit.record(SYSTEM, "governingbody.create", body, trajectory_slug=gate.trajectory.slug)
    return body


# --- decisions and conditions --------------------------------------------------------------------


@dataclass
class ConditionInput:
    """A condition of a decision. In a correction, ``carry`` names the condition of the earlier
    decision it continues: its status, category, fulfilling document and note are kept unless given
    here explicitly (``category``, ``status``, ``fulfilled_by``, ``status_note``, ``status_date``)."""

    text: str
    category: str | None = None
    source: str = ""
    carry: Condition | None = None
    status: str | None = None
    fulfilled_by: Document | None = None
    status_note: str | None = None
    status_date: dt.date | None = None


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
    # None: no conditions for a new decision; in a correction, the earlier decision's conditions as they are
    conditions: list[ConditionInput] | None = None
    body_kind: str = ""  # college, raad, algemeen_bestuur, ...; empty: the gate's counting body


def _check_actor_may_record(actor: Actor, municipality: Municipality, trajectory: Trajectory | None = None) -> None:
    if not permissions.can_record_decision(actor, municipality, trajectory):
        raise PermissionDenied(
            f"U mag geen besluiten van {municipality} vastleggen: alleen medewerkers van die gemeente die aan dit traject deelnemen."
        )


def _body_for(data: DecisionInput) -> GoverningBody:
    gate, m = data.gate, data.municipality
    if data.governing_body is not None:
        body = data.governing_body
        if body.kind not in (gate.bodies or []):
            raise RegisterError(
                f"Bij '{gate}' besluit het orgaan '{body.get_kind_display()}' niet; organen bij dit moment: "
                f"{', '.join(gate.body_labels()) or 'geen'}."
            )
        if body.kind in c.MUNICIPAL_BODIES and body.municipality_id != m.pk:
            raise RegisterError(f"Bestuursorgaan '{body}' is niet van {m}.")
        if body.kind not in c.MUNICIPAL_BODIES and body.municipality_id is not None and body.municipality_id != m.pk:
            raise RegisterError(f"Bestuursorgaan '{body}' is niet van {m}.")
        if data.body_kind and data.body_kind != body.kind:
            raise RegisterError(f"Het orgaan '{_owner_label(data.body_kind)}' is niet '{body}'.")
        return body
    return resolve_body(gate, m, data.body_kind or gate.counting_body_kind)


def _validate_decision(data: DecisionInput, trajectory: Trajectory | None) -> GoverningBody:
    gate, m = data.gate, data.municipality
    if trajectory is not None and gate.trajectory_id != trajectory.pk:
        raise RegisterError(
            f"Besluitmoment '{gate}' hoort bij een ander traject ({gate.trajectory}), niet bij '{trajectory}'."
        )
    if data.outcome not in c.Outcome.values:
        raise RegisterError(f"Onbekende uitkomst '{data.outcome}'. Kies uit: {', '.join(str(label) for label in c.Outcome.labels)}.")
    if data.date_precision not in c.DatePrecision.values:
        raise RegisterError(f"Onbekende nauwkeurigheid van de datum '{data.date_precision}'. Kies uit: dag, maand, jaar, onbekend.")
    fuzzy = FuzzyDate(data.date, data.date_precision)
    data.date, data.date_precision = fuzzy.value, fuzzy.precision
    if not TrajectoryParticipant.objects.filter(trajectory=gate.trajectory, municipality=m).exists():
        raise RegisterError(f"{m} neemt niet deel aan het traject '{gate.trajectory}'; voeg de gemeente eerst toe.")
    if data.date and not (m.exists_on(fuzzy.earliest) or m.exists_on(fuzzy.latest)):
        hint = f" (opgegaan in {m.successor})" if m.successor_id else ""
        when = f"op {fuzzy.input_text()}" if fuzzy.precision == c.DatePrecision.DAY else f"in {fuzzy.dutch()}"
        raise RegisterError(f"{m} bestond niet {when}{hint}; leg het besluit vast bij de juiste gemeente.")
    if data.date and data.date > dt.date.today():
        raise RegisterError("De datum van een besluit kan niet in de toekomst liggen.")
    body = _body_for(data)
    counting = gate.counting_body_kind
    _check_outcome_for_body(data, gate, body)
    if data.withdraws and data.outcome != c.Outcome.REJECT:
        raise RegisterError("Uittreden kan alleen samen met het besluit 'niet ingestemd'.")
    if data.withdraws and body.kind != counting:
        raise RegisterError(f"Uittreden volgt uit het besluit van de/het {_owner_label(counting)}, het orgaan waarvan het besluit telt.")
    if data.outcome == c.Outcome.AGREE_WITH_CONDITIONS and not data.conditions:
        raise RegisterError("Bij 'ingestemd onder voorwaarden' hoort ten minste één voorwaarde.")
    for cond in data.conditions or []:
        _check_condition_input(cond, gate)
    return body


def _check_condition_input(cond: ConditionInput, gate: Gate) -> None:
    if not cond.text.strip():
        raise RegisterError("Een voorwaarde zonder tekst kan niet worden vastgelegd.")
    if cond.category is not None and cond.category not in c.ConditionCategory.values:
        raise RegisterError(f"Onbekende soort voorwaarde '{cond.category}'.")
    if cond.status is not None:
        _check_condition_status(cond.status, cond.fulfilled_by, cond.status_note or "", gate.trajectory_id)


def _check_outcome_for_body(data: DecisionInput, gate: Gate, body: GoverningBody) -> None:
    """'Kennisgenomen' and 'voorgesteld' are no outcomes of the body whose decision counts; an
    information gate has no decisions."""
    counting = gate.counting_body_kind
    if gate.kind == c.GateKind.INFORMATION:
        if data.outcome not in (c.Outcome.NOTED, c.Outcome.NOT_YET_DECIDED):
            raise RegisterError(
                f"'{gate}' is een informatiemoment: er wordt niets besloten. Kies 'kennisgenomen' of 'nog niet besloten'."
            )
        return
    if data.outcome == c.Outcome.NOTED and body.kind == counting:
        raise RegisterError(
            f"Bij '{gate}' beslist de/het {_owner_label(counting)}; 'kennisgenomen' past alleen bij een informatiemoment "
            "of bij een orgaan dat alleen wordt geïnformeerd."
        )
    if data.outcome == c.Outcome.PROPOSED and body.kind == counting:
        raise RegisterError(
            f"'Voorgesteld aan de raad' is de uitkomst van het orgaan dat voorstelt; bij '{gate}' neemt de/het "
            f"{_owner_label(counting)} zelf het besluit dat telt."
        )


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


def _check_condition_status(status: str, fulfilled_by: Document | None, note: str, trajectory_id: int) -> None:
    if status not in c.ConditionStatus.values:
        choices = ", ".join(f"{label} ({value})" for value, label in c.ConditionStatus.choices)
        raise RegisterError(f"Onbekende status '{status}'. Kies uit: {choices}.")
    if status == c.ConditionStatus.MET and fulfilled_by is None:
        raise RegisterError("Geef aan met welk stuk de voorwaarde is vervuld.")
    if status == c.ConditionStatus.DROPPED and not note.strip():
        raise RegisterError("Geef aan waarom de voorwaarde is vervallen.")
    if fulfilled_by is not None and fulfilled_by.trajectory_id not in (None, trajectory_id):
        raise RegisterError("Het stuk dat de voorwaarde vervult hoort bij een ander traject.")


@transaction.atomic
def record_decision(actor: Actor, data: DecisionInput, *, trajectory: Trajectory | None = None) -> Decision:
    """Record one body's decision (college, raad, algemeen bestuur, ...) at a gate, with its conditions.

    A second decision for the same gate, municipality and body is refused: use :func:`supersede_decision`.
    Two users recording the first decision at once are serialised on the governing body's row, so
    the second sees the first and gets the same Dutch message as a sequential second attempt.
    """
    _check_actor_may_record(actor, data.municipality, data.gate.trajectory)
    if data.conditions is None:
        data.conditions = []
    for cond in data.conditions:
        if cond.carry is not None:
            raise RegisterError("Een nieuw besluit neemt geen voorwaarden van een ander besluit over; vervang dat besluit.")
    body = _validate_decision(data, trajectory)
    GoverningBody.objects.select_for_update().filter(pk=body.pk).first()
    if Decision.objects.filter(gate=data.gate, municipality=data.municipality, governing_body=body, is_current=True).exists():
        raise RegisterError(_already_decided(data.gate, data.municipality, body))
    return _create_decision(actor, data, body, supersedes=None, reason="")


def _create_decision(
    actor: Actor, data: DecisionInput, body: GoverningBody, *, supersedes: Decision | None, reason: str, kind: str = ""
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
    for cond in data.conditions or []:
        carried = cond.carry
        condition = Condition(
            decision=decision,
            text=cond.text.strip(),
            category=cond.category or (carried.category if carried else c.ConditionCategory.ANALYSIS),
            source=cond.source or (carried.source if carried else "") or data.source,
            carried_from=carried,
        )
        if carried is not None:
            condition.status = carried.status
            condition.fulfilled_by = carried.fulfilled_by
            condition.status_note = carried.status_note
            condition.status_date = carried.status_date
        if cond.status is not None:
            condition.status = cond.status
            condition.fulfilled_by = cond.fulfilled_by if cond.status == c.ConditionStatus.MET else None
            condition.status_note = cond.status_note if cond.status_note is not None else condition.status_note
            condition.status_date = cond.status_date or dt.date.today()
        else:
            if cond.fulfilled_by is not None:
                condition.fulfilled_by = cond.fulfilled_by
            if cond.status_note is not None:
                condition.status_note = cond.status_note
            if cond.status_date is not None:
                condition.status_date = cond.status_date
        validate(condition)
        condition.save()
        audit.record(actor, "condition.create", condition, trajectory_slug=data.gate.trajectory.slug,
                     reason=f"Overgenomen van voorwaarde {carried.pk} van het vervangen besluit" if carried else "")
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


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def _carry_conditions(earlier: Decision, conditions: list[ConditionInput] | None) -> list[ConditionInput]:
    """The conditions of a correction: the earlier decision's when none are given; otherwise the
    given ones, each continuing the earlier condition it names (``carry``) or has the same text as."""
    previous = list(earlier.conditions.select_related("fulfilled_by").order_by("id"))
    if conditions is None:
        return [ConditionInput(text=p.text, carry=p) for p in previous]
    unused = {p.pk: p for p in previous}
    result = []
    for cond in conditions:
        if cond.carry is not None:
            if cond.carry.decision_id != earlier.pk:
                raise RegisterError(f"Voorwaarde '{cond.carry}' hoort niet bij het besluit dat wordt vervangen.")
            unused.pop(cond.carry.pk, None)
        else:
            match = next((p for p in unused.values() if _normal(p.text) == _normal(cond.text)), None)
            if match is not None:
                cond.carry = match
                unused.pop(match.pk)
        result.append(cond)
    return result


@transaction.atomic
def supersede_decision(
    actor: Actor, earlier: Decision, data: DecisionInput, *, reason: str, kind: str = c.SupersedeKind.CORRECTION
) -> Decision:
    """Supersede ``earlier``: a correction of a wrongly recorded decision, or a new decision of the
    same body at the same gate (a hold followed by a decision). The earlier one stays as history.

    Conditions are never lost: with ``data.conditions`` None the earlier decision's conditions are
    carried over with their status, category, fulfilling document and note; given conditions that
    name (``carry``) or repeat an earlier one continue it, and change only what they say explicitly."""
    if kind not in c.SupersedeKind.values:
        raise RegisterError(f"Onbekende soort vervanging '{kind}'.")
    if not reason.strip():
        raise RegisterError("Geef aan waarom het besluit wordt vervangen.")
    earlier = Decision.objects.select_for_update().get(pk=earlier.pk)
    if not earlier.is_current:
        raise RegisterError(_already_decided(earlier.gate, earlier.municipality, earlier.governing_body))
    if data.gate.pk != earlier.gate_id or data.municipality.pk != earlier.municipality_id:
        raise RegisterError("Een vervangend besluit betreft hetzelfde besluitmoment en dezelfde gemeente als het eerdere besluit.")
    _check_actor_may_record(actor, data.municipality, earlier.gate.trajectory)
    if data.governing_body is None and not data.body_kind:
        data.governing_body = earlier.governing_body
    data.conditions = _carry_conditions(earlier, data.conditions)
    body = _validate_decision(data, None)
    if body.pk != earlier.governing_body_id:
        raise RegisterError(
            f"Een vervangend besluit is van hetzelfde orgaan ({earlier.governing_body.get_kind_display()}); "
            "leg het besluit van een ander orgaan apart vast."
        )
    Decision.objects.filter(pk=earlier.pk).update(is_current=False)
    return _create_decision(actor, data, body, supersedes=earlier, reason=reason.strip(), kind=kind)


@transaction.atomic
def set_condition_status(
    actor: Actor,
    condition: Condition,
    status: str,
    *,
    fulfilled_by: Document | None = None,
    note: str = "",
    date: dt.date | None = None,
) -> Condition:
    if not permissions.can_change_condition(actor, condition):
        raise PermissionDenied("U mag de status van deze voorwaarde niet wijzigen.")
    # the status by its value ("met") or by the Dutch label people see ("vervuld")
    by_label = {str(label).lower(): value for value, label in c.ConditionStatus.choices}
    status = by_label.get(str(status).strip().lower(), status)
    if fulfilled_by is not None and not permissions.can_see_document(actor, fulfilled_by):
        raise RegisterError("Het gekozen stuk bestaat niet of is niet zichtbaar voor u.")
    _check_condition_status(status, fulfilled_by, note, condition.decision.gate.trajectory_id)
    if not Decision.objects.filter(pk=condition.decision_id, is_current=True).exists():
        raise RegisterError("Deze voorwaarde hoort bij een vervangen besluit; wijzig de voorwaarde bij het geldende besluit.")
    before = audit.snapshot(condition)
    condition.status = status
    condition.fulfilled_by = fulfilled_by if status == c.ConditionStatus.MET else None
    condition.status_note = note
    condition.status_date = date or dt.date.today()
    validate(condition)
    condition.save()
    audit.record(actor, "condition.status", condition, before=before, trajectory_slug=condition.decision.gate.trajectory.slug, reason=note)
    return condition


# --- arrangements: legal form, succession, appointments --------------------------------------------


@transaction.atomic
def save_arrangement(
    actor: Actor, arrangement: JointArrangement, *, participants: Iterable[Municipality] | None = None, organs: str = "college",
    reason: str = "",
) -> JointArrangement:
    """Create or change an arrangement; ``participants`` (when given) are added as participations
    (existing ones are kept; none is removed here)."""
    _check_may_manage(actor, None, "regelingen")
    for name, label in (("valid_from", "datum in werking"), ("valid_to", "datum opgeheven")):
        value, precision = fuzzy_date(getattr(arrangement, name), getattr(arrangement, f"{name}_precision"), label)
        setattr(arrangement, name, value)
        setattr(arrangement, f"{name}_precision", precision)
    if arrangement.legal_form not in c.WGR_FORMS and arrangement.arrangement_type:
        raise RegisterError(
            f"Een {arrangement.get_legal_form_display()} is geen Wgr-regeling; laat 'soort regeling' (collegeregeling, "
            "raadsregeling, gemengd) leeg."
        )
    ends = FuzzyDate.of(arrangement, "valid_to").latest
    if arrangement.valid_from and ends is not None and ends < arrangement.valid_from:
        raise RegisterError("Een regeling kan niet worden opgeheven voordat zij in werking is getreden.")
    save_object(actor, arrangement, reason=reason)
    for municipality in participants or []:
        if not ArrangementParticipation.objects.filter(arrangement=arrangement, municipality=municipality).exists():
            participation = ArrangementParticipation(
                arrangement=arrangement, municipality=municipality, organs=organs, source=arrangement.source,
                joined=arrangement.valid_from, joined_precision=arrangement.valid_from_precision,
            )
            save_object(actor, participation, reason=reason)
    return arrangement


def _ancestors(arrangement: JointArrangement) -> set[int]:
    seen: set[int] = set()
    frontier = [arrangement.pk]
    while frontier:
        ids = set(ArrangementSuccession.objects.filter(successor_id__in=frontier).values_list("predecessor_id", flat=True)) - seen
        seen |= ids
        frontier = list(ids)
    return seen


@transaction.atomic
def record_succession(
    actor: Actor,
    successor: JointArrangement,
    predecessors: Sequence[JointArrangement],
    kind: str,
    *,
    date: FuzzyDate | None = None,
    source: str = "",
    note: str = "",
) -> list[ArrangementSuccession]:
    """``successor`` follows ``predecessors``: an amended regeling or a new name of the same legal
    body (exactly one predecessor), or a merger of several. A predecessor without an end date ends
    on the succession date."""
    _check_may_manage(actor, None, "opvolgingen van regelingen")
    date = date or FuzzyDate.unknown()
    predecessors = list(predecessors)
    if kind not in c.SuccessionKind.values:
        raise RegisterError(f"Onbekende soort opvolging '{kind}'. Kies uit: {', '.join(c.SuccessionKind.values)}.")
    if not predecessors:
        raise RegisterError("Noem ten minste één regeling die wordt opgevolgd.")
    if len({p.pk for p in predecessors}) != len(predecessors):
        raise RegisterError("Elke voorganger wordt maar één keer genoemd.")
    if any(p.pk == successor.pk for p in predecessors):
        raise RegisterError("Een regeling kan zichzelf niet opvolgen.")
    existing = list(ArrangementSuccession.objects.filter(successor=successor))
    if kind in c.SAME_BODY_SUCCESSION and (len(predecessors) > 1 or existing):
        raise RegisterError(
            "Een gewijzigde of hernoemde regeling is dezelfde rechtspersoon als precies één voorganger; "
            "kies 'fusie van regelingen' als meerdere regelingen samengaan."
        )
    if any(e.kind in c.SAME_BODY_SUCCESSION for e in existing):
        raise RegisterError(f"{successor} is al de voortzetting van één voorganger; een tweede voorganger past daar niet bij.")
    descendants = {link.successor_id for link in successor.descendants()}
    for p in predecessors:
        if p.pk in descendants:
            raise RegisterError(f"{p} volgt zelf al (via andere regelingen) op {successor}; dat wordt een kringloop.")
        if p.pk in {e.predecessor_id for e in existing}:
            raise RegisterError(f"{successor} volgt {p} al op.")
    links = []
    for p in predecessors:
        link = ArrangementSuccession(successor=successor, predecessor=p, kind=kind, date=date.value,
                                     date_precision=date.precision, source=source, note=note)
        save_object(actor, link)
        links.append(link)
        if p.valid_to is None and date.known:
            before = audit.snapshot(p)
            p.valid_to, p.valid_to_precision = date.value, date.precision
            validate(p)
            p.save()
            audit.record(actor, "jointarrangement.update", p, before=before, reason=f"Opgevolgd door {successor}")
    return links


@dataclass
class AppointmentInput:
    arrangement: JointArrangement
    organ: str
    municipality: Municipality
    person: Person | None = None
    person_name: str = ""
    capacity: str = c.AppointmentCapacity.MEMBER
    start: FuzzyDate | None = None
    end: FuzzyDate | None = None
    source: str = ""
    note: str = ""


@transaction.atomic
def record_appointment(actor: Actor, data: AppointmentInput) -> Appointment:
    """A member or deputy member of an arrangement's algemeen or dagelijks bestuur, on behalf of a
    participating municipality, for a period (a person is created by name when not given)."""
    _check_may_manage(actor, None, "benoemingen")
    if data.organ not in c.AppointmentOrgan.values:
        raise RegisterError(f"Onbekend bestuur '{data.organ}'. Kies uit: algemeen bestuur, dagelijks bestuur.")
    if data.capacity not in c.AppointmentCapacity.values:
        raise RegisterError(f"Onbekende hoedanigheid '{data.capacity}'. Kies uit: lid, plaatsvervangend lid.")
    if not ArrangementParticipation.objects.filter(arrangement=data.arrangement, municipality=data.municipality).exists():
        raise RegisterError(f"{data.municipality} neemt niet deel aan {data.arrangement}; een benoeming namens die gemeente kan niet.")
    start, end = data.start or FuzzyDate.unknown(), data.end or FuzzyDate.unknown()
    if end.certainly_before(start):
        raise RegisterError("De benoeming kan niet eindigen voordat zij begint.")
    person = data.person
    if person is None:
        name = data.person_name.strip()
        if not name:
            raise RegisterError("Geef de naam van de benoemde persoon.")
        person = Person.objects.filter(name=name).first() or save_object(actor, Person(name=name, source=data.source))
    appointment = Appointment(
        arrangement=data.arrangement, organ=data.organ, capacity=data.capacity, municipality=data.municipality, person=person,
        start=start.value, start_precision=start.precision, end=end.value, end_precision=end.precision,
        source=data.source, note=data.note,
    )
    return save_object(actor, appointment)


@transaction.atomic
def end_appointment(actor: Actor, appointment: Appointment, end: FuzzyDate, *, reason: str = "") -> Appointment:
    _check_may_manage(actor, None, "benoemingen")
    if not end.known:
        raise RegisterError("Geef de datum waarop de benoeming eindigt.")
    start = FuzzyDate.of(appointment, "start")
    if end.certainly_before(start):
        raise RegisterError("De benoeming kan niet eindigen voordat zij begint.")
    appointment.end, appointment.end_precision = end.value, end.precision
    return save_object(actor, appointment, reason=reason)


def appointments_on(arrangement: JointArrangement, day: dt.date) -> list[Appointment]:
    """Who sat in the arrangement's boards on ``day`` (a month or year counts as a whole)."""
    result = []
    for a in arrangement.appointments.select_related("person", "municipality"):
        start, end = FuzzyDate.of(a, "start"), FuzzyDate.of(a, "end")
        if start.certainly_after(day):
            continue
        if end.certainly_before(FuzzyDate(day)):
            continue
        result.append(a)
    return result


# --- laws of a trajectory -----------------------------------------------------------------------


@transaction.atomic
def set_trajectory_law(actor: Actor, trajectory: Trajectory, law: Law, *, remark: str = "", source: str = "") -> TrajectoryLaw:
    """Link a law to a trajectory (or change this trajectory's remark about it). The remark is the
    trajectory's own; the law's general status note stays on the law."""
    _check_may_manage(actor, trajectory, "wetten van een traject")
    link = TrajectoryLaw.objects.filter(trajectory=trajectory, law=law).first() or TrajectoryLaw(trajectory=trajectory, law=law)
    link.remark = remark.strip()
    if source or not link.source:
        link.source = source
    return save_object(actor, link)


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
def save_document(actor: Actor, document: Document, sections: Sequence[SectionInput] | None = None, *, reason: str = "") -> Document:
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

