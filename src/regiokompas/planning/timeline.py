"""Accessible SVG timeline (Gantt) of a planning overview: title and desc, text labels on every
row, and late / at-risk shown by a symbol and a word as well as by colour and line style."""

from __future__ import annotations

import datetime as dt
from html import escape

from regiokompas import formatting
from regiokompas.charts import PALETTE
from regiokompas.planning.overview import AT_RISK, LATE, NOT_DONE, Overview, tempo_sentences

ROW_H = 26
LABEL_W = 380
CHART_W = 560
TOP = 40
MAX_LABEL = 58  # characters that fit in LABEL_W at font size 12
SYMBOLS = {LATE: "! te laat", AT_RISK: "△ risico", NOT_DONE: "× niet uitgevoerd"}
STROKE = {LATE: "#b00020", AT_RISK: "#8a5300", NOT_DONE: "#595959"}
FILL = {"mijlpaal": PALETTE[0], "medezeggenschap": PALETTE[2], "raad": PALETTE[5]}  # the one chart palette


def _x(day: dt.date, start: dt.date, span: int) -> float:
    return LABEL_W + 10 + (day - start).days / span * (CHART_W - 20)


def svg(overview: Overview, *, svg_id: str = "planning-tijdlijn") -> str:
    rows = overview.rows
    version = overview.version
    title = f"Tijdlijn planning {overview.trajectory.name}" + (f", versie {version.number}" if version else "")
    late, risk = len(overview.late), len(overview.at_risk)
    not_done = len(overview.not_done)
    desc = (f"{len(rows)} onderdelen van {formatting.long_date(rows[0].date)} tot {formatting.long_date(rows[-1].date)}; {late} te laat, "
            f"{risk} met risico" + (f", {not_done} niet uitgevoerd (traject gestopt)" if not_done else "") +
            f" (peildatum {formatting.long_date(overview.reference_date)}). " + " ".join(tempo_sentences(overview)) +
            (" " if overview.tempo else "") + "Dezelfde gegevens staan in de tabel onder de figuur."
            if rows else "Er zijn nog geen mijlpalen gepland.")
    days = [r.date for r in rows] + [r.end_date for r in rows if r.end_date] + [d for _l, d, _s in overview.law_dates]
    height = TOP + ROW_H * max(len(rows), 1) + 30
    width = LABEL_W + CHART_W + 110
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{svg_id}" role="img" aria-labelledby="{svg_id}-title {svg_id}-desc" '
        f'class="timeline-chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        'font-family="system-ui, sans-serif" font-size="12">',
        f'<title id="{svg_id}-title">{escape(title)}</title>',
        f'<desc id="{svg_id}-desc">{escape(desc)}</desc>',
    ]
    if not rows:
        parts.append('<text x="10" y="30">Nog geen mijlpalen.</text></svg>')
        return "".join(parts)
    start = min(days).replace(day=1)
    end = max(days)
    end = dt.date(end.year + (end.month // 12), end.month % 12 + 1, 1)
    span = max((end - start).days, 1)
    # year / quarter grid
    year = start.year
    while dt.date(year, 1, 1) <= end:
        for month in (1, 4, 7, 10):
            day = dt.date(year, month, 1)
            if start <= day <= end:
                x = _x(day, start, span)
                parts.append(f'<line x1="{x:.1f}" y1="{TOP - 8}" x2="{x:.1f}" y2="{height - 24}" stroke="#c8c8c8" stroke-width="1"/>')
                label = str(year) if month == 1 else f"kw{(month - 1) // 3 + 1}"
                parts.append(f'<text x="{x + 2:.1f}" y="{TOP - 12}" fill="#3b3b3b">{label}</text>')
        year += 1
    for label, day, status in overview.law_dates:
        x = _x(day, start, span)
        parts.append(f'<line x1="{x:.1f}" y1="{TOP - 8}" x2="{x:.1f}" y2="{height - 24}" stroke="#8a5300" stroke-width="2" stroke-dasharray="6 3"/>')
        parts.append(f'<text x="{x + 3:.1f}" y="{height - 8}" fill="#5c3700">{escape(label)} ({escape(status)})</text>')
    for i, r in enumerate(rows):
        y = TOP + i * ROW_H
        cy = y + ROW_H / 2
        track = "" if r.track == "regio" or r.track in r.label else f" [{r.track}]"
        dropped = " (vervallen)" if r.status == "dropped" else ""
        room = MAX_LABEL - len(track) - len(dropped)
        text = (r.label if len(r.label) <= room else r.label[: room - 1] + "…") + dropped + track
        strike = ' text-decoration="line-through"' if dropped else ""
        parts.append(f'<text x="4" y="{cy + 4:.1f}"{strike}>{escape(text)}</text>')
        colour = FILL.get(r.category, PALETTE[0])
        dash = ' stroke-dasharray="4 2"' if r.flag else ""
        stroke = STROKE.get(r.flag, colour)
        x0 = _x(r.date, start, span)
        tempo = ""
        if r.regional_date and r.regional_date != r.date:
            # own (slower or faster) track: a dotted line from the regional date to this municipality's date
            xr = _x(r.regional_date, start, span)
            parts.append(f'<line x1="{xr:.1f}" y1="{cy:.1f}" x2="{x0:.1f}" y2="{cy:.1f}" stroke="#3b3b3b" stroke-width="1.5" '
                         f'stroke-dasharray="2 3"/>')
            parts.append(f'<circle cx="{xr:.1f}" cy="{cy:.1f}" r="3" fill="#ffffff" stroke="#3b3b3b" stroke-width="1.5"/>')
            days = (r.date - r.regional_date).days
            tempo = f"{'+' if days > 0 else '−'}{abs(days)} d t.o.v. regio"
        if r.end_date and r.end_date > r.date:
            x1 = _x(r.end_date, start, span)
            parts.append(f'<rect x="{x0:.1f}" y="{y + 6}" width="{max(x1 - x0, 3):.1f}" height="{ROW_H - 12}" fill="{colour}" '
                         f'fill-opacity="0.35" stroke="{stroke}" stroke-width="2"{dash}/>')
        else:
            x1 = x0
        size = 7
        done = r.status == "done"
        parts.append(f'<path d="M{x0:.1f} {cy - size:.1f} L{x0 + size:.1f} {cy:.1f} L{x0:.1f} {cy + size:.1f} L{x0 - size:.1f} {cy:.1f} Z" '
                     f'fill="{colour if done else "#ffffff"}" stroke="{stroke}" stroke-width="2"{dash}/>')
        note = " ".join(x for x in (SYMBOLS.get(r.flag, ""), tempo) if x)
        if note:
            right = max(x0, x1) + 10
            if right + 7 * len(note) > width:  # keep the text inside the figure: put it left of the marker
                parts.append(f'<text x="{min(x0, x1) - 10:.1f}" y="{cy + 4:.1f}" text-anchor="end" font-weight="bold" '
                             f'fill="{stroke if r.flag else "#3b3b3b"}">{escape(note)}</text>')
            else:
                parts.append(f'<text x="{right:.1f}" y="{cy + 4:.1f}" font-weight="bold" '
                             f'fill="{stroke if r.flag else "#3b3b3b"}">{escape(note)}</text>')
    parts.append("</svg>")
    return "".join(parts)
