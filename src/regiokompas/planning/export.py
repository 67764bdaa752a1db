"""Exports of the planning: iCalendar (icalendar library) and the planning overview as a neutral
document (regiokompas.documents.model), rendered to docx or markdown by regiokompas.documents.render."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event

from regiokompas import formatting
from regiokompas.documents import model as dm
from regiokompas.planning import timeline
from regiokompas.planning.overview import Overview, tempo_sentences

PRODID = "-//Regiokompas//Planning//NL"


def ics(overview: Overview) -> bytes:
    """Milestones, consultations and council procedures as all-day events."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"Planning {overview.trajectory.name}")
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    version = overview.version.number if overview.version else 0
    for row in overview.rows:
        event = Event()
        event.add("uid", f"{overview.trajectory.slug}-{row.key}-v{version}@regiokompas")
        event.add("dtstamp", stamp)
        event.add("dtstart", row.date)
        last = row.end_date if row.end_date and row.end_date > row.date else row.date
        event.add("dtend", last + dt.timedelta(days=1))
        track = "" if row.track == "regio" else f" ({row.track})"
        event.add("summary", f"{row.title}{track}")
        lines = [f"Soort: {row.kind_label}", f"Status: {row.status_label}"]
        if row.flag:
            lines.append(f"Let op ({row.flag}): {row.flag_text}")
        if row.tempo:
            lines.append(f"Tempo: {row.tempo}")
        if row.owner:
            lines.append(f"Eigenaar: {row.owner}")
        if row.source:
            lines.append(f"Bron: {row.source}")
        if row.illustrative:
            lines.append("Illustratief: voorbeeldgegeven zonder bron in de werkelijkheid.")
        event.add("description", "\n".join(lines))
        event.add("categories", [row.category])
        cal.add_component(event)
    return cal.to_ical()


def overview_document(overview: Overview) -> dm.Document:
    t = overview.trajectory
    v = overview.version
    sections = []
    intro = [dm.Paragraph(
        f"Planning van het traject '{t.name}'" + (f", versie {v.number}: {v.title}" if v else " (nog geen planning)") +
        f". Peildatum {formatting.long_date(overview.reference_date)}: "
        + ("gekozen." if overview.reference_chosen else f"{overview.reference_note}.")
    )]
    if overview.stopped:
        intro.append(dm.Paragraph("Het traject is gestopt: wat niet was afgerond, staat als 'niet uitgevoerd' en niet als te laat."))
    if v and v.reason:
        intro.append(dm.Paragraph(f"Reden van deze versie: {v.reason}"))
    sections.append(dm.Section("aanleiding", "Aanleiding", intro))
    if overview.rows:
        sections.append(dm.Section("planning", "Planning", [
            dm.Figure(timeline.svg(overview), "Tijdlijn van de planning",
                      "Tijdlijn met mijlpalen, medezeggenschap en raadsprocedures; dezelfde gegevens staan in de tabel."),
            dm.Table("Mijlpalen, medezeggenschap en raadsprocedures",
                     ["Datum", "Tot", "Onderdeel", "Spoor", "Soort", "Status", "Let op", "Bron"],
                     [[formatting.long_date(r.date), formatting.long_date(r.end_date) if r.end_date else "", r.title + (" (illustratief)" if r.illustrative else ""),
                       r.track + (f" ({r.tempo})" if r.tempo else ""), r.kind_label, r.status_label, (f"{r.flag.upper()}: {r.flag_text}" if r.flag else ""), r.source]
                      for r in overview.rows]),
        ]))
    if overview.tempo:
        tempo_rows = []
        for g in overview.tempo:
            tempo_rows.append([g["gate"], "regio", ", ".join(g["regional_municipalities"]) or "–",
                               formatting.long_date(g["regional_date"]) if g["regional_date"] else "–", "–"])
            tempo_rows += [[x["title"], "eigen spoor", x["municipality"], formatting.long_date(x["date"]), x["tempo"]] for x in g["tracks"]]
        sections.append(dm.Section("planning", "Tempo per gemeente", [
            dm.Paragraph(" ".join(tempo_sentences(overview)) or "Alle gemeenten volgen de regionale planning."),
            dm.Table("Tempo per gemeente per besluitmoment", ["Besluitmoment", "Spoor", "Gemeenten", "Datum", "Verschil met de regio"],
                     tempo_rows),
        ]))
    if overview.unplanned:
        sections.append(dm.Section("planning", "Besluitmomenten zonder datum in deze planning", [
            dm.BulletList([f"{g['ordinal']}. {g['title']}: {g['status_label']}" for g in overview.unplanned])]))
    if overview.law_dates:
        sections.append(dm.Section("overig", "Wetten waarop de planning is afgestemd", [
            dm.BulletList([f"{label}: {formatting.long_date(day)} ({status})" for label, day, status in overview.law_dates])]))
    if overview.findings:
        sections.append(dm.Section("kanttekeningen", "Voorwaarden vooraf die niet zijn vervuld", [
            dm.BulletList([f"{f.gate}: {f.message} ({f.municipality_names})" for f in overview.findings])]))
    if v and v.changes:
        sections.append(dm.Section("overig", "Wijzigingen ten opzichte van de vorige versie", [
            dm.Table("Wat is verschoven, toegevoegd of vervallen", ["Onderdeel", "Wijziging", "Was", "Wordt"],
                     [[c["title"], c["change"], c.get("old") or "", c.get("new") or ""] for c in v.changes])]))
    return dm.Document(
        kind="planningsoverzicht",
        title=f"Planningsoverzicht {t.name}",
        organisation=str(t.project_organisation or ""),
        status="concept",
        header={"datum": overview.reference_date.isoformat(), "onderwerp": f"Planning {t.name}"},
        sections=sections,
        illustrative_note=("Dit overzicht bevat illustratieve gegevens (voorbeeldgegevens zonder bron in de werkelijkheid); "
                           "die zijn gemarkeerd met 'illustratief'.") if overview.illustrative else None,
    )


def render(doc: dm.Document, fmt: str) -> bytes:
    """Render through the shared document renderer (docx, md, html, pdf)."""
    from regiokompas.documents.render import render as shared_render

    return shared_render(doc, fmt)
