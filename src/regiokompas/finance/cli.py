"""`regiokompas costs`: the financial consequences of a trajectory's variants on the command line."""

from __future__ import annotations

import json

from regiokompas import formatting
from regiokompas.cli import CommandError, setup_django


def add_commands(subparsers) -> None:
    p = subparsers.add_parser("costs", help="financiële gevolgen per variant en per gemeente",
                              description="Berekent wat elke gemeente betaalt per variant, met onzekerheid, coalitie, de verdeling met de gekozen sleutels en de Shapley-verdeling.")
    p.add_argument("--trajectory", required=True, metavar="SLUG", help="korte naam van het traject")
    p.add_argument("--variant", type=int, action="append", metavar="N", help="alleen variant N (mag vaker)")
    p.add_argument("--coalition", metavar="CODE,CODE,...", help="CBS-codes van de gemeenten die meedoen (standaard: allemaal)")
    p.add_argument("--samples", type=int, metavar="N", help="aantal trekkingen (standaard: uit het kostenmodel)")
    p.add_argument("--seed", type=int, metavar="S", help="startwaarde toevalsgenerator (standaard: uit het kostenmodel)")
    p.add_argument("--json", action="store_true", help="volledige uitkomst als JSON")
    p.set_defaults(func=run)


def run(args) -> int:
    setup_django()
    from regiokompas.finance import build, presentation
    from regiokompas.finance.errors import FinanceError
    from regiokompas.register.models import Trajectory

    trajectory = Trajectory.objects.filter(slug=args.trajectory).first()
    if trajectory is None:
        raise CommandError(f"Onbekend traject '{args.trajectory}'.")
    coalition = _checked_arguments(args)
    try:
        result = build.compute(trajectory, coalition=coalition, variant_numbers=args.variant, samples=args.samples, seed=args.seed)
        exits = build.exit_effects(trajectory, result)
    except FinanceError as exc:
        raise CommandError(exc.message) from exc
    for vid, by_code in exits.items():
        # exit and pause per coalition member and method, over the same draws and seed as the contributions
        result["variants"][vid]["exits"] = {code: {method: build.exit_json(e) for method, e in by_method.items()}
                                            for code, by_method in by_code.items()}
    if args.json:
        for vid, v in list(result["variants"].items()):
            if not presentation.known(v):
                # no cost items: the costs are unknown, so no amounts at all (zeros would read as "free")
                result["variants"][vid] = {"name": v["name"], "known": False,
                                           "note": "Geen kostenposten vastgelegd: de kosten zijn onbekend, niet nul."}
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    _print_result(trajectory, result, exits)
    return 0


def _checked_arguments(args) -> list[str] | None:
    """The coalition (CBS codes) or None for all; refuses bad --coalition, --samples and --seed."""
    coalition = None
    if args.coalition is not None:
        coalition = [c.strip().upper() for c in args.coalition.split(",") if c.strip()]
        if not coalition:
            raise CommandError("Geef bij --coalition ten minste één CBS-code op, bijvoorbeeld GM0361,GM0383.")
    if args.samples is not None and not 1 <= args.samples <= 1_000_000:
        raise CommandError("Het aantal trekkingen is 1 tot en met 1.000.000.")
    if args.seed is not None and args.seed < 0:
        raise CommandError("De startwaarde (seed) is een geheel getal van 0 of meer.")
    return coalition


def _print_result(trajectory, result: dict, exits: dict) -> None:
    from regiokompas.finance import build, presentation

    print(f"Financiële gevolgen: {trajectory.name}")
    print(f"Coalitie: {', '.join(result['municipalities'][c] for c in result['coalition'])}; "
          f"{formatting.number(result['samples'])} trekkingen, startwaarde {result['seed']}; indexatie "
          f"{formatting.percent(build.settings_of(trajectory).indexation, 2, trim=True)} per jaar")
    for table in [presentation.variant_summary(result)]:
        _print(table)
    unknown = presentation.unknown_sentence(result)
    if unknown:
        print()
        print(unknown)
    model = build.parse(trajectory)
    for vid, v in result["variants"].items():
        if not presentation.known(v):
            continue
        _print(presentation.municipality_table(result, vid))
        _print(presentation.keys_comparison(model, result, vid))
        for line in presentation.shapley_explanation(model, result, vid) + presentation.coalition_sentences(result, vid):
            print(f"- {line}")
        _print(presentation.join_table(result, vid))
        if exits.get(vid):
            _print(presentation.exits_table(result, vid, exits[vid]))


def _print(table) -> None:
    print()
    print(table.caption)
    widths = [max(len(str(x)) for x in col) for col in zip(table.header, *table.rows, strict=False)]
    print("  ".join(h.ljust(w) for h, w in zip(table.header, widths, strict=False)))
    for row in table.rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=False)))
