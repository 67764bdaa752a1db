"""The generated process description "Communicatie met en betrekken van de ondernemingsraden".

It is stored as a register Document (concept, editable section by section) and becomes definitief
on request; a definitief version is never changed, a new concept supersedes it. Rendering to docx
and markdown goes through regiokompas.documents."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from regiokompas import formatting
from regiokompas.accounts import permissions
from regiokompas.documents import model as dm
from regiokompas.planning import constants as pc
from regiokompas.planning.models import Consultation, ConsultationBody, Milestone, Plan
from regiokompas.planning.services import PlanningError, _check_manage
from regiokompas.register import constants as c
from regiokompas.register import services as rs
from regiokompas.register.models import Condition, Document, Trajectory

TITLE = "Communicatie met en betrekken van de ondernemingsraden"
MARK = "procesbeschrijving"
WOR_SOURCE = "WOR art. 25 en art. 46d sub b (ondernemingsraad.nl/wor/artikel-25/; gemeente.nu/blog/ondernemingsraad-aan-de-zijlijn-bij-samenwerkende-gemeenten/)"


def descriptions(trajectory: Trajectory):
    return Document.objects.filter(trajectory=trajectory, kind=c.DocumentKind.OTHER, header__documentsoort=MARK).order_by("-created", "-pk")


def current_description(trajectory: Trajectory) -> Document | None:
    return descriptions(trajectory).first()


def related_conditions(trajectory: Trajectory) -> list[Condition]:
    """Conditions of current decisions that ask for this process description."""
    return [x for x in Condition.objects.filter(decision__gate__trajectory=trajectory, decision__is_current=True)
            .select_related("decision__municipality") if "ondernemingsra" in x.text.lower() and "proces" in x.text.lower()]


def _sections(trajectory: Trajectory) -> list[rs.SectionInput]:
    bodies = list(ConsultationBody.objects.filter(trajectory=trajectory).select_related("employer_municipality", "employer_organisation"))
    works_councils = [b for b in bodies if b.kind in (pc.BodyKind.OR, pc.BodyKind.BOR, pc.BodyKind.GO)]
    others = [b for b in bodies if b not in works_councils]
    consultations = list(Consultation.objects.filter(body__trajectory=trajectory).select_related("body", "gate").order_by("requested", "pk"))
    conditions = [x for x in Condition.objects.filter(decision__gate__trajectory=trajectory, decision__is_current=True).select_related(
        "decision__municipality", "decision__governing_body") if "ondernemingsra" in x.text.lower()]
    out = []

    why = [f"Deze procesbeschrijving legt vast hoe de ondernemingsraden in het traject '{trajectory.name}' worden geïnformeerd "
           "en betrokken: welke organen, welke stukken zij krijgen, wanneer zij worden geïnformeerd, wanneer advies wordt "
           "gevraagd en hoe het advies wordt beantwoord."]
    for cond in conditions:
        day = formatting.long_date(cond.decision.date, cond.decision.date_precision, missing=formatting.UNKNOWN_DATE)
        body = "de raad" if cond.decision.governing_body.kind == "raad" else f"het {cond.decision.governing_body.get_kind_display()}"
        why.append(f"- Voorwaarde van {body} van {cond.decision.municipality} ({day}): {cond.text}")
    out.append(rs.SectionInput("aanleiding", "Aanleiding", "\n\n".join(why) if len(why) == 1 else why[0] + "\n\n" + "\n".join(why[1:])))

    lines = []
    for b in works_councils + others:
        employer = f", werkgever {b.employer}" if b.employer else ""
        lines.append(f"- {b.name} ({b.get_kind_display()}{employer})")
    out.append(rs.SectionInput("overig", "Betrokken medezeggenschapsorganen",
                               "\n".join(lines) if lines else "Er zijn nog geen medezeggenschapsorganen vastgelegd."))

    # This description is not confidential: it names only the documents that anyone may see. The
    # confidential ones are counted, never named; members of a works council see them in Regiokompas.
    public_ids = set(permissions.public_documents(trajectory.documents.all()).values_list("pk", flat=True))
    all_docs = [d for d in trajectory.documents.order_by("date", "title") if d.header.get("documentsoort") != MARK]
    docs = [d for d in all_docs if d.pk in public_ids]
    hidden = len(all_docs) - len(docs)
    doc_lines = "\n".join(f"- {d.title} ({d.get_kind_display()}, {formatting.long_date(d.date, d.date_precision, missing=formatting.UNKNOWN_DATE)}, {d.get_status_display()})"
                          for d in docs)
    if hidden:
        doc_lines += ("\n" if doc_lines else "") + (
            f"- daarnaast {hidden} vertrouwelijk{'e stukken' if hidden != 1 else ' stuk'} of nog niet verzonden "
            f"concept{'en' if hidden != 1 else ''}, alleen in Regiokompas in te zien")
    out.append(rs.SectionInput("overig", "Welke stukken de ondernemingsraden krijgen",
                               "De leden van de ondernemingsraden die aan dit traject deelnemen, krijgen toegang tot alle stukken "
                               "van het traject, ook vertrouwelijke, via hun account in Regiokompas (rol 'lid ondernemingsraad'). "
                               "Nieuwe stukken zijn direct zichtbaar. Deze beschrijving noemt alleen de openbare stukken.\n\n"
                               + (doc_lines or "Er zijn nog geen stukken vastgelegd.")))

    info = [x for x in consultations if x.kind == pc.ConsultationKind.INFORMATION]
    info_text = "De projectgroep informeert de ondernemingsraden over de voortgang, in elk geval vóór elk go/no-go-moment."
    groups: dict[tuple, list[str]] = {}
    for x in info:
        groups.setdefault((x.requested, x.subject, str(x.gate) if x.gate else ""), []).append(x.body.name)
    if groups:
        info_text += "\n\n" + "\n".join(
            f"- {formatting.long_date(day)}: {subject} ({', '.join(names)})" + (f"; besluitmoment {gate}" if gate else "")
            for (day, subject, gate), names in groups.items())
    plan = Plan.objects.filter(trajectory=trajectory).first()
    if plan and plan.current:
        planned = Milestone.objects.filter(version=plan.current, kind=pc.MilestoneKind.CONSULTATION).order_by("date")
        if planned:
            info_text += f"\n\nIn de planning (versie {plan.current.number}):\n" + "\n".join(
                f"- {formatting.long_date(m.date)}: {m.title}" + (f" ({m.municipality})" if m.municipality_id else "") for m in planned)
    out.append(rs.SectionInput("overig", "Wanneer de ondernemingsraden worden geïnformeerd", info_text))

    advice = [x for x in consultations if x.kind != pc.ConsultationKind.INFORMATION]
    adv_text = ("Advies wordt gevraagd op een moment dat het advies nog wezenlijke invloed kan hebben op het besluit (WOR art. 25 "
                "lid 2), met alle informatie die de ondernemingsraad daarvoor nodig heeft. Het aangaan van een gemeenschappelijke "
                "regeling valt onder het politiek primaat (WOR art. 46d sub b): het adviesrecht betreft dan de gevolgen voor het "
                "personeel.")
    if advice:
        adv_text += "\n\n" + "\n".join(
            f"- {x.body}: {x.get_kind_display()} over '{x.subject}', gevraagd {formatting.long_date(x.requested)}, uiterlijk {formatting.long_date(x.due)}"
            f" (reikwijdte: {x.get_scope_display()}){' – besluitmoment ' + str(x.gate) if x.gate else ''}" for x in advice)
    if plan and plan.current:
        gates = Milestone.objects.filter(version=plan.current, kind=pc.MilestoneKind.GATE).select_related("municipality").order_by("date")
        if gates:
            adv_text += ("\n\nHet advies moet binnen zijn vóór het besluitmoment waarop het betrekking heeft; een gemeente met een "
                         f"eigen (trager) spoor besluit later (planning versie {plan.current.number}):\n") + "\n".join(
                f"- {formatting.long_date(m.date)}: {m.title} ({m.municipality if m.municipality_id else 'regio'}; {m.get_status_display()})"
                for m in gates)
    out.append(rs.SectionInput("overig", "Wanneer advies wordt gevraagd", adv_text))

    answer = ("- Het college reageert schriftelijk op elk advies en legt het advies bij het besluit aan de raad voor.\n"
              "- Wijkt het college af van het advies, dan motiveert het dat schriftelijk (WOR art. 25 lid 5); "
              "Regiokompas waarschuwt als die motivering ontbreekt.\n"
              "- De ondernemingsraad kan binnen een maand beroep instellen bij de Ondernemingskamer, voor zover "
              "het adviesrecht reikt.\n"
              f"- Bron: {WOR_SOURCE}.")
    asked = [x for x in advice if x.is_advice]
    if asked:
        lines = []
        for x in asked:
            if x.received:
                state = f"advies ontvangen {formatting.long_date(x.received)}: {x.get_outcome_display()}"
                if x.deviates:
                    state += f"; het college wijkt af, met schriftelijke motivering: {x.deviation_motivation}"
                else:
                    state += "; het college volgt het advies" if x.decision_id else "; de reactie van het college volgt bij het besluit"
            else:
                state = f"advies nog niet ontvangen (uiterlijk {formatting.long_date(x.due)})" if x.due else "advies nog niet ontvangen"
            lines.append(f"- {x.body}, '{x.subject}': {state}")
        answer += "\n\nStand van de adviezen in dit traject:\n" + "\n".join(lines)
    out.append(rs.SectionInput("overig", "Hoe het advies wordt beantwoord", answer))
    return out


def generate(actor, trajectory: Trajectory) -> Document:
    """Generate (or regenerate) the concept. A definitief description is superseded by a new concept.
    The text is composed before the transaction; the document is written in one short transaction."""
    _check_manage(actor, trajectory)
    sections = _sections(trajectory)
    return _store(actor, trajectory, sections)


@transaction.atomic
def _store(actor, trajectory: Trajectory, sections) -> Document:
    existing = current_description(trajectory)
    illustrative = Consultation.objects.filter(body__trajectory=trajectory, illustrative=True).exists()
    if existing and existing.status == c.DocumentStatus.CONCEPT:
        return rs.save_document(actor, existing, sections, reason="Procesbeschrijving opnieuw opgesteld")
    doc = Document(
        trajectory=trajectory, kind=c.DocumentKind.OTHER, title=TITLE, status=c.DocumentStatus.CONCEPT,
        issuer_organisation=trajectory.project_organisation, date=dt.date.today(),
        header={"documentsoort": MARK, "onderwerp": TITLE, "aan": "Ondernemingsraden en colleges"},
        supersedes=existing, illustrative=illustrative,
        source="Gegenereerd door Regiokompas uit de medezeggenschapsorganen, adviestrajecten en planning van het traject.",
    )
    return rs.save_document(actor, doc, sections, reason="Procesbeschrijving opgesteld")


@transaction.atomic
def update(actor, doc: Document, texts: list[str]) -> Document:
    _check_manage(actor, doc.trajectory)
    if doc.status == c.DocumentStatus.DEFINITIEF:
        raise PlanningError("Deze procesbeschrijving is definitief en wordt niet meer gewijzigd; stel een nieuwe versie op.")
    current = list(doc.sections.order_by("order"))
    if len(texts) != len(current):
        raise PlanningError("Het aantal secties klopt niet; laad de pagina opnieuw.")
    sections = [rs.SectionInput(s.type, s.heading, t.strip()) for s, t in zip(current, texts, strict=True)]
    if not any(s.text for s in sections):
        raise PlanningError("Een procesbeschrijving zonder tekst kan niet worden bewaard.")
    return rs.save_document(actor, doc, sections, reason="Procesbeschrijving bewerkt")


@transaction.atomic
def finalize(actor, doc: Document) -> Document:
    _check_manage(actor, doc.trajectory)
    if doc.status == c.DocumentStatus.DEFINITIEF:
        raise PlanningError("Deze procesbeschrijving is al definitief.")
    doc.status = c.DocumentStatus.DEFINITIEF
    doc.date = dt.date.today()
    return rs.save_document(actor, doc, None, reason="Procesbeschrijving definitief gemaakt")


def to_document(doc: Document) -> dm.Document:
    return dm.Document(
        kind="procesbeschrijving",
        title=doc.title,
        organisation=str(doc.issuer or ""),
        status=doc.status,
        header={k: v for k, v in {"datum": doc.date.isoformat() if doc.date else "", "aan": doc.header.get("aan", ""),
                                  "onderwerp": doc.header.get("onderwerp", doc.title)}.items() if v},
        sections=[dm.Section.from_text(s.type, s.heading, s.text) for s in doc.sections.order_by("order")],
        attachments=[],
        illustrative_note=("Deze procesbeschrijving gebruikt illustratieve voorbeeldgegevens (zonder bron in de werkelijkheid)."
                           if doc.illustrative else None),
    )
