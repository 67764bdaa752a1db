"""`regiokompas plan`: export a trajectory's planning as iCalendar, Word or Markdown."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from regiokompas import formatting
from regiokompas.cli import CommandError, setup_django

FORMATS = ("docx", "md")


def add_commands(sub) -> None:
    p = sub.add_parser("plan", help="Planning van een traject exporteren (iCalendar, docx, md).",
                       description="Exporteer de planning van een traject: mijlpalen, medezeggenschap en raadsprocedures.")
    p.add_argument("--trajectory", required=True, metavar="SLUG", help="korte naam van het traject")
    p.add_argument("--ics", metavar="BESTAND", help="schrijf de planning als iCalendar-bestand")
    p.add_argument("--format", dest="fmt", metavar="FORMAAT", help="docx of md: het planningsoverzicht als document")
    p.add_argument("-o", "--output", metavar="BESTAND", help="uitvoerbestand voor --format")
    p.add_argument("--versie", dest="plan_version", metavar="N", help="versie van de planning (standaard: de huidige)")
    p.add_argument("--peildatum", metavar="JJJJ-MM-DD", help="datum waartegen 'te laat' wordt bepaald (standaard: vandaag, of bij een planning die "
                   "helemaal in het verleden ligt of een gestopt traject de laatst vastgelegde stand)")
    p.set_defaults(func=run)


def _target(raw: str, label: str) -> Path:
    path = Path(raw)
    if path.is_dir():
        raise CommandError(f"{label}: '{raw}' is een map; geef een bestandsnaam.")
    if not path.parent.exists():
        raise CommandError(f"{label}: de map '{path.parent}' bestaat niet.")
    return path


def run(args) -> int:
    if not args.ics and not args.fmt:
        raise CommandError("Geef --ics BESTAND en/of --format docx|md met -o BESTAND.")
    if args.fmt and args.fmt not in FORMATS:
        raise CommandError(f"Onbekend formaat '{args.fmt}'; kies docx of md.")
    if args.fmt and not args.output:
        raise CommandError("Geef bij --format ook -o BESTAND.")
    if args.output and not args.fmt:
        raise CommandError("Geef bij -o ook --format docx of md.")
    ics_path = _target(args.ics, "--ics") if args.ics else None
    out_path = _target(args.output, "-o") if args.output else None
    reference = None
    if args.peildatum:
        try:
            reference = dt.date.fromisoformat(args.peildatum)
        except ValueError:
            raise CommandError(f"--peildatum: '{args.peildatum}' is geen geldige datum (JJJJ-MM-DD).") from None

    setup_django()
    from django.db import connection

    from regiokompas.commands import _require_migrated
    from regiokompas.planning import export, overview
    from regiokompas.planning.models import Plan
    from regiokompas.register.models import Trajectory

    _require_migrated()
    if "planning_plan" not in connection.introspection.table_names():
        raise CommandError("De database mist de tabellen voor de planning; voer 'regiokompas manage migrate' uit.")
    trajectory = Trajectory.objects.filter(slug=args.trajectory).first()
    if trajectory is None:
        raise CommandError(f"Traject '{args.trajectory}' bestaat niet. Bekende trajecten: "
                           + ", ".join(Trajectory.objects.values_list("slug", flat=True)) + ".")
    plan = Plan.objects.filter(trajectory=trajectory).first()
    if plan is None:
        raise CommandError(f"Traject '{args.trajectory}' heeft nog geen planning.")
    version = plan.current
    if args.plan_version:
        try:
            version = plan.versions.get(number=int(args.plan_version))
        except (ValueError, plan.versions.model.DoesNotExist):
            raise CommandError(f"Versie '{args.plan_version}' van de planning bestaat niet.") from None
    data = overview.build(trajectory, version, reference)
    outputs = []
    if ics_path:
        outputs.append((ics_path, export.ics(data)))
    if out_path:
        outputs.append((out_path, export.render(export.overview_document(data), args.fmt)))
    for path, payload in outputs:
        path.write_bytes(payload)
        print(f"Geschreven: {path} ({len(payload)} bytes)")
    not_done = f", {len(data.not_done)} niet uitgevoerd" if data.not_done else ""
    print(f"Planning versie {version.number}: {len(data.rows)} onderdelen, {len(data.late)} te laat, {len(data.at_risk)} met risico{not_done}.")
    print(f"Peildatum {formatting.long_date(data.reference_date)}: "
          + ("opgegeven met --peildatum." if data.reference_chosen else f"{data.reference_note}."))
    return 0
