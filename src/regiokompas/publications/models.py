"""A publication links a register Document (memo, raadsinformatiebrief, nieuwsbrief) to the gate and
municipality it informs about; an information event records that a raad received a document; an
import keeps an uploaded file until a person confirms what was recognised."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from regiokompas.register.models import Document, Gate, GoverningBody, Municipality, Sourced


class PublicationKind(models.TextChoices):
    MEMO = "memo", _("memo van college aan de raad")
    RAADSINFORMATIEBRIEF = "raadsinformatiebrief", _("raadsinformatiebrief")
    NIEUWSBRIEF = "digitale_nieuwsbrief", _("digitale nieuwsbrief aan de raad")
    RAADSVOORSTEL = "raadsvoorstel", _("raadsvoorstel")
    RAADSBESLUIT = "raadsbesluit", _("raadsbesluit")


# CLI and URL names of the kinds
KIND_ALIASES = {"memo": "memo", "raadsinformatiebrief": "raadsinformatiebrief", "nieuwsbrief": "digitale_nieuwsbrief",
                "digitale_nieuwsbrief": "digitale_nieuwsbrief", "raadsvoorstel": "raadsvoorstel", "raadsbesluit": "raadsbesluit"}


class Workflow(models.TextChoices):
    """concept -> ter akkoord -> definitief -> verzonden aan de raad; 'terug' sends a draft back to concept."""

    CONCEPT = "concept", _("concept")
    TER_AKKOORD = "ter_akkoord", _("ter akkoord")
    AKKOORD = "akkoord", _("akkoord gegeven")
    DEFINITIEF = "definitief", _("definitief")
    VERZONDEN = "verzonden", _("verzonden aan de raad")


class StepAction(models.TextChoices):
    DRAFTED = "opgesteld", _("concept opgesteld")
    EDITED = "bewerkt", _("concept bewerkt")
    SUBMITTED = "ter_akkoord", _("ter akkoord aangeboden")
    APPROVED = "akkoord", _("akkoord gegeven")
    SENT_BACK = "teruggestuurd", _("teruggestuurd met opmerking")
    FINALISED = "definitief", _("definitief gemaakt")
    SENT = "verzonden", _("verzonden aan de raad")


class Channel(models.TextChoices):
    RAADSINFORMATIESYSTEEM = "ris", _("raadsinformatiesysteem")
    EMAIL = "email", _("e-mail aan de raadsleden")
    NIEUWSBRIEF = "nieuwsbrief", _("digitale nieuwsbrief")
    INGEKOMEN_STUKKEN = "ingekomen_stukken", _("lijst ingekomen stukken")
    VERGADERING = "vergadering", _("mondeling in een raads- of commissievergadering")
    POST = "post", _("per post")
    UNKNOWN = "onbekend", _("niet bekend (staat niet in de bron)")


class LegalBasis(models.TextChoices):
    ACTIEVE_INFORMATIEPLICHT = "actieve_informatieplicht", _("actieve informatieplicht (art. 169 lid 2 Gemeentewet)")
    WENSEN_EN_BEDENKINGEN = "wensen_en_bedenkingen", _("wensen en bedenkingen (art. 169 lid 4 Gemeentewet)")
    ART_160 = "art_160", _("ontwerpbesluit deelneming (art. 160 lid 2 Gemeentewet)")
    ZIENSWIJZE = "zienswijze", _("zienswijze op begroting (Wgr)")
    PASSIEVE_INFORMATIEPLICHT = "passieve_informatieplicht", _("op verzoek van de raad (passieve informatieplicht)")


class Publication(Sourced):
    document = models.OneToOneField(Document, on_delete=models.CASCADE, related_name="publication")
    gate = models.ForeignKey(Gate, null=True, blank=True, on_delete=models.PROTECT, related_name="publications")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="publications")
    kind = models.CharField(_("soort"), max_length=30, choices=PublicationKind.choices)
    version = models.PositiveIntegerField(_("versie"), default=1)
    drafted_by = models.CharField(_("opgesteld door"), max_length=200, blank=True)
    workflow = models.CharField(_("stand"), max_length=20, choices=Workflow.choices, default=Workflow.CONCEPT)

    class Meta:
        verbose_name = _("raadsinformatiestuk")
        verbose_name_plural = _("raadsinformatiestukken")
        ordering = ["gate", "municipality__name", "kind", "-version"]

    def __str__(self) -> str:
        return f"{self.document.title} (versie {self.version})"

    @property
    def submitted_by(self):
        """The user who offered the document for approval (while it is ter akkoord or has akkoord), else None."""
        if self.workflow not in (Workflow.TER_AKKOORD, Workflow.AKKOORD):
            return None
        step = self.steps.filter(action=StepAction.SUBMITTED).select_related("actor").order_by("-at", "-pk").first()
        return step.actor if step is not None else None


class InformationEvent(Sourced):
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="information_events")
    council = models.ForeignKey(GoverningBody, verbose_name=_("raad"), on_delete=models.PROTECT, related_name="information_events")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="information_events")
    gate = models.ForeignKey(Gate, null=True, blank=True, on_delete=models.PROTECT, related_name="information_events")
    date = models.DateField(_("datum"))
    channel = models.CharField(_("kanaal"), max_length=30, choices=Channel.choices)
    legal_basis = models.CharField(_("grondslag"), max_length=40, choices=LegalBasis.choices,
                                   default=LegalBasis.ACTIEVE_INFORMATIEPLICHT)
    note = models.TextField(_("toelichting"), blank=True)
    recorded_by = models.CharField(_("vastgelegd door"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("informatiemoment raad")
        verbose_name_plural = _("informatiemomenten raad")
        ordering = ["-date", "municipality__name"]

    def __str__(self) -> str:
        return f"{self.council}: {self.document.title} ({self.date:%d-%m-%Y})"


class WorkflowStep(models.Model):
    """Who did what to a council document, and when (also in the audit trail); shown on the document page."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="steps")
    action = models.CharField(_("handeling"), max_length=20, choices=StepAction.choices)
    # the person (for the approval rules); the label stays when the account is removed. Steps are not
    # part of a dossier export (like the audit trail), so this reference never leaves the installation.
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("gebruiker"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    actor_label = models.CharField(_("door"), max_length=200)
    comment = models.TextField(_("opmerking"), blank=True)
    at = models.DateTimeField(_("tijdstip"), auto_now_add=True)

    class Meta:
        verbose_name = _("stap in de afhandeling")
        verbose_name_plural = _("stappen in de afhandeling")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} door {self.actor_label}"


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("wacht op bevestiging")
    CONFIRMED = "confirmed", _("bevestigd")


class DocumentImport(models.Model):
    """An uploaded file with what was recognised in it, kept until a person confirms or cancels."""

    original_file = models.FileField(_("oorspronkelijk bestand"), upload_to="imports/%Y/")
    filename = models.CharField(_("bestandsnaam"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    file_format = models.CharField(_("formaat"), max_length=10)
    text = models.TextField(_("tekst"))
    result = models.JSONField(_("herkend"), default=dict)
    status = models.CharField(_("status"), max_length=12, choices=ImportStatus.choices, default=ImportStatus.PENDING)
    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="imports")
    uploaded_by = models.CharField(_("ingelezen door"), max_length=200, blank=True)
    # Who owns the pending upload: only the uploader's organisation, the project organisation of its
    # trajectory and the beheerder see, confirm or cancel it (accounts.permissions.can_handle_import).
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("ingelezen door (gebruiker)"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    owner_municipality = models.ForeignKey(Municipality, verbose_name=_("gemeente van de inlezer"), null=True, blank=True,
                                           on_delete=models.SET_NULL, related_name="+")
    owner_organisation = models.ForeignKey("register.Organisation", verbose_name=_("organisatie van de inlezer"), null=True,
                                           blank=True, on_delete=models.SET_NULL, related_name="+")
    trajectory = models.ForeignKey("register.Trajectory", verbose_name=_("traject"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(_("ingelezen op"), auto_now_add=True)

    class Meta:
        verbose_name = _("ingelezen document")
        verbose_name_plural = _("ingelezen documenten")
        ordering = ["-created"]

    def __str__(self) -> str:
        return self.filename
