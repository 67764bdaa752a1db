"""Planning and participation models (Wet op de ondernemingsraden art. 25, wetten.overheid.nl/BWBR0002747; Gemeentewet art. 169, wetten.overheid.nl/BWBR0005416).

A plan is never overwritten: every change creates a new PlanVersion with a copy of all milestones,
the reason for the change and what moved. State changes go through planning.services.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from regiokompas.planning import constants as pc
from regiokompas.register.models import (
    Decision,
    Gate,
    Law,
    Municipality,
    Organisation,
    Region,
    Sourced,
    Trajectory,
)


class Plan(Sourced):
    trajectory = models.OneToOneField(Trajectory, on_delete=models.CASCADE, related_name="plan")
    name = models.CharField(_("naam"), max_length=200, default="Planning")

    class Meta:
        verbose_name = _("planning")
        verbose_name_plural = _("planningen")

    def __str__(self) -> str:
        return f"{self.name} ({self.trajectory})"

    @property
    def current(self) -> PlanVersion | None:
        return self.versions.order_by("-number").first()


class PlanVersion(Sourced):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versie"))
    title = models.CharField(_("titel"), max_length=300)
    reason = models.TextField(_("reden van wijziging"), blank=True)
    date = models.DateField(_("datum van deze versie"), null=True, blank=True)
    based_on = models.ForeignKey(
        "self", verbose_name=_("gebaseerd op"), null=True, blank=True, on_delete=models.PROTECT, related_name="successors"
    )
    changes = models.JSONField(_("wijzigingen"), default=list, blank=True,
                               help_text=_("Wat er ten opzichte van de vorige versie is verschoven, toegevoegd of vervallen."))
    recorded_by = models.CharField(_("vastgelegd door"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("planningsversie")
        verbose_name_plural = _("planningsversies")
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_version_number_unique")]

    def __str__(self) -> str:
        return f"Versie {self.number}: {self.title}"


class Milestone(Sourced):
    """One milestone in one plan version. ``code`` is stable across versions, so versions compare."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="milestones")
    code = models.SlugField(_("sleutel"), max_length=80, help_text=_("Gelijk in alle versies, om versies te vergelijken."))
    title = models.CharField(_("titel"), max_length=300)
    kind = models.CharField(_("soort"), max_length=20, choices=pc.MilestoneKind.choices, default=pc.MilestoneKind.OTHER)
    date = models.DateField(_("datum"))
    end_date = models.DateField(_("einddatum"), null=True, blank=True, help_text=_("Voor een periode, zoals een adviestermijn."))
    owner = models.CharField(_("eigenaar"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=pc.MilestoneStatus.choices, default=pc.MilestoneStatus.PLANNED)
    gate = models.ForeignKey(Gate, null=True, blank=True, on_delete=models.SET_NULL, related_name="milestones")
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("spoor van gemeente"), null=True, blank=True, on_delete=models.PROTECT, related_name="milestones",
        help_text=_("Leeg: geldt voor de hele regio. Ingevuld: het (tragere) spoor van deze gemeente."),
    )
    note = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("mijlpaal")
        verbose_name_plural = _("mijlpalen")
        ordering = ["version", "date", "code"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="milestone_code_once_per_version"),
            models.CheckConstraint(condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("date")), name="milestone_period",
                                  violation_error_message=_("De einddatum ligt vóór de begindatum.")),
        ]

    def __str__(self) -> str:
        track = f" ({self.municipality})" if self.municipality_id else ""
        return f"{self.title}{track}"

class Dependency(models.Model):
    """``milestone`` lies ``offset_days`` after its anchor: another milestone or a law date."""

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="dependencies")
    depends_on = models.ForeignKey(Milestone, null=True, blank=True, on_delete=models.CASCADE, related_name="dependents")
    law = models.ForeignKey(Law, null=True, blank=True, on_delete=models.PROTECT, related_name="milestone_dependencies")
    law_date = models.CharField(_("wetsdatum"), max_length=20, choices=pc.LawDateField.choices, default=pc.LawDateField.PLANNED)
    offset_days = models.IntegerField(_("dagen na het anker"), default=0, help_text=_("Negatief: zoveel dagen ervóór."))

    class Meta:
        verbose_name = _("afhankelijkheid")
        verbose_name_plural = _("afhankelijkheden")
        constraints = [
            models.CheckConstraint(
                condition=(Q(depends_on__isnull=False, law__isnull=True) | Q(depends_on__isnull=True, law__isnull=False)),
                name="dependency_one_anchor",
                violation_error_message=_("Een afhankelijkheid heeft precies één anker: een mijlpaal of een wet."),
            )
        ]

    def __str__(self) -> str:
        anchor = self.law.abbreviation if self.law_id else str(self.depends_on)
        return f"{self.milestone} na {anchor} ({self.offset_days:+d} dagen)"


class ConsultationBody(Sourced):
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="consultation_bodies")
    kind = models.CharField(_("soort"), max_length=40, choices=pc.BodyKind.choices)
    name = models.CharField(_("naam"), max_length=200)
    employer_municipality = models.ForeignKey(
        Municipality, verbose_name=_("werkgever (gemeente)"), null=True, blank=True, on_delete=models.PROTECT, related_name="consultation_bodies"
    )
    employer_organisation = models.ForeignKey(
        Organisation, verbose_name=_("werkgever (organisatie)"), null=True, blank=True, on_delete=models.PROTECT, related_name="consultation_bodies"
    )
    contact = models.CharField(_("contact"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("medezeggenschapsorgaan")
        verbose_name_plural = _("medezeggenschapsorganen")
        ordering = ["trajectory", "kind", "name"]
        constraints = [models.UniqueConstraint(fields=["trajectory", "name"], name="consultation_body_name_unique")]

    def __str__(self) -> str:
        return self.name

    @property
    def employer(self):
        return self.employer_municipality or self.employer_organisation


class Consultation(Sourced):
    body = models.ForeignKey(ConsultationBody, on_delete=models.CASCADE, related_name="consultations")
    gate = models.ForeignKey(Gate, null=True, blank=True, on_delete=models.SET_NULL, related_name="consultations")
    kind = models.CharField(_("soort"), max_length=30, choices=pc.ConsultationKind.choices)
    scope = models.CharField(_("reikwijdte"), max_length=30, choices=pc.ConsultationScope.choices, default=pc.ConsultationScope.FULL)
    subject = models.CharField(_("onderwerp"), max_length=300)
    requested = models.DateField(_("gevraagd / geïnformeerd op"), null=True, blank=True)
    due = models.DateField(_("uiterlijk advies"), null=True, blank=True)
    received = models.DateField(_("advies ontvangen"), null=True, blank=True)
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=pc.AdviceOutcome.choices, default=pc.AdviceOutcome.PENDING)
    advice_text = models.TextField(_("advies"), blank=True)
    deviates = models.BooleanField(_("college wijkt af van het advies"), default=False)
    deviation_motivation = models.TextField(_("schriftelijke motivering bij afwijken"), blank=True)
    decision = models.ForeignKey(Decision, verbose_name=_("besluit"), null=True, blank=True, on_delete=models.SET_NULL, related_name="consultations")

    class Meta:
        verbose_name = _("medezeggenschapstraject")
        verbose_name_plural = _("medezeggenschapstrajecten")
        ordering = ["requested", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(due__isnull=True) | Q(requested__isnull=True) | Q(due__gte=models.F("requested")), name="consultation_due_after_request",
                                  violation_error_message=_("De adviestermijn eindigt vóór de aanvraag; controleer de datums.")),
            models.CheckConstraint(condition=Q(received__isnull=True) | Q(requested__isnull=True) | Q(received__gte=models.F("requested")), name="consultation_received_after_request",
                                  violation_error_message=_("Het advies kan niet eerder ontvangen zijn dan het is gevraagd.")),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.body}: {self.subject}"

    @property
    def is_advice(self) -> bool:
        return self.kind in pc.ADVICE_KINDS


class CouncilProcedure(Sourced):
    gate = models.ForeignKey(Gate, on_delete=models.CASCADE, related_name="council_procedures")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="council_procedures")
    kind = models.CharField(_("soort"), max_length=30, choices=pc.ProcedureKind.choices)
    legal_basis = models.CharField(_("wettelijke grondslag"), max_length=120, blank=True)
    planned = models.DateField(_("gepland (raadsvergadering)"), null=True, blank=True)
    sent = models.DateField(_("aan de raad gezonden"), null=True, blank=True)
    completed = models.DateField(_("afgerond"), null=True, blank=True)
    outcome = models.TextField(_("uitkomst"), blank=True)

    class Meta:
        verbose_name = _("raadsprocedure")
        verbose_name_plural = _("raadsprocedures")
        ordering = ["gate", "municipality__name", "kind"]
        constraints = [
            models.CheckConstraint(condition=Q(completed__isnull=True) | Q(sent__isnull=True) | Q(completed__gte=models.F("sent")), name="procedure_completed_after_sent",
                                  violation_error_message=_("Een raadsprocedure kan niet afgerond zijn vóórdat de stukken naar de raad zijn gegaan.")),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} raad {self.municipality} ({self.gate})"


class PrerequisiteRule(Sourced):
    """A check on a gate decision, as data: a region sets its own rules next to the standard ones.

    A region rule with the same ``code`` as a standard rule (region empty) replaces it for that region.
    """

    region = models.ForeignKey(Region, verbose_name=_("regio"), null=True, blank=True, on_delete=models.CASCADE,
                               related_name="prerequisite_rules", help_text=_("Leeg: standaardregel voor alle regio's."))
    code = models.SlugField(_("code"), max_length=60)
    title = models.CharField(_("titel"), max_length=200)
    kind = models.CharField(_("soort regel"), max_length=40, choices=pc.RuleKind.choices)
    consultation_kinds = models.CharField(_("soorten medezeggenschap"), max_length=200, blank=True,
                                          help_text=_("Komma-gescheiden, bijv. or_advice_art25,information."))
    procedure_kinds = models.CharField(_("soorten raadsprocedure"), max_length=200, blank=True,
                                       help_text=_("Komma-gescheiden, bijv. wensen_en_bedenkingen,toestemming."))
    min_days_before = models.PositiveIntegerField(_("minimaal dagen vóór het besluit"), default=0)
    required = models.BooleanField(_("verplicht bij elk besluitmoment"), default=False,
                                   help_text=_("Ook waarschuwen als er voor het besluitmoment niets is gepland."))
    deciding_body_kind = models.CharField(_("alleen voor besluitmomenten van"), max_length=40, blank=True)
    active = models.BooleanField(_("actief"), default=True)
    explanation = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("voorwaarde vooraf (regel)")
        verbose_name_plural = _("voorwaarden vooraf (regels)")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["region", "code"], name="rule_code_per_region"),
            models.UniqueConstraint(fields=["code"], condition=Q(region__isnull=True), name="standard_rule_code_once"),
        ]

    def __str__(self) -> str:
        return self.title

    @staticmethod
    def _split(value: str) -> list[str]:
        return [v.strip() for v in value.split(",") if v.strip()]

    @property
    def consultation_kind_list(self) -> list[str]:
        return self._split(self.consultation_kinds)

    @property
    def procedure_kind_list(self) -> list[str]:
        return self._split(self.procedure_kinds)
