"""Enumerations of planning and participation (Wet op de ondernemingsraden art. 25, wetten.overheid.nl/BWBR0002747; Gemeentewet art. 169, wetten.overheid.nl/BWBR0005416)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MilestoneKind(models.TextChoices):
    GATE = "gate", _("besluitmoment (go/no-go)")
    CONSULTATION = "consultation", _("medezeggenschap / advies")
    COUNCIL = "council", _("raadsvergadering / raadsprocedure")
    COLLEGE = "college", _("collegebesluit")
    LAW = "law", _("wetsdatum")
    DELIVERABLE = "deliverable", _("op te leveren stuk")
    OTHER = "other", _("overig")


class MilestoneStatus(models.TextChoices):
    PLANNED = "planned", _("gepland")
    DONE = "done", _("afgerond")
    DROPPED = "dropped", _("vervallen")


class LawDateField(models.TextChoices):
    PLANNED = "planned_start", _("geplande inwerkingtreding")
    ACTUAL = "actual_start", _("feitelijke inwerkingtreding")


class BodyKind(models.TextChoices):
    OR = "or", _("ondernemingsraad")
    BOR = "bor", _("bijzondere ondernemingsraad")
    GO = "go_bgo", _("(bijzonder) georganiseerd overleg")
    CLIENT_COUNCIL = "client_council", _("cliëntenraad")
    ADVISORY_COUNCIL = "adviesraad_sociaal_domein", _("adviesraad sociaal domein")


class ConsultationKind(models.TextChoices):
    INFORMATION = "information", _("informeren")
    OR_ADVICE = "or_advice_art25", _("adviesaanvraag (WOR art. 25)")
    OR_CONSENT = "or_consent_art27", _("instemmingsaanvraag (WOR art. 27)")
    SOCIAAL_PLAN = "sociaal_plan", _("overleg sociaal plan")
    CLIENT_ADVICE = "client_advice", _("advies cliëntenraad / adviesraad")


ADVICE_KINDS = {ConsultationKind.OR_ADVICE, ConsultationKind.OR_CONSENT, ConsultationKind.CLIENT_ADVICE}


class ConsultationScope(models.TextChoices):
    FULL = "full", _("volledig")
    PERSONNEL = "personnel_consequences", _("alleen personele gevolgen (politiek primaat, WOR art. 46d sub b)")


class AdviceOutcome(models.TextChoices):
    PENDING = "pending", _("nog niet ontvangen")
    POSITIVE = "positive", _("positief")
    CONDITIONAL = "conditional", _("positief onder voorwaarden")
    NEGATIVE = "negative", _("negatief")
    NONE = "none", _("geen advies uitgebracht")
    TAKEN_NOTE = "taken_note", _("kennisgenomen (informatie)")


class ProcedureKind(models.TextChoices):
    INFORM = "inform", _("informeren (actieve informatieplicht)")
    WENSEN = "wensen_en_bedenkingen", _("wensen en bedenkingen")
    ZIENSWIJZE = "zienswijze", _("zienswijze")
    TOESTEMMING = "toestemming", _("toestemming")
    DECISION = "decision", _("raadsbesluit")


LEGAL_BASIS = {
    ProcedureKind.INFORM: "Gemeentewet art. 169 lid 2",
    ProcedureKind.WENSEN: "Gemeentewet art. 169 lid 4",
    ProcedureKind.ZIENSWIJZE: "Wgr art. 1 (sinds 1 juli 2022)",
    ProcedureKind.TOESTEMMING: "Wgr art. 1",
    ProcedureKind.DECISION: "Gemeentewet",
}


class RuleKind(models.TextChoices):
    CONSULTATION = "consultation_before_decision", _("medezeggenschap vóór het besluit")
    PROCEDURE = "procedure_before_decision", _("raadsprocedure vóór het besluit")
    DEVIATION = "deviation_motivated", _("afwijken van advies alleen met schriftelijke motivering")
