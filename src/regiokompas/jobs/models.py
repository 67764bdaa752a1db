"""A job: one piece of background work that a user asked for, and what became of it."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class JobKind(models.TextChoices):
    ANALYSIS = "analysis", "Analyse"
    REPORT = "report", "Rapport"
    COSTS = "costs", "Kostensimulatie"
    DOCUMENT = "document", "Document"
    IMPORT = "import", "Inlezen"


class JobStatus(models.TextChoices):
    WAITING = "waiting", "wacht"
    RUNNING = "running", "bezig"
    DONE = "done", "klaar"
    FAILED = "failed", "mislukt"


FINISHED = (JobStatus.DONE, JobStatus.FAILED)


class Job(models.Model):
    """Bookkeeping of background work (not register data: the work itself writes its own audit rows
    through the service functions, in the name of ``requested_by``)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=20, choices=JobKind.choices)
    title = models.CharField(max_length=300)
    trajectory = models.ForeignKey("register.Trajectory", null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="jobs")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE, related_name="jobs")
    params = models.JSONField(default=dict, blank=True)
    input_data = models.BinaryField(null=True, blank=True)  # an uploaded file waiting to be read
    task_id = models.CharField(max_length=64, blank=True)
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.WAITING)
    progress = models.PositiveSmallIntegerField(null=True, blank=True)  # percent, when the work can tell
    step = models.TextField(blank=True)  # what it is doing now, or what it did, in Dutch
    message = models.TextField(blank=True)  # why it failed, in Dutch
    result_url = models.CharField(max_length=500, blank=True)
    output = models.BinaryField(null=True, blank=True)  # a rendered download
    output_name = models.CharField(max_length=200, blank=True)
    output_type = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    @property
    def has_output(self) -> bool:
        return self.status == JobStatus.DONE and bool(self.output_name)
