"""The API's enum values (Dutch, snake_case, as in the VNG ZGW APIs) and the register's internal
values they stand for: one table per enum, {API value: internal value}. The API contract is the
left-hand side; it does not change when an internal value is renamed. tests/api/test_enums.py checks
that every table covers every internal value."""

from __future__ import annotations

from regiokompas.accounts.models import UserRole
from regiokompas.register import constants as c

TRAJECTORY_STATUS = {
    "verkennen": c.TrajectoryStatus.EXPLORING,
    "voorbereiden": c.TrajectoryStatus.PREPARING,
    "implementeren": c.TrajectoryStatus.IMPLEMENTING,
    "in_uitvoering": c.TrajectoryStatus.OPERATING,
    "gestopt": c.TrajectoryStatus.STOPPED,
}

GATE_KIND = {
    "besluit": c.GateKind.DECISION,
    "informatie": c.GateKind.INFORMATION,
}

CONTINUATION_RULE = {
    "unaniem": c.ContinuationRule.ALL_MUST_AGREE,
    "meerderheid": c.ContinuationRule.MAJORITY,
    "wie_instemt_gaat_door": c.ContinuationRule.COALITION_OF_THE_WILLING,
}

ORGAN = {
    "college": c.GoverningBodyKind.COLLEGE,
    "raad": c.GoverningBodyKind.RAAD,
    "burgemeester": c.GoverningBodyKind.BURGEMEESTER,
    "algemeen_bestuur": c.GoverningBodyKind.ALGEMEEN_BESTUUR,
    "dagelijks_bestuur": c.GoverningBodyKind.DAGELIJKS_BESTUUR,
    "bestuur": c.GoverningBodyKind.BESTUUR,
    "portefeuillehoudersoverleg": c.GoverningBodyKind.PORTEFEUILLEHOUDERSOVERLEG,
}

OUTCOME = {
    "ingestemd": c.Outcome.AGREE,
    "ingestemd_onder_voorwaarden": c.Outcome.AGREE_WITH_CONDITIONS,
    "aangehouden": c.Outcome.HOLD,
    "niet_ingestemd": c.Outcome.REJECT,
    "nog_niet_besloten": c.Outcome.NOT_YET_DECIDED,
    "voorgesteld": c.Outcome.PROPOSED,
    "kennisgenomen": c.Outcome.NOTED,
}

CONDITION_STATUS = {
    "open": c.ConditionStatus.OPEN,
    "vervuld": c.ConditionStatus.MET,
    "vervallen": c.ConditionStatus.DROPPED,
}

CONDITION_CATEGORY = {
    "analyse": c.ConditionCategory.ANALYSIS,
    "proces": c.ConditionCategory.PROCESS,
    "financieel": c.ConditionCategory.FINANCIAL,
    "personeel": c.ConditionCategory.STAFF,
    "clienten": c.ConditionCategory.CLIENT,
}

SUPERSEDE_KIND = {
    "correctie": c.SupersedeKind.CORRECTION,
    "nieuw_besluit": c.SupersedeKind.NEW_DECISION,
}

GATE_STATUS = {
    "open": c.GateStatus.OPEN,
    "gepasseerd": c.GateStatus.PASSED,
    "deels_gepasseerd": c.GateStatus.PASSED_PARTIALLY,
    "aangehouden": c.GateStatus.HELD,
    "gestopt": c.GateStatus.STOPPED,
    "informatiemoment": c.GateStatus.INFORMATION,
}

PARTICIPATION_STATUS = {
    "niet_betrokken": c.ParticipationStatus.NOT_INVOLVED,
    "neemt_deel": c.ParticipationStatus.ACTIVE,
    "pas_op_de_plaats": c.ParticipationStatus.PAUSED,
    "uitgetreden": c.ParticipationStatus.WITHDRAWN,
    "later_aangesloten": c.ParticipationStatus.JOINED_LATER,
    "opgegaan": c.ParticipationStatus.MERGED,
}

LEGAL_FORM = {
    "openbaar_lichaam": c.LegalForm.OPENBAAR_LICHAAM,
    "bedrijfsvoeringsorganisatie": c.LegalForm.BEDRIJFSVOERINGSORGANISATIE,
    "gemeenschappelijk_orgaan": c.LegalForm.GEMEENSCHAPPELIJK_ORGAAN,
    "centrumgemeenteregeling": c.LegalForm.CENTRUMGEMEENTEREGELING,
    "regeling_zonder_meer": c.LegalForm.REGELING_ZONDER_MEER,
    "stichting": c.LegalForm.STICHTING,
    "vereniging": c.LegalForm.VERENIGING,
    "nv": c.LegalForm.NV,
    "bv": c.LegalForm.BV,
    "convenant": c.LegalForm.CONVENANT,
}

SUCCESSION_KIND = {
    "gewijzigd": c.SuccessionKind.AMENDED,
    "hernoemd": c.SuccessionKind.RENAMED,
    "fusie": c.SuccessionKind.MERGER,
}

ROLE = {
    "beleidsmedewerker": UserRole.BELEIDSMEDEWERKER,
    "projectleider": UserRole.PROJECTLEIDER,
    "griffier": UserRole.GRIFFIER,
    "raadslid": UserRole.RAADSLID,
    "or_lid": UserRole.OR_LID,
    "beheerder": UserRole.BEHEERDER,
}

ARRANGEMENT_TYPE = {
    "collegeregeling": c.ArrangementType.COLLEGEREGELING,
    "raadsregeling": c.ArrangementType.RAADSREGELING,
    "gemengde_regeling": c.ArrangementType.GEMENGD,
}

DOCUMENT_KIND = {
    "hoofdlijnennotitie": c.DocumentKind.HOOFDLIJNENNOTITIE,
    "memo": c.DocumentKind.MEMO,
    "raadsinformatiebrief": c.DocumentKind.RAADSINFORMATIEBRIEF,
    "digitale_nieuwsbrief": c.DocumentKind.DIGITALE_NIEUWSBRIEF,
    "raadsvoorstel": c.DocumentKind.RAADSVOORSTEL,
    "raadsbesluit": c.DocumentKind.RAADSBESLUIT,
    "collegebesluit": c.DocumentKind.COLLEGEBESLUIT,
    "bestuursopdracht": c.DocumentKind.BESTUURSOPDRACHT,
    "onderzoeksvoorstel": c.DocumentKind.ONDERZOEKSVOORSTEL,
    "rapport": c.DocumentKind.RAPPORT,
    "adviesaanvraag": c.DocumentKind.ADVIESAANVRAAG,
    "advies": c.DocumentKind.ADVIES,
    "zienswijze": c.DocumentKind.ZIENSWIJZE,
    "brief": c.DocumentKind.BRIEF,
    "overig": c.DocumentKind.OTHER,
}

DOCUMENT_STATUS = {
    "concept": c.DocumentStatus.CONCEPT,
    "definitief": c.DocumentStatus.DEFINITIEF,
}

# Every table with the register's enumeration it covers (checked by the tests).
TABLES = {
    "TrajectStatus": (TRAJECTORY_STATUS, c.TrajectoryStatus),
    "BesluitmomentSoort": (GATE_KIND, c.GateKind),
    "Voortgangsregel": (CONTINUATION_RULE, c.ContinuationRule),
    "Orgaan": (ORGAN, c.GoverningBodyKind),
    "Uitkomst": (OUTCOME, c.Outcome),
    "VoorwaardeStatus": (CONDITION_STATUS, c.ConditionStatus),
    "VoorwaardeSoort": (CONDITION_CATEGORY, c.ConditionCategory),
    "SoortVervanging": (SUPERSEDE_KIND, c.SupersedeKind),
    "BesluitmomentStatus": (GATE_STATUS, c.GateStatus),
    "Deelname": (PARTICIPATION_STATUS, c.ParticipationStatus),
    "Rechtsvorm": (LEGAL_FORM, c.LegalForm),
    "SoortOpvolging": (SUCCESSION_KIND, c.SuccessionKind),
    "Rol": (ROLE, UserRole),
    "SoortRegeling": (ARRANGEMENT_TYPE, c.ArrangementType),
    "DocumentSoort": (DOCUMENT_KIND, c.DocumentKind),
    "DocumentStatus": (DOCUMENT_STATUS, c.DocumentStatus),
}
