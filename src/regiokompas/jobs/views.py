"""Pages of background work: the status of one job (with its result or download) and the user's own
jobs. Everything asks accounts.permissions.can_see_job; someone else's job is a 404."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from regiokompas.accounts import permissions
from regiokompas.jobs.models import Job, JobStatus
from regiokompas.paging import paginate

STATUS_TEXT = {
    JobStatus.WAITING: "De taak staat in de wachtrij en begint zodra er ruimte is.",
    JobStatus.RUNNING: "De taak wordt uitgevoerd.",
    JobStatus.DONE: "De taak is klaar.",
    JobStatus.FAILED: "De taak is mislukt.",
}


KIND_API = {"analysis": "analyse", "report": "rapport", "costs": "kostensimulatie", "document": "document",
            "import": "inlezen"}
STATUS_API = {status: str(status.label) for status in JobStatus}


def _job(request, pk) -> Job:
    job = Job.objects.select_related("trajectory").filter(pk=pk).first()
    if job is None or not permissions.can_see_job(request.user, job):
        raise Http404("Deze taak bestaat niet of is niet van u.")
    return job


def status_of(job: Job) -> dict:
    """The job's state in Dutch field names (status page script and REST API)."""
    return {
        "id": str(job.pk),
        "soort": KIND_API[job.kind],
        "titel": job.title,
        "status": job.get_status_display(),
        "klaar": job.finished,
        "toelichting": STATUS_TEXT[job.status],
        "stap": job.step,
        "voortgang": job.progress,
        "melding": job.message,
        "resultaat": job.result_url or (reverse("jobs:download", args=[job.pk]) if job.has_output else ""),
        "aangemaakt": job.created_at.isoformat(),
        "gestart": job.started_at.isoformat() if job.started_at else None,
        "afgerond": job.finished_at.isoformat() if job.finished_at else None,
    }


@login_required
def job_detail(request, pk):
    job = _job(request, pk)
    return render(request, "jobs/job.html", {"job": job, "state": status_of(job), "trajectory": job.trajectory})


@login_required
def job_status(request, pk):
    return JsonResponse(status_of(_job(request, pk)))


@login_required
def job_download(request, pk):
    job = _job(request, pk)
    if not job.has_output:
        return redirect("jobs:detail", pk=job.pk)
    return file_response(job)


def file_response(job: Job) -> HttpResponse:
    response = HttpResponse(bytes(job.output), content_type=job.output_type)
    disposition = "inline" if job.output_name.endswith(".html") else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{job.output_name}"'
    return response


@login_required
def job_list(request):
    """The user's own jobs, newest first, 50 a page; a job whose subject she may no longer see is left out."""
    mine = (Job.objects.filter(requested_by=request.user).select_related("trajectory")
            .defer("input_data", "output", "step", "message").order_by("-created_at", "pk"))
    paged = paginate(request, mine, "taak", "taken")
    jobs = permissions.visible_jobs(request.user, paged.object_list)
    return render(request, "jobs/list.html", {"jobs": jobs, "paged": paged, "hidden": len(paged.object_list) - len(jobs)})


def respond(request, job: Job, *, done_url: str | None = None):
    """What a page that started a job answers: the result right away when the work is already done
    (small work, or the immediate backend), else the status page where the user can follow it."""
    if job.status == JobStatus.DONE:
        if job.has_output:
            return file_response(job)
        if job.result_url or done_url:
            return redirect(job.result_url or done_url)
    return redirect("jobs:detail", pk=job.pk)
