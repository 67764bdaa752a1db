"""The house-style pages under Inrichting: an overview of the municipalities and organisations with
their style, and one page per municipality or organisation to set it (beheerder only)."""

from __future__ import annotations

import base64

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from regiokompas.accounts import permissions
from regiokompas.conf.limits import limit, nl_bytes
from regiokompas.formpages import render_form
from regiokompas.housestyle import services
from regiokompas.housestyle.forms import HouseStyleForm
from regiokompas.housestyle.models import HouseStyle
from regiokompas.paging import paginate
from regiokompas.register.errors import RegisterError
from regiokompas.register.models import Municipality, Organisation, TrajectoryParticipant


def _check(request) -> None:
    if not permissions.can_manage_house_style(request.user):
        raise DjangoPermissionDenied("Alleen functioneel beheer stelt de huisstijl van documenten in.")


@login_required
def overview(request):
    _check(request)
    """The municipalities in a trajectory or with a style of their own, 50 a page, and the organisations."""
    styles = {(hs.municipality_id, hs.organisation_id): hs for hs in HouseStyle.objects.all()}
    codes = TrajectoryParticipant.objects.values("municipality_id")
    municipalities = Municipality.objects.filter(Q(pk__in=codes) | Q(house_style__isnull=False)).distinct().order_by("name", "pk")
    paged = paginate(request, municipalities, "gemeente", "gemeenten")
    return render(request, "housestyle/overview.html", {
        "paged": paged,
        "municipalities": [(m, styles.get((m.pk, None))) for m in paged.object_list],
        "organisations": [(o, styles.get((None, o.pk))) for o in Organisation.objects.order_by("name")],
    })


def _edit(request, owner):
    current = services.stored(owner)
    initial = {"name": "", "colour": services.dstyle.NEUTRAL_COLOUR, "address": "", "footer": ""}
    if current is not None:
        initial = {"name": current.name, "colour": current.colour, "address": current.address, "footer": current.footer}
    has_logo = bool(current is not None and current.logo)
    form = HouseStyleForm(request.POST or None, request.FILES or None, initial=initial, has_logo=has_logo)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data.get("logo")
        try:
            logo = _read_upload(upload)
            services.save_house_style(request.user, owner, services.HouseStyleInput(
                name=data["name"], colour=data["colour"], address=data["address"], footer=data["footer"],
                logo=logo, remove_logo=bool(data.get("remove_logo"))))
        except RegisterError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"Huisstijl van {owner} opgeslagen; nieuwe documenten krijgen deze opmaak.")
            return redirect("housestyle:overview")
    logo_uri = ""
    if has_logo:
        logo_uri = "data:image/png;base64," + base64.b64encode(bytes(current.logo)).decode("ascii")
    return render_form(request, "housestyle/edit.html", {
        "form": form, "owner": owner, "logo_uri": logo_uri, "cancel": reverse("housestyle:overview"),
        "max_logo": nl_bytes(limit("REGIOKOMPAS_MAX_LOGO_BYTES")),
    }, form)


def _read_upload(upload) -> bytes | None:
    """The uploaded file's bytes, read no further than one byte past the limit."""
    if not upload:
        return None
    maximum = limit("REGIOKOMPAS_MAX_LOGO_BYTES")
    if upload.size > maximum:
        raise RegisterError(f"Het logo is te groot ({nl_bytes(upload.size)}); het maximum is {nl_bytes(maximum)} "
                            "(REGIOKOMPAS_MAX_LOGO_BYTES).", field="logo")
    upload.seek(0)
    return upload.read(maximum + 1)


@login_required
def municipality_edit(request, code):
    _check(request)
    return _edit(request, get_object_or_404(Municipality, cbs_code=code))


@login_required
def organisation_edit(request, pk):
    _check(request)
    return _edit(request, get_object_or_404(Organisation, pk=pk))
