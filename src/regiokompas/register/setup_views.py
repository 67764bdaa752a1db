"""Pages to set up a trajectory without the Django admin: the trajectory with its participants,
its gates, organisations and joint arrangements (participants, bodies, predecessors, appointments).
Views parse input with the forms in ``setup_forms``, ask ``accounts.permissions`` and call services."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from regiokompas.accounts import permissions
from regiokompas.formpages import render_form, require, saved
from regiokompas.register import constants as c
from regiokompas.register import services, setup_services
from regiokompas.register.dates import FuzzyDate
from regiokompas.register.models import (
    ArrangementParticipation,
    Gate,
    GoverningBody,
    JointArrangement,
    Organisation,
    Trajectory,
)
from regiokompas.register.setup_forms import (
    AppointmentForm,
    ArrangementForm,
    GateForm,
    OrganisationForm,
    ParticipationForm,
    TrajectoryForm,
    municipality_groups,
)

SEARCH = "zoek_gemeenten"


def _posted_initial(post, form_class) -> dict:
    """The posted values as initial values of an unbound form: a search re-shows the form as it was
    filled in, without checking or saving anything."""
    initial = {}
    for name, f in form_class.base_fields.items():
        if isinstance(f, (forms.MultipleChoiceField, forms.ModelMultipleChoiceField)):
            initial[name] = post.getlist(name)
        elif name in post:
            initial[name] = post.get(name)
    return initial


def _require_manager(request, trajectory, does: str) -> None:
    require(permissions.can_manage_trajectory(request.user, trajectory),
            f"Alleen de projectleider van '{trajectory}' of functioneel beheer {does}.")


def _managed(request, slug, does: str) -> Trajectory:
    """The trajectory, if the user manages it; else 403 saying who ``does`` what the page does."""
    trajectory = get_object_or_404(Trajectory, slug=slug)
    _require_manager(request, trajectory, does)
    return trajectory


# --- overview ---------------------------------------------------------------------------------------


@login_required
def setup_overview(request):
    """What this user may set up: trajectories she manages, organisations, arrangements, users."""
    require(permissions.can_create_trajectory(request.user) or permissions.can_manage_trajectory(request.user),
            "Alleen functioneel beheer en projectleiders richten trajecten in.")
    trajectories = [t for t in Trajectory.objects.order_by("name") if permissions.can_manage_trajectory(request.user, t)]
    return render(request, "register/setup/overview.html", {
        "trajectories": trajectories,
        "organisations": Organisation.objects.order_by("name"),
        "arrangements": JointArrangement.objects.order_by("name"),
        "can_create": permissions.can_create_trajectory(request.user),
        "can_register": permissions.can_manage_trajectory(request.user),
        "can_manage_users": permissions.can_manage_users(request.user),
        "can_manage_house_style": permissions.can_manage_house_style(request.user),
    })


# --- trajectory -------------------------------------------------------------------------------------


def _trajectory_input(data) -> setup_services.TrajectoryInput:
    new_law = None
    if data.get("new_law_name"):
        new_law = (data["new_law_name"], data["new_law_abbreviation"], data.get("new_law_status") or c.LawStatus.IN_FORCE)
    return setup_services.TrajectoryInput(
        name=data["name"], slug=data["slug"], domain=data["domain"], aim=data["aim"], status=data["status"],
        start=data["start"], region=data["region"], new_region=data["new_region"], commissioning=data["commissioning"],
        project_organisation=data["project_organisation"], new_project_organisation=data["new_project_organisation"],
        laws=list(data["laws"]), new_law=new_law, participants=list(data["participants"]), source=data["source"],
    )


def _trajectory_page(request, form, trajectory=None, searched=False):
    query = (request.POST.get("zoekterm") or request.GET.get("zoekterm") or "").strip()
    if form.is_bound:
        selected = set(form.data.getlist("participants"))
    else:
        selected = set(form.initial.get("participants") or [])
    current, former = municipality_groups(query, selected)
    return render_form(request, "register/setup/trajectory_form.html", {
        "form": form, "trajectory": trajectory, "query": query, "selected": selected, "searched": searched,
        "current_municipalities": current, "former_municipalities": former,
        "title": f"Traject wijzigen: {trajectory}" if trajectory else "Nieuw traject",
    }, form)


@login_required
def trajectory_create(request):
    require(permissions.can_create_trajectory(request.user), "Alleen functioneel beheer en projectleiders starten een traject.")
    if request.method == "POST" and SEARCH in request.POST:
        # Narrow the list of municipalities; nothing is saved.
        return _trajectory_page(request, TrajectoryForm(initial=_posted_initial(request.POST, TrajectoryForm),
                                                        participant_codes=request.POST.getlist("participants")), searched=True)
    form = TrajectoryForm(request.POST or None)
    if done := saved(request, form, lambda: setup_services.create_trajectory(request.user, _trajectory_input(form.cleaned_data)),
                     lambda trajectory: f"Traject '{trajectory.name}' aangemaakt. U beheert het; voeg nu besluitmomenten toe."):
        return redirect("register:trajectory-detail", slug=done.result.slug)
    return _trajectory_page(request, form)


def _trajectory_initial(t: Trajectory) -> dict:
    body = t.commissioning_body
    commissioning = ""
    if body is not None:
        commissioning = f"{body.kind}:{body.municipality.cbs_code}" if body.municipality_id else f"body:{body.pk}"
    return {
        "name": t.name, "slug": t.slug, "domain": t.domain, "aim": t.aim, "status": t.status,
        "start": FuzzyDate(t.start_date, t.start_precision), "region": t.region_id, "commissioning": commissioning,
        "project_organisation": t.project_organisation_id, "laws": list(t.drivers.values_list("pk", flat=True)),
        "participants": list(t.participants.values_list("municipality__cbs_code", flat=True)), "source": t.source,
    }


@login_required
def trajectory_edit(request, slug):
    trajectory = _managed(request, slug, "wijzigt dit traject")
    initial = _trajectory_initial(trajectory)
    if request.method == "POST" and SEARCH in request.POST:
        posted = {**_posted_initial(request.POST, TrajectoryForm), "slug": trajectory.slug}
        return _trajectory_page(request, TrajectoryForm(initial=posted, editing=True, participant_codes=posted["participants"]),
                                trajectory, searched=True)
    form = TrajectoryForm(request.POST or None, initial=initial, editing=True, participant_codes=initial["participants"])
    if saved(request, form, lambda: setup_services.update_trajectory(request.user, trajectory, _trajectory_input(form.cleaned_data)),
             lambda _: f"Traject '{trajectory.name}' bijgewerkt."):
        return redirect("register:trajectory-detail", slug=trajectory.slug)
    return _trajectory_page(request, form, trajectory)


# --- gates -------------------------------------------------------------------------------------------


def _gate_input(data) -> setup_services.GateInput:
    return setup_services.GateInput(
        ordinal=data["ordinal"], title=data["title"], description=data["description"], kind=data["kind"], bodies=data["bodies"],
        counting_body=data["counting_body"], body_arrangement=data["body_arrangement"], body_organisation=data["body_organisation"],
        planned=data["planned"], deadline=data["deadline"], continuation_rule=data["continuation_rule"],
        minimum_participants=data["minimum_participants"] or 2, source=data["source"],
    )


def _gate_page(request, form, trajectory, gate=None):
    return render_form(request, "register/setup/gate_form.html", {
        "form": form, "trajectory": trajectory, "gate": gate,
        "title": f"Besluitmoment wijzigen: {gate}" if gate else "Nieuw besluitmoment",
    }, form)


@login_required
def gate_create(request, slug):
    trajectory = _managed(request, slug, "legt besluitmomenten vast")
    following = (trajectory.gates.order_by("-ordinal").values_list("ordinal", flat=True).first() or 0) + 1
    form = GateForm(request.POST or None, initial={
        "ordinal": following, "kind": c.GateKind.DECISION, "bodies": [c.GoverningBodyKind.COLLEGE],
        "continuation_rule": c.ContinuationRule.ALL_MUST_AGREE, "minimum_participants": 2,
    })
    if done := saved(request, form, lambda: setup_services.save_gate(request.user, trajectory, _gate_input(form.cleaned_data)),
                     lambda gate: f"Besluitmoment '{gate}' vastgelegd."):
        return redirect("register:gate-detail", pk=done.result.pk)
    return _gate_page(request, form, trajectory)


@login_required
def gate_edit(request, pk):
    gate = get_object_or_404(Gate.objects.select_related("trajectory"), pk=pk)
    trajectory = gate.trajectory
    _require_manager(request, trajectory, "wijzigt besluitmomenten")
    form = GateForm(request.POST or None, initial={
        "ordinal": gate.ordinal, "title": gate.title, "description": gate.description, "kind": gate.kind,
        "bodies": list(gate.bodies or []), "counting_body": gate.counting_body, "body_arrangement": gate.body_arrangement_id,
        "body_organisation": gate.body_organisation_id, "planned": FuzzyDate(gate.planned_date, gate.planned_date_precision),
        "deadline": FuzzyDate(gate.deadline, c.DatePrecision.DAY), "continuation_rule": gate.continuation_rule,
        "minimum_participants": gate.minimum_participants, "source": gate.source,
    })
    if done := saved(request, form, lambda: setup_services.save_gate(request.user, trajectory, _gate_input(form.cleaned_data), gate=gate),
                     lambda gate: f"Besluitmoment '{gate}' bijgewerkt."):
        return redirect("register:gate-detail", pk=done.result.pk)
    return _gate_page(request, form, trajectory, gate)


# --- organisations -----------------------------------------------------------------------------------


def _check_register(request):
    require(permissions.can_manage_trajectory(request.user),
            "Alleen functioneel beheer en de projectleider van een traject leggen organisaties en regelingen vast.")


@login_required
def organisation_form(request, pk=None):
    _check_register(request)
    organisation = get_object_or_404(Organisation, pk=pk) if pk else None
    initial = {}
    if organisation is not None:
        initial = {"name": organisation.name, "kind": organisation.kind, "description": organisation.description,
                   "source": organisation.source,
                   "bodies": list(GoverningBody.objects.filter(organisation=organisation).values_list("kind", flat=True))}
    form = OrganisationForm(request.POST or None, initial=initial, instance=organisation)

    def save():
        data = form.cleaned_data
        target = Organisation.objects.get(pk=organisation.pk) if organisation else Organisation()
        target.name, target.kind, target.description, target.source = data["name"], data["kind"], data["description"].strip(), data["source"].strip()
        return setup_services.save_organisation(request.user, target, bodies=data["bodies"])

    if saved(request, form, save, lambda target: f"Organisatie '{target.name}' opgeslagen."):
        return redirect("register:setup-overview")
    return render_form(request, "register/setup/simple_form.html", {
        "form": form, "title": f"Organisatie wijzigen: {organisation}" if organisation else "Nieuwe organisatie",
        "submit": "Organisatie opslaan", "cancel": reverse("register:setup-overview"),
    }, form)


# --- arrangements ------------------------------------------------------------------------------------


def _arrangement_input(data) -> setup_services.ArrangementInput:
    return setup_services.ArrangementInput(
        name=data["name"], legal_form=data["legal_form"], arrangement_type=data["arrangement_type"],
        centre_municipality=data["centre_municipality"], valid_from=data["valid_from"], valid_to=data["valid_to"],
        publication=data["publication"], exit_rules=data["exit_rules"], bodies=data["bodies"],
        participants=list(data["participants"]), predecessors=list(data["predecessors"]),
        succession_kind=data["succession_kind"], succession_date=data["succession_date"], source=data["source"],
    )


def _arrangement_page(request, form, arrangement=None, searched=False):
    query = (request.POST.get("zoekterm") or "").strip()
    selected = set(form.data.getlist("participants")) if form.is_bound else set(form.initial.get("participants") or [])
    current, former = municipality_groups(query, selected)
    context = {
        "form": form, "arrangement": arrangement, "query": query, "selected": selected, "searched": searched,
        "current_municipalities": current, "former_municipalities": former,
        "title": f"Regeling wijzigen: {arrangement}" if arrangement else "Nieuwe regeling",
    }
    if arrangement is not None:
        context.update(
            participations=arrangement.participations.select_related("municipality").order_by("municipality__name"),
            appointments=arrangement.appointments.select_related("person", "municipality"),
            lineage=arrangement.lineage(),
        )
    return render_form(request, "register/setup/arrangement_form.html", context, form)


@login_required
def arrangement_form(request, pk=None):
    _check_register(request)
    arrangement = get_object_or_404(JointArrangement, pk=pk) if pk else None
    initial = {}
    if arrangement is not None:
        initial = {
            "name": arrangement.name, "legal_form": arrangement.legal_form, "arrangement_type": arrangement.arrangement_type,
            "centre_municipality": arrangement.centre_municipality_id,
            "valid_from": FuzzyDate(arrangement.valid_from, arrangement.valid_from_precision),
            "valid_to": FuzzyDate(arrangement.valid_to, arrangement.valid_to_precision),
            "publication": arrangement.publication, "exit_rules": arrangement.exit_rules, "source": arrangement.source,
            "bodies": list(GoverningBody.objects.filter(arrangement=arrangement).values_list("kind", flat=True)),
            "participants": list(arrangement.participations.values_list("municipality__cbs_code", flat=True)),
            "predecessors": list(arrangement.predecessor_links.values_list("predecessor_id", flat=True)),
            "succession_kind": arrangement.predecessor_links.values_list("kind", flat=True).first() or "",
        }
    if request.method == "POST" and SEARCH in request.POST:
        return _arrangement_page(request, ArrangementForm(initial=_posted_initial(request.POST, ArrangementForm), instance=arrangement),
                                 arrangement, searched=True)
    form = ArrangementForm(request.POST or None, initial=initial, instance=arrangement)
    if done := saved(request, form, lambda: setup_services.save_arrangement(request.user, _arrangement_input(form.cleaned_data), arrangement),
                     lambda result: f"Regeling '{result.name}' opgeslagen."):
        return redirect("register:arrangement-edit", pk=done.result.pk)
    return _arrangement_page(request, form, arrangement)


@login_required
def participation_edit(request, pk):
    _check_register(request)
    participation = get_object_or_404(ArrangementParticipation.objects.select_related("arrangement", "municipality"), pk=pk)
    form = ParticipationForm(request.POST or None, initial={
        "organs": participation.organs,
        "joined": FuzzyDate(participation.joined, participation.joined_precision),
        "left": FuzzyDate(participation.left, participation.left_precision),
    })
    if saved(request, form, lambda: setup_services.update_participation(
            request.user, participation, organs=form.cleaned_data["organs"], joined=form.cleaned_data["joined"],
            left=form.cleaned_data["left"]), lambda _: f"Deelname van {participation.municipality} bijgewerkt."):
        return redirect("register:arrangement-edit", pk=participation.arrangement_id)
    return render_form(request, "register/setup/simple_form.html", {
        "form": form, "title": f"Deelname van {participation.municipality} aan {participation.arrangement}",
        "submit": "Deelname opslaan", "cancel": reverse("register:arrangement-edit", args=[participation.arrangement_id]),
    }, form)


@login_required
def appointment_create(request, pk):
    _check_register(request)
    arrangement = get_object_or_404(JointArrangement, pk=pk)
    form = AppointmentForm(request.POST or None, arrangement=arrangement)

    def save():
        data = form.cleaned_data
        return services.record_appointment(request.user, services.AppointmentInput(
            arrangement=arrangement, organ=data["organ"], capacity=data["capacity"], municipality=data["municipality"],
            person_name=data["person_name"], start=data["start"], end=data["end"], source=data["source"].strip(),
        ))

    if saved(request, form, save, lambda _: f"Benoeming van {form.cleaned_data['person_name']} vastgelegd."):
        return redirect("register:arrangement-edit", pk=arrangement.pk)
    return render_form(request, "register/setup/simple_form.html", {
        "form": form, "title": f"Benoeming in een bestuur van {arrangement}",
        "submit": "Benoeming opslaan", "cancel": reverse("register:arrangement-edit", args=[arrangement.pk]),
    }, form)
