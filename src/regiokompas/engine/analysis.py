"""``analyse(problem, samples, seed)``: SMAA-2 per stakeholder, pooled, consensus, sensitivity."""

from __future__ import annotations

import math
import operator
from typing import Any

import numpy as np

from regiokompas import formatting
from regiokompas.conf import limits
from regiokompas.engine import constraints as cons
from regiokompas.engine import smaa
from regiokompas.engine.errors import ProblemError, err, statement_list
from regiokompas.engine.measurements import Measurements, support
from regiokompas.engine.problem import Problem, check_size, parse
from regiokompas.engine.sampling import sample_weights
from regiokompas.engine.sensitivity import stability, sweeps

RESULT_SCHEMA = "regiokompas.result/1"
MIN_SAMPLES = 100
MAX_SAMPLES = limits.LIMITS["REGIOKOMPAS_MAX_SAMPLES"].default  # the limit in force: limits.limit(...)
CACHE_BYTES = 512 * 2**20
CHUNK_CELLS = 2_000_000  # samples × alternatives × criteria per chunk
WEIGHT_STREAM, MEASUREMENT_STREAM, CONSENSUS_STREAM = 0, 1, 2


def _rng(seed: int, *key: int) -> np.random.Generator:
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=key))


def _r(x: Any, digits: int = 6) -> float | None:
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return None
    return round(float(x), digits)


class ValueSource:
    """Measurement samples by chunk: one fixed matrix when all are exact, otherwise per-chunk draws
    from a chunk-specific seed (kept in memory as float32 when they fit, else redrawn)."""

    def __init__(self, meas: Measurements, size: int, seed: int):
        self.meas, self.size, self.seed = meas, size, seed
        m, n = meas.m, meas.n
        c = max(1000, CHUNK_CELLS // max(m * n, 1))
        self.chunks = [(a, min(a + c, size)) for a in range(0, size, c)]
        self.cache: dict[int, np.ndarray] | None = {} if size * m * n * 4 <= CACHE_BYTES else None

    def __call__(self, k: int) -> np.ndarray:
        if self.meas.exact:
            return self.meas.deterministic
        if self.cache is not None and k in self.cache:
            return self.cache[k]
        a, b = self.chunks[k]
        V = self.meas.sample(b - a, _rng(self.seed, MEASUREMENT_STREAM, k))
        if self.cache is not None:
            self.cache[k] = V
        return V


def _block(problem: Problem, ind: smaa.Indices, cf: np.ndarray, cf_se: np.ndarray, sampler: dict, weights_mean: np.ndarray,
           weights_q: Any) -> dict:
    alts, crits = problem.alternatives, problem.criterion_ids
    m = len(alts)
    ra_se = smaa.batch_se(ind.ra_batches)
    cw, cw_se, pw, pw_se = ind.cw, ind.cw_se, ind.pairwise, ind.pairwise_se
    hw = smaa.holistic_weights(m)
    hol_b = ind.ra_batches @ hw
    hol = ind.ra @ hw
    hol_se = smaa.batch_se(hol_b)
    ent = smaa.entropy_bits(ind.ra, axis=1)
    ent_se = smaa.entropy_se(ind.ra_batches)
    block = {
        "rank_acceptability": {a: [_r(x) for x in ind.ra[i]] for i, a in enumerate(alts)},
        "rank_acceptability_se": {a: [_r(x) for x in ra_se[i]] for i, a in enumerate(alts)},
        "holistic_acceptability": {a: _r(hol[i]) for i, a in enumerate(alts)},
        "holistic_acceptability_se": {a: _r(hol_se[i]) for i, a in enumerate(alts)},
        "central_weights": {a: {c: _r(cw[i, j]) for j, c in enumerate(crits)} for i, a in enumerate(alts)},
        "central_weights_se": {a: {c: _r(cw_se[i, j]) for j, c in enumerate(crits)} for i, a in enumerate(alts)},
        "confidence_factors": {a: _r(cf[i]) for i, a in enumerate(alts)},
        "confidence_factors_se": {a: _r(cf_se[i]) for i, a in enumerate(alts)},
        "pairwise_winning": {a: {b: (None if i == k else _r(pw[i, k])) for k, b in enumerate(alts)}
                             for i, a in enumerate(alts)},
        "pairwise_winning_se": {a: {b: (None if i == k else _r(pw_se[i, k])) for k, b in enumerate(alts)}
                                for i, a in enumerate(alts)},
        "rank_entropy": {
            "per_alternative": {a: _r(ent[i]) for i, a in enumerate(alts)},
            "per_alternative_se": {a: _r(ent_se[i]) for i, a in enumerate(alts)},
            "rankings": _r(_ranking_entropy(ind.rankings)) if ind.rankings else None,
            "distinct_rankings": len(ind.rankings) if ind.rankings else None,
        },
        "weights": {"mean": {c: _r(weights_mean[j]) for j, c in enumerate(crits)},
                    "p2_5": {c: _r(weights_q[0][j]) for j, c in enumerate(crits)},
                    "p97_5": {c: _r(weights_q[1][j]) for j, c in enumerate(crits)}},
        "sampler": sampler,
    }
    return block


def _ranking_entropy(counts: dict) -> float:
    p = np.array(list(counts.values()), float)
    p /= p.sum()
    return float(smaa.entropy_bits(p))


def _deterministic(problem: Problem, V: np.ndarray, w: np.ndarray) -> dict:
    alts, crits = problem.alternatives, problem.criterion_ids
    total = V @ w
    order = np.argsort(-total, kind="stable")
    return {
        "weights": {c: _r(w[j]) for j, c in enumerate(crits)},
        "values": {a: _r(total[i]) for i, a in enumerate(alts)},
        "value_profiles": {a: {c: _r(V[i, j] * w[j]) for j, c in enumerate(crits)} for i, a in enumerate(alts)},
        "partial_values": {a: {c: _r(V[i, j]) for j, c in enumerate(crits)} for i, a in enumerate(alts)},
        "ranking": [alts[i] for i in order],
    }


def _analyse_weights(problem: Problem, source: ValueSource, rows: list[cons.Row], size: int, seed_key: tuple[int, ...],
                     seed: int, method: str | None = None) -> tuple[smaa.Indices, dict, np.ndarray, np.ndarray]:
    n = len(problem.criteria)
    red = cons.reduce(rows, n)
    W, info = sample_weights(n, rows, red, size, _rng(seed, *seed_key), method=method)
    info["samples"] = size
    m = len(problem.alternatives)
    tally = smaa.run_pass(W, source, source.chunks, m, n, size)
    ind = smaa.indices(tally)
    mean = W.mean(axis=0)
    q = np.quantile(W[:: max(1, size // 50_000)], [0.025, 0.975], axis=0)  # percentiles from ≤ ~50,000 draws
    return ind, info, mean, q


def _integer(x: Any) -> int | None:
    if isinstance(x, bool):
        return None
    try:
        return operator.index(x)
    except TypeError:
        return None


def _stakeholder_rows(problem: Problem, si: int) -> list[cons.Row]:
    return cons.statement_rows(problem.stakeholders[si].statements, problem.criterion_ids)


def analyse(problem: dict, samples: int = 10000, seed: int = 0, *, sampler: str | None = None) -> dict:
    """Run the full analysis; see docs/problem-schema.md for the input and output formats.

    ``sampler`` forces a weight sampler (``"hit_and_run"``) for testing and benchmarks."""
    from regiokompas.engine import __version__

    checked_samples, checked_seed = _integer(samples), _integer(seed)
    max_samples = limits.limit("REGIOKOMPAS_MAX_SAMPLES")
    if checked_samples is None or not MIN_SAMPLES <= checked_samples <= max_samples:
        raise ProblemError([err("options.samples", f"Het aantal trekkingen moet een geheel getal tussen {MIN_SAMPLES} en "
                                f"{formatting.number(max_samples)} zijn (REGIOKOMPAS_MAX_SAMPLES).")])
    if checked_seed is None or not 0 <= checked_seed < 2**63:
        raise ProblemError([err("options.seed", "Het zaadgetal (seed) moet een geheel getal van 0 of groter zijn.")])
    samples, seed = checked_samples, checked_seed
    if sampler not in (None, "exact", "rejection", "hit_and_run"):
        raise ProblemError([err("options.sampler", f"Onbekende sampler '{sampler}'.")])
    check_size(problem, samples)
    p = parse(problem)
    n, m = len(p.criteria), len(p.alternatives)
    all_rows = []
    errors = []
    for si, s in enumerate(p.stakeholders):
        rows = _stakeholder_rows(p, si)
        if not cons.feasible(rows, n):
            bad = cons.conflicting_statements(rows, n)
            errors.append(err("weights.infeasible",
                              f"De voorkeuren van {s.name} zijn niet tegelijk te vervullen: {statement_list(bad)} "
                              "spreken elkaar tegen. Pas een van deze uitspraken aan.",
                              statements=bad, stakeholder=s.id))
        all_rows.append(rows)
    if errors:
        raise ProblemError(errors)

    meas = Measurements(p)
    source = ValueSource(meas, samples, seed)
    force = "hit_and_run" if sampler == "hit_and_run" else sampler
    V_det = meas.deterministic
    result: dict = {
        "schema": RESULT_SCHEMA,
        "engine_version": __version__,
        "samples": samples,
        "seed": seed,
        "alternatives": p.alternatives,
        "criteria": p.criterion_ids,
        "measurements": {"exact": meas.exact, "chunks": len(source.chunks)},
        "tie_policy": "gedeelde plaatsen: gelijke waarden delen de plaatsen die ze innemen gelijk",
        "stakeholders": {},
        "warnings": _scale_warnings(p),
    }
    per: list[tuple[smaa.Indices, np.ndarray]] = []
    for si, s in enumerate(p.stakeholders):
        ind, info, mean, q = _analyse_weights(p, source, all_rows[si], samples, (WEIGHT_STREAM, si), seed, force)
        cf, cf_se = smaa.confidence_pass(ind.cw, source, source.chunks, m, samples)
        block = _block(p, ind, cf, cf_se, info, mean, q)
        block["name"] = s.name
        block["warnings"] = [
            err("weights.implied_equality",
                f"{statement_list(group).capitalize()} van {s.name} leggen samen gewichten precies vast (een gelijkheid); "
                "de analyse rekent daarmee, maar controleer of dat zo bedoeld is.", statements=group, stakeholder=s.id)
            for group in info.get("implied_equalities", []) if group]
        block["deterministic"] = _deterministic(p, V_det, mean)
        block["sensitivity"] = stability(V_det, mean, all_rows[si], p.alternatives, p.criterion_ids)
        block["sensitivity"]["sweeps"] = sweeps(V_det, mean, p.alternatives, p.criterion_ids)
        result["stakeholders"][s.id] = block
        per.append((ind, mean))

    # Pooled: the mixture of the stakeholders' weight distributions.
    if p.pooled_weighting == "equal":
        pw = np.ones(len(p.stakeholders))
    else:
        pw = np.array([float(s.weight or 0.0) for s in p.stakeholders])
    pw = pw / pw.sum()
    pooled_ind = per[0][0].mix(pw, [ind for ind, _ in per])
    cw = pooled_ind.cw
    if len(per) == 1:  # a mixture of one: the stakeholder's own confidence factors
        only = result["stakeholders"][p.stakeholders[0].id]
        cf = np.array([np.nan if only["confidence_factors"][a] is None else only["confidence_factors"][a] for a in p.alternatives])
        cf_se = np.array([np.nan if only["confidence_factors_se"][a] is None else only["confidence_factors_se"][a]
                          for a in p.alternatives])
    else:
        cf, cf_se = smaa.confidence_pass(cw, source, source.chunks, m, samples)
    mean = sum(w * mu for w, (_, mu) in zip(pw, per, strict=True))
    sampler_info = {"method": "mixture", "samples": samples,
                    "components": {s.id: _r(w) for s, w in zip(p.stakeholders, pw, strict=True)},
                    "weighting": p.pooled_weighting}
    pooled = _block(p, pooled_ind, cf, cf_se, sampler_info, mean, (np.full(n, np.nan), np.full(n, np.nan)))
    pooled.pop("weights")
    pooled["weights"] = {"mean": {c: _r(mean[j]) for j, c in enumerate(p.criterion_ids)}}
    pooled["name"] = "Alle belanghebbenden samen"
    pooled["deterministic"] = _deterministic(p, V_det, mean)
    if len(per) == 1:
        pooled["sensitivity"] = result["stakeholders"][p.stakeholders[0].id]["sensitivity"]
    else:
        pooled["sensitivity"] = stability(V_det, mean, [], p.alternatives, p.criterion_ids)
        pooled["sensitivity"]["sweeps"] = sweeps(V_det, mean, p.alternatives, p.criterion_ids)
    result["pooled"] = pooled

    # Consensus: the weights every stakeholder accepts.
    if len(p.stakeholders) > 1:
        result["consensus"] = _consensus(p, source, samples, seed, force)
    else:
        result["consensus"] = None
    result["agreement"] = _agreement(p, result)
    return result


def _consensus(p: Problem, source: ValueSource, samples: int, seed: int, force: str | None) -> dict:
    n, m = len(p.criteria), len(p.alternatives)
    rows: list[cons.Row] = []
    owners: list[tuple[str, int]] = []  # (stakeholder id, statement index)
    for s in p.stakeholders:
        offset = len(owners)
        rows += cons.statement_rows(s.statements, p.criterion_ids, offset=offset)
        owners += [(s.id, k) for k in range(len(s.statements))]
    if not cons.feasible(rows, n):
        bad = cons.conflicting_statements(rows, n)
        conflicts = [{"stakeholder": owners[i][0], "statement": owners[i][1]} for i in bad]
        names = {s.id: s.name for s in p.stakeholders}
        parts: dict[str, list[int]] = {}
        for i in bad:
            parts.setdefault(owners[i][0], []).append(owners[i][1])
        text = "; ".join(f"{names[sid]}: {statement_list(idx)}" for sid, idx in parts.items())
        return {"feasible": False, "conflicts": conflicts, "key": "consensus.empty",
                "message": f"Er zijn geen gewichten die bij alle belanghebbenden passen. Deze uitspraken botsen: {text}."}
    ind, info, mean, q = _analyse_weights(p, source, rows, samples, (CONSENSUS_STREAM,), seed, force)
    cf, cf_se = smaa.confidence_pass(ind.cw, source, source.chunks, m, samples)
    block = _block(p, ind, cf, cf_se, info, mean, q)
    block["feasible"] = True
    block["name"] = "Gedeelde gewichten (consensus)"
    block["deterministic"] = _deterministic(p, source.meas.deterministic, mean)
    return block


def _scale_warnings(p: Problem) -> list[dict]:
    out = []
    for i, alt in enumerate(p.alternatives):
        for j, crit in enumerate(p.criteria):
            lo, hi = support(p.measurements[i][j], crit)
            if lo < crit.low - 1e-9 * abs(crit.high - crit.low) or hi > crit.high + 1e-9 * abs(crit.high - crit.low):
                out.append(err("measurement.outside_scale",
                               f"De meting van {p.alternative_names[alt]} op {crit.name} ({formatting.number(lo, significant=4)} tot {formatting.number(hi, significant=4)}) valt (deels) "
                               f"buiten de schaal [{formatting.number(crit.low, significant=4)}, {formatting.number(crit.high, significant=4)}]; waarden buiten de schaal tellen als het "
                               "dichtstbijzijnde uiteinde. Verruim zo nodig de schaal.", path=f"measurements/{alt}/{crit.id}"))
    return out


def _agreement(p: Problem, result: dict) -> dict:
    alts = p.alternatives
    preferred = {}
    first = {}
    for sid, block in result["stakeholders"].items():
        ra = block["rank_acceptability"]
        preferred[sid] = max(alts, key=lambda a: (ra[a][0], block["holistic_acceptability"][a]))
        first[sid] = {a: ra[a][0] for a in alts}
    spread = {a: _r(max(f[a] for f in first.values()) - min(f[a] for f in first.values())) for a in alts}
    return {
        "preferred": preferred,
        "unanimous": len(set(preferred.values())) == 1,
        "first_rank_spread": spread,
    }
