"""`regiokompas publish` and `regiokompas import-document`."""

from __future__ import annotations

import json
import os
import sys

from regiokompas.accounts.actors import SystemActor
from regiokompas.cli import CommandError, date_option, setup_django

KINDS = ("raadsvoorstel", "raadsbesluit", "memo", "raadsinformatiebrief", "nieuwsbrief")
FORMATS = ("docx", "pdf", "html", "md")


def add_commands(sub) -> None:
    p = sub.add_parser(
        "publish",
        help="maak een raadsvoorstel, raadsbesluit, raadsmemo, raadsinformatiebrief of digitale nieuwsbrief over een besluitmoment voor een gemeente",
        description="Maakt het stuk uit het register (of neemt de laatste opgeslagen versie) en schrijft het naar een bestand.",
    )
    p.add_argument("--gate", required=True, metavar="ID", help="nummer (id) van het besluitmoment")
    p.add_argument("--municipality", required=True, metavar="CODE", help="CBS-code van de gemeente, bijv. GM0373")
    p.add_argument("--kind", required=True, metavar="SOORT", help="raadsvoorstel, raadsbesluit, memo, raadsinformatiebrief of nieuwsbrief")
    p.add_argument("--format", required=True, metavar="FORMAAT", dest="fmt", help="docx, pdf, html of md")
    p.add_argument("-o", "--output", required=True, metavar="BESTAND", help="uitvoerbestand")
    p.add_argument("--fresh", action="store_true", help="altijd opnieuw opstellen uit het register, ook als er een opgeslagen versie is")
    p.add_argument("--datum", metavar="JJJJ-MM-DD", help="datum van een nieuw opgesteld stuk (standaard vandaag); "
                   "portefeuillehouder en contact zijn die van deze datum")
    p.set_defaults(func=cmd_publish)

    p = sub.add_parser(
        "import-document",
        help="lees een raadsstuk in (.txt, .docx, .pdf) en neem het op in het register",
        description="Herkent soort, afzender, status, kopgegevens, secties, genoemde gemeenten en besluiten. "
        "Met --dry-run wordt niets opgeslagen.",
    )
    p.add_argument("file", metavar="BESTAND")
    p.add_argument("--dry-run", action="store_true", help="alleen tonen wat is herkend; niets opslaan")
    p.add_argument("--json", action="store_true", help="het herkende document als JSON tonen")
    p.add_argument("--trajectory", metavar="SLUG", help="koppel het document aan dit traject")
    p.set_defaults(func=cmd_import_document)


def _gate_id(value: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError) as exc:
        raise CommandError(f"--gate moet het nummer van een besluitmoment zijn, niet '{value}'.") from exc
    if number <= 0:
        raise CommandError(f"--gate moet een positief nummer zijn, niet '{value}'.")
    return number


def cmd_publish(args) -> int:
    kind = (args.kind or "").strip().lower()
    if kind not in KINDS:
        raise CommandError(f"Onbekende soort '{args.kind}'. Kies uit: {', '.join(KINDS)}.")
    fmt = (args.fmt or "").strip().lower()
    if fmt not in FORMATS:
        raise CommandError(f"Onbekend formaat '{args.fmt}'. Kies uit: {', '.join(FORMATS)}.")
    gate_id = _gate_id(args.gate)
    day = date_option(getattr(args, "datum", None))
    code = (args.municipality or "").strip().upper()
    out_dir = os.path.dirname(os.path.abspath(args.output))
    if not os.path.isdir(out_dir):
        raise CommandError(f"De map voor het uitvoerbestand bestaat niet: {out_dir}")
    if os.path.isdir(args.output):
        raise CommandError(f"'{args.output}' is een map; geef een bestandsnaam.")
    setup_django()
    from regiokompas.commands import _require_migrated
    from regiokompas.documents.render import render
    from regiokompas.publications import drafting, services
    from regiokompas.publications.models import KIND_ALIASES
    from regiokompas.register.models import Gate, Municipality

    _require_migrated()
    gate = Gate.objects.select_related("trajectory").filter(pk=gate_id).first()
    if gate is None:
        raise CommandError(f"Besluitmoment {gate_id} bestaat niet.")
    municipality = Municipality.objects.filter(cbs_code=code).first()
    if municipality is None:
        raise CommandError(f"Gemeente '{args.municipality}' staat niet in het register (gebruik de CBS-code, bijv. GM0373).")
    if not gate.trajectory.participants.filter(municipality=municipality).exists():
        raise CommandError(f"{municipality} neemt niet deel aan het traject '{gate.trajectory}'.")
    stored = None if args.fresh else services.latest_publication(gate, municipality, kind)
    if stored is not None:
        document = drafting.to_model(stored.document)
        origin = f"opgeslagen versie {stored.version} ({stored.document.get_status_display()})"
    else:
        if day is not None and not municipality.exists_on(day):
            raise CommandError(f"{municipality} bestond niet op {day:%d-%m-%Y}; kies een datum waarop de gemeente bestond.")
        document = drafting.draft(gate, municipality, KIND_ALIASES[kind], today=day)
        origin = "nieuw concept uit het register"
    data = render(document, fmt)
    with open(args.output, "wb") as f:
        f.write(data)
    print(f"{document.kind_label} '{document.title}' ({origin}) geschreven naar {args.output} ({len(data)} bytes).")
    return 0


def cmd_import_document(args) -> int:
    from regiokompas.documents.importer import DocumentImportError, import_file

    try:
        result = import_file(args.file)
    except DocumentImportError as exc:
        raise CommandError(str(exc)) from exc
    data = result.to_json()
    stored_id = None
    if not args.dry_run:
        setup_django()
        from regiokompas.commands import _require_migrated
        from regiokompas.publications import services
        from regiokompas.register.errors import RegisterError
        from regiokompas.register.models import Trajectory

        _require_migrated()
        trajectory = None
        if args.trajectory:
            trajectory = Trajectory.objects.filter(slug=args.trajectory).first()
            if trajectory is None:
                raise CommandError(f"Traject '{args.trajectory}' bestaat niet.")
        actor = SystemActor(f"opdrachtregel ({os.environ.get('USER', 'onbekend')})")
        with open(args.file, "rb") as f:
            raw = f.read()
        try:
            record = services.start_import(actor, raw, os.path.basename(args.file))
            document = services.confirm_import(actor, record, trajectory=trajectory)
        except RegisterError as exc:
            raise CommandError(exc.message) from exc
        stored_id = document.pk
    if args.json:
        if stored_id is not None:
            data["stored_document_id"] = stored_id
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    _print_summary(data)
    if args.dry_run:
        print("Proefdraai (--dry-run): er is niets opgeslagen.")
    else:
        print(f"Opgenomen in het register als document {stored_id}, met het oorspronkelijke bestand als bron.")
    return 0


def _print_summary(data: dict) -> None:
    from regiokompas.documents.decisions import OUTCOME_LABELS
    from regiokompas.documents.model import KIND_NAMES

    print(f"Soort: {KIND_NAMES.get(data['kind'], data['kind'])}")
    print(f"Afzender: {data['organisation'] or 'niet herkend'}")
    print(f"Status: {data['status']}")
    print(f"Titel: {data['title']}")
    for key, value in data["header"].items():
        if value:
            print(f"  {key}: {value}")
    print("Secties:")
    for s in data["sections"]:
        print(f"  - {s['heading'] or '(zonder kop)'} [{s['type']}], {len(s['text'])} tekens")
    if data["municipalities"]:
        print("Genoemde gemeenten: " + ", ".join(f"{m['name']} ({m['code']})" for m in data["municipalities"]))
    for d in data["decisions"]:
        when = f" ({d['date']})" if d["date"] else ""
        print(f"Besluit: {d['municipality']['name']}: {OUTCOME_LABELS.get(d['outcome'], d['outcome'])}{when}")
        for c in d["conditions"]:
            print(f"    voorwaarde: {c}")
    for w in data.get("warnings", []):
        print(f"Let op: {w}")
