"""Every change to the finance data goes through a function here: permission, validation, one
transaction, write, audit row. Views, admin, the example loader and importers call these."""

from __future__ import annotations

import decimal
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.db import models, transaction

from regiokompas import formatting
from regiokompas.accounts import permissions as perm
from regiokompas.accounts.actors import Actor
from regiokompas.audit import log as audit
from regiokompas.finance.errors import FinanceError, PermissionDenied, RegisterError
from regiokompas.finance.models import (
    AllocationKey,
    AllocationKeyValue,
    Behaviour,
    CostItem,
    CostSettings,
    CurrentCost,
    KeyMethod,
    SharedOrganisationScenario,
)
from regiokompas.register import services as register_services
from regiokompas.register.models import Municipality, Trajectory
from regiokompas.register.services import M

if TYPE_CHECKING:
    from regiokompas.options.interface import Criterion

STORES_VALUES = {KeyMethod.PER_CLIENT, KeyMethod.PER_USAGE, KeyMethod.HISTORICAL, KeyMethod.BUDGET, KeyMethod.FIXED_PERCENTAGES}
# keys that carry data (inhabitants, volumes, shares, percentages) name the date their data refer to
NEEDS_REFERENCE_DATE = STORES_VALUES | {KeyMethod.PER_INHABITANT}
DENIED = "Alleen de projectorganisatie of functioneel beheer wijzigt het kostenmodel."


def _require(actor: Actor, trajectory: Trajectory) -> None:
    if not perm.can_manage_options(actor, trajectory):
        raise PermissionDenied(DENIED)


def _clean(obj: models.Model, exclude: Sequence[str] = ()) -> None:
    register_services.validate(obj, exclude, error=FinanceError)


def _save(obj: models.Model) -> None:
    register_services.write(obj, error=FinanceError, clash="code of gemeente komt al voor")


def _save_audited(actor: Actor, obj: M, slug: str, reason: str, then: Callable[[M], None] | None = None) -> M:
    return register_services.save_audited(actor, obj, trajectory_slug=slug, reason=reason, error=FinanceError,
                                          clash="code of gemeente komt al voor", then=then)


def _before(obj: models.Model) -> dict | None:
    return audit.snapshot(type(obj)._default_manager.filter(pk=obj.pk).first()) if obj.pk else None


def _check_range(low: Any, likely: Any, high: Any, what: str) -> None:
    for value, label in ((low, "laag"), (likely, "meest waarschijnlijk"), (high, "hoog")):
        if value is None:
            raise FinanceError(f"{what}: vul '{label}' in.")
        if decimal.Decimal(value) < 0:
            raise FinanceError(f"{what}: '{label}' kan niet negatief zijn.")
    if not decimal.Decimal(low) <= decimal.Decimal(likely) <= decimal.Decimal(high):
        raise FinanceError(f"{what}: laag ({formatting.number(low, 2, trim=True)}) ≤ meest waarschijnlijk ({formatting.number(likely, 2, trim=True)}) ≤ hoog "
                           f"({formatting.number(high, 2, trim=True)}) is niet voldaan.")


# --- settings ----------------------------------------------------------------------------------------


@transaction.atomic
def save_settings(actor: Actor, settings: CostSettings, *, reason: str = "") -> CostSettings:
    _require(actor, settings.trajectory)
    if not 1900 <= (settings.start_year or 0) <= 2200:
        raise FinanceError("Het eerste jaar is een jaartal, bijvoorbeeld 2022.")
    if not 1 <= (settings.years or 0) <= 50:
        raise FinanceError("De looptijd is 1 tot en met 50 jaar.")
    if not -0.5 < settings.indexation < 1:
        raise FinanceError("Indexatie is een fractie per jaar, bijvoorbeeld 0,02 voor 2 %.")
    if not 1 <= settings.samples <= 1_000_000:
        raise FinanceError("Het aantal trekkingen is 1 tot en met 1.000.000.")
    for key in (settings.structural_key, settings.transition_key, settings.deficit_key):
        if key is not None and key.trajectory_id != settings.trajectory_id:
            raise FinanceError(f"Verdeelsleutel '{key}' hoort bij een ander traject.")
    return _save_audited(actor, settings, settings.trajectory.slug, reason)


# --- allocation keys ---------------------------------------------------------------------------------


def _population_gaps(key: AllocationKey) -> list[str]:
    from regiokompas.finance.build import municipalities, population_on, settings_of

    settings = settings_of(key.trajectory)
    if settings is None:
        return []
    return [m.name for m in municipalities(key.trajectory, settings) if key.reference_date is None or population_on(m, key.reference_date) is None]


def _key_values(label: str, values: Mapping[Municipality, object] | None) -> dict[Municipality, decimal.Decimal]:
    """The key's values per municipality as decimals (a comma as decimal separator is fine)."""
    parsed: dict[Municipality, decimal.Decimal] = {}
    for municipality, raw in (values or {}).items():
        try:
            value = decimal.Decimal(str(raw).replace(",", "."))
        except (decimal.InvalidOperation, ValueError):
            raise FinanceError(f"{label}: '{raw}' voor {municipality} is geen getal.") from None
        if not value.is_finite():
            raise FinanceError(f"{label}: '{raw}' voor {municipality} is geen getal.")
        if value < 0:
            raise FinanceError(f"{label}: de waarde voor {municipality} is negatief ({formatting.number(value, 2, trim=True)}); "
                               "volumes, aandelen en percentages kunnen niet negatief zijn.")
        parsed[municipality] = value
    return parsed


def _check_key_method(key: AllocationKey, label: str, parsed: dict[Municipality, decimal.Decimal]) -> None:
    """What the key's method asks of its values, parts and reference date."""
    if key.method in STORES_VALUES and not parsed:
        raise FinanceError(f"{label}: geef per gemeente een waarde op.")
    if key.method == KeyMethod.FIXED_PERCENTAGES:
        total = sum(parsed.values(), decimal.Decimal(0))
        if abs(total - 100) > decimal.Decimal("0.01"):
            raise FinanceError(f"{label}: de percentages tellen op tot {formatting.number(total, 2, trim=True)} % in plaats van 100 %.")
    if key.method == KeyMethod.FIXED_PLUS_VARIABLE:
        if key.fixed_fraction is None or not 0 <= key.fixed_fraction <= 1:
            raise FinanceError(f"{label}: het vaste deel is een fractie tussen 0 en 1.")
        for part in (key.fixed_part, key.variable_part):
            if part is None:
                raise FinanceError(f"{label}: kies een sleutel voor het vaste en voor het variabele deel.")
            if part.trajectory_id != key.trajectory_id or part.method == KeyMethod.FIXED_PLUS_VARIABLE or part.pk == key.pk:
                raise FinanceError(f"{label}: deelsleutel '{part}' moet een enkelvoudige sleutel van hetzelfde traject zijn.")
    if key.method == KeyMethod.PER_INHABITANT:
        gaps = _population_gaps(key)
        if gaps:
            raise FinanceError(f"{label}: geen inwonertal voor {', '.join(gaps)} op peildatum {key.reference_date:%d-%m-%Y} "
                               "(of in de twee jaar daarvoor). Leg het inwonertal met bron vast in het register.")


@transaction.atomic
def save_key(actor: Actor, key: AllocationKey, values: Mapping[Municipality, object] | None = None, *, reason: str = "") -> AllocationKey:
    """Save a key and (for methods that store them) its values per municipality, replacing earlier values."""
    _require(actor, key.trajectory)
    label = f"Verdeelsleutel '{key.name or key.code}'"
    if not (key.name or "").strip() or not (key.code or "").strip():
        raise FinanceError("Geef de verdeelsleutel een code en een naam.")
    if key.method not in KeyMethod.values:
        raise FinanceError(f"{label}: kies een methode.")
    if not (key.source or "").strip():
        raise FinanceError(f"{label}: vermeld de bron van de sleutel (besluit, regeling, begroting of telling).")
    if key.method in NEEDS_REFERENCE_DATE and not key.reference_date:
        raise FinanceError(f"{label}: een sleutel {key.get_method_display()} heeft een peildatum nodig.")
    parsed = _key_values(label, values)
    _check_key_method(key, label, parsed)
    before = _before(key)
    if before is not None:
        before["values"] = {v.municipality.cbs_code: str(v.value) for v in key.values.select_related("municipality")}
    _clean(key)
    _save(key)
    if key.method in STORES_VALUES:
        key.values.all().delete()
        AllocationKeyValue.objects.bulk_create(
            [AllocationKeyValue(allocation_key=key, municipality=m, value=v) for m, v in parsed.items()])
    elif values is not None:
        key.values.all().delete()
    after = audit.snapshot(key) or {}
    after["values"] = {m.cbs_code: str(v) for m, v in parsed.items()}
    audit.record(actor, f"allocationkey.{'update' if before else 'create'}", key, before=before, after=after,
                 trajectory_slug=key.trajectory.slug, reason=reason)
    return key


# --- cost items --------------------------------------------------------------------------------------


def _check_item_years(item: CostItem, trajectory: Trajectory, what: str) -> None:
    settings = CostSettings.objects.filter(trajectory=trajectory).first()
    if settings:
        end = settings.start_year + settings.years - 1
        for year in (item.first_year, item.last_year):
            if year and not settings.start_year <= year <= end:
                raise FinanceError(f"{what}: {year} valt buiten de looptijd {settings.start_year}–{end}.")


def _check_members(members: list[Municipality], trajectory: Trajectory, what: str) -> None:
    allowed = set(trajectory.participants.values_list("municipality_id", flat=True))
    outside = [m.name for m in members if m.pk not in allowed and not m.predecessors.filter(pk__in=allowed).exists()]
    if outside:
        raise FinanceError(f"{what}: {', '.join(outside)} neemt niet deel aan dit traject.")


@transaction.atomic
def save_item(actor: Actor, item: CostItem, *, members: Iterable[Municipality] | None = None, reason: str = "") -> CostItem:
    trajectory = item.variant.trajectory
    _require(actor, trajectory)
    what = f"Kostenpost '{item.name or item.code}'"
    if not (item.name or "").strip():
        raise FinanceError("Geef de kostenpost een naam.")
    _check_range(item.low, item.likely, item.high, what)
    if item.behaviour == Behaviour.VARIABLE and item.driver is None:
        raise FinanceError(f"{what}: een variabele post heeft een kostendrager nodig (cliënten, inwoners, gebruik).")
    if item.behaviour == Behaviour.FIXED:
        item.driver = None
        item.per_unit = False
    if not 0 <= item.scale_exponent <= 1:
        raise FinanceError(f"{what}: de schaalexponent ligt tussen 0 (vast) en 1 (evenredig).")
    for key in (item.driver, item.allocation_key):
        if key is not None and key.trajectory_id != trajectory.pk:
            raise FinanceError(f"{what}: verdeelsleutel '{key}' hoort bij een ander traject.")
    if item.driver is not None and item.driver.method in (KeyMethod.EQUAL, KeyMethod.FIXED_PLUS_VARIABLE,
                                                            KeyMethod.FIXED_PERCENTAGES):
        raise FinanceError(f"{what}: '{item.driver}' geeft geen volumes en kan geen kostendrager zijn.")
    if item.first_year and item.last_year and item.first_year > item.last_year:
        raise FinanceError(f"{what}: het eerste jaar ligt na het laatste jaar.")
    _check_item_years(item, trajectory, what)
    members = list(members) if members is not None else None
    if members:
        _check_members(members, trajectory, what)
    if item.binding and not members and not (item.pk and item.members.exists()):
        raise FinanceError(f"{what}: noem bij een bestaande verplichting de gemeenten die haar dragen.")
    chosen = members
    return _save_audited(actor, item, trajectory.slug, reason,
                         then=None if chosen is None else lambda saved: saved.members.set(chosen))


@transaction.atomic
def delete_item(actor: Actor, item: CostItem, *, reason: str = "") -> None:
    trajectory = item.variant.trajectory
    _require(actor, trajectory)
    before, text, pk = audit.snapshot(item), str(item), item.pk
    item.delete()
    audit.record(actor, "costitem.delete", None, before=before, after=None, trajectory_slug=trajectory.slug,
                 reason=reason, object_type="finance.CostItem", object_repr=text, object_id=str(pk))


# --- current situation and shared organisations ----------------------------------------------------


@transaction.atomic
def save_current_cost(actor: Actor, cost: CurrentCost, *, reason: str = "") -> CurrentCost:
    _require(actor, cost.trajectory)
    if not (cost.source or "").strip():
        raise FinanceError(f"Huidige kosten {cost.municipality}: vermeld de bron (bijvoorbeeld de begroting of jaarrekening).")
    _check_range(cost.low, cost.likely, cost.high, f"Huidige kosten {cost.municipality}")
    return _save_audited(actor, cost, cost.trajectory.slug, reason)


@transaction.atomic
def save_shared_scenario(actor: Actor, scenario: SharedOrganisationScenario, transferring: Iterable[Municipality], *,
                         reason: str = "") -> SharedOrganisationScenario:
    _require(actor, scenario.trajectory)
    transferring = list(transferring)
    if scenario.allocation_key.method != KeyMethod.FIXED_PERCENTAGES:
        raise FinanceError("De begroting van een gedeelde werkorganisatie wordt hier verdeeld met vaste percentages.")
    members = {v.municipality_id for v in scenario.allocation_key.values.all()}
    outside = [m.name for m in transferring if m.pk not in members]
    if outside:
        raise FinanceError(f"{', '.join(outside)} staat niet in de verdeelsleutel van de werkorganisatie.")
    if scenario.budget is None or scenario.budget <= 0:
        raise FinanceError("De begroting van de werkorganisatie is een positief bedrag.")
    if scenario.task_budget is None or not 0 <= scenario.task_budget <= scenario.budget:
        raise FinanceError("Het budget van de taak ligt tussen 0 en de begroting.")
    if not 0 <= scenario.stranded_fraction <= 1:
        raise FinanceError("Het niet-afbouwbare deel is een fractie tussen 0 en 1.")
    return _save_audited(actor, scenario, scenario.trajectory.slug, reason,
                         then=lambda saved: saved.transferring.set(transferring))


def shared_effect(scenario: SharedOrganisationScenario) -> dict:
    """The engine's budget-split effect for a stored scenario."""
    from regiokompas.engine.costs import CostError, shared_organisation_split

    key_values = list(scenario.allocation_key.values.select_related("municipality"))
    values = {v.municipality.cbs_code: float(v.value) for v in key_values}
    names = {v.municipality.cbs_code: v.municipality.name for v in key_values}
    try:
        return shared_organisation_split(float(scenario.budget), values, float(scenario.task_budget),
                                         [m.cbs_code for m in scenario.transferring.all()],
                                         stranded_fraction=scenario.stranded_fraction, stranded_to=scenario.stranded_to,
                                         names=names)
    except CostError as exc:
        raise FinanceError(str(exc)) from exc


# --- costs as the "financiële gevolgen" criterion of the options analysis ---------------------------

CRITERION_CODE = "fin"


def criterion_values(trajectory: Trajectory, result: dict | None = None) -> dict[int, tuple[float, float, float]]:
    """Per variant number the region's average difference with the current situation in EUR mln per
    year (5th, 50th, 95th percentile): one-off costs are spread over the horizon."""
    from regiokompas.engine.costs import CostError, as_criterion
    from regiokompas.finance import build

    result = result or build.compute(trajectory)
    try:
        crit = as_criterion(result, difference=True, per_year=True, scale=1e-6)
    except CostError as exc:
        raise FinanceError(str(exc)) from exc
    out = {}
    for vid, m in crit.items():
        number = int(vid[1:])
        out[number] = (m["value"],) * 3 if m["type"] == "exact" else (m["low"], m["mode"], m["high"])
    return out


def apply_to_criterion(actor: Actor, trajectory: Trajectory, *, code: str = CRITERION_CODE) -> list:
    """Write the computed cost differences as the scores of criterion ``code`` (PERT, EUR mln per year)
    through the options service, with the cost model as their substantiation.

    The Monte Carlo simulation runs outside any database transaction (it would hold the lock of
    every other writer on SQLite); the scores are then written in one transaction: all or nothing."""
    from regiokompas.finance import build

    _require(actor, trajectory)
    _criterion_for_costs(trajectory, code)  # refuse early, before computing
    result = build.compute(trajectory)
    values = criterion_values(trajectory, result)
    return _write_criterion_scores(actor, trajectory, code, result, values)


def applied_text(trajectory: Trajectory, saved: list) -> str:
    """What apply_to_criterion did, in Dutch, for the page (or the background task) that asked."""
    from regiokompas import dutch
    from regiokompas.options.interface import Variant

    unknown = [str(v) for v in Variant.objects.filter(trajectory=trajectory).exclude(pk__in=[s.variant_id for s in saved])]
    text = (f"De scores op 'Financiële gevolgen' van {dutch.count(len(saved), 'variant', 'varianten')} komen nu uit het "
            "kostenmodel.")
    if unknown:
        text += (f" {dutch.enumerate_nl(unknown)} {dutch.verb(len(unknown), 'heeft', 'hebben')} nog geen kostenposten en "
                 f"{dutch.verb(len(unknown), 'krijgt', 'krijgen')} geen score uit het kostenmodel.")
    return text


def _criterion_for_costs(trajectory: Trajectory, code: str) -> Criterion:
    from regiokompas.options.interface import Criterion

    criterion = Criterion.objects.filter(criteria_set__trajectory=trajectory, code=code).first()
    if criterion is None:
        raise FinanceError(f"Dit traject heeft geen criterium met code '{code}' (Financiële gevolgen).")
    if criterion.unit != "EUR mln per jaar":
        raise FinanceError(f"Criterium '{criterion.name}' wordt gemeten in '{criterion.unit}'; de berekening levert EUR mln per jaar.")
    return criterion


@transaction.atomic
def _write_criterion_scores(actor: Actor, trajectory: Trajectory, code: str, result: dict, values: dict) -> list:
    from regiokompas.finance import build
    from regiokompas.options import interface as options_services
    from regiokompas.options.interface import Score, ScoreKind, Variant

    criterion = _criterion_for_costs(trajectory, code)  # again, inside the transaction
    settings = build.settings_of(trajectory)
    illustrative = bool((settings is not None and settings.illustrative) or CostItem.objects.filter(variant__trajectory=trajectory, illustrative=True).exists())
    saved = []
    for variant in Variant.objects.filter(trajectory=trajectory, number__in=list(values)):
        low, mode, high = (round(v, 3) for v in values[variant.number])
        score = Score.objects.filter(variant=variant, criterion=criterion).first() or Score(variant=variant, criterion=criterion)
        score.kind, score.low, score.most_likely, score.high, score.unit = ScoreKind.PERT, low, mode, high, criterion.unit
        score.evidence_source = (f"Kostenmodel Regiokompas: {result['samples']} trekkingen, startwaarde {result['seed']}, "
                                 f"{result['years'][0]}–{result['years'][-1]}")
        score.argument = ("Berekend uit het kostenmodel: gemiddeld verschil per jaar met de huidige situatie voor de deelnemers samen "
                          "(5e, 50e en 95e percentiel); eenmalige kosten zijn over de looptijd verdeeld.")
        score.source = "berekend uit het kostenmodel" + (" (illustratieve bedragen)" if illustrative else "")
        score.illustrative = illustrative
        try:
            saved.append(options_services.save_score(actor, score, reason="overgenomen uit het kostenmodel"))
        except RegisterError as exc:
            raise FinanceError(exc.message + " Pas zo nodig de schaal van het criterium aan en probeer het opnieuw.") from exc
    return saved
