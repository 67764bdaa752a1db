"""Enumerations of the register. Values are stable identifiers (English or Dutch legal terms);
labels are the Dutch words users read."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LegalForm(models.TextChoices):
    """The legal form of a cooperation: the five Wgr forms and the private-law and contract forms
    municipalities also use. Values are the API's ``rechtsvorm`` codes."""

    OPENBAAR_LICHAAM = "openbaar_lichaam", _("openbaar lichaam (Wgr)")
    BEDRIJFSVOERINGSORGANISATIE = "bedrijfsvoeringsorganisatie", _("bedrijfsvoeringsorganisatie (Wgr)")
    GEMEENSCHAPPELIJK_ORGAAN = "gemeenschappelijk_orgaan", _("gemeenschappelijk orgaan (Wgr)")
    CENTRUMGEMEENTEREGELING = "centrumgemeenteregeling", _("centrumgemeenteregeling (Wgr)")
    REGELING_ZONDER_MEER = "regeling_zonder_meer", _("regeling zonder meer (Wgr)")
    STICHTING = "stichting", _("stichting")
    VERENIGING = "vereniging", _("vereniging")
    NV = "nv", _("naamloze vennootschap (NV)")
    BV = "bv", _("besloten vennootschap (BV)")
    CONVENANT = "convenant", _("convenant (overeenkomst)")


# The former name of LegalForm, for code written before the non-Wgr forms.
WgrForm = LegalForm

WGR_FORMS = {
    LegalForm.OPENBAAR_LICHAAM, LegalForm.BEDRIJFSVOERINGSORGANISATIE, LegalForm.GEMEENSCHAPPELIJK_ORGAAN,
    LegalForm.CENTRUMGEMEENTEREGELING, LegalForm.REGELING_ZONDER_MEER,
}

# Forms that create a body with legal personality (Wgr art. 8 en 8a, Wet gemeenschappelijke regelingen, wetten.overheid.nl/BWBR0003740; Burgerlijk Wetboek boek 2).
LEGAL_PERSONALITY = {
    LegalForm.OPENBAAR_LICHAAM, LegalForm.BEDRIJFSVOERINGSORGANISATIE,
    LegalForm.STICHTING, LegalForm.VERENIGING, LegalForm.NV, LegalForm.BV,
}


class SuccessionKind(models.TextChoices):
    """How one arrangement follows another."""

    AMENDED = "amended", _("gewijzigde regeling (zelfde rechtspersoon)")
    RENAMED = "renamed", _("nieuwe naam (zelfde rechtspersoon)")
    MERGER = "merger", _("fusie van regelingen")


# One predecessor only: the same legal body continues under a new regeling or name.
SAME_BODY_SUCCESSION = {SuccessionKind.AMENDED, SuccessionKind.RENAMED}


class AppointmentOrgan(models.TextChoices):
    ALGEMEEN_BESTUUR = "algemeen_bestuur", _("algemeen bestuur")
    DAGELIJKS_BESTUUR = "dagelijks_bestuur", _("dagelijks bestuur")


class AppointmentCapacity(models.TextChoices):
    MEMBER = "member", _("lid")
    DEPUTY = "deputy", _("plaatsvervangend lid")


class ArrangementType(models.TextChoices):
    COLLEGEREGELING = "collegeregeling", _("collegeregeling")
    RAADSREGELING = "raadsregeling", _("raadsregeling")
    GEMENGD = "gemengd", _("gemengde regeling")


class OrganisationKind(models.TextChoices):
    PROJECT = "project_organisation", _("projectorganisatie")
    EXECUTION = "execution_organisation", _("uitvoeringsorganisatie")
    REGIONAL_BODY = "regional_body", _("regionaal overleg")
    CONTRACTOR = "contractor", _("opdrachtnemer / adviesbureau")
    WORKS_COUNCIL = "works_council", _("ondernemingsraad")
    OTHER = "other", _("overig")


class GoverningBodyKind(models.TextChoices):
    RAAD = "raad", _("gemeenteraad")
    COLLEGE = "college", _("college van B&W")
    BURGEMEESTER = "burgemeester", _("burgemeester")
    ALGEMEEN_BESTUUR = "algemeen_bestuur", _("algemeen bestuur")
    DAGELIJKS_BESTUUR = "dagelijks_bestuur", _("dagelijks bestuur")
    BESTUUR = "bestuur", _("bestuur")
    PORTEFEUILLEHOUDERSOVERLEG = "portefeuillehoudersoverleg", _("portefeuillehoudersoverleg")


# Bodies every municipality has by law (Gemeentewet art. 6); the others belong to an arrangement or
# an organisation named at the gate.
MUNICIPAL_BODIES = {GoverningBodyKind.RAAD, GoverningBodyKind.COLLEGE, GoverningBodyKind.BURGEMEESTER}


class GateKind(models.TextChoices):
    """A decision moment, or an information moment (forum, informatieavond) where nothing is decided.
    Values are the API's ``soort`` codes."""

    DECISION = "besluit", _("besluitmoment")
    INFORMATION = "informatie", _("informatiemoment (er wordt niets besloten)")


class RoleKind(models.TextChoices):
    PORTEFEUILLEHOUDER = "portefeuillehouder", _("portefeuillehouder")
    CONTACT = "contact", _("contactpersoon (inlichtingen bij)")
    PROJECTLEIDER = "projectleider", _("projectleider")
    GRIFFIER = "griffier", _("griffier")
    SECRETARIS = "gemeentesecretaris", _("gemeentesecretaris")
    AB_LID = "ab_lid", _("lid algemeen bestuur")
    OTHER = "other", _("overig")


class LawStatus(models.TextChoices):
    BILL = "bill", _("wetsvoorstel")
    CONTROVERSIAL = "controversial", _("controversieel verklaard")
    WITHDRAWN = "withdrawn", _("ingetrokken / gaat niet door")
    IN_FORCE = "in_force", _("in werking")


class TrajectoryStatus(models.TextChoices):
    EXPLORING = "exploring", _("verkennen")
    PREPARING = "preparing", _("voorbereiden")
    IMPLEMENTING = "implementing", _("implementeren")
    OPERATING = "operating", _("in uitvoering")
    STOPPED = "stopped", _("gestopt")


class ContinuationRule(models.TextChoices):
    ALL_MUST_AGREE = "all_must_agree", _("alle gemeenten moeten instemmen")
    MAJORITY = "majority", _("meerderheid van de gemeenten")
    COALITION_OF_THE_WILLING = "coalition_of_the_willing", _("wie instemt gaat door (coalition of the willing)")


CONTINUATION_RULE_API = {
    ContinuationRule.ALL_MUST_AGREE: "unaniem",
    ContinuationRule.MAJORITY: "meerderheid",
    ContinuationRule.COALITION_OF_THE_WILLING: "wie_instemt_gaat_door",
}


class Outcome(models.TextChoices):
    AGREE = "agree", _("ingestemd")
    AGREE_WITH_CONDITIONS = "agree_with_conditions", _("ingestemd onder voorwaarden")
    HOLD = "hold", _("aangehouden")
    REJECT = "reject", _("niet ingestemd")
    NOT_YET_DECIDED = "not_yet_decided", _("nog niet besloten")
    PROPOSED = "proposed", _("voorgesteld aan de raad")
    NOTED = "noted", _("kennisgenomen")


AGREEING = {Outcome.AGREE, Outcome.AGREE_WITH_CONDITIONS}
# Outcomes that decide nothing (yet): the body's position at the gate is still open.
UNDECIDED = {Outcome.NOT_YET_DECIDED, Outcome.PROPOSED, Outcome.NOTED}

# The public API's codes (snake_case Dutch, issue 12 §3) for enumerations whose stored values are
# English. New enumerations store the API code itself (GateKind, LegalForm, GoverningBodyKind).
OUTCOME_API = {
    Outcome.AGREE: "ingestemd",
    Outcome.AGREE_WITH_CONDITIONS: "ingestemd_onder_voorwaarden",
    Outcome.HOLD: "aangehouden",
    Outcome.REJECT: "niet_ingestemd",
    Outcome.NOT_YET_DECIDED: "nog_niet_besloten",
    Outcome.PROPOSED: "voorgesteld",
    Outcome.NOTED: "kennisgenomen",
}


class DatePrecision(models.TextChoices):
    DAY = "day", _("dag")
    MONTH = "month", _("maand")
    YEAR = "year", _("jaar")
    UNKNOWN = "unknown", _("onbekend")


class ConditionStatus(models.TextChoices):
    OPEN = "open", _("open")
    MET = "met", _("vervuld")
    DROPPED = "dropped", _("vervallen")


class ConditionCategory(models.TextChoices):
    ANALYSIS = "analysis", _("analyse / onderbouwing")
    PROCESS = "process", _("proces")
    FINANCIAL = "financial", _("financieel")
    STAFF = "staff", _("personeel")
    CLIENT = "client", _("cliënten")


class DocumentKind(models.TextChoices):
    HOOFDLIJNENNOTITIE = "hoofdlijnennotitie", _("hoofdlijnennotitie")
    MEMO = "memo", _("memo van college aan de raad")
    RAADSINFORMATIEBRIEF = "raadsinformatiebrief", _("raadsinformatiebrief")
    DIGITALE_NIEUWSBRIEF = "digitale_nieuwsbrief", _("digitale nieuwsbrief aan de raad")
    RAADSVOORSTEL = "raadsvoorstel", _("raadsvoorstel")
    RAADSBESLUIT = "raadsbesluit", _("raadsbesluit")
    COLLEGEBESLUIT = "collegebesluit", _("collegebesluit")
    BESTUURSOPDRACHT = "bestuursopdracht", _("bestuursopdracht")
    ONDERZOEKSVOORSTEL = "onderzoeksvoorstel", _("onderzoeksvoorstel")
    RAPPORT = "rapport", _("rapport")
    ADVIESAANVRAAG = "adviesaanvraag", _("adviesaanvraag")
    ADVIES = "advies", _("advies")
    ZIENSWIJZE = "zienswijze", _("zienswijze")
    BRIEF = "brief", _("brief")
    OTHER = "other", _("overig")


class DocumentStatus(models.TextChoices):
    CONCEPT = "concept", _("concept")
    DEFINITIEF = "definitief", _("definitief")


class ParticipationStatus(models.TextChoices):
    NOT_INVOLVED = "not_involved", _("(nog) niet betrokken")
    ACTIVE = "active", _("neemt deel")
    PAUSED = "paused", _("pas op de plaats")
    WITHDRAWN = "withdrawn", _("uitgetreden")
    JOINED_LATER = "joined_later", _("later aangesloten")
    MERGED = "merged", _("opgegaan in fusiegemeente")


class GateStatus(models.TextChoices):
    OPEN = "open", _("besluitvorming loopt")
    PASSED = "passed", _("gepasseerd")
    PASSED_PARTIALLY = "passed_partially", _("gepasseerd door een deel van de gemeenten")
    HELD = "held", _("aangehouden")
    STOPPED = "stopped", _("gestopt")
    INFORMATION = "information", _("informatiemoment: er wordt niets besloten")


class SupersedeKind(models.TextChoices):
    CORRECTION = "correction", _("correctie van een onjuist vastgelegd besluit")
    NEW_DECISION = "new_decision", _("nieuw besluit over hetzelfde besluitmoment")
