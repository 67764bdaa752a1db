"""Service functions for setting up a trajectory on the pages: the trajectory with its participants,
laws and creator's membership; organisations and arrangements with their governing bodies; the
participations in an arrangement. Each one checks the actor's rights (accounts.permissions),
validates, works in one transaction, writes and leaves an audit row per change."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import transaction

from regiokompas.accounts import permissions
from regiokompas.register import constants as c
from regiokompas.register import services
from regiokompas.register.dates import FuzzyDate
from regiokompas.register.errors import PermissionDenied, RegisterError
from regiokompas.register.models import (
    ArrangementParticipation,
    Decision,
    GoverningBody,
    JointArrangement,
    Law,
    Municipality,
    Organisation,
    Region,
    Trajectory,
    TrajectoryLaw,
    TrajectoryParticipant,
)


@dataclass
class TrajectoryInput:
    """What the trajectory page sends. ``commissioning`` is ``college:GMxxxx``, ``raad:GMxxxx``,
    ``body:<id>`` or empty; ``new_*`` names create a region, project organisation or law."""

    name: str
    slug: str
    domain: str = ""
    aim: str = ""
    status: str = c.TrajectoryStatus.EXPLORING
    start: FuzzyDate = field(default_factory=FuzzyDate.unknown)
    region: Region | None = None
    new_region: str = ""
    commissioning: str = ""
    project_organisation: Organisation | None = None
    new_project_organisation: str = ""
    laws: Sequence[Law] = ()
    new_law: tuple[str, str, str] | None = None  # name, abbreviation, status
    participants: Sequence[Municipality] = ()
    source: str = ""


def _check_create(actor) -> None:
    if not permissions.can_create_trajectory(actor):
        raise PermissionDenied("Alleen functioneel beheer en projectleiders starten een traject.")


def _check_manage(actor, trajectory: Trajectory) -> None:
    if not permissions.can_manage_trajectory(actor, trajectory):
        raise PermissionDenied(f"Alleen de projectleider van '{trajectory}' of functioneel beheer wijzigt dit traject.")


def _commissioning_body(actor, choice: str, participants: Sequence[Municipality]) -> GoverningBody | None:
    if not choice:
        return None
    kind, _, key = choice.partition(":")
    if kind in (c.GoverningBodyKind.COLLEGE, c.GoverningBodyKind.RAAD):
        municipality = next((m for m in participants if m.cbs_code == key), None)
        if municipality is None:
            raise RegisterError("Kies als opdrachtgever een orgaan van een deelnemende gemeente.")
        return services.body_of(municipality, kind)
    if kind == "body" and key.isdigit():
        body = GoverningBody.objects.filter(pk=int(key), municipality__isnull=True).first()
        if body is not None:
            return body
    raise RegisterError(f"Onbekende opdrachtgever '{choice}'.")


def _apply_facts(trajectory: Trajectory, data: TrajectoryInput) -> None:
    trajectory.name = data.name.strip()
    trajectory.domain = data.domain.strip()
    trajectory.aim = data.aim.strip()
    trajectory.status = data.status
    trajectory.start_date, trajectory.start_precision = data.start.value, data.start.precision
    trajectory.source = data.source.strip()


def _apply(actor, trajectory: Trajectory, data: TrajectoryInput) -> None:
    _apply_facts(trajectory, data)
    if data.new_region.strip():
        trajectory.region = services.save_object(actor, Region(name=data.new_region.strip(), source=data.source))
    else:
        trajectory.region = data.region
    if data.new_project_organisation.strip():
        trajectory.project_organisation = services.save_object(actor, Organisation(
            name=data.new_project_organisation.strip(), kind=c.OrganisationKind.PROJECT, source=data.source))
    else:
        trajectory.project_organisation = data.project_organisation
    trajectory.commissioning_body = _commissioning_body(actor, data.commissioning, data.participants)


def _laws(actor, data: TrajectoryInput) -> list[Law]:
    laws = list(data.laws)
    if data.new_law:
        name, abbreviation, status = (x.strip() for x in data.new_law)
        laws.append(services.save_object(actor, Law(name=name, abbreviation=abbreviation, status=status or c.LawStatus.IN_FORCE,
                                                    source=data.source)))
    return laws


def _set_laws(actor, trajectory: Trajectory, laws: Iterable[Law]) -> None:
    wanted = {law.pk: law for law in laws}
    for link in TrajectoryLaw.objects.filter(trajectory=trajectory).select_related("law"):
        if link.law_id not in wanted:
            services.delete_object(actor, link, reason="wet niet meer bij dit traject")
    present = set(TrajectoryLaw.objects.filter(trajectory=trajectory).values_list("law_id", flat=True))
    for pk, law in wanted.items():
        if pk not in present:
            services.set_trajectory_law(actor, trajectory, law, source=trajectory.source)


@transaction.atomic
def create_trajectory(actor, data: TrajectoryInput) -> Trajectory:
    """A new trajectory with its participants and laws, for the pages and the API; the creator
    becomes a member and so manages it (accounts.permissions.can_manage_trajectory)."""
    from regiokompas.accounts.services import add_creator_membership

    _check_create(actor)
    if not data.participants:
        raise RegisterError("Kies ten minste één deelnemende gemeente.", field="participants")
    if Trajectory.objects.filter(slug=data.slug).exists():
        raise RegisterError("Er is al een traject met deze korte naam.", field="slug", code="conflict")
    # The trajectory first, then its creator's membership: from then on she manages it, and may add
    # the region, project organisation and laws that it needs.
    trajectory = Trajectory(slug=data.slug)
    _apply_facts(trajectory, data)
    services.save_object(actor, trajectory, reason="traject opgezet")
    add_creator_membership(actor, trajectory)
    _apply(actor, trajectory, data)
    if trajectory.region_id or trajectory.project_organisation_id or trajectory.commissioning_body_id:
        services.save_object(actor, trajectory, reason="gegevens van het nieuwe traject")
    for municipality in data.participants:
        services.add_participant(actor, trajectory, municipality, source=data.source)
    _set_laws(actor, trajectory, _laws(actor, data))
    return trajectory


@transaction.atomic
def update_trajectory(actor, trajectory: Trajectory, data: TrajectoryInput) -> Trajectory:
    """Change a trajectory's facts, laws and participants. A municipality with decisions in the
    trajectory stays a participant (its decisions are history)."""
    _check_manage(actor, trajectory)
    trajectory = Trajectory.objects.select_for_update().get(pk=trajectory.pk)
    if not data.participants:
        raise RegisterError("Kies ten minste één deelnemende gemeente.")
    _apply(actor, trajectory, data)
    services.save_object(actor, trajectory, reason="traject gewijzigd")
    set_participants(actor, trajectory, data.participants, source=data.source)
    _set_laws(actor, trajectory, _laws(actor, data))
    return trajectory


@transaction.atomic
def set_participants(actor, trajectory: Trajectory, municipalities: Iterable[Municipality], *, source: str = "") -> None:
    _check_manage(actor, trajectory)
    wanted = {m.pk: m for m in municipalities}
    leaving = TrajectoryParticipant.objects.filter(trajectory=trajectory).exclude(municipality_id__in=wanted).select_related("municipality")
    for participant in leaving:
        if Decision.objects.filter(gate__trajectory=trajectory, municipality=participant.municipality).exists():
            raise RegisterError(
                f"{participant.municipality} heeft al besluiten in dit traject en blijft deelnemer; "
                "leg een besluit vast als de gemeente uittreedt."
            )
        services.delete_object(actor, participant, reason="gemeente niet meer betrokken")
    present = set(TrajectoryParticipant.objects.filter(trajectory=trajectory).values_list("municipality_id", flat=True))
    for pk, municipality in wanted.items():
        if pk not in present:
            services.add_participant(actor, trajectory, municipality, source=source)


# --- gates ------------------------------------------------------------------------------------------


@dataclass
class GateInput:
    ordinal: int
    title: str
    description: str = ""
    kind: str = c.GateKind.DECISION
    bodies: Sequence[str] = (c.GoverningBodyKind.COLLEGE,)
    counting_body: str = ""
    body_arrangement: JointArrangement | None = None
    body_organisation: Organisation | None = None
    planned: FuzzyDate = field(default_factory=FuzzyDate.unknown)
    deadline: FuzzyDate = field(default_factory=FuzzyDate.unknown)
    continuation_rule: str = c.ContinuationRule.ALL_MUST_AGREE
    minimum_participants: int = 2
    source: str = ""


def save_gate(actor, trajectory: Trajectory, data: GateInput, gate=None):
    """Create or change a gate of ``trajectory`` through register.services.save_gate."""
    from regiokompas.register.models import Gate

    _check_manage(actor, trajectory)
    if gate is not None and gate.trajectory_id != trajectory.pk:
        raise RegisterError("Dit besluitmoment hoort bij een ander traject.")
    clash = Gate.objects.filter(trajectory=trajectory, ordinal=data.ordinal)
    if gate is not None:
        clash = clash.exclude(pk=gate.pk)
    if clash.exists():
        raise RegisterError(f"Er is al een besluitmoment met volgnummer {data.ordinal} in dit traject.")
    gate = Gate.objects.get(pk=gate.pk) if gate is not None else Gate(trajectory=trajectory)
    gate.ordinal, gate.title, gate.description = data.ordinal, data.title.strip(), data.description.strip()
    gate.kind, gate.bodies = data.kind, list(data.bodies)
    gate.counting_body = "" if data.kind == c.GateKind.INFORMATION else data.counting_body
    gate.body_arrangement, gate.body_organisation = data.body_arrangement, data.body_organisation
    gate.planned_date, gate.planned_date_precision = data.planned.value, data.planned.precision
    gate.deadline = data.deadline.value
    gate.continuation_rule, gate.minimum_participants = data.continuation_rule, data.minimum_participants
    gate.source = data.source.strip()
    return services.save_gate(actor, gate)


# --- organisations and arrangements -------------------------------------------------------------


def _check_register(actor) -> None:
    if not permissions.can_manage_trajectory(actor):
        raise PermissionDenied("Alleen functioneel beheer en de projectleider van een traject leggen organisaties en regelingen vast.")


def _ensure_bodies(actor, owner: dict, kinds: Iterable[str], source: str) -> None:
    for kind in kinds:
        if not GoverningBody.objects.filter(kind=kind, **owner).exists():
            services.save_object(actor, GoverningBody(kind=kind, source=source, **owner))


@transaction.atomic
def save_organisation(actor, organisation: Organisation, *, bodies: Iterable[str] = ()) -> Organisation:
    """Create or change an organisation and add the governing bodies named (none is removed here)."""
    _check_register(actor)
    services.save_object(actor, organisation)
    _ensure_bodies(actor, {"organisation": organisation}, bodies, organisation.source)
    return organisation


@dataclass
class ArrangementInput:
    name: str
    legal_form: str
    arrangement_type: str = ""
    centre_municipality: Municipality | None = None
    valid_from: FuzzyDate = field(default_factory=FuzzyDate.unknown)
    valid_to: FuzzyDate = field(default_factory=FuzzyDate.unknown)
    publication: str = ""
    exit_rules: str = ""
    bodies: Sequence[str] = ()
    participants: Sequence[Municipality] = ()
    predecessors: Sequence[JointArrangement] = ()
    succession_kind: str = ""
    succession_date: FuzzyDate = field(default_factory=FuzzyDate.unknown)
    source: str = ""


@transaction.atomic
def save_arrangement(actor, data: ArrangementInput, arrangement: JointArrangement | None = None) -> JointArrangement:
    """Create or change an arrangement with its bodies, new participants and predecessors, through
    register.services (save_arrangement, record_succession)."""
    _check_register(actor)
    arrangement = JointArrangement.objects.get(pk=arrangement.pk) if arrangement is not None else JointArrangement()
    arrangement.name, arrangement.legal_form = data.name.strip(), data.legal_form
    arrangement.arrangement_type = data.arrangement_type
    arrangement.centre_municipality = data.centre_municipality
    arrangement.valid_from, arrangement.valid_from_precision = data.valid_from.value, data.valid_from.precision
    arrangement.valid_to, arrangement.valid_to_precision = data.valid_to.value, data.valid_to.precision
    arrangement.publication, arrangement.exit_rules = data.publication.strip(), data.exit_rules.strip()
    arrangement.source = data.source.strip()
    services.save_arrangement(actor, arrangement, participants=list(data.participants))
    _ensure_bodies(actor, {"arrangement": arrangement}, data.bodies, arrangement.source)
    known = set(arrangement.predecessor_links.values_list("predecessor_id", flat=True))
    new = [p for p in data.predecessors if p.pk not in known]
    if new:
        services.record_succession(actor, arrangement, new, data.succession_kind, date=data.succession_date, source=arrangement.source)
    return arrangement


@transaction.atomic
def update_participation(actor, participation: ArrangementParticipation, *, organs: str, joined: FuzzyDate, left: FuzzyDate) -> ArrangementParticipation:
    _check_register(actor)
    participation = ArrangementParticipation.objects.get(pk=participation.pk)
    if joined.known and left.known and left.latest < joined.earliest:
        raise RegisterError("Een gemeente kan niet uittreden voordat zij is toegetreden.")
    participation.organs = organs.strip()
    participation.joined, participation.joined_precision = joined.value, joined.precision
    participation.left, participation.left_precision = left.value, left.precision
    return services.save_object(actor, participation)


# --- a document that fulfils a condition ---------------------------------------------------------


@transaction.atomic
def fulfil_condition_with_new_document(actor, condition, *, title: str, kind: str, date: FuzzyDate, note: str = ""):
    """Register the document that fulfils ``condition`` (as a document of the condition's
    municipality in its trajectory) and set the condition to 'vervuld' with it; one transaction."""
    from regiokompas.register.models import Document

    decision = condition.decision
    if not title.strip():
        raise RegisterError("Geef de titel van het stuk dat de voorwaarde vervult.", field="new_document_title")
    if kind not in c.DocumentKind.values:
        raise RegisterError(f"Onbekende soort stuk '{kind}'.", field="new_document_kind")
    document = Document(
        trajectory=decision.gate.trajectory, kind=kind, title=title.strip(), status=c.DocumentStatus.DEFINITIEF,
        issuer_municipality=decision.municipality, date=date.value, date_precision=date.precision,
        source=f"vastgelegd bij het vervullen van een voorwaarde van {decision.municipality}",
    )
    services.save_document(actor, document, reason="stuk dat een voorwaarde vervult")
    return services.set_condition_status(actor, condition, c.ConditionStatus.MET, fulfilled_by=document, note=note)
