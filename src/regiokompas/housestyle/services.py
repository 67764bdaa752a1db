"""Reading and setting the house style. ``save_house_style`` is the only way to change one: it asks
accounts.permissions, validates every field (documents.style), writes in one transaction and leaves
an audit row; bad input raises a RegisterError naming the field and changes nothing."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.db import transaction

from regiokompas.accounts import permissions
from regiokompas.accounts.actors import Actor
from regiokompas.audit import log as audit
from regiokompas.conf.limits import limit
from regiokompas.documents import style as dstyle
from regiokompas.housestyle.models import HouseStyle
from regiokompas.register.errors import PermissionDenied, RegisterError
from regiokompas.register.models import Municipality, Organisation


@dataclass
class HouseStyleInput:
    name: str = ""
    colour: str = dstyle.NEUTRAL_COLOUR
    address: str = ""
    footer: str = ""
    logo: bytes | None = None  # a new upload; None keeps the current logo
    remove_logo: bool = False


def _owner_filter(owner: Municipality | Organisation) -> dict:
    if isinstance(owner, Municipality):
        return {"municipality": owner}
    if isinstance(owner, Organisation):
        return {"organisation": owner}
    raise RegisterError("Een huisstijl hoort bij een gemeente of een organisatie.")


def stored(owner: Municipality | Organisation) -> HouseStyle | None:
    return HouseStyle.objects.filter(**_owner_filter(owner)).first()


def _state(hs: HouseStyle | None) -> dict | None:
    if hs is None:
        return None
    logo = bytes(hs.logo) if hs.logo else b""
    return {
        "name": hs.name, "colour": hs.colour, "address": hs.address, "footer": hs.footer,
        "logo": {"sha256": hashlib.sha256(logo).hexdigest(), "bytes": len(logo), "width": hs.logo_width,
                 "height": hs.logo_height} if logo else None,
    }


def _validated(data: HouseStyleInput) -> tuple[str, str, tuple[str, ...], str, tuple[bytes, int, int] | None]:
    try:
        name = dstyle.check_text("name", "De naam", data.name, dstyle.MAX_NAME_CHARS)
        colour = dstyle.check_colour(data.colour)
        address = dstyle.check_address(data.address)
        footer = dstyle.check_text("footer", "De voettekst", data.footer, dstyle.MAX_FOOTER_CHARS)
        logo = dstyle.normalise_logo(data.logo, limit("REGIOKOMPAS_MAX_LOGO_BYTES")) if data.logo is not None else None
    except dstyle.StyleError as exc:
        raise RegisterError(exc.message, field=exc.field) from None
    return name, colour, address, footer, logo


def save_house_style(actor: Actor, owner: Municipality | Organisation, data: HouseStyleInput) -> HouseStyle:
    """Set the house style of ``owner`` (a Municipality or Organisation)."""
    if not permissions.can_manage_house_style(actor):
        raise PermissionDenied("Alleen functioneel beheer stelt de huisstijl van documenten in.")
    name, colour, address, footer, logo = _validated(data)
    with transaction.atomic():
        current = HouseStyle.objects.select_for_update().filter(**_owner_filter(owner)).first()
        before = _state(current)
        hs = current or HouseStyle(**_owner_filter(owner))
        hs.name, hs.colour, hs.address, hs.footer = name, colour, "\n".join(address), footer
        if logo is not None:
            hs.logo, hs.logo_width, hs.logo_height = logo
        elif data.remove_logo:
            hs.logo, hs.logo_width, hs.logo_height = None, 0, 0
        hs.save()
        audit.record(actor, "housestyle.save", hs, before=before, after=_state(hs), object_repr=str(hs))
    return hs


def as_document_style(hs: HouseStyle | None, fallback_name: str = "") -> dstyle.HouseStyle:
    """A stored house style as the renderers' HouseStyle (the neutral style when there is none)."""
    if hs is None:
        return dstyle.HouseStyle(name=fallback_name)
    logo = bytes(hs.logo) if hs.logo else None
    return dstyle.HouseStyle(
        name=hs.name or fallback_name, colour=hs.colour, logo_png=logo, logo_width=hs.logo_width if logo else 0,
        logo_height=hs.logo_height if logo else 0, address=tuple(x for x in hs.address.splitlines() if x.strip()),
        footer=hs.footer,
    )


def document_style(*, municipality: Municipality | None = None,
                   organisation: Organisation | None = None) -> dstyle.HouseStyle | None:
    """The style for a document issued by this municipality or organisation; None when neither has
    one stored (the renderers then use the neutral municipal style with the document's organisation)."""
    owner = municipality or organisation
    if owner is None:
        return None
    hs = stored(owner)
    return as_document_style(hs) if hs is not None else None
