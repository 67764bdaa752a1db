"""Finance models: the cost model of a trajectory's variants. Changes go through finance.services
(validation, one transaction, audit row); the computation is regiokompas.engine.costs."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from regiokompas.register.models import Sourced


class Category(models.TextChoices):
    STRUCTURAL = "structural", _("structureel")
    TRANSITION = "transition", _("eenmalig (transitie)")
    DEFICIT = "deficit", _("tekort bestaande regeling")


class Behaviour(models.TextChoices):
    FIXED = "fixed", _("vast")
    VARIABLE = "variable", _("variabel (met kostendrager)")


class KeyMethod(models.TextChoices):
    PER_INHABITANT = "per_inhabitant", _("per inwoner")
    PER_CLIENT = "per_client", _("per cliënt")
    PER_USAGE = "per_usage", _("naar gebruik")
    HISTORICAL = "historical", _("historisch aandeel")
    BUDGET = "budget", _("aandeel in de begroting")
    FIXED_PERCENTAGES = "fixed_percentages", _("vaste percentages")
    EQUAL = "equal", _("gelijke delen")
    FIXED_PLUS_VARIABLE = "fixed_plus_variable", _("vast deel + variabel deel")


class StrandedTo(models.TextChoices):
    KEY = "key", _("alle deelnemers, naar de verdeelsleutel")
    TRANSFERRING = "transferring", _("de deelnemers die de taak overdragen")


class CostSettings(Sourced):
    """Starting points of a trajectory's cost model."""

    trajectory = models.OneToOneField("register.Trajectory", on_delete=models.CASCADE, related_name="cost_settings",
                                      verbose_name=_("traject"))
    start_year = models.PositiveIntegerField(_("eerste jaar"))
    years = models.PositiveIntegerField(_("looptijd (jaren)"), default=10)
    indexation = models.FloatField(_("indexatie per jaar (fractie)"), default=0.0, help_text=_("Bijvoorbeeld 0,02 voor 2 %."))
    samples = models.PositiveIntegerField(_("aantal trekkingen"), default=10_000)
    seed = models.PositiveIntegerField(_("startwaarde toevalsgenerator (seed)"), default=0)
    structural_key = models.ForeignKey("AllocationKey", verbose_name=_("sleutel structurele kosten"), null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="+")
    transition_key = models.ForeignKey("AllocationKey", verbose_name=_("sleutel eenmalige kosten"), null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="+")
    deficit_key = models.ForeignKey("AllocationKey", verbose_name=_("sleutel tekorten"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("uitgangspunten kostenmodel")
        verbose_name_plural = _("uitgangspunten kostenmodellen")

    def __str__(self) -> str:
        return f"Kostenmodel {self.trajectory} ({self.start_year}–{self.start_year + self.years - 1})"


class AllocationKey(Sourced):
    """A verdeelsleutel: data with a source and a reference date. Inhabitants come from the
    register's population figures on the reference date; other methods store their values."""

    trajectory = models.ForeignKey("register.Trajectory", on_delete=models.CASCADE, related_name="allocation_keys",
                                   verbose_name=_("traject"))
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("naam"), max_length=200)
    method = models.CharField(_("methode"), max_length=30, choices=KeyMethod.choices)
    reference_date = models.DateField(_("peildatum"), null=True, blank=True)
    unit = models.CharField(_("eenheid"), max_length=60, blank=True, help_text=_("Bijvoorbeeld: cliënten, uren, euro."))
    fixed_fraction = models.FloatField(_("vast deel (fractie)"), null=True, blank=True)
    fixed_part = models.ForeignKey("self", verbose_name=_("sleutel vast deel"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    variable_part = models.ForeignKey("self", verbose_name=_("sleutel variabel deel"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="+")
    description = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("verdeelsleutel")
        verbose_name_plural = _("verdeelsleutels")
        ordering = ["trajectory", "name"]
        constraints = [models.UniqueConstraint(fields=["trajectory", "code"], name="allocation_key_code_unique")]

    def __str__(self) -> str:
        return self.name


class AllocationKeyValue(models.Model):
    allocation_key = models.ForeignKey(AllocationKey, on_delete=models.CASCADE, related_name="values")
    municipality = models.ForeignKey("register.Municipality", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("gemeente"))
    value = models.DecimalField(_("waarde"), max_digits=18, decimal_places=4)

    class Meta:
        verbose_name = _("waarde verdeelsleutel")
        verbose_name_plural = _("waarden verdeelsleutel")
        ordering = ["allocation_key", "municipality__name"]
        constraints = [
            models.UniqueConstraint(fields=["allocation_key", "municipality"], name="key_value_once"),
            models.CheckConstraint(condition=Q(value__gte=0), name="key_value_not_negative", violation_error_message=_("Een waarde van een verdeelsleutel kan niet negatief zijn.")),
        ]

    def __str__(self) -> str:
        return f"{self.allocation_key}: {self.municipality} = {self.value}"


class CostItem(Sourced):
    """A cost item of a variant: euros per year as low / most likely / high."""

    variant = models.ForeignKey("options.Variant", on_delete=models.CASCADE, related_name="cost_items", verbose_name=_("variant"))
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("naam"), max_length=200)
    category = models.CharField(_("soort"), max_length=20, choices=Category.choices, default=Category.STRUCTURAL)
    behaviour = models.CharField(_("gedrag"), max_length=20, choices=Behaviour.choices, default=Behaviour.FIXED)
    driver = models.ForeignKey(AllocationKey, verbose_name=_("kostendrager"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="driven_items", help_text=_("Bij variabele kosten: de volumes (cliënten, inwoners, gebruik)."))
    per_unit = models.BooleanField(_("bedrag per eenheid"), default=False,
                                   help_text=_("Aan: bedragen zijn euro per eenheid van de kostendrager per jaar."))
    scale_exponent = models.FloatField(_("schaalexponent"), default=1.0,
                                       help_text=_("1 = evenredig met het volume, lager = schaalvoordeel, 0 = vast."))
    low = models.DecimalField(_("laag (euro per jaar)"), max_digits=16, decimal_places=2)
    likely = models.DecimalField(_("meest waarschijnlijk (euro per jaar)"), max_digits=16, decimal_places=2)
    high = models.DecimalField(_("hoog (euro per jaar)"), max_digits=16, decimal_places=2)
    first_year = models.PositiveIntegerField(_("eerste jaar"), null=True, blank=True)
    last_year = models.PositiveIntegerField(_("laatste jaar"), null=True, blank=True)
    allocation_key = models.ForeignKey(AllocationKey, verbose_name=_("afwijkende verdeelsleutel"), null=True, blank=True,
                            on_delete=models.PROTECT, related_name="keyed_items")
    members = models.ManyToManyField("register.Municipality", verbose_name=_("alleen voor"), blank=True, related_name="+")
    binding = models.BooleanField(_("bestaande verplichting"), default=False,
                                  help_text=_("Wordt door de genoemde gemeenten betaald, of ze nu meedoen of niet (bijv. tekort GR)."))
    evidence_document = models.ForeignKey("register.Document", verbose_name=_("onderbouwend document"), null=True, blank=True,
                                          on_delete=models.SET_NULL, related_name="+")
    evidence_page = models.CharField(_("pagina"), max_length=40, blank=True)
    argument = models.TextField(_("onderbouwing"), blank=True)

    class Meta:
        verbose_name = _("kostenpost")
        verbose_name_plural = _("kostenposten")
        ordering = ["variant", "category", "name"]
        constraints = [
            models.UniqueConstraint(fields=["variant", "code"], name="cost_item_code_unique"),
            models.CheckConstraint(condition=Q(low__lte=models.F("likely")) & Q(likely__lte=models.F("high")), name="cost_item_range_order", violation_error_message=_("Laag ≤ meest waarschijnlijk ≤ hoog is niet voldaan.")),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def substantiated(self) -> bool:
        return bool(self.evidence_document_id or self.source)


class CurrentCost(Sourced):
    """What a municipality spends on the task today (the current situation), per year."""

    trajectory = models.ForeignKey("register.Trajectory", on_delete=models.CASCADE, related_name="current_costs",
                                   verbose_name=_("traject"))
    municipality = models.ForeignKey("register.Municipality", on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente"))
    low = models.DecimalField(_("laag (euro per jaar)"), max_digits=16, decimal_places=2)
    likely = models.DecimalField(_("meest waarschijnlijk (euro per jaar)"), max_digits=16, decimal_places=2)
    high = models.DecimalField(_("hoog (euro per jaar)"), max_digits=16, decimal_places=2)

    class Meta:
        verbose_name = _("huidige kosten")
        verbose_name_plural = _("huidige kosten")
        ordering = ["trajectory", "municipality__name"]
        constraints = [
            models.UniqueConstraint(fields=["trajectory", "municipality"], name="current_cost_once"),
            models.CheckConstraint(condition=Q(low__lte=models.F("likely")) & Q(likely__lte=models.F("high")), name="current_cost_range_order", violation_error_message=_("Laag ≤ meest waarschijnlijk ≤ hoog is niet voldaan.")),
        ]

    def __str__(self) -> str:
        return f"Huidige kosten {self.municipality}"


class SharedOrganisationScenario(Sourced):
    """A shared werkorganisatie (BUCH) whose members do not all move a task: effect on its budget split."""

    trajectory = models.ForeignKey("register.Trajectory", on_delete=models.CASCADE, related_name="shared_organisation_scenarios",
                                   verbose_name=_("traject"))
    organisation = models.ForeignKey("register.ExecutionOrganisation", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("werkorganisatie"))
    name = models.CharField(_("naam"), max_length=200)
    budget_year = models.PositiveIntegerField(_("begrotingsjaar"))
    budget = models.DecimalField(_("begroting (euro)"), max_digits=16, decimal_places=2)
    allocation_key = models.ForeignKey(AllocationKey, verbose_name=_("verdeelsleutel van de begroting"), on_delete=models.PROTECT, related_name="+")
    task_budget = models.DecimalField(_("budget van de taak (euro)"), max_digits=16, decimal_places=2)
    stranded_fraction = models.FloatField(_("niet-afbouwbaar deel (fractie)"), default=0.0)
    stranded_to = models.CharField(_("niet-afbouwbare kosten voor"), max_length=20, choices=StrandedTo.choices, default=StrandedTo.KEY)
    transferring = models.ManyToManyField("register.Municipality", verbose_name=_("dragen de taak over"), related_name="+")
    note = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("scenario gedeelde werkorganisatie")
        verbose_name_plural = _("scenario's gedeelde werkorganisatie")
        ordering = ["trajectory", "name"]

    def __str__(self) -> str:
        return self.name
