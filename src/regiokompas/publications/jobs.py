"""Background work of the publications app: a council document in docx/pdf and the import of a
large file (registered with :mod:`regiokompas.jobs` by
:func:`regiokompas.publications.integration.install`)."""

from __future__ import annotations

from django.urls import reverse

from regiokompas.accounts import permissions
from regiokompas.accounts.actors import Actor
from regiokompas.jobs.models import Job
from regiokompas.jobs.services import Progress
from regiokompas.register.errors import PermissionDenied


def document(job: Job, user: Actor, progress: Progress) -> dict:
    from regiokompas.documents.render import CONTENT_TYPES, safe_filename
    from regiokompas.documents.render import render as render_document
    from regiokompas.publications import drafting
    from regiokompas.register.models import Document

    doc = Document.objects.filter(pk=job.params["document"]).first()
    if doc is None or not permissions.can_see_document(user, doc):
        raise PermissionDenied("Dit document is niet (meer) zichtbaar voor u.")
    fmt = job.params["fmt"]
    progress(20, "Het document wordt opgemaakt.")
    data = render_document(drafting.to_model(doc, viewer=user), fmt)
    return {"step": "Het document is klaar.", "output": bytes(data if isinstance(data, bytes) else data.encode("utf-8")),
            "output_name": safe_filename(doc.title, fmt), "output_type": CONTENT_TYPES[fmt]}


def import_file(job: Job, user: Actor, progress: Progress) -> dict:
    from regiokompas.publications import services

    progress(10, "Het bestand wordt gelezen en herkend.")
    record = services.start_import(user, bytes(job.input_data or b""), job.params["filename"], trajectory=job.trajectory)
    return {"step": "Het bestand is gelezen; controleer de herkende gegevens.",
            "result_url": reverse("publications:import-review", kwargs={"pk": record.pk})}
