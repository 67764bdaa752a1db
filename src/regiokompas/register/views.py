"""Register pages (Dutch). Views parse input, ask accounts.permissions, and call services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from regiokompas.accounts import permissions
from regiokompas.audit.models import AuditEntry
from regiokompas.formpages import render_form
from regiokompas.paging import paginate
from regiokompas.register import constants as c
from regiokompas.register import panels, query, services, setup_services
from regiokompas.register.dates import FuzzyDate
from regiokompas.register.errors import RegisterError
from regiokompas.register.forms import DecisionForm, SupersedeForm
from regiokompas.register.models import (
    Condition,
    Decision,
    Document,
    Gate,
    JointArrangement,
    Law,
    Municipality,
    Trajectory,
)
from regiokompas.register.setup_forms import ConditionFulfilForm


@login_required
def trajectory_list(request):
    trajectories = (Trajectory.objects.select_related("region").annotate(participant_count=Count("participants"))
                    .order_by("-start_date", "name", "pk"))
    paged = paginate(request, trajectories, "traject", "trajecten")
    return render(request, "register/trajectory_list.html", {"trajectories": paged, "paged": paged})


def _timeline(trajectory: Trajectory, documents, gates):
    """Events in date order: start, law dates, gates, documents."""
    events = []
    if trajectory.start_date:
        events.append((trajectory.start_date, trajectory.start_precision, "start", f"Start: {trajectory.name}", None))
    for law in trajectory.drivers.all():
        if law.planned_start:
            status = " (gaat niet door)" if law.status == c.LawStatus.WITHDRAWN else ""
            events.append((law.planned_start, "day", "wet", f"Geplande invoering {law.abbreviation}{status}", None))
        if law.actual_start and law.actual_start != law.planned_start:
            events.append((law.actual_start, "day", "wet", f"Inwerkingtreding {law.abbreviation}", None))
    for gate in gates:
        if gate.planned_date:
            events.append((gate.planned_date, gate.planned_date_precision, "besluitmoment", f"Besluitmoment {gate}",
                           reverse("register:gate-detail", args=[gate.pk])))
    for doc in documents:
        if doc.date:
            events.append((doc.date, doc.date_precision, "document", f"{doc.get_kind_display().capitalize()}: {doc.title}",
                           reverse("register:document-detail", args=[doc.pk])))
    events.sort(key=lambda e: e[0])
    return [{"date": d, "precision": p, "kind": k, "label": label, "url": url} for d, p, k, label, url in events]


@login_required
def trajectory_detail(request, slug):
    trajectory = get_object_or_404(Trajectory.objects.select_related("commissioning_body", "project_organisation", "region"), slug=slug)
    state = query.trajectory_state(trajectory)
    documents = permissions.visible_documents(request.user, trajectory.documents.all())
    flags = [(state.results[g.pk], query.shared_organisation_flags(state.results[g.pk])) for g in state.gates]
    return render(request, "register/trajectory_detail.html", {
        "trajectory": trajectory,
        "state": state,
        "rows": state.rows(),
        "results": [state.results[g.pk] for g in state.gates],
        "flags": [(r, f) for r, fs in flags for f in fs],
        "open_conditions": query.open_conditions(trajectory),
        "timeline": _timeline(trajectory, documents, state.gates),
        "laws": trajectory.law_links.select_related("law"),
        "panels": panels.render_panels(panels.TRAJECTORY_PANELS, request, trajectory),
        "can_export": permissions.can_manage_trajectory(request.user, trajectory),
    })


@login_required
def trajectory_export(request, slug):
    """The whole dossier as JSON (docs/dossier-format.md). It holds confidential documents too, so
    only the project organisation and beheer may download it."""
    trajectory = get_object_or_404(Trajectory, slug=slug)
    if not permissions.can_manage_trajectory(request.user, trajectory):
        raise DjangoPermissionDenied("Alleen de projectorganisatie of functioneel beheer exporteert het dossier.")
    from regiokompas.register.dossier import dossier_json

    response = HttpResponse(dossier_json(trajectory), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="dossier-{trajectory.slug}.json"'
    return response


@login_required
def gate_detail(request, pk):
    gate = get_object_or_404(Gate.objects.select_related("trajectory"), pk=pk)
    state = query.trajectory_state(gate.trajectory)
    result = state.results[gate.pk]
    cells = [(m, state.cell(gate, m)) for m in state.municipalities]
    can_record = {m.pk: permissions.can_record_decision(request.user, m, gate.trajectory) for m, _ in cells}
    rows = []
    for m, cell in cells:
        by_kind = {d.governing_body.kind: d for d in cell.decisions}
        bodies = [(kind, c.GoverningBodyKind(kind).label, by_kind.get(kind)) for kind in gate.bodies if kind in c.GoverningBodyKind.values]
        rows.append((m, cell, bodies, can_record[m.pk]))
    profile = permissions.profile_of(request.user)
    return render(request, "register/gate_detail.html", {
        "gate": gate,
        "trajectory": gate.trajectory,
        "result": result,
        "cells": cells,
        "flags": query.shared_organisation_flags(result),
        "subject_documents": permissions.visible_documents(request.user, gate.subject_documents.all()),
        "can_record": can_record,
        "rows": rows,
        "profile": profile,
        "assignments": gate.assignments.select_related("contractor").prefetch_related("commissioners"),
        "panels": panels.render_panels(panels.GATE_PANELS, request, gate),
    })


def _documents_for(user, trajectory):
    return permissions.visible_documents(user, Document.objects.filter(trajectory=trajectory))


def _decision_input(form, gate, municipality, earlier: Decision | None = None) -> services.DecisionInput:
    data = form.cleaned_data
    # in a correction a line that repeats an earlier condition keeps that condition's category and status
    kept = {" ".join(t.split()).casefold() for t in earlier.conditions.values_list("text", flat=True)} if earlier else set()
    category = data["condition_category"] or c.ConditionCategory.ANALYSIS
    return services.DecisionInput(
        gate=gate,
        municipality=municipality,
        outcome=data["outcome"],
        date=data["date"].value,
        date_precision=data["date"].precision,
        body_kind=data.get("body", ""),
        motivation=data["motivation"],
        withdraws=data["withdraws"],
        document=data["document"],
        zaaknummer=data["zaaknummer"],
        source=data["source"],
        conditions=[services.ConditionInput(text=t, category=None if " ".join(t.split()).casefold() in kept else category)
                    for t in form.condition_lines()],
    )


def _first_open_body(gate: Gate, municipality: Municipality) -> str:
    """The first body in the gate's order without a current decision of this municipality."""
    done = set(Decision.objects.filter(gate=gate, municipality=municipality, is_current=True).values_list("governing_body__kind", flat=True))
    return next((b for b in gate.bodies if b not in done), gate.counting_body_kind)


@login_required
def decision_create(request, pk, code):
    gate = get_object_or_404(Gate.objects.select_related("trajectory"), pk=pk)
    municipality = get_object_or_404(Municipality, cbs_code=code)
    if not permissions.can_record_decision(request.user, municipality, gate.trajectory):
        raise DjangoPermissionDenied(f"Alleen medewerkers van {municipality} die aan dit traject deelnemen leggen besluiten van {municipality} vast.")
    initial = {"body": request.GET.get("orgaan") if request.GET.get("orgaan") in gate.bodies else _first_open_body(gate, municipality)}
    form = DecisionForm(request.POST or None, initial=initial, gate=gate, documents=_documents_for(request.user, gate.trajectory))
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.record_decision(request.user, _decision_input(form, gate, municipality), trajectory=gate.trajectory)
        except RegisterError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Besluit van {municipality} ({decision.governing_body.get_kind_display()}) vastgelegd.")
            return redirect("register:decision-detail", pk=decision.pk)
    return render_form(request, "register/decision_form.html", {
        "form": form, "gate": gate, "municipality": municipality, "trajectory": gate.trajectory,
        "title": f"Besluit vastleggen: {municipality}",
    }, form)


@login_required
def decision_detail(request, pk):
    decision = get_object_or_404(Decision.objects.select_related("gate__trajectory", "municipality", "governing_body", "document"), pk=pk)
    history = query.decision_history(decision)
    newer = []
    current = decision
    while hasattr(current, "superseded_by"):
        try:
            current = current.superseded_by
        except Decision.DoesNotExist:
            break
        newer.append(current)
    audit_rows = AuditEntry.objects.filter(object_type="register.Decision", object_id__in=[str(d.pk) for d in history])
    return render(request, "register/decision_detail.html", {
        "decision": decision,
        "trajectory": decision.gate.trajectory,
        "history": history[1:],
        "newer": newer,
        "conditions": decision.conditions.select_related("fulfilled_by"),
        "can_record": permissions.can_record_decision(request.user, decision.municipality, decision.gate.trajectory),
        "audit_rows": audit_rows,
    })


@login_required
def decision_supersede(request, pk):
    earlier = get_object_or_404(Decision.objects.select_related("gate__trajectory", "municipality", "governing_body"), pk=pk)
    if not permissions.can_record_decision(request.user, earlier.municipality, earlier.gate.trajectory):
        raise DjangoPermissionDenied(f"Alleen medewerkers van {earlier.municipality} vervangen besluiten van {earlier.municipality}.")
    initial = {
        "outcome": earlier.outcome, "date": FuzzyDate(earlier.date, earlier.date_precision),
        "motivation": earlier.motivation, "withdraws": earlier.withdraws, "document": earlier.document_id,
        "zaaknummer": earlier.zaaknummer, "source": earlier.source,
        "conditions": "\n".join(earlier.conditions.values_list("text", flat=True)),
    }
    form = SupersedeForm(request.POST or None, initial=initial, gate=earlier.gate, documents=_documents_for(request.user, earlier.gate.trajectory))
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.supersede_decision(
                request.user, earlier, _decision_input(form, earlier.gate, earlier.municipality, earlier),
                reason=form.cleaned_data["reason"], kind=form.cleaned_data["kind"],
            )
        except RegisterError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Het besluit is vervangen; het eerdere besluit blijft zichtbaar in de geschiedenis.")
            return redirect("register:decision-detail", pk=decision.pk)
    return render_form(request, "register/decision_form.html", {
        "form": form, "gate": earlier.gate, "municipality": earlier.municipality, "trajectory": earlier.gate.trajectory,
        "earlier": earlier, "title": f"Besluit vervangen: {earlier.municipality} ({earlier.governing_body.get_kind_display()})",
    }, form)


@login_required
def condition_status(request, pk):
    condition = get_object_or_404(Condition.objects.select_related("decision__gate__trajectory", "decision__municipality"), pk=pk)
    if not permissions.can_change_condition(request.user, condition):
        raise DjangoPermissionDenied("U mag de status van deze voorwaarde niet wijzigen.")
    trajectory = condition.decision.gate.trajectory
    form = ConditionFulfilForm(request.POST or None, initial={"status": condition.status}, documents=_documents_for(request.user, trajectory))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["new_document_title"].strip():
                # the fulfilling document is registered on the way, in the same transaction
                setup_services.fulfil_condition_with_new_document(
                    request.user, condition, title=data["new_document_title"], kind=data["new_document_kind"],
                    date=data["new_document_date"], note=data["note"],
                )
            else:
                services.set_condition_status(request.user, condition, data["status"], fulfilled_by=data["fulfilled_by"], note=data["note"])
        except RegisterError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "De status van de voorwaarde is bijgewerkt.")
            return redirect("register:decision-detail", pk=condition.decision_id)
    return render_form(request, "register/condition_form.html", {"form": form, "condition": condition, "trajectory": trajectory}, form)


@login_required
def municipality_detail(request, code):
    municipality = get_object_or_404(Municipality.objects.select_related("successor"), cbs_code=code)
    decisions = (
        municipality.decisions.filter(is_current=True)
        .select_related("gate__trajectory", "governing_body")
        .prefetch_related(Prefetch("conditions", queryset=Condition.objects.order_by("id")))
        .order_by("gate__trajectory__start_date", "gate__ordinal")
    )
    participations = []
    for p in municipality.trajectory_participations.select_related("trajectory"):
        state = query.trajectory_state(p.trajectory)
        participations.append((p.trajectory, [(g, state.cell(g, municipality)) for g in state.gates]))
    return render(request, "register/municipality_detail.html", {
        "municipality": municipality,
        "predecessors": municipality.predecessors.all(),
        "population": municipality.population_figures.all(),
        "arrangements": municipality.arrangement_participations.select_related("arrangement"),
        "served_by": municipality.served_by.all(),
        "decisions": decisions,
        "participations": participations,
        "panels": panels.render_panels(panels.MUNICIPALITY_PANELS, request, municipality),
    })


@login_required
def document_list(request, slug):
    trajectory = get_object_or_404(Trajectory, slug=slug)
    documents = permissions.visible_documents(request.user, trajectory.documents.select_related(
        "issuer_municipality", "issuer_organisation").order_by("-date", "title", "pk"))
    paged = paginate(request, documents, "document", "documenten")
    hidden = trajectory.documents.count() - paged.page.paginator.count
    return render(request, "register/document_list.html", {"trajectory": trajectory, "documents": paged, "paged": paged,
                                                           "hidden": hidden})


@login_required
def document_detail(request, pk):
    document = get_object_or_404(Document.objects.select_related("trajectory", "issuer_municipality", "issuer_organisation"), pk=pk)
    if not permissions.can_see_document(request.user, document):
        raise Http404("Document niet gevonden")
    return render(request, "register/document_detail.html", {
        "document": document,
        "trajectory": document.trajectory,
        "sections": document.sections.all(),
        "attachments": permissions.visible_documents(request.user, document.attachments.all()),
        "laws": Law.objects.none(),
    })


# --- arrangements (read-only pages: legal form, participants, boards, lineage) -------------------


@login_required
def arrangement_list(request):
    arrangements = JointArrangement.objects.prefetch_related("participations__municipality").order_by("name")
    return render(request, "register/arrangement_list.html", {"arrangements": arrangements})


@login_required
def arrangement_detail(request, pk):
    arrangement = get_object_or_404(JointArrangement.objects.select_related("centre_municipality"), pk=pk)
    appointments = arrangement.appointments.select_related("person", "municipality").order_by(
        "organ", "municipality__name", "capacity", "start")
    return render(request, "register/arrangement_detail.html", {
        "arrangement": arrangement,
        "participations": arrangement.participations.select_related("municipality").order_by("municipality__name"),
        "bodies": arrangement.governing_bodies.all(),
        "appointments": appointments,
        "lineage": arrangement.lineage(),
        "descendants": arrangement.descendants(),
        "execution_organisations": arrangement.execution_organisations.all(),
    })
