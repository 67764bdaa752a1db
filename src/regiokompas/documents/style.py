"""House style of generated documents: the organisation's name, colour, logo, address block and
footer. Plain data, no Django; the application stores a style per municipality or organisation
(regiokompas.housestyle) and hands it to the renderers on the Document.

The default is a neutral municipal style: no logo, the organisation's own name, a dark blue that
reads well on white, no address block and the document's kind and title in the footer.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from regiokompas import formatting

NEUTRAL_COLOUR = "#1f4e79"
# Headings are set in the house colour on white: it must reach the contrast WCAG 2.1 asks of text
# (success criterion 1.4.3, 4.5:1), so a light colour is refused instead of making headings unreadable.
MIN_CONTRAST = 4.5
MAX_NAME_CHARS = 120
MAX_ADDRESS_LINES = 6
MAX_ADDRESS_LINE_CHARS = 100
MAX_FOOTER_CHARS = 200
MAX_LOGO_PIXELS = 4000  # width and height of an uploaded logo
LOGO_STORED_WIDTH = 1200  # a logo is kept as PNG at most this wide (sharp at 4 cm in print)
LOGO_FORMATS = ("PNG", "JPEG", "GIF", "WEBP")

_HEX = re.compile(r"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


class StyleError(ValueError):
    """A house-style value that cannot be used; the message is Dutch and names the field."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class HouseStyle:
    name: str = ""                 # empty: the document's organisation
    colour: str = NEUTRAL_COLOUR   # headings and rules
    logo_png: bytes | None = None  # normalised PNG (see normalise_logo)
    logo_width: int = 0            # pixels of logo_png
    logo_height: int = 0
    address: tuple[str, ...] = ()  # lines of the address block
    footer: str = ""               # the footer line; empty: kind and title of the document

    def display_name(self, organisation: str) -> str:
        return self.name or organisation

    @property
    def logo_aspect(self) -> float:
        return self.logo_height / self.logo_width if self.logo_png and self.logo_width else 0.0


NEUTRAL = HouseStyle()


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def contrast_with_white(colour: str) -> float:
    """WCAG contrast ratio of a #rrggbb colour against white."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)
    return 1.05 / (luminance + 0.05)


def check_colour(value: str) -> str:
    """A colour as #rrggbb (lower case), or StyleError. Accepts #rgb and #rrggbb."""
    text = (value or "").strip()
    m = _HEX.match(text)
    if not m:
        raise StyleError("colour", f"'{text[:20]}' is geen kleur; geef een kleurcode als #1f4e79 (# en zes tekens 0-9 of a-f).")
    digits = m.group(1).lower()
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    colour = "#" + digits
    ratio = contrast_with_white(colour)
    if ratio < MIN_CONTRAST:
        shown = formatting.number(ratio, 1)
        raise StyleError("colour", f"De kleur {colour} is te licht voor koppen op wit papier (contrast {shown}:1, minimaal "
                                   "4,5:1); kies een donkerder kleur.")
    return colour


def check_text(field: str, label: str, value: str, max_chars: int) -> str:
    text = " ".join((value or "").split())
    if len(text) > max_chars:
        raise StyleError(field, f"{label} is te lang ({len(text)} tekens); het maximum is {max_chars}.")
    if any(ord(ch) < 32 for ch in text):
        raise StyleError(field, f"{label} bevat tekens die niet kunnen worden afgedrukt.")
    return text


def check_address(value: str) -> tuple[str, ...]:
    lines = [" ".join(line.split()) for line in (value or "").replace("\r\n", "\n").split("\n")]
    lines = [line for line in lines if line]
    if len(lines) > MAX_ADDRESS_LINES:
        raise StyleError("address", f"Het adresblok heeft {len(lines)} regels; het maximum is {MAX_ADDRESS_LINES}.")
    for i, line in enumerate(lines, 1):
        if len(line) > MAX_ADDRESS_LINE_CHARS:
            raise StyleError("address", f"Regel {i} van het adresblok is te lang ({len(line)} tekens); het maximum is "
                                        f"{MAX_ADDRESS_LINE_CHARS}.")
    return tuple(lines)


def normalise_logo(data: bytes, max_bytes: int) -> tuple[bytes, int, int]:
    """An uploaded logo as (PNG bytes, width, height), or StyleError.

    Only raster images Pillow reads as PNG, JPEG, GIF or WebP; at most ``max_bytes`` and
    MAX_LOGO_PIXELS wide and high (checked before the pixels are decoded). The image is decoded
    and written anew as PNG (nothing of the original file but its pixels remains), at most
    LOGO_STORED_WIDTH pixels wide."""
    from PIL import Image, UnidentifiedImageError

    if not data:
        raise StyleError("logo", "Het logobestand is leeg.")
    if len(data) > max_bytes:
        from regiokompas.conf.limits import nl_bytes

        raise StyleError("logo", f"Het logo is te groot ({nl_bytes(len(data))}); het maximum is {nl_bytes(max_bytes)} "
                                 "(REGIOKOMPAS_MAX_LOGO_BYTES).")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind, (width, height) = probe.format, probe.size
            if kind not in LOGO_FORMATS:
                raise StyleError("logo", f"Een logo is een afbeelding in PNG, JPEG, GIF of WebP, geen {kind}.")
            if width > MAX_LOGO_PIXELS or height > MAX_LOGO_PIXELS or width < 1 or height < 1:
                raise StyleError("logo", f"Het logo is {width} × {height} pixels; het maximum is {MAX_LOGO_PIXELS} × "
                                         f"{MAX_LOGO_PIXELS}.")
            probe.seek(0)
            image = probe.convert("RGBA")
    except StyleError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError, SyntaxError):
        raise StyleError("logo", "Het logobestand is geen afbeelding (PNG, JPEG, GIF of WebP) of is beschadigd.") from None
    if image.width > LOGO_STORED_WIDTH:
        image = image.resize((LOGO_STORED_WIDTH, max(1, round(image.height * LOGO_STORED_WIDTH / image.width))))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue(), image.width, image.height
