"""Extends the regio Alkmaar example with a cost model for the 2012 execution variants.

Sourced: the population figures (register, domain.md §4.2), the BUCH 2017 budget and its split
(uitgeester.nl), the budgeted deficit at the GR WNK (seed newsletter 2020) as a phenomenon.
Every amount, client number, current cost and the WNK deficit share key are illustrative and
labelled so. The horizon starts in 2022, when the participants of 2012 exist as Alkmaar, Bergen,
Castricum, Dijk en Waard and Heiloo.
"""

from __future__ import annotations

import datetime as dt
import decimal

from regiokompas.accounts.actors import EXAMPLE
from regiokompas.finance import services
from regiokompas.finance.models import (
    AllocationKey,
    Behaviour,
    Category,
    CostItem,
    CostSettings,
    CurrentCost,
    KeyMethod,
    SharedOrganisationScenario,
)
from regiokompas.options.models import Variant
from regiokompas.register.models import ExecutionOrganisation, Municipality, Trajectory

ACTOR = EXAMPLE
SLUG = "alkmaar-sociale-zaken-2012"
ILLUSTRATIVE = "illustratief: voorbeeldbedrag zonder bron"
SEED_NEWS = "seed:2020-nieuwsbrief-bergen-participatiewet.txt (digitale nieuwsbrief Bergen aan de raad, 2020, CONCEPT)"
BUCH_SOURCE = "uitgeester.nl/nieuws/politiek/22304/ambtelijke-fusie-buch-gemeenten-een-feit- (begroting 2017 en verdeling)"
POPULATION_SOURCE = "register: inwonertallen met peildatum en bron (CBS via Wikipedia)"

ALKMAAR, BERGEN, CASTRICUM, DIJK_EN_WAARD, HEILOO, UITGEEST = "GM0361", "GM0373", "GM0383", "GM1980", "GM0399", "GM0450"

CLIENTS = {ALKMAAR: 3300, BERGEN: 520, CASTRICUM: 560, DIJK_EN_WAARD: 2100, HEILOO: 380}
WNK_SHARES = {ALKMAAR: 45, BERGEN: 10, CASTRICUM: 12, DIJK_EN_WAARD: 26, HEILOO: 7}
BUCH_2017 = {BERGEN: "32.61", UITGEEST: "12.04", CASTRICUM: "34.19", HEILOO: "21.16"}
# euros per year: low, most likely, high; including each municipality's share in the WNK deficit
CURRENT = {
    ALKMAAR: (10.4e6, 11.1e6, 12.1e6), BERGEN: (1.9e6, 2.05e6, 2.3e6), CASTRICUM: (1.95e6, 2.1e6, 2.35e6),
    DIJK_EN_WAARD: (6.7e6, 7.2e6, 7.9e6), HEILOO: (1.35e6, 1.45e6, 1.65e6),
}

WNK_DEFICIT = dict(code="tekort-wnk", name="Begroot tekort GR WNK (bestaande verplichting)", category=Category.DEFICIT,
                   low=400_000, likely=600_000, high=1_000_000, first_year=2022, last_year=2024, binding=True,
                   argument="De nieuwsbrief van 2020 noemt een begroot tekort bij de GR WNK; het bedrag en de verdeling zijn illustratief.",
                   source=SEED_NEWS + "; bedrag illustratief")

ITEMS = {
    1: [
        dict(code="coordinatie", name="Coördinatie en gezamenlijke inkoop", low=250_000, likely=300_000, high=400_000),
        dict(code="uitvoering", name="Uitvoering per cliënt (eigen afdelingen)", behaviour=Behaviour.VARIABLE, driver="clienten-2022",
             per_unit=True, scale_exponent=1.0, low=3350, likely=3450, high=3600, key="clienten-2022"),
        dict(code="convenant", name="Convenant en inrichting", category=Category.TRANSITION, low=100_000, likely=150_000,
             high=250_000, first_year=2022, last_year=2022),
        WNK_DEFICIT,
    ],
    2: [
        dict(code="backoffice", name="Overhead gezamenlijke backoffice", low=900_000, likely=1_100_000, high=1_500_000),
        dict(code="uitvoering", name="Uitvoering per cliënt", behaviour=Behaviour.VARIABLE, driver="clienten-2022", per_unit=True,
             scale_exponent=0.95, low=3100, likely=3250, high=3500, key="clienten-2022"),
        dict(code="transitie", name="Overgang backoffice (ICT, personeel)", category=Category.TRANSITION, low=600_000,
             likely=900_000, high=1_400_000, first_year=2022, last_year=2023),
        WNK_DEFICIT,
    ],
    3: [
        dict(code="overhead", name="Overhead één uitvoeringsorganisatie", low=1_600_000, likely=2_000_000, high=2_800_000,
             argument="De memo van 29 mei 2012 noemt 'grote financiële gevolgen' van variant 3; de bedragen zijn illustratief."),
        dict(code="uitvoering", name="Uitvoering per cliënt (met schaalvoordeel)", behaviour=Behaviour.VARIABLE,
             driver="clienten-2022", per_unit=True, scale_exponent=0.9, low=2850, likely=3050, high=3400, key="vast-variabel"),
        dict(code="transitie", name="Frictie, huisvesting en ICT", category=Category.TRANSITION, low=1_200_000, likely=1_800_000,
             high=3_000_000, first_year=2022, last_year=2023),
        WNK_DEFICIT,
    ],
}


def _d(x) -> decimal.Decimal:
    return decimal.Decimal(str(x))


def extend() -> None:
    """Run by examples.loader after the options extension (same transaction). Idempotent."""
    trajectory = Trajectory.objects.filter(slug=SLUG).first()
    if trajectory is None or CostSettings.objects.filter(trajectory=trajectory).exists():
        return
    variants = {v.number: v for v in Variant.objects.filter(trajectory=trajectory)}
    if not variants:
        return  # the options example creates the variants; without them there is nothing to cost
    m = {x.cbs_code: x for x in Municipality.objects.filter(cbs_code__in=[*CLIENTS, UITGEEST])}
    settings = services.save_settings(ACTOR, CostSettings(
        trajectory=trajectory, start_year=2022, years=10, indexation=0.02, samples=10_000, seed=2012,
        note="Looptijd vanaf 2022: de deelnemers van 2012 bestaan dan als Alkmaar, Bergen, Castricum, Dijk en Waard en Heiloo.",
        source=ILLUSTRATIVE, illustrative=True))

    def key(code, name, method, values=None, **kw):
        return services.save_key(ACTOR, AllocationKey(trajectory=trajectory, code=code, name=name, method=method, **kw),
                                 {m[c]: v for c, v in (values or {}).items()})

    inhabitants = key("inwoners-2022", "Inwoners (peildatum 31-1-2022)", KeyMethod.PER_INHABITANT,
                      reference_date=dt.date(2022, 1, 31), unit="inwoners", source=POPULATION_SOURCE,
                      description="Per gemeente het laatst bekende inwonertal op of vóór de peildatum.")
    clients = key("clienten-2022", "Cliënten Participatiewet (1-1-2022)", KeyMethod.PER_CLIENT, CLIENTS,
                  reference_date=dt.date(2022, 1, 1), unit="cliënten", source=ILLUSTRATIVE, illustrative=True)
    equal = key("gelijk", "Gelijke delen", KeyMethod.EQUAL, source="verdeling in gelijke delen")
    key("vast-variabel", "30 % gelijke delen, 70 % naar cliënten", KeyMethod.FIXED_PLUS_VARIABLE, fixed_fraction=0.3,
        fixed_part=equal, variable_part=clients, source=ILLUSTRATIVE, illustrative=True)
    wnk = key("wnk-historisch", "Historisch aandeel tekort WNK", KeyMethod.HISTORICAL, WNK_SHARES, reference_date=dt.date(2019, 12, 31),
              source=ILLUSTRATIVE + " (de sleutel staat niet in het opgeslagen uittreksel van de WNK-jaarstukken)", illustrative=True)
    buch = key("buch-2017", "BUCH 2017 (vaste percentages)", KeyMethod.FIXED_PERCENTAGES, BUCH_2017, source=BUCH_SOURCE,
               reference_date=dt.date(2017, 1, 1),
               description="Begroting BUCH-werkorganisatie 2017: EUR 58,8 miljoen; Bergen 32,61 %, Uitgeest 12,04 %, "
                           "Castricum 34,19 %, rest Heiloo.")
    settings.structural_key, settings.transition_key, settings.deficit_key = inhabitants, equal, wnk
    services.save_settings(ACTOR, settings)

    keys = {k.code: k for k in AllocationKey.objects.filter(trajectory=trajectory)}
    for number, items in ITEMS.items():
        if number not in variants:
            continue
        for spec in items:
            spec = dict(spec)
            driver = keys.get(spec.pop("driver", ""))
            item_key = keys.get(spec.pop("key", ""))
            members = [m[c] for c in WNK_SHARES] if spec.get("binding") else None
            source = spec.pop("source", ILLUSTRATIVE)
            item = CostItem(variant=variants[number], driver=driver, allocation_key=item_key, source=source, illustrative=True,
                            **{k: (_d(v) if k in ("low", "likely", "high") else v) for k, v in spec.items()})
            services.save_item(ACTOR, item, members=members)
    for code, (low, likely, high) in CURRENT.items():
        services.save_current_cost(ACTOR, CurrentCost(
            trajectory=trajectory, municipality=m[code], low=_d(low), likely=_d(likely), high=_d(high),
            source=ILLUSTRATIVE + " (inclusief aandeel in het begrote tekort van de GR WNK)", illustrative=True))
    organisation = ExecutionOrganisation.objects.filter(name="BUCH werkorganisatie").first()
    if organisation is not None:
        services.save_shared_scenario(ACTOR, SharedOrganisationScenario(
            trajectory=trajectory, organisation=organisation, name="BUCH: Castricum en Heiloo dragen de uitvoering over",
            budget_year=2017, budget=_d(58_800_000), allocation_key=buch, task_budget=_d(5_500_000), stranded_fraction=0.35,
            note=("Scenario 2020: Castricum en Heiloo gaan door, Bergen en Uitgeest maken pas op de plaats. Begroting en "
                  "verdeling 2017 met bron; taakbudget en niet-afbouwbaar deel illustratief."),
            source=BUCH_SOURCE + "; " + SEED_NEWS + "; taakbudget illustratief", illustrative=True),
            [m[CASTRICUM], m[HEILOO]])
