"""Every change to planning and participation goes through a function here: validate, one
transaction, write, audit row. Errors are RegisterError with a Dutch message; nothing is saved then."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.db import transaction

from regiokompas.accounts import permissions
from regiokompas.accounts.actors import Actor
from regiokompas.audit import log as audit
from regiokompas.planning import constants as pc
from regiokompas.planning import scheduling
from regiokompas.planning.errors import PlanningError
from regiokompas.planning.models import (
    Consultation,
    ConsultationBody,
    CouncilProcedure,
    Dependency,
    Milestone,
    Plan,
    PlanVersion,
    PrerequisiteRule,
)
from regiokompas.planning.scheduling import (  # noqa: F401 - the planning interface, re-exported
    DependencyInput,
    MilestoneInput,
    Shift,
    _topological,
    find_cycle,
    law_anchor,
    propose_law_shift,
)
from regiokompas.register import constants as c
from regiokompas.register import services as register_services
from regiokompas.register.errors import PermissionDenied, RegisterError  # noqa: F401 - RegisterError re-exported
from regiokompas.register.models import Law, Trajectory
from regiokompas.register.services import M

EARLIEST = dt.date(1990, 1, 1)
LATEST = dt.date(2100, 12, 31)


# --- helpers ---------------------------------------------------------------------------------------


def _check_manage(actor: Actor, trajectory: Trajectory) -> None:
    if not permissions.can_manage_trajectory(actor, trajectory):
        raise PermissionDenied("Alleen de projectorganisatie of functioneel beheer wijzigt de planning en de medezeggenschap.")


def _save(actor: Actor, obj: M, slug: str, *, reason: str = "") -> M:
    return register_services.save_audited(actor, obj, trajectory_slug=slug, reason=reason, error=PlanningError)


def _check_date(value: object, label: str) -> None:
    if value is None:
        return
    if not isinstance(value, dt.date):
        raise PlanningError(f"{label}: '{value}' is geen geldige datum (gebruik dd-mm-jjjj).")
    if not (EARLIEST <= value <= LATEST):
        raise PlanningError(f"{label}: {value:%d-%m-%Y} ligt buiten de toegestane periode (1990–2100).")


def parse_date(raw: str, label: str = "Datum") -> dt.date:
    """Parse a date typed by a user (dd-mm-jjjj, or JJJJ-MM-DD as in a file) with a Dutch error."""
    text = (raw or "").strip()
    for fmt in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            value = dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        _check_date(value, label)
        return value
    raise PlanningError(f"{label}: '{text}' is geen geldige datum (gebruik dd-mm-jjjj, bijvoorbeeld 01-01-2013).")


# --- plan versions ---------------------------------------------------------------------------------


def _validate_inputs(trajectory: Trajectory, items: Sequence[MilestoneInput]) -> None:
    """Refuse milestones with a bad field, a track or gate outside the trajectory, or dependencies
    that are unknown or form a cycle (the graph checks are pure: planning.scheduling)."""
    edges = scheduling.dependency_graph(items)
    for item in items:
        _check_item(trajectory, item)
        scheduling.add_dependencies(item, edges)
    scheduling.refuse_cycle(items, edges)


def _check_item(trajectory: Trajectory, item: MilestoneInput) -> None:
    if not item.key or not item.title.strip():
        raise PlanningError("Elke mijlpaal heeft een sleutel en een titel.")
    if not isinstance(item.date, dt.date):
        raise PlanningError(f"Mijlpaal '{item.title}' heeft geen geldige datum.")
    _check_date(item.date, f"Mijlpaal '{item.title}'")
    _check_date(item.end_date, f"Einddatum van '{item.title}'")
    if item.end_date and item.end_date < item.date:
        raise PlanningError(f"De einddatum van '{item.title}' ligt vóór de begindatum.")
    if item.kind not in pc.MilestoneKind.values:
        raise PlanningError(f"Onbekende soort mijlpaal '{item.kind}'.")
    if item.status not in pc.MilestoneStatus.values:
        raise PlanningError(f"Onbekende status '{item.status}' bij '{item.title}'.")
    if item.gate is not None and item.gate.trajectory_id != trajectory.pk:
        raise PlanningError(f"Besluitmoment '{item.gate}' hoort bij een ander traject.")
    if item.municipality is not None and not trajectory.participants.filter(municipality=item.municipality).exists():
        raise PlanningError(f"{item.municipality} neemt niet deel aan dit traject; een eigen spoor kan niet.")


def _write_milestones(actor: Actor, version: PlanVersion, items: Sequence[MilestoneInput]) -> dict[str, Milestone]:
    slug = version.plan.trajectory.slug
    created: dict[str, Milestone] = {}
    for item in items:
        created[item.key] = _save(actor, Milestone(
            version=version, code=item.key, title=item.title.strip(), kind=item.kind, date=item.date, end_date=item.end_date,
            owner=item.owner, status=item.status, gate=item.gate, municipality=item.municipality, note=item.note,
            source=item.source, illustrative=item.illustrative,
        ), slug)
    for item in items:
        for dep in item.depends_on:
            d = Dependency(milestone=created[item.key], offset_days=dep.offset_days, law_date=dep.law_date)
            if isinstance(dep.on, Law):
                d.law = dep.on
            else:
                d.depends_on = created[dep.on]
            _save(actor, d, slug)
    return created


def _anchor(dependency: Dependency) -> Law | str:
    """What a stored dependency hangs on: its law, or the key of the milestone it follows (the
    database holds exactly one of the two: constraint dependency_one_anchor)."""
    if dependency.law is not None:
        return dependency.law
    if dependency.depends_on is None:
        raise PlanningError(f"Afhankelijkheid {dependency.pk} heeft geen anker: geen mijlpaal en geen wet.")
    return dependency.depends_on.code


def inputs_of(version: PlanVersion) -> list[MilestoneInput]:
    """The milestones of a version as inputs (for copying into the next version)."""
    result = []
    for ms in version.milestones.select_related("gate", "municipality").prefetch_related("dependencies__depends_on", "dependencies__law"):
        deps = [DependencyInput(on=_anchor(d), offset_days=d.offset_days, law_date=d.law_date)
                for d in ms.dependencies.all()]
        result.append(MilestoneInput(
            key=ms.code, title=ms.title, date=ms.date, kind=ms.kind, end_date=ms.end_date, owner=ms.owner, status=ms.status,
            gate=ms.gate, municipality=ms.municipality, note=ms.note, source=ms.source, illustrative=ms.illustrative,
            depends_on=deps,
        ))
    return result


@transaction.atomic
def create_plan(actor: Actor, trajectory: Trajectory, *, title: str, milestones: Sequence[MilestoneInput], reason: str = "",
                date: dt.date | None = None, source: str = "", illustrative: bool = False, name: str = "Planning") -> PlanVersion:
    """Create the plan of a trajectory with its first version."""
    _check_manage(actor, trajectory)
    if Plan.objects.filter(trajectory=trajectory).exists():
        raise PlanningError(f"Traject '{trajectory}' heeft al een planning; maak een nieuwe versie.")
    if not title.strip():
        raise PlanningError("Geef de eerste versie van de planning een titel.")
    _check_date(date, "Datum van de versie")
    _validate_inputs(trajectory, milestones)
    plan = _save(actor, Plan(trajectory=trajectory, name=name, source=source, illustrative=illustrative), trajectory.slug)
    version = _save(actor, PlanVersion(plan=plan, number=1, title=title.strip(), reason=reason, date=date, source=source,
                                       illustrative=illustrative, recorded_by=audit.actor_label(actor)), trajectory.slug)
    _write_milestones(actor, version, milestones)
    return version


@transaction.atomic
def start_plan(actor: Actor, trajectory: Trajectory) -> PlanVersion:
    """A first version from what the register knows: the gates' planned dates and the driving laws' dates."""
    items = []
    for law in trajectory.drivers.all():
        day = law.actual_start or law.planned_start
        if day:
            which = pc.LawDateField.ACTUAL if law.actual_start else pc.LawDateField.PLANNED
            items.append(MilestoneInput(f"wet-{law.abbreviation.lower()}"[:80], f"Inwerkingtreding {law.abbreviation}", day,
                                        kind=pc.MilestoneKind.LAW, source=law.source, depends_on=[DependencyInput(law, 0, which)]))
    for gate in trajectory.gates.order_by("ordinal"):
        if gate.planned_date:
            items.append(MilestoneInput(f"besluitmoment-{gate.ordinal}", f"Besluitmoment {gate}", gate.planned_date,
                                        kind=pc.MilestoneKind.GATE, gate=gate, source=gate.source, illustrative=gate.illustrative))
    if not items:
        raise PlanningError("Het traject heeft nog geen besluitmomenten met een geplande datum en geen wetsdatums; "
                            "geef eerst een besluitmoment een datum.")
    return create_plan(actor, trajectory, title="Eerste planning uit het register", milestones=items,
                       reason="Overgenomen uit de besluitmomenten en wetten van het traject.", date=dt.date.today())


@transaction.atomic
def new_version(actor: Actor, trajectory: Trajectory, *, title: str, reason: str, milestones: Sequence[MilestoneInput],
                date: dt.date | None = None, source: str = "", illustrative: bool = False) -> PlanVersion:
    """Record a new plan version. The previous versions stay as they are; the new one records what moved."""
    _check_manage(actor, trajectory)
    plan = Plan.objects.filter(trajectory=trajectory).first()
    if plan is None:
        raise PlanningError(f"Traject '{trajectory}' heeft nog geen planning.")
    if not title.strip():
        raise PlanningError("Geef de nieuwe versie een titel.", field="title")
    if not reason.strip():
        raise PlanningError("Geef aan waarom de planning verandert (bijvoorbeeld: 'Wwv gaat in de huidige vorm niet door').",
                            field="reason")
    _check_date(date, "Datum van de versie")
    previous = plan.current  # None only for a plan whose versions are gone: then this is its first
    old_inputs = inputs_of(previous) if previous is not None else []
    done_before = {m.key: m for m in old_inputs if m.status == pc.MilestoneStatus.DONE}
    for m in milestones:
        earlier = done_before.get(m.key)
        if earlier and m.date != earlier.date:
            raise PlanningError(f"'{m.title}' is al afgerond op {earlier.date:%d-%m-%Y}; wat al is gebeurd verschuift niet.",
                                field=f"date-{m.key}")
    _validate_inputs(trajectory, milestones)
    changes = scheduling.diff(old_inputs, milestones)
    version = _save(actor, PlanVersion(
        plan=plan, number=(previous.number if previous is not None else 0) + 1, title=title.strip(), reason=reason.strip(), date=date, based_on=previous,
        changes=changes, source=source, illustrative=illustrative, recorded_by=audit.actor_label(actor),
    ), trajectory.slug, reason=reason.strip())
    _write_milestones(actor, version, milestones)
    return version


# --- law changes -----------------------------------------------------------------------------------


def decided_keys(items: Sequence[MilestoneInput]) -> set[str]:
    """Gate milestones whose decisions are already taken: by the track's municipality, or (regional
    milestone) by every participant of the trajectory. Moving them would rewrite history."""
    from regiokompas.register.models import Decision

    gates = {m.gate.pk for m in items if m.gate is not None}
    if not gates:
        return set()
    decided: dict[int, set[int]] = {}
    for gate_id, muni_id in (Decision.objects.filter(gate_id__in=gates, is_current=True)
                             .exclude(outcome=c.Outcome.NOT_YET_DECIDED).values_list("gate_id", "municipality_id")):
        decided.setdefault(gate_id, set()).add(muni_id)
    result = set()
    for m in items:
        if m.gate is None or m.gate.pk not in decided:
            continue
        if m.municipality is not None:
            if m.municipality.pk in decided[m.gate.pk]:
                result.add(m.key)
        else:
            participants = set(m.gate.trajectory.participants.values_list("municipality_id", flat=True))
            if participants and participants <= decided[m.gate.pk]:
                result.add(m.key)
    return result


@transaction.atomic
def apply_law_change(actor: Actor, trajectory: Trajectory, law: Law, *, new_date: dt.date, reason: str, new_status: str = "",
                     date: dt.date | None = None, title: str = "", source: str = "", illustrative: bool = False) -> PlanVersion:
    """Change a law's date and/or status and record the re-planned dates as a new plan version.

    ``new_date`` is the law's new start date, or for a law that does not go ahead the date the plan
    will follow instead (then the dependent milestones no longer hang on the law). Decisions in the
    register are never touched.
    """
    from regiokompas.register import services as rs

    _check_manage(actor, trajectory)
    if not isinstance(law, Law):
        raise PlanningError("Kies een wet.", field="law")
    if not trajectory.drivers.filter(pk=law.pk).exists():
        raise PlanningError(f"{law} is geen aanleiding van dit traject; koppel de wet eerst aan het traject.", field="law")
    if not isinstance(new_date, dt.date):
        raise PlanningError("Geef een nieuwe datum op (dd-mm-jjjj).", field="date")
    _check_date(new_date, "Nieuwe datum")
    if new_status and new_status not in c.LawStatus.values:
        raise PlanningError(f"Onbekende status '{new_status}' voor een wet.", field="status")
    if not reason.strip():
        raise PlanningError("Geef aan waarom de wet verandert.", field="reason")
    plan = Plan.objects.filter(trajectory=trajectory).first()
    if plan is None:
        raise PlanningError(f"Traject '{trajectory}' heeft nog geen planning.")
    current = plan.current
    items = inputs_of(current) if current is not None else []
    shifts = {s.key: s for s in propose_law_shift(items, law, new_date, decided_keys(items))}
    if not shifts:
        raise PlanningError(f"Geen mijlpaal in de huidige planning hangt af van {law.abbreviation}; er is niets te verschuiven.")
    withdrawn = (new_status or law.status) == c.LawStatus.WITHDRAWN
    scheduling.apply_shifts(items, shifts, law, new_date, withdrawn=withdrawn)
    if new_status:
        law.status = new_status
    if not withdrawn:
        if law.status == c.LawStatus.IN_FORCE:
            law.actual_start = new_date
        else:
            law.planned_start = new_date
    law.status_note = f"{law.status_note}\n{reason.strip()}".strip() if reason.strip() not in law.status_note else law.status_note
    rs.save_object(actor, law, reason=reason.strip())
    return new_version(actor, trajectory, title=title or f"Herplanning: {law.abbreviation} {'gaat niet door' if withdrawn else 'verschuift'}",
                       reason=reason, milestones=items, date=date, source=source, illustrative=illustrative)


# --- consultation bodies and consultations -------------------------------------------------------


@transaction.atomic
def save_body(actor: Actor, body: ConsultationBody) -> ConsultationBody:
    _check_manage(actor, body.trajectory)
    if body.kind not in pc.BodyKind.values:
        raise PlanningError(f"Onbekende soort medezeggenschapsorgaan '{body.kind}'.")
    if body.employer_municipality_id and body.employer_organisation_id:
        raise PlanningError("Een medezeggenschapsorgaan heeft één werkgever: een gemeente óf een organisatie.")
    if body.kind == pc.BodyKind.OR and not (body.employer_municipality_id or body.employer_organisation_id):
        raise PlanningError("Een ondernemingsraad hoort bij een werkgever: kies de gemeente of organisatie.")
    body.name = (body.name or "").strip()
    if not body.name:
        raise PlanningError("Geef het medezeggenschapsorgaan een naam.")
    if body.employer_municipality_id and not body.trajectory.participants.filter(municipality_id=body.employer_municipality_id).exists():
        raise PlanningError(f"{body.employer_municipality} neemt niet deel aan het traject '{body.trajectory}'; "
                            "kies een deelnemende gemeente als werkgever.")
    clash = ConsultationBody.objects.filter(trajectory=body.trajectory, name__iexact=body.name).exclude(pk=body.pk)
    if clash.exists():
        raise PlanningError(f"Er is in dit traject al een medezeggenschapsorgaan met de naam '{body.name}'.")
    if body.pk:
        old = ConsultationBody.objects.get(pk=body.pk)
        if old.trajectory_id != body.trajectory_id:
            raise PlanningError("Een medezeggenschapsorgaan verhuist niet naar een ander traject.")
        wrong = [x for x in body.consultations.all() if not _body_fits(body, x.kind)]
        if wrong:
            raise PlanningError(f"Deze soort past niet bij de vastgelegde medezeggenschap ({wrong[0].get_kind_display()}); "
                                "pas die eerst aan.")
    return _save(actor, body, body.trajectory.slug)


def _body_fits(body: ConsultationBody, kind: str) -> bool:
    if kind in (pc.ConsultationKind.OR_ADVICE, pc.ConsultationKind.OR_CONSENT, pc.ConsultationKind.SOCIAAL_PLAN):
        return body.kind in (pc.BodyKind.OR, pc.BodyKind.BOR, pc.BodyKind.GO)
    if kind == pc.ConsultationKind.CLIENT_ADVICE:
        return body.kind in (pc.BodyKind.CLIENT_COUNCIL, pc.BodyKind.ADVISORY_COUNCIL)
    return True


def _validate_consultation(cons: Consultation) -> None:
    for value, label in ((cons.requested, "Gevraagd op"), (cons.due, "Uiterlijk advies"), (cons.received, "Advies ontvangen")):
        _check_date(value, label)
    if cons.kind not in pc.ConsultationKind.values:
        raise PlanningError(f"Onbekende soort medezeggenschap '{cons.kind}'.")
    if cons.due and cons.requested and cons.due < cons.requested:
        raise PlanningError("De adviestermijn eindigt vóór de aanvraag; controleer de datums.")
    if cons.received and cons.requested and cons.received < cons.requested:
        raise PlanningError("Het advies kan niet eerder ontvangen zijn dan het is gevraagd.")
    if cons.received and not cons.requested:
        raise PlanningError("Leg eerst vast wanneer het advies is gevraagd.")
    if cons.kind == pc.ConsultationKind.INFORMATION and cons.due:
        raise PlanningError("Bij informeren hoort geen adviestermijn.")
    if cons.scope == pc.ConsultationScope.PERSONNEL and cons.kind != pc.ConsultationKind.OR_ADVICE:
        raise PlanningError("De beperking tot personele gevolgen (politiek primaat) geldt alleen voor een adviesaanvraag aan de OR (WOR art. 25).")
    if cons.kind in (pc.ConsultationKind.OR_ADVICE, pc.ConsultationKind.OR_CONSENT, pc.ConsultationKind.SOCIAAL_PLAN) and cons.body.kind not in (
            pc.BodyKind.OR, pc.BodyKind.BOR, pc.BodyKind.GO):
        raise PlanningError(f"Een {cons.get_kind_display()} gaat naar een ondernemingsraad of georganiseerd overleg, niet naar {cons.body}.")
    if cons.kind == pc.ConsultationKind.CLIENT_ADVICE and cons.body.kind not in (pc.BodyKind.CLIENT_COUNCIL, pc.BodyKind.ADVISORY_COUNCIL):
        raise PlanningError(f"Cliëntadvies vraagt u aan een cliëntenraad of adviesraad, niet aan {cons.body}.")
    if cons.outcome != pc.AdviceOutcome.PENDING and cons.outcome != pc.AdviceOutcome.TAKEN_NOTE and not cons.received:
        raise PlanningError("Een uitkomst van het advies hoort bij een datum van ontvangst.")
    if cons.deviates and not cons.deviation_motivation.strip():
        raise PlanningError("Wijkt het college af van het advies, dan is een schriftelijke motivering verplicht (WOR art. 25 lid 5).")
    if cons.gate is not None and cons.gate.trajectory_id != cons.body.trajectory_id:
        raise PlanningError("Het besluitmoment hoort bij een ander traject dan het medezeggenschapsorgaan.")


@transaction.atomic
def save_consultation(actor: Actor, cons: Consultation) -> Consultation:
    _check_manage(actor, cons.body.trajectory)
    _validate_consultation(cons)
    return _save(actor, cons, cons.body.trajectory.slug)


@transaction.atomic
def record_advice(actor: Actor, cons: Consultation, *, received: dt.date, outcome: str, text: str = "",
                  deviates: bool = False, motivation: str = "") -> Consultation:
    """Record the advice received, and (when the college deviates) the written motivation."""
    if outcome not in pc.AdviceOutcome.values or outcome == pc.AdviceOutcome.PENDING:
        raise PlanningError("Kies de uitkomst van het advies: positief, onder voorwaarden, negatief of geen advies.")
    cons = Consultation.objects.select_for_update().get(pk=cons.pk)
    cons.received, cons.outcome, cons.advice_text = received, outcome, text
    cons.deviates, cons.deviation_motivation = deviates, motivation
    return save_consultation(actor, cons)


# --- council procedures and rules ------------------------------------------------------------------


@transaction.atomic
def save_procedure(actor: Actor, proc: CouncilProcedure) -> CouncilProcedure:
    trajectory = proc.gate.trajectory
    _check_manage(actor, trajectory)
    if proc.kind not in pc.ProcedureKind.values:
        raise PlanningError(f"Onbekende soort raadsprocedure '{proc.kind}'.")
    for value, label in ((proc.planned, "Gepland"), (proc.sent, "Aan de raad gezonden"), (proc.completed, "Afgerond")):
        _check_date(value, label)
    if proc.completed and proc.sent and proc.completed < proc.sent:
        raise PlanningError("Een raadsprocedure kan niet afgerond zijn vóórdat de stukken naar de raad zijn gegaan.")
    if not trajectory.participants.filter(municipality=proc.municipality).exists():
        raise PlanningError(f"{proc.municipality} neemt niet deel aan het traject '{trajectory}'.")
    if not proc.legal_basis:
        proc.legal_basis = pc.LEGAL_BASIS[pc.ProcedureKind(proc.kind)]
    return _save(actor, proc, trajectory.slug)


@transaction.atomic
def save_rule(actor: Actor, rule: PrerequisiteRule) -> PrerequisiteRule:
    if not permissions.can_manage_trajectory(actor):
        raise PermissionDenied("Alleen de projectorganisatie of functioneel beheer stelt regels vast.")
    if rule.kind not in pc.RuleKind.values:
        raise PlanningError(f"Onbekende soort regel '{rule.kind}'.")
    bad = [k for k in rule.consultation_kind_list if k not in pc.ConsultationKind.values]
    bad += [k for k in rule.procedure_kind_list if k not in pc.ProcedureKind.values]
    if bad:
        raise PlanningError(f"Onbekende soort(en) in de regel: {', '.join(bad)}.")
    if rule.kind == pc.RuleKind.CONSULTATION and not rule.consultation_kind_list:
        raise PlanningError("Noem bij deze regel welke soorten medezeggenschap vóór het besluit moeten liggen.")
    if rule.kind == pc.RuleKind.PROCEDURE and not rule.procedure_kind_list:
        raise PlanningError("Noem bij deze regel welke raadsprocedures vóór het besluit moeten liggen.")
    if rule.deciding_body_kind and rule.deciding_body_kind not in c.GoverningBodyKind.values:
        raise PlanningError(f"Onbekend besluitend orgaan '{rule.deciding_body_kind}'.")
    return _save(actor, rule, "")


def copy_inputs(items: Iterable[MilestoneInput]) -> list[MilestoneInput]:
    return [MilestoneInput(**{**m.__dict__, "depends_on": list(m.depends_on)}) for m in items]
