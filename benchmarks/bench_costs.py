"""Speed of the cost computation (regiokompas.engine.costs).

Reference problem: 10 municipalities, 3 variants with 8 cost items each (fixed, variable with
economies of scale, transition, a binding deficit), 10-year horizon, 10,000 Monte Carlo draws,
and per variant the full coalition analysis: exact Shapley values over all 2^10 coalitions, the
core check and join-versus-stay-out for every municipality. Also: exact Shapley for 20 players.

Run with ``python -m benchmarks`` (all benchmarks) or ``python benchmarks/bench_costs.py``.
"""

from __future__ import annotations

import json

import numpy as np

from benchmarks import median_and_best
from regiokompas.engine.costs import compute, parse_model, shapley, simulate, subset_sums

REPEATS = 7


def reference_problem(n_municipalities: int = 10, n_variants: int = 3, years: int = 10) -> dict:
    rng = np.random.default_rng(2012)
    codes = [f"GM{1000 + i:04d}" for i in range(n_municipalities)]
    inhabitants = {c: int(x) for c, x in zip(codes, rng.integers(10_000, 120_000, n_municipalities), strict=True)}
    clients = {c: int(inhabitants[c] * rng.uniform(0.015, 0.03)) for c in codes}
    variants = []
    for v in range(n_variants):
        scale = 1.0 + 0.15 * v
        items = [
            {"id": "overhead", "name": "Overhead", "amount": {"low": 1.2e6 * scale, "likely": 1.5e6 * scale, "high": 2.1e6 * scale}},
            {"id": "ict", "name": "ICT", "amount": {"low": 0.4e6, "likely": 0.5e6, "high": 0.8e6}},
            {"id": "housing", "name": "Huisvesting", "amount": {"low": 0.3e6, "likely": 0.35e6, "high": 0.5e6}},
            {"id": "exec", "name": "Uitvoering", "behaviour": "variable", "driver": "clients", "per_unit": True,
             "scale_exponent": 0.9 - 0.05 * v, "amount": {"low": 2800, "likely": 3100, "high": 3700}},
            {"id": "reint", "name": "Re-integratie", "behaviour": "variable", "driver": "clients",
             "amount": {"low": 4e6, "likely": 4.6e6, "high": 5.5e6}},
            {"id": "trans", "name": "Transitie", "category": "transition", "first_year": 2021, "last_year": 2022,
             "amount": {"low": 0.5e6 * v, "likely": 0.7e6 * v, "high": 1.2e6 * v}},
            {"id": "frict", "name": "Frictie personeel", "category": "transition", "first_year": 2022, "last_year": 2023,
             "amount": {"low": 0.1e6, "likely": 0.2e6, "high": 0.4e6}},
            {"id": "deficit", "name": "Tekort bestaande regeling", "category": "deficit", "binding": True,
             "members": codes[: n_municipalities // 2 + 1], "amount": {"low": 0.3e6, "likely": 0.5e6, "high": 0.9e6}},
        ]
        variants.append({"id": f"v{v + 1}", "name": f"Variant {v + 1}", "items": items,
                         "keys": {"structural": "mixed" if v == 2 else "inhabitants"}})
    return {
        "schema": "regiokompas.costs/1",
        "horizon": {"start_year": 2021, "years": years},
        "indexation": 0.02,
        "municipalities": [{"code": c, "name": c} for c in codes],
        "drivers": {"clients": {"name": "cliënten", "reference_date": "2021-01-01", "values": clients}},
        "keys": {
            "inhabitants": {"name": "Inwoners", "method": "per_inhabitant", "reference_date": "2021-01-01", "values": inhabitants},
            "clients": {"name": "Cliënten", "method": "per_client", "reference_date": "2021-01-01", "driver": "clients"},
            "equal": {"name": "Gelijk", "method": "equal"},
            "mixed": {"name": "Vast + variabel", "method": "fixed_plus_variable", "fixed_fraction": 0.25,
                      "fixed_key": "equal", "variable_key": "clients"},
        },
        "default_keys": {"structural": "inhabitants", "transition": "equal", "deficit": "inhabitants"},
        "baseline": {c: {"low": 0.9 * 3300 * clients[c] + 2e5, "likely": 3300 * clients[c] + 2.5e5,
                         "high": 1.15 * 3300 * clients[c] + 3e5} for c in codes},
        "variants": variants,
    }


def run() -> dict:
    problem = reference_problem()
    compute(problem, samples=1000, seed=1)  # warm-up
    full_median, full_min = median_and_best(lambda: compute(problem, samples=10_000, seed=1), REPEATS)
    model = parse_model(problem)
    no_game = median_and_best(lambda: simulate(model, samples=10_000, seed=1, coalition_detail=False), REPEATS)
    weights = np.random.default_rng(1).uniform(1, 10, 20)
    game20 = np.where(subset_sums(weights) > 0, 1e6 + subset_sums(weights) ** 0.9, 0.0)
    shapley20 = median_and_best(lambda: shapley(game20), 3)
    result = compute(problem, samples=10_000, seed=1)
    return {
        "name": "costs",
        "problem": "10 gemeenten × 3 varianten × 10 jaar, 10.000 trekkingen, Shapley over alle 1.024 coalities",
        "median_s": round(full_median, 4),
        "min_s": round(full_min, 4),
        "goal_s": 1.0,
        "cases": [
            {"case": "alleen Monte Carlo (zonder coalitie-analyse)", "median_s": round(no_game[0], 4), "min_s": round(no_game[1], 4)},
            {"case": "exacte Shapley, 20 deelnemers (2^20 coalities)", "median_s": round(shapley20[0], 4),
             "min_s": round(shapley20[1], 4)},
        ],
        "check_total_horizon_mean_v1": round(result["variants"]["v1"]["total"]["horizon"]["mean"]),
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2, ensure_ascii=False))
