"""Dutch labels for the codes that reach a page (audit actions, object kinds), in one place.

Pages never show a raw code such as ``decision.correction``: :func:`action_label` turns an audit
action ``<object>.<verb>`` into words ("besluit gecorrigeerd"). An unknown code still reads as
Dutch ("wijziging van een gegeven"), so a new action never shows its code."""

from __future__ import annotations

# object part of an audit action (model names and the few hand-written ones)
OBJECTS = {
    "allocationkey": "verdeelsleutel", "allocationkeyvalue": "waarde van een verdeelsleutel",
    "analysis": "analyse", "api": "API", "appointment": "benoeming",
    "arrangementparticipation": "deelname aan een regeling", "arrangementsuccession": "opvolging van een regeling",
    "assignment": "toewijzing", "commonmeasure": "gemeenschappelijke maatregel", "condition": "voorwaarde",
    "consultation": "medezeggenschapstraject", "consultationbody": "medezeggenschapsorgaan",
    "costitem": "kostenpost", "costsettings": "uitgangspunten kosten", "councilprocedure": "raadsprocedure",
    "criteriaset": "criteriaset", "criterion": "criterium", "currentcost": "huidige kosten",
    "decision": "besluit", "dependency": "afhankelijkheid", "document": "document",
    "document_import": "ingelezen raadsstuk", "documentsection": "sectie van een document",
    "dossier": "dossier", "executionorganisation": "uitvoeringsorganisatie", "gate": "besluitmoment",
    "governingbody": "bestuursorgaan", "information_event": "informatiemoment", "informationevent": "informatiemoment",
    "jointarrangement": "gemeenschappelijke regeling", "law": "wet", "milestone": "mijlpaal",
    "municipality": "gemeente", "organisation": "organisatie", "participant": "deelnemende gemeente",
    "person": "persoon", "plan": "planning", "planversion": "planversie", "populationfigure": "inwonertal",
    "preferences": "voorkeuren", "preferenceset": "voorkeuren", "preferencestatement": "voorkeursuitspraak",
    "prerequisiterule": "voortgangsregel", "profile": "gebruikersprofiel", "publication": "raadsinformatie",
    "region": "regio", "regionmembership": "regiolidmaatschap", "role": "rol", "score": "score",
    "sharedorganisationscenario": "scenario gedeelde organisatie", "trajectory": "traject",
    "trajectorylaw": "wet bij een traject", "trajectoryparticipant": "deelnemende gemeente",
    "user": "gebruiker", "variant": "variant", "variantcomponent": "onderdeel van een variant",
}

# verb part: past participles, so "besluit" + "gecorrigeerd"
VERBS = {
    "create": "aangemaakt", "update": "gewijzigd", "delete": "verwijderd", "import": "ingelezen",
    "load": "geladen", "merge": "samengevoegd", "record": "vastgelegd", "write": "vastgelegd",
    "correction": "gecorrigeerd", "new_decision": "vervangen door een nieuw besluit",
    "status": "status gewijzigd", "membership": "trajecten gewijzigd", "deactivate": "gedeactiveerd",
    "password_link": "wachtwoordlink gemaakt", "new_version": "nieuwe versie gemaakt",
    "run": "uitgevoerd", "compute": "berekend", "store": "opgeslagen", "reproduce": "opnieuw berekend",
    "upload": "geüpload", "confirm": "bevestigd", "correct": "verbeterd", "cancel": "geannuleerd",
    "opgesteld": "als concept opgesteld", "bewerkt": "concept bewerkt", "ter_akkoord": "ter akkoord aangeboden",
    "akkoord": "akkoord gegeven", "teruggestuurd": "teruggestuurd met opmerking",
    "definitief": "definitief gemaakt", "verzonden": "verzonden aan de raad",
}

# whole codes whose words do not follow from their parts
ACTIONS = {
    "api.token.create": "API-token aangemaakt",
    "login.unlock": "inlogblokkade opgeheven",
}

UNKNOWN = "wijziging van een gegeven"


def action_label(code: str | None) -> str:
    """``decision.correction`` → "besluit gecorrigeerd"; never the code itself."""
    code = (code or "").strip()
    if code in ACTIONS:
        return ACTIONS[code]
    obj, _, verb = code.partition(".")
    noun = OBJECTS.get(obj)
    if noun and verb in VERBS:
        return f"{noun} {VERBS[verb]}"
    if noun:
        return f"{noun} gewijzigd"
    return UNKNOWN
