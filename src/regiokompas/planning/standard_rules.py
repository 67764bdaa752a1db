"""Standard prerequisite rules, region empty; every source is a public one (law, official site). A region replaces one by
adding a rule with the same code, or adds its own. Used by migration 0002 and ``ensure``."""

# code, title, kind, consultation kinds, procedure kinds, required, explanation, source
RULES = [
    ("or-advies-voor-besluit", "Advies van de ondernemingsraad vóór het besluit", "consultation_before_decision",
     "or_advice_art25,or_consent_art27", "", False,
     "Het advies moet worden gevraagd als het nog wezenlijke invloed kan hebben; het besluit wacht op het advies of het einde van de termijn.",
     "WOR art. 25 lid 2 (ondernemingsraad.nl/wor/artikel-25/; roaldkleist.nl/wet-op-ondernemingsraden-artikel-25/)"),
    ("clientadvies-voor-besluit", "Advies van cliëntenraad of adviesraad vóór het besluit", "consultation_before_decision",
     "client_advice", "", False, "Een gevraagd cliëntadvies ligt er vóór het besluit, of de termijn is verstreken.",
     "Participatiewet art. 47 (cliëntenparticipatie); Wmo 2015 art. 2.1.3 lid 2 onder g"),
    ("raadsprocedure-voor-besluit", "Raadsprocedure afgerond vóór het besluit", "procedure_before_decision",
     "", "wensen_en_bedenkingen,zienswijze,toestemming", False,
     "Een college besluit pas nadat de raad wensen en bedenkingen kon uiten (Gemeentewet art. 169 lid 4) of toestemming gaf (Wgr art. 1).",
     "Gemeentewet art. 169 lid 4; Wgr art. 1"),
    ("afwijken-gemotiveerd", "Afwijken van advies alleen met schriftelijke motivering", "deviation_motivated", "", "", False,
     "Wijkt het college af van een negatief advies, dan motiveert het dat schriftelijk.", "WOR art. 25 lid 5"),
]


def ensure(model) -> int:
    """Create the standard rules that are missing (``model``: the PrerequisiteRule model). Returns how many."""
    made = 0
    for code, title, kind, ckinds, pkinds, required, explanation, source in RULES:
        _obj, created = model.objects.get_or_create(region=None, code=code, defaults={
            "title": title, "kind": kind, "consultation_kinds": ckinds, "procedure_kinds": pkinds, "required": required,
            "explanation": explanation, "source": source,
        })
        made += created
    return made
