"""Reading and validating a problem in format ``regiokompas.problem/1``.

Validation happens in two steps: the JSON Schema (``problem.schema.json``) checks structure and
types, then :func:`parse` checks meaning (unknown ids, scale ranges, distribution parameters,
statements). Every problem found is reported, in Dutch, with a stable key.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from regiokompas import formatting
from regiokompas.conf import limits
from regiokompas.engine.errors import ProblemError, err, schema_error_text

SCHEMA_ID = "regiokompas.problem/1"
STATEMENT_TYPES = ("ranking", "exact", "interval", "ratio", "swing")
TOL = 1e-9


@lru_cache(maxsize=1)
def json_schema() -> dict:
    return json.loads(resources.files("regiokompas.engine").joinpath("problem.schema.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def _validator() -> Any:
    import jsonschema

    return jsonschema.Draft202012Validator(json_schema())


@dataclass(frozen=True)
class Criterion:
    id: str
    name: str
    unit: str
    low: float
    high: float
    direction: str  # "higher" or "lower"
    pvf: tuple[tuple[float, ...], tuple[float, ...]] | None = None  # piecewise (cutoffs, values)
    levels: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Stakeholder:
    id: str
    name: str
    weight: float | None
    statements: list[dict]


@dataclass(frozen=True)
class Problem:
    alternatives: list[str]
    alternative_names: dict[str, str]
    criteria: list[Criterion]
    measurements: list[list[dict]]  # [alternative][criterion]
    stakeholders: list[Stakeholder]
    pooled_weighting: str
    title: str = ""

    @property
    def criterion_ids(self) -> list[str]:
        return [c.id for c in self.criteria]


# --- schema errors in Dutch ---------------------------------------------------------------------

def _where(path: Iterable[Any]) -> str:
    parts = [str(p) for p in path]
    return "/".join(parts) if parts else "(hoofdniveau)"


def _schema_error(e: Any) -> dict:
    where = _where(e.absolute_path)
    v = e.validator
    text = schema_error_text(e)
    return err(f"schema.{v}", f"Fout in het probleem bij {where}: {text}.", path=where)


# --- parsing ------------------------------------------------------------------------------------


def _finite(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def _count(problem: dict, key: str) -> int:
    value = problem.get(key)
    return len(value) if isinstance(value, list | dict) else 0


def check_size(problem: Any, samples: int | None = None) -> None:
    """Refuse a problem beyond the limits (regiokompas.conf.limits) before anything is allocated:
    JSON depth and number range, then the numbers of alternatives, criteria, stakeholders and
    statements, and alternatives × criteria × samples. Each message states the limit."""
    try:
        limits.check_value(problem, what="Het probleem")
    except limits.JSONLimitError as exc:
        raise ProblemError([err("problem.json", str(exc))]) from None
    if not isinstance(problem, dict):
        return
    out = []
    m, n = _count(problem, "alternatives"), _count(problem, "criteria")
    raw_stakeholders = problem.get("stakeholders")
    stakeholders: list = raw_stakeholders if isinstance(raw_stakeholders, list) else []
    statements = sum(len(s["statements"]) for s in stakeholders
                     if isinstance(s, dict) and isinstance(s.get("statements"), list))
    for count, setting, what in ((m, "REGIOKOMPAS_MAX_ALTERNATIVES", "alternatieven"),
                                 (n, "REGIOKOMPAS_MAX_CRITERIA", "criteria"),
                                 (len(stakeholders), "REGIOKOMPAS_MAX_STAKEHOLDERS", "belanghebbenden"),
                                 (statements, "REGIOKOMPAS_MAX_STATEMENTS", "voorkeursuitspraken")):
        maximum = limits.limit(setting)
        if count > maximum:
            out.append(err("limits." + setting[len("REGIOKOMPAS_MAX_"):].lower(),
                           f"Het probleem heeft {formatting.number(count)} {what}; het maximum is {formatting.number(maximum)} "
                           f"({setting}).", path=what))
    if samples is not None and not out:
        cells = max(m, 1) * max(n, 1) * samples
        maximum = limits.limit("REGIOKOMPAS_MAX_ANALYSIS_CELLS")
        if cells > maximum:
            out.append(err("limits.analysis_cells",
                           f"Het probleem is te groot om door te rekenen: {formatting.number(m)} alternatieven × {formatting.number(n)} "
                           f"criteria × {formatting.number(samples)} trekkingen = {formatting.number(cells)}; het maximum is "
                           f"{formatting.number(maximum)} (REGIOKOMPAS_MAX_ANALYSIS_CELLS). Kies minder trekkingen.",
                           path="samples"))
    if out:
        raise ProblemError(out)


def parse(problem: Any) -> Problem:
    """Validate ``problem`` and return its parsed form; raise :class:`ProblemError` listing every
    problem found."""
    if not isinstance(problem, dict):
        raise ProblemError([err("schema.type", "Het probleem moet een JSON-object zijn.")])
    check_size(problem)
    errors = sorted(_validator().iter_errors(problem), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        if problem.get("schema") != SCHEMA_ID:
            raise ProblemError([err("schema.version",
                                    f"Onbekend formaat {json.dumps(problem.get('schema'), ensure_ascii=False)}: "
                                    f"verwacht \"schema\": \"{SCHEMA_ID}\".", path="schema")])
        raise ProblemError([_schema_error(e) for e in errors[:20]])
    out: list[dict] = []
    _check_duplicates(problem["alternatives"], "Alternatief", "alternatives", out)
    _check_duplicates(problem["criteria"], "Criterium", "criteria", out)
    _check_duplicates(problem["stakeholders"], "Belanghebbende", "stakeholders", out)
    criteria = [_parse_criterion(i, c, out) for i, c in enumerate(problem["criteria"])]
    alt_ids = [a["id"] for a in problem["alternatives"]]
    matrix = _parse_measurements(problem["measurements"], alt_ids, criteria, out)
    weighting = problem.get("pooled_weighting", "equal")
    stakeholders = _parse_stakeholders(problem["stakeholders"], criteria, weighting, out)
    if out:
        raise ProblemError(out)
    return Problem(alt_ids, {a["id"]: a.get("name", a["id"]) for a in problem["alternatives"]}, criteria, matrix,
                   stakeholders, weighting, problem.get("title", ""))


def _check_duplicates(items: list[dict], what: str, path: str, out: list[dict]) -> None:
    seen = set()
    for i, item in enumerate(items):
        if item["id"] in seen:
            out.append(err("problem.duplicate_id", f"{what} '{item['id']}' komt meer dan eens voor.", path=f"{path}/{i}"))
        seen.add(item["id"])


def _parse_criterion(i: int, c: dict, out: list[dict]) -> Criterion:
    lo, hi = float(c["scale"][0]), float(c["scale"][1])
    name = c.get("name", c["id"])
    if not (math.isfinite(lo) and math.isfinite(hi)) or not lo < hi:
        out.append(err("criterion.scale", f"Criterium {name}: de schaal [{formatting.number(lo, significant=4)}, {formatting.number(hi, significant=4)}] moet van laag naar hoog lopen "
                       "(ondergrens kleiner dan bovengrens).", path=f"criteria/{i}/scale"))
    pvf = None
    if "pvf" in c and c["pvf"]["type"] == "piecewise":
        cut, val = c["pvf"].get("cutoffs", []), c["pvf"].get("values", [])
        if len(cut) < 2 or len(cut) != len(val) or any(b <= a for a, b in zip(cut, cut[1:], strict=False)):
            out.append(err("criterion.pvf", f"Criterium {name}: een stuksgewijs lineaire waardefunctie heeft ten minste "
                           "twee oplopende knikpunten ('cutoffs') met evenveel waarden ('values').", path=f"criteria/{i}/pvf"))
        else:
            pvf = (tuple(float(x) for x in cut), tuple(float(v) for v in val))
    levels = {lv["id"]: float(lv["value"]) for lv in c.get("levels", [])}
    return Criterion(c["id"], name, c.get("unit", ""), lo, hi, c.get("direction", "higher"), pvf, levels)


def _parse_measurements(meas: dict, alt_ids: list[str], criteria: list[Criterion], out: list[dict]) -> list[list[dict]]:
    crit_ids = [c.id for c in criteria]
    for a in meas:
        if a not in alt_ids:
            out.append(err("measurement.unknown_alternative", f"Metingen voor onbekend alternatief '{a}'.", path=f"measurements/{a}"))
            continue
        for c in meas[a]:
            if c not in crit_ids:
                out.append(err("measurement.unknown_criterion", f"Meting van {a} voor onbekend criterium '{c}'.",
                               path=f"measurements/{a}/{c}"))
    matrix: list[list[dict]] = []
    for a in alt_ids:
        row = []
        for crit in criteria:
            m = meas.get(a, {}).get(crit.id)
            path = f"measurements/{a}/{crit.id}"
            if m is None:
                out.append(err("measurement.missing", f"De meting van {a} op criterium {crit.name} ontbreekt.", path=path))
                row.append({"type": "exact", "value": crit.low})
                continue
            problem_text = _check_measurement(m, crit)
            if problem_text:
                out.append(err("measurement.invalid", f"Meting van {a} op {crit.name}: {problem_text}", path=path))
            row.append(m)
        matrix.append(row)
    return matrix


def _parse_stakeholders(raw: list[dict], criteria: list[Criterion], weighting: str, out: list[dict]) -> list[Stakeholder]:
    crit_ids = [c.id for c in criteria]
    names = {c.id: c.name for c in criteria}
    stakeholders = []
    for si, s in enumerate(raw):
        name = s.get("name", s["id"])
        statements = s.get("statements", [])
        for ti, st in enumerate(statements):
            text = _check_statement(st, crit_ids, names)
            if text:
                out.append(err("statement.invalid", f"{name}, uitspraak {ti + 1}: {text}", statements=[ti],
                               stakeholder=s["id"], path=f"stakeholders/{si}/statements/{ti}"))
        if weighting != "equal" and "weight" not in s:
            out.append(err("stakeholder.weight_missing", f"{name}: voor een gewogen gezamenlijke analyse is een gewicht "
                           "('weight', bijvoorbeeld het aantal inwoners) nodig.", stakeholder=s["id"], path=f"stakeholders/{si}"))
        stakeholders.append(Stakeholder(s["id"], name, s.get("weight"), statements))
    if weighting != "equal" and stakeholders and not out and sum(s.weight or 0 for s in stakeholders) <= 0:
        out.append(err("stakeholder.weight_zero", "De gewichten van de belanghebbenden tellen op tot nul."))
    return stakeholders


def _check_measurement(m: dict, crit: Criterion) -> str | None:
    t = m["type"]
    for key in ("value", "low", "mode", "high", "mean", "sd", "mu", "sigma", "alpha", "beta"):
        if key in m and not _finite(m[key]):
            return f"'{key}' moet een eindig getal zijn."
    if t == "uniform" and not m["low"] <= m["high"]:
        return f"de ondergrens ({formatting.number(m['low'], significant=4)}) ligt boven de bovengrens ({formatting.number(m['high'], significant=4)})."
    if t in ("pert", "triangular") and not m["low"] <= m["mode"] <= m["high"]:
        return (f"verwacht laag ≤ meest waarschijnlijk ≤ hoog, maar kreeg {formatting.number(m['low'], significant=4)}, {formatting.number(m['mode'], significant=4)}, "
                f"{formatting.number(m['high'], significant=4)}.")
    if t == "beta":
        lo, hi = m.get("low", 0.0), m.get("high", 1.0)
        if not (_finite(lo) and _finite(hi) and lo < hi):
            return "bij een bètaverdeling moet 'low' kleiner zijn dan 'high'."
    if t == "ordinal":
        if not crit.levels:
            return f"criterium {crit.name} heeft geen niveaus ('levels'); een ordinale meting kan dan niet."
        names = [m["level"]] if "level" in m else m.get("levels", [])
        if not names:
            return "geef 'level' of 'levels'."
        unknown = [x for x in names if x not in crit.levels]
        if unknown:
            return f"onbekend niveau '{unknown[0]}'; kies uit: {', '.join(crit.levels)}."
    if t == "discrete":
        probs = m.get("probabilities")
        if probs is not None and (len(probs) != len(m["values"]) or sum(probs) <= 0):
            return "'probabilities' moet evenveel getallen als 'values' hebben en opgeteld groter dan nul zijn."
    return None


def _check_statement(st: dict, crit_ids: list[str], names: dict[str, str]) -> str | None:
    """What is wrong with one (schema-valid) statement, in Dutch, or None."""
    check = _STATEMENT_CHECKS.get(st["type"])
    return check(st, _Known(crit_ids, names)) if check else None


@dataclass(frozen=True)
class _Known:
    crit_ids: list[str]
    names: dict[str, str]

    def unknown(self, codes: Iterable[str]) -> str | None:
        for code in codes:
            if code not in self.crit_ids:
                return f"onbekend criterium '{code}'; kies uit: {', '.join(self.crit_ids)}."
        return None


def _check_ranking(st: dict, k: _Known) -> str | None:
    seen = set()
    for group in st["order"]:
        for code in group:
            if code not in k.crit_ids:
                return k.unknown([code])
            if code in seen:
                return f"criterium {k.names[code]} staat meer dan eens in de rangorde."
            seen.add(code)
    return None


def _check_exact(st: dict, k: _Known) -> str | None:
    w = st["weights"]
    if not w:
        return "geef ten minste één gewicht."
    for code, value in w.items():
        if code not in k.crit_ids:
            return k.unknown([code])
        if value > 1 + TOL:
            return f"het gewicht van {k.names[code]} ({formatting.number(value, significant=4)}) is groter dan 1."
    total = sum(w.values())
    if set(w) == set(k.crit_ids) and abs(total - 1) > 1e-6:
        return f"de vaste gewichten tellen op tot {formatting.number(total, significant=6)} in plaats van 1."
    if total > 1 + 1e-6:
        return f"de vaste gewichten tellen op tot {formatting.number(total, significant=6)}, meer dan 1."
    return None


def _check_interval(st: dict, k: _Known) -> str | None:
    if st["criterion"] not in k.crit_ids:
        return k.unknown([st["criterion"]])
    lo, hi = st.get("min", 0.0), st.get("max", 1.0)
    if lo > hi:
        return f"de ondergrens ({formatting.number(lo, significant=4)}) ligt boven de bovengrens ({formatting.number(hi, significant=4)})."
    if hi > 1 + TOL or lo > 1 + TOL:
        return "een gewicht ligt tussen 0 en 1."
    return None


def _check_ratio(st: dict, k: _Known) -> str | None:
    problem = k.unknown((st["numerator"], st["denominator"]))
    if problem:
        return problem
    if st["numerator"] == st["denominator"]:
        return "een verhouding gaat over twee verschillende criteria."
    if "min" not in st and "max" not in st:
        return "geef 'min' en/of 'max' voor de verhouding."
    lo, hi = st.get("min", 0.0), st.get("max", math.inf)
    if lo > hi:
        return f"de ondergrens ({formatting.number(lo, significant=4)}) ligt boven de bovengrens ({formatting.number(hi, significant=4)})."
    return None


def _check_swing(st: dict, k: _Known) -> str | None:
    if st["reference"] not in k.crit_ids:
        return k.unknown([st["reference"]])
    for code, value in st["values"].items():
        if code not in k.crit_ids:
            return k.unknown([code])
        if isinstance(value, list) and value[0] > value[1]:
            return f"bij {k.names[code]} ligt de ondergrens boven de bovengrens."
    return None


_STATEMENT_CHECKS: dict[str, Callable[[dict, _Known], str | None]] = {
    "ranking": _check_ranking, "exact": _check_exact, "interval": _check_interval, "ratio": _check_ratio,
    "swing": _check_swing,
}
