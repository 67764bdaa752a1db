"""The planning overview of one plan version: rows with late / at-risk status, shared by the web
page, the SVG timeline, the iCalendar export and the docx/md export."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from regiokompas import caching, dutch, formatting
from regiokompas.planning import checks
from regiokompas.planning import constants as pc
from regiokompas.planning.models import Consultation, CouncilProcedure, Milestone, Plan, PlanVersion
from regiokompas.register import constants as c
from regiokompas.register import query
from regiokompas.register.models import Decision, Gate, Trajectory

LATE = "te laat"
AT_RISK = "risico"
NOT_DONE = "niet uitgevoerd"
NOT_PLANNED = "nog niet gepland"
OK = ""

# gate results after which the regional gate milestone is done, whatever the plan says
DECIDED_GATE = {c.GateStatus.PASSED, c.GateStatus.PASSED_PARTIALLY, c.GateStatus.STOPPED}

def _first_upper(text) -> str:
    text = str(text)
    return text[:1].upper() + text[1:]


@dataclass
class Row:
    key: str
    title: str
    kind: str
    kind_label: str
    date: dt.date
    end_date: dt.date | None
    track: str  # "regio" or a municipality name
    status: str
    status_label: str
    flag: str  # LATE, AT_RISK or OK
    reasons: list[str] = field(default_factory=list)
    owner: str = ""
    source: str = ""
    illustrative: bool = False
    gate_id: int | None = None
    dependencies: list[str] = field(default_factory=list)
    category: str = "mijlpaal"  # mijlpaal, medezeggenschap, raad
    short: str = ""  # shorter label for the timeline
    tempo: str = ""  # own track of a municipality against the regional date of the same gate
    regional_date: dt.date | None = None  # the regional date this own-track milestone deviates from

    @property
    def label(self) -> str:
        return self.short or self.title

    @property
    def flag_text(self) -> str:
        return "; ".join(self.reasons)


@dataclass
class Overview:
    trajectory: Trajectory
    plan: Plan | None
    version: PlanVersion | None
    reference_date: dt.date
    rows: list[Row]
    findings: list[checks.Finding]
    law_dates: list[tuple[str, dt.date, str]]  # label, date, status label
    reference_note: str = ""  # why this peildatum (shown on the page and in the exports)
    tempo: list[dict] = field(default_factory=list)  # per gate: the regional date and each municipality's own track
    reference_chosen: bool = False  # set by the user (?peildatum=, --peildatum)
    unplanned: list[dict] = field(default_factory=list)  # gates of the register without a date in this plan

    @property
    def late(self) -> list[Row]:
        return [r for r in self.rows if r.flag == LATE]

    @property
    def not_done(self) -> list[Row]:
        return [r for r in self.rows if r.flag == NOT_DONE]

    @property
    def stopped(self) -> bool:
        return self.trajectory.status == c.TrajectoryStatus.STOPPED

    @property
    def at_risk(self) -> list[Row]:
        return [r for r in self.rows if r.flag == AT_RISK]

    @property
    def illustrative(self) -> bool:
        return any(r.illustrative for r in self.rows) or bool(self.version and self.version.illustrative)


def _dependency_violations(ms: Milestone, dates: dict[int, dt.date]) -> list[str]:
    reasons = []
    for d in ms.dependencies.all():
        if d.law_id:
            anchor = d.law.actual_start or d.law.planned_start if d.law_date == pc.LawDateField.ACTUAL else d.law.planned_start
            label = d.law.abbreviation
            if d.law.status == "withdrawn":
                reasons.append(f"hangt af van {label}, die niet doorgaat")
                continue
        else:
            anchor = dates.get(d.depends_on_id)
            label = d.depends_on.title
        if anchor and ms.date < anchor + dt.timedelta(days=d.offset_days):
            reasons.append(f"ligt vóór '{label}' + {d.offset_days} dagen")
    return reasons


def _last_decision(trajectory: Trajectory, until: dt.date | None = None) -> Decision | None:
    qs = Decision.objects.filter(gate__trajectory=trajectory, date__isnull=False).select_related("municipality", "gate")
    if until is not None:
        qs = qs.filter(date__lte=until)
    return qs.order_by("-date", "-pk").first()


def plan_end(version: PlanVersion | None) -> dt.date | None:
    """The last date in a plan version (end dates of periods included)."""
    if version is None:
        return None
    days = [d for m in version.milestones.all() for d in (m.date, m.end_date) if d]
    return max(days) if days else None


def default_reference_date(trajectory: Trajectory, version: PlanVersion | None, today: dt.date | None = None) -> tuple[dt.date, str]:
    """The peildatum when none is chosen, and why (Dutch).

    Today for a plan that still runs. For a plan that lies entirely in the past, or a stopped trajectory,
    today would make almost everything "te laat": then the date of the last recorded state counts, the
    date of the plan version or of the last recorded decision, whichever is later. An older version is
    judged on the day the next version replaced it.
    """
    today = today or dt.date.today()
    if version is None:
        return today, "vandaag (er is nog geen planning)"
    successor = version.plan.versions.filter(number__gt=version.number).order_by("number").first()
    if successor is not None and successor.date:
        return successor.date, (f"de datum waarop versie {successor.number} deze versie verving ({formatting.long_date(successor.date)}); "
                                "zo ziet u de stand van deze versie op het moment dat zij werd vervangen")
    end = plan_end(version)
    stopped = trajectory.status == c.TrajectoryStatus.STOPPED
    if not stopped and (end is None or end >= today):
        return today, "vandaag: de planning loopt nog"
    why = "het traject is gestopt" if stopped else f"de planning eindigt op {formatting.long_date(end)} en ligt helemaal in het verleden"
    decision = _last_decision(trajectory, until=today)
    candidates = []
    if version.date and version.date <= today:
        candidates.append((version.date, f"de datum van versie {version.number} van de planning ({formatting.long_date(version.date)})"))
    if decision is not None:
        candidates.append((decision.date, f"de datum van het laatst vastgelegde besluit ({decision.municipality}, "
                                          f"{decision.gate}, {formatting.long_date(decision.date)})"))
    if not candidates:
        return today, f"vandaag; {why}, maar er is geen datum van een versie of besluit om op terug te vallen"
    day, label = max(candidates, key=lambda x: x[0])
    return day, f"{why}; daarom geldt {label}, de laatst vastgelegde stand, en niet vandaag"


STOP_REASON = "het traject is gestopt; dit onderdeel is niet uitgevoerd"


def build(trajectory: Trajectory, version: PlanVersion | None = None, reference_date: dt.date | None = None) -> Overview:
    """The planning overview on ``reference_date`` (default: a date chosen from the plan and today);
    the same for every viewer, so cached per version, date, day and data version."""
    key = (trajectory.pk, version.pk if version else None, reference_date, dt.date.today())
    overview = caching.cached("planning.overview", key, lambda: _build(trajectory, version, reference_date))
    overview.trajectory = trajectory
    return overview


def _build(trajectory: Trajectory, version: PlanVersion | None, reference_date: dt.date | None) -> Overview:
    plan = Plan.objects.filter(trajectory=trajectory).first()
    if version is None and plan is not None:
        version = plan.current
    if reference_date is not None:
        today, note, chosen = reference_date, "door u gekozen", True
    else:
        (today, note), chosen = default_reference_date(trajectory, version), False
    stopped = trajectory.status == c.TrajectoryStatus.STOPPED
    is_current = bool(plan and version and version.pk == plan.current.pk)
    state = query.trajectory_state(trajectory)
    findings = checks.evaluate_trajectory(trajectory)
    rows: list[Row] = []
    if version is not None:
        rows += _milestone_rows(version, findings, state, today, stopped, is_current)
    rows += _consultation_rows(trajectory, today, stopped)
    rows += _procedure_rows(trajectory, today, stopped)
    tempo = _tempo(trajectory, version, rows)
    rows.sort(key=lambda r: (r.date, r.track != "regio", r.title))
    planned_gates = {r.gate_id for r in rows if r.gate_id and r.kind == pc.MilestoneKind.GATE and r.category == "mijlpaal"}
    return Overview(trajectory, plan, version, today, rows, findings, _law_dates(trajectory), reference_note=note,
                    reference_chosen=chosen, tempo=tempo, unplanned=_unplanned_gates(trajectory, state, planned_gates))


def _milestone_row(ms: Milestone, status: str, status_label: str, flag: str, reasons: list[str]) -> Row:
    return Row(
        key=ms.code, title=ms.title, kind=ms.kind, kind_label=ms.get_kind_display(), date=ms.date, end_date=ms.end_date,
        track=ms.municipality.name if ms.municipality_id else "regio", status=status, status_label=status_label,
        flag=flag, reasons=reasons, owner=ms.owner, source=ms.source, illustrative=ms.illustrative, gate_id=ms.gate_id,
        dependencies=[str(d) for d in ms.dependencies.all()],
    )


def _milestone_rows(version: PlanVersion, findings: list[checks.Finding], state: query.TrajectoryState, today: dt.date,
                    stopped: bool, is_current: bool) -> list[Row]:
    by_gate: dict[int, list[checks.Finding]] = {}
    for f in findings:
        by_gate.setdefault(f.gate.pk, []).append(f)
    milestones = list(version.milestones.select_related("municipality", "gate").prefetch_related(
        "dependencies__law", "dependencies__depends_on"))
    dates = {m.pk: m.date for m in milestones}
    own_track = {(m.gate_id, m.municipality_id) for m in milestones if m.gate_id and m.municipality_id}

    def gate_findings(ms: Milestone) -> list[str]:
        """Findings for the municipalities this milestone plans: its own track, or all without one."""
        result = []
        for f in by_gate.get(ms.gate_id, []):
            hit = [x for x in f.municipalities
                   if (x.pk == ms.municipality_id if ms.municipality_id else (ms.gate_id, x.pk) not in own_track)]
            if hit:
                result.append(f"{f.rule.title}: {', '.join(x.name for x in hit)}")
        return result

    rows = []
    for ms in milestones:
        register_done = _decided_in_register(state, ms, today)
        if register_done:
            # the register has the decision: the plan follows it (never "te laat" for a gate that was passed)
            rows.append(_milestone_row(ms, pc.MilestoneStatus.DONE, register_done, OK, []))
            continue
        if stopped and ms.status == pc.MilestoneStatus.PLANNED and ms.kind != pc.MilestoneKind.LAW:
            rows.append(_milestone_row(ms, "not_done", NOT_DONE, NOT_DONE, [STOP_REASON]))
            continue
        reasons = []
        flag = OK
        if ms.status == pc.MilestoneStatus.PLANNED and ms.date < today and ms.kind != pc.MilestoneKind.LAW:
            flag = LATE
            reasons.append(f"gepland op {formatting.long_date(ms.date)}, nog niet afgerond")
        violations = _dependency_violations(ms, dates) if ms.status == pc.MilestoneStatus.PLANNED else []
        gate_risk = gate_findings(ms) if (ms.gate_id and is_current and ms.kind == pc.MilestoneKind.GATE) else []
        if violations or gate_risk:
            flag = flag or AT_RISK
            reasons.extend(violations + gate_risk)
        rows.append(_milestone_row(ms, ms.status, ms.get_status_display(), flag, reasons))
    return rows


def _consultation_rows(trajectory: Trajectory, today: dt.date, stopped: bool) -> list[Row]:
    rows = []
    for cons in Consultation.objects.filter(body__trajectory=trajectory).select_related("body", "gate"):
        if not cons.requested:
            continue
        reasons, flag = [], OK
        if stopped and cons.is_advice and not cons.received:
            flag, reasons = NOT_DONE, ["het traject is gestopt; er is geen advies ontvangen"]
        elif cons.is_advice and not cons.received and cons.due and cons.due < today:
            flag, reasons = LATE, [f"advies was uiterlijk {formatting.long_date(cons.due)} verwacht"]
        if cons.outcome == pc.AdviceOutcome.NEGATIVE and cons.decision_id and not cons.deviation_motivation:
            flag, reasons = flag or AT_RISK, reasons + ["afwijken van negatief advies zonder schriftelijke motivering"]
        rows.append(Row(
            key=f"consultation-{cons.pk}", title=f"{_first_upper(cons.get_kind_display())}: {cons.body} – {cons.subject}",
            kind="consultation", kind_label=str(pc.MilestoneKind.CONSULTATION.label), date=cons.requested,
            end_date=cons.received or cons.due, track=cons.body.employer_municipality.name if cons.body.employer_municipality_id else "regio",
            status="done" if (cons.received or cons.kind == pc.ConsultationKind.INFORMATION) else "planned",
            status_label=NOT_DONE if flag == NOT_DONE else cons.get_outcome_display(), flag=flag, reasons=reasons, source=cons.source,
            illustrative=cons.illustrative, gate_id=cons.gate_id, category="medezeggenschap",
            short=f"{_first_upper(cons.get_kind_display())}: {cons.body}",
        ))
    return rows


def _procedure_rows(trajectory: Trajectory, today: dt.date, stopped: bool) -> list[Row]:
    rows = []
    for proc in CouncilProcedure.objects.filter(gate__trajectory=trajectory).select_related("municipality", "gate"):
        day = proc.completed or proc.planned or proc.sent
        if not day:
            continue
        flag, reasons = OK, []
        if stopped and not proc.completed:
            flag, reasons = NOT_DONE, [STOP_REASON]
        elif not proc.completed and proc.planned and proc.planned < today:
            flag, reasons = LATE, [f"raadsprocedure gepland op {formatting.long_date(proc.planned)}, niet afgerond"]
        rows.append(Row(
            key=f"procedure-{proc.pk}", title=f"{_first_upper(proc.get_kind_display())} raad {proc.municipality} ({proc.legal_basis})",
            kind="council", kind_label=str(pc.MilestoneKind.COUNCIL.label), date=day, end_date=None, track=proc.municipality.name,
            status="done" if proc.completed else "planned", status_label="afgerond" if proc.completed else (NOT_DONE if flag == NOT_DONE else "gepland"),
            flag=flag, reasons=reasons, source=proc.source, illustrative=proc.illustrative, gate_id=proc.gate_id, category="raad",
            short=f"{_first_upper(proc.get_kind_display())} raad {proc.municipality}",
        ))
    return rows


def _unplanned_gates(trajectory: Trajectory, state: query.TrajectoryState, planned_gates: set) -> list[dict]:
    unplanned = []
    for gate in Gate.objects.filter(trajectory=trajectory).order_by("ordinal"):
        if gate.pk in planned_gates:
            continue
        result = state.results.get(gate.pk)
        decided = result is not None and result.status in DECIDED_GATE
        unplanned.append({
            "gate": gate, "title": gate.title, "ordinal": gate.ordinal, "planned_date": gate.planned_date,
            "status_label": (f"besloten volgens het register ({c.GateStatus(result.status).label})" if decided
                             else NOT_PLANNED if gate.planned_date is None else
                             f"geplande datum in het register ({formatting.long_date(gate.planned_date)}), niet in deze versie van de planning"),
        })
    return unplanned


def _law_dates(trajectory: Trajectory) -> list[tuple]:
    laws = []
    for law in trajectory.drivers.all():
        if law.planned_start:
            laws.append((f"Geplande invoering {law.abbreviation}", law.planned_start, law.get_status_display()))
        if law.actual_start and law.actual_start != law.planned_start:
            laws.append((f"Inwerkingtreding {law.abbreviation}", law.actual_start, law.get_status_display()))
    return laws


def _decided_in_register(state: query.TrajectoryState, ms: Milestone, today: dt.date) -> str:
    """For a gate milestone: the status label when the register has recorded its decision(s) on or
    before ``today``, else "". The regional milestone follows the gate's result under its continuation
    rule; a municipality's own track follows that municipality's decision."""
    if not ms.gate_id or ms.kind != pc.MilestoneKind.GATE or ms.status != pc.MilestoneStatus.PLANNED:
        return ""
    if ms.municipality_id:
        cell = state.cells.get((ms.gate_id, ms.municipality_id))
        d = cell.decision if cell else None
        if d is None or d.outcome not in DECIDED_OUTCOMES or (d.date and d.date > today):
            return ""
        return f"besloten volgens het register ({d.get_outcome_display()})"
    result = state.results.get(ms.gate_id)
    if result is None or result.status not in DECIDED_GATE:
        return ""
    cells = [state.cells.get((ms.gate_id, m.pk)) for m in result.participants]
    if any(cell and cell.decision and cell.decision.date and cell.decision.date > today for cell in cells):
        return ""  # decided after the peildatum: on that day it was still open
    return f"besloten volgens het register ({c.GateStatus(result.status).label})"


DECIDED_OUTCOMES = {*c.AGREEING, c.Outcome.REJECT}


def tempo_text(days: int) -> str:
    if days == 0:
        return "zelfde datum als de regio"
    word = "later" if days > 0 else "eerder"
    return f"{'trager' if days > 0 else 'sneller'} spoor: {abs(days)} dagen {word} dan de regio"


def _tempo(trajectory: Trajectory, version: PlanVersion | None, rows: list[Row]) -> list[dict]:
    """Per gate in the plan: which municipalities follow the regional date and which their own track.

    Also fills ``Row.tempo`` and ``Row.regional_date`` of the own-track gate milestones."""
    if version is None:
        return []
    gate_rows = [r for r in rows if r.gate_id and r.kind == pc.MilestoneKind.GATE and r.category == "mijlpaal"]
    regional = {r.gate_id: r for r in gate_rows if r.track == "regio"}
    own = [r for r in gate_rows if r.track != "regio"]
    if not own:
        return []
    names = [p.municipality.name for p in trajectory.participants.select_related("municipality").order_by("municipality__name")]
    result = []
    for gate_id in sorted({r.gate_id for r in own}, key=lambda g: (regional[g].date if g in regional else dt.date.max, g)):
        base = regional.get(gate_id)
        tracks = [r for r in own if r.gate_id == gate_id]
        for r in tracks:
            if base is not None:
                r.regional_date = base.date
                r.tempo = tempo_text((r.date - base.date).days)
            else:
                r.tempo = "eigen spoor (geen regionale datum)"
        own_names = {r.track for r in tracks}
        result.append({
            "gate": (base or tracks[0]).title, "regional_date": base.date if base else None,
            "regional_municipalities": [n for n in names if n not in own_names],
            "tracks": [{"municipality": r.track, "date": r.date, "title": r.title, "tempo": r.tempo,
                        "days": (r.date - base.date).days if base else None} for r in tracks],
        })
    return result


def tempo_sentences(overview: Overview) -> list[str]:
    """The per-municipality tempo in words (SVG desc, exports)."""
    out = []
    for t in overview.tempo:
        for x in t["tracks"]:
            days = x["days"]
            if days:
                out.append(f"{x['municipality']} volgt bij '{t['gate']}' een {'trager' if days > 0 else 'sneller'} spoor: "
                           f"{formatting.long_date(x['date'])} in plaats van {formatting.long_date(t['regional_date'])} ({abs(days)} dagen "
                           f"{'later' if days > 0 else 'eerder'}).")
            elif days == 0:
                out.append(f"{x['municipality']} heeft bij '{t['gate']}' een eigen spoor met dezelfde datum als de regio.")
            else:
                out.append(f"{x['municipality']} volgt bij '{x['title']}' een eigen spoor: {formatting.long_date(x['date'])}.")
    return out


def conclusion(overview: Overview) -> list[str]:
    """The planning in a few plain Dutch sentences, for the top of the planning page: what is late or
    at risk on the reference date, what comes next, when the plan ends, and who follows a slower track."""
    day = formatting.long_date(overview.reference_date)
    lines = []
    if overview.stopped:
        lines.append("Dit traject is gestopt; wat niet was afgerond, is niet uitgevoerd.")
    late, risk = len(overview.late), len(overview.at_risk)
    if late or risk:
        parts = []
        if late:
            parts.append(f"{dutch.count(late, 'onderdeel', 'onderdelen')} te laat")
        if risk:
            parts.append(f"{dutch.count(risk, 'onderdeel', 'onderdelen')} met een risico")
        lines.append(f"Op de peildatum ({day}) {dutch.verb(late or risk, 'is', 'zijn')} " + " en ".join(parts) + ".")
    else:
        lines.append(f"Op de peildatum ({day}) is niets te laat en is er geen risico.")
    upcoming = [r for r in overview.rows if r.date >= overview.reference_date and r.status == pc.MilestoneStatus.PLANNED]
    if upcoming and not overview.stopped:
        first = min(upcoming, key=lambda r: r.date)
        track = "" if first.track == "regio" else f" ({first.track})"
        lines.append(f"Eerstvolgend: {first.title}{track}, {formatting.long_date(first.date)}.")
    end = max((r.end_date or r.date for r in overview.rows), default=None)
    if end:
        lines.append(f"De planning loopt tot {formatting.long_date(end)}.")
    slower = sorted({x["municipality"] for t in overview.tempo for x in t["tracks"] if (x.get("days") or 0) > 0})
    if slower:
        lines.append(f"Een trager eigen spoor: {dutch.enumerate_nl(slower)}.")
    return lines


def compare(old: PlanVersion, new: PlanVersion) -> list[dict]:
    """Milestones of two versions side by side, by key."""
    a = {m.code: m for m in old.milestones.select_related("municipality")}
    b = {m.code: m for m in new.milestones.select_related("municipality")}
    keys = sorted(set(a) | set(b), key=lambda k: ((b.get(k) or a.get(k)).date, k))
    rows = []
    for k in keys:
        x, y = a.get(k), b.get(k)
        if x and y:
            change = "verschoven" if x.date != y.date else ("gewijzigd" if (x.status, x.title) != (y.status, y.title) else "gelijk")
        else:
            change = "toegevoegd" if y else "vervallen"
        m = y or x
        rows.append({
            "key": k, "title": m.title, "track": m.municipality.name if m.municipality_id else "regio",
            "old": x.date if x else None, "new": y.date if y else None, "change": change,
            "days": (y.date - x.date).days if x and y else None,
        })
    return rows
