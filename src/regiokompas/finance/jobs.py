"""Background work of the finance app: the cost simulation taken over as criterion scores
(registered with :mod:`regiokompas.jobs` by :func:`regiokompas.finance.integration.install`)."""

from __future__ import annotations

from django.urls import reverse

from regiokompas.accounts.actors import Actor
from regiokompas.jobs.models import Job
from regiokompas.jobs.services import Progress, job_trajectory


def costs(job: Job, user: Actor, progress: Progress) -> dict:
    from regiokompas.finance import services

    trajectory = job_trajectory(job)
    progress(10, "De kosten worden gesimuleerd (Monte Carlo) en als scores overgenomen.")
    saved = services.apply_to_criterion(user, trajectory)
    return {"step": services.applied_text(trajectory, saved),
            "result_url": reverse("finance:overview", kwargs={"slug": trajectory.slug})}
