"""Planning pages (Dutch): overview with timeline and table, versions, law-change flow, process
description. Views parse input, ask accounts.permissions and call the service functions."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from regiokompas.accounts import permissions
from regiokompas.formpages import render_form
from regiokompas.planning import constants as pc
from regiokompas.planning import export as pexport
from regiokompas.planning import overview as ov
from regiokompas.planning import process, services, timeline
from regiokompas.planning.forms import (
    AdviceForm,
    BodyForm,
    ConsultationForm,
    LawChangeForm,
    NewVersionForm,
    ProcedureForm,
    ProcessDescriptionForm,
)
from regiokompas.planning.models import Consultation, ConsultationBody, CouncilProcedure, Plan, PlanVersion
from regiokompas.register import constants as c
from regiokompas.register.errors import RegisterError
from regiokompas.register.models import Trajectory
from regiokompas.register.pages import trajectory_or_403

CONTENT_TYPES = {
    "ics": "text/calendar; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


PLAN_DENIED = "Alleen de projectorganisatie of functioneel beheer wijzigt de planning."


def _trajectory(slug) -> Trajectory:
    return get_object_or_404(Trajectory, slug=slug)


def _version(plan: Plan | None, raw: str | None) -> PlanVersion | None:
    if plan is None:
        return None
    if not raw:
        return plan.current
    try:
        return plan.versions.get(number=int(raw))
    except (ValueError, PlanVersion.DoesNotExist):
        raise Http404("Deze versie van de planning bestaat niet.") from None


def _reference_date(request) -> tuple[dt.date | None, str]:
    """The peildatum chosen with ?peildatum=, or None (the overview then picks a sensible default)."""
    raw = request.GET.get("peildatum", "").strip()
    if not raw:
        return None, ""
    try:
        return services.parse_date(raw, "Peildatum"), ""
    except RegisterError as exc:
        return None, exc.message + " De standaardpeildatum is gebruikt."


@login_required
def overview(request, slug):
    trajectory = _trajectory(slug)
    plan = Plan.objects.filter(trajectory=trajectory).first()
    version = _version(plan, request.GET.get("versie"))
    day, date_error = _reference_date(request)
    data = ov.build(trajectory, version, day)
    participants = [p.municipality for p in trajectory.participants.select_related("municipality").order_by("municipality__name")]
    track = next((m for m in participants if m.cbs_code == request.GET.get("spoor", "")), None)
    if track is not None:
        data.rows = [r for r in data.rows if r.track in ("regio", track.name)]
        data.tempo = [{**g, "tracks": [x for x in g["tracks"] if x["municipality"] == track.name]} for g in data.tempo]
        data.tempo = [g for g in data.tempo if g["tracks"]]
    return render(request, "planning/overview.html", {
        "participants": participants,
        "track": track,
        "trajectory": trajectory,
        "plan": plan,
        "version": version,
        "versions": list(plan.versions.all()) if plan else [],
        "is_current": bool(plan and version and plan.current.pk == version.pk),
        "ov": data,
        "conclusion": ov.conclusion(data) if plan else [],
        "svg": mark_safe(timeline.svg(data)),  # built from escaped text only
        "date_error": date_error,
        "peildatum": request.GET.get("peildatum", ""),
        "can_manage": permissions.can_manage_trajectory(request.user, trajectory),
        "bodies": trajectory.consultation_bodies.select_related("employer_municipality", "employer_organisation"),
    })


@login_required
def versions(request, slug):
    trajectory = _trajectory(slug)
    plan = Plan.objects.filter(trajectory=trajectory).first()
    if plan is None:
        raise Http404("Dit traject heeft nog geen planning.")
    all_versions = list(plan.versions.all())
    old = _version(plan, request.GET.get("van") or (str(all_versions[-2].number) if len(all_versions) > 1 else "1"))
    new = _version(plan, request.GET.get("naar") or str(all_versions[-1].number))
    return render(request, "planning/versions.html", {
        "trajectory": trajectory, "plan": plan, "versions": all_versions, "old": old, "new": new,
        "rows": ov.compare(old, new),
    })


@login_required
def law_change(request, slug):
    trajectory = trajectory_or_403(request, slug, permissions.can_manage_trajectory, PLAN_DENIED)
    plan = Plan.objects.filter(trajectory=trajectory).first()
    form = LawChangeForm(trajectory, request.POST if request.method == "POST" else None)
    shifts = None
    chosen = None
    if request.method == "POST":
        if plan is None:
            form.add_error(None, "Dit traject heeft nog geen planning.")
        elif form.is_valid():
            d = form.cleaned_data
            chosen = d["law"]
            try:
                current = services.inputs_of(plan.current)
                shifts = services.propose_law_shift(current, chosen, d["date"], services.decided_keys(current))
                if request.POST.get("action") == "confirm":
                    version = services.apply_law_change(request.user, trajectory, chosen, new_date=d["date"], new_status=d["status"],
                                                        reason=d["reason"].strip(), date=dt.date.today())
                    messages.success(request, f"Nieuwe versie {version.number} van de planning vastgelegd.")
                    return redirect(reverse("planning:versions", args=[slug]) + f"?van={version.number - 1}&naar={version.number}")
            except RegisterError as exc:
                form.add_service_error(exc)
    others = []
    if chosen is not None:
        others = sorted({str(p.trajectory) for p in Plan.objects.exclude(trajectory=trajectory).select_related("trajectory")
                         if p.current and p.current.milestones.filter(dependencies__law=chosen).exists()})
    return render_form(request, "planning/law_change.html", {
        "trajectory": trajectory, "plan": plan, "form": form, "shifts": shifts, "law": chosen, "other_trajectories": others,
        "error_title": "De planning is niet gewijzigd",
    }, form)


def _new_milestone(trajectory: Trajectory, items, d: dict) -> services.MilestoneInput:
    """The milestone added on the new-version page (its track and dependency already checked by the form)."""
    municipality = None
    if d["new_municipality"]:
        municipality = trajectory.participants.select_related("municipality").get(municipality__cbs_code=d["new_municipality"]).municipality
    deps = [services.DependencyInput(d["new_after"], d["new_offset"])] if d["new_after"] else []
    existing = {m.key for m in items}
    code = slugify(d["new_title"])[:70] or "mijlpaal"
    while code in existing:
        code += "-2"
    return services.MilestoneInput(key=code, title=d["new_title"], date=d["new_date"], kind=d["new_kind"] or pc.MilestoneKind.OTHER, municipality=municipality,
                                   owner=d["new_owner"], depends_on=deps)


@login_required
def edit_version(request, slug):
    """A new plan version: change dates and statuses, add one milestone; with the reason for the change."""
    trajectory = trajectory_or_403(request, slug, permissions.can_manage_trajectory, PLAN_DENIED)
    plan = Plan.objects.filter(trajectory=trajectory).first()
    if plan is None:
        if request.method == "POST" and request.POST.get("action") == "start":
            try:
                services.start_plan(request.user, trajectory)
                messages.success(request, "Eerste versie van de planning gemaakt uit de besluitmomenten en wetten.")
            except RegisterError as exc:
                messages.error(request, exc.message)
            return redirect("planning:overview", slug=slug)
        raise Http404("Dit traject heeft nog geen planning.")
    items = services.inputs_of(plan.current)
    participants = [p.municipality for p in trajectory.participants.select_related("municipality").order_by("municipality__name")]
    form = NewVersionForm(items, participants, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        for m in items:
            m.date = d[f"date-{m.key}"]
            m.status = d[f"status-{m.key}"] or m.status
        if d["new_title"]:
            items.append(_new_milestone(trajectory, items, d))
        try:
            version = services.new_version(request.user, trajectory, title=d["title"] or "Bijgewerkte planning",
                                           reason=d["reason"], milestones=items, date=dt.date.today())
            messages.success(request, f"Versie {version.number} van de planning vastgelegd.")
            return redirect(reverse("planning:versions", args=[slug]) + f"?van={version.number - 1}&naar={version.number}")
        except RegisterError as exc:
            form.add_service_error(exc)
    return render_form(request, "planning/edit.html", {
        "trajectory": trajectory, "plan": plan, "version": plan.current, "form": form,
        "error_title": "De nieuwe versie is niet vastgelegd",
    }, form)


@login_required
def participation(request, slug):
    """Consultation bodies, consultations and council procedures; forms to add them (project organisation)."""
    trajectory = _trajectory(slug)
    can_manage = permissions.can_manage_trajectory(request.user, trajectory)
    consultation_form = ConsultationForm(trajectory, prefix="c")
    procedure_form = ProcedureForm(trajectory, prefix="p")
    status = 200
    if request.method == "POST":
        if not can_manage:
            raise DjangoPermissionDenied("Alleen de projectorganisatie of functioneel beheer legt medezeggenschap en raadsprocedures vast.")
        which = request.POST.get("form")
        form = ConsultationForm(trajectory, request.POST, prefix="c") if which == "consultation" else ProcedureForm(
            trajectory, request.POST, prefix="p")
        if which == "consultation":
            consultation_form = form
        else:
            procedure_form = form
        if form.is_valid():
            d = form.cleaned_data
            try:
                if which == "consultation":
                    services.save_consultation(request.user, Consultation(
                        body=d["body"], gate=d["gate"], kind=d["kind"], scope=d["scope"], subject=d["subject"],
                        requested=d["requested"], due=d["due"]))
                    messages.success(request, "Medezeggenschap vastgelegd.")
                else:
                    services.save_procedure(request.user, CouncilProcedure(
                        gate=d["gate"], municipality=d["municipality"], kind=d["kind"], planned=d["planned"], sent=d["sent"],
                        completed=d["completed"], outcome=d["outcome"]))
                    messages.success(request, "Raadsprocedure vastgelegd.")
                return redirect("planning:participation", slug=slug)
            except RegisterError as exc:
                form.add_error(None, exc.message)
        status = 400
    return render(request, "planning/participation.html", {
        "trajectory": trajectory, "can_manage": can_manage,
        "bodies": trajectory.consultation_bodies.select_related("employer_municipality", "employer_organisation"),
        "consultations": Consultation.objects.filter(body__trajectory=trajectory).select_related("body", "gate"),
        "procedures": CouncilProcedure.objects.filter(gate__trajectory=trajectory).select_related("gate", "municipality"),
        "consultation_form": consultation_form, "procedure_form": procedure_form,
    }, status=status)


@login_required
def bodies(request, slug):
    """All consultation bodies of the trajectory; everyone logged in reads, the project organisation changes."""
    trajectory = _trajectory(slug)
    return render(request, "planning/bodies.html", {
        "trajectory": trajectory, "can_manage": permissions.can_manage_trajectory(request.user, trajectory),
        "bodies": trajectory.consultation_bodies.select_related("employer_municipality", "employer_organisation")
        .prefetch_related("consultations"),
    })


@login_required
def body_edit(request, slug, pk=None):
    """Create (pk None) or edit a consultation body through services.save_body."""
    trajectory = _trajectory(slug)
    body = get_object_or_404(ConsultationBody, pk=pk, trajectory=trajectory) if pk else None
    if not permissions.can_manage_trajectory(request.user, trajectory):
        raise DjangoPermissionDenied("Alleen de projectorganisatie of functioneel beheer legt medezeggenschapsorganen vast.")
    initial = {f: getattr(body, f) for f in BodyForm.FIELDS} if body else {"kind": pc.BodyKind.OR}
    form = BodyForm(trajectory, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        target = ConsultationBody.objects.get(pk=body.pk) if body else ConsultationBody(trajectory=trajectory)
        for f in BodyForm.FIELDS:
            setattr(target, f, form.cleaned_data[f] if form.cleaned_data[f] is not None else ("" if f in ("contact", "source") else None))
        try:
            services.save_body(request.user, target)
            messages.success(request, f"Medezeggenschapsorgaan '{target.name}' {'bijgewerkt' if body else 'vastgelegd'}.")
            return redirect("planning:bodies", slug=slug)
        except RegisterError as exc:
            form.add_error(None, exc.message)
    return render_form(request, "planning/body_form.html", {"trajectory": trajectory, "body": body, "form": form}, form)


CONSULTATION_FIELDS = ("body", "gate", "kind", "scope", "subject", "requested", "due")
PROCEDURE_FIELDS = ("gate", "municipality", "kind", "planned", "sent", "completed", "outcome")


@login_required
def item_edit(request, slug, what, pk):
    """Edit a consultation (what='medezeggenschap') or a council procedure (what='raadsprocedure')."""
    trajectory = _trajectory(slug)
    if what == "medezeggenschap":
        obj = get_object_or_404(Consultation.objects.select_related("body"), pk=pk, body__trajectory=trajectory)
        form_class, fields, saver = ConsultationForm, CONSULTATION_FIELDS, services.save_consultation
    elif what == "raadsprocedure":
        obj = get_object_or_404(CouncilProcedure, pk=pk, gate__trajectory=trajectory)
        form_class, fields, saver = ProcedureForm, PROCEDURE_FIELDS, services.save_procedure
    else:
        raise Http404("Onbekend onderdeel.")
    if not permissions.can_manage_trajectory(request.user, trajectory):
        raise DjangoPermissionDenied("Alleen de projectorganisatie of functioneel beheer wijzigt medezeggenschap en raadsprocedures.")
    form = form_class(trajectory, request.POST or None, initial={f: getattr(obj, f) for f in fields})
    if request.method == "POST" and form.is_valid():
        target = type(obj).objects.get(pk=obj.pk)
        if what == "raadsprocedure" and form.cleaned_data["kind"] != target.kind:
            target.legal_basis = ""  # the service fills in the legal basis of the new kind
        for f in fields:
            value = form.cleaned_data[f]
            setattr(target, f, "" if value is None and f in ("outcome", "subject") else value)
        try:
            saver(request.user, target)
            messages.success(request, "Wijziging vastgelegd.")
            return redirect("planning:participation", slug=slug)
        except RegisterError as exc:
            form.add_error(None, exc.message)
    return render_form(request, "planning/item_form.html", {"trajectory": trajectory, "obj": obj, "form": form,
                                                       "is_procedure": what == "raadsprocedure"}, form)


@login_required
def advice(request, slug, pk):
    trajectory = _trajectory(slug)
    cons = get_object_or_404(Consultation.objects.select_related("body", "gate"), pk=pk, body__trajectory=trajectory)
    if not permissions.can_manage_trajectory(request.user, trajectory):
        raise DjangoPermissionDenied("Alleen de projectorganisatie of functioneel beheer legt een advies vast.")
    initial = {"received": cons.received, "outcome": cons.outcome if cons.outcome != pc.AdviceOutcome.PENDING else None,
               "text": cons.advice_text, "deviates": cons.deviates, "motivation": cons.deviation_motivation}
    form = AdviceForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.record_advice(request.user, cons, received=d["received"], outcome=d["outcome"], text=d["text"],
                                       deviates=d["deviates"], motivation=d["motivation"])
                messages.success(request, "Advies vastgelegd.")
                return redirect("planning:participation", slug=slug)
            except RegisterError as exc:
                form.add_error(None, exc.message)
    return render_form(request, "planning/advice.html", {"trajectory": trajectory, "cons": cons, "form": form}, form)


@login_required
def export(request, slug, fmt):
    trajectory = _trajectory(slug)
    if fmt not in CONTENT_TYPES:
        raise Http404("Onbekend formaat; kies ics, md of docx.")
    plan = Plan.objects.filter(trajectory=trajectory).first()
    day, date_error = _reference_date(request)
    if date_error:
        return HttpResponse(date_error, status=400, content_type="text/plain; charset=utf-8")
    data = ov.build(trajectory, _version(plan, request.GET.get("versie")), day)
    body = pexport.ics(data) if fmt == "ics" else pexport.render(pexport.overview_document(data), fmt)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="planning-{slug}.{fmt}"'
    return response


@login_required
def process_description(request, slug):
    trajectory = _trajectory(slug)
    doc = process.current_description(trajectory)
    can_manage = permissions.can_manage_trajectory(request.user, trajectory)
    sections = list(doc.sections.order_by("order")) if doc else []
    form = ProcessDescriptionForm(sections, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not can_manage:
            raise DjangoPermissionDenied("Alleen de projectorganisatie of functioneel beheer stelt de procesbeschrijving op.")
        action = request.POST.get("action")
        if form.is_valid() and action not in form.ACTIONS:
            form.add_error(None, "Onbekende actie.")
        elif form.is_valid():
            try:
                if action == "generate":
                    process.generate(request.user, trajectory)
                    messages.success(request, "Concept van de procesbeschrijving opgesteld.")
                elif doc is None:
                    raise services.PlanningError("Er is nog geen procesbeschrijving; stel er eerst een op.")
                elif action == "save":
                    process.update(request.user, doc, form.texts())
                    messages.success(request, "Procesbeschrijving bewaard.")
                else:
                    process.finalize(request.user, doc)
                    messages.success(request, "Procesbeschrijving is definitief.")
                return redirect("planning:process", slug=slug)
            except RegisterError as exc:
                form.add_service_error(exc)
    return render_form(request, "planning/process.html", {
        "trajectory": trajectory, "doc": doc, "sections": sections, "form": form,
        "can_manage": can_manage, "conditions": process.related_conditions(trajectory),
        "editable": bool(doc and doc.status == c.DocumentStatus.CONCEPT and can_manage),
        "error_title": "De procesbeschrijving is niet gewijzigd",
    }, form)


@login_required
def process_download(request, slug, fmt):
    trajectory = _trajectory(slug)
    doc = process.current_description(trajectory)
    if doc is None or fmt not in ("md", "docx"):
        raise Http404("Er is (nog) geen procesbeschrijving in dit formaat.")
    if not permissions.can_see_document(request.user, doc):
        raise DjangoPermissionDenied("U mag dit document niet zien.")
    response = HttpResponse(pexport.render(process.to_document(doc), fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="procesbeschrijving-ondernemingsraden-{slug}.{fmt}"'
    return response
