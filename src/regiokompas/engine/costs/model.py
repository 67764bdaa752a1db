"""The cost model: municipalities, drivers, allocation keys, cost items per variant, the current
situation. Built from a JSON-able dict (schema ``regiokompas.costs/1``, see docs/costs.md) by
:func:`parse_model`, which collects every problem and raises one :class:`CostError`.

All amounts are euros per year (price level of the first horizon year unless indexation is set).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from regiokompas import formatting
from regiokompas.conf import limits
from regiokompas.engine.costs.errors import CostError
from regiokompas.engine.errors import schema_error_text

SCHEMA = "regiokompas.costs/1"

CATEGORIES = ("structural", "transition", "deficit")
CATEGORY_LABELS = {"structural": "structureel", "transition": "eenmalig (transitie)", "deficit": "tekort"}
BEHAVIOURS = ("fixed", "variable")
KEY_METHODS = (
    "per_inhabitant", "per_client", "per_usage", "historical", "budget",
    "fixed_percentages", "equal", "fixed_plus_variable",
)
KEY_LABELS = {
    "per_inhabitant": "per inwoner",
    "per_client": "per cliënt",
    "per_usage": "naar gebruik",
    "historical": "historisch aandeel",
    "budget": "aandeel in de begroting",
    "fixed_percentages": "vaste percentages",
    "equal": "gelijke delen",
    "fixed_plus_variable": "vast deel + variabel deel",
}
# Volumes measured at a moment need that moment.
NEEDS_REFERENCE_DATE = ("per_inhabitant", "per_client", "per_usage")
PERCENT_TOLERANCE = 0.01


@dataclass(frozen=True)
class Range:
    """Low / most likely / high estimate (PERT)."""

    low: float
    likely: float
    high: float

    @property
    def mean(self) -> float:
        return (self.low + 4.0 * self.likely + self.high) / 6.0


@dataclass(frozen=True)
class Key:
    id: str
    name: str
    method: str
    values: dict[str, float] = field(default_factory=dict)
    reference_date: str | None = None
    source: str = ""
    fixed_fraction: float = 0.0
    fixed_key: str | None = None
    variable_key: str | None = None
    driver: str | None = None


@dataclass(frozen=True)
class Driver:
    id: str
    name: str
    values: dict[str, float]
    unit: str = ""
    reference_date: str | None = None
    source: str = ""


@dataclass(frozen=True)
class CostItem:
    id: str
    name: str
    category: str
    behaviour: str
    amount: Range
    driver: str | None = None
    per_unit: bool = False
    scale_exponent: float = 1.0
    first_year: int | None = None
    last_year: int | None = None
    indexation: float | None = None
    key: str | None = None
    members: tuple[str, ...] | None = None
    binding: bool = False
    source: str = ""
    illustrative: bool = False


@dataclass(frozen=True)
class Variant:
    id: str
    name: str
    items: tuple[CostItem, ...]
    keys: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CostModel:
    start_year: int
    years: int
    municipalities: tuple[str, ...]
    names: dict[str, str]
    drivers: dict[str, Driver]
    keys: dict[str, Key]
    default_keys: dict[str, str]
    variants: tuple[Variant, ...]
    baseline: dict[str, Range]
    indexation: float = 0.0
    baseline_source: str = ""

    @property
    def year_list(self) -> list[int]:
        return list(range(self.start_year, self.start_year + self.years))

    def variant(self, variant_id: str) -> Variant:
        for v in self.variants:
            if v.id == variant_id:
                return v
        raise CostError([{"key": "unknown_variant", "message": f"Onbekende variant: {variant_id}.", "path": "variants"}])

    def key_for(self, variant: Variant, item: CostItem) -> Key:
        key_id = item.key or variant.keys.get(item.category) or self.default_keys.get(item.category)
        return self.keys[str(key_id)]  # presence checked by parse_model

    def label(self, code: str) -> str:
        return self.names.get(code, code)


class _Collector:
    def __init__(self) -> None:
        self.errors: list[dict] = []

    def add(self, key: str, message: str, path: str) -> None:
        self.errors.append({"key": key, "message": message, "path": path})

    def number(self, value: Any, path: str, what: str, *, minimum: float | None = None) -> float | None:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            self.add("not_a_number", f"{what}: '{value}' is geen getal.", path)
            return None
        if minimum is not None and value < minimum:
            self.add("negative" if minimum == 0 else "too_small",
                     f"{what} mag niet kleiner zijn dan {formatting.number(minimum, 2, trim=True)} (gegeven: {formatting.number(value, 2, trim=True)}).", path)
            return None
        return float(value)


def _date_ok(text: Any) -> bool:
    if not isinstance(text, str):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _range(raw: Any, c: _Collector, path: str, what: str, *, allow_negative: bool = False) -> Range | None:
    if not isinstance(raw, dict):
        c.add("missing_range", f"{what}: geef laag, meest waarschijnlijk en hoog op.", path)
        return None
    minimum = None if allow_negative else 0.0
    values = []
    for name, label in (("low", "laag"), ("likely", "meest waarschijnlijk"), ("high", "hoog")):
        if name not in raw:
            c.add("missing_range", f"{what}: de waarde '{label}' ontbreekt.", f"{path}.{name}")
            return None
        values.append(c.number(raw[name], f"{path}.{name}", f"{what} ({label})", minimum=minimum))
    low, likely, high = values
    if low is None or likely is None or high is None:
        return None
    if not (low <= likely <= high):
        c.add("range_order",
              f"{what}: laag ({formatting.number(low, 2, trim=True)}) ≤ meest waarschijnlijk ({formatting.number(likely, 2, trim=True)}) ≤ hoog "
              f"({formatting.number(high, 2, trim=True)}) is niet voldaan.", path)
        return None
    return Range(low, likely, high)


def _values(raw: Any, c: _Collector, path: str, what: str, codes: set[str]) -> dict[str, float]:
    out: dict[str, float] = {}
    if not isinstance(raw, dict):
        c.add("missing_values", f"{what}: geef per gemeente een waarde op.", path)
        return out
    for code, value in raw.items():
        if code not in codes:
            c.add("unknown_municipality", f"{what}: onbekende gemeente '{code}'.", f"{path}.{code}")
            continue
        number = c.number(value, f"{path}.{code}", f"{what}, {code}")
        if number is None:
            continue
        if number < 0:
            c.add("negative", f"{what}: de waarde voor {code} is negatief ({formatting.number(number, 2, trim=True)}); "
                  "volumes, aandelen en percentages kunnen niet negatief zijn.", f"{path}.{code}")
            continue
        out[code] = number
    return out


@lru_cache(maxsize=1)
def json_schema() -> dict:
    """Structure and types of ``regiokompas.costs/1`` (costs.schema.json); meaning is checked below."""
    return json.loads(resources.files("regiokompas.engine.costs").joinpath("costs.schema.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def _validator() -> Any:
    import jsonschema

    return jsonschema.Draft202012Validator(json_schema())


def _path(parts: Any) -> str:
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


def check_structure(data: Any) -> None:
    """Refuse a cost model whose shape, types, numbers or size are wrong before anything reads it:
    JSON depth and number range, the JSON Schema, and the limits on municipalities, years and cost
    items (regiokompas.conf.limits). Raises :class:`CostError` with Dutch messages."""
    if not isinstance(data, dict):
        raise CostError([{"key": "not_an_object", "message": "Het kostenmodel moet een object zijn.", "path": ""}])
    try:
        limits.check_value(data, what="Het kostenmodel")
    except limits.JSONLimitError as exc:
        raise CostError([{"key": "json", "message": str(exc), "path": ""}]) from None
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        raise CostError([{"key": f"schema.{e.validator}", "path": _path(e.absolute_path),
                          "message": f"Fout in het kostenmodel bij {_path(e.absolute_path) or '(hoofdniveau)'}: "
                                     f"{schema_error_text(e)}."} for e in errors[:20]])
    years = (data.get("horizon") or {}).get("years", 0)
    counts = (
        (len(data.get("municipalities") or []), "REGIOKOMPAS_MAX_COST_MUNICIPALITIES", "gemeenten", "municipalities"),
        (years if isinstance(years, int) and not isinstance(years, bool) else 0, "REGIOKOMPAS_MAX_COST_YEARS",
         "jaren looptijd", "horizon.years"),
        (sum(len(v.get("items") or []) for v in data.get("variants") or []), "REGIOKOMPAS_MAX_COST_ITEMS",
         "kostenposten", "variants"),
    )
    out = []
    for count, setting, what, path in counts:
        maximum = limits.limit(setting)
        if count > maximum:
            out.append({"key": "limits." + setting[len("REGIOKOMPAS_MAX_"):].lower(), "path": path,
                        "message": f"Het kostenmodel heeft {formatting.number(count)} {what}; het maximum is "
                                   f"{formatting.number(maximum)} ({setting})."})
    if out:
        raise CostError(out)


def parse_model(data: dict) -> CostModel:
    """Validate a cost model dict and build the model. Raises :class:`CostError` with all problems."""
    c = _Collector()
    check_structure(data)
    if data.get("schema", SCHEMA) != SCHEMA:
        c.add("schema", f"Onbekend schema '{data.get('schema')}'; verwacht {SCHEMA}.", "schema")
    start_year, years, indexation = _parse_horizon(data, c)
    codes, names = _parse_municipalities(data, c)
    code_set = set(codes)
    drivers = _parse_drivers(data, c, code_set)
    keys = _parse_keys(data, c, code_set, drivers)
    default_keys = _parse_default_keys(data, c, keys)
    baseline = _parse_baseline(data, c, code_set, names)
    scope = _Scope(start_year, start_year + years - 1, tuple(codes), code_set, names, drivers, keys, default_keys)
    variants = _parse_variants(data, c, scope)
    if not variants and not c.errors:
        c.add("no_variants", "Het model bevat geen varianten.", "variants")
    if c.errors:
        raise CostError(c.errors)
    return CostModel(start_year, years, tuple(codes), names, drivers, keys, default_keys, tuple(variants), baseline,
                     indexation, str(data.get("baseline_source") or ""))


@dataclass(frozen=True)
class _Scope:
    """What the variants' cost items are checked against: the horizon and the parsed references."""

    start_year: int
    end_year: int
    codes: tuple[str, ...]
    code_set: set[str]
    names: dict[str, str]
    drivers: dict[str, Driver]
    keys: dict[str, Key]
    default_keys: dict[str, str]


def _parse_horizon(data: dict, c: _Collector) -> tuple[int, int, float]:
    horizon = data.get("horizon") or {}
    start_year = horizon.get("start_year")
    years = horizon.get("years", 10)
    if isinstance(start_year, bool) or not isinstance(start_year, int) or not 1900 <= start_year <= 2200:
        c.add("horizon", "Geef het eerste jaar van de looptijd op als jaartal (bijv. 2021).", "horizon.start_year")
        start_year = 2000
    max_years = limits.limit("REGIOKOMPAS_MAX_COST_YEARS")
    if isinstance(years, bool) or not isinstance(years, int) or not 1 <= years <= max_years:
        c.add("horizon", f"De looptijd is een geheel aantal jaren tussen 1 en {max_years}.", "horizon.years")
        years = 1
    indexation = c.number(data.get("indexation", 0.0), "indexation", "Indexatie") or 0.0
    if not -0.5 < indexation < 1:
        c.add("indexation", "Indexatie is een fractie per jaar, bijvoorbeeld 0,02 voor 2 %.", "indexation")
        indexation = 0.0
    return start_year, years, indexation


def _parse_municipalities(data: dict, c: _Collector) -> tuple[list[str], dict[str, str]]:
    codes: list[str] = []
    names: dict[str, str] = {}
    for i, m in enumerate(data.get("municipalities") or []):
        code = m.get("code") if isinstance(m, dict) else None
        if not code or not isinstance(code, str):
            c.add("municipality", "Elke gemeente heeft een code (bijv. GM0373).", f"municipalities[{i}]")
            continue
        if code in names:
            c.add("duplicate", f"Gemeente {code} staat twee keer in het model.", f"municipalities[{i}]")
            continue
        codes.append(code)
        names[code] = str(m.get("name") or code)
    if not codes:
        c.add("no_municipalities", "Het model bevat geen gemeenten.", "municipalities")
    return codes, names


def _parse_drivers(data: dict, c: _Collector, code_set: set[str]) -> dict[str, Driver]:
    drivers: dict[str, Driver] = {}
    for driver_id, raw in (data.get("drivers") or {}).items():
        raw = raw or {}
        label = f"Kostendrager '{raw.get('name') or driver_id}'"
        values = _values(raw.get("values"), c, f"drivers.{driver_id}.values", label, code_set)
        drivers[driver_id] = Driver(driver_id, str(raw.get("name") or driver_id), values, str(raw.get("unit") or ""),
                                    raw.get("reference_date"), str(raw.get("source") or ""))
    return drivers


def _parse_keys(data: dict, c: _Collector, code_set: set[str], drivers: dict[str, Driver]) -> dict[str, Key]:
    keys: dict[str, Key] = {}
    for key_id, raw in (data.get("keys") or {}).items():
        key = _parse_key(key_id, raw or {}, c, code_set, drivers)
        if key is not None:
            keys[key_id] = key
    for key in keys.values():
        if key.method == "fixed_plus_variable":
            for part in (key.fixed_key, key.variable_key):
                if part and part not in keys:
                    c.add("unknown_key", f"Verdeelsleutel '{key.name}': onbekende deelsleutel '{part}'.", f"keys.{key.id}")
                elif part and keys[part].method == "fixed_plus_variable":
                    c.add("nested_key", f"Verdeelsleutel '{key.name}': een deelsleutel kan zelf niet samengesteld zijn.",
                          f"keys.{key.id}")
    return keys


def _parse_key(key_id: str, raw: dict, c: _Collector, code_set: set[str], drivers: dict[str, Driver]) -> Key | None:
    name = str(raw.get("name") or key_id)
    label = f"Verdeelsleutel '{name}'"
    path = f"keys.{key_id}"
    method = raw.get("method")
    if method not in KEY_METHODS:
        c.add("key_method", f"{label}: onbekende methode '{method}'; kies uit {', '.join(KEY_METHODS)}.", path)
        return None
    ref = raw.get("reference_date")
    if ref is not None and not _date_ok(ref):
        c.add("reference_date", f"{label}: peildatum '{ref}' is geen datum (JJJJ-MM-DD).", f"{path}.reference_date")
    if method in NEEDS_REFERENCE_DATE and not ref:
        c.add("reference_date_missing", f"{label} ({KEY_LABELS[method]}) heeft een peildatum nodig.", f"{path}.reference_date")
    values: dict[str, float] = {}
    driver = raw.get("driver")
    if method in ("equal", "fixed_plus_variable"):
        pass
    elif driver is not None and "values" not in raw:
        if driver not in drivers:
            c.add("unknown_driver", f"{label}: onbekende kostendrager '{driver}'.", f"{path}.driver")
        else:
            values = dict(drivers[driver].values)
    else:
        values = _values(raw.get("values"), c, f"{path}.values", label, code_set)
    if method == "fixed_percentages" and values:
        total = sum(values.values())
        if abs(total - 100.0) > PERCENT_TOLERANCE:
            c.add("percentages_sum",
                  f"{label}: de percentages tellen op tot {formatting.number(total, 2, trim=True)} % in plaats van 100 %.", f"{path}.values")
    fixed_fraction = _fixed_fraction(raw, c, label, path) if method == "fixed_plus_variable" else 0.0
    return Key(key_id, name, method, values, ref, str(raw.get("source") or ""), fixed_fraction,
               raw.get("fixed_key"), raw.get("variable_key"), driver)


def _fixed_fraction(raw: dict, c: _Collector, label: str, path: str) -> float:
    ff = c.number(raw.get("fixed_fraction"), f"{path}.fixed_fraction", f"{label}, vast deel", minimum=0)
    if ff is not None and ff > 1:
        c.add("fraction", f"{label}: het vaste deel is een fractie tussen 0 en 1.", f"{path}.fixed_fraction")
    for part in ("fixed_key", "variable_key"):
        if not raw.get(part):
            c.add("key_part", f"{label}: geef de sleutel voor het {'vaste' if part == 'fixed_key' else 'variabele'} deel op.",
                  f"{path}.{part}")
    return ff or 0.0


def _parse_default_keys(data: dict, c: _Collector, keys: dict[str, Key]) -> dict[str, str]:
    default_keys = dict(data.get("default_keys") or {})
    for category, key_id in default_keys.items():
        if category not in CATEGORIES:
            c.add("category", f"Onbekende kostensoort '{category}'.", f"default_keys.{category}")
        elif key_id not in keys:
            c.add("unknown_key", f"Onbekende verdeelsleutel '{key_id}' voor {CATEGORY_LABELS[category]}.", f"default_keys.{category}")
    return default_keys


def _parse_baseline(data: dict, c: _Collector, code_set: set[str], names: dict[str, str]) -> dict[str, Range]:
    baseline: dict[str, Range] = {}
    for code, raw in (data.get("baseline") or {}).items():
        if code not in code_set:
            c.add("unknown_municipality", f"Huidige situatie: onbekende gemeente '{code}'.", f"baseline.{code}")
            continue
        r = _range(raw, c, f"baseline.{code}", f"Huidige kosten {names[code]}")
        if r:
            baseline[code] = r
    return baseline


def _parse_variants(data: dict, c: _Collector, scope: _Scope) -> list[Variant]:
    variants: list[Variant] = []
    seen_variants: set[str] = set()
    for vi, raw_v in enumerate(data.get("variants") or []):
        vpath = f"variants[{vi}]"
        vid = str(raw_v.get("id") or "")
        if not vid:
            c.add("variant_id", "Elke variant heeft een id.", vpath)
            continue
        if vid in seen_variants:
            c.add("duplicate", f"Variant {vid} staat twee keer in het model.", vpath)
            continue
        seen_variants.add(vid)
        vkeys = dict(raw_v.get("keys") or {})
        for category, key_id in vkeys.items():
            if category not in CATEGORIES or key_id not in scope.keys:
                c.add("unknown_key", f"Variant {vid}: onbekende verdeelsleutel '{key_id}' voor '{category}'.", f"{vpath}.keys")
        items: list[CostItem] = []
        seen_items: set[str] = set()
        for ii, raw in enumerate(raw_v.get("items") or []):
            item = _parse_item(raw, c, scope, vid, vkeys, f"{vpath}.items[{ii}]", f"{vid}-{ii + 1}", seen_items)
            if item is not None:
                items.append(item)
        variants.append(Variant(vid, str(raw_v.get("name") or vid), tuple(items), vkeys))
    return variants


def _parse_item(raw: dict, c: _Collector, scope: _Scope, vid: str, vkeys: dict[str, str], ipath: str,
                default_id: str, seen_items: set[str]) -> CostItem | None:
    """One cost item of variant ``vid``, or None (with the problem collected) when it cannot be used."""
    item_id = str(raw.get("id") or default_id)
    name = str(raw.get("name") or item_id)
    label = f"Kostenpost '{name}' (variant {vid})"
    if item_id in seen_items:
        c.add("duplicate", f"{label}: id '{item_id}' komt twee keer voor.", ipath)
        return None
    seen_items.add(item_id)
    category = raw.get("category", "structural")
    if category not in CATEGORIES:
        c.add("category", f"{label}: onbekende kostensoort '{category}'; kies structural, transition of deficit.", ipath)
        return None
    behaviour = raw.get("behaviour", "fixed")
    if behaviour not in BEHAVIOURS:
        c.add("behaviour", f"{label}: kies 'fixed' (vast) of 'variable' (variabel).", ipath)
        return None
    amount = _range(raw.get("amount"), c, f"{ipath}.amount", label)
    driver = raw.get("driver")
    exponent = _item_exponent(raw, c, scope, behaviour, driver, label, ipath)
    if exponent is None:
        return None
    years = _item_years(raw, c, scope, label, ipath)
    if years is None:
        return None
    first, last = years
    item_index = raw.get("indexation")
    if item_index is not None:
        item_index = c.number(item_index, f"{ipath}.indexation", f"{label}, indexatie")
    members = raw.get("members")
    if members is not None:
        unknown = [m for m in members if m not in scope.code_set]
        if unknown or not members:
            c.add("unknown_municipality", f"{label}: onbekende of geen gemeenten in 'members': {', '.join(unknown)}.", ipath)
            return None
        members = tuple(members)
    key_id = raw.get("key") or vkeys.get(category) or scope.default_keys.get(category)
    if not key_id or key_id not in scope.keys:
        c.add("no_key", f"{label}: geen (bekende) verdeelsleutel voor {CATEGORY_LABELS[category]} kosten.", ipath)
        return None
    payers = members or scope.codes
    _check_key_covers(scope.keys, scope.keys[key_id], payers, scope.names, c, label, ipath)
    if amount is None:
        return None
    return CostItem(item_id, name, category, behaviour, amount, driver, bool(raw.get("per_unit", False)), exponent,
                    max(first, scope.start_year), min(last, scope.end_year), item_index, raw.get("key"), members,
                    bool(raw.get("binding", False)), str(raw.get("source") or ""), bool(raw.get("illustrative", False)))


def _item_exponent(raw: dict, c: _Collector, scope: _Scope, behaviour: str, driver: Any, label: str,
                   ipath: str) -> float | None:
    """The scale exponent of a cost item (0 for a fixed one), or None when a variable one has no known driver."""
    if behaviour != "variable":
        return 0.0
    if driver not in scope.drivers:
        c.add("unknown_driver", f"{label}: een variabele post heeft een bekende kostendrager nodig (gegeven: '{driver}').",
              f"{ipath}.driver")
        return None
    if "scale_exponent" not in raw:
        return 1.0
    e = c.number(raw["scale_exponent"], f"{ipath}.scale_exponent", f"{label}, schaaleffect", minimum=0)
    if e is not None and e > 1:
        c.add("scale_exponent", f"{label}: de schaalexponent ligt tussen 0 (vast) en 1 (evenredig).", ipath)
    return e if e is not None else 1.0


def _item_years(raw: dict, c: _Collector, scope: _Scope, label: str, ipath: str) -> tuple[int, int] | None:
    first = raw.get("first_year", scope.start_year)
    last = raw.get("last_year", scope.end_year)
    if not (isinstance(first, int) and isinstance(last, int) and first <= last):
        c.add("years", f"{label}: eerste en laatste jaar zijn jaartallen met eerste ≤ laatste.", ipath)
        return None
    if last < scope.start_year or first > scope.end_year:
        c.add("years", f"{label}: de jaren {first}–{last} vallen buiten de looptijd {scope.start_year}–{scope.end_year}.",
              ipath)
        return None
    return first, last


def _check_key_covers(keys: dict[str, Key], key: Key, payers: tuple[str, ...], names: dict[str, str],
                      c: _Collector, label: str, path: str) -> None:
    parts = [key]
    if key.method == "fixed_plus_variable":
        parts = [keys[k] for k in (key.fixed_key, key.variable_key) if k in keys]
    for part in parts:
        if part.method == "equal":
            continue
        missing = [names.get(p, p) for p in payers if p not in part.values]
        if missing:
            if part.method == "per_inhabitant":
                when = f" op peildatum {part.reference_date}" if part.reference_date else ""
                c.add("missing_population", f"{label}: geen inwonertal{when} voor {', '.join(missing)} "
                      f"(verdeelsleutel '{part.name}').", path)
            else:
                c.add("key_incomplete", f"{label}: verdeelsleutel '{part.name}' heeft geen waarde voor {', '.join(missing)}.", path)
