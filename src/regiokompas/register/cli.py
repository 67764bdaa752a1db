"""`regiokompas generate-scale-data`: an illustrative national-scale data set (benchmarks, load tests)."""

from __future__ import annotations

import time


def add_commands(sub) -> None:
    p = sub.add_parser(
        "generate-scale-data",
        help="vul een (wegwerp)database met een illustratieve gegevensset op landelijke schaal (benchmarks, belastingtest)",
    )
    p.add_argument("--regions", type=int, default=25, help="aantal regio's (standaard 25)")
    p.add_argument("--municipalities", type=int, default=342, help="aantal huidige CBS-gemeenten, verdeeld over de regio's (standaard 342)")
    p.add_argument("--trajectories", type=int, default=200, help="aantal illustratieve trajecten (standaard 200)")
    p.add_argument("--decisions", type=int, default=20_000, help="aantal besluiten (standaard 20.000)")
    p.add_argument("--documents", type=int, default=5_000, help="aantal documenten (standaard 5.000)")
    p.add_argument("--seed", type=int, default=1, help="startwaarde van de toevalsgenerator (standaard 1)")
    p.set_defaults(func=cmd_generate_scale_data)


def cmd_generate_scale_data(args) -> int:
    from regiokompas.cli import CommandError, setup_django

    setup_django()
    from regiokompas.commands import _require_migrated
    from regiokompas.register.errors import RegisterError
    from regiokompas.register.scale import Counts, generate

    _require_migrated()
    counts = Counts(args.regions, args.municipalities, args.trajectories, args.decisions, args.documents)
    started = time.perf_counter()
    try:
        written = generate(counts, seed=args.seed)
    except RegisterError as exc:
        raise CommandError(f"{exc.message} Er is niets gewijzigd.") from exc
    print(f"Illustratieve schaalgegevens aangemaakt in {time.perf_counter() - started:.1f} s: "
          + ", ".join(f"{v} {k}" for k, v in written.items()) + ".")
    return 0
