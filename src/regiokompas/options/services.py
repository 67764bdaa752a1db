"""Every change to the options analysis goes through a function here: permission, validation,
one transaction, write, audit row. Views, admin, CLI and the example loader call these."""

from __future__ import annotations

import math
import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypedDict

from django.db import models, transaction
from django.db.models import Max

from regiokompas import caching, formatting
from regiokompas.accounts import permissions as perm
from regiokompas.accounts.actors import Actor
from regiokompas.audit import log as audit
from regiokompas.faults import pause_point
from regiokompas.options import engine_api
from regiokompas.options.criteria_templates import TEMPLATES
from regiokompas.options.errors import OptionsError, PermissionDenied
from regiokompas.options.models import (
    AnalysisRun,
    CommonMeasure,
    CriteriaSet,
    Criterion,
    ExecutionForm,
    PreferenceSet,
    PreferenceStatement,
    Score,
    ScoreKind,
    Variant,
    VariantComponent,
)
from regiokompas.options.problem import (
    Statement,
    build_problem,
    compile_statements,
    criteria_of,
    criterion_entry,
    describe_statement,
    statement_codes,
    validation_problem,
)
from regiokompas.register import constants as rc
from regiokompas.register import services as register_services
from regiokompas.register.dates import FuzzyDate
from regiokompas.register.models import Municipality, Trajectory, TrajectoryParticipant

DEFAULT_SAMPLES = 10_000
MAX_SAMPLES = 1_000_000


def _check_finite(obj: models.Model) -> None:
    """Every number of ``obj`` finite and within ±10^15: NaN or an infinite scale end would reach the
    audit row and the engine, where it can only fail."""
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname, None)
        if isinstance(field, models.FloatField) and isinstance(value, int | float) and not isinstance(value, bool):
            if not math.isfinite(value) or abs(value) > 1e15:
                raise OptionsError(f"Ongeldige invoer voor {obj._meta.verbose_name}: {field.verbose_name} moet een eindig getal "
                                   f"tussen -10^15 en 10^15 zijn (gegeven: {value}).")


def _clean(obj: models.Model, exclude: Sequence[str] = ()) -> None:
    _check_finite(obj)
    register_services.validate(obj, exclude, error=OptionsError)


def _save(obj: models.Model) -> None:
    register_services.write(obj, error=OptionsError)


def _require_manager(actor: Actor, trajectory: Trajectory) -> None:
    if not perm.can_manage_options(actor, trajectory):
        raise PermissionDenied("Alleen de projectorganisatie of functioneel beheer wijzigt varianten, criteria en scores.")


# --- variants --------------------------------------------------------------------------------------


@transaction.atomic
def save_variant(actor: Actor, variant: Variant, *, reason: str = "") -> Variant:
    _require_manager(actor, variant.trajectory)
    if not variant.name.strip():
        raise OptionsError("Geef de variant een naam.")
    if Variant.objects.filter(trajectory=variant.trajectory, number=variant.number).exclude(pk=variant.pk).exists():
        raise OptionsError(f"Er bestaat al een variant {variant.number} in dit traject; kies een ander nummer.")
    return register_services.save_audited(actor, variant, trajectory_slug=variant.trajectory.slug, reason=reason, action="variant",
                                          error=OptionsError, check=_check_finite)


@transaction.atomic
def delete_variant(actor: Actor, variant: Variant, *, reason: str = "") -> None:
    _require_manager(actor, variant.trajectory)
    before = audit.snapshot(variant)
    text, slug, pk = str(variant), variant.trajectory.slug, variant.pk
    try:
        with transaction.atomic():
            variant.delete()
    except models.ProtectedError as exc:
        raise OptionsError(f"'{text}' kan niet worden verwijderd: er verwijzen nog gegevens naar.") from exc
    audit.record(actor, "variant.delete", None, before=before, after=None, trajectory_slug=slug, reason=reason,
                 object_type="options.Variant", object_repr=text, object_id=str(pk))


# --- variant composition and measures common to every variant -----------------------------------


@transaction.atomic
def save_variant_component(actor: Actor, component: VariantComponent, *, reason: str = "") -> VariantComponent:
    """A task of a variant in a form and a phase. An existing arrangement named here fixes the form."""
    variant = component.variant
    _require_manager(actor, variant.trajectory)
    component.task = (component.task or "").strip()
    if not component.task:
        raise OptionsError("Geef de taak van dit onderdeel (bijvoorbeeld Participatiewet of Wsw).")
    if component.form not in ExecutionForm.values:
        raise OptionsError(f"Onbekende vorm '{component.form}'. Kies de gemeente zelf of een rechtsvorm.")
    if not component.phase or component.phase < 1:
        raise OptionsError("De fase is een volgnummer vanaf 1.")
    arrangement = component.arrangement
    if arrangement is not None:
        if component.form == ExecutionForm.OWN:
            raise OptionsError("Een taak die de gemeente zelf uitvoert, hoort niet bij een regeling; kies een rechtsvorm of laat de regeling leeg.")
        if arrangement.legal_form != component.form:
            raise OptionsError(
                f"{arrangement} is een {arrangement.get_legal_form_display()}, geen "
                f"{ExecutionForm(component.form).label}; kies de vorm van de regeling."
            )
    if component.phase_start_precision not in rc.DatePrecision.values:
        raise OptionsError("Onbekende nauwkeurigheid van de begindatum van de fase.")
    fuzzy = FuzzyDate(component.phase_start, component.phase_start_precision)
    component.phase_start, component.phase_start_precision = fuzzy.value, fuzzy.precision
    clash = VariantComponent.objects.filter(variant=variant, phase=component.phase, task__iexact=component.task).exclude(pk=component.pk)
    if clash.exists():
        raise OptionsError(f"In fase {component.phase} van {variant} staat de taak '{component.task}' al; wijzig dat onderdeel.")
    return register_services.save_audited(actor, component, trajectory_slug=variant.trajectory.slug, reason=reason, action="variantcomponent",
                                          error=OptionsError, check=_check_finite)


@transaction.atomic
def delete_variant_component(actor: Actor, component: VariantComponent, *, reason: str = "") -> None:
    _require_manager(actor, component.variant.trajectory)
    before, slug, text, pk = audit.snapshot(component), component.variant.trajectory.slug, str(component), component.pk
    component.delete()
    audit.record(actor, "variantcomponent.delete", None, before=before, after=None, trajectory_slug=slug, reason=reason,
                 object_type="options.VariantComponent", object_repr=text, object_id=str(pk))


@transaction.atomic
def save_common_measure(actor: Actor, measure: CommonMeasure, *, reason: str = "") -> CommonMeasure:
    """A measure every variant takes (a herstelmaatregel), recorded once for the trajectory."""
    _require_manager(actor, measure.trajectory)
    measure.title = (measure.title or "").strip()
    if not measure.title:
        raise OptionsError("Geef de maatregel een titel.")
    if CommonMeasure.objects.filter(trajectory=measure.trajectory, title__iexact=measure.title).exclude(pk=measure.pk).exists():
        raise OptionsError(f"De maatregel '{measure.title}' staat al bij dit traject.")
    if not measure.pk:  # a new measure comes last unless a later place is asked for
        last = CommonMeasure.objects.filter(trajectory=measure.trajectory).aggregate(Max("order"))["order__max"] or 0
        measure.order = max(measure.order or 0, last + 1)
    return register_services.save_audited(actor, measure, trajectory_slug=measure.trajectory.slug, reason=reason, action="commonmeasure",
                                          error=OptionsError, check=_check_finite)


@transaction.atomic
def delete_common_measure(actor: Actor, measure: CommonMeasure, *, reason: str = "") -> None:
    _require_manager(actor, measure.trajectory)
    before, slug, text, pk = audit.snapshot(measure), measure.trajectory.slug, str(measure), measure.pk
    measure.delete()
    audit.record(actor, "commonmeasure.delete", None, before=before, after=None, trajectory_slug=slug, reason=reason,
                 object_type="options.CommonMeasure", object_repr=text, object_id=str(pk))


class ComponentRow(TypedDict):
    task: str
    form: str
    arrangement: str
    note: str


class PhaseRow(TypedDict):
    """A phase of a variant with its components, as shown in the report and kept in the run's snapshot."""

    phase: int
    label: str
    start: str
    components: list[ComponentRow]


def composition(variant: Variant) -> list[PhaseRow]:
    """The variant's phases with their components, as plain data (snapshot and report)."""
    return [
        {"phase": phase, "label": label,
         "start": FuzzyDate(items[0].phase_start, items[0].phase_start_precision).dutch() if items[0].phase_start else "",
         "components": [{"task": x.task, "form": x.get_form_display(), "arrangement": str(x.arrangement) if x.arrangement_id else "",
                         "note": x.note} for x in items]}
        for phase, label, items in variant.phases()
    ]


# --- criteria --------------------------------------------------------------------------------------


@transaction.atomic
def ensure_criteria_set(actor: Actor, trajectory: Trajectory, *, name: str = "Criteria", source: str = "", illustrative: bool = False) -> CriteriaSet:
    existing = CriteriaSet.objects.filter(trajectory=trajectory).first()
    if existing:
        return existing
    _require_manager(actor, trajectory)
    cs = CriteriaSet(trajectory=trajectory, name=name, source=source, illustrative=illustrative)
    _clean(cs)
    _save(cs)
    audit.record(actor, "criteriaset.create", cs, trajectory_slug=trajectory.slug)
    return cs


@transaction.atomic
def apply_criteria_template(actor: Actor, trajectory: Trajectory, template: str = "sociaal-domein") -> list[Criterion]:
    """Add the template's criteria that the set does not have yet (matched by code)."""
    _require_manager(actor, trajectory)
    if template not in TEMPLATES:
        raise OptionsError(f"Onbekend sjabloon '{template}'. Kies uit: {', '.join(TEMPLATES)}.")
    title, items = TEMPLATES[template]
    cs = ensure_criteria_set(actor, trajectory, name=title)
    if not cs.template:
        cs.template = template
        cs.save(update_fields=["template"])
    have = set(cs.criteria.values_list("code", flat=True))
    start = (cs.criteria.aggregate(m=Max("order"))["m"] or 0) + 1
    added = []
    for i, t in enumerate((t for t in items if t.code not in have), start):
        crit = Criterion(criteria_set=cs, code=t.code, order=i, name=t.name, definition=t.definition, unit=t.unit,
                         scale_min=t.scale_min, scale_max=t.scale_max, direction=t.direction,
                         scale_labels=dict(t.scale_labels), source=t.source)
        added.append(save_criterion(actor, crit, reason=f"Sjabloon {title}"))
    return added


@transaction.atomic
def save_criterion(actor: Actor, criterion: Criterion, *, reason: str = "") -> Criterion:
    trajectory = criterion.criteria_set.trajectory
    _require_manager(actor, trajectory)
    if not criterion.unit.strip():
        raise OptionsError(f"Criterium '{criterion.name}': geef een eenheid op (bijvoorbeeld %, EUR mln per jaar of punten (1–5)).")
    _check_finite(criterion)
    if criterion.scale_min is None or criterion.scale_max is None or criterion.scale_max <= criterion.scale_min:
        raise OptionsError(f"Criterium '{criterion.name}': het einde van de schaal moet boven het begin liggen.")
    if not isinstance(criterion.scale_labels, dict):
        raise OptionsError(f"Criterium '{criterion.name}': de betekenis van schaalwaarden is een lijst 'waarde: omschrijving'.")
    if criterion.pk:
        old = Criterion.objects.get(pk=criterion.pk)
        if old.unit != criterion.unit and old.scores.exists():
            raise OptionsError(
                f"Criterium '{criterion.name}' heeft al scores in '{old.unit}'; pas eerst de scores aan of maak een nieuw criterium."
            )
        if old.code != criterion.code and _preferences_using(trajectory, old.code):
            raise OptionsError(
                f"De code van '{criterion.name}' komt voor in de voorkeuren van {', '.join(_preferences_using(trajectory, old.code))}; "
                "wijzig de code pas als die gemeenten hun voorkeuren hebben aangepast."
            )
        outside = [s for s in old.scores.select_related("variant") if not _within(s, criterion)]
        if outside:
            raise OptionsError(
                f"De nieuwe schaal van '{criterion.name}' sluit bestaande scores uit ({', '.join(str(s.variant) for s in outside)})."
            )
    if Criterion.objects.filter(criteria_set=criterion.criteria_set, code=criterion.code).exclude(pk=criterion.pk).exists():
        raise OptionsError(f"De code '{criterion.code}' is al in gebruik in deze criteriaset.")
    return register_services.save_audited(actor, criterion, trajectory_slug=trajectory.slug, reason=reason, action="criterion",
                                          error=OptionsError, check=_check_finite)


def _preferences_using(trajectory: Trajectory, code: str) -> list[str]:
    return [p.municipality.name for p in PreferenceSet.objects.filter(trajectory=trajectory).select_related("municipality")
            if any(code in statement_codes(Statement(s.kind, s.data)) for s in p.statements.all())]


@transaction.atomic
def delete_criterion(actor: Actor, criterion: Criterion, *, reason: str = "") -> None:
    trajectory = criterion.criteria_set.trajectory
    _require_manager(actor, trajectory)
    used = _preferences_using(trajectory, criterion.code)
    if used:
        raise OptionsError(f"Criterium '{criterion.name}' komt voor in de voorkeuren van {', '.join(used)}; die gemeenten passen eerst hun voorkeuren aan.")
    before = audit.snapshot(criterion)
    text, pk = str(criterion), criterion.pk
    criterion.delete()
    audit.record(actor, "criterion.delete", None, before=before, after=None, trajectory_slug=trajectory.slug, reason=reason,
                 object_type="options.Criterion", object_repr=text, object_id=str(pk))


# --- scores ----------------------------------------------------------------------------------------


def _within(score: Score, criterion: Criterion) -> bool:
    values = [v for v in (score.low, score.most_likely, score.high) if v is not None]
    return all(criterion.scale_min <= v <= criterion.scale_max for v in values)


def _fmt(x: float) -> str:
    return formatting.number(x, significant=6)


def validate_score(score: Score) -> None:
    """Dutch messages for every way a score can be wrong; raises OptionsError."""
    c = score.criterion
    where = f"Score van {score.variant} op {c.name}"
    if score.variant.trajectory_id != c.criteria_set.trajectory_id:
        raise OptionsError(f"{where}: variant en criterium horen bij verschillende trajecten.")
    if score.kind not in ScoreKind.values:
        raise OptionsError(f"{where}: onbekende soort schatting '{score.kind}'.")
    if (score.unit or "").strip() != c.unit:
        raise OptionsError(f"{where}: onbekende eenheid '{score.unit}'; dit criterium wordt gemeten in '{c.unit}'.")
    if score.kind == ScoreKind.EXACT:
        if score.most_likely is None:
            raise OptionsError(f"{where}: vul de exacte waarde in.")
        score.low = score.high = None
    elif score.kind == ScoreKind.RANGE:
        if score.low is None or score.high is None:
            raise OptionsError(f"{where}: vul zowel de lage als de hoge waarde in.")
        score.most_likely = None
    else:
        if score.low is None or score.most_likely is None or score.high is None:
            raise OptionsError(f"{where}: vul de lage, de meest waarschijnlijke en de hoge waarde in.")
        if not score.low <= score.most_likely <= score.high:
            raise OptionsError(
                f"{where}: de meest waarschijnlijke waarde ({_fmt(score.most_likely)}) moet tussen laag ({_fmt(score.low)}) "
                f"en hoog ({_fmt(score.high)}) liggen."
            )
    if score.low is not None and score.high is not None and score.high < score.low:
        raise OptionsError(f"{where}: de hoge waarde ({_fmt(score.high)}) ligt onder de lage waarde ({_fmt(score.low)}).")
    if not _within(score, c):
        raise OptionsError(f"{where}: waarden moeten op de schaal van het criterium liggen ({_fmt(c.scale_min)} tot {_fmt(c.scale_max)} {c.unit}).")
    if score.evidence_document is not None and score.evidence_document.trajectory_id not in (None, score.variant.trajectory_id):
        raise OptionsError(f"{where}: het onderbouwende document hoort bij een ander traject.")


@transaction.atomic
def save_score(actor: Actor, score: Score, *, reason: str = "") -> Score:
    trajectory = score.variant.trajectory
    _require_manager(actor, trajectory)
    validate_score(score)
    existing = Score.objects.filter(variant=score.variant, criterion=score.criterion).exclude(pk=score.pk).first()
    if existing:
        raise OptionsError(f"Er is al een score voor {score.variant} op {score.criterion.name}; wijzig die.")
    return register_services.save_audited(actor, score, trajectory_slug=trajectory.slug, reason=reason, action="score",
                                          error=OptionsError, check=_check_finite)


# --- preferences -----------------------------------------------------------------------------------


def _criteria_for_preferences(trajectory: Trajectory) -> list[Criterion]:
    criteria = criteria_of(trajectory)
    if len(criteria) < 2:
        raise OptionsError("Er zijn nog geen (of te weinig) criteria vastgesteld; voorkeuren kunnen pas daarna worden opgegeven.")
    return criteria


def check_preferences(trajectory: Trajectory, municipality: Municipality, statements: Sequence[Statement]) -> None:
    """Raise OptionsError naming the statements when they are malformed or contradict each other."""
    criteria = _criteria_for_preferences(trajectory)
    names = {c.code: c.name for c in criteria}
    compiled, origin = compile_statements(statements, [c.code for c in criteria], names)
    if not compiled:
        return
    stakeholder = {"id": municipality.cbs_code, "name": municipality.name, "statements": compiled}
    errors = engine_api.check_statements(validation_problem([criterion_entry(c) for c in criteria], stakeholder))
    if errors:
        involved = sorted({origin[j] for e in errors for j in e["statements"] if 0 <= j < len(origin)})
        named = [f"uitspraak {i + 1} ({describe_statement(statements[i], names)})" for i in involved]
        infeasible = all("infeasible" in (e.get("key") or "") for e in errors)
        if involved and not infeasible:
            text = (f"De voorkeuren van {municipality.name} kunnen niet worden gebruikt ({', '.join(named)}): "
                    + " ".join(e["message"] for e in errors))
        elif len(involved) > 1:
            # The engine numbers its compiled statements; name them in the municipality's own numbering instead.
            text = (f"De voorkeuren van {municipality.name} zijn tegenstrijdig: {'; '.join(named[:-1])} en {named[-1]} "
                    "kunnen niet tegelijk gelden. Pas een van deze uitspraken aan.")
        elif involved:
            text = f"De voorkeuren van {municipality.name} kunnen niet worden gebruikt: {named[0]} is niet te vervullen. Pas deze uitspraak aan."
        else:
            text = f"De voorkeuren van {municipality.name} kunnen niet worden gebruikt: {' '.join(e['message'] for e in errors)}"
        raise OptionsError(text, statements=involved, errors=errors)


@transaction.atomic
def save_preferences(
    actor: Actor,
    trajectory: Trajectory,
    municipality: Municipality,
    statements: Sequence[Statement],
    *,
    note: str = "",
    source: str = "",
    illustrative: bool = False,
    reason: str = "",
    check: bool = True,
) -> PreferenceSet:
    """Replace a municipality's preference statements (all or nothing). ``check=False`` skips the
    engine's feasibility check (only for known-good data such as the example dossier); the
    statements are still compiled and checked for structure."""
    if not perm.can_edit_preferences(actor, municipality, trajectory):
        raise PermissionDenied(f"Alleen beleidsmedewerkers van {municipality.name} geven de voorkeuren van {municipality.name} op.")
    if not TrajectoryParticipant.objects.filter(trajectory=trajectory, municipality=municipality).exists():
        raise OptionsError(f"{municipality.name} neemt niet deel aan '{trajectory}'.")
    if not statements:
        raise OptionsError("Geef ten minste één uitspraak over het belang van de criteria (bijvoorbeeld een rangorde).")
    if check:
        check_preferences(trajectory, municipality, statements)
    else:
        criteria = _criteria_for_preferences(trajectory)
        compile_statements(statements, [c.code for c in criteria], {c.code: c.name for c in criteria})
    pref = PreferenceSet.objects.filter(trajectory=trajectory, municipality=municipality).first()
    before = None
    if pref:
        before = {"note": pref.note, "statements": [{"kind": s.kind, "data": s.data, "note": s.note} for s in pref.statements.all()]}
        pref.note, pref.source, pref.illustrative = note, source, illustrative
    else:
        pref = PreferenceSet(trajectory=trajectory, municipality=municipality, note=note, source=source, illustrative=illustrative)
    pref.entered_by = audit.actor_label(actor)[:200]
    _clean(pref)
    _save(pref)
    pref.statements.all().delete()
    PreferenceStatement.objects.bulk_create(
        PreferenceStatement(preference_set=pref, order=i, kind=s.kind, data=s.data, note=s.note) for i, s in enumerate(statements, 1)
    )
    audit.record(actor, f"preferences.{'update' if before else 'create'}", pref, before=before,
                 after={"note": note, "statements": [{"kind": s.kind, "data": s.data, "note": s.note} for s in statements]},
                 trajectory_slug=trajectory.slug, reason=reason)
    return pref


@transaction.atomic
def delete_preferences(actor: Actor, pref: PreferenceSet, *, reason: str = "") -> None:
    if not perm.can_edit_preferences(actor, pref.municipality, pref.trajectory):
        raise PermissionDenied(f"Alleen beleidsmedewerkers van {pref.municipality.name} verwijderen de voorkeuren van {pref.municipality.name}.")
    before = {"statements": [{"kind": s.kind, "data": s.data} for s in pref.statements.all()]}
    text, pk, slug = str(pref), pref.pk, pref.trajectory.slug
    pref.delete()
    audit.record(actor, "preferences.delete", None, before=before, after=None, trajectory_slug=slug, reason=reason,
                 object_type="options.PreferenceSet", object_repr=text, object_id=str(pk))


# --- analysis runs ---------------------------------------------------------------------------------


def snapshot_inputs(trajectory: Trajectory) -> dict:
    """Everything the report needs to explain a run, as it was when the run started. Cached per
    trajectory and data version (computed afresh inside a transaction, as ``run_analysis`` does)."""
    return caching.cached("options.snapshot", (trajectory.pk, trajectory.slug), lambda: _snapshot_inputs(trajectory))


def _snapshot_inputs(trajectory: Trajectory) -> dict:
    criteria = criteria_of(trajectory)
    names = {c.code: c.name for c in criteria}
    variants = list(Variant.objects.filter(trajectory=trajectory).order_by("number"))
    scores = Score.objects.filter(variant__in=variants).select_related("variant", "criterion", "evidence_document")
    prefs = PreferenceSet.objects.filter(trajectory=trajectory).select_related("municipality")
    participants = TrajectoryParticipant.objects.filter(trajectory=trajectory).select_related("municipality")
    with_prefs = {p.municipality_id for p in prefs}
    return {
        "trajectory": {"slug": trajectory.slug, "name": trajectory.name},
        "variants": [
            {"id": v.code, "number": v.number, "name": v.name, "description": v.description, "tasks": v.tasks(),
             "wgr_form": v.get_wgr_form_display() if v.wgr_form else "", "existing_organisations_role": v.existing_organisations_role,
             "transition_notes": v.transition_notes, "source": v.source, "illustrative": v.illustrative,
             "composition": composition(v)}
            for v in variants
        ],
        "common_measures": [
            {"title": m.title, "description": m.description, "source": m.source, "illustrative": m.illustrative}
            for m in CommonMeasure.objects.filter(trajectory=trajectory)
        ],
        "criteria": [
            {"id": c.code, "name": c.name, "definition": c.definition, "unit": c.unit, "scale": [c.scale_min, c.scale_max],
             "direction": c.direction, "scale_labels": c.scale_labels, "source": c.source, "illustrative": c.illustrative}
            for c in criteria
        ],
        "scores": [
            {"variant": s.variant.code, "criterion": s.criterion.code, "kind": s.kind, "low": s.low, "most_likely": s.most_likely,
             "high": s.high, "unit": s.unit, "display": s.display_value, "substantiated": s.substantiated,
             "evidence": {"document": str(s.evidence_document) if s.evidence_document_id else "",
                          "document_id": s.evidence_document_id, "page": s.evidence_page,
                          "source": s.evidence_source, "author": s.evidence_author,
                          "date": s.evidence_date.isoformat() if s.evidence_date else ""},
             "argument": s.argument, "pros": s.pros, "cons": s.cons, "relative_spread": s.relative_spread,
             "illustrative": s.illustrative, "source": s.source}
            for s in scores
        ],
        "preferences": [
            {"municipality": p.municipality.cbs_code, "name": p.municipality.name, "illustrative": p.illustrative, "source": p.source,
             "note": p.note, "entered_by": p.entered_by, "origin": _origin(p, criteria),
             "statements": [{"kind": s.kind, "data": s.data, "note": s.note,
                             "text": describe_statement(Statement(s.kind, s.data), names)} for s in p.statements.all()]}
            for p in prefs
        ],
        "without_preferences": [{"municipality": p.municipality.cbs_code, "name": p.municipality.name}
                                for p in participants if p.municipality_id not in with_prefs],
    }


def _origin(pref: PreferenceSet, criteria: Sequence[Criterion]) -> list[int]:
    """For each compiled engine statement, the index of the entered statement it came from."""
    try:
        return compile_statements([Statement(s.kind, s.data) for s in pref.statements.all()], [c.code for c in criteria])[1]
    except OptionsError:
        return []


def _next_number(trajectory: Trajectory) -> int:
    return (AnalysisRun.objects.filter(trajectory=trajectory).aggregate(m=Max("number"))["m"] or 0) + 1


def _check_samples(samples: object) -> int:
    if isinstance(samples, bool) or not isinstance(samples, int) or not 100 <= samples <= MAX_SAMPLES:
        raise OptionsError(f"Het aantal trekkingen moet een geheel getal tussen 100 en {formatting.number(MAX_SAMPLES)} zijn.")
    return samples


def _check_seed(seed: object) -> int:
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**63:
        raise OptionsError("De startwaarde van de toevalsgenerator moet een geheel getal van 0 of meer zijn.")
    return seed


def run_analysis(
    actor: Actor, trajectory: Trajectory, *, samples: int = DEFAULT_SAMPLES, seed: int | None = None, label: str = "",
    pooled_weighting: str = "equal",
) -> AnalysisRun:
    """Build the problem from what is stored now, run the engine and store the run.

    The engine runs outside any database transaction, so a long analysis never holds a lock other
    writers wait for (on SQLite a transaction locks the whole database); the run and its audit row
    are written afterwards in one short transaction: all or nothing."""
    if not perm.can_run_analysis(actor, trajectory):
        raise PermissionDenied("U mag voor dit traject geen analyse starten.")
    if pooled_weighting not in ("equal", "inhabitants"):
        raise OptionsError("Weging van gemeenten in de gezamenlijke analyse: kies 'gelijk' of 'naar inwonertal'.")
    samples = _check_samples(samples)
    seed = _check_seed(secrets.randbelow(2**31) if seed is None else seed)
    with transaction.atomic():  # one consistent reading of the inputs; no computation in here
        problem = build_problem(trajectory, pooled_weighting=pooled_weighting)
        snapshot = snapshot_inputs(trajectory)
    results, duration = _compute(problem, samples, seed)
    return _store_run(actor, trajectory, problem, snapshot, samples, seed, results, duration, label=label,
                      illustrative=_is_illustrative(snapshot))


def check_analysis(actor: Actor, trajectory: Trajectory, *, samples: int, pooled_weighting: str = "equal") -> None:
    """What :func:`run_analysis` refuses before computing (rights, weighting, number of samples, the
    size limits), checked before an analysis is queued as a background task, so a refused request
    leaves nothing behind."""
    if not perm.can_run_analysis(actor, trajectory):
        raise PermissionDenied("U mag voor dit traject geen analyse starten.")
    if pooled_weighting not in ("equal", "inhabitants"):
        raise OptionsError("Weging van gemeenten in de gezamenlijke analyse: kies 'gelijk' of 'naar inwonertal'.")
    samples = _check_samples(samples)
    engine_api.check_size(build_problem(trajectory, pooled_weighting=pooled_weighting), samples)


def _is_illustrative(snapshot: dict) -> bool:
    return any(x.get("illustrative") for key in ("variants", "criteria", "scores", "preferences") for x in snapshot.get(key, []))


def _compute(problem: dict, samples: int, seed: int) -> tuple[dict, int]:
    """The engine's results (JSON-safe) and the time it took; touches no database."""
    pause_point("analysis.compute")
    started = time.perf_counter()
    results = json_safe(engine_api.analyse(problem, samples=samples, seed=seed))
    return results, int((time.perf_counter() - started) * 1000)


@transaction.atomic
def _store_run(actor: Actor, trajectory: Trajectory, problem: dict, snapshot: dict, samples: int, seed: int, results: dict,
               duration: int, *, label: str = "", illustrative: bool = False, reproduces: AnalysisRun | None = None) -> AnalysisRun:
    # runs of one trajectory are numbered in order: concurrent stores wait for each other here
    Trajectory.objects.select_for_update().filter(pk=trajectory.pk).first()
    run = AnalysisRun(
        trajectory=trajectory, number=_next_number(trajectory), label=label[:300], problem=problem, snapshot=snapshot,
        seed=seed, samples=samples, engine_version=str(results.get("engine_version") or engine_api.version()),
        results=results, illustrative=illustrative, reproduces=reproduces,
        created_by_label=audit.actor_label(actor)[:200], duration_ms=duration,
    )
    _save(run)
    pause_point("analysis.store")
    audit.record(actor, "analysis.reproduce" if reproduces else "analysis.run", run, after={
        "number": run.number, "seed": seed, "samples": samples, "engine_version": run.engine_version,
        "reproduces": reproduces.number if reproduces else None}, trajectory_slug=trajectory.slug, reason=label)
    return run


def json_safe(value: Any) -> Any:
    """NaN and infinity become null, so results store as valid JSON in every database."""
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if isinstance(value, dict):
        return {k: json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    return value


VOLATILE_KEYS = {"elapsed", "elapsed_s", "elapsed_seconds", "duration", "duration_s", "timing", "timings", "wall_time", "seconds"}


def comparable(results: Any) -> Any:
    """Results without wall-clock fields, for checking that a reproduction is identical."""
    if isinstance(results, dict):
        return {k: comparable(v) for k, v in results.items() if k not in VOLATILE_KEYS}
    if isinstance(results, list):
        return [comparable(v) for v in results]
    return results


@dataclass
class Reproduction:
    run: AnalysisRun
    identical: bool
    same_engine: bool


def reproduce_run(actor: Actor, original: AnalysisRun) -> Reproduction:
    """Run a stored run's own input again with its seed and sample count; store it as a new run
    (computed outside any transaction, stored in one short transaction, as in run_analysis)."""
    if not perm.can_run_analysis(actor, original.trajectory):
        raise PermissionDenied("U mag voor dit traject geen analyse starten.")
    results, duration = _compute(original.problem, original.samples, original.seed)
    run = _store_run(actor, original.trajectory, original.problem, original.snapshot, original.samples, original.seed,
                     results, duration, label=f"Reproductie van analyse {original.number}", illustrative=original.illustrative, reproduces=original)
    return Reproduction(run=run, identical=comparable(run.results) == comparable(original.results),
                        same_engine=run.engine_version == original.engine_version)
