"""The planning overview of one plan version: rows with late / at-risk status, shared by the web
page, the SVG timeline, the iCalendar export and the docx/md export."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from regiokompas.planning import checks
from regiokompas.planning import constants as pc
from regiokompas.planning.models import Consultation, CouncilProcedure, Milestone, Plan, PlanVersion
from regiokompas.register.models import Trajectory

LATE = "te laat"
AT_RISK = "risico"
OK = ""

MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"]


def _first_upper(text) -> str:
    text = str(text)
    return text[:1].upper() + text[1:]


def nl_date(day: dt.date | None) -> str:
    if not day:
        return "–"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


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

    @property
    def late(self) -> list[Row]:
        return [r for r in self.rows if r.flag == LATE]

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


def build(trajectory: Trajectory, version: PlanVersion | None = None, reference_date: dt.date | None = None) -> Overview:
    today = reference_date or dt.date.today()
    plan = Plan.objects.filter(trajectory=trajectory).first()
    if version is None and plan is not None:
        version = plan.current
    is_current = bool(plan and version and version.pk == plan.current.pk)
    findings = checks.evaluate_trajectory(trajectory)
    by_gate: dict[int, list[checks.Finding]] = {}
    for f in findings:
        by_gate.setdefault(f.gate.pk, []).append(f)
    rows: list[Row] = []
    if version is not None:
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
        for ms in milestones:
            reasons = []
            flag = OK
            if ms.status == pc.MilestoneStatus.PLANNED and ms.date < today and ms.kind != pc.MilestoneKind.LAW:
                flag = LATE
                reasons.append(f"gepland op {nl_date(ms.date)}, nog niet afgerond")
            violations = _dependency_violations(ms, dates) if ms.status == pc.MilestoneStatus.PLANNED else []
            gate_risk = gate_findings(ms) if (ms.gate_id and is_current and ms.kind == pc.MilestoneKind.GATE) else []
            if violations or gate_risk:
                flag = flag or AT_RISK
                reasons.extend(violations + gate_risk)
            rows.append(Row(
                key=ms.code, title=ms.title, kind=ms.kind, kind_label=ms.get_kind_display(), date=ms.date, end_date=ms.end_date,
                track=ms.municipality.name if ms.municipality_id else "regio", status=ms.status, status_label=ms.get_status_display(),
                flag=flag, reasons=reasons, owner=ms.owner, source=ms.source, illustrative=ms.illustrative, gate_id=ms.gate_id,
                dependencies=[str(d) for d in ms.dependencies.all()],
            ))
    for cons in Consultation.objects.filter(body__trajectory=trajectory).select_related("body", "gate"):
        if not cons.requested:
            continue
        reasons, flag = [], OK
        if cons.is_advice and not cons.received and cons.due and cons.due < today:
            flag, reasons = LATE, [f"advies was uiterlijk {nl_date(cons.due)} verwacht"]
        if cons.outcome == pc.AdviceOutcome.NEGATIVE and cons.decision_id and not cons.deviation_motivation:
            flag, reasons = flag or AT_RISK, reasons + ["afwijken van negatief advies zonder schriftelijke motivering"]
        rows.append(Row(
            key=f"consultation-{cons.pk}", title=f"{_first_upper(cons.get_kind_display())}: {cons.body} – {cons.subject}",
            kind="consultation", kind_label=str(pc.MilestoneKind.CONSULTATION.label), date=cons.requested,
            end_date=cons.received or cons.due, track=cons.body.employer_municipality.name if cons.body.employer_municipality_id else "regio",
            status="done" if (cons.received or cons.kind == pc.ConsultationKind.INFORMATION) else "planned",
            status_label=cons.get_outcome_display(), flag=flag, reasons=reasons, source=cons.source,
            illustrative=cons.illustrative, gate_id=cons.gate_id, category="medezeggenschap",
            short=f"{_first_upper(cons.get_kind_display())}: {cons.body}",
        ))
    for proc in CouncilProcedure.objects.filter(gate__trajectory=trajectory).select_related("municipality", "gate"):
        day = proc.completed or proc.planned or proc.sent
        if not day:
            continue
        flag, reasons = OK, []
        if not proc.completed and proc.planned and proc.planned < today:
            flag, reasons = LATE, [f"raadsprocedure gepland op {nl_date(proc.planned)}, niet afgerond"]
        rows.append(Row(
            key=f"procedure-{proc.pk}", title=f"{_first_upper(proc.get_kind_display())} raad {proc.municipality} ({proc.legal_basis})",
            kind="council", kind_label=str(pc.MilestoneKind.COUNCIL.label), date=day, end_date=None, track=proc.municipality.name,
            status="done" if proc.completed else "planned", status_label="afgerond" if proc.completed else "gepland",
            flag=flag, reasons=reasons, source=proc.source, illustrative=proc.illustrative, gate_id=proc.gate_id, category="raad",
            short=f"{_first_upper(proc.get_kind_display())} raad {proc.municipality}",
        ))
    rows.sort(key=lambda r: (r.date, r.track != "regio", r.title))
    laws = []
    for law in trajectory.drivers.all():
        if law.planned_start:
            laws.append((f"Geplande invoering {law.abbreviation}", law.planned_start, law.get_status_display()))
        if law.actual_start and law.actual_start != law.planned_start:
            laws.append((f"Inwerkingtreding {law.abbreviation}", law.actual_start, law.get_status_display()))
    return Overview(trajectory, plan, version, today, rows, findings, laws)


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
