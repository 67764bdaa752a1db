"""Options-analysis pages (Dutch). Views parse input, ask options.permissions, call services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from regiokompas import formatting
from regiokompas.accounts import permissions as base_perm
from regiokompas.accounts import permissions as perm
from regiokompas.formpages import attempted, render_form, require, saved
from regiokompas.jobs import services as jobs
from regiokompas.jobs.models import JobKind, JobStatus
from regiokompas.jobs.views import respond
from regiokompas.options import quality, report, services
from regiokompas.options.criteria_templates import TEMPLATES
from regiokompas.options.errors import OptionsError
from regiokompas.options.forms import (
    CommonMeasureForm,
    CriterionForm,
    PreferenceForm,
    RunForm,
    ScoreForm,
    VariantComponentForm,
    VariantForm,
)
from regiokompas.options.models import (
    AnalysisRun,
    CommonMeasure,
    CriteriaSet,
    Criterion,
    PreferenceSet,
    Score,
    Variant,
    VariantComponent,
)
from regiokompas.options.problem import Statement, criteria_of, describe_statement, statements_of
from regiokompas.options.results import compare, read, run_overview
from regiokompas.options.results import run_details as results_run_details
from regiokompas.register.errors import RegisterError
from regiokompas.register.models import Document, Municipality, Trajectory
from regiokompas.register.pages import trajectory_or_403

RUN_DATA = ("problem", "snapshot", "results")  # large JSON: not needed to list runs
MANAGE_DENIED = "Alleen de projectorganisatie of functioneel beheer wijzigt varianten, criteria en scores."


def _trajectory(request, slug) -> Trajectory:
    """The trajectory, if ``request.user`` may see its analyses (members and beheer); else 403."""
    return trajectory_or_403(request, slug, perm.can_see_analysis,
                             "De varianten, voorkeuren en analyses van dit traject zijn alleen voor wie aan het traject deelneemt.")


def _managed(request, slug) -> Trajectory:
    """The trajectory, if ``request.user`` may also change its variants, criteria, scores and costs; else 403."""
    trajectory = _trajectory(request, slug)
    require(perm.can_manage_options(request.user, trajectory), MANAGE_DENIED)
    return trajectory


def _form_page(request, trajectory, form, *, title: str, submit: str):
    return render_form(request, "options/form.html", {"trajectory": trajectory, "form": form, "title": title, "submit": submit}, form)


def _documents(request, trajectory):
    return base_perm.visible_documents(request.user, Document.objects.filter(trajectory=trajectory))


@login_required
def overview(request, slug):
    trajectory = _trajectory(request, slug)
    variants = list(Variant.objects.filter(trajectory=trajectory).annotate(component_count=Count("components")).order_by("number"))
    criteria = criteria_of(trajectory)
    scores = {(s.variant_id, s.criterion_id): s for s in Score.objects.filter(variant__in=variants).select_related("evidence_document")}
    matrix = [(c, [(v, scores.get((v.pk, c.pk))) for v in variants]) for c in criteria]
    prefs = {p.municipality_id: p for p in PreferenceSet.objects.filter(trajectory=trajectory).prefetch_related("statements")}
    participants = [p.municipality for p in trajectory.participants.select_related("municipality").order_by("municipality__name")]
    pref_rows = [(muni, prefs.get(muni.pk), perm.can_edit_preferences(request.user, muni, trajectory)) for muni in participants]
    snapshot = services.snapshot_inputs(trajectory)
    profile = base_perm.profile_of(request.user)
    runs = AnalysisRun.objects.filter(trajectory=trajectory).order_by("-number")
    # a run's stored input and results (about 150 kB of JSON) only for the viewer's own conclusion
    latest = (runs if profile and profile.municipality_id else runs.defer(*RUN_DATA)).first()
    own_conclusion = ""
    if latest and profile and profile.municipality_id:
        block = next((b for b in read(latest.problem, latest.results, latest.snapshot).municipalities
                      if b.id == profile.municipality.cbs_code), None)
        own_conclusion = block.conclusion() if block else ""
    return render(request, "options/overview.html", {
        "latest": latest,
        "own_conclusion": own_conclusion,
        "trajectory": trajectory,
        "variants": variants,
        "criteria": criteria,
        "matrix": matrix,
        "pref_rows": pref_rows,
        "runs": runs.select_related("reproduces").defer(*RUN_DATA, *(f"reproduces__{f}" for f in RUN_DATA))[:20],
        "findings": quality.findings(snapshot),
        "can_manage": perm.can_manage_options(request.user, trajectory),
        "can_run": perm.can_run_analysis(request.user, trajectory),
        "run_form": RunForm(),
        "has_criteria_set": CriteriaSet.objects.filter(trajectory=trajectory).exists(),
        "common_measures": CommonMeasure.objects.filter(trajectory=trajectory),
        "visible_docs": set(_documents(request, trajectory).values_list("pk", flat=True)),
        "templates": [(k, v[0]) for k, v in TEMPLATES.items()],
        "formats": report.FORMATS,
    })


# --- variants ---------------------------------------------------------------------------------------


@login_required
def variant_detail(request, slug, number):
    trajectory = _trajectory(request, slug)
    variant = get_object_or_404(Variant, trajectory=trajectory, number=number)
    criteria = criteria_of(trajectory)
    scores = {s.criterion_id: s for s in variant.scores.select_related("evidence_document")}
    return render(request, "options/variant_detail.html", {
        "trajectory": trajectory, "variant": variant, "rows": [(c, scores.get(c.pk)) for c in criteria],
        "visible_docs": set(_documents(request, trajectory).values_list("pk", flat=True)),
        "can_manage": perm.can_manage_options(request.user, trajectory),
        "phases": variant.phases(),
        "common_measures": CommonMeasure.objects.filter(trajectory=trajectory),
    })


@login_required
def variant_component_add(request, slug, number):
    """Add a task in a form and phase to a variant (its composition)."""
    trajectory = _managed(request, slug)
    variant = get_object_or_404(Variant, trajectory=trajectory, number=number)
    form = VariantComponentForm(request.POST or None)

    def save():
        data = form.cleaned_data
        component = VariantComponent(
            variant=variant, phase=data["phase"], phase_label=data["phase_label"], phase_start=data["phase_start"].value,
            phase_start_precision=data["phase_start"].precision, task=data["task"], form=data["form"],
            arrangement=data["arrangement"], note=data["note"], source=data["source"],
        )
        services.save_variant_component(request.user, component)
        return component

    if saved(request, form, save, lambda component: f"{component} is toegevoegd aan {variant}."):
        return redirect("options:variant-detail", slug=slug, number=number)
    return _form_page(request, trajectory, form, title=f"Onderdeel toevoegen aan {variant}", submit="Onderdeel opslaan")


@login_required
def common_measure_add(request, slug):
    """A measure common to every variant (herstelmaatregel), recorded once for the trajectory."""
    trajectory = _managed(request, slug)
    form = CommonMeasureForm(request.POST or None, instance=CommonMeasure(trajectory=trajectory))
    if saved(request, form, lambda: services.save_common_measure(request.user, form.instance),
             lambda _: f"Maatregel '{form.instance}' geldt nu voor elke variant."):
        return redirect(reverse("options:overview", args=[slug]) + "#maatregelen")
    return _form_page(request, trajectory, form, title="Maatregel voor elke variant toevoegen", submit="Maatregel opslaan")


@login_required
def variant_edit(request, slug, number=None):
    trajectory = _managed(request, slug)
    variant = get_object_or_404(Variant, trajectory=trajectory, number=number) if number else Variant(trajectory=trajectory)
    if number is None and not request.method == "POST":
        variant.number = (Variant.objects.filter(trajectory=trajectory).order_by("-number").values_list("number", flat=True).first() or 0) + 1
    form = VariantForm(request.POST or None, instance=variant)
    if saved(request, form, lambda: services.save_variant(request.user, form.instance), lambda _: f"{form.instance} is opgeslagen."):
        return redirect("options:variant-detail", slug=slug, number=form.instance.number)
    return _form_page(request, trajectory, form, title=f"{variant} wijzigen" if number else "Nieuwe variant", submit="Variant opslaan")


@login_required
def variant_delete(request, slug, number):
    trajectory = _managed(request, slug)
    variant = get_object_or_404(Variant, trajectory=trajectory, number=number)
    if request.method == "POST":
        if not attempted(request, lambda: services.delete_variant(request.user, variant), lambda _: f"{variant} is verwijderd."):
            return redirect("options:variant-detail", slug=slug, number=number)
        return redirect("options:overview", slug=slug)
    return render(request, "options/confirm_delete.html", {"trajectory": trajectory, "object": variant,
                                                           "warning": "De scores van deze variant worden ook verwijderd."})


# --- criteria ---------------------------------------------------------------------------------------


@login_required
def criteria_list(request, slug):
    trajectory = _trajectory(request, slug)
    return render(request, "options/criteria.html", {
        "trajectory": trajectory, "criteria": criteria_of(trajectory), "can_manage": perm.can_manage_options(request.user, trajectory),
        "templates": [(k, v[0]) for k, v in TEMPLATES.items()],
    })


@login_required
@require_POST
def criteria_template(request, slug):
    trajectory = _managed(request, slug)
    attempted(request, lambda: services.apply_criteria_template(request.user, trajectory, request.POST.get("template", "")),
              lambda added: f"{len(added)} criteria toegevoegd." if added else "Alle criteria uit het sjabloon staan er al.")
    return redirect("options:criteria", slug=slug)


@login_required
def criterion_edit(request, slug, code=None):
    trajectory = _managed(request, slug)
    if code:
        criterion = get_object_or_404(Criterion, criteria_set__trajectory=trajectory, code=code)
    else:
        criterion = Criterion(criteria_set=CriteriaSet.objects.filter(trajectory=trajectory).first() or CriteriaSet(trajectory=trajectory))
    form = CriterionForm(request.POST or None, instance=criterion)

    def save():
        obj = form.instance
        obj.scale_labels = form.cleaned_data["labels_text"]
        if obj.criteria_set.pk is None:
            obj.criteria_set = services.ensure_criteria_set(request.user, trajectory)
        services.save_criterion(request.user, obj)

    if saved(request, form, save, lambda _: f"Criterium '{form.instance.name}' is opgeslagen."):
        return redirect("options:criteria", slug=slug)
    return _form_page(request, trajectory, form, title=f"Criterium '{criterion.name}' wijzigen" if code else "Nieuw criterium",
                      submit="Criterium opslaan")


@login_required
def criterion_delete(request, slug, code):
    trajectory = _managed(request, slug)
    criterion = get_object_or_404(Criterion, criteria_set__trajectory=trajectory, code=code)
    if request.method == "POST":
        attempted(request, lambda: services.delete_criterion(request.user, criterion), lambda _: f"Criterium '{criterion.name}' is verwijderd.")
        return redirect("options:criteria", slug=slug)
    return render(request, "options/confirm_delete.html", {"trajectory": trajectory, "object": criterion,
                                                           "warning": "De scores op dit criterium worden ook verwijderd."})


# --- scores -----------------------------------------------------------------------------------------


@login_required
def score_edit(request, slug, number, code):
    trajectory = _managed(request, slug)
    variant = get_object_or_404(Variant, trajectory=trajectory, number=number)
    criterion = get_object_or_404(Criterion, criteria_set__trajectory=trajectory, code=code)
    score = Score.objects.filter(variant=variant, criterion=criterion).first() or Score(variant=variant, criterion=criterion, unit=criterion.unit)
    form = ScoreForm(request.POST or None, instance=score, documents=_documents(request, trajectory))
    if saved(request, form, lambda: services.save_score(request.user, form.instance),
             lambda _: f"Score van {variant} op {criterion.name} is opgeslagen."):
        return redirect("options:variant-detail", slug=slug, number=number)
    return render_form(request, "options/score_form.html", {
        "trajectory": trajectory, "form": form, "variant": variant, "criterion": criterion,
        "title": f"Score: {variant} op {criterion.name}",
    }, form)


# --- preferences ------------------------------------------------------------------------------------


@login_required
def preferences(request, slug, code):
    trajectory = _trajectory(request, slug)
    municipality = get_object_or_404(Municipality, cbs_code=code)
    if not trajectory.participants.filter(municipality=municipality).exists():
        raise Http404("Deze gemeente neemt niet deel aan het traject.")
    pref = PreferenceSet.objects.filter(trajectory=trajectory, municipality=municipality).first()
    criteria = criteria_of(trajectory)
    names = {c.code: c.name for c in criteria}
    existing = statements_of(pref) if pref else []
    can_edit = perm.can_edit_preferences(request.user, municipality, trajectory)
    if request.method == "POST" and not can_edit:
        raise DjangoPermissionDenied(f"Alleen beleidsmedewerkers van {municipality.name} geven de voorkeuren van {municipality.name} op.")
    form = PreferenceForm(request.POST or None, criteria=criteria, statements=existing,
                          initial={"note": pref.note if pref else ""})
    conflict: list[int] = []
    entered: list[Statement] = []
    if request.method == "POST" and form.is_valid():
        entered = form.statements()
        try:
            services.save_preferences(request.user, trajectory, municipality, entered, note=form.cleaned_data["note"])
        except RegisterError as exc:
            form.add_error(None, exc.message)
            conflict = list(getattr(exc, "statements", []) or [])
        else:
            messages.success(request, f"De voorkeuren van {municipality.name} zijn opgeslagen.")
            if "recalculate" in request.POST and perm.can_run_analysis(request.user, trajectory):
                try:
                    run = services.run_analysis(request.user, trajectory, label=f"Na wijziging voorkeuren {municipality.name}")
                except RegisterError as exc:
                    messages.warning(request, f"Doorrekenen lukte niet: {exc.message}")
                else:
                    url = reverse("options:run-detail", args=[slug, run.number])
                    return redirect(f"{url}#res-{municipality.cbs_code}")
            return redirect("options:preferences", slug=slug, code=code)
    shown = entered or existing
    return render_form(request, "options/preferences.html", {
        "trajectory": trajectory, "municipality": municipality, "pref": pref, "form": form, "can_edit": can_edit,
        "criteria_rows": [(c, form[f"rank_{c.code}"], form[f"swing_{c.code}"], form[f"min_{c.code}"], form[f"max_{c.code}"]) for c in criteria],
        "statements": [(i + 1, describe_statement(s, names), i in conflict) for i, s in enumerate(shown)],
        "from_entry": bool(entered),
    }, form)


@login_required
@require_POST
def preferences_withdraw(request, slug, code):
    trajectory = _trajectory(request, slug)
    municipality = get_object_or_404(Municipality, cbs_code=code)
    pref = get_object_or_404(PreferenceSet, trajectory=trajectory, municipality=municipality)
    if not perm.can_edit_preferences(request.user, municipality, trajectory):
        raise DjangoPermissionDenied(f"Alleen beleidsmedewerkers van {municipality.name} trekken de voorkeuren van {municipality.name} in.")
    attempted(request, lambda: services.delete_preferences(request.user, pref, reason="ingetrokken via de website"),
              f"De voorkeuren van {municipality.name} zijn ingetrokken; {municipality.name} telt niet meer mee in nieuwe analyses.")
    return redirect("options:preferences", slug=slug, code=code)


# --- analysis runs ----------------------------------------------------------------------------------


@login_required
def runs(request, slug):
    trajectory = _trajectory(request, slug)
    form = RunForm(request.POST or None)
    if request.method == "POST":
        if not perm.can_run_analysis(request.user, trajectory):
            raise DjangoPermissionDenied("U mag voor dit traject geen analyse starten.")
        if form.is_valid() and jobs.background_analysis(form.cleaned_data["samples"]):
            try:  # refused before anything is queued
                services.check_analysis(request.user, trajectory, samples=form.cleaned_data["samples"],
                                        pooled_weighting=form.cleaned_data["pooled_weighting"])
            except RegisterError as exc:
                form.add_error(None, exc.message)
            else:
                job = _start_analysis_job(request, trajectory, form.cleaned_data)
                if job.status != JobStatus.FAILED:
                    return respond(request, job)
                form.add_error(None, job.message)
        elif form.is_valid():
            try:
                run = services.run_analysis(request.user, trajectory, samples=form.cleaned_data["samples"], seed=form.cleaned_data["seed"],
                                            label=form.cleaned_data["label"], pooled_weighting=form.cleaned_data["pooled_weighting"])
            except RegisterError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, f"Analyse {run.number} is uitgevoerd ({run.duration_ms} ms).")
                return redirect("options:run-detail", slug=slug, number=run.number)
    return render_form(request, "options/runs.html", {
        "trajectory": trajectory, "form": form, "runs": AnalysisRun.objects.filter(trajectory=trajectory).order_by("-number"),
        "can_run": perm.can_run_analysis(request.user, trajectory),
    }, form)


def _start_analysis_job(request, trajectory, data):
    """A large analysis runs in the background; the user follows it on the job's page."""
    return jobs.start(request.user, JobKind.ANALYSIS, f"Analyse met {formatting.number(data['samples'])} trekkingen: {trajectory.name}",
                      trajectory=trajectory, params={"samples": data["samples"], "seed": data["seed"], "label": data["label"],
                                                     "pooled_weighting": data["pooled_weighting"]})


def _run(trajectory, number) -> AnalysisRun:
    return get_object_or_404(AnalysisRun, trajectory=trajectory, number=number)


@login_required
def run_detail(request, slug, number):
    """The results in layers: the conclusion in plain Dutch (variant names, how certain, what would
    change it), a few key charts, and the details (every index, every table) on the details page."""
    trajectory = _trajectory(request, slug)
    run = _run(trajectory, number)
    return render(request, "options/run_detail.html", {
        "trajectory": trajectory, "run": run, **run_overview(run),
        "other_runs": AnalysisRun.objects.filter(trajectory=trajectory).exclude(pk=run.pk).order_by("-number").only("number")[:20],
        "can_run": perm.can_run_analysis(request.user, trajectory),
        "formats": report.FORMATS,
    })


@login_required
def run_details(request, slug, number):
    """Every index, chart and table of a run, per municipality, each behind a disclosure section."""
    trajectory = _trajectory(request, slug)
    run = _run(trajectory, number)
    return render(request, "options/run_details.html", {"trajectory": trajectory, "run": run, **results_run_details(run)})


CHART_KINDS = ("rangkansen", "gewichten", "waardeprofiel", "vergelijking", "gevoeligheid", "verschuiving")


@login_required
def run_chart(request, slug, number, kind, who):
    """One chart of a stored run as an SVG file, for use in other documents."""
    trajectory = _trajectory(request, slug)
    run = _run(trajectory, number)
    reading = read(run.problem, run.results, run.snapshot)
    if kind not in CHART_KINDS:
        raise Http404("Onbekende grafiek")
    if kind == "vergelijking":
        svg = reading.comparison_chart("svg")
    elif kind == "verschuiving":
        svg = reading.sensitivity_chart("svg")
    else:
        block = next((b for b in reading.blocks if b.id == who), None)
        if block is None:
            raise Http404("Onbekende gemeente in deze analyse")
        if kind == "gevoeligheid":
            crit = block.sweep_criterion()
            if crit is None:
                raise Http404("Deze analyse heeft voor deze gemeente geen gevoeligheidsgrafiek")
            svg = block.sweep_chart(crit, "svg")
        else:
            svg = {"rangkansen": block.chart, "gewichten": block.weights_chart, "waardeprofiel": block.value_profile_chart}[kind]("svg")
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="analyse-{run.number}-{kind}-{who}.svg"'
    return response


@login_required
@require_POST
def run_reproduce(request, slug, number):
    trajectory = _trajectory(request, slug)
    run = _run(trajectory, number)
    if not perm.can_run_analysis(request.user, trajectory):
        raise DjangoPermissionDenied("U mag voor dit traject geen analyse starten.")
    try:
        result = services.reproduce_run(request.user, run)
    except RegisterError as exc:
        messages.error(request, exc.message)
        return redirect("options:run-detail", slug=slug, number=number)
    if result.identical:
        messages.success(request, f"Analyse {run.number} is gereproduceerd als analyse {result.run.number}: de uitkomsten zijn identiek.")
    else:
        why = "" if result.same_engine else f" (andere versie rekenkern: {run.engine_version} → {result.run.engine_version})"
        messages.warning(request, f"Analyse {result.run.number} wijkt af van analyse {run.number}{why}.")
    return redirect("options:run-detail", slug=slug, number=result.run.number)


@login_required
def run_compare(request, slug):
    trajectory = _trajectory(request, slug)
    try:
        a_num, b_num = int(request.GET.get("a", "")), int(request.GET.get("b", ""))
    except ValueError:
        messages.error(request, "Kies twee analyses om te vergelijken.")
        return redirect("options:runs", slug=slug)
    run_a, run_b = _run(trajectory, a_num), _run(trajectory, b_num)
    rows = compare(read(run_a.problem, run_a.results), read(run_b.problem, run_b.results))
    input_changes = _input_changes(run_a.snapshot, run_b.snapshot)
    return render(request, "options/run_compare.html", {"trajectory": trajectory, "a": run_a, "b": run_b, "rows": rows,
                                                         "input_changes": input_changes})


def _input_changes(a: dict, b: dict) -> list[str]:
    out = []
    sa = {(s["variant"], s["criterion"]): s["display"] for s in a.get("scores", [])}
    sb = {(s["variant"], s["criterion"]): s["display"] for s in b.get("scores", [])}
    for key in sorted(set(sa) | set(sb)):
        if sa.get(key) != sb.get(key):
            out.append(f"Score {key[0]} × {key[1]}: {sa.get(key, 'ontbreekt')} → {sb.get(key, 'ontbreekt')}")
    pa = {p["name"]: [s["text"] for s in p["statements"]] for p in a.get("preferences", [])}
    pb = {p["name"]: [s["text"] for s in p["statements"]] for p in b.get("preferences", [])}
    for name in sorted(set(pa) | set(pb)):
        if pa.get(name) != pb.get(name):
            out.append(f"Voorkeuren van {name} zijn gewijzigd.")
    if [v["name"] for v in a.get("variants", [])] != [v["name"] for v in b.get("variants", [])]:
        out.append("De varianten zijn gewijzigd.")
    if [c["id"] for c in a.get("criteria", [])] != [c["id"] for c in b.get("criteria", [])]:
        out.append("De criteria zijn gewijzigd.")
    return out


# --- report -----------------------------------------------------------------------------------------

BACKGROUND_FORMATS = ("docx", "pdf")
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
}


@login_required
def report_download(request, slug, fmt):
    trajectory = _trajectory(request, slug)
    if fmt not in report.FORMATS:
        raise Http404("Onbekend formaat")
    number = request.GET.get("analyse")
    run = _run(trajectory, int(number)) if number and number.isdigit() else report.latest_run(trajectory)
    if fmt in BACKGROUND_FORMATS:  # docx and pdf take seconds: rendered by the worker
        job = jobs.start(request.user, JobKind.REPORT, f"Rapport Onderbouwing keuze uitvoeringsvariant ({fmt}): {trajectory.name}",
                         trajectory=trajectory, params={"fmt": fmt, "run": run.number if run else None,
                                                        "content_type": CONTENT_TYPES[fmt]})
        if job.status == JobStatus.FAILED:  # refused at once (the immediate backend runs it in the request)
            messages.error(request, job.message)
            return redirect("options:overview", slug=slug)
        return respond(request, job)
    try:
        content = report.render_report(trajectory, fmt, run, viewer=request.user)
    except OptionsError as exc:
        messages.error(request, exc.message)
        return redirect("options:overview", slug=slug)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="onderbouwing-{slug}.{fmt}"'
    if fmt == "html":
        from regiokompas.documents.render import csp_style_hashes

        response._csp_update = {"style-src": csp_style_hashes(content)}  # the house style's stylesheet
    return response
