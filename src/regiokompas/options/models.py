"""Options-analysis models. State changes go through options.services (validation, one
transaction, audit row); views, admin, CLI and the example loader never call save() directly."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regiokompas import formatting
from regiokompas.register import constants as rc
from regiokompas.register.models import Sourced

NOT_SUBSTANTIATED = "niet onderbouwd"


class Direction(models.TextChoices):
    HIGHER = "higher", _("hoger is beter")
    LOWER = "lower", _("lager is beter")


class ScoreKind(models.TextChoices):
    EXACT = "exact", _("exact")
    RANGE = "range", _("bandbreedte (laag – hoog, elke waarde even waarschijnlijk)")
    PERT = "pert", _("laag / meest waarschijnlijk / hoog (PERT)")
    TRIANGULAR = "triangular", _("laag / meest waarschijnlijk / hoog (driehoek)")


class StatementKind(models.TextChoices):
    RANKING = "ranking", _("rangorde van criteria (gelijke plaatsen toegestaan)")
    SWING = "swing", _("swingweging (belangrijkste = 100)")
    INTERVAL = "interval", _("gewichtsinterval")
    RATIO = "ratio", _("verhouding tussen twee criteria")
    EXACT = "exact", _("vaste gewichten")


class Variant(Sourced):
    """An execution variant (uitvoeringsvariant / dienstverleningsmodel) of a trajectory."""

    trajectory = models.ForeignKey("register.Trajectory", on_delete=models.CASCADE, related_name="variants", verbose_name=_("traject"))
    number = models.PositiveIntegerField(_("nummer"))
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    scope = models.TextField(_("taken (reikwijdte)"), blank=True, help_text=_("Eén taak per regel."))
    wgr_form = models.CharField(
        _("voorgestelde rechtsvorm"), max_length=40, choices=rc.LegalForm.choices, blank=True,
        help_text=_("Eén vorm voor de hele variant; een variant met verschillende vormen per taak of fase legt haar onderdelen vast."),
    )
    existing_organisations_role = models.TextField(
        _("rol van bestaande organisaties"), blank=True, help_text=_("Bijvoorbeeld de plaats van het WNK re-integratiebedrijf.")
    )
    transition_notes = models.TextField(_("overgang en implementatie"), blank=True)

    class Meta:
        verbose_name = _("uitvoeringsvariant")
        verbose_name_plural = _("uitvoeringsvarianten")
        ordering = ["trajectory", "number"]
        constraints = [models.UniqueConstraint(fields=["trajectory", "number"], name="variant_number_unique")]

    def __str__(self) -> str:
        return f"Variant {self.number}: {self.name}"

    @property
    def code(self) -> str:
        """Identifier in engine problems."""
        return f"v{self.number}"

    def tasks(self) -> list[str]:
        return [line.strip() for line in self.scope.splitlines() if line.strip()]

    def phases(self) -> list[tuple[int, str, list[VariantComponent]]]:
        """The components grouped per phase: (phase, label, components)."""
        grouped: dict[int, list[VariantComponent]] = {}
        for component in self.components.select_related("arrangement").order_by("phase", "task"):
            grouped.setdefault(component.phase, []).append(component)
        return [(phase, next((x.phase_label for x in items if x.phase_label), ""), items) for phase, items in grouped.items()]


class ExecutionForm(models.TextChoices):
    """How a task is carried out in a variant: by the municipality itself, or in a legal form."""

    OWN = "eigen_gemeente", _("de gemeente zelf (eigen uitvoering)")
    OPENBAAR_LICHAAM = rc.LegalForm.OPENBAAR_LICHAAM.value, rc.LegalForm.OPENBAAR_LICHAAM.label
    BEDRIJFSVOERINGSORGANISATIE = rc.LegalForm.BEDRIJFSVOERINGSORGANISATIE.value, rc.LegalForm.BEDRIJFSVOERINGSORGANISATIE.label
    GEMEENSCHAPPELIJK_ORGAAN = rc.LegalForm.GEMEENSCHAPPELIJK_ORGAAN.value, rc.LegalForm.GEMEENSCHAPPELIJK_ORGAAN.label
    CENTRUMGEMEENTEREGELING = rc.LegalForm.CENTRUMGEMEENTEREGELING.value, rc.LegalForm.CENTRUMGEMEENTEREGELING.label
    REGELING_ZONDER_MEER = rc.LegalForm.REGELING_ZONDER_MEER.value, rc.LegalForm.REGELING_ZONDER_MEER.label
    STICHTING = rc.LegalForm.STICHTING.value, rc.LegalForm.STICHTING.label
    VERENIGING = rc.LegalForm.VERENIGING.value, rc.LegalForm.VERENIGING.label
    NV = rc.LegalForm.NV.value, rc.LegalForm.NV.label
    BV = rc.LegalForm.BV.value, rc.LegalForm.BV.label
    CONVENANT = rc.LegalForm.CONVENANT.value, rc.LegalForm.CONVENANT.label


class VariantComponent(Sourced):
    """One part of a variant: a task carried out in a form (the municipality itself for the
    Participatiewet, a joint arrangement for the Wsw), in a phase (centrumgemeente now, openbaar
    lichaam later). A variant without components is described by its text and proposed form only."""

    variant = models.ForeignKey(Variant, on_delete=models.CASCADE, related_name="components", verbose_name=_("variant"))
    phase = models.PositiveIntegerField(_("fase"), default=1, help_text=_("1 voor de eerste fase, 2 voor de volgende, enzovoort."))
    phase_label = models.CharField(_("naam van de fase"), max_length=100, blank=True, help_text=_("Bijvoorbeeld: nu, vanaf 2027."))
    phase_start = models.DateField(_("fase begint"), null=True, blank=True)
    phase_start_precision = models.CharField(_("nauwkeurigheid begin fase"), max_length=10, choices=rc.DatePrecision.choices,
                                             default=rc.DatePrecision.UNKNOWN)
    task = models.CharField(_("taak"), max_length=200, help_text=_("Bijvoorbeeld: Participatiewet, Wsw, schuldhulpverlening."))
    form = models.CharField(_("vorm"), max_length=40, choices=ExecutionForm.choices)
    arrangement = models.ForeignKey(
        "register.JointArrangement", verbose_name=_("bestaande regeling"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="variant_components",
    )
    note = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("onderdeel van een variant")
        verbose_name_plural = _("onderdelen van varianten")
        ordering = ["variant", "phase", "task"]
        constraints = [models.UniqueConstraint(fields=["variant", "phase", "task"], name="variant_component_once_per_phase")]

    def __str__(self) -> str:
        return f"{self.task}: {self.get_form_display()} (fase {self.phase})"


class CommonMeasure(Sourced):
    """A measure common to every variant of a trajectory (a herstelmaatregel): recorded once and
    shown as such, not as a difference between variants."""

    trajectory = models.ForeignKey("register.Trajectory", on_delete=models.CASCADE, related_name="common_measures", verbose_name=_("traject"))
    order = models.PositiveIntegerField(_("volgorde"), default=1)
    title = models.CharField(_("maatregel"), max_length=300)
    description = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("maatregel voor elke variant")
        verbose_name_plural = _("maatregelen voor elke variant")
        ordering = ["trajectory", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["trajectory", "title"], name="common_measure_once")]

    def __str__(self) -> str:
        return self.title


class CriteriaSet(Sourced):
    """The criteria against which a trajectory's variants are compared (one set per trajectory)."""

    trajectory = models.OneToOneField("register.Trajectory", on_delete=models.CASCADE, related_name="criteria_set", verbose_name=_("traject"))
    name = models.CharField(_("naam"), max_length=200, default="Criteria")
    template = models.CharField(_("sjabloon"), max_length=50, blank=True, help_text=_("Het sjabloon waarmee de set is begonnen."))

    class Meta:
        verbose_name = _("criteriaset")
        verbose_name_plural = _("criteriasets")

    def __str__(self) -> str:
        return f"{self.name} ({self.trajectory})"


class Criterion(Sourced):
    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("criteriaset"))
    code = models.SlugField(_("code"), max_length=40, help_text=_("Korte vaste aanduiding, bijvoorbeeld 'eff'."))
    order = models.PositiveIntegerField(_("volgorde"), default=0)
    name = models.CharField(_("naam"), max_length=200)
    definition = models.TextField(_("definitie"), blank=True)
    unit = models.CharField(_("eenheid"), max_length=60)
    scale_min = models.FloatField(_("schaal van"))
    scale_max = models.FloatField(_("schaal tot"))
    direction = models.CharField(_("richting"), max_length=10, choices=Direction.choices, default=Direction.HIGHER)
    scale_labels = models.JSONField(
        _("betekenis schaalwaarden"), default=dict, blank=True,
        help_text=_("Optioneel: verbale betekenis per schaalwaarde, bijvoorbeeld {\"1\": \"zeer slecht\", \"5\": \"zeer goed\"}."),
    )

    class Meta:
        verbose_name = _("criterium")
        verbose_name_plural = _("criteria")
        ordering = ["criteria_set", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["criteria_set", "code"], name="criterion_code_unique"),
            models.CheckConstraint(condition=Q(scale_max__gt=models.F("scale_min")), name="criterion_scale_ordered"),
        ]

    def __str__(self) -> str:
        return self.name


class Score(Sourced):
    """The performance of one variant on one criterion, with its uncertainty and evidence."""

    variant = models.ForeignKey(Variant, on_delete=models.CASCADE, related_name="scores", verbose_name=_("variant"))
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores", verbose_name=_("criterium"))
    kind = models.CharField(_("soort schatting"), max_length=12, choices=ScoreKind.choices, default=ScoreKind.PERT)
    low = models.FloatField(_("laag"), null=True, blank=True)
    most_likely = models.FloatField(_("meest waarschijnlijk / exact"), null=True, blank=True)
    high = models.FloatField(_("hoog"), null=True, blank=True)
    unit = models.CharField(_("eenheid"), max_length=60)
    # evidence
    evidence_document = models.ForeignKey(
        "register.Document", verbose_name=_("onderbouwend document"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    evidence_page = models.CharField(_("pagina"), max_length=40, blank=True)
    evidence_source = models.CharField(_("bron van de onderbouwing"), max_length=500, blank=True)
    evidence_author = models.CharField(_("auteur"), max_length=200, blank=True)
    evidence_date = models.DateField(_("datum onderbouwing"), null=True, blank=True)
    argument = models.TextField(_("argumentatie"), blank=True)
    pros = models.TextField(_("voordelen"), blank=True)
    cons = models.TextField(_("nadelen"), blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["variant__number", "criterion__order", "criterion_id"]
        constraints = [models.UniqueConstraint(fields=["variant", "criterion"], name="score_once_per_cell")]

    def __str__(self) -> str:
        return f"{self.variant} × {self.criterion}: {self.display_value}"

    @property
    def substantiated(self) -> bool:
        return bool(self.evidence_document_id or self.evidence_source.strip())

    @property
    def substantiation_label(self) -> str:
        return "onderbouwd" if self.substantiated else NOT_SUBSTANTIATED

    @property
    def display_value(self) -> str:
        def f(x):
            return formatting.number(x, significant=6)

        if self.kind == ScoreKind.EXACT:
            return f"{f(self.most_likely)} {self.unit}"
        if self.kind == ScoreKind.RANGE:
            return f"{f(self.low)} – {f(self.high)} {self.unit}"
        return f"{f(self.low)} / {f(self.most_likely)} / {f(self.high)} {self.unit}"

    @property
    def kind_short(self) -> str:
        return {ScoreKind.RANGE: "bandbreedte", ScoreKind.PERT: "PERT", ScoreKind.TRIANGULAR: "driehoek"}.get(self.kind, "")

    @property
    def relative_spread(self) -> float:
        """Width of the estimate relative to the criterion's scale range (0 for exact)."""
        if self.kind == ScoreKind.EXACT or self.low is None or self.high is None:
            return 0.0
        span = self.criterion.scale_max - self.criterion.scale_min
        return (self.high - self.low) / span if span else 0.0


class PreferenceSet(Sourced):
    """One municipality's preference statements for a trajectory's criteria."""

    trajectory = models.ForeignKey("register.Trajectory", on_delete=models.CASCADE, related_name="preference_sets", verbose_name=_("traject"))
    municipality = models.ForeignKey("register.Municipality", on_delete=models.PROTECT, related_name="preference_sets", verbose_name=_("gemeente"))
    note = models.TextField(_("toelichting"), blank=True)
    entered_by = models.CharField(_("ingevoerd door"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("voorkeuren van een gemeente")
        verbose_name_plural = _("voorkeuren van gemeenten")
        ordering = ["trajectory", "municipality__name"]
        constraints = [models.UniqueConstraint(fields=["trajectory", "municipality"], name="preferences_once_per_municipality")]

    def __str__(self) -> str:
        return f"Voorkeuren {self.municipality} ({self.trajectory})"


class PreferenceStatement(models.Model):
    """One statement in a municipality's own words, kept as entered; the problem builder compiles
    it into the engine's statement format.

    ``data`` by kind (criterion codes):
    - ranking: ``{"order": [["eff"], ["klant", "eco"], ...]}`` most important first; ties share a group
    - swing: ``{"points": {"eff": 100, "klant": [60, 80], ...}}`` most important = 100, a pair is a range
    - interval: ``{"criterion": "eff", "min": 0.1, "max": 0.4}`` weight as a share (0–1)
    - ratio: ``{"numerator": "eff", "denominator": "eco", "min": 1, "max": 3}``
    - exact: ``{"weights": {"eff": 0.5, ...}}``
    """

    preference_set = models.ForeignKey(PreferenceSet, on_delete=models.CASCADE, related_name="statements")
    order = models.PositiveIntegerField(_("volgorde"), default=0)
    kind = models.CharField(_("soort uitspraak"), max_length=12, choices=StatementKind.choices)
    data = models.JSONField(_("inhoud"))
    note = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("voorkeursuitspraak")
        verbose_name_plural = _("voorkeursuitspraken")
        ordering = ["preference_set", "order", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.preference_set.municipality})"


class AnalysisRun(models.Model):
    """A stored analysis: full input snapshot, seed, samples, engine version and results.
    Never overwritten; a reproduction is a new run pointing at the original."""

    trajectory = models.ForeignKey("register.Trajectory", on_delete=models.PROTECT, related_name="analysis_runs", verbose_name=_("traject"))
    number = models.PositiveIntegerField(_("volgnummer"))
    label = models.CharField(_("omschrijving"), max_length=300, blank=True)
    problem = models.JSONField(_("invoer (probleem voor de rekenkern)"))
    snapshot = models.JSONField(_("momentopname van varianten, criteria, scores en voorkeuren"), default=dict)
    seed = models.BigIntegerField(_("startwaarde toevalsgenerator"))
    samples = models.PositiveIntegerField(_("aantal trekkingen"))
    engine_version = models.CharField(_("versie rekenkern"), max_length=50)
    results = models.JSONField(_("resultaten"))
    illustrative = models.BooleanField(_("illustratief"), default=False)
    reproduces = models.ForeignKey(
        "self", verbose_name=_("reproductie van"), null=True, blank=True, on_delete=models.PROTECT, related_name="reproductions"
    )
    # The user is named, not linked: a run stays readable (and exportable in a dossier) after the
    # account is gone; the audit trail links the user.
    created_by_label = models.CharField(_("gestart door"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("tijdstip"), default=timezone.now, editable=False)
    duration_ms = models.PositiveIntegerField(_("rekentijd (ms)"), null=True, blank=True)

    class Meta:
        verbose_name = _("analyse")
        verbose_name_plural = _("analyses")
        ordering = ["trajectory", "-number"]
        constraints = [models.UniqueConstraint(fields=["trajectory", "number"], name="analysis_run_number_unique")]

    def __str__(self) -> str:
        return f"Analyse {self.number} ({self.trajectory})"

    def save(self, *args, **kwargs):
        if self.pk and AnalysisRun.objects.filter(pk=self.pk).exists():
            from regiokompas.options.errors import OptionsError

            raise OptionsError("Een opgeslagen analyse wordt nooit overschreven; start een nieuwe analyse.")
        super().save(*args, **kwargs)
