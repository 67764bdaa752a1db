"""Every change in council information goes through a function here: validate, one transaction,
write, audit row. Register documents are written through register.services.save_document."""

from __future__ import annotations

import datetime as dt
import os
import re
from typing import Literal, TypedDict

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import transaction

from regiokompas import caching
from regiokompas.accounts import permissions
from regiokompas.accounts.actors import Actor
from regiokompas.audit import log as audit
from regiokompas.documents import model as dm
from regiokompas.documents.importer import DocumentImportError, ImportResult, import_bytes
from regiokompas.documents.model import SECTION_HEADINGS
from regiokompas.publications import drafting
from regiokompas.publications.models import (
    Channel,
    DocumentImport,
    ImportStatus,
    InformationEvent,
    LegalBasis,
    Publication,
    PublicationKind,
    StepAction,
    Workflow,
    WorkflowStep,
)
from regiokompas.register import constants as c
from regiokompas.register import services as rs
from regiokompas.register.dates import FuzzyDate
from regiokompas.register.errors import PermissionDenied, RegisterError
from regiokompas.register.models import Decision, Document, Gate, Municipality, Organisation, Trajectory

IMPORT_KINDS = {k for k in c.DocumentKind.values}
SECTION_TYPES = set(SECTION_HEADINGS) | {
    "voorstel", "inleiding", "communicatie", "uitvoering", "formule", "ondertekening", "samenvatting", "analyse", "participatie"}


class PublicationError(RegisterError):
    """A change in council information was refused; the message is Dutch."""


# --- permissions ---------------------------------------------------------------------------------


def may_draft(user: Actor, municipality: Municipality, trajectory: Trajectory | None = None) -> bool:
    return permissions.can_draft_publication(user, municipality, trajectory)


def may_import(user: Actor) -> bool:
    return permissions.can_import(user)


def _require_draft(user: Actor, municipality: Municipality, trajectory: Trajectory | None = None) -> None:
    if not may_draft(user, municipality, trajectory):
        raise PermissionDenied(f"U mag geen raadsinformatie van {municipality} opstellen of wijzigen.")


def _require_publication(user: Actor, publication: Publication) -> None:
    trajectory = publication.gate.trajectory if publication.gate is not None else publication.document.trajectory
    _require_draft(user, publication.municipality, trajectory)
    if not permissions.can_see_publication(user, publication):
        raise PermissionDenied("Dit stuk is niet zichtbaar voor u.")


def _require_import(user: Actor, record: DocumentImport) -> None:
    if not permissions.can_handle_import(user, record):
        raise PermissionDenied("Dit ingelezen document is niet van uw organisatie; u mag het niet inzien, bevestigen of annuleren.")


def _slug(publication: Publication) -> str:
    if publication.gate is not None:
        return publication.gate.trajectory.slug
    trajectory = publication.document.trajectory
    return trajectory.slug if trajectory is not None else ""


# --- drafting, editing, definitief, new version ----------------------------------------------------


def _check_kind(kind: str) -> str:
    from regiokompas.publications.models import KIND_ALIASES

    if kind not in KIND_ALIASES:
        raise PublicationError(f"Onbekende soort '{kind}'. Kies uit: raadsvoorstel, raadsbesluit, memo, raadsinformatiebrief, nieuwsbrief.")
    return KIND_ALIASES[kind]


def create_draft(actor: Actor, gate: Gate, municipality: Municipality, kind: str, *, today: dt.date | None = None,
                 date: dt.date | None = None) -> Publication:
    """A concept document drafted from the register facts for this gate and municipality, dated
    ``date`` (default: today; ``today`` is the older name of the same argument). The portefeuillehouder
    and contact are those of that date. The text is drafted before the transaction; the document is
    then written in one short transaction."""
    kind = _check_kind(kind)
    _require_draft(actor, municipality, gate.trajectory)
    if not gate.trajectory.participants.filter(municipality=municipality).exists():
        raise PublicationError(f"{municipality} neemt niet deel aan het traject '{gate.trajectory}'.")
    day = date or today or dt.date.today()
    if not isinstance(day, dt.date):
        raise PublicationError("Geef de datum van het stuk als dag, maand en jaar.")
    if not municipality.exists_on(day):
        raise PublicationError(f"{municipality} bestond niet op {day:%d-%m-%Y}; kies een datum waarop de gemeente bestond.")
    model = drafting.draft(gate, municipality, kind, today=day)
    return _store_draft(actor, gate, municipality, kind, model, day)


@transaction.atomic
def _store_draft(actor: Actor, gate: Gate, municipality: Municipality, kind: str, model: dm.Document, day: dt.date) -> Publication:
    document = Document(
        trajectory=gate.trajectory,
        kind=kind,
        title=model.title[:300],
        status=c.DocumentStatus.CONCEPT,
        issuer_municipality=municipality,
        date=day,
        header=model.header,
        source=f"Opgesteld in Regiokompas uit het register: {gate.trajectory.name}, besluitmoment {gate}"[:500],
        illustrative=model.illustrative_note is not None,
    )
    rs.save_document(actor, document, drafting.section_inputs(model), reason="concept opgesteld uit het register")
    version = Publication.objects.filter(gate=gate, municipality=municipality, kind=kind).count() + 1
    publication = Publication.objects.create(
        document=document, gate=gate, municipality=municipality, kind=kind, version=version,
        drafted_by=audit.actor_label(actor), source=document.source, illustrative=document.illustrative,
    )
    audit.record(actor, "publication.create", publication, trajectory_slug=gate.trajectory.slug)
    _step(actor, publication, StepAction.DRAFTED)
    return publication


def _user(actor: Actor) -> User | None:
    """The logged-in user who acts, or None for the application itself or an anonymous visitor."""
    return actor if isinstance(actor, User) and permissions.is_authenticated(actor) else None


def _step(actor: Actor, publication: Publication, action: str, comment: str = "") -> WorkflowStep:
    user = _user(actor)
    return WorkflowStep.objects.create(publication=publication, action=action, actor=user, actor_label=audit.actor_label(actor),
                                       comment=comment)


def _locked(publication: Publication) -> Publication:
    """The publication as stored, locked for this transaction (the state a refusal is judged on)."""
    return Publication.objects.select_for_update(of=("self",)).select_related("document", "gate__trajectory", "municipality").get(pk=publication.pk)


def _refresh(publication: Publication, fresh: Publication) -> Publication:
    publication.workflow = fresh.workflow
    publication.document.status = fresh.document.status
    return publication


def _transition(actor: Actor, publication: Publication, action: str, state: str, comment: str = "") -> Publication:
    fresh = _locked(publication)
    fresh.workflow = state
    fresh.save(update_fields=["workflow"])
    _step(actor, fresh, action, comment)
    audit.record(actor, f"publication.{action}", fresh, trajectory_slug=_slug(fresh), reason=comment or str(Workflow(state).label))
    return _refresh(publication, fresh)


@transaction.atomic
def submit_for_approval(actor: Actor, publication: Publication) -> Publication:
    """concept -> ter akkoord: someone else of the same organisation approves or sends it back."""
    _require_publication(actor, publication)
    fresh = _locked(publication)
    if fresh.workflow != Workflow.CONCEPT:
        raise PublicationError(f"Alleen een concept wordt ter akkoord aangeboden; dit stuk is {fresh.get_workflow_display()}.")
    if not permissions.is_authenticated(actor) or permissions.is_system(actor):
        raise PublicationError("Een stuk wordt ter akkoord aangeboden door een persoon, zodat een ander het kan goedkeuren.")
    return _transition(actor, publication, StepAction.SUBMITTED, Workflow.TER_AKKOORD)


def _require_approver(actor: Actor, fresh: Publication) -> None:
    if fresh.workflow != Workflow.TER_AKKOORD:
        raise PublicationError(f"Dit stuk is niet ter akkoord aangeboden; het is {fresh.get_workflow_display()}.")
    submitter = fresh.submitted_by
    if submitter is not None and getattr(actor, "pk", None) == submitter.pk:
        raise PermissionDenied("U hebt dit stuk zelf ter akkoord aangeboden; een collega van uw organisatie geeft akkoord.")
    if not permissions.can_approve_publication(actor, fresh):
        raise PermissionDenied("Alleen een collega van dezelfde organisatie als de indiener geeft akkoord of stuurt het stuk terug.")


@transaction.atomic
def approve(actor: Actor, publication: Publication, comment: str = "") -> Publication:
    """ter akkoord -> akkoord gegeven, by another person of the same organisation."""
    _require_publication(actor, publication)
    _require_approver(actor, _locked(publication))
    return _transition(actor, publication, StepAction.APPROVED, Workflow.AKKOORD, (comment or "").strip())


@transaction.atomic
def send_back(actor: Actor, publication: Publication, comment: str) -> Publication:
    """ter akkoord -> concept, with a comment that says what must change."""
    _require_publication(actor, publication)
    _require_approver(actor, _locked(publication))
    comment = (comment or "").strip()
    if not comment:
        raise PublicationError("Schrijf bij het terugsturen wat er moet veranderen.")
    if len(comment) > 2000:
        raise PublicationError("De opmerking is te lang (maximaal 2000 tekens).")
    return _transition(actor, publication, StepAction.SENT_BACK, Workflow.CONCEPT, comment)


@transaction.atomic
def update_draft(actor: Actor, publication: Publication, *, title: str, header: dict[str, str], sections: list[tuple[str, str, str]]) -> Publication:
    """Edit a concept: title, header fields and the text of its sections (type, heading, text)."""
    _require_publication(actor, publication)
    document = Document.objects.select_for_update().get(pk=publication.document_id)
    if document.status == c.DocumentStatus.DEFINITIEF:
        raise PublicationError("Een definitief stuk wordt niet meer gewijzigd; maak een nieuwe versie.")
    state = _locked(publication).workflow
    if state in (Workflow.TER_AKKOORD, Workflow.AKKOORD):
        raise PublicationError("Dit stuk ligt ter akkoord of heeft akkoord; laat het eerst terugsturen om het te wijzigen.")
    title = (title or "").strip()
    if not title:
        raise PublicationError("Geef het stuk een titel.")
    if len(title) > 300:
        raise PublicationError("De titel is te lang (maximaal 300 tekens).")
    clean_header = {}
    for key, value in header.items():
        value = (value or "").strip()
        if len(value) > 500:
            raise PublicationError(f"Het kopveld '{key}' is te lang (maximaal 500 tekens).")
        if value:
            clean_header[key] = value
    if not any(text.strip() for _, _, text in sections):
        raise PublicationError("Een stuk zonder tekst kan niet worden opgeslagen.")
    document.title = title
    document.header = clean_header
    for t, h, _x in sections:
        if len((h or "").strip()) > 300:
            raise PublicationError(f"De kop '{h.strip()[:40]}…' is te lang (maximaal 300 tekens).")
        if t not in SECTION_TYPES:
            raise PublicationError(f"Onbekende soort sectie '{t}'.")
    inputs = [rs.SectionInput(type=t, heading=h.strip(), text=x.strip()) for t, h, x in sections if x.strip() or h.strip()]
    rs.save_document(actor, document, inputs, reason="concept bewerkt")
    _step(actor, publication, StepAction.EDITED)
    return publication


@transaction.atomic
def finalise(actor: Actor, publication: Publication, *, confirmed: bool = True) -> Publication:
    """akkoord gegeven -> definitief; after that the text never changes (a new version supersedes it).
    A person needs a colleague's akkoord first; a system actor (loading documents that were made
    definitief elsewhere, such as the example's) does not. ``confirmed`` is the confirmation step of a form."""
    _require_publication(actor, publication)
    document = Document.objects.select_for_update().get(pk=publication.document_id)
    if document.status == c.DocumentStatus.DEFINITIEF:
        raise PublicationError("Dit stuk is al definitief.")
    if not confirmed:
        raise PublicationError("Bevestig dat het stuk definitief wordt: daarna kan de tekst niet meer worden gewijzigd.")
    state = _locked(publication).workflow
    if state != Workflow.AKKOORD and not permissions.is_system(actor):
        raise PublicationError("Een stuk wordt pas definitief nadat een collega van dezelfde organisatie akkoord heeft gegeven; "
                               "bied het eerst ter akkoord aan.")
    document.status = c.DocumentStatus.DEFINITIEF
    rs.save_document(actor, document, reason="definitief gemaakt")
    return _transition(actor, publication, StepAction.FINALISED, Workflow.DEFINITIEF)


@transaction.atomic
def new_version(actor: Actor, publication: Publication) -> Publication:
    """A new concept that supersedes a definitief document; the definitief one stays as it was."""
    _require_publication(actor, publication)
    old = publication.document
    if old.status != c.DocumentStatus.DEFINITIEF:
        raise PublicationError("Alleen van een definitief stuk wordt een nieuwe versie gemaakt; een concept kunt u bewerken.")
    if old.superseded_by.exists():
        raise PublicationError("Er is al een nieuwere versie van dit stuk; bewerk die.")
    document = Document(
        trajectory=old.trajectory, kind=old.kind, title=old.title, status=c.DocumentStatus.CONCEPT,
        issuer_municipality=old.issuer_municipality, issuer_organisation=old.issuer_organisation,
        date=dt.date.today(), header=dict(old.header), source=old.source, illustrative=old.illustrative, supersedes=old,
    )
    sections = [rs.SectionInput(type=s.type, heading=s.heading, text=s.text) for s in old.sections.order_by("order")]
    rs.save_document(actor, document, sections, reason=f"nieuwe versie van document {old.pk}")
    latest = Publication.objects.filter(gate=publication.gate, municipality=publication.municipality, kind=publication.kind).order_by("-version").first()
    new = Publication.objects.create(
        document=document, gate=publication.gate, municipality=publication.municipality, kind=publication.kind,
        version=(latest.version if latest else publication.version) + 1, drafted_by=audit.actor_label(actor),
        source=publication.source, illustrative=publication.illustrative,
    )
    audit.record(actor, "publication.new_version", new, trajectory_slug=_slug(new), reason=f"vervangt versie {publication.version}")
    return new


def latest_publication(gate: Gate, municipality: Municipality, kind: str) -> Publication | None:
    return (
        Publication.objects.filter(gate=gate, municipality=municipality, kind=_check_kind(kind))
        .select_related("document").order_by("-version").first()
    )


# --- information events --------------------------------------------------------------------------


@transaction.atomic
def record_information_event(
    actor: Actor, document: Document, municipality: Municipality, *, date: dt.date | None, channel: str,
    legal_basis: str = LegalBasis.ACTIEVE_INFORMATIEPLICHT, gate: Gate | None = None, note: str = "", source: str = "",
) -> InformationEvent:
    """Record that the raad of ``municipality`` received ``document``."""
    trajectory = gate.trajectory if gate is not None else document.trajectory
    if not permissions.can_record_information_event(actor, municipality, trajectory) or not permissions.can_see_document(actor, document):
        raise PermissionDenied(f"U mag niet vastleggen dat de raad van {municipality} is geïnformeerd.")
    if date is None:
        raise PublicationError("Geef de datum waarop de raad is geïnformeerd.")
    if date > dt.date.today():
        raise PublicationError("De datum waarop de raad is geïnformeerd kan niet in de toekomst liggen.")
    if channel not in Channel.values:
        raise PublicationError(f"Onbekend kanaal '{channel}'. Kies uit: {', '.join(str(x) for x in Channel.labels)}.")
    if legal_basis not in LegalBasis.values:
        raise PublicationError(f"Onbekende grondslag '{legal_basis}'.")
    if Document.objects.filter(pk=document.pk).values_list("status", flat=True).first() != c.DocumentStatus.DEFINITIEF:
        raise PublicationError("Alleen een definitief stuk wordt aan de raad gezonden; maak het stuk eerst definitief.")
    if not municipality.exists_on(date):
        raise PublicationError(f"{municipality} bestond niet op {date:%d-%m-%Y}.")
    document_date = Document.objects.filter(pk=document.pk).values_list("date", flat=True).first()
    if document_date is not None and date < document_date:
        raise PublicationError(
            f"De raad kan niet op {date:%d-%m-%Y} zijn geïnformeerd over een stuk van {document_date:%d-%m-%Y}: "
            "de verzenddatum ligt niet vóór de datum van het stuk.")
    if gate is None and hasattr(document, "publication"):
        gate = document.publication.gate
    council = rs.raad_of(municipality)
    event = InformationEvent(
        document=document, council=council, municipality=municipality, gate=gate, date=date, channel=channel,
        legal_basis=legal_basis, note=note.strip(), recorded_by=audit.actor_label(actor),
        source=source or f"Vastgelegd in Regiokompas door {audit.actor_label(actor)}",
    )
    event.full_clean()
    event.save()
    slug = gate.trajectory.slug if gate else (document.trajectory.slug if document.trajectory is not None else "")
    audit.record(actor, "information_event.create", event, trajectory_slug=slug)
    publication = Publication.objects.filter(document=document).first()
    if publication is not None and publication.workflow != Workflow.VERZONDEN:
        _transition(actor, publication, StepAction.SENT, Workflow.VERZONDEN,
                    f"aan de raad van {municipality} op {date:%d-%m-%Y} ({event.get_channel_display()})")
    return event


class InformationRow(TypedDict):
    """One participating municipality at a gate: the information events of its raad, and whether it decided."""

    municipality: Municipality
    events: list[InformationEvent]
    informed: bool
    decided: bool


def information_status(gate: Gate) -> list[InformationRow]:
    """Per participating municipality: was its raad informed about this gate, and how. Cached per gate
    and data version (the same for every viewer; the page asks which documents a viewer may see)."""
    return caching.cached("publications.information_status", (gate.pk,), lambda: _information_status(gate))


def _information_status(gate: Gate) -> list[InformationRow]:
    trajectory = gate.trajectory
    events = InformationEvent.objects.filter(gate=gate).select_related("document", "municipality").order_by("date")
    decided = {d.municipality_id for d in Decision.objects.filter(gate=gate, is_current=True)}
    rows: list[InformationRow] = []
    for participant in trajectory.participants.select_related("municipality").order_by("municipality__name"):
        m = participant.municipality
        mine = [e for e in events if e.municipality_id == m.pk]
        rows.append({"municipality": m, "events": mine, "informed": bool(mine), "decided": m.pk in decided})
    return rows


# --- import: upload -> review -> confirm -------------------------------------------------------------


def start_import(actor: Actor, data: bytes, filename: str, *, trajectory: Trajectory | None = None) -> DocumentImport:
    """Read an uploaded file. A file that cannot be read is refused and nothing is stored; a
    readable one is kept (outside the register) until a person confirms or cancels. It belongs to
    the uploader's organisation (and the project organisation of ``trajectory``, if given). The file
    is parsed before the transaction; only storing the result happens inside one."""
    if not may_import(actor):
        raise PermissionDenied("U mag geen documenten inlezen.")
    if trajectory is not None and not (permissions.is_system(actor) or permissions.is_manager(actor)
                                       or permissions.is_member(actor, trajectory)):
        raise PermissionDenied(f"U neemt niet deel aan het traject '{trajectory}'.")
    try:
        result = import_bytes(data, filename)
    except DocumentImportError as exc:
        raise PublicationError(str(exc)) from exc
    return _store_import(actor, data, filename, result, trajectory)


@transaction.atomic
def _store_import(actor: Actor, data: bytes, filename: str, result: ImportResult, trajectory: Trajectory | None) -> DocumentImport:
    name = os.path.basename(filename or "document")[:200] or "document"
    record = DocumentImport(
        filename=name, sha256=result.sha256, file_format=result.format, text=result.text,
        result=result.to_json(), uploaded_by=audit.actor_label(actor), trajectory=trajectory,
        owner=_user(actor),
        owner_municipality_id=getattr(permissions.profile_of(actor), "municipality_id", None),
        owner_organisation_id=getattr(permissions.profile_of(actor), "organisation_id", None),
    )
    record.original_file.save(name, ContentFile(data), save=False)
    record.save()
    audit.record(actor, "document_import.upload", record, object_repr=name)
    return record


@transaction.atomic
def cancel_import(actor: Actor, record: DocumentImport) -> None:
    _require_import(actor, record)
    if record.status != ImportStatus.PENDING:
        raise PublicationError("Dit ingelezen document is al bevestigd en kan niet meer worden geannuleerd.")
    name = record.filename
    record.original_file.delete(save=False)
    record.delete()
    audit.record(actor, "document_import.cancel", None, object_type="publications.DocumentImport", object_repr=name)


def _decision_date(value: str | None) -> tuple[dt.date | None, str]:
    if not value:
        return None, c.DatePrecision.DAY
    parts = value.split("-")
    try:
        if len(parts) == 1:
            return dt.date(int(parts[0]), 1, 1), c.DatePrecision.YEAR
        if len(parts) == 2:
            return dt.date(int(parts[0]), int(parts[1]), 1), c.DatePrecision.MONTH
        return dt.date.fromisoformat(value), c.DatePrecision.DAY
    except ValueError:
        return None, c.DatePrecision.DAY


# --- import: corrections and duplicates ---------------------------------------------------------------

# The outcomes a reviewer may give a recognised decision (a proposal is never recorded as a decision).
CORRECTABLE_OUTCOMES = ("agree", "agree_with_conditions", "hold", "reject")


def _import_kind(kind: str | None) -> str:
    return kind if kind in IMPORT_KINDS else c.DocumentKind.OTHER


# The fields of an import a reviewer may correct.
ImportField = Literal["kind", "date", "onderwerp", "sender", "kenmerk", "municipalities", "decisions"]
IMPORT_FIELDS: tuple[ImportField, ...] = ("kind", "date", "onderwerp", "sender", "kenmerk", "municipalities", "decisions")


class EffectiveImport(TypedDict):
    """What confirming an import stores (:func:`effective_import`); ``date`` as 'JJJJ-MM-DD', 'JJJJ-MM' or 'JJJJ'."""

    kind: str
    date: str | None
    onderwerp: str
    sender: str
    kenmerk: str
    municipalities: list[str]
    decisions: list[dict]
    corrected: list[str]


def effective_import(record: DocumentImport, *, corrected: bool = True) -> EffectiveImport:
    """What will be stored on confirmation: the recognised fields with the reviewer's corrections
    over them (kind, date and precision, onderwerp, sender, kenmerk, municipalities, decisions).
    ``corrected`` lists the fields where a correction differs from what was recognised."""
    data = record.result or {}
    fields = data.get("fields") or {}
    corr = (data.get("corrections") or {}) if corrected else {}
    date_field = fields.get("datum") or {}
    header_date = (data.get("header") or {}).get("datum")
    date_iso = corr["date"] if "date" in corr else (date_field.get("value") or header_date)
    kenmerk = corr["kenmerk"] if "kenmerk" in corr else "; ".join(k["value"] for k in data.get("kenmerken", []))
    if not kenmerk and "kenmerk" not in corr:
        kenmerk = (data.get("header") or {}).get("kenmerk") or ""
    decisions = []
    for i, d in enumerate(data.get("decisions", [])):
        fix = (corr.get("decisions") or {}).get(str(i), {})
        decisions.append(dict(d, outcome=fix.get("outcome", d["outcome"]), date=fix.get("date", d.get("date"))))
    result: EffectiveImport = {
        "kind": corr.get("kind") or _import_kind(data.get("kind")),
        "date": date_iso,
        "onderwerp": corr.get("onderwerp", (fields.get("onderwerp") or {}).get("value") or (data.get("header") or {}).get("onderwerp") or ""),
        "sender": corr.get("sender", (fields.get("afzender") or {}).get("value") or data.get("organisation") or ""),
        "kenmerk": kenmerk or "",
        "municipalities": corr.get("municipalities", [m["code"] for m in data.get("municipalities", [])]),
        "decisions": decisions,
        "corrected": [],
    }
    if corr:
        plain = effective_import(record, corrected=False)
        result["corrected"] = [k for k in IMPORT_FIELDS if result[k] != plain[k]]
    return result


@transaction.atomic
def correct_import(actor: Actor, record: DocumentImport, *, kind: str, date: FuzzyDate, onderwerp: str, sender: str, kenmerk: str,
                   municipalities: list[str], decisions: dict[int, dict] | None = None) -> DocumentImport:
    """Store the reviewer's corrections on a pending import (it stays a concept until confirmed).
    Nothing in the register changes; an invalid correction changes nothing at all."""
    if not may_import(actor):
        raise PermissionDenied("U mag geen documenten inlezen.")
    record = DocumentImport.objects.select_for_update().get(pk=record.pk)
    _require_import(actor, record)
    if record.status != ImportStatus.PENDING:
        raise PublicationError("Dit ingelezen document is al bevestigd; correcties zijn niet meer mogelijk.")
    corrections = _validated_corrections(record, kind=kind, date=date, onderwerp=onderwerp, sender=sender, kenmerk=kenmerk,
                                         municipalities=municipalities, decisions=decisions or {})
    before = dict(record.result.get("corrections") or {})
    result = dict(record.result)
    result["corrections"] = corrections
    record.result = result
    record.save(update_fields=["result"])
    audit.record(actor, "document_import.correct", record, before=before, after=corrections, object_repr=record.filename)
    return record


def _validated_corrections(record: DocumentImport, *, kind: str, date: FuzzyDate | None, onderwerp: str, sender: str, kenmerk: str,
                           municipalities: list[str], decisions: dict[int, dict]) -> dict:
    if kind not in IMPORT_KINDS:
        raise PublicationError(f"Soort document '{kind}' bestaat niet.")
    onderwerp, sender, kenmerk = (onderwerp or "").strip(), (sender or "").strip(), (kenmerk or "").strip()
    if len(onderwerp) > 300:
        raise PublicationError("Het onderwerp is te lang (maximaal 300 tekens).")
    if len(sender) > 200 or len(kenmerk) > 200:
        raise PublicationError("Afzender en kenmerk zijn elk maximaal 200 tekens.")
    codes = [code.strip().upper() for code in municipalities if code.strip()]
    known = set(Municipality.objects.filter(cbs_code__in=codes).values_list("cbs_code", flat=True))
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise PublicationError(f"Gemeente(n) {', '.join(unknown)} staan niet in het register.")
    recognised = record.result.get("decisions", [])
    fixed: dict[str, dict] = {}
    for index, fix in decisions.items():
        if not isinstance(index, int) or not 0 <= index < len(recognised):
            raise PublicationError(f"Besluit {index} komt niet voor in de herkende besluiten.")
        if fix.get("outcome") not in CORRECTABLE_OUTCOMES:
            raise PublicationError(f"Besluit {index + 1}: kies ingestemd, ingestemd onder voorwaarden, aangehouden of niet ingestemd.")
        fix_date = fix.get("date")
        fixed[str(index)] = {"outcome": fix["outcome"], "date": fix_date.iso() if isinstance(fix_date, FuzzyDate) else None}
    return {"kind": kind, "date": date.iso() if date is not None else None, "onderwerp": onderwerp, "sender": sender,
            "kenmerk": kenmerk, "municipalities": list(dict.fromkeys(codes)), "decisions": fixed}


def _sender_key(text: str) -> str:
    return re.sub(r"^gemeente\s+", "", (text or "").strip(), flags=re.IGNORECASE).casefold()


def _kenmerk_numbers(text: str) -> set[str]:
    return {part.strip().casefold() for part in (text or "").split(";") if part.strip()}


class Duplicates(TypedDict):
    """Earlier uploads of the same file, of a document with the same fields, those of them still
    pending, and the register documents they are or match."""

    same_file: list[DocumentImport]
    same_fields: list[DocumentImport]
    pending: list[DocumentImport]
    documents: list[Document]


def find_duplicates(record: DocumentImport) -> Duplicates:
    """Earlier uploads and register documents that are the same document: the same file (SHA-256),
    or the same kenmerk, date and sender."""
    same_file = list(DocumentImport.objects.filter(sha256=record.sha256).exclude(pk=record.pk).select_related("document"))
    mine = effective_import(record)
    numbers, date, sender = _kenmerk_numbers(mine["kenmerk"]), mine["date"], _sender_key(mine["sender"])
    same_fields: list[DocumentImport] = []
    documents: dict[int, Document] = {d.document.pk: d.document for d in same_file if d.document is not None}
    if numbers and date:
        for other in DocumentImport.objects.exclude(pk=record.pk).exclude(sha256=record.sha256).select_related("document"):
            theirs = effective_import(other)
            if theirs["date"] == date and _sender_key(theirs["sender"]) == sender and numbers & _kenmerk_numbers(theirs["kenmerk"]):
                same_fields.append(other)
                if other.document is not None:
                    documents[other.document.pk] = other.document
        parsed = FuzzyDate.parse_iso(date)
        for doc in Document.objects.filter(date=parsed.value, date_precision=parsed.precision) if parsed.known else []:
            header = doc.header or {}
            issuer = _sender_key(str(doc.issuer or header.get("afzender") or ""))
            if numbers & _kenmerk_numbers(str(header.get("kenmerk", ""))) and issuer == sender:
                documents.setdefault(doc.pk, doc)
    pending = [d for d in same_file + same_fields if d.status == ImportStatus.PENDING]
    return {"same_file": same_file, "same_fields": same_fields, "pending": pending, "documents": list(documents.values())}


@transaction.atomic
def confirm_import(
    actor: Actor, record: DocumentImport, *, trajectory: Trajectory | None = None, gate: Gate | None = None,
    decisions: list[int] | None = None, issuer: Municipality | None = None, title: str | None = None,
) -> Document:
    """Write the confirmed import to the register: the document with its sections, the original
    file and text as its source, and (optionally) the chosen recognised decisions at ``gate``. The
    reviewer's corrections (``correct_import``) take the place of what was recognised."""
    if not may_import(actor):
        raise PermissionDenied("U mag geen documenten inlezen.")
    record = DocumentImport.objects.select_for_update().get(pk=record.pk)
    _require_import(actor, record)
    if record.status != ImportStatus.PENDING:
        raise PublicationError("Dit ingelezen document is al bevestigd.")
    if gate is not None and trajectory is not None and gate.trajectory_id != trajectory.pk:
        raise PublicationError(f"Besluitmoment '{gate}' hoort niet bij het traject '{trajectory}'.")
    if gate is not None and trajectory is None:
        trajectory = gate.trajectory
    decisions = decisions or []
    if decisions and gate is None:
        raise PublicationError("Kies het besluitmoment waarbij de herkende besluiten horen.")
    data = record.result
    chosen = effective_import(record)
    recognised = chosen["decisions"]
    for index in decisions:
        if not isinstance(index, int) or index < 0 or index >= len(recognised):
            raise PublicationError(f"Besluit {index} komt niet voor in de herkende besluiten.")
    organisation = None
    if issuer is None:
        issuer, organisation = _issuer_of(chosen["sender"] or data.get("organisation") or "")
    header = {k: v for k, v in (data.get("header") or {}).items() if v}
    header.update({k: v for k, v in (("onderwerp", chosen["onderwerp"]), ("kenmerk", chosen["kenmerk"])) if v})
    if chosen["sender"] and issuer is None and organisation is None:
        header["afzender"] = chosen["sender"]
    if "municipalities" in (data.get("corrections") or {}):
        names = dict(Municipality.objects.filter(cbs_code__in=chosen["municipalities"]).values_list("cbs_code", "name"))
        header["gemeenten"] = ", ".join(names[code] for code in chosen["municipalities"] if code in names)
    date, precision = _decision_date(chosen["date"])
    if date is not None:
        header["datum"] = chosen["date"]
    source = f"Ingelezen uit '{record.filename}' (SHA-256 {record.sha256[:16]}…) door {audit.actor_label(actor)}"
    document = Document(
        trajectory=trajectory, kind=chosen["kind"],
        title=(title or chosen["onderwerp"] or data.get("title") or record.filename)[:300],
        status=data.get("status") if data.get("status") in c.DocumentStatus.values else c.DocumentStatus.DEFINITIEF,
        issuer_municipality=issuer, issuer_organisation=organisation, date=date, date_precision=precision, header=header,
        original_text=record.text, source=source[:500],
    )
    record.original_file.open("rb")
    try:
        content = record.original_file.read()
    finally:
        record.original_file.close()
    document.original_file.save(record.filename, ContentFile(content), save=False)
    try:
        _store_confirmed(actor, record, document, data, recognised, decisions, gate, trajectory)
    except Exception:
        document.original_file.delete(save=False)  # the transaction rolls back; leave no file behind
        raise
    return document


def _issuer_of(sender: str) -> tuple[Municipality | None, Organisation | None]:
    """(municipality, organisation) of the register named by the sender text, or (None, None)."""
    from regiokompas.documents.municipalities import organisation_municipality

    if not sender:
        return None, None
    found = organisation_municipality(sender if sender.lower().startswith("gemeente") else f"gemeente {sender}")
    if found and (sender.lower().startswith("gemeente") or sender.strip().casefold() == found.name.casefold()):
        municipality = Municipality.objects.filter(cbs_code=found.code).first()
        if municipality is not None:
            return municipality, None
    return None, Organisation.objects.filter(name__iexact=sender.strip()).first()


def _store_confirmed(actor: Actor, record: DocumentImport, document: Document, data: dict, recognised: list[dict],
                     decisions: list[int], gate: Gate | None, trajectory: Trajectory | None) -> None:
    sections = [rs.SectionInput(type=s["type"], heading=s["heading"][:300], text=s["text"]) for s in data.get("sections", [])]
    rs.save_document(actor, document, sections, reason=f"ingelezen uit {record.filename}")
    fact_source = f"{record.filename}, ingelezen als document {document.pk}"
    # a raadsbesluit records the raad's decision, a collegebesluit the college's (when the gate has that body)
    by_kind: dict[str, str] = {c.DocumentKind.RAADSBESLUIT: c.GoverningBodyKind.RAAD, c.DocumentKind.COLLEGEBESLUIT: c.GoverningBodyKind.COLLEGE}
    body_kind = by_kind.get(document.kind, "")
    if gate is not None and body_kind not in (gate.bodies or []):
        body_kind = ""
    for index in decisions:
        if gate is None:  # refused by confirm_import already: recognised decisions are recorded at a gate
            raise PublicationError("Kies het besluitmoment waarbij de herkende besluiten horen.")
        item = recognised[index]
        municipality = Municipality.objects.filter(cbs_code=item["municipality"]["code"]).first()
        if municipality is None:
            raise PublicationError(f"{item['municipality']['name']} ({item['municipality']['code']}) staat niet in het register.")
        d_date, d_precision = _decision_date(item.get("date"))
        conditions = [rs.ConditionInput(text=t, source=fact_source) for t in item.get("conditions", [])]
        rs.record_decision(actor, rs.DecisionInput(
            gate=gate, municipality=municipality, outcome=item["outcome"], date=d_date, date_precision=d_precision,
            motivation=item.get("sentence", "")[:2000], document=document, source=fact_source, conditions=conditions,
            body_kind=body_kind,
        ), trajectory=trajectory)
    record.status = ImportStatus.CONFIRMED
    record.document = document
    record.save(update_fields=["status", "document"])
    audit.record(actor, "document_import.confirm", record, trajectory_slug=trajectory.slug if trajectory else "",
                 object_repr=record.filename)


def kinds() -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in PublicationKind.choices]
