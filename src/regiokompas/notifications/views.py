from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from regiokompas.formpages import render_form
from regiokompas.notifications import services
from regiokompas.notifications.models import EmailMode, EventKind, Notification
from regiokompas.register.models import Trajectory


@login_required
def notification_list(request):
    notifications = Notification.objects.filter(user=request.user).select_related("trajectory")
    page = Paginator(notifications, 50).get_page(request.GET.get("pagina"))
    return render(request, "notifications/list.html", {
        "page": page, "unread": services.unread_count(request.user),
    })


@login_required
@require_POST
def mark_read(request):
    count = services.mark_all_read(request.user)
    messages.success(request, "Alle meldingen zijn als gelezen gemarkeerd." if count else "Er waren geen ongelezen meldingen.")
    return redirect("notifications:list")


def _rows(user, data=None):
    rows = []
    for trajectory in services.followable_trajectories(user, Trajectory.objects.order_by("name")):
        current = services.subscription_of(user, trajectory)
        prefix = f"t{trajectory.pk}"
        if data is not None:
            events, email = data.getlist(f"{prefix}-meldingen"), data.get(f"{prefix}-email", EmailMode.NONE)
        else:
            events = current.events if current else []
            email = current.email if current else EmailMode.NONE
        rows.append({"trajectory": trajectory, "prefix": prefix, "events": events, "email": email, "current": current})
    return rows


@login_required
def preferences(request):
    errors = []
    if request.method == "POST":
        rows = _rows(request.user, request.POST)
        try:
            with transaction.atomic():
                for row in rows:
                    unchanged_empty = row["current"] is None and not row["events"] and row["email"] == EmailMode.NONE
                    if unchanged_empty:
                        continue
                    try:
                        services.set_subscription(request.user, request.user, row["trajectory"], events=row["events"],
                                                  email=row["email"])
                    except services.NotificationError as exc:
                        errors.append((row, exc.message))
                if errors:
                    raise services.NotificationError("")
        except services.NotificationError:
            pass
        if not errors:
            messages.success(request, "Uw meldingen zijn opgeslagen.")
            return redirect("notifications:preferences")
    else:
        rows = _rows(request.user)
    return render_form(request, "notifications/preferences.html", {
        "rows": rows, "errors": errors, "event_kinds": EventKind.choices, "email_modes": EmailMode.choices,
    }, errors)
