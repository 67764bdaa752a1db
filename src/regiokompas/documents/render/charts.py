"""Charts for print: the server-side SVG charts as they go into a pdf (vector) and a docx (PNG at
print resolution, drawn directly from the SVG with CairoSVG)."""

from __future__ import annotations

import functools
import hashlib
import io
import re

# A chart is placed 15 cm wide in a docx; at this many pixels per SVG unit a 740-unit-wide chart is
# about 250 dpi there (sharp in print; 300 dpi costs half as much again to write).
PNG_SCALE = 2.0
DOCX_WIDTH_CM = 15.0

_SVG_WIDTH = re.compile(r'<svg\b[^>]*?\bwidth="([\d.]+)"')


@functools.lru_cache(maxsize=256)
def svg_png(svg: str) -> bytes | None:
    """The SVG as a PNG at print resolution (white background), or None when it cannot be drawn.

    Kept per process, and in Django's cache (when configured) by the SVG's content: the same chart
    in a later request or another process is drawn once."""
    try:
        from django.conf import settings

        configured = settings.configured
    except Exception:  # noqa: BLE001 - without Django: draw it here
        configured = False
    if not configured:
        return _draw_png(svg)
    try:
        from regiokompas import caching
    except Exception:  # noqa: BLE001 - Django configured but not set up
        return _draw_png(svg)
    digest = hashlib.blake2b(svg.encode("utf-8"), digest_size=16).hexdigest()
    return caching.cached("documents.chart_png", (digest, PNG_SCALE), lambda: _draw_png(svg), versioned=False)


def _draw_png(svg: str) -> bytes | None:
    try:
        from cairosvg.parser import Tree
        from cairosvg.surface import PNGSurface
        from PIL import Image

        surface = PNGSurface(Tree(bytestring=svg.encode("utf-8")), None, 96, scale=PNG_SCALE, background_color="white")
        image = surface.cairo
        width, height, stride = image.get_width(), image.get_height(), image.get_stride()
        pixels = Image.frombuffer("RGBA", (width, height), bytes(image.get_data()), "raw", "BGRA", stride, 1)
        out = io.BytesIO()
        # a chart has few colours: a palette PNG is small, and quick to write at a low compression level
        pixels.convert("RGB").quantize(colors=64, method=Image.Quantize.FASTOCTREE).save(out, format="PNG", compress_level=1)
        surface.finish()
        return out.getvalue()
    except Exception:  # noqa: BLE001 - a chart that cannot be drawn becomes its description in the text
        return None


def png_dpi(svg: str) -> float:
    """The resolution of svg_png(svg) when placed DOCX_WIDTH_CM wide."""
    m = _SVG_WIDTH.search(svg)
    width = float(m.group(1)) if m else 740.0
    return width * PNG_SCALE / (DOCX_WIDTH_CM / 2.54)


def svg_for_print(svg: str) -> str:
    """The SVG as it goes into a pdf: the same vector drawing."""
    return svg


def png_size(png: bytes) -> tuple[int, int]:
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        return image.size
