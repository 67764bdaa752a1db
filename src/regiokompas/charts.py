"""Chart primitives shared by every server-side SVG chart (variants, finance, planning).

One palette, so a series has the same colour on every page: series ``k`` is ``colour(k)``,
``marker(k)`` and ``dash(k)`` everywhere. Every colour has at least 3:1 contrast on white (WCAG
1.4.11) and white text on it at least 4.5:1; series also differ by marker shape and line pattern,
so they stay apart without colour. Charts scale with their viewBox and shrink to a phone's width;
each page shows the same numbers in a table."""

from __future__ import annotations

from html import escape

# Okabe–Ito hues, darkened where needed for contrast on white (ratios 4.8–17).
PALETTE = ["#0072B2", "#B35900", "#007A5A", "#A8508A", "#1A1A1A", "#6A3D9A"]
MARKERS = ["circle", "square", "triangle", "diamond", "cross", "triangle-down"]
DASHES = ["", "8 4", "2 3", "10 3 2 3", "4 4", "12 2"]
FONT = 'font-family="DejaVu Sans, Arial, sans-serif"'
TEXT = "#1a1a1a"
GRID = "#d9d9d9"
FRAME = "#767676"


def colour(k: int) -> str:
    return PALETTE[k % len(PALETTE)]


def dash(k: int) -> str:
    pattern = DASHES[k % len(DASHES)]
    return f' stroke-dasharray="{pattern}"' if pattern else ""


def text(x, y, s, *, size=12, anchor="start", fill=TEXT, weight="normal") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{fill}" '
            f'font-weight="{weight}" {FONT}>{escape(str(s))}</text>')


def svg(width: int, height: int, ident: str, title: str, desc: str, body: list[str]) -> str:
    """An accessible SVG (role img, title and description) that scales with its viewBox."""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" aria-labelledby="{ident}-title {ident}-desc" lang="nl" class="chart">'
            f'<title id="{ident}-title">{escape(title)}</title><desc id="{ident}-desc">{escape(desc)}</desc>'
            + "".join(body) + "</svg>")


def marker(k: int, x: float, y: float, *, size: float = 4.5, tooltip: str = "") -> str:
    """The marker shape of series ``k`` at (x, y), filled with its colour and edged in white."""
    fill, shape, s = colour(k), MARKERS[k % len(MARKERS)], size
    title = f"<title>{escape(tooltip)}</title>" if tooltip else ""
    common = f'fill="{fill}" stroke="#ffffff" stroke-width="1"'
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{s:.1f}" {common}>{title}</circle>'
    if shape == "square":
        return f'<rect x="{x - s:.1f}" y="{y - s:.1f}" width="{2 * s:.1f}" height="{2 * s:.1f}" {common}>{title}</rect>'
    points = {
        "triangle": [(x, y - s * 1.2), (x + s * 1.1, y + s * 0.8), (x - s * 1.1, y + s * 0.8)],
        "triangle-down": [(x, y + s * 1.2), (x + s * 1.1, y - s * 0.8), (x - s * 1.1, y - s * 0.8)],
        "diamond": [(x, y - s * 1.3), (x + s * 1.1, y), (x, y + s * 1.3), (x - s * 1.1, y)],
        "cross": [(x - s, y - s * .4), (x - s * .4, y - s * .4), (x - s * .4, y - s), (x + s * .4, y - s), (x + s * .4, y - s * .4),
                  (x + s, y - s * .4), (x + s, y + s * .4), (x + s * .4, y + s * .4), (x + s * .4, y + s), (x - s * .4, y + s),
                  (x - s * .4, y + s * .4), (x - s, y + s * .4)],
    }[shape]
    pts = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
    return f'<polygon points="{pts}" {common}>{title}</polygon>'


def spread_labels(ys: list[float], *, gap: float = 14.0, low: float | None = None, high: float | None = None) -> list[float]:
    """Vertical positions for direct labels at the line ends: as close to ``ys`` as possible, at
    least ``gap`` apart (so labels of lines that end close together never overlap)."""
    order = sorted(range(len(ys)), key=lambda i: ys[i])
    placed = [0.0] * len(ys)
    previous = None
    for i in order:
        y = ys[i] if previous is None else max(ys[i], previous + gap)
        placed[i] = y
        previous = y
    if high is not None and order and placed[order[-1]] > high:
        shift = placed[order[-1]] - high
        for i in order:
            placed[i] -= shift
    if low is not None:
        placed = [max(low, y) for y in placed]
    return placed
