from __future__ import annotations

import functools
import re
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from regiokompas import formatting
from regiokompas.accounts import permissions
from regiokompas.documents.decisions import OUTCOME_LABELS
from regiokompas.documents.model import KIND_NAMES
from regiokompas.documents.render import CONTENT_TYPES, FORMATS, csp_style_hashes, render_html, safe_filename
from regiokompas.documents.render import render as render_document
from regiokompas.formpages import attempted
from regiokompas.jobs import services as jobs
from regiokompas.jobs.models import JobKind, JobStatus
from regiokompas.jobs.views import respond
from regiokompas.publications import drafting, services
from regiokompas.publications.forms import (
    CommentForm,
    ConfirmForm,
    DraftForm,
    EditForm,
    FinaliseForm,
    InformationEventForm,
    UploadForm,
)
from regiokompas.publications.models import DocumentImport, ImportStatus, InformationEvent, Publication
from regiokompas.register.constants import GoverningBodyKind
from regiokompas.register.dates import FuzzyDate
from regiokompas.register.errors import RegisterError
from regiokompas.register.models import Document, Gate, Municipality, Trajectory


def _publication(request, pk) -> Publication:
    publication = get_object_or_404(Publication.objects.select_related("document", "gate__trajectory", "municipality"), pk=pk)
    if not permissions.can_see_publication(request.user, publication):
        raise Http404("Dit stuk is niet zichtbaar voor u.")
    return publication


def _publication_trajectory(publication: Publication):
    return publication.gate.trajectory if publication.gate_id else publication.document.trajectory


def _preview(document, viewer):
    """The document in its final layout (the html rendering), with its headings under the page's own."""
    preview = render_html(drafting.to_model(document, viewer=viewer))
    body = preview[preview.index("<main>") + 6: preview.index("</main>")]
    body = re.sub(r"<(/?)h([1-4])\b", lambda m: f"<{m.group(1)}h{int(m.group(2)) + 2}", body)
    body = body.replace("<header>", "<div>").replace("</header>", "</div>")
    return mark_safe(body)  # noqa: S308 - built from escaped text by render_html


@login_required
def overview(request, slug):
    trajectory = get_object_or_404(Trajectory, slug=slug)
    publications = Publication.objects.filter(gate__trajectory=trajectory).select_related("document", "municipality", "gate")
    publications = [p for p in publications if permissions.can_see_publication(request.user, p)]
    gates = list(trajectory.gates.order_by("ordinal"))
    status = [(g, services.information_status(g)) for g in gates]
    events = InformationEvent.objects.filter(gate__trajectory=trajectory).select_related("document", "municipality", "gate")
    return render(request, "publications/overview.html", {
        "trajectory": trajectory, "publications": publications, "status": status, "events": events,
        "may_import": services.may_import(request.user),
    })


@login_required
def draft(request, pk):
    gate = get_object_or_404(Gate.objects.select_related("trajectory"), pk=pk)
    municipalities = [p.municipality for p in gate.trajectory.participants.select_related("municipality").order_by("municipality__name")
                      if services.may_draft(request.user, p.municipality, gate.trajectory)]
    if not municipalities:
        messages.error(request, "U mag voor geen van de deelnemende gemeenten raadsinformatie opstellen.")
        return redirect("register:gate-detail", gate.pk)
    form = DraftForm(request.POST or None, municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        municipality = get_object_or_404(Municipality, cbs_code=form.cleaned_data["municipality"])
        try:
            publication = services.create_draft(request.user, gate, municipality, form.cleaned_data["kind"],
                                                date=form.cleaned_data.get("date"))
        except RegisterError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Het concept is opgesteld uit het register. Controleer en bewerk de tekst voordat u het definitief maakt.")
            return redirect("publications:edit", publication.pk)
    return render(request, "publications/draft.html", {"gate": gate, "trajectory": gate.trajectory, "form": form})


@login_required
def detail(request, pk):
    publication = _publication(request, pk)
    document = publication.document
    municipalities = [p.municipality for p in publication.gate.trajectory.participants.select_related("municipality").order_by("municipality__name")] if publication.gate_id else [publication.municipality]
    event_form = InformationEventForm(municipalities=[m for m in municipalities if m.pk == publication.municipality_id] or municipalities)

    return render(request, "publications/detail.html", {
        "publication": publication, "document": document, "trajectory": publication.gate.trajectory if publication.gate_id else None,
        "preview": _preview(document, request.user),
        "steps": publication.steps.all(), "may_approve": permissions.can_approve_publication(request.user, publication),
        "comment_form": CommentForm(), "finalise_form": FinaliseForm(),
        "formats": FORMATS, "may_edit": services.may_draft(request.user, publication.municipality, _publication_trajectory(publication)),
        "events": document.information_events.select_related("municipality").all(), "event_form": event_form,
        "versions": [v for v in Publication.objects.filter(gate=publication.gate, municipality=publication.municipality, kind=publication.kind)
                     .select_related("document").order_by("-version") if permissions.can_see_publication(request.user, v)],
        "kind_name": KIND_NAMES.get(publication.kind, publication.kind),
        "summary_url": _summary_url(request.user, publication),
    })


def _summary_url(user, publication) -> str:
    """The municipality's summary of the trajectory ("Wat betekent dit voor onze gemeente"), if any."""
    from regiokompas.register.models import TrajectoryParticipant

    trajectory = publication.gate.trajectory if publication.gate_id else None
    if trajectory is None or not permissions.can_see_summary(user, trajectory):
        return ""
    if not TrajectoryParticipant.objects.filter(trajectory=trajectory, municipality_id=publication.municipality_id).exists():
        return ""
    return reverse("summary:municipality", args=[trajectory.slug, publication.municipality.cbs_code])


@login_required
def edit(request, pk):
    publication = _publication(request, pk)
    document = publication.document
    if document.status == "definitief":
        messages.error(request, "Een definitief stuk wordt niet meer gewijzigd; maak een nieuwe versie.")
        return redirect("publications:detail", publication.pk)
    if publication.workflow != "concept":
        messages.error(request, "Dit stuk ligt ter akkoord of heeft akkoord; laat het eerst terugsturen om het te wijzigen.")
        return redirect("publications:detail", publication.pk)
    sections = list(document.sections.order_by("order"))
    form = EditForm(request.POST or None, initial={"title": document.title}, header=document.header, sections=sections)
    if request.method == "POST" and form.is_valid():
        try:
            header = {**{k: str(v) for k, v in (document.header or {}).items()}, **form.header_values()}
            services.update_draft(request.user, publication, title=form.cleaned_data["title"],
                                  header=header, sections=form.section_values())
        except RegisterError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Het concept is opgeslagen.")
            return redirect("publications:detail", publication.pk)
    return render(request, "publications/edit.html", {
        "publication": publication, "document": document, "form": form, "preview": _preview(document, request.user),
        "trajectory": publication.gate.trajectory if publication.gate_id else None,
    })


def _workflow_step(step: Callable[[HttpRequest, Publication], str]):
    """A button on a publication's page (submit, approve or send back, finalise): ``step`` takes
    the publication a step further through publications.services and gives the Dutch message; a
    refusal becomes an error message. Back to the publication's page either way."""

    @login_required
    @require_POST
    @functools.wraps(step)
    def view(request, pk):
        publication = _publication(request, pk)
        attempted(request, lambda: step(request, publication), lambda message: message)
        return redirect("publications:detail", publication.pk)

    return view


@_workflow_step
def finalise(request, publication) -> str:
    form = FinaliseForm(request.POST)
    services.finalise(request.user, publication, confirmed=form.is_valid() and bool(form.cleaned_data.get("confirm")))
    return "Het stuk is definitief en kan niet meer worden gewijzigd."


@_workflow_step
def submit(request, publication) -> str:
    services.submit_for_approval(request.user, publication)
    return "Het stuk ligt ter akkoord bij een collega van uw organisatie."


@_workflow_step
def approve(request, publication) -> str:
    form = CommentForm(request.POST)
    comment = form.cleaned_data.get("comment", "") if form.is_valid() else ""
    if request.POST.get("action") == "terug":
        services.send_back(request.user, publication, comment)
        return "Het stuk is met uw opmerking teruggestuurd en is weer een concept."
    services.approve(request.user, publication, comment)
    return "U hebt akkoord gegeven; het stuk kan nu definitief worden gemaakt."


@login_required
@require_POST
def new_version(request, pk):
    publication = _publication(request, pk)
    try:
        new = services.new_version(request.user, publication)
    except RegisterError as exc:
        messages.error(request, exc.message)
        return redirect("publications:detail", publication.pk)
    messages.success(request, f"Versie {new.version} is aangemaakt als concept; de definitieve versie {publication.version} blijft bewaard.")
    return redirect("publications:edit", new.pk)


@login_required
@require_POST
def information_event(request, pk):
    publication = _publication(request, pk)
    municipalities = [p.municipality for p in publication.gate.trajectory.participants.select_related("municipality")] if publication.gate_id else [publication.municipality]
    form = InformationEventForm(request.POST, municipalities=municipalities)
    if form.is_valid():
        municipality = get_object_or_404(Municipality, cbs_code=form.cleaned_data["municipality"])
        attempted(request, lambda: services.record_information_event(
            request.user, publication.document, municipality, date=form.cleaned_data["date"],
            channel=form.cleaned_data["channel"], legal_basis=form.cleaned_data["legal_basis"],
            gate=publication.gate, note=form.cleaned_data["note"],
        ), f"Vastgelegd: de raad van {municipality} is geïnformeerd.")
    else:
        messages.error(request, "Het informatiemoment is niet vastgelegd: " + " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("publications:detail", publication.pk)


BACKGROUND_FORMATS = ("docx", "pdf")


def _download(document: Document, fmt: str, viewer) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404(f"Onbekend formaat '{fmt}'. Kies uit: {', '.join(FORMATS)}.")
    if fmt in BACKGROUND_FORMATS:  # docx and pdf take seconds: rendered by the worker, for this viewer
        job = jobs.start(viewer, JobKind.DOCUMENT, f"{document.title} ({fmt})", trajectory=document.trajectory,
                         params={"document": document.pk, "fmt": fmt})
        return respond(None, job)
    data = render_document(drafting.to_model(document, viewer=viewer), fmt)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    disposition = "inline" if fmt == "html" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{safe_filename(document.title, fmt)}"'
    if fmt == "html":
        response._csp_update = {"style-src": csp_style_hashes(data)}  # the house style's stylesheet
    return response


@login_required
def download(request, pk, fmt):
    publication = _publication(request, pk)
    return _download(publication.document, fmt, request.user)


@login_required
def document_download(request, pk, fmt):
    document = get_object_or_404(Document, pk=pk)
    if not permissions.can_see_document(request.user, document):
        raise Http404("Dit document is niet zichtbaar voor u.")
    return _download(document, fmt, request.user)


# --- import ------------------------------------------------------------------------------------------


@login_required
def import_upload(request):
    if not services.may_import(request.user):
        messages.error(request, "U mag geen documenten inlezen.")
        return redirect("register:trajectory-list")
    trajectories = permissions.member_trajectories(request.user, Trajectory.objects.order_by("name"))
    form = UploadForm(request.POST or None, request.FILES or None, trajectories=trajectories)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        from regiokompas.documents.parsers import MAX_BYTES

        if upload.size > MAX_BYTES:
            form.add_error("file", f"Het bestand is te groot ({upload.size / 1024 / 1024:.0f} MB); het maximum is {MAX_BYTES // 1024 // 1024} MB.")
        else:
            trajectory = trajectories.filter(slug=form.cleaned_data["trajectory"]).first() if form.cleaned_data["trajectory"] else None
            if jobs.background_import(upload.size):  # a large file is read by the worker
                job = jobs.start(request.user, JobKind.IMPORT, f"Inlezen van {upload.name}", trajectory=trajectory,
                                 params={"filename": upload.name}, input_data=upload.read())
                if job.status != JobStatus.FAILED:
                    return respond(request, job)
                form.add_error("file", job.message)
            else:
                try:
                    record = services.start_import(request.user, upload.read(), upload.name, trajectory=trajectory)
                except RegisterError as exc:
                    form.add_error("file", exc.message)
                else:
                    return redirect("publications:import-review", record.pk)
    pending = permissions.visible_imports(request.user, DocumentImport.objects.filter(status=ImportStatus.PENDING))[:20]
    return render(request, "publications/import_upload.html", {"form": form, "pending": pending})


FIELD_LABELS = {"soort": "Soort", "datum": "Datum", "onderwerp": "Onderwerp", "afzender": "Afzender", "kenmerk": "Kenmerk(en)",
                "portefeuillehouder": "Portefeuillehouder", "contact": "Contactpersoon"}
CORRECTED_LABELS = {"kind": "soort", "date": "datum", "onderwerp": "onderwerp", "sender": "afzender", "kenmerk": "kenmerk",
                    "municipalities": "gemeenten", "decisions": "besluiten"}
PRECISION_LABELS = {"day": "op de dag", "month": "op de maand", "year": "op het jaar", "unknown": "onbekend"}


def _field_rows(data: dict) -> list[dict]:
    rows = []
    for key, label in FIELD_LABELS.items():
        item = (data.get("fields") or {}).get(key)
        if item is None:
            continue
        value = KIND_NAMES.get(item["value"], item["value"]) if key == "soort" else item["value"]
        precision = PRECISION_LABELS.get(item.get("precision", "")) if key == "datum" and item["value"] else ""
        rows.append({"label": label, "value": value, "precision": precision, "confidence": formatting.percent(item["confidence"]),
                     "source": item.get("source", "")})
    return rows


def _review_initial(record: DocumentImport) -> dict:
    chosen = services.effective_import(record)
    return {"kind": chosen["kind"], "date": FuzzyDate.parse_iso(chosen["date"]) if _iso_ok(chosen["date"]) else None,
            "onderwerp": chosen["onderwerp"], "sender": chosen["sender"], "kenmerk": chosen["kenmerk"],
            "municipalities": ", ".join(chosen["municipalities"]),
            "title": chosen["onderwerp"] or record.result.get("title", record.filename),
            **{f"o{i}": d["outcome"] for i, d in enumerate(chosen["decisions"]) if d["outcome"] in services.CORRECTABLE_OUTCOMES},
            **{f"t{i}": FuzzyDate.parse_iso(d.get("date")) for i, d in enumerate(chosen["decisions"]) if _iso_ok(d.get("date"))}}


def _iso_ok(value) -> bool:
    try:
        FuzzyDate.parse_iso(value)
    except Exception:  # noqa: BLE001 - a recognised value the register cannot hold: leave the field empty
        return False
    return True


def _apply_review(request, record, form, trajectories, gates):
    """Save the corrections; on 'confirm' also write the document to the register. Returns the
    document when confirmed, else None; a RegisterError leaves everything unchanged."""
    corrections = form.corrections()
    fixes = {i: corrections["decisions"][i] for i in range(form.decision_count)}
    with transaction.atomic():
        services.correct_import(request.user, record, kind=corrections["kind"], date=corrections["date"],
                                onderwerp=corrections["onderwerp"], sender=corrections["sender"], kenmerk=corrections["kenmerk"],
                                municipalities=corrections["municipalities"], decisions=fixes)
        if request.POST.get("action", "confirm") != "confirm":
            return None
        trajectory = trajectories.filter(slug=form.cleaned_data["trajectory"]).first() if form.cleaned_data["trajectory"] else None
        gate = gates.filter(pk=form.cleaned_data["gate"]).first() if form.cleaned_data["gate"] else None
        return services.confirm_import(request.user, record, trajectory=trajectory, gate=gate,
                                       decisions=form.chosen_decisions(), title=form.cleaned_data["title"])


@login_required
def import_review(request, pk):
    record = get_object_or_404(DocumentImport, pk=pk)
    if not permissions.can_handle_import(request.user, record):
        raise Http404("Niet gevonden.")
    data = record.result
    decisions = [dict(d, outcome_label=OUTCOME_LABELS.get(d["outcome"], d["outcome"])) for d in data.get("decisions", [])]
    codes = [m["code"] for m in data.get("municipalities", [])]
    trajectories = permissions.member_trajectories(request.user, Trajectory.objects.order_by("name"))
    gates = Gate.objects.filter(trajectory__in=trajectories).select_related("trajectory").order_by("trajectory__name", "ordinal")
    form = ConfirmForm(request.POST or None, trajectories=trajectories, gates=gates, decisions=decisions,
                       initial={**_review_initial(record),
                                "trajectory": record.trajectory.slug if record.trajectory_id else ""})
    status = 200
    if record.status != ImportStatus.PENDING:
        form = None
    elif request.method == "POST" and form.is_valid():
        try:
            document = _apply_review(request, record, form, trajectories, gates)
        except RegisterError as exc:
            form.add_error(None, exc.message)
        else:
            if document is not None:
                messages.success(request, "Het document is in het register opgenomen, met het oorspronkelijke bestand als bron.")
                return redirect("register:document-detail", document.pk)
            messages.success(request, "De correcties zijn opgeslagen. Het document is nog niet in het register opgenomen.")
            return redirect("publications:import-review", record.pk)
    if form is not None and form.errors:
        status = 400
    record.refresh_from_db()
    duplicates = services.find_duplicates(record)
    visible_pending = [d for d in duplicates["pending"] if permissions.can_handle_import(request.user, d)]
    besluit = dict(data.get("besluit") or {})
    besluit["body_label"] = dict(GoverningBodyKind.choices).get(besluit.get("body") or "", "")
    return render(request, "publications/import_review.html", {
        "record": record, "data": data, "decisions": decisions, "form": form,
        "known": set(Municipality.objects.filter(cbs_code__in=codes).values_list("cbs_code", flat=True)),
        "kind_name": KIND_NAMES.get(data.get("kind"), data.get("kind")),
        "header_rows": [(k, v) for k, v in (data.get("header") or {}).items()],
        "field_rows": _field_rows(data), "besluit": besluit,
        "duplicates": dict(duplicates, pending=visible_pending),
        "hidden_duplicates": len(duplicates["pending"]) - len(visible_pending),
        "corrected": [CORRECTED_LABELS[k] for k in services.effective_import(record)["corrected"]],
    }, status=status)


@login_required
@require_POST
def import_cancel(request, pk):
    record = get_object_or_404(DocumentImport, pk=pk)
    if not permissions.can_handle_import(request.user, record):
        raise Http404("Niet gevonden.")
    if not attempted(request, lambda: services.cancel_import(request.user, record), "Het inlezen is geannuleerd; er is niets opgeslagen."):
        return redirect("publications:import-review", pk)
    return redirect("publications:import")
