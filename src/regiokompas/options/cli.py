"""`regiokompas report`: the substantiation report "Onderbouwing keuze uitvoeringsvariant"."""

from __future__ import annotations

from pathlib import Path

from regiokompas import formatting
from regiokompas.accounts.actors import SystemActor
from regiokompas.cli import CommandError, positive_int, setup_django

FORMATS = ("docx", "pdf", "html", "md")
ACTOR = SystemActor("regiokompas report (opdrachtregel)")


def add_commands(sub) -> None:
    p = sub.add_parser("report", help="maak het rapport 'Onderbouwing keuze uitvoeringsvariant' van een traject")
    p.add_argument("--trajectory", required=True, metavar="SLUG", help="korte naam van het traject")
    p.add_argument("--format", required=True, choices=FORMATS, help="docx, pdf, html of md")
    p.add_argument("-o", "--output", required=True, metavar="BESTAND", help="het bestand dat wordt geschreven")
    p.add_argument("--analyse", type=positive_int, metavar="N",
                   help="nummer van een opgeslagen analyse (standaard: de laatste; is er geen, dan wordt er een uitgevoerd en bewaard)")
    p.add_argument("--samples", type=positive_int, default=10_000, metavar="N", help="trekkingen bij een nieuwe analyse (standaard 10000)")
    p.add_argument("--seed", type=positive_int, default=None, metavar="S", help="startwaarde bij een nieuwe analyse")
    p.set_defaults(func=cmd_report)


def cmd_report(args) -> int:
    output = Path(args.output)
    if output.is_dir():
        raise CommandError(f"'{output}' is een map; geef een bestandsnaam op, bijvoorbeeld onderbouwing.{args.format}.")
    if not output.parent.exists():
        raise CommandError(f"De map '{output.parent}' bestaat niet.")
    setup_django()
    from regiokompas.options import report, services
    from regiokompas.options.errors import OptionsError
    from regiokompas.options.models import AnalysisRun
    from regiokompas.register.models import Trajectory

    trajectory = Trajectory.objects.filter(slug=args.trajectory).first()
    if trajectory is None:
        known = ", ".join(Trajectory.objects.values_list("slug", flat=True)) or "geen"
        raise CommandError(f"Traject '{args.trajectory}' bestaat niet. Bekende trajecten: {known}.")
    problem_error = ""
    if args.analyse is not None:
        run = AnalysisRun.objects.filter(trajectory=trajectory, number=args.analyse).first()
        if run is None:
            raise CommandError(f"Analyse {args.analyse} van '{args.trajectory}' bestaat niet.")
    else:
        run = report.latest_run(trajectory)
        if run is None:
            try:
                run = services.run_analysis(ACTOR, trajectory, samples=args.samples, seed=args.seed,
                                            label="Uitgevoerd voor het rapport")
                print(f"Analyse {run.number} uitgevoerd en bewaard ({run.samples} trekkingen, seed {run.seed}).")
            except OptionsError as exc:
                problem_error = exc.message
                print(f"Let op: geen analyse mogelijk: {exc.message}")
    try:
        content = report.render_report(trajectory, args.format, run, problem_error=problem_error)
    except OptionsError as exc:
        raise CommandError(exc.message) from exc
    output.write_bytes(content)
    print(f"Rapport geschreven naar {output} ({formatting.number(len(content))} bytes).")
    return 0
