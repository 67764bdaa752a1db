"""Background work of the options app: a large analysis and the substantiation report in docx/pdf
(registered with :mod:`regiokompas.jobs` by :func:`regiokompas.options.integration.install`)."""

from __future__ import annotations

from django.urls import reverse

from regiokompas.accounts import permissions
from regiokompas.accounts.actors import Actor
from regiokompas.jobs.models import Job
from regiokompas.jobs.services import Progress, job_trajectory
from regiokompas.register.errors import PermissionDenied, RegisterError


def analysis(job: Job, user: Actor, progress: Progress) -> dict:
    from regiokompas.options import services

    p, trajectory = job.params, job_trajectory(job)
    progress(10, "De invoer wordt gelezen en de analyse wordt doorgerekend.")
    run = services.run_analysis(user, trajectory, samples=p["samples"], seed=p.get("seed"), label=p.get("label", ""),
                                pooled_weighting=p.get("pooled_weighting", "equal"))
    return {"step": f"Analyse {run.number} is uitgevoerd ({run.duration_ms} ms).",
            "result_url": reverse("options:run-detail", kwargs={"slug": trajectory.slug, "number": run.number})}


def report(job: Job, user: Actor, progress: Progress) -> dict:
    from regiokompas.options import report as options_report
    from regiokompas.options.models import AnalysisRun

    trajectory, fmt = job_trajectory(job), job.params["fmt"]
    if not permissions.can_see_analysis(user, trajectory):
        raise PermissionDenied("De analyses van dit traject zijn alleen voor wie aan het traject deelneemt.")
    number = job.params.get("run")
    run = (AnalysisRun.objects.filter(trajectory=trajectory, number=number).first() if number
           else options_report.latest_run(trajectory))
    if number and run is None:
        raise RegisterError(f"Analyse {number} bestaat niet (meer) in dit traject.")
    progress(20, "Het rapport wordt opgemaakt.")
    content = options_report.render_report(trajectory, fmt, run, viewer=user)
    return {"step": "Het rapport is klaar.", "output": bytes(content if isinstance(content, bytes) else content.encode("utf-8")),
            "output_name": f"onderbouwing-{trajectory.slug}.{fmt}", "output_type": job.params["content_type"]}
