"""Read a stored run's engine results into plain Dutch: tables, conclusions with their
uncertainty, agreement between municipalities, sensitivity. Used by the results page and the
substantiation report alike, so both say exactly the same thing."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from regiokompas import formatting
from regiokompas.options import charts

POOLED = "pooled"
Z95 = 1.96


def margin(se: float | None) -> str:
    """95 % Monte-Carlo margin, shown as at least 1 percentage point (never a false ± 0 %)."""
    if se is None:
        return "± ?"
    m = Z95 * se * 100
    return f"± {max(1, round(m))} %" if m >= 0.5 else "± <1 %"


def _value(x):
    """A number of the results (``results.schema.json``: a number, or null where the engine had none)."""
    return x if isinstance(x, (int, float)) and not isinstance(x, bool) else None


@dataclass
class Block:
    """Results of one stakeholder (a municipality) or of the pooled analysis."""

    id: str
    name: str
    alternatives: list[str]
    labels: dict[str, str]
    criteria: list[str]
    criterion_names: dict[str, str]
    raw: dict
    ra: dict[str, list[float]] = field(default_factory=dict)
    ra_se: dict[str, list[float]] = field(default_factory=dict)

    def __post_init__(self):
        self.ra = {a: list(self.raw.get("rank_acceptability", {}).get(a, [])) for a in self.alternatives}
        se = self.raw.get("rank_acceptability_se", {}) or {}
        self.ra_se = {a: list(se.get(a, [])) for a in self.alternatives}

    @property
    def is_pooled(self) -> bool:
        return self.id == POOLED

    def first(self, alt: str) -> float:
        return self.ra[alt][0] if self.ra.get(alt) else 0.0

    def first_se(self, alt: str) -> float | None:
        return self.ra_se[alt][0] if self.ra_se.get(alt) else None

    @property
    def ordered(self) -> list[str]:
        """Alternatives by first-rank acceptability, then holistic acceptability."""
        hol = self.raw.get("holistic_acceptability", {}) or {}
        return sorted(self.alternatives, key=lambda a: (-self.first(a), -(_value(hol.get(a)) or 0)))

    @property
    def preferred(self) -> str:
        return self.ordered[0]

    def confidence(self, alt: str) -> float | None:
        return _value((self.raw.get("confidence_factors") or {}).get(alt))

    def holistic(self, alt: str) -> float | None:
        return _value((self.raw.get("holistic_acceptability") or {}).get(alt))

    def central_weights(self, alt: str) -> dict[str, float | None]:
        cw = (self.raw.get("central_weights") or {}).get(alt) or {}
        return {c: _value(cw.get(c)) for c in self.criteria}

    def rank_table(self) -> tuple[list[str], list[list[str]]]:
        m = len(self.alternatives)
        header = ["Variant"] + [f"Plaats {r + 1}" for r in range(m)] + ["Holistisch", "Betrouwbaarheid"]
        rows = []
        for a in self.alternatives:
            ra = self.ra.get(a, [])
            se = self.ra_se.get(a, [])
            cells = [f"{formatting.percent(p)} ({margin(se[r] if r < len(se) else None)})" for r, p in enumerate(ra)]
            rows.append([self.labels[a], *cells, formatting.percent(self.holistic(a)), formatting.percent(self.confidence(a))])
        return header, rows

    def central_weight_table(self) -> tuple[list[str], list[list[str]]]:
        header = ["Criterium"] + [self.labels[a] for a in self.alternatives]
        rows = []
        for c in self.criteria:
            rows.append([self.criterion_names.get(c, c)] + [formatting.percent(self.central_weights(a).get(c)) for a in self.alternatives])
        return header, rows

    def weight_range_table(self) -> tuple[list[str], list[list[str]]] | None:
        """The weights the municipality's statements allow: mean and 95 % interval per criterion."""
        w = self.raw.get("weights") or {}
        mean, lo, hi = w.get("mean") or {}, w.get("p2_5") or {}, w.get("p97_5") or {}
        if not mean:
            return None
        rows = []
        for c in self.criteria:
            span = f"{formatting.percent(lo.get(c))} – {formatting.percent(hi.get(c))}" if c in lo and c in hi else "–"
            rows.append([self.criterion_names.get(c, c), formatting.percent(mean.get(c)), span])
        return ["Criterium", "Gemiddeld gewicht", "95 % van de gewichten tussen"], rows

    def pairwise_table(self) -> tuple[list[str], list[list[str]]] | None:
        pw = self.raw.get("pairwise_winning") or {}
        if not pw:
            return None
        header = ["Kans dat … beter is dan"] + [self.labels[b] for b in self.alternatives]
        rows = [[self.labels[a]] + ["–" if a == b else formatting.percent(_value((pw.get(a) or {}).get(b))) for b in self.alternatives]
                for a in self.alternatives]
        return header, rows

    def value_profile(self) -> dict[str, dict[str, float]]:
        det = self.raw.get("deterministic") or {}
        return det.get("value_profiles") or {}

    def value_profile_chart(self, ident: str) -> str:
        vp = self.value_profile()
        rows = [(self.labels[a], [(vp.get(a) or {}).get(c) or 0.0 for c in self.criteria]) for a in self.alternatives]
        who = "alle gemeenten samen" if self.is_pooled else self.name
        return charts.value_profile_chart(rows, [self.criterion_names.get(c, c) for c in self.criteria], ident=ident,
                                          title=f"Waardeprofiel bij representatieve gewichten – {who}")

    def value_profile_table(self) -> tuple[list[str], list[list[str]]]:
        vp = self.value_profile()
        header = ["Criterium"] + [self.labels[a] for a in self.alternatives]
        rows = [[self.criterion_names.get(c, c)] + [formatting.number((vp.get(a) or {}).get(c), 3) for a in self.alternatives] for c in self.criteria]
        rows.append(["Totaal"] + [formatting.number(sum(v for v in (vp.get(a) or {}).values() if v), 3) for a in self.alternatives])
        return header, rows

    def conclusion(self, *, with_confidence: bool = True) -> str:
        """'Variant 3 is voor Bergen in 41 % (± 1 %) van de gevallen de beste keuze', plus how firm that is."""
        order = self.ordered
        best = order[0]
        who = "voor de gemeenten samen" if self.is_pooled else f"voor {self.name}"
        p, se = self.first(best), self.first_se(best)
        text = f"{self.labels[best]} is {who} in {formatting.percent(p)} ({margin(se)}) van de gevallen de beste keuze"
        if len(order) > 1:
            second = order[1]
            p2, se2 = self.first(second), self.first_se(second)
            text += f"; daarna {self.labels[second]} met {formatting.percent(p2)}."
            spread = Z95 * math.hypot(se or 0, se2 or 0)
            if p - p2 <= spread:
                text += " Het verschil tussen die twee valt binnen de rekenonzekerheid: er is geen duidelijke winnaar."
            elif p >= 0.75:
                text += " Dat is een duidelijke voorkeur."
            elif p >= 0.5:
                text += " Dat is een voorkeur, maar geen zekerheid."
            else:
                text += " Geen enkele variant is in de meerderheid van de gevallen de beste: de keuze hangt sterk af van de gewichten en de onzekere scores."
        else:
            text += "."
        cf = self.confidence(best)
        if cf is not None and with_confidence:
            text += (f" Bij de voor {self.labels[best]} meest gunstige (centrale) gewichten blijft die variant in {formatting.percent(cf)} van de "
                     "gevallen de beste als alleen de scores onzeker zijn (betrouwbaarheidsfactor).")
        return text

    def chart(self, ident: str) -> str:
        rows = [(self.labels[a], self.ra.get(a, [])) for a in self.alternatives]
        who = "alle gemeenten samen" if self.is_pooled else self.name
        return charts.rank_acceptability_chart(rows, ident=ident, title=f"Rangkansen per variant – {who}")

    def weights_chart(self, ident: str) -> str:
        groups = [(self.criterion_names.get(c, c), [self.central_weights(a).get(c) for a in self.alternatives]) for c in self.criteria]
        who = "alle gemeenten samen" if self.is_pooled else self.name
        return charts.grouped_bar_chart(groups, [self.labels[a] for a in self.alternatives], ident=ident,
                                        title=f"Centrale gewichten – {who}", axis_label="Centraal gewicht per criterium")

    # --- sensitivity ----------------------------------------------------------------------------

    def sensitivity(self) -> dict:
        return self.raw.get("sensitivity") or {}

    def _sweeps(self) -> dict:
        return self.sensitivity().get("sweeps") or {}

    def nearest_switch(self) -> tuple[str, float, float, str] | None:
        """Over all one-way sweeps, the switch of the best variant nearest the current weight:
        (criterion, current weight, weight at the switch, new best variant). Computed once per block."""
        if "_nearest_switch" not in self.__dict__:
            self.__dict__["_nearest_switch"] = self._find_nearest_switch()
        return self.__dict__["_nearest_switch"]

    def _find_nearest_switch(self) -> tuple[str, float, float, str] | None:
        best = None
        for crit, sweep in self._sweeps().items():
            current = _value(sweep.get("current_weight"))
            if current is None:
                continue
            for w, to in _nearest_switches(sweep, current):
                if best is None or abs(w - current) < abs(best[2] - best[1]):
                    best = (crit, current, w, to)
        self.__dict__["_nearest_switch"] = best
        return best

    def key_sweep(self) -> str | None:
        """The criterion whose one-way sweep switches the best variant closest to its current weight."""
        found = self.nearest_switch()
        return found[0] if found else None

    def sweep_criterion(self) -> str | None:
        """The sweep worth showing: the one nearest a switch, otherwise the heaviest criterion's."""
        key = self.key_sweep()
        if key:
            return key
        sweeps = self._sweeps()
        if not sweeps:
            return None
        return max(sweeps, key=lambda c: (_value(sweeps[c].get("current_weight")) or 0.0, c))

    def sweep_description(self, crit: str) -> str:
        """What the sweep chart shows, in words (the chart's description and the report's alt text)."""
        sweep = self._sweeps()[crit]
        name = self.criterion_names.get(crit, crit)
        current = _value(sweep.get("current_weight"))
        text = (f"Lijngrafiek van de totale waarde van elke variant (meest waarschijnlijke scores) voor {self.name} als het gewicht "
                f"van {name} van 0 tot 100 % loopt en de andere gewichten naar verhouding meebewegen.")
        if current is not None:
            here = _best_at(sweep, current)
            text += f" Bij het huidige gewicht ({formatting.percent(current)}) is {self.labels.get(here, here)} de beste."
        switches = _all_switches(sweep)
        if switches:
            text += " Omslagpunten: " + "; ".join(
                f"bij {formatting.percent(w)} wordt {self.labels.get(to, to)} de beste" for w, _frm, to in switches) + "."
        else:
            best = _best_at(sweep, sweep["grid"][0])
            text += f" Over het hele bereik blijft {self.labels.get(best, best)} de beste."
        return text

    def sweep_chart(self, crit: str, ident: str) -> str:
        sweep = self._sweeps()[crit]
        name = self.criterion_names.get(crit, crit)
        lines = [(self.labels[a], sweep["values"][a]) for a in self.alternatives if a in sweep.get("values", {})]
        who = "alle gemeenten samen" if self.is_pooled else self.name
        return charts.sweep_chart(sweep["grid"], lines, ident=ident,
                                  title=f"Waarde van de varianten als het gewicht van {name} verandert – {who}",
                                  x_label=f"Gewicht van {name}", y_label="Totale waarde", marker=_value(sweep.get("current_weight")),
                                  switches=[w for w, _frm, _to in _all_switches(sweep)], desc=self.sweep_description(crit))

    def sweep_table(self, crit: str) -> tuple[list[str], list[list[str]]]:
        sweep = self._sweeps()[crit]
        header = [f"Gewicht van {self.criterion_names.get(crit, crit)}"] + [self.labels[a] for a in self.alternatives] + ["Beste"]
        rows = []
        for i, w in enumerate(sweep["grid"]):
            if round(w * 100) % 10 == 0:
                best = _best_at(sweep, w)
                rows.append([formatting.percent(w)] + [formatting.number(sweep["values"].get(a, [None] * len(sweep["grid"]))[i], 3) for a in self.alternatives]
                            + [self.labels.get(best, best)])
        return header, rows

    def sweep_switches(self, crit: str) -> list[str]:
        """The one-way sweep of ``crit`` in three cells: the current weight, the best variant there,
        and every switch point ('bij 24 %: Variant 2')."""
        sweep = self._sweeps()[crit]
        current = _value(sweep.get("current_weight"))
        here = _best_at(sweep, current if current is not None else sweep["grid"][0])
        switches = "; ".join(f"bij {formatting.percent(w)}: {self.labels.get(to, to)}" for w, _frm, to in _all_switches(sweep))
        return [formatting.percent(current), self.labels.get(here, here), switches or "geen omslag (0–100 %)"]

    def switch_summary(self) -> dict:
        """The "how far must the weights move" figures: within the statements, anywhere, and one weight alone."""
        s = self.sensitivity()
        change = s.get("smallest_change") or {}
        anywhere = s.get("smallest_change_anywhere") or {}

        def pair(c):
            return (c["to"], _value(c.get("distance"))) if c.get("to") and _value(c.get("distance")) is not None else None

        return {"preferred": s.get("preferred"), "within": pair(change), "no_switch_within": bool(change) and not change.get("to"),
                "anywhere": pair(anywhere), "one_way": self.nearest_switch(), "has_sweeps": bool(self._sweeps())}

    def _shift_text(self, change: dict) -> str:
        moved = change.get("weights") or {}
        parts = [f"{self.criterion_names.get(c, c)} {'+' if (_value(v) or 0) > 0 else '−'}{formatting.percent(abs(_value(v) or 0), 1, unit=' %-punt')}"
                 for c, v in sorted(moved.items(), key=lambda kv: -abs(_value(kv[1]) or 0))[:3]
                 if abs(_value(v) or 0) >= 0.0005] if isinstance(moved, dict) else []
        return f" (vooral {', '.join(parts)})" if parts else ""

    def change_text(self) -> str:
        """What would change the outcome within the municipality's own preferences, in one sentence
        (the smallest shift of the weights), or "" if the engine gave no sensitivity analysis."""
        s = self.sensitivity()
        pref = s.get("preferred")
        name = self.labels.get(pref, pref) if pref else "?"
        change = s.get("smallest_change") or {}
        if isinstance(change, dict) and change.get("to"):
            dist = _value(change.get("distance"))
            return (f"Binnen de opgegeven voorkeuren wordt {self.labels.get(change['to'], change['to'])} de beste als de gewichten in "
                    f"totaal {formatting.percent(dist, 1, unit=' procentpunt')} verschuiven{self._shift_text(change)}.")
        if isinstance(change, dict) and change:
            line = (f"Met de meest waarschijnlijke scores blijft {name} de beste bij alle gewichten die binnen de opgegeven "
                    "voorkeuren passen")
            if pref in self.ra and self.first(pref) < 0.995:
                line += f"; dat {name} niet in alle trekkingen de beste is, komt door de onzekerheid in de scores"
            return line + "."
        return ""

    def sensitivity_text(self) -> list[str]:
        """Plain sentences on how far weights must move before the preferred variant changes."""
        s = self.sensitivity()
        if not s:
            return ["De rekenkern gaf voor deze analyse geen gevoeligheidsanalyse."]
        out = []
        pref = s.get("preferred")
        name = self.labels.get(pref, pref) if pref else "?"
        out.append(f"Bij de representatieve gewichten (het gemiddelde van alle toegestane gewichten) is {name} de beste.")
        change = s.get("smallest_change") or {}
        line = self.change_text()
        if line:
            out.append(line)
        anywhere = s.get("smallest_change_anywhere") or {}
        if isinstance(anywhere, dict) and anywhere.get("to") and anywhere != change:
            dist = _value(anywhere.get("distance"))
            out.append(f"Buiten de opgegeven voorkeuren: bij een verschuiving van {formatting.percent(dist, 1, unit=' procentpunt')} in de "
                       f"gewichten{self._shift_text(anywhere)} wordt {self.labels.get(anywhere['to'], anywhere['to'])} de beste.")
        sweeps = s.get("sweeps") if isinstance(s.get("sweeps"), dict) else {}
        moves = []
        for crit, sweep in sweeps.items():
            current = _value(sweep.get("current_weight")) if isinstance(sweep, dict) else None
            if current is None:
                continue
            for w, to in _nearest_switches(sweep, current):
                moves.append((abs(w - current), crit, current, w, to))
        for _gap, crit, current, w, to in sorted(moves)[:3]:
            verb = "stijgt" if w > current else "daalt"
            out.append(f"Als het gewicht van {self.criterion_names.get(crit, crit)} van {formatting.percent(current)} {verb} tot ongeveer {formatting.percent(w)} "
                       f"(de andere gewichten naar verhouding), wordt {self.labels.get(to, to)} de beste.")
        if sweeps and not moves:
            out.append(f"Geen enkel gewicht afzonderlijk (0–100 %, de andere naar verhouding) maakt een andere variant dan {name} de beste.")
        return out


def _best_at(sweep: dict, weight: float) -> str:
    """The best alternative along a sweep at the grid point nearest ``weight``."""
    grid, values = sweep["grid"], sweep["values"]
    i = min(range(len(grid)), key=lambda k: abs(grid[k] - weight))
    return max(values, key=lambda a: values[a][i] if values[a][i] is not None else float("-inf"))


def _all_switches(sweep: dict) -> list[tuple[float, str, str]]:
    """Every change of the best alternative along a sweep, low to high: [(weight, from, to)], the
    engine's exact switch points."""
    return [(float(x["weight"]), x["from"], x["to"]) for x in sweep["switches"]]


def _nearest_switches(sweep: dict, current: float) -> list[tuple[float, str]]:
    """Along a one-way sweep, the first change of the best alternative above and below the current
    weight: [(weight at the crossing, new best alternative)]."""
    grid, values = sweep.get("grid") or [], sweep.get("values") or {}
    if len(grid) < 2 or not values:
        return []
    alts = list(values)

    def best(i):
        return max(alts, key=lambda a: values[a][i] if values[a][i] is not None else float("-inf"))

    def crossing(i, j):
        a, b = best(i), best(j)
        d0, d1 = values[a][i] - values[b][i], values[a][j] - values[b][j]
        frac = d0 / (d0 - d1) if d0 != d1 else 0.5
        return grid[i] + frac * (grid[j] - grid[i]), b

    start = min(range(len(grid)), key=lambda i: abs(grid[i] - current))
    here = best(start)
    out = []
    for i in range(start, len(grid) - 1):
        if best(i + 1) != here:
            out.append(crossing(i, i + 1))
            break
    for i in range(start, 0, -1):
        if best(i - 1) != here:
            out.append(crossing(i, i - 1))
            break
    return out


# The sampler methods of results.schema.json ("mixture" is the pooled block's, never shown per municipality).
SAMPLERS = {"exact": "exact (geordende uniforme trekking)", "rejection": "verwerping (exacte trekking)",
            "hit_and_run": "hit-and-run (Markov-keten)", "point": "vaste gewichten", "mixture": "mengsel van de gemeenten"}


@dataclass
class Reading:
    """The whole run read for people."""

    blocks: list[Block]
    pooled: Block | None
    labels: dict[str, str]
    alternatives: list[str]
    criteria: list[str]
    criterion_names: dict[str, str]
    results: dict
    snapshot: dict | None = None

    @property
    def municipalities(self) -> list[Block]:
        return [b for b in self.blocks if not b.is_pooled]

    def agreement(self) -> list[str]:
        """Where municipalities agree or differ, in plain Dutch."""
        munis = self.municipalities
        if not munis:
            return ["Er zijn geen gemeenten met voorkeuren in deze analyse."]
        by_pref: dict[str, list[str]] = {}
        for b in munis:
            by_pref.setdefault(b.preferred, []).append(b.name)
        lines = []
        if len(by_pref) == 1:
            alt = next(iter(by_pref))
            lines.append(f"Alle {len(munis)} gemeenten met voorkeuren zien {self.labels[alt]} het vaakst als beste keuze.")
        else:
            for alt, names in sorted(by_pref.items(), key=lambda kv: -len(kv[1])):
                lines.append(f"{self.labels[alt]} is het vaakst de beste keuze voor {_join(names)}.")
        if len(munis) > 1:
            diffs = []
            for a in self.alternatives:
                values = [(b.first(a), b.name) for b in munis]
                lo, hi = min(values), max(values)
                diffs.append((hi[0] - lo[0], a, lo, hi))
            gap, a, lo, hi = max(diffs)
            lines.append(
                f"Het grootste verschil tussen gemeenten betreft {self.labels[a]}: {formatting.percent(hi[0])} van de gevallen de beste voor "
                f"{hi[1]} tegen {formatting.percent(lo[0])} voor {lo[1]}."
            )
            close = [a for gap_, a, lo_, hi_ in diffs if gap_ < 0.10]
            if close:
                lines.append("Gemeenten liggen dicht bij elkaar (minder dan 10 procentpunt verschil) voor: "
                             + _join([self.labels[a] for a in close]) + ".")
        consensus = self.results.get("consensus")
        if isinstance(consensus, dict):
            if consensus.get("feasible") is False:
                lines.append("Er bestaan geen gewichten die aan de voorkeuren van alle gemeenten tegelijk voldoen. " + self.conflict_text(consensus))
            elif consensus.get("rank_acceptability"):
                ra = consensus["rank_acceptability"]
                best = max(self.alternatives, key=lambda x: (ra.get(x) or [0])[0])
                lines.append(f"Binnen de gewichten die bij alle gemeenten tegelijk passen, is {self.labels[best]} in "
                             f"{formatting.percent((ra.get(best) or [0])[0])} van de gevallen de beste.")
        return lines

    def conflict_text(self, consensus: dict) -> str:
        """Which entered statements clash between municipalities (engine indices mapped back)."""
        names = {b.id: b.name for b in self.municipalities}
        prefs = {p["municipality"]: p for p in (self.snapshot or {}).get("preferences", [])}
        per: dict[str, set[int]] = {}
        for c in consensus.get("conflicts") or []:
            sid, idx = c.get("stakeholder"), c.get("statement")
            origin = prefs.get(sid, {}).get("origin") or []
            per.setdefault(sid, set()).add(origin[idx] if isinstance(idx, int) and 0 <= idx < len(origin) else idx)
        if not per:
            return consensus.get("message", "")
        parts = []
        for sid, idx in per.items():
            statements = prefs.get(sid, {}).get("statements") or []
            texts = [f"uitspraak {i + 1} ({statements[i]['text']})" if isinstance(i, int) and i < len(statements) else f"uitspraak {i}"
                     for i in sorted(x for x in idx if x is not None)]
            parts.append(f"{names.get(sid, sid)}: {'; '.join(texts)}")
        return "Deze uitspraken botsen met elkaar: " + " — ".join(parts) + "."

    def summary(self) -> list[str]:
        """The conclusion in a few plain Dutch sentences, for the top of the results page and the
        report: the outcome for all municipalities together, whether they agree, and whether there
        are weights that fit every municipality's preferences at once."""
        munis = self.municipalities
        if not munis:
            return ["Er zijn geen gemeenten met voorkeuren in deze analyse; er is daarom geen conclusie."]
        lines = []
        if self.pooled is not None:
            lines.append(self.pooled.conclusion(with_confidence=False))
        else:
            lines.append(munis[0].conclusion(with_confidence=False))
        if len(munis) > 1:
            by_pref: dict[str, list[str]] = {}
            for b in munis:
                by_pref.setdefault(b.preferred, []).append(b.name)
            if len(by_pref) == 1:
                alt = next(iter(by_pref))
                lines.append(f"De gemeenten zijn het eens: voor alle {len(munis)} gemeenten met voorkeuren is {self.labels[alt]} "
                             "het vaakst de beste keuze.")
            else:
                groups = sorted(by_pref.items(), key=lambda kv: (-len(kv[1]), kv[0]))
                parts = [f"{self.labels[alt]} is het vaakst de beste keuze voor {_join(names)}" if k == 0
                         else f"{self.labels[alt]} voor {_join(names)}" for k, (alt, names) in enumerate(groups)]
                lines.append("De gemeenten zijn het niet eens: " + "; ".join(parts) + ".")
            consensus = self.results.get("consensus")
            if isinstance(consensus, dict) and consensus.get("feasible") is False:
                pooled = " De gezamenlijke uitkomst hierboven is daarom een gemiddelde over de gemeenten, geen gedeelde afweging." \
                    if self.pooled is not None else ""
                lines.append("Er bestaan geen gewichten die bij de voorkeuren van alle gemeenten tegelijk passen." + pooled + " "
                             + self.conflict_text(consensus))
            elif isinstance(consensus, dict) and consensus.get("rank_acceptability"):
                ra, se = consensus["rank_acceptability"], consensus.get("rank_acceptability_se") or {}
                best = max(self.alternatives, key=lambda x: (ra.get(x) or [0])[0])
                lines.append(f"Er bestaan gewichten die bij de voorkeuren van alle gemeenten tegelijk passen. Binnen die gedeelde "
                             f"gewichten is {self.labels[best]} in {formatting.percent((ra.get(best) or [0])[0])} "
                             f"({margin((se.get(best) or [None])[0])}) van de gevallen de beste keuze.")
            else:
                lines.append("Of er gewichten bestaan die bij de voorkeuren van alle gemeenten tegelijk passen, is in deze analyse "
                             "niet berekend.")
        return lines

    def sensitivity_table(self) -> tuple[list[str], list[list[str]]]:
        """Per municipality (and together): how far the weights must move before another variant is best."""
        header = ["Gemeente", "Beste bij representatieve gewichten", "Binnen de opgegeven voorkeuren",
                  "Ook buiten de voorkeuren", "Eén gewicht afzonderlijk"]
        rows = []
        for b in self.blocks:
            s = b.switch_summary()
            label = self.labels.get(s["preferred"], s["preferred"] or "–")
            if s["within"]:
                within = f"{_pp(s['within'][1])}, dan {self.labels.get(s['within'][0], s['within'][0])}"
            elif s["no_switch_within"]:
                within = "geen andere variant de beste"
            else:
                within = "–"
            anywhere = f"{_pp(s['anywhere'][1])}, dan {self.labels.get(s['anywhere'][0], s['anywhere'][0])}" if s["anywhere"] else "–"
            if s["one_way"]:
                crit, cur, w, to = s["one_way"]
                one = f"{b.criterion_names.get(crit, crit)} van {formatting.percent(cur)} naar {formatting.percent(w)}, dan {self.labels.get(to, to)}"
            else:
                one = "geen omslag" if s["has_sweeps"] else "–"
            rows.append([b.name, label, within, anywhere, one])
        return header, rows

    def sensitivity_chart(self, ident: str) -> str:
        rows = []
        for b in self.blocks:
            s = b.switch_summary()
            rows.append((b.name, s["within"][1] if s["within"] else None, s["anywhere"][1] if s["anywhere"] else None,
                         "geen omslag binnen de voorkeuren" if s["no_switch_within"] else ""))
        return charts.switch_distance_chart(rows, ident=ident, title="Hoe ver moeten de gewichten verschuiven voordat een andere variant de beste is?")

    def comparison_table(self) -> tuple[list[str], list[list[str]]]:
        header = ["Gemeente"] + [self.labels[a] for a in self.alternatives] + ["Voorkeur"]
        rows = []
        for b in self.blocks:
            rows.append([b.name] + [f"{formatting.percent(b.first(a))} ({margin(b.first_se(a))})" for a in self.alternatives] + [self.labels[b.preferred]])
        return header, rows

    def comparison_chart(self, ident: str) -> str:
        groups = [(b.name, [b.first(a) for a in self.alternatives]) for b in self.blocks]
        return charts.grouped_bar_chart(groups, [self.labels[a] for a in self.alternatives], ident=ident,
                                        title="Kans op de eerste plaats per gemeente", axis_label="Kans dat de variant de beste is",
                                        max_value=1.0)

    def sampler_text(self, block: Block) -> str:
        s = block.raw["sampler"]
        text = SAMPLERS.get(s["method"], s["method"])
        details = []
        if "acceptance_rate" in s:
            details.append(f"acceptatie {formatting.percent(s['acceptance_rate'])}")
        if "thinning" in s:
            details.append(f"verdunning {s['thinning']}")
        if "chains" in s:
            details.append(f"{s['chains']} ketens")
        return text + (f" ({', '.join(details)})" if details else "")


def _pp(distance: float | None) -> str:
    """A weight shift in percentage points: 0.0489 -> '4,9 procentpunt'."""
    return formatting.percent(distance, 1, unit=" procentpunt")


def _join(names: list[str]) -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " en " + names[-1]


def short_label(alt_id: str, full_name: str) -> str:
    if alt_id.startswith("v") and alt_id[1:].isdigit():
        return f"Variant {alt_id[1:]}"
    return full_name


def read(problem: dict, results: dict, snapshot: dict | None = None) -> Reading:
    alternatives = [a["id"] for a in problem.get("alternatives", [])]
    labels = {a["id"]: short_label(a["id"], a.get("name", a["id"])) for a in problem.get("alternatives", [])}
    criteria = [c["id"] for c in problem.get("criteria", [])]
    cnames = {c["id"]: c.get("name", c["id"]) for c in problem.get("criteria", [])}
    names = {s["id"]: s.get("name", s["id"]) for s in problem.get("stakeholders", [])}
    blocks = []
    for sid in [s["id"] for s in problem.get("stakeholders", [])]:
        raw = (results.get("stakeholders") or {}).get(sid)
        if raw:
            blocks.append(Block(sid, names.get(sid, sid), alternatives, labels, criteria, cnames, raw))
    pooled = None
    if results.get(POOLED) and len(blocks) > 1:
        pooled = Block(POOLED, "Alle gemeenten samen", alternatives, labels, criteria, cnames, results[POOLED])
        blocks.append(pooled)
    return Reading(blocks, pooled, labels, alternatives, criteria, cnames, results, snapshot)


def compare(reading_a: Reading, reading_b: Reading) -> list[list[str]]:
    """Rows: who, variant, first-rank acceptability in run A, in run B, difference."""
    rows = []
    b_blocks = {b.id: b for b in reading_b.blocks}
    for a_block in reading_a.blocks:
        other = b_blocks.get(a_block.id)
        for alt in reading_a.alternatives:
            pa = a_block.first(alt)
            pb = other.first(alt) if other and alt in other.ra else None
            diff = "–" if pb is None else formatting.percent(pb - pa, unit=" procentpunt", signed=True)
            rows.append([a_block.name, reading_a.labels.get(alt, alt), formatting.percent(pa), formatting.percent(pb), diff])
    return rows


def _run_key(run) -> tuple:
    return (run.pk, run.trajectory_id, run.number, run.seed, run.created_at.isoformat() if run.created_at else "")


def run_overview(run) -> dict:
    """What the results page shows first of a stored run (conclusion in plain Dutch with the variant
    names, a few key charts), computed once per run and cached: a run is history and never changes,
    and nothing in it depends on who views it."""
    from regiokompas import caching

    return caching.cached("options.run_overview", _run_key(run), lambda: _run_overview(run), versioned=False)


def run_details(run) -> dict:
    """Every index, chart and table of a stored run, per municipality; cached like the overview."""
    from regiokompas import caching

    return caching.cached("options.run_details", _run_key(run), lambda: _run_details(run), versioned=False)


def _named_reading(run) -> Reading:
    """The run read with the full variant names ("Variant 3: Eén uitvoeringsorganisatie") for the
    sentences a reader sees first; charts and tables keep the short labels."""
    reading = read(run.problem, run.results, run.snapshot)
    reading.labels.update({a["id"]: a.get("name", a["id"]) for a in run.problem.get("alternatives", [])})
    return reading


def _run_overview(run) -> dict:
    from regiokompas.options import quality

    reading = read(run.problem, run.results, run.snapshot)
    named = _named_reading(run)
    pooled = reading.pooled
    blocks = [{"block": b, "anchor": f"res-{b.id}", "conclusion": nb.conclusion(with_confidence=False),
               "change": nb.change_text(), "rank_table": b.rank_table()}
              for b, nb in zip(reading.blocks, named.blocks, strict=True)]
    return {
        "reading": reading, "blocks": blocks,
        "agreement": reading.agreement(), "summary": named.summary(),
        "variant_names": [(reading.labels[a], named.labels[a]) for a in reading.alternatives],
        "pooled_chart": pooled.chart("ra-pooled") if pooled is not None else (reading.blocks[0].chart("ra-0") if reading.blocks else ""),
        "pooled_table": pooled.rank_table() if pooled is not None else None,
        "sensitivity_chart": reading.sensitivity_chart("gv") if reading.blocks else "",
        "sensitivity_table": reading.sensitivity_table() if reading.blocks else None,
        "comparison_table": reading.comparison_table() if len(reading.municipalities) > 1 else None,
        "comparison_chart": reading.comparison_chart("cmp") if len(reading.municipalities) > 1 else "",
        "findings": quality.findings(run.snapshot),
    }


def _run_details(run) -> dict:
    reading = read(run.problem, run.results, run.snapshot)
    blocks = []
    for i, b in enumerate(reading.blocks):
        blocks.append({
            "block": b, "anchor": f"res-{b.id}", "conclusion": b.conclusion(), "chart": b.chart(f"ra-{i}"),
            "rank_table": b.rank_table(), "weights_chart": b.weights_chart(f"cw-{i}"), "weights_table": b.central_weight_table(),
            "sensitivity": b.sensitivity_text(), "sampler": reading.sampler_text(b),
            "weight_range": b.weight_range_table(), "pairwise": b.pairwise_table(),
            "profile_chart": b.value_profile_chart(f"vp-{i}") if b.value_profile() else "",
            "profile_table": b.value_profile_table() if b.value_profile() else None,
        })
        key = b.sweep_criterion()
        if key:
            blocks[-1].update({"sweep_name": b.criterion_names.get(key, key), "sweep_chart": b.sweep_chart(key, f"sw-{i}"),
                               "sweep_table": b.sweep_table(key), "sweep_switches": bool(b.key_sweep())})
    return {
        "reading": reading, "blocks": blocks,
        "variant_names": [(reading.labels[a], a_name) for a, a_name in
                          ((x["id"], x.get("name", x["id"])) for x in run.problem.get("alternatives", []))],
    }
