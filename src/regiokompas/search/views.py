from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from regiokompas.accounts import permissions
from regiokompas.conf.limits import limit
from regiokompas.register.models import Municipality, Trajectory, TrajectoryParticipant
from regiokompas.search import service
from regiokompas.search.forms import SearchForm


def _municipalities(user):
    trajectories = permissions.member_trajectories(user, Trajectory.objects.all())
    codes = TrajectoryParticipant.objects.filter(trajectory__in=trajectories).values("municipality_id")
    return Municipality.objects.filter(pk__in=codes).order_by("name")


@login_required
def search(request):
    form = SearchForm(request.GET or None, municipalities=_municipalities(request.user))
    results = None
    if form.is_bound and form.is_valid() and form.cleaned_data["q"]:
        data = form.cleaned_data
        start, end = data.get("van"), data.get("tot")
        filters = service.Filters(
            kind=data.get("soort") or "",
            municipality_id=data["gemeente"].pk if data.get("gemeente") else None,
            date_from=start.earliest if start and start.known else None,
            date_to=end.latest if end and end.known else None,
        )
        results = service.search(request.user, data["q"], filters, data.get("pagina") or 1)
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(request, "search/search.html", {
        "form": form, "results": results, "max_chars": limit("REGIOKOMPAS_MAX_SEARCH_CHARS"), "base_query": query.urlencode(),
        "searched": bool(form.is_bound and form.is_valid() and form.cleaned_data["q"]),
    })
