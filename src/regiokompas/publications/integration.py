"""Hooks into the register: panels on the trajectory and gate pages, models in the dossier."""

from __future__ import annotations


def gate_panel(request, gate):
    from django.urls import reverse

    from regiokompas import dutch
    from regiokompas.accounts import permissions
    from regiokompas.publications import services
    from regiokompas.publications.models import Publication

    rows = services.information_status(gate)
    not_informed = [r["municipality"] for r in rows if not r["informed"]]
    publications = Publication.objects.filter(gate=gate).select_related("document", "municipality").order_by("municipality__name", "kind", "-version")
    publications = [p for p in publications if permissions.can_see_publication(request.user, p)]
    draftable = [r["municipality"] for r in rows if services.may_draft(request.user, r["municipality"], gate.trajectory)]
    return {
        "template": "publications/_gate_panel.html",
        "context": {
            "gate": gate,
            "rows": rows,
            "not_informed": not_informed,
            "not_informed_text": (f"{dutch.number(len(not_informed), 'de raad', 'de raden')} van "
                                  f"{dutch.enumerate_nl(not_informed)}"),
            "all_informed_text": ("De raad van de deelnemende gemeente is over dit besluitmoment geïnformeerd." if len(rows) == 1
                                  else "De raden van alle deelnemende gemeenten zijn over dit besluitmoment geïnformeerd."),
            "publications": publications,
            "draftable": draftable,
            "draft_url": reverse("publications:draft", args=[gate.pk]),
        },
    }


def trajectory_panel(request, trajectory):
    from django.urls import reverse

    from regiokompas import caching
    from regiokompas.publications import services
    from regiokompas.publications.models import Publication

    def counts() -> dict:
        publications = Publication.objects.filter(gate__trajectory=trajectory)
        return {"count": publications.count(), "participants": trajectory.participants.count(),
                "definitief": publications.filter(document__status="definitief").count()}

    # the same for every viewer: cached per trajectory and data version
    n = caching.cached("publications.trajectory_counts", (trajectory.pk,), counts)
    return {
        "template": "publications/_trajectory_panel.html",
        "context": {
            "trajectory": trajectory,
            "count": n["count"],
            "councils": "de raad" if n["participants"] == 1 else "de raden",
            "definitief": n["definitief"],
            "overview_url": reverse("publications:overview", args=[trajectory.slug]),
            "import_url": reverse("publications:import") if services.may_import(request.user) else "",
        },
    }


def municipality_panel(request, municipality):
    from regiokompas.accounts import permissions
    from regiokompas.publications.models import InformationEvent, Publication

    # what the permission checks ask of each document (is it a council document, was it sent) comes along
    sent = "document__information_events"
    events = (InformationEvent.objects.filter(municipality=municipality).select_related("document__publication", "gate")
              .prefetch_related(sent).order_by("-date"))
    publications = (Publication.objects.filter(municipality=municipality).select_related("document", "gate")
                    .prefetch_related(sent).order_by("-pk"))
    publications = [p for p in publications if permissions.can_see_publication(request.user, p)]
    if not events and not publications:
        return None
    return {
        "template": "publications/_municipality_panel.html",
        "context": {"municipality": municipality, "events": events, "publications": publications},
    }


def _dossier_specs() -> None:
    from regiokompas.publications import models as pm
    from regiokompas.register.dossier import ModelSpec, register_model

    register_model(ModelSpec("publications_publication", pm.Publication,
                             lambda t, c: pm.Publication.objects.filter(document__trajectory=t)))
    register_model(ModelSpec("publications_information_event", pm.InformationEvent,
                             lambda t, c: pm.InformationEvent.objects.filter(document__trajectory=t)))


def install() -> None:
    from regiokompas.register import panels

    panels.add(panels.GATE_PANELS, gate_panel)
    panels.add(panels.TRAJECTORY_PANELS, trajectory_panel)
    panels.add(panels.MUNICIPALITY_PANELS, municipality_panel)
    _dossier_specs()
    from regiokompas.jobs.models import JobKind
    from regiokompas.jobs.services import register_handler
    from regiokompas.publications import jobs

    register_handler(JobKind.DOCUMENT, jobs.document)
    register_handler(JobKind.IMPORT, jobs.import_file)
