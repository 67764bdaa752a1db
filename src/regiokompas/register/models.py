"""Register models. State changes go through register.services, never save() in views."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import gettext_lazy as _

from regiokompas.register import constants as c


def precision_field(label: str = "nauwkeurigheid datum") -> models.CharField:
    """The precision column beside a date (register.dates.FuzzyDate): day, month, year or unknown."""
    return models.CharField(_(label), max_length=10, choices=c.DatePrecision.choices, default=c.DatePrecision.DAY)


class Sourced(models.Model):
    """Every fact carries its source (seed file name, document, or web address)."""

    source = models.CharField(_("bron"), max_length=500, blank=True)
    illustrative = models.BooleanField(
        _("illustratief"), default=False, help_text=_("Voorbeeldgegeven zonder bron in de werkelijkheid.")
    )
    created = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated = models.DateTimeField(_("gewijzigd"), auto_now=True)

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field):  # noqa: N802 - Django's name, behind every get_<field>_display()
        """As Django's, but with the field's choices as a dict made once per field: Django builds it on
        every call, translating every label to hash it, and pages call it for every row."""
        value = getattr(self, field.attname)
        labels = _CHOICE_LABELS.get(field)
        if labels is None:
            labels = _CHOICE_LABELS[field] = dict(make_hashable(field.flatchoices))
        return force_str(labels.get(make_hashable(value), value), strings_only=True)


# The choices of a field are fixed in code (TextChoices); their labels stay lazy and are translated
# when shown.
_CHOICE_LABELS: dict[models.Field, dict] = {}


class Municipality(Sourced):
    cbs_code = models.CharField(_("CBS-code"), max_length=6, unique=True, help_text=_("Bijvoorbeeld GM0373."))
    name = models.CharField(_("naam"), max_length=120)
    valid_from = models.DateField(_("geldig vanaf"), null=True, blank=True)
    valid_to = models.DateField(_("geldig tot en met"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("opgegaan in"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )
    province = models.CharField(_("provincie"), max_length=60, blank=True)
    note = models.CharField(_("toelichting"), max_length=300, blank=True, help_text=_("Naamswijziging, splitsing, tussenliggende fusies."))

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_from__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="municipality_valid_period",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def exists_on(self, day: dt.date | None) -> bool:
        if day is None:
            return True
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_to and day > self.valid_to)

    def successor_on(self, day: dt.date) -> Municipality:
        """The municipality that carries this one's responsibilities on ``day`` (follows mergers)."""
        current: Municipality = self
        seen = set()
        while current.valid_to and day > current.valid_to and current.successor_id and current.pk not in seen:
            seen.add(current.pk)
            current = current.successor
        return current

    def population_on(self, day: dt.date) -> PopulationFigure | None:
        return self.population_figures.filter(reference_date__lte=day).order_by("-reference_date").first()


class PopulationFigure(Sourced):
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="population_figures")
    reference_date = models.DateField(_("peildatum"))
    inhabitants = models.PositiveIntegerField(_("inwoners"))

    class Meta:
        verbose_name = _("inwonertal")
        verbose_name_plural = _("inwonertallen")
        ordering = ["municipality", "-reference_date"]
        constraints = [models.UniqueConstraint(fields=["municipality", "reference_date"], name="population_once_per_date")]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.inhabitants} ({self.reference_date:%d-%m-%Y})"


class Region(Sourced):
    name = models.CharField(_("naam"), max_length=120, unique=True)

    class Meta:
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")

    def __str__(self) -> str:
        return self.name


class RegionMembership(Sourced):
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="memberships")
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="region_memberships")
    valid_from = models.DateField(_("vanaf"), null=True, blank=True)
    valid_to = models.DateField(_("tot en met"), null=True, blank=True)

    class Meta:
        verbose_name = _("regiolidmaatschap")
        verbose_name_plural = _("regiolidmaatschappen")

    def __str__(self) -> str:
        return f"{self.municipality} in {self.region}"


class JointArrangement(Sourced):
    """A cooperation between municipalities: a gemeenschappelijke regeling under the Wgr, or a
    stichting, vereniging, NV, BV or convenant. It may succeed other arrangements (ArrangementSuccession)."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    legal_form = models.CharField(_("rechtsvorm"), max_length=40, choices=c.LegalForm.choices)
    arrangement_type = models.CharField(
        _("soort regeling"), max_length=20, choices=c.ArrangementType.choices, blank=True,
        help_text=_("Alleen bij een Wgr-regeling: collegeregeling, raadsregeling of gemengd."),
    )
    centre_municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("centrumgemeente"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="centre_of",
    )
    publication = models.CharField(_("publicatie (CVDR/Gemeenteblad)"), max_length=300, blank=True)
    valid_from = models.DateField(_("in werking vanaf"), null=True, blank=True)
    valid_from_precision = precision_field("nauwkeurigheid datum in werking")
    valid_to = models.DateField(_("opgeheven per"), null=True, blank=True)
    valid_to_precision = precision_field("nauwkeurigheid datum opgeheven")
    exit_rules = models.TextField(_("uittredingsregels"), blank=True)

    class Meta:
        verbose_name = _("regeling")
        verbose_name_plural = _("regelingen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def legal_personality(self) -> bool:
        return self.legal_form in c.LEGAL_PERSONALITY

    @property
    def is_wgr(self) -> bool:
        return self.legal_form in c.WGR_FORMS

    @property
    def wgr_form(self) -> str:
        """The former name of ``legal_form`` (read only)."""
        return self.legal_form

    def get_wgr_form_display(self) -> str:
        return self.get_legal_form_display()

    def lineage(self) -> list[ArrangementSuccession]:
        """Every succession that led to this arrangement, nearest first (breadth first, no repeats)."""
        seen: set[int] = {self.pk}
        result: list[ArrangementSuccession] = []
        frontier = [self]
        while frontier:
            following = []
            for arrangement in frontier:
                links = ArrangementSuccession.objects.filter(successor=arrangement).select_related("predecessor").order_by("date", "pk")
                for link in links:
                    result.append(link)
                    if link.predecessor_id not in seen:
                        seen.add(link.predecessor_id)
                        following.append(link.predecessor)
            frontier = following
        return result

    def descendants(self) -> list[ArrangementSuccession]:
        """Every succession that followed from this arrangement, nearest first."""
        seen: set[int] = {self.pk}
        result: list[ArrangementSuccession] = []
        frontier = [self]
        while frontier:
            following = []
            for arrangement in frontier:
                for link in ArrangementSuccession.objects.filter(predecessor=arrangement).select_related("successor").order_by("date", "pk"):
                    result.append(link)
                    if link.successor_id not in seen:
                        seen.add(link.successor_id)
                        following.append(link.successor)
            frontier = following
        return result


class ArrangementSuccession(Sourced):
    """``successor`` follows ``predecessor``: the same legal body under an amended regeling or a new
    name, or a merger of several arrangements into one (one row per predecessor)."""

    successor = models.ForeignKey(JointArrangement, verbose_name=_("opvolger"), on_delete=models.CASCADE, related_name="predecessor_links")
    predecessor = models.ForeignKey(JointArrangement, verbose_name=_("voorganger"), on_delete=models.PROTECT, related_name="successor_links")
    kind = models.CharField(_("soort opvolging"), max_length=20, choices=c.SuccessionKind.choices)
    date = models.DateField(_("datum"), null=True, blank=True)
    date_precision = precision_field()
    note = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("opvolging van een regeling")
        verbose_name_plural = _("opvolgingen van regelingen")
        ordering = ["successor", "date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["successor", "predecessor"], name="succession_once"),
            models.CheckConstraint(condition=~Q(successor=models.F("predecessor")), name="succession_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor} ({self.get_kind_display()})"


class ArrangementParticipation(Sourced):
    arrangement = models.ForeignKey(JointArrangement, on_delete=models.CASCADE, related_name="participations")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="arrangement_participations")
    organs = models.CharField(_("deelnemende organen"), max_length=200, blank=True, help_text=_("Bijvoorbeeld: college."))
    joined = models.DateField(_("toegetreden"), null=True, blank=True)
    joined_precision = precision_field("nauwkeurigheid datum toegetreden")
    left = models.DateField(_("uitgetreden"), null=True, blank=True)
    left_precision = precision_field("nauwkeurigheid datum uitgetreden")

    class Meta:
        verbose_name = _("deelname aan regeling")
        verbose_name_plural = _("deelnames aan regelingen")

    def __str__(self) -> str:
        return f"{self.municipality} in {self.arrangement}"


class Organisation(Sourced):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=40, choices=c.OrganisationKind.choices)
    description = models.TextField(_("omschrijving"), blank=True)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ExecutionOrganisation(Organisation):
    """An organisation that executes tasks for municipalities (WNK, Halte Werk, BUCH, Zaffier)."""

    tasks = models.TextField(_("taken"), blank=True, help_text=_("Eén taak per regel, met wettelijke grondslag."))
    legal_vehicle = models.ForeignKey(
        JointArrangement,
        verbose_name=_("juridische vorm (regeling)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="execution_organisations",
    )
    served_municipalities = models.ManyToManyField(
        Municipality, verbose_name=_("werkt voor"), blank=True, related_name="served_by"
    )
    valid_from = models.DateField(_("actief vanaf"), null=True, blank=True)
    valid_to = models.DateField(_("actief tot en met"), null=True, blank=True)

    class Meta:
        verbose_name = _("uitvoeringsorganisatie")
        verbose_name_plural = _("uitvoeringsorganisaties")


class GoverningBody(Sourced):
    kind = models.CharField(_("soort"), max_length=40, choices=c.GoverningBodyKind.choices)
    municipality = models.ForeignKey(
        Municipality, null=True, blank=True, on_delete=models.CASCADE, related_name="governing_bodies"
    )
    arrangement = models.ForeignKey(
        JointArrangement, null=True, blank=True, on_delete=models.CASCADE, related_name="governing_bodies"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="governing_bodies"
    )
    name = models.CharField(_("naam"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("bestuursorgaan")
        verbose_name_plural = _("bestuursorganen")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(municipality__isnull=False, arrangement__isnull=True, organisation__isnull=True)
                    | Q(municipality__isnull=True, arrangement__isnull=False, organisation__isnull=True)
                    | Q(municipality__isnull=True, arrangement__isnull=True, organisation__isnull=False)
                ),
                name="governing_body_one_owner",
            ),
            models.UniqueConstraint(
                fields=["kind", "municipality"], condition=Q(municipality__isnull=False), name="one_body_kind_per_municipality"
            ),
        ]

    def __str__(self) -> str:
        if self.name:
            return self.name
        owner = self.municipality or self.arrangement or self.organisation
        return f"{self.get_kind_display()} {owner}"


class Person(Sourced):
    name = models.CharField(_("naam"), max_length=200)

    class Meta:
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(Sourced):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="roles")
    kind = models.CharField(_("rol"), max_length=40, choices=c.RoleKind.choices)
    title = models.CharField(_("omschrijving"), max_length=200, blank=True, help_text=_("Bijvoorbeeld: wethouder sociale zaken."))
    municipality = models.ForeignKey(Municipality, null=True, blank=True, on_delete=models.CASCADE, related_name="roles")
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="roles")
    trajectory = models.ForeignKey("Trajectory", null=True, blank=True, on_delete=models.CASCADE, related_name="roles")
    valid_from = models.DateField(_("vanaf"), null=True, blank=True)
    valid_to = models.DateField(_("tot en met"), null=True, blank=True)

    class Meta:
        verbose_name = _("rol")
        verbose_name_plural = _("rollen")

    def __str__(self) -> str:
        where = self.municipality or self.organisation or self.trajectory or ""
        return f"{self.person}: {self.get_kind_display()} {where}".strip()


class Appointment(Sourced):
    """A member or deputy member (plaatsvervangend lid) of the algemeen or dagelijks bestuur of an
    arrangement, on behalf of one participating municipality, for a period."""

    arrangement = models.ForeignKey(JointArrangement, verbose_name=_("regeling"), on_delete=models.CASCADE, related_name="appointments")
    organ = models.CharField(_("orgaan"), max_length=30, choices=c.AppointmentOrgan.choices)
    capacity = models.CharField(_("hoedanigheid"), max_length=10, choices=c.AppointmentCapacity.choices, default=c.AppointmentCapacity.MEMBER)
    municipality = models.ForeignKey(Municipality, verbose_name=_("namens gemeente"), on_delete=models.PROTECT, related_name="appointments")
    person = models.ForeignKey(Person, verbose_name=_("persoon"), on_delete=models.PROTECT, related_name="appointments")
    start = models.DateField(_("benoemd per"), null=True, blank=True)
    start_precision = precision_field("nauwkeurigheid datum benoemd")
    end = models.DateField(_("tot en met"), null=True, blank=True)
    end_precision = precision_field("nauwkeurigheid einddatum")
    note = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("benoeming in een bestuur")
        verbose_name_plural = _("benoemingen in besturen")
        ordering = ["arrangement", "organ", "municipality__name", "capacity", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=models.F("start")), name="appointment_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_capacity_display()} {self.get_organ_display()} {self.arrangement} namens {self.municipality}"


class Law(Sourced):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    abbreviation = models.CharField(_("afkorting"), max_length=30, unique=True)
    aliases = models.CharField(_("andere afkortingen"), max_length=100, blank=True, help_text=_("Komma-gescheiden, bijv. Wwv."))
    kamerstuk = models.CharField(_("kamerstuk"), max_length=50, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=c.LawStatus.choices)
    planned_start = models.DateField(_("geplande inwerkingtreding"), null=True, blank=True)
    actual_start = models.DateField(_("feitelijke inwerkingtreding"), null=True, blank=True)
    status_note = models.TextField(_("toelichting status"), blank=True)

    class Meta:
        verbose_name = _("wet")
        verbose_name_plural = _("wetten")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.abbreviation})"


class Trajectory(Sourced):
    slug = models.SlugField(_("korte naam"), max_length=100, unique=True)
    name = models.CharField(_("naam"), max_length=300)
    domain = models.CharField(_("domein"), max_length=200, blank=True)
    aim = models.TextField(_("doel"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=c.TrajectoryStatus.choices, default=c.TrajectoryStatus.EXPLORING)
    start_date = models.DateField(_("gestart"), null=True, blank=True)
    start_precision = precision_field("nauwkeurigheid startdatum")
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.SET_NULL, related_name="trajectories")
    drivers = models.ManyToManyField(
        Law, verbose_name=_("aanleiding (wetten)"), blank=True, related_name="trajectories", through="TrajectoryLaw"
    )
    commissioning_body = models.ForeignKey(
        GoverningBody, verbose_name=_("opdrachtgever"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    project_organisation = models.ForeignKey(
        Organisation, verbose_name=_("projectorganisatie"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("traject")
        verbose_name_plural = _("trajecten")
        ordering = ["-start_date", "name"]

    def __str__(self) -> str:
        return self.name


class TrajectoryLaw(Sourced):
    """A law that drives a trajectory, with what this trajectory has to say about it. A law is shared
    by trajectories; a remark here is shown on this trajectory only."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="law_links")
    law = models.ForeignKey(Law, on_delete=models.PROTECT, related_name="trajectory_links")
    remark = models.TextField(_("opmerking voor dit traject"), blank=True)

    class Meta:
        verbose_name = _("wet van een traject")
        verbose_name_plural = _("wetten van een traject")
        ordering = ["trajectory", "law__name"]
        constraints = [models.UniqueConstraint(fields=["trajectory", "law"], name="trajectory_law_once")]

    def __str__(self) -> str:
        return f"{self.law} ({self.trajectory})"


class TrajectoryParticipant(Sourced):
    """A municipality involved in a trajectory. Its status per gate is derived from decisions."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="participants")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="trajectory_participations")
    joined_at_gate = models.ForeignKey(
        "Gate",
        verbose_name=_("betrokken vanaf besluitmoment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leeg: vanaf het begin van het traject."),
    )
    note = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("deelnemende gemeente")
        verbose_name_plural = _("deelnemende gemeenten")
        constraints = [models.UniqueConstraint(fields=["trajectory", "municipality"], name="participant_once")]

    def __str__(self) -> str:
        return f"{self.municipality} in {self.trajectory}"


def default_gate_bodies() -> list[str]:
    return [c.GoverningBodyKind.COLLEGE.value]


class Document(Sourced):
    """A document of the trajectory. Header fields and ordered sections follow the layout of Dutch council documents (kopgegevens, then ordered sections)."""

    trajectory = models.ForeignKey(Trajectory, null=True, blank=True, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(_("soort"), max_length=40, choices=c.DocumentKind.choices)
    title = models.CharField(_("titel"), max_length=300)
    status = models.CharField(_("status"), max_length=12, choices=c.DocumentStatus.choices, default=c.DocumentStatus.CONCEPT)
    issuer_municipality = models.ForeignKey(
        Municipality, verbose_name=_("afzender (gemeente)"), null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    issuer_organisation = models.ForeignKey(
        Organisation, verbose_name=_("afzender (organisatie)"), null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    date = models.DateField(_("datum"), null=True, blank=True)
    date_precision = precision_field()
    header = models.JSONField(_("kopgegevens"), default=dict, blank=True)
    attachments = models.ManyToManyField("self", verbose_name=_("bijlagen"), blank=True, symmetrical=False, related_name="attached_to")
    confidential = models.BooleanField(_("vertrouwelijk"), default=False)
    allowed_organisations = models.ManyToManyField(
        Organisation, verbose_name=_("ook zichtbaar voor"), blank=True, related_name="+"
    )
    original_text = models.TextField(_("oorspronkelijke tekst"), blank=True)
    original_file = models.FileField(_("oorspronkelijk bestand"), upload_to="documents/%Y/", blank=True)
    supersedes = models.ForeignKey(
        "self", verbose_name=_("vervangt"), null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        ordering = ["-date", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def issuer(self):
        return self.issuer_municipality or self.issuer_organisation


class DocumentSection(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveIntegerField(_("volgorde"))
    type = models.CharField(_("soort sectie"), max_length=40)
    heading = models.CharField(_("kop"), max_length=300, blank=True)
    text = models.TextField(_("tekst"), blank=True)

    class Meta:
        verbose_name = _("sectie")
        verbose_name_plural = _("secties")
        ordering = ["document", "order"]
        constraints = [models.UniqueConstraint(fields=["document", "order"], name="section_order_unique")]

    def __str__(self) -> str:
        return self.heading or self.type


class Gate(Sourced):
    """A go/no-go moment at which every participating municipality decides separately."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="gates")
    ordinal = models.PositiveIntegerField(_("volgnummer"))
    title = models.CharField(_("titel"), max_length=300)
    description = models.TextField(_("toelichting"), blank=True)
    subject_documents = models.ManyToManyField(Document, verbose_name=_("voorliggende stukken"), blank=True, related_name="gates")
    kind = models.CharField(_("soort moment"), max_length=20, choices=c.GateKind.choices, default=c.GateKind.DECISION)
    bodies = models.JSONField(
        _("besluitende organen"), default=default_gate_bodies, blank=True,
        help_text=_("In volgorde, bijvoorbeeld eerst het college (voorstel) en dan de raad (besluit)."),
    )
    counting_body = models.CharField(
        _("orgaan waarvan het besluit telt"), max_length=40, choices=c.GoverningBodyKind.choices, blank=True,
        help_text=_("Leeg: het laatste orgaan in de lijst."),
    )
    body_arrangement = models.ForeignKey(
        JointArrangement, verbose_name=_("regeling van het besluitende bestuur"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="gates",
        help_text=_("Bij een algemeen of dagelijks bestuur: van welke regeling."),
    )
    body_organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisatie van het besluitende overleg"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="gates",
        help_text=_("Bij een portefeuillehoudersoverleg of ander bestuur: van welke organisatie."),
    )
    planned_date = models.DateField(_("gepland besluitmoment"), null=True, blank=True)
    planned_date_precision = precision_field("nauwkeurigheid geplande datum")
    deadline = models.DateField(_("uiterste datum"), null=True, blank=True)
    continuation_rule = models.CharField(
        _("doorgaan als"), max_length=40, choices=c.ContinuationRule.choices, default=c.ContinuationRule.ALL_MUST_AGREE
    )
    minimum_participants = models.PositiveIntegerField(
        _("minimaal aantal deelnemers"), default=2, help_text=_("Voor 'wie instemt gaat door'.")
    )

    class Meta:
        verbose_name = _("besluitmoment (go/no-go)")
        verbose_name_plural = _("besluitmomenten")
        ordering = ["trajectory", "ordinal"]
        constraints = [models.UniqueConstraint(fields=["trajectory", "ordinal"], name="gate_ordinal_unique")]

    def __str__(self) -> str:
        return f"{self.ordinal}. {self.title}"

    def clean(self):
        from django.core.exceptions import ValidationError

        bodies = self.bodies
        if not isinstance(bodies, list) or not bodies:
            raise ValidationError({"bodies": "Noem ten minste één orgaan dat besluit of wordt geïnformeerd."})
        unknown = [b for b in bodies if b not in c.GoverningBodyKind.values]
        if unknown:
            raise ValidationError({"bodies": f"Onbekend orgaan: {', '.join(map(str, unknown))}. Kies uit: {', '.join(c.GoverningBodyKind.values)}."})
        if len(set(bodies)) != len(bodies):
            raise ValidationError({"bodies": "Elk orgaan staat maar één keer in de lijst."})
        if self.counting_body and self.counting_body not in bodies:
            raise ValidationError({"counting_body": f"Het orgaan waarvan het besluit telt ({self.get_counting_body_display()}) staat niet in de lijst van organen."})
        others = [b for b in bodies if b not in c.MUNICIPAL_BODIES]
        if others and not (self.body_arrangement_id or self.body_organisation_id):
            labels = ", ".join(str(c.GoverningBodyKind(b).label) for b in others)
            raise ValidationError({"bodies": f"Geef aan van welke regeling of organisatie het {labels} is."})
        if self.kind == c.GateKind.INFORMATION and self.counting_body:
            raise ValidationError({"counting_body": "Bij een informatiemoment wordt niets besloten; er telt geen besluit."})

    @property
    def is_information(self) -> bool:
        return self.kind == c.GateKind.INFORMATION

    @property
    def counting_body_kind(self) -> str:
        """The body whose outcome counts for the continuation rule: the one named, else the last in the list."""
        if self.counting_body:
            return self.counting_body
        return self.bodies[-1] if self.bodies else c.GoverningBodyKind.COLLEGE

    @property
    def deciding_body_kind(self) -> str:
        """The former single deciding body: now the counting body (read only)."""
        return self.counting_body_kind

    @property
    def counting_body_label(self) -> str:
        kind = self.counting_body_kind
        return str(c.GoverningBodyKind(kind).label) if kind in c.GoverningBodyKind.values else kind

    def body_labels(self) -> list[str]:
        return [str(c.GoverningBodyKind(b).label) for b in self.bodies if b in c.GoverningBodyKind.values]

    @property
    def planned(self):
        from regiokompas.register.dates import FuzzyDate

        return FuzzyDate(self.planned_date, self.planned_date_precision)


class Assignment(Sourced):
    """A bestuursopdracht or onderzoeksopdracht, e.g. to Berenschot."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="assignments")
    gate = models.ForeignKey(Gate, null=True, blank=True, on_delete=models.SET_NULL, related_name="assignments")
    title = models.CharField(_("titel"), max_length=300)
    contractor = models.ForeignKey(Organisation, verbose_name=_("opdrachtnemer"), null=True, blank=True, on_delete=models.PROTECT, related_name="assignments")
    commissioners = models.ManyToManyField(Municipality, verbose_name=_("opdrachtgevers"), blank=True, related_name="assignments")
    scope = models.TextField(_("opdracht"), blank=True)
    deliverable = models.ForeignKey(Document, verbose_name=_("op te leveren / opgeleverd"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    budget = models.DecimalField(_("budget (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("bestuursopdracht")
        verbose_name_plural = _("bestuursopdrachten")

    def __str__(self) -> str:
        return self.title


class Decision(Sourced):
    """One governing body's decision at one gate. Never edited: a correction supersedes it."""

    gate = models.ForeignKey(Gate, on_delete=models.PROTECT, related_name="decisions")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="decisions")
    governing_body = models.ForeignKey(GoverningBody, on_delete=models.PROTECT, related_name="decisions")
    outcome = models.CharField(_("besluit"), max_length=30, choices=c.Outcome.choices)
    date = models.DateField(_("datum"), null=True, blank=True)
    date_precision = precision_field()
    motivation = models.TextField(_("motivering"), blank=True)
    withdraws = models.BooleanField(
        _("treedt uit het traject"), default=False, help_text=_("Alleen bij 'niet ingestemd': uittreden in plaats van pas op de plaats.")
    )
    document = models.ForeignKey(Document, verbose_name=_("besluitdocument"), null=True, blank=True, on_delete=models.PROTECT, related_name="decisions")
    zaaknummer = models.CharField(_("zaaknummer"), max_length=60, blank=True)
    supersedes = models.OneToOneField(
        "self", verbose_name=_("corrigeert"), null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    supersede_kind = models.CharField(_("soort vervanging"), max_length=20, choices=c.SupersedeKind.choices, blank=True)
    correction_reason = models.TextField(_("reden van vervanging"), blank=True)
    is_current = models.BooleanField(_("geldend"), default=True, editable=False)
    recorded_by = models.CharField(_("vastgelegd door"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        ordering = ["gate", "municipality__name", "-created"]
        constraints = [
            models.UniqueConstraint(
                fields=["gate", "municipality", "governing_body"],
                condition=Q(is_current=True),
                name="one_current_decision_per_body",
            ),
            models.CheckConstraint(
                condition=Q(withdraws=False) | Q(outcome=c.Outcome.REJECT), name="withdraw_only_on_reject"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.get_outcome_display()} ({self.gate})"


class Condition(Sourced):
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="conditions")
    text = models.TextField(_("voorwaarde"))
    category = models.CharField(_("soort"), max_length=20, choices=c.ConditionCategory.choices, default=c.ConditionCategory.ANALYSIS)
    status = models.CharField(_("status"), max_length=10, choices=c.ConditionStatus.choices, default=c.ConditionStatus.OPEN)
    fulfilled_by = models.ForeignKey(
        Document, verbose_name=_("vervuld door"), null=True, blank=True, on_delete=models.PROTECT, related_name="fulfilled_conditions"
    )
    status_note = models.TextField(_("toelichting status"), blank=True)
    status_date = models.DateField(_("datum status"), null=True, blank=True)
    carried_from = models.ForeignKey(
        "self", verbose_name=_("overgenomen van"), null=True, blank=True, on_delete=models.PROTECT, related_name="carried_to",
        help_text=_("De voorwaarde van het vervangen besluit, met haar status overgenomen."),
    )

    class Meta:
        verbose_name = _("voorwaarde")
        verbose_name_plural = _("voorwaarden")
        ordering = ["decision", "id"]

    def __str__(self) -> str:
        return self.text[:80]
