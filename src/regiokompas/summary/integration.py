"""Links to the summary from the trajectory and municipality pages (register panels)."""

from __future__ import annotations


def trajectory_panel(request, trajectory):
    from django.urls import reverse

    from regiokompas.accounts import permissions

    if not permissions.can_see_summary(request.user, trajectory):
        return None
    from regiokompas.register import query

    # the participants in name order, as the (cached) state of the trajectory has them
    links = [(m, reverse("summary:municipality", args=[trajectory.slug, m.cbs_code]))
             for m in query.trajectory_state(trajectory).municipalities]
    return {"template": "summary/_trajectory_panel.html", "context": {"trajectory": trajectory, "links": links}}


def municipality_panel(request, municipality):
    from django.urls import reverse

    from regiokompas.accounts import permissions
    from regiokompas.register.models import Trajectory

    links = [(t, reverse("summary:municipality", args=[t.slug, municipality.cbs_code]))
             for t in Trajectory.objects.filter(participants__municipality=municipality).order_by("name")
             if permissions.can_see_summary(request.user, t)]
    if not links:
        return None
    return {"template": "summary/_municipality_panel.html", "context": {"municipality": municipality, "links": links}}


def install() -> None:
    from regiokompas.register import panels

    panels.add(panels.TRAJECTORY_PANELS, trajectory_panel)
    panels.add(panels.MUNICIPALITY_PANELS, municipality_panel)
