"""Draft council information for a gate and a municipality from the register facts, and convert
between register Documents and the neutral document model."""

from __future__ import annotations

import datetime as dt
import re

from regiokompas import dutch
from regiokompas.accounts import permissions
from regiokompas.documents import model as dm
from regiokompas.documents.dates import dutch_date
from regiokompas.register import constants as c
from regiokompas.register import query
from regiokompas.register.models import Decision, Document, DocumentSection, Gate, Municipality, Role

ILLUSTRATIVE_NOTE = (
    "Dit stuk is opgesteld uit gegevens in Regiokompas waarvan een deel illustratief is (voorbeeldgegevens zonder bron). "
    "Controleer de feiten voordat u het stuk definitief maakt."
)



def short_name(municipality) -> str:
    """'Bergen (NH.)' -> 'Bergen': documents name a municipality as it calls itself."""
    return re.sub(r"\s*\([^)]*\)\s*$", "", str(municipality)).strip()


BODY_PHRASE = {
    c.GoverningBodyKind.COLLEGE: "Het college van {name}",
    c.GoverningBodyKind.RAAD: "De gemeenteraad van {name}",
    c.GoverningBodyKind.BURGEMEESTER: "De burgemeester van {name}",
    c.GoverningBodyKind.ALGEMEEN_BESTUUR: "Het algemeen bestuur (voor {name})",
    c.GoverningBodyKind.DAGELIJKS_BESTUUR: "Het dagelijks bestuur (voor {name})",
    c.GoverningBodyKind.BESTUUR: "Het bestuur (voor {name})",
    c.GoverningBodyKind.PORTEFEUILLEHOUDERSOVERLEG: "Het portefeuillehoudersoverleg (voor {name})",
}


def body_phrase(name: str, body_kind: str = c.GoverningBodyKind.COLLEGE) -> str:
    """'Het college van Bergen', 'De gemeenteraad van Bergen': a raad decision is never a college's."""
    return BODY_PHRASE.get(body_kind, BODY_PHRASE[c.GoverningBodyKind.COLLEGE]).format(name=name)


def body_noun(body_kind: str) -> str:
    """'het college', 'de gemeenteraad', 'het algemeen bestuur'."""
    if body_kind == c.GoverningBodyKind.COLLEGE:
        return "het college"
    if body_kind in (c.GoverningBodyKind.RAAD, c.GoverningBodyKind.BURGEMEESTER):
        return f"de {c.GoverningBodyKind(body_kind).label}"
    return f"het {c.GoverningBodyKind(body_kind).label}" if body_kind in c.GoverningBodyKind.values else "het bestuur"


def decision_sentence(name: str, outcome: str, subject: str, when: str, body_kind: str = c.GoverningBodyKind.COLLEGE) -> str:
    w = f" {when}" if when else ""
    who = body_phrase(name, body_kind)
    if outcome == c.Outcome.HOLD:
        return f"{who} heeft het besluit over '{subject}'{w} aangehouden."
    if outcome == c.Outcome.AGREE_WITH_CONDITIONS:
        return f"{who} heeft{w} onder voorwaarden ingestemd met '{subject}'."
    if outcome == c.Outcome.REJECT:
        return f"{who} heeft{w} niet ingestemd met '{subject}'."
    if outcome == c.Outcome.PROPOSED:
        return f"{who} heeft '{subject}'{w} aan de raad voorgesteld."
    if outcome == c.Outcome.NOTED:
        return f"{who} heeft{w} kennisgenomen van '{subject}'."
    if outcome == c.Outcome.NOT_YET_DECIDED:
        return f"{who} heeft over '{subject}' nog geen besluit genomen."
    return f"{who} heeft{w} ingestemd met '{subject}'."

TITLE_PHRASE = {
    c.Outcome.AGREE: "stemt in met",
    c.Outcome.AGREE_WITH_CONDITIONS: "stemt onder voorwaarden in met",
    c.Outcome.HOLD: "houdt het besluit aan over",
    c.Outcome.REJECT: "stemt niet in met",
    c.Outcome.PROPOSED: "stelt de raad voor:",
    c.Outcome.NOTED: "neemt kennis van",
}


def _date_text(d: dt.date | None, precision: str = c.DatePrecision.DAY) -> str:
    if d is None:
        return ""
    if precision == c.DatePrecision.YEAR:
        return f"in {d.year}"
    if precision == c.DatePrecision.MONTH:
        return f"in {dm_month(d)}"
    return f"op {dutch_date(d)}"


def dm_month(d: dt.date) -> str:
    from regiokompas.documents.dates import MONTH_NAMES

    return f"{MONTH_NAMES[d.month - 1]} {d.year}"


def _names(ms) -> str:
    return dutch.enumerate_nl(short_name(m) for m in ms)


def _role(municipality: Municipality, kind: str, on: dt.date, trajectory=None) -> str:
    """Who held the role on ``on``, the date of the document (not the day it is drafted). A role for
    this trajectory goes before a general one. A role without an end date counts for one council term
    (four years) from its start: after that the register does not know, and the field stays empty."""
    from django.db.models import Q

    scope = Q(trajectory__isnull=True) | Q(trajectory=trajectory) if trajectory is not None else Q(trajectory__isnull=True)
    roles = sorted(Role.objects.filter(scope, municipality=municipality, kind=kind).select_related("person"),
                   key=lambda r: (r.trajectory_id is None, -(r.valid_from or dt.date.min).toordinal()))
    for r in roles:
        if r.valid_from and r.valid_from > on:
            continue
        if r.valid_to and r.valid_to < on:
            continue
        if r.valid_to is None and r.valid_from and (on - r.valid_from).days > 4 * 366:
            continue
        return r.person.name
    return ""


def _decision(gate: Gate, municipality: Municipality) -> Decision | None:
    """The decision that counts at the gate (the counting body's), else the latest of another body."""
    current = list(
        Decision.objects.filter(gate=gate, municipality=municipality, is_current=True)
        .select_related("governing_body", "gate")
        .prefetch_related("conditions")
        .order_by("-created")
    )
    return query.counting_decision(gate, current) or (current[0] if current else None)


def draft(gate: Gate, municipality: Municipality, kind: str, *, today: dt.date | None = None) -> dm.Document:
    """A concept memo, raadsinformatiebrief or digitale nieuwsbrief about ``gate`` for ``municipality``,
    written from the register: what was proposed, what this college decided and why, the
    conditions, what the other colleges decided and what follows."""
    if kind not in ("memo", "raadsinformatiebrief", "digitale_nieuwsbrief"):
        raise ValueError(kind)
    today = today or dt.date.today()
    trajectory = gate.trajectory
    state = query.trajectory_state(trajectory)
    result = state.results[gate.pk]
    own = _decision(gate, municipality)
    others = [
        (m, state.cell(gate, m)) for m in state.municipalities if m.pk != municipality.pk and state.cell(gate, m).decision is not None
    ]
    undecided = [m for m in result.undecided if m.pk != municipality.pk]
    # a council document is read by the raad and the public: it names only documents anyone may see
    subject_docs = list(permissions.public_documents(gate.subject_documents.all()))
    later = trajectory.gates.filter(ordinal__gt=gate.ordinal).order_by("ordinal").first()
    illustrative = bool(gate.illustrative or (own and own.illustrative) or any(cell.decision.illustrative for _, cell in others))
    date_ref = today  # the date of the document: who held the portfolio then

    # what was proposed
    # the gate's description is an internal note of the project organisation: never in a council document
    proposed = [f"In het traject '{trajectory.name}' lag het besluitmoment '{gate.title}' voor."]
    if subject_docs:
        proposed.append("Voorliggende stukken: " + "; ".join(d.title for d in subject_docs) + ".")
    # what this college decided
    if own is not None:
        when = _date_text(own.date, own.date_precision)
        decided = decision_sentence(short_name(municipality), own.outcome, gate.title, when, own.governing_body.kind)
        motivation = own.motivation.strip()
        conditions = [cond.text for cond in own.conditions.all()]
    else:
        decided = f"{body_phrase(short_name(municipality), gate.counting_body_kind)} heeft over '{gate.title}' nog geen besluit genomen."
        motivation = ""
        conditions = []
    # others
    other_lines = []
    for m, cell in others:
        d = cell.decision
        when = _date_text(d.date, d.date_precision)
        other_lines.append(f"{short_name(m)}: {d.get_outcome_display()} door {body_noun(d.governing_body.kind)}{' ' + when if when else ''}")
    if undecided:
        other_lines.append(f"Nog geen besluit bekend van: {_names(undecided)}")
    follow = []
    if result.continuing:
        who = dutch.municipalities(short_name(m) for m in result.continuing)
        follow.append(f"{who[:1].upper()}{who[1:]} {dutch.verb(len(result.continuing), 'gaat', 'gaan')} verder.")
    if result.not_continuing:
        n = len(result.not_continuing)
        follow.append(f"{_names(result.not_continuing)} {dutch.verb(n, 'gaat', 'gaan')} (nu) niet verder.")
    status = str(c.GateStatus(result.status).label) if result.status in c.GateStatus.values else ""
    if status and result.participants:
        follow.append(f"Stand van dit besluitmoment: {status}.")
    if later is not None:
        follow.append(f"Het volgende besluitmoment is '{later.title}'" + (f", gepland {_date_text(later.planned_date)}." if later.planned_date else "."))
    follow.append("Hierover zullen wij u verder informeren.")

    P, B, S = dm.Paragraph, dm.BulletList, dm.Section
    subject = f"{trajectory.name}: {gate.title}"
    header = {
        "datum": dutch_date(today),
        "aan": "Gemeenteraad",
        "van": "College",
        "onderwerp": subject,
        "portefeuillehouder": _role(municipality, c.RoleKind.PORTEFEUILLEHOUDER, date_ref, trajectory),
        "contact": _role(municipality, c.RoleKind.CONTACT, date_ref, trajectory),
    }
    header = {k: v for k, v in header.items() if v}
    attachments = [d.title for d in subject_docs]
    besluit_items: list = []
    if own is not None:
        besluit_items.append(decided)
        if conditions:
            besluit_items.append("Voorwaarden voor het vervolg:")
            besluit_items.append(B(conditions))
    body_kind = own.governing_body.kind if own is not None else gate.counting_body_kind
    body_word = "raad" if body_kind == c.GoverningBodyKind.RAAD else (
        "college" if body_kind == c.GoverningBodyKind.COLLEGE else str(c.GoverningBodyKind(body_kind).label))
    body_article = "de raad" if body_kind == c.GoverningBodyKind.RAAD else f"het {body_word}"
    if kind in ("memo", "raadsinformatiebrief"):
        sections = [
            S("aanleiding", "Aanleiding", [B(["Op initiatief van het college als onderdeel van de actieve informatieplicht (artikel 169 Gemeentewet)"])]),
            S("kernboodschap", "Kernboodschap", [P(" ".join(proposed)), P(decided)] + ([P(motivation)] if motivation else [])),
            S("besluit", f"Besluit {body_word}", [P(f"Op basis van bovenstaande informatie heeft {body_article} besloten:"), B(besluit_items or [decided])]),
            S("vervolg", "Vervolg", ([P(dutch.number(len(others), "Besluit van de andere gemeente:", "Besluiten van de andere gemeenten:")), B(other_lines)]
                                         if other_lines else []) + [P(" ".join(follow))]),
        ]
        if attachments:
            sections.append(S("bijlagen", "Bijlagen", [B(list(attachments))]))
        title = subject
    else:
        verb = TITLE_PHRASE.get(own.outcome, "besluit over") if own else "besluit nog over"
        title = f"{short_name(municipality)} {verb} {gate.title[:1].lower() + gate.title[1:]}"
        header = {"onderwerp": title}
        sections = [
            S("kernboodschap", "KERNBOODSCHAP", [P(decided)]),
            S("tekst", "TEKST", [P(decided + (" " + motivation if motivation else ""))]),
            S("aanleiding", "Inleiding", [P(" ".join(proposed))]),
        ]
        if conditions:
            sections.append(S("tekst", "Voorwaarden van ons college", [B(conditions)]))
        if other_lines:
            sections.append(S("tekst", dutch.number(len(others), "Besluit van de andere gemeente", "Besluiten van de andere gemeenten"),
                              [B(other_lines)]))
        sections.append(S("vervolg", "Vervolg", [P(" ".join(follow))]))
        attachments = []
    return dm.Document(
        kind=kind,
        title=title,
        organisation=f"gemeente {short_name(municipality)}",
        status="concept",
        header=header,
        sections=sections,
        attachments=attachments,
        illustrative_note=ILLUSTRATIVE_NOTE if illustrative else None,
    )


def to_model(document: Document, *, viewer=None) -> dm.Document:
    """A stored register Document as the neutral document model (for rendering to ``viewer``; without
    a viewer the reader is the raad or the public, and only public attachments are named)."""
    sections = [dm.Section.from_text(s.type, s.heading, s.text) for s in document.sections.order_by("order")]
    attachments = []
    for s in sections:
        if s.type == "bijlagen":
            for b in s.blocks:
                if isinstance(b, dm.BulletList):
                    attachments.extend(str(x) for x in b.items if not isinstance(x, dm.BulletList))
    if not attachments:
        attachments = [a.title for a in permissions.documents_for_reader(viewer, document.attachments.all())]
    organisation = ""
    if document.issuer_municipality_id:
        organisation = f"gemeente {short_name(document.issuer_municipality)}"
    elif document.issuer_organisation_id:
        organisation = str(document.issuer_organisation)
    header = {k: str(v) for k, v in (document.header or {}).items() if v not in (None, "")}
    note = document.header.get("_illustrative_note") if isinstance(document.header, dict) else None
    header.pop("_illustrative_note", None)
    if document.illustrative and not note:
        note = ILLUSTRATIVE_NOTE
    return dm.Document(
        kind=document.kind if document.kind in dm.KIND_LABELS else "other",
        title=document.title,
        organisation=organisation,
        status=document.status,
        header=header,
        sections=sections,
        attachments=attachments,
        illustrative_note=note,
    )


def section_inputs(document: dm.Document):
    from regiokompas.register.services import SectionInput

    return [SectionInput(type=s.type, heading=s.heading, text=s.text) for s in document.sections]


def sections_of(document: Document) -> list[DocumentSection]:
    return list(document.sections.order_by("order"))
