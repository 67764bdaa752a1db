"""Server-side SVG charts of money with uncertainty. Every chart has a title and a description;
every page shows the same numbers in a table next to it."""

from __future__ import annotations

import math
from html import escape

from regiokompas import formatting
from regiokompas.charts import FONT, FRAME, GRID, PALETTE, TEXT, dash, marker, spread_labels  # noqa: F401
from regiokompas.charts import colour as series_colour
from regiokompas.charts import svg as _svg
from regiokompas.charts import text as _text


def _nice_range(low: float, high: float) -> tuple[float, float, float]:
    if high <= low:
        high = low + 1.0
    span = high - low
    step = 10 ** math.floor(math.log10(span / 4))
    for mult in (1, 2, 2.5, 5, 10):
        if span / (step * mult) <= 6:
            step *= mult
            break
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


def band_chart(years: list[int], series: list[dict], *, ident: str, title: str, desc: str) -> str:
    """Line per series (mean) with a shaded 5–95 % band. ``series``: dicts with label, mean, p05, p95.

    Lines that lie close together stay apart: each series has its own colour, line pattern and
    marker shape (regiokompas.charts), and its name stands at the end of its line, labels spread so
    they never overlap."""
    width, height, left, right, top, bottom = 720, 340, 90, 190, 30, 50
    lows = [v for s in series for v in s["p05"]]
    highs = [v for s in series for v in s["p95"]] or [1.0]
    # the axis starts at zero unless all lines lie high above it: then it shows their differences
    low = min(lows) if lows and min(lows) > 0.5 * max(highs) else min(lows + [0.0])
    y0, y1, step = _nice_range(low, max(highs))
    pw, ph = width - left - right, height - top - bottom

    def x(i):
        return left + (pw * i / max(1, len(years) - 1))

    def y(v):
        return top + ph * (1 - (v - y0) / (y1 - y0))

    body = [f'<rect x="{left}" y="{top}" width="{pw}" height="{ph}" fill="#ffffff" stroke="{FRAME}"/>']
    tick = y0
    while tick <= y1 + step / 2:
        body.append(f'<line x1="{left}" x2="{left + pw}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="{GRID}"/>')
        body.append(_text(left - 6, y(tick) + 4, formatting.euro(tick, millions=True), size=11, anchor="end"))
        tick += step
    for i, year in enumerate(years):
        body.append(_text(x(i), top + ph + 16, str(year), size=11, anchor="middle"))
    keys = [s["index"] if s.get("index") is not None else k for k, s in enumerate(series)]
    for k, s in zip(keys, series, strict=True):
        upper = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(s["p95"]))
        lower = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in reversed(list(enumerate(s["p05"]))))
        body.append(f'<polygon points="{upper} {lower}" fill="{series_colour(k)}" fill-opacity="0.12" stroke="none"/>')
    for n, (k, s) in enumerate(zip(keys, series, strict=True)):
        line = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(s["mean"]))
        body.append(f'<polyline points="{line}" fill="none" stroke="{series_colour(k)}" stroke-width="2.5"{dash(k)}/>')
        for i, v in enumerate(s["mean"]):
            # markers alternate between series along the line, so overlapping lines still show each one
            if len(years) > 6 and (i + n) % max(1, len(series)) and i not in (0, len(years) - 1):
                continue
            body.append(marker(k, x(i), y(v), tooltip=f'{s["label"]}, {years[i]}: {formatting.euro(v)} '
                                                     f'(5–95 %: {formatting.euro(s["p05"][i])} – {formatting.euro(s["p95"][i])})'))
    ends = [y(s["mean"][-1]) if s["mean"] else top for s in series]
    for n, (s, ly) in enumerate(zip(series, spread_labels(ends, gap=15, low=top + 6, high=top + ph + 20), strict=True)):
        k = keys[n]
        label = s["label"] if len(s["label"]) <= 24 else s["label"].split(":")[0][:24]
        end_x = x(len(years) - 1)
        body.append(f'<line x1="{end_x + 6:.1f}" y1="{ends[n]:.1f}" x2="{end_x + 16:.1f}" y2="{ly - 4:.1f}" stroke="{series_colour(k)}"/>')
        body.append(marker(k, end_x + 22, ly - 4, size=4))
        body.append(_text(end_x + 30, ly, label, size=11, fill=series_colour(k), weight="bold"))
    body.append(_text(left, height - 6, "Lijn: verwachte waarde; vlak: 90 %-bandbreedte (5e–95e percentiel).", size=10))
    return _svg(width, height, ident, title, desc, body)


def range_bars(rows: list[dict], *, ident: str, title: str, desc: str, zero_line: bool = True) -> str:
    """Horizontal bars (mean) with 5–95 % whiskers. ``rows``: dicts with label, mean, p05, p95."""
    label_w, bar_w, row_h, top = 200, 440, 28, 20
    width, height = label_w + bar_w + 30, top + row_h * len(rows) + 40
    lo = min([r["p05"] for r in rows] + [0.0])
    hi = max([r["p95"] for r in rows] + [0.0])
    x0, x1, step = _nice_range(lo, hi)

    def x(v):
        return label_w + bar_w * (v - x0) / (x1 - x0)

    body = []
    tick = x0
    while tick <= x1 + step / 2:
        body.append(f'<line x1="{x(tick):.1f}" x2="{x(tick):.1f}" y1="{top}" y2="{top + row_h * len(rows)}" stroke="#e5e5e5"/>')
        body.append(_text(x(tick), top + row_h * len(rows) + 16, formatting.euro(tick, millions=True), size=10, anchor="middle"))
        tick += step
    for i, r in enumerate(rows):
        yy = top + i * row_h
        colour = PALETTE[0] if r["mean"] >= 0 else PALETTE[2]
        body.append(_text(label_w - 8, yy + 18, r["label"][:28], anchor="end"))
        a, b = sorted((x(0.0), x(r["mean"])))
        body.append(f'<rect x="{a:.1f}" y="{yy + 6}" width="{max(1.0, b - a):.1f}" height="{row_h - 12}" fill="{colour}">'
                    f'<title>{escape(r["label"])}: {formatting.euro(r["mean"])} (5–95 %: {formatting.euro(r["p05"])} – {formatting.euro(r["p95"])})</title></rect>')
        body.append(f'<line x1="{x(r["p05"]):.1f}" x2="{x(r["p95"]):.1f}" y1="{yy + row_h / 2:.1f}" y2="{yy + row_h / 2:.1f}" '
                    f'stroke="{TEXT}" stroke-width="1.5"/>')
        for v in (r["p05"], r["p95"]):
            body.append(f'<line x1="{x(v):.1f}" x2="{x(v):.1f}" y1="{yy + 8}" y2="{yy + row_h - 8}" stroke="{TEXT}" stroke-width="1.5"/>')
    if zero_line:
        body.append(f'<line x1="{x(0):.1f}" x2="{x(0):.1f}" y1="{top}" y2="{top + row_h * len(rows)}" stroke="{TEXT}"/>')
    body.append(_text(label_w, height - 4, "Balk: verwachte waarde (groen: minder, blauw: meer); streep: 90 %-bandbreedte.", size=10))
    return _svg(width, height, ident, title, desc, body)
