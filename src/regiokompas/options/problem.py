"""Translate between the register and the engine: stored variants, criteria, scores and
preference statements become one problem in format ``regiokompas.problem/1``.

Preference statements are kept as the municipality entered them (a ranking, swing points, weight
intervals, ratios, fixed weights); :func:`compile_statements` turns them into engine statements
and remembers which entered statement each engine statement came from, so a conflict the engine
reports can be named in the user's own terms.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NoReturn

from regiokompas import formatting
from regiokompas.options.errors import OptionsError
from regiokompas.options.models import Criterion, PreferenceSet, Score, ScoreKind, StatementKind, Variant

SCHEMA = "regiokompas.problem/1"


@dataclass(frozen=True)
class Statement:
    """A statement as entered (kind + data), independent of the database."""

    kind: str
    data: dict
    note: str = ""


def describe_statement(st: Statement, names: dict[str, str]) -> str:
    """One line of Dutch describing a statement, as used in messages, pages and the report."""
    n = lambda code: names.get(code, code)  # noqa: E731
    d = st.data
    if st.kind == StatementKind.RANKING:
        groups = [" = ".join(n(c) for c in group) for group in d.get("order", [])]
        return "Rangorde: " + " > ".join(groups)
    if st.kind == StatementKind.SWING:
        parts = []
        for code, value in d.get("points", {}).items():
            parts.append(f"{n(code)} {formatting.number(value[0], significant=4)}–{formatting.number(value[1], significant=4)}" if isinstance(value, list) else f"{n(code)} {formatting.number(value, significant=4)}")
        return "Swingweging (belangrijkste = 100): " + ", ".join(parts)
    if st.kind == StatementKind.INTERVAL:
        return f"Gewicht van {n(d.get('criterion'))} tussen {formatting.percent(d.get('min', 0), significant=4)} en {formatting.percent(d.get('max', 1), significant=4)}"
    if st.kind == StatementKind.RATIO:
        lo, hi = d.get("min"), d.get("max")
        span = f"{formatting.number(lo, significant=4)} keer" if lo == hi else f"{formatting.number(lo, significant=4)} tot {formatting.number(hi, significant=4)} keer"
        return f"{n(d.get('numerator'))} is {span} zo belangrijk als {n(d.get('denominator'))}"
    if st.kind == StatementKind.EXACT:
        return "Vaste gewichten: " + ", ".join(f"{n(c)} {formatting.percent(w, significant=4)}" for c, w in d.get("weights", {}).items())
    return st.kind


def statement_codes(st: Statement) -> set[str]:
    """The criterion codes a statement mentions."""
    d = st.data if isinstance(st.data, dict) else {}
    if st.kind == StatementKind.RANKING:
        return {c for group in d.get("order") or [] for c in group}
    if st.kind == StatementKind.SWING:
        return set(d.get("points") or {})
    if st.kind == StatementKind.INTERVAL:
        return {d.get("criterion")}
    if st.kind == StatementKind.RATIO:
        return {d.get("numerator"), d.get("denominator")}
    if st.kind == StatementKind.EXACT:
        return set(d.get("weights") or {})
    return set()


def _number(value, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise OptionsError(f"{what} moet een getal zijn (gevonden: {value!r}).")
    return float(value)


def compile_statements(
    statements: Sequence[Statement], criteria: Sequence[str], names: dict[str, str] | None = None
) -> tuple[list[dict], list[int]]:
    """Engine statements for one stakeholder, plus for each engine statement the index of the
    entered statement it came from. Structural errors raise :class:`OptionsError` naming the
    statement (1-based, as shown to users)."""
    compiler = _StatementCompiler(statements, criteria, names or {})
    out: list[dict] = []
    origin: list[int] = []
    for i, st in enumerate(statements):
        d = st.data if isinstance(st.data, dict) else {}
        try:
            rows = compiler.compile(i, st.kind, d)
        except OptionsError as exc:
            if not exc.statements:
                exc.statements = [i]
                exc.message = f"Uitspraak {i + 1}: {exc.message}"
                exc.args = (exc.message,)
            raise
        out += rows
        origin += [i] * len(rows)
    return out, origin


class _StatementCompiler:
    """Turns one entered statement into engine statements; one method per kind of statement."""

    def __init__(self, statements: Sequence[Statement], criteria: Sequence[str], names: dict[str, str]):
        self.statements = statements
        self.criteria = criteria
        self.names = names
        self.known = set(criteria)
        self.i = 0

    def compile(self, i: int, kind: str, d: dict) -> list[dict]:
        self.i = i
        handler = {
            StatementKind.RANKING: self._ranking,
            StatementKind.SWING: self._swing,
            StatementKind.INTERVAL: self._interval,
            StatementKind.RATIO: self._ratio,
            StatementKind.EXACT: self._exact,
        }.get(kind)
        if handler is None:
            self.fail(f"onbekende soort uitspraak '{kind}'.")
        return handler(d)

    def fail(self, text: str) -> NoReturn:
        i = self.i
        raise OptionsError(f"Uitspraak {i + 1} ({describe_statement(self.statements[i], self.names)}): {text}",
                           statements=[i])

    def name(self, code: str) -> str:
        return self.names.get(code, code)

    def check_code(self, code: Any) -> str:
        if code not in self.known:
            self.fail(f"onbekend criterium '{code}'. Kies uit: {', '.join(self.name(c) for c in self.criteria)}.")
        return code

    def _ranking(self, d: dict) -> list[dict]:
        order = d.get("order")
        if not isinstance(order, list) or not order or not all(isinstance(g, list) and g for g in order):
            self.fail("een rangorde is een lijst van groepen criteria, belangrijkste eerst.")
        seen: set[str] = set()
        for group in order:
            for code in group:
                self.check_code(code)
                if code in seen:
                    self.fail(f"criterium {self.name(code)} staat meer dan eens in de rangorde.")
                seen.add(code)
        if len(seen) < 2:
            self.fail("een rangorde noemt ten minste twee criteria.")
        return [{"type": "ranking", "order": [list(g) for g in order]}]

    def _swing_points(self, code: str, value: Any) -> tuple[float, float]:
        self.check_code(code)
        if isinstance(value, list):
            if len(value) != 2:
                self.fail("een bandbreedte bestaat uit een ondergrens en een bovengrens.")
            lo, hi = _number(value[0], "Punten"), _number(value[1], "Punten")
        else:
            lo = hi = _number(value, "Punten")
        if lo > hi:
            self.fail(f"bij {self.name(code)} ligt de ondergrens ({formatting.number(lo, significant=4)}) boven de bovengrens ({formatting.number(hi, significant=4)}).")
        if lo < 0 or hi > 100:
            self.fail(f"punten voor {self.name(code)} liggen tussen 0 en 100 (de belangrijkste krijgt 100).")
        return lo, hi

    def _swing(self, d: dict) -> list[dict]:
        points = d.get("points")
        if not isinstance(points, dict) or len(points) < 2:
            self.fail("geef bij swingweging ten minste twee criteria punten.")
        parsed = {code: self._swing_points(code, value) for code, value in points.items()}
        refs = [code for code, (lo, hi) in parsed.items() if lo == hi == 100]
        if not refs:
            self.fail("geef het belangrijkste criterium precies 100 punten.")
        if all(lo == hi for lo, hi in parsed.values()) and set(parsed) == self.known:
            total = sum(lo for lo, _ in parsed.values())
            return [{"type": "exact", "weights": {c: lo / total for c, (lo, _) in parsed.items()}}]
        ref = refs[0]
        return [{"type": "ratio", "numerator": code, "denominator": ref, "min": lo / 100, "max": hi / 100}
                for code, (lo, hi) in parsed.items() if code != ref]

    def _interval(self, d: dict) -> list[dict]:
        code = self.check_code(d.get("criterion"))
        lo, hi = _number(d.get("min"), "De ondergrens"), _number(d.get("max"), "De bovengrens")
        if lo > hi:
            self.fail(f"de ondergrens ({formatting.percent(lo, significant=4)}) ligt boven de bovengrens ({formatting.percent(hi, significant=4)}).")
        if lo < 0 or hi > 1:
            self.fail("een gewicht ligt tussen 0 % en 100 %.")
        return [{"type": "interval", "criterion": code, "min": lo, "max": hi}]

    def _ratio(self, d: dict) -> list[dict]:
        num, den = self.check_code(d.get("numerator")), self.check_code(d.get("denominator"))
        if num == den:
            self.fail("een verhouding gaat over twee verschillende criteria.")
        lo, hi = _number(d.get("min"), "De ondergrens"), _number(d.get("max"), "De bovengrens")
        if lo > hi:
            self.fail(f"de ondergrens ({formatting.number(lo, significant=4)}) ligt boven de bovengrens ({formatting.number(hi, significant=4)}).")
        if lo < 0:
            self.fail("een verhouding is niet negatief.")
        return [{"type": "ratio", "numerator": num, "denominator": den, "min": lo, "max": hi}]

    def _exact(self, d: dict) -> list[dict]:
        weights = d.get("weights")
        if not isinstance(weights, dict) or not weights:
            self.fail("geef voor elk criterium een gewicht.")
        values = {self.check_code(c): _number(w, "Een gewicht") for c, w in weights.items()}
        if set(values) != self.known:
            missing = [self.name(c) for c in self.criteria if c not in values]
            self.fail(f"vaste gewichten gelden voor alle criteria; ontbrekend: {', '.join(missing)}.")
        if any(w < 0 for w in values.values()):
            self.fail("een gewicht is niet negatief.")
        total = sum(values.values())
        if abs(total - 1) > 0.005:
            self.fail(f"de gewichten tellen op tot {formatting.percent(total, significant=4)} in plaats van 100 %.")
        return [{"type": "exact", "weights": {c: w / total for c, w in values.items()}}]


# --- from the database --------------------------------------------------------------------------


def criteria_of(trajectory) -> list[Criterion]:
    return list(Criterion.objects.filter(criteria_set__trajectory=trajectory).order_by("order", "id"))


def statements_of(pref: PreferenceSet) -> list[Statement]:
    return [Statement(s.kind, s.data, s.note) for s in pref.statements.all().order_by("order", "id")]


def criterion_entry(c: Criterion) -> dict:
    entry = {"id": c.code, "name": c.name, "unit": c.unit, "scale": [c.scale_min, c.scale_max], "direction": c.direction}
    return entry


def measurement(score: Score) -> dict:
    if score.kind == ScoreKind.EXACT:
        return {"type": "exact", "value": score.most_likely}
    if score.kind == ScoreKind.RANGE:
        if score.low == score.high:
            return {"type": "exact", "value": score.low}
        return {"type": "uniform", "low": score.low, "high": score.high}
    if score.low == score.high:
        return {"type": "exact", "value": score.most_likely}
    return {"type": "pert" if score.kind == ScoreKind.PERT else "triangular", "low": score.low, "mode": score.most_likely, "high": score.high}


def stakeholder_entry(pref: PreferenceSet, criteria: Sequence[Criterion]) -> tuple[dict, list[int]]:
    names = {c.code: c.name for c in criteria}
    compiled, origin = compile_statements(statements_of(pref), [c.code for c in criteria], names)
    m = pref.municipality
    entry = {"id": m.cbs_code, "name": m.name, "statements": compiled}
    return entry, origin


def build_problem(trajectory, *, pooled_weighting: str = "equal") -> dict:
    """The engine problem for a trajectory, from what is stored now. Raises OptionsError with a
    Dutch message when the analysis cannot run yet (missing scores, too few variants, ...)."""
    variants = list(Variant.objects.filter(trajectory=trajectory).order_by("number"))
    criteria = criteria_of(trajectory)
    if len(variants) < 2:
        raise OptionsError("Een analyse vergelijkt ten minste twee varianten; leg eerst de varianten vast.")
    if not criteria:
        raise OptionsError("De criteriaset is leeg; voeg eerst criteria toe (bijvoorbeeld met het sjabloon sociaal domein).")
    if len(criteria) < 2:
        raise OptionsError("Een analyse heeft ten minste twee criteria nodig.")
    scores = {(s.variant_id, s.criterion_id): s for s in Score.objects.filter(variant__in=variants, criterion__in=criteria)}
    missing = [f"{v} × {c}" for v in variants for c in criteria if (v.pk, c.pk) not in scores]
    if missing:
        shown = "; ".join(missing[:6]) + (f" en nog {len(missing) - 6}" if len(missing) > 6 else "")
        raise OptionsError(f"Nog niet alle scores zijn ingevuld ({len(missing)} ontbreken): {shown}.")
    prefs = list(PreferenceSet.objects.filter(trajectory=trajectory).select_related("municipality").order_by("municipality__name"))
    if not prefs:
        raise OptionsError("Nog geen enkele gemeente heeft voorkeuren opgegeven; een analyse heeft ten minste één gemeente nodig.")
    stakeholders = []
    without_figure = []
    for pref in prefs:
        entry, _origin = stakeholder_entry(pref, criteria)
        if pooled_weighting == "inhabitants":
            fig = pref.municipality.population_figures.order_by("-reference_date").first()
            if fig:
                entry["weight"] = fig.inhabitants
            else:
                without_figure.append(pref.municipality.name)
        stakeholders.append(entry)
    if without_figure:
        raise OptionsError("Weging naar inwonertal kan niet: geen inwonertal bekend van " + ", ".join(without_figure)
                           + ". Leg het inwonertal vast in het register of weeg elke gemeente even zwaar.")
    problem = {
        "schema": SCHEMA,
        "title": f"Uitvoeringsvarianten {trajectory.name}",
        "alternatives": [{"id": v.code, "name": f"Variant {v.number}: {v.name}"} for v in variants],
        "criteria": [criterion_entry(c) for c in criteria],
        "measurements": {v.code: {c.code: measurement(scores[(v.pk, c.pk)]) for c in criteria} for v in variants},
        "stakeholders": stakeholders,
    }
    if pooled_weighting != "equal":
        problem["pooled_weighting"] = pooled_weighting
    return problem


def validation_problem(criteria: Sequence[dict], stakeholder: dict) -> dict:
    """A minimal problem to let the engine check one stakeholder's statements (feasibility,
    conflicts) before anything is saved: two dummy alternatives at the scale ends."""
    alts = [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}]
    meas = {
        "a": {c["id"]: {"type": "exact", "value": c["scale"][0]} for c in criteria},
        "b": {c["id"]: {"type": "exact", "value": c["scale"][1]} for c in criteria},
    }
    return {"schema": SCHEMA, "alternatives": alts, "criteria": list(criteria), "measurements": meas, "stakeholders": [stakeholder]}
