"""The summary per municipality and the glossary (Dutch pages)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from regiokompas.accounts import permissions
from regiokompas.register.models import Trajectory, TrajectoryParticipant
from regiokompas.summary import glossary as terms
from regiokompas.summary import presenter


@login_required
def municipality_summary(request, slug, code):
    """'Wat betekent dit voor onze gemeente': 404 for an unknown trajectory or municipality, a
    municipality that is not in the trajectory, and a user who may not see the summary."""
    trajectory = Trajectory.objects.filter(slug=slug).first()
    if trajectory is None or not permissions.can_see_summary(request.user, trajectory):
        raise Http404("Geen samenvatting gevonden.")
    participant = (TrajectoryParticipant.objects.filter(trajectory=trajectory, municipality__cbs_code=code.upper())
                   .select_related("municipality").first())
    if participant is None:
        raise Http404("Deze gemeente neemt niet deel aan dit traject.")
    summary = presenter.build(trajectory, participant.municipality,
                              can_see_analysis=permissions.can_see_analysis(request.user, trajectory))
    return render(request, "summary/municipality.html", {"s": summary, "trajectory": trajectory})


@login_required
def glossary(request):
    return render(request, "summary/glossary.html", {"terms": terms.TERMS})
