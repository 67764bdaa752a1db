"""Builds the engine's cost model (``regiokompas.costs/1``) from the register and the finance data,
and runs the computation. Population figures come from the register on the key's reference date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from regiokompas import caching
from regiokompas.engine import costs as engine
from regiokompas.engine.costs.simulate import variant_draws
from regiokompas.finance.errors import FinanceError
from regiokompas.finance.models import AllocationKey, CostItem, CostSettings, CurrentCost, KeyMethod
from regiokompas.options.interface import Variant
from regiokompas.register.models import Municipality, PopulationFigure, Trajectory

# A population figure counts for a reference date when it is from that date or at most this much older.
POPULATION_MAX_AGE = dt.timedelta(days=2 * 365)


def settings_of(trajectory: Trajectory) -> CostSettings | None:
    return CostSettings.objects.filter(trajectory=trajectory).select_related("structural_key", "transition_key", "deficit_key").first()


def municipalities(trajectory: Trajectory, settings: CostSettings, *, population: bool = True) -> list[Municipality]:
    """The trajectory's participants as they exist on 1 January of the first year (mergers followed);
    with ``population`` their population figures are fetched in the same go (see population_on)."""
    day = dt.date(settings.start_year, 1, 1)
    found: dict[int, Municipality] = {}
    participants = trajectory.participants.select_related("municipality__successor")
    if population:
        participants = participants.prefetch_related("municipality__population_figures", "municipality__successor__population_figures")
    for p in participants:
        m = p.municipality.successor_on(day)
        found.setdefault(m.pk, m)
    return sorted(found.values(), key=lambda m: m.name)


def population_on(municipality: Municipality, day: dt.date) -> PopulationFigure | None:
    prefetched = getattr(municipality, "_prefetched_objects_cache", {}).get("population_figures")
    if prefetched is not None:  # see municipalities(): no query per municipality
        fig = max((f for f in prefetched if f.reference_date <= day), key=lambda f: f.reference_date, default=None)
    else:
        fig = municipality.population_figures.filter(reference_date__lte=day).order_by("-reference_date").first()
    if fig is None or day - fig.reference_date > POPULATION_MAX_AGE:
        return None
    return fig


@dataclass
class KeyRow:
    municipality: Municipality
    value: float | None
    note: str  # e.g. the population figure's own date and source


def key_values(key: AllocationKey, munis: Sequence[Municipality]) -> list[KeyRow]:
    if key.method == KeyMethod.PER_INHABITANT:
        rows = []
        for m in munis:
            fig = population_on(m, key.reference_date) if key.reference_date else None
            note = f"{fig.reference_date:%d-%m-%Y}; {fig.source}" if fig else "ontbreekt"
            rows.append(KeyRow(m, float(fig.inhabitants) if fig else None, note))
        return rows
    stored = {v.municipality_id: float(v.value) for v in key.values.all()}
    return [KeyRow(m, stored.get(m.pk), "") for m in munis]


def _successor_code(m: Municipality, day: dt.date) -> str:
    return m.successor_on(day).cbs_code


# Data that is no input of the cost model: changing it leaves cached cost results valid.
NOT_COST_INPUTS = (
    "register.Decision", "register.Condition", "register.Document", "register.DocumentSection", "register.Assignment",
    "publications.", "planning.", "options.AnalysisRun", "options.PreferenceSet", "options.PreferenceStatement",
    "options.Score", "options.Criterion", "options.CriteriaSet",
)
def _item_json(item: CostItem, day: dt.date) -> dict:
    """One cost item as the engine reads it."""
    entry = {
        "id": item.code, "name": item.name, "category": item.category, "behaviour": item.behaviour,
        "amount": {"low": float(item.low), "likely": float(item.likely), "high": float(item.high)},
        "per_unit": item.per_unit, "binding": item.binding, "source": item.source, "illustrative": item.illustrative,
    }
    if item.behaviour == "variable":
        entry["driver"] = item.driver.code if item.driver else None
        entry["scale_exponent"] = item.scale_exponent
    if item.first_year:
        entry["first_year"] = item.first_year
    if item.last_year:
        entry["last_year"] = item.last_year
    if item.allocation_key_id:
        entry["key"] = item.allocation_key.code
    members = sorted({_successor_code(m, day) for m in item.members.all()})
    if members:
        entry["members"] = members
    return entry


def build_model(trajectory: Trajectory) -> dict:
    """The engine input for this trajectory. Raises FinanceError when there is no cost model.

    Cached per trajectory and data version (regiokompas.caching)."""
    return caching.cached("finance.model", (trajectory.pk, trajectory.slug), lambda: _build_model(trajectory),
                          ignore=NOT_COST_INPUTS)


def _build_model(trajectory: Trajectory) -> dict:
    settings = settings_of(trajectory)
    if settings is None:
        raise FinanceError(f"Voor '{trajectory}' zijn nog geen uitgangspunten van het kostenmodel vastgelegd.")
    munis = municipalities(trajectory, settings)
    day = dt.date(settings.start_year, 1, 1)
    items_qs = CostItem.objects.filter(variant__trajectory=trajectory)
    driver_ids = set(items_qs.exclude(driver=None).values_list("driver_id", flat=True))
    used = driver_ids | set(items_qs.exclude(allocation_key=None).values_list("allocation_key_id", flat=True))
    used |= {k for k in (settings.structural_key_id, settings.transition_key_id, settings.deficit_key_id) if k}
    for key in AllocationKey.objects.filter(pk__in=list(used)):
        used |= {k for k in (key.fixed_part_id, key.variable_part_id) if k}
    # only keys the cost model uses: a key of another organisation (BUCH) may name other municipalities
    keys = list(AllocationKey.objects.filter(pk__in=list(used)).select_related("fixed_part", "variable_part").prefetch_related("values"))
    key_data, drivers = {}, {}
    for key in keys:
        values = {r.municipality.cbs_code: r.value for r in key_values(key, munis) if r.value is not None}
        entry = {"name": key.name, "method": key.method, "source": key.source,
                 "reference_date": key.reference_date.isoformat() if key.reference_date else None}
        if key.method == KeyMethod.FIXED_PLUS_VARIABLE:
            entry.update(fixed_fraction=key.fixed_fraction, fixed_key=key.fixed_part.code if key.fixed_part else None,
                         variable_key=key.variable_part.code if key.variable_part else None)
        elif key.method != KeyMethod.EQUAL:
            entry["values"] = values
        key_data[key.code] = entry
        if key.pk in driver_ids:
            drivers[key.code] = {"name": key.unit or key.name, "unit": key.unit, "values": values, "source": key.source,
                                 "reference_date": entry["reference_date"]}
    default_keys = {}
    for category, key in (("structural", settings.structural_key), ("transition", settings.transition_key),
                          ("deficit", settings.deficit_key)):
        if key is not None:
            default_keys[category] = key.code
    baseline = {}
    for cc in CurrentCost.objects.filter(trajectory=trajectory).select_related("municipality"):
        baseline[_successor_code(cc.municipality, day)] = {"low": float(cc.low), "likely": float(cc.likely), "high": float(cc.high)}
    variants = [{"id": variant.code, "name": str(variant), "items": [
        _item_json(item, day) for item in
        CostItem.objects.filter(variant=variant).select_related("driver", "allocation_key").prefetch_related("members")]}
        for variant in Variant.objects.filter(trajectory=trajectory).order_by("number")]
    return {
        "schema": engine.SCHEMA,
        "horizon": {"start_year": settings.start_year, "years": settings.years},
        "indexation": settings.indexation,
        "municipalities": [{"code": m.cbs_code, "name": m.name} for m in munis],
        "drivers": drivers,
        "keys": key_data,
        "default_keys": default_keys,
        "baseline": baseline,
        "baseline_source": "; ".join(sorted({cc.source for cc in CurrentCost.objects.filter(trajectory=trajectory) if cc.source})),
        "variants": variants,
    }


def parse(trajectory: Trajectory) -> engine.CostModel:
    """The engine's checked cost model; cached per trajectory and data version like :func:`build_model`."""
    try:
        return caching.cached("finance.parsed_model", (trajectory.pk, trajectory.slug),
                              lambda: engine.parse_model(build_model(trajectory)), ignore=NOT_COST_INPUTS)
    except engine.CostError as exc:
        raise FinanceError("Het kostenmodel is niet volledig: " + " ".join(e["message"] for e in exc.errors)) from exc


def compute(trajectory: Trajectory, *, coalition: Sequence[str] | None = None, variant_numbers: Sequence[int] | None = None,
            samples: int | None = None, seed: int | None = None, settings: CostSettings | None = None) -> dict:
    """Run the cost computation; ``coalition`` as CBS codes, ``variant_numbers`` as Variant.number;
    ``settings`` when the caller has read them already."""
    settings = settings or settings_of(trajectory)
    model = parse(trajectory)
    variants = None
    if variant_numbers:
        known = {v.id for v in model.variants}
        variants = [f"v{n}" for n in variant_numbers]
        unknown = [v for v in variants if v not in known]
        if unknown:
            raise FinanceError(f"Onbekende variant: {', '.join(u[1:] for u in unknown)}. Bekend: "
                               f"{', '.join(v.id[1:] for v in model.variants)}.")
    samples, seed = samples or settings.samples, settings.seed if seed is None else seed
    coalition = list(coalition) if coalition else None

    def simulate() -> dict:
        try:
            return engine.simulate(model, samples=samples, seed=seed, coalition=coalition, variants=variants)
        except engine.CostError as exc:
            raise FinanceError(" ".join(e["message"] for e in exc.errors)) from exc

    # The simulation is deterministic for its inputs and seed: cached per trajectory and data version.
    key = (trajectory.pk, trajectory.slug, tuple(coalition or ()), tuple(variants or ()), samples, seed)
    return caching.cached("finance.compute", key, simulate, ignore=NOT_COST_INPUTS)


EXIT_METHODS = ("declining", "direct_damage")


def exit_effects(trajectory: Trajectory, result: dict, *, model: engine.CostModel | None = None, leavers: Sequence[str] | None = None,
                 methods: Sequence[str] = EXIT_METHODS) -> dict[str, dict[str, dict[str, dict]]]:
    """Per variant, leaving municipality and method the exit effect with its uncertainty, over the same
    draws and seed as ``result`` (the default exit year: the second year of the horizon).

    Deterministic for the cost inputs, the draws of ``result`` and the leavers and methods: cached
    per trajectory and data version like :func:`compute`."""
    key = (trajectory.pk, trajectory.slug, tuple(result["coalition"]), tuple(result["variants"]), result["samples"],
           result["seed"], tuple(leavers) if leavers is not None else None, tuple(methods))
    return caching.cached("finance.exit_effects", key, lambda: _exit_effects(trajectory, result, model, leavers, methods),
                          ignore=NOT_COST_INPUTS)


def _exit_effects(trajectory: Trajectory, result: dict, model: engine.CostModel | None, leavers: Sequence[str] | None,
                  methods: Sequence[str]) -> dict[str, dict[str, dict[str, dict]]]:
    model = model or parse(trajectory)
    members = result["coalition"]
    out: dict[str, dict[str, dict[str, dict]]] = {}
    for vid in result["variants"]:
        out[vid] = {}
        if len(members) < 2 or model.years < 2 or not result["variants"][vid].get("known", True):
            continue
        draws = variant_draws(model, model.variant(vid), result["samples"], result["seed"])
        cache: dict = {}  # sampled contributions per coalition, shared by the leavers and methods
        for code in leavers or members:
            if code not in members:
                continue
            out[vid][code] = {}
            for method in methods:
                try:
                    out[vid][code][method] = engine.exit_effect(model, vid, code, coalition=members, method=method,
                                                                samples=result["samples"], seed=result["seed"], draws=draws,
                                                                cache=cache)
                except engine.CostError as exc:
                    raise FinanceError(" ".join(e["message"] for e in exc.errors)) from exc
    return out


def exit_json(effect: dict) -> dict:
    """An exit effect without the per-participant lists before/after (for ``costs --json``)."""
    keep = {k: v for k, v in effect.items() if k != "remaining"}
    keep["remaining"] = {code: {"name": r["name"], "net_extra_total": r["net_extra_total"]} for code, r in effect["remaining"].items()}
    return keep
