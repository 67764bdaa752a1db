"""Server-side SVG charts. The same SVG goes into the web page and the report; every chart has a
title and a description, and every page shows the numbers in a table beside it."""

from __future__ import annotations

from html import escape

from regiokompas import formatting
from regiokompas.charts import FONT, FRAME, GRID, PALETTE, TEXT  # noqa: F401  one palette for every chart
from regiokompas.charts import colour as series_colour
from regiokompas.charts import dash as line_dash
from regiokompas.charts import marker as series_marker
from regiokompas.charts import svg as _svg
from regiokompas.charts import text as _text

RANK_COLOURS = ["#08306b", "#2171b5", "#6baed6", "#c6dbef", "#deebf7", "#f0f0f0", "#d9d9d9", "#bdbdbd"]
TEXT_ON = {"#08306b": "#ffffff", "#2171b5": "#ffffff", **{c: "#ffffff" for c in PALETTE}}


def rank_acceptability_chart(rows: list[tuple[str, list[float]]], *, ident: str, title: str) -> str:
    """Stacked horizontal bars: per alternative the share of samples in which it has rank 1, 2, ...

    ``rows``: (label, [p_rank1, p_rank2, ...]) in display order."""
    m = max((len(r[1]) for r in rows), default=0)
    label_w, bar_w, row_h, top = 260, 440, 30, 34
    height = top + row_h * len(rows) + 50
    width = label_w + bar_w + 20
    body = [_text(label_w, 20, "Aandeel van de trekkingen per rangplaats", size=12, weight="bold")]
    for i, (label, probs) in enumerate(rows):
        y = top + i * row_h
        body.append(_text(label_w - 8, y + 19, label[:42], anchor="end"))
        x = float(label_w)
        for r, p in enumerate(probs):
            w = max(0.0, p) * bar_w
            colour = RANK_COLOURS[r % len(RANK_COLOURS)]
            if w > 0:
                body.append(f'<rect x="{x:.1f}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" fill="{colour}" '
                            f'stroke="#ffffff" stroke-width="1"><title>{escape(label)}: rangplaats {r + 1}: {formatting.percent(p)}</title></rect>')
                if w >= 34:
                    body.append(_text(x + w / 2, y + 19, formatting.percent(p), size=11, anchor="middle", fill=TEXT_ON.get(colour, TEXT)))
            x += w
    ly = top + row_h * len(rows) + 16
    for r in range(m):
        lx = label_w + r * 90
        body.append(f'<rect x="{lx}" y="{ly}" width="14" height="14" fill="{RANK_COLOURS[r % len(RANK_COLOURS)]}" stroke="{FRAME}"/>')
        body.append(_text(lx + 18, ly + 12, f"plaats {r + 1}", size=11))
    best = max(rows, key=lambda r: r[1][0] if r[1] else 0) if rows else None
    desc = "Gestapelde staven per variant. " + " ".join(
        f"{label}: eerste plaats in {formatting.percent(probs[0])} van de trekkingen." for label, probs in rows if probs
    )
    if best:
        desc += f" Het vaakst eerste: {best[0]}."
    return _svg(width, height, ident, title, desc, body)


def grouped_bar_chart(
    groups: list[tuple[str, list[float]]], series: list[str], *, ident: str, title: str, axis_label: str, max_value: float | None = None
) -> str:
    """Horizontal grouped bars: per group (e.g. a criterion or a municipality) one bar per series."""
    n = max(1, len(series))
    bar_h, gap, label_w, bar_w, top = 12, 12, 270, 400, 34
    group_h = n * bar_h + gap
    vmax = max_value or max((v for _, vals in groups for v in vals if v is not None), default=1.0) or 1.0
    height = top + group_h * len(groups) + 30 + 18 * ((len(series) + 2) // 3)
    width = label_w + bar_w + 70
    body = [_text(label_w, 20, axis_label, size=12, weight="bold")]
    for gi, (label, values) in enumerate(groups):
        y0 = top + gi * group_h
        body.append(_text(label_w - 8, y0 + (n * bar_h) / 2 + 4, label[:42], anchor="end"))
        for si, v in enumerate(values):
            if v is None:
                continue
            w = max(0.0, v) / vmax * bar_w
            colour = series_colour(si)
            body.append(f'<rect x="{label_w}" y="{y0 + si * bar_h:.1f}" width="{w:.1f}" height="{bar_h - 2}" fill="{colour}">'
                        f'<title>{escape(label)} – {escape(series[si])}: {formatting.percent(v)}</title></rect>')
            body.append(_text(label_w + w + 4, y0 + si * bar_h + bar_h - 3, formatting.percent(v), size=10))
    ly = top + group_h * len(groups) + 8
    for si, name in enumerate(series):
        lx = label_w + (si % 3) * 150
        yy = ly + (si // 3) * 18
        body.append(f'<rect x="{lx}" y="{yy}" width="14" height="14" fill="{series_colour(si)}"/>')
        body.append(_text(lx + 18, yy + 12, name[:22], size=11))
    desc = " ".join(
        f"{label}: " + ", ".join(f"{series[i]} {formatting.percent(v)}" for i, v in enumerate(vals) if v is not None) + "." for label, vals in groups
    )
    return _svg(width, height, ident, title, desc, body)


def sweep_chart(xs: list[float], lines: list[tuple[str, list[float]]], *, ident: str, title: str, x_label: str, y_label: str,
                marker: float | None = None, switches: list[float] | None = None, desc: str | None = None) -> str:
    """Line chart for a one-way weight sweep (value of each alternative as one weight moves).

    ``marker``: the current weight (dashed vertical line); ``switches``: weights where the best
    alternative changes (small ticks on the top edge)."""
    left, top, w, h = 60, 30, 420, 200
    width, height = left + w + 180, top + h + 50
    ys = [v for _, vals in lines for v in vals if v is not None]
    ymin, ymax = (min(ys), max(ys)) if ys else (0.0, 1.0)
    if ymax - ymin < 1e-9:
        ymax = ymin + 1
    xmin, xmax = (min(xs), max(xs)) if xs else (0.0, 1.0)
    if xmax - xmin < 1e-9:
        xmax = xmin + 1

    def px(x):
        return left + (x - xmin) / (xmax - xmin) * w

    def py(y):
        return top + h - (y - ymin) / (ymax - ymin) * h

    body = [f'<rect x="{left}" y="{top}" width="{w}" height="{h}" fill="none" stroke="{FRAME}"/>',
            _text(left + w / 2, top + h + 36, x_label, anchor="middle"), _text(left, top - 10, y_label)]
    for t in (0, 0.25, 0.5, 0.75, 1):
        xv = xmin + t * (xmax - xmin)
        body.append(f'<line x1="{px(xv):.1f}" y1="{top + h}" x2="{px(xv):.1f}" y2="{top + h + 4}" stroke="{FRAME}"/>')
        body.append(_text(px(xv), top + h + 16, formatting.percent(xv), size=10, anchor="middle"))
    for t in (0, 0.5, 1):
        yv = ymin + t * (ymax - ymin)
        body.append(_text(left - 6, py(yv) + 4, formatting.number(yv, 2), size=10, anchor="end"))
    for si, (name, vals) in enumerate(lines):
        points = [(px(x), py(y)) for x, y in zip(xs, vals, strict=False) if y is not None]
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        colour = series_colour(si)
        body.append(f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="2"{line_dash(si)}/>')
        # a marker at every few points, offset per series, so lines on top of each other stay apart
        step = max(1, len(points) // 5)
        for x, y in points[si % step::step]:
            body.append(series_marker(si, x, y, size=3.5))
        body.append(f'<line x1="{left + w + 12}" y1="{top + 10 + si * 18}" x2="{left + w + 36}" y2="{top + 10 + si * 18}" stroke="{colour}" stroke-width="2"{line_dash(si)}/>')
        body.append(series_marker(si, left + w + 24, top + 10 + si * 18, size=3.5))
        body.append(_text(left + w + 40, top + 14 + si * 18, name[:20], size=11))
    legend_y = top + 14 + len(lines) * 18
    if marker is not None:
        body.append(f'<line x1="{px(marker):.1f}" y1="{top}" x2="{px(marker):.1f}" y2="{top + h}" stroke="{TEXT}" stroke-dasharray="3 3"/>')
        body.append(f'<line x1="{left + w + 24}" y1="{legend_y - 2}" x2="{left + w + 24}" y2="{legend_y + 12}" stroke="{TEXT}" stroke-dasharray="3 3"/>')
        body.append(_text(left + w + 40, legend_y + 9, "huidig gewicht", size=11))
        legend_y += 20
    for x in switches or []:
        body.append(f'<path d="M {px(x) - 5:.1f} {top - 7} L {px(x) + 5:.1f} {top - 7} L {px(x):.1f} {top} Z" fill="{PALETTE[1]}">'
                    f'<title>omslagpunt bij {formatting.percent(x)}</title></path>')
    if switches:
        body.append(f'<path d="M {left + w + 19} {legend_y} L {left + w + 29} {legend_y} L {left + w + 24} {legend_y + 7} Z" fill="{PALETTE[1]}"/>')
        body.append(_text(left + w + 40, legend_y + 8, "omslagpunt", size=11))
    return _svg(width, height, ident, title, desc or f"Lijnen per variant over {x_label.lower()}.", body)


def switch_distance_chart(rows: list[tuple[str, float | None, float | None, str]], *, ident: str, title: str) -> str:
    """Horizontal bars per municipality: the smallest shift of the weights (in percentage points)
    after which another alternative is best, within the municipality's statements and anywhere.

    ``rows``: (label, within or None, anywhere or None, text to show when there is no bar within)."""
    series = ["Binnen de opgegeven voorkeuren", "Ook buiten de voorkeuren"]
    colours = [PALETTE[0], PALETTE[1]]
    bar_h, gap, label_w, bar_w, top = 13, 12, 270, 360, 40
    group_h = 2 * bar_h + gap
    values = [v for _, a, b, _n in rows for v in (a, b) if v is not None]
    vmax = max(values, default=0.05)
    step = 0.05 if vmax <= 0.25 else 0.1
    vmax = max(step, step * -(-vmax // step))
    height = top + group_h * len(rows) + 50
    width = label_w + bar_w + 120
    body = [_text(8, 16, "Verschuiving van gewicht tot een andere variant de beste is", size=12, weight="bold")]
    axis_y = top + group_h * len(rows)
    ticks = round(vmax / step)
    for k in range(ticks + 1):
        x = label_w + k / ticks * bar_w
        body.append(f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{axis_y}" stroke="{GRID}"/>')
        body.append(_text(x, axis_y + 14, f"{k * step * 100:g}", size=10, anchor="middle"))
    body.append(_text(label_w + bar_w + 16, axis_y + 14, "%-punt", size=10))
    for gi, (label, within, anywhere, note) in enumerate(rows):
        y0 = top + gi * group_h
        body.append(_text(label_w - 8, y0 + bar_h + 4, label[:42], anchor="end"))
        for si, v in enumerate((within, anywhere)):
            y = y0 + si * bar_h
            if v is None:
                if si == 0 and note:
                    body.append(_text(label_w + 4, y + bar_h - 3, note, size=10, fill=TEXT))
                continue
            bw = max(1.0, v / vmax * bar_w)
            body.append(f'<rect x="{label_w}" y="{y:.1f}" width="{bw:.1f}" height="{bar_h - 2}" fill="{colours[si]}">'
                        f'<title>{escape(label)} – {series[si]}: {formatting.percent(v, 1, unit=" procentpunt")}</title></rect>')
            body.append(_text(label_w + bw + 4, y + bar_h - 3, formatting.percent(v, 1, unit=" %-punt"), size=10))
    ly = axis_y + 24
    for si, name in enumerate(series):
        lx = label_w + si * 220
        body.append(f'<rect x="{lx}" y="{ly}" width="14" height="14" fill="{colours[si]}"/>')
        body.append(_text(lx + 18, ly + 12, name, size=11))
    parts = []
    for label, within, anywhere, note in rows:
        text = f"{label}: " + (f"binnen de voorkeuren {formatting.percent(within, 1, unit=' procentpunt')}" if within is not None else (note or "binnen de voorkeuren onbekend"))
        if anywhere is not None:
            text += f", ook buiten de voorkeuren {formatting.percent(anywhere, 1, unit=' procentpunt')}"
        parts.append(text + ".")
    desc = "Staafgrafiek per gemeente van de kleinste verschuiving van de gewichten waarna een andere variant de beste is. " + " ".join(parts)
    return _svg(width, height, ident, title, desc, body)


def value_profile_chart(rows: list[tuple[str, list[float]]], segments: list[str], *, ident: str, title: str) -> str:
    """Stacked horizontal bars: per alternative its total value at the representative weights,
    split into the contribution of each criterion (weight × partial value)."""
    label_w, bar_w, row_h, top = 260, 420, 30, 34
    legend_rows = (len(segments) + 2) // 3
    height = top + row_h * len(rows) + 20 + 18 * legend_rows
    width = label_w + bar_w + 70
    vmax = max((sum(v for v in vals if v) for _, vals in rows), default=1.0) or 1.0
    body = [_text(label_w, 20, "Totale waarde (0–1), opgebouwd per criterium", size=12, weight="bold")]
    for i, (label, vals) in enumerate(rows):
        y = top + i * row_h
        body.append(_text(label_w - 8, y + 19, label[:42], anchor="end"))
        x = float(label_w)
        for k, v in enumerate(vals):
            w = max(0.0, v or 0.0) / vmax * bar_w
            if w <= 0:
                continue
            colour = series_colour(k)
            body.append(f'<rect x="{x:.1f}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" fill="{colour}" stroke="#ffffff" '
                        f'stroke-width="1"><title>{escape(label)} – {escape(segments[k])}: {formatting.number(v, 3)}</title></rect>')
            x += w
        total = sum(v for v in vals if v)
        body.append(_text(x + 4, y + 19, formatting.number(total, 2), size=11))
    ly = top + row_h * len(rows) + 10
    for k, name in enumerate(segments):
        lx = label_w + (k % 3) * 150
        yy = ly + (k // 3) * 18
        body.append(f'<rect x="{lx}" y="{yy}" width="14" height="14" fill="{series_colour(k)}"/>')
        body.append(_text(lx + 18, yy + 12, name[:22], size=11))
    desc = " ".join(f"{label}: totale waarde {formatting.number(sum(v for v in vals if v), 2)}." for label, vals in rows)
    return _svg(width, height, ident, title, desc, body)
