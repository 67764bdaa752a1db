"""Export and import of one trajectory's dossier as versioned JSON (docs/dossier-format.md).

The format lists objects per kind, in dependency order. References between objects use local
keys (``kind:n``, numbered in the exporting database's order), so a dossier imports into any
database, and export → import → export gives the same document. Reference data (municipalities,
laws, organisations, arrangements, regions) is matched by its natural key when it exists already.
Other apps add their models with :func:`register_model`.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction

from regiokompas import __version__
from regiokompas.accounts import permissions
from regiokompas.audit import log as audit
from regiokompas.faults import pause_point
from regiokompas.register import models as rm
from regiokompas.register.dossier_checks import check_dossier, removes_files_on_error, track_saved_file
from regiokompas.register.errors import PermissionDenied, RegisterError

SCHEMA = "regiokompas.dossier/1"
SKIP_FIELDS = {"id", "created", "updated"}


@dataclass
class ModelSpec:
    kind: str
    model: type[models.Model]
    collect: Callable[[rm.Trajectory, dict[str, set[int]]], models.QuerySet]
    natural_key: tuple[str, ...] | None = None  # matched when it exists already (reference data)
    # reference data that exists already may take over what the dossier knows better (fields changed)
    merge: Callable[[models.Model, models.Model], list[str]] | None = None


SPECS: list[ModelSpec] = []
# Other apps name arrangements their rows refer to (a variant built on an existing regeling), so the
# dossier carries them: callables trajectory -> iterable of JointArrangement ids.
ARRANGEMENT_REFERENCES: list[Callable[[rm.Trajectory], object]] = []


def register_model(spec: ModelSpec, *, after: str | None = None) -> None:
    """Add a model to the dossier, after the kind it depends on (default: at the end)."""
    if any(existing.kind == spec.kind for existing in SPECS):
        return
    if any(f.name == "key" for f in spec.model._meta.get_fields()):
        # every row carries its local key under "key"; a field of that name would be overwritten
        raise ValueError(f"{spec.model.__name__} heeft een veld 'key'; dat botst met de objectsleutel in het dossier.")
    if after is None:
        SPECS.append(spec)
    else:
        index = next(i for i, existing in enumerate(SPECS) if existing.kind == after)
        SPECS.insert(index + 1, spec)


def _base_kind(model: type[models.Model]) -> str:
    for spec in SPECS:
        if spec.model is model:
            return spec.kind
    # multi-table inheritance: a child (ExecutionOrganisation) is referred to as its parent
    for spec in SPECS:
        if issubclass(model, spec.model) or issubclass(spec.model, model):
            return spec.kind
    raise KeyError(model)


def _fields(model: type[models.Model]):
    for f in model._meta.concrete_fields:
        if f.name in SKIP_FIELDS or (f.one_to_one and f.remote_field.parent_link):
            continue
        yield f


# --- which objects belong to a trajectory's dossier ---------------------------------------------


def _municipality_ids(t: rm.Trajectory) -> set[int]:
    ids = set(t.participants.values_list("municipality_id", flat=True))
    ids |= set(rm.Decision.objects.filter(gate__trajectory=t).values_list("municipality_id", flat=True))
    ids |= set(rm.Document.objects.filter(trajectory=t).exclude(issuer_municipality=None).values_list("issuer_municipality_id", flat=True))
    ids |= set(rm.Assignment.commissioners.through.objects.filter(assignment__trajectory=t).values_list("municipality_id", flat=True))
    return _with_mergers(ids)


def _organisation_ids(t: rm.Trajectory, muni: set[int]) -> set[int]:
    ids = set(rm.ExecutionOrganisation.objects.filter(served_municipalities__in=muni).values_list("id", flat=True))
    ids |= set(rm.Assignment.objects.filter(trajectory=t).exclude(contractor=None).values_list("contractor_id", flat=True))
    ids |= set(rm.Document.objects.filter(trajectory=t).exclude(issuer_organisation=None).values_list("issuer_organisation_id", flat=True))
    ids |= set(rm.Document.allowed_organisations.through.objects.filter(document__trajectory=t).values_list("organisation_id", flat=True))
    if t.project_organisation_id:
        ids.add(t.project_organisation_id)
    if t.commissioning_body_id and t.commissioning_body.organisation_id:
        ids.add(t.commissioning_body.organisation_id)
    ids |= set(rm.Role.objects.filter(trajectory=t).exclude(organisation=None).values_list("organisation_id", flat=True))
    ids |= set(rm.Gate.objects.filter(trajectory=t).exclude(body_organisation=None).values_list("body_organisation_id", flat=True))
    return ids


def _arrangement_ids(muni: set[int], orgs: set[int], t: rm.Trajectory | None = None) -> set[int]:
    ids = set(rm.ArrangementParticipation.objects.filter(municipality_id__in=muni).values_list("arrangement_id", flat=True))
    ids |= set(rm.ExecutionOrganisation.objects.filter(pk__in=orgs).exclude(legal_vehicle=None).values_list("legal_vehicle_id", flat=True))
    if t is not None:
        ids |= set(rm.Gate.objects.filter(trajectory=t).exclude(body_arrangement=None).values_list("body_arrangement_id", flat=True))
        for refer in ARRANGEMENT_REFERENCES:
            ids |= set(refer(t))
    # the whole lineage: predecessors and successors of every arrangement in the dossier
    while True:
        more = set(rm.ArrangementSuccession.objects.filter(successor_id__in=ids).values_list("predecessor_id", flat=True))
        more |= set(rm.ArrangementSuccession.objects.filter(predecessor_id__in=ids).values_list("successor_id", flat=True))
        if more <= ids:
            return ids
        ids |= more


def _with_mergers(ids: set[int]) -> set[int]:
    ids = set(ids)
    while True:
        before = len(ids)
        ids |= set(rm.Municipality.objects.filter(pk__in=ids).exclude(successor=None).values_list("successor_id", flat=True))
        ids |= set(rm.Municipality.objects.filter(successor_id__in=ids).values_list("id", flat=True))
        if len(ids) == before:
            return ids


def _closure(t: rm.Trajectory) -> dict[str, set[int]]:
    """Municipalities, organisations and arrangements the dossier needs, closed under their links."""
    muni = _municipality_ids(t)
    while True:
        orgs = _organisation_ids(t, muni)
        arrangements = _arrangement_ids(muni, orgs, t)
        linked = set(rm.ExecutionOrganisation.served_municipalities.through.objects.filter(
            executionorganisation_id__in=orgs).values_list("municipality_id", flat=True))
        linked |= set(rm.ArrangementParticipation.objects.filter(arrangement_id__in=arrangements).values_list("municipality_id", flat=True))
        linked |= set(rm.JointArrangement.objects.filter(pk__in=arrangements).exclude(centre_municipality=None).values_list("centre_municipality_id", flat=True))
        grown = _with_mergers(muni | linked)
        if grown == muni:
            return {"municipality": muni, "organisation": orgs, "arrangement": arrangements}
        muni = grown


def _merge_municipality(existing: rm.Municipality, incoming: rm.Municipality) -> list[str]:
    """A municipality still as the CBS list made it takes the dossier's source and start date."""
    from regiokompas.register.municipalities import SOURCE

    if existing.source not in ("", SOURCE) or incoming.source in ("", SOURCE):
        return []
    changed = ["source", "illustrative"]
    existing.source, existing.illustrative = incoming.source, incoming.illustrative
    for name in ("valid_from", "province", "note"):
        if not getattr(existing, name) and getattr(incoming, name):
            setattr(existing, name, getattr(incoming, name))
            changed.append(name)
    return changed


def _default_specs() -> None:
    Q = models.Q
    reg = register_model
    reg(ModelSpec("municipality", rm.Municipality, lambda t, c: rm.Municipality.objects.filter(pk__in=c["municipality"]), ("cbs_code",),
                  merge=_merge_municipality))
    reg(ModelSpec("population_figure", rm.PopulationFigure, lambda t, c: rm.PopulationFigure.objects.filter(municipality_id__in=c["municipality"]), ("municipality", "reference_date")))
    reg(ModelSpec("region", rm.Region, lambda t, c: rm.Region.objects.filter(Q(pk=t.region_id) | Q(memberships__municipality_id__in=c["municipality"])).distinct(), ("name",)))
    reg(ModelSpec("region_membership", rm.RegionMembership, lambda t, c: rm.RegionMembership.objects.filter(municipality_id__in=c["municipality"]), ("region", "municipality", "valid_from")))
    reg(ModelSpec("law", rm.Law, lambda t, c: t.drivers.all(), ("abbreviation",)))
    reg(ModelSpec("arrangement", rm.JointArrangement, lambda t, c: rm.JointArrangement.objects.filter(pk__in=c["arrangement"]), ("name",)))
    reg(ModelSpec("arrangement_participation", rm.ArrangementParticipation, lambda t, c: rm.ArrangementParticipation.objects.filter(arrangement_id__in=c["arrangement"], municipality_id__in=c["municipality"]), ("arrangement", "municipality")))
    reg(ModelSpec("arrangement_succession", rm.ArrangementSuccession, lambda t, c: rm.ArrangementSuccession.objects.filter(
        successor_id__in=c["arrangement"], predecessor_id__in=c["arrangement"]), ("successor", "predecessor")))
    reg(ModelSpec("organisation", rm.Organisation, lambda t, c: rm.Organisation.objects.filter(pk__in=c["organisation"], executionorganisation__isnull=True), ("name",)))
    reg(ModelSpec("execution_organisation", rm.ExecutionOrganisation, lambda t, c: rm.ExecutionOrganisation.objects.filter(pk__in=c["organisation"]), ("name",)))
    reg(ModelSpec("governing_body", rm.GoverningBody, lambda t, c: rm.GoverningBody.objects.filter(
        Q(municipality_id__in=c["municipality"]) | Q(organisation_id__in=c["organisation"]) | Q(arrangement_id__in=c["arrangement"])),
        ("kind", "municipality", "organisation", "arrangement")))
    reg(ModelSpec("trajectory", rm.Trajectory, lambda t, c: rm.Trajectory.objects.filter(pk=t.pk)))
    reg(ModelSpec("trajectory_law", rm.TrajectoryLaw, lambda t, c: t.law_links.all(), ("trajectory", "law")))
    reg(ModelSpec("person", rm.Person, lambda t, c: rm.Person.objects.filter(
        Q(roles__trajectory=t) | Q(roles__municipality_id__in=c["municipality"]) | Q(roles__organisation_id__in=c["organisation"])
        | Q(appointments__arrangement_id__in=c["arrangement"], appointments__municipality_id__in=c["municipality"])).distinct(),
        ("name",)))
    reg(ModelSpec("role", rm.Role, lambda t, c: rm.Role.objects.filter(
        Q(trajectory=t) | Q(municipality_id__in=c["municipality"]) | Q(organisation_id__in=c["organisation"])).distinct(),
        ("person", "kind", "municipality", "organisation", "trajectory", "valid_from")))
    reg(ModelSpec("appointment", rm.Appointment, lambda t, c: rm.Appointment.objects.filter(
        arrangement_id__in=c["arrangement"], municipality_id__in=c["municipality"]),
        ("arrangement", "organ", "capacity", "municipality", "person", "start")))
    reg(ModelSpec("document", rm.Document, lambda t, c: rm.Document.objects.filter(trajectory=t)))
    reg(ModelSpec("document_section", rm.DocumentSection, lambda t, c: rm.DocumentSection.objects.filter(document__trajectory=t)))
    reg(ModelSpec("gate", rm.Gate, lambda t, c: t.gates.all()))
    reg(ModelSpec("participant", rm.TrajectoryParticipant, lambda t, c: t.participants.all()))
    reg(ModelSpec("assignment", rm.Assignment, lambda t, c: t.assignments.all()))
    reg(ModelSpec("decision", rm.Decision, lambda t, c: rm.Decision.objects.filter(gate__trajectory=t)))
    reg(ModelSpec("condition", rm.Condition, lambda t, c: rm.Condition.objects.filter(decision__gate__trajectory=t)))


_default_specs()


# --- export ---------------------------------------------------------------------------------------


def _value(v):
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    if isinstance(v, decimal.Decimal):
        return str(v)
    return v


def export_dossier(trajectory: rm.Trajectory) -> dict:
    closure = _closure(trajectory)
    keys: dict[tuple[str, int], str] = {}
    querysets = []
    for spec in SPECS:
        qs = list(spec.collect(trajectory, closure).order_by("pk"))
        querysets.append((spec, qs))
        for i, obj in enumerate(qs, 1):
            keys[(spec.kind, obj.pk)] = f"{spec.kind}:{i}"

    def ref(model, pk):
        if pk is None:
            return None
        kind = _base_kind(model)
        if (kind, pk) not in keys and kind == "organisation":
            kind = "execution_organisation" if (("execution_organisation", pk) in keys) else kind
        try:
            return keys[(kind, pk)]
        except KeyError:
            raise RegisterError(f"Het dossier verwijst naar een {model._meta.verbose_name} buiten het dossier (id {pk}).") from None

    objects: dict[str, list[dict]] = {}
    for spec, qs in querysets:
        rows = []
        for obj in qs:
            row = {"key": keys[(spec.kind, obj.pk)]}
            for f in _fields(spec.model):
                if f.is_relation:
                    row[f.name] = ref(f.related_model, getattr(obj, f.attname))
                elif isinstance(f, models.FileField):
                    file = getattr(obj, f.name)
                    row[f.name] = None
                    if file:
                        with file.open("rb") as fh:
                            row[f.name] = {"name": file.name.rsplit("/", 1)[-1], "base64": base64.b64encode(fh.read()).decode()}
                else:
                    row[f.name] = _value(getattr(obj, f.attname))
            for m2m in spec.model._meta.many_to_many:
                row[m2m.name] = sorted(
                    (ref(m2m.related_model, pk) for pk in getattr(obj, m2m.name).values_list("pk", flat=True)),
                    key=lambda k: (k.split(":")[0], int(k.split(":")[1])),
                )
            rows.append(row)
        objects[spec.kind] = rows
    return {
        "schema": SCHEMA,
        "regiokompas_version": __version__,
        "trajectory": trajectory.slug,
        "objects": objects,
    }


def dossier_json(trajectory: rm.Trajectory) -> str:
    """The dossier as the text of a .json file, the same from the command line and the web page."""
    import json

    return json.dumps(export_dossier(trajectory), ensure_ascii=False, indent=2) + "\n"


# --- import ---------------------------------------------------------------------------------------


def _parse_scalar(f: models.Field, raw):
    if raw is None:
        return None
    try:
        if isinstance(f, models.DateTimeField):
            return dt.datetime.fromisoformat(raw)
        if isinstance(f, models.DateField):
            return dt.date.fromisoformat(raw)
        if isinstance(f, models.DecimalField):
            return decimal.Decimal(raw)
    except (TypeError, ValueError, decimal.InvalidOperation) as exc:
        raise RegisterError(f"Ongeldige waarde '{raw}' voor {f.verbose_name}.") from exc
    return raw


@removes_files_on_error
@transaction.atomic
def import_dossier(actor, data: dict) -> rm.Trajectory:
    """Import a dossier into this database. Refuses a bad file or an existing trajectory; all or nothing."""
    if not permissions.can_create_trajectory(actor):
        raise PermissionDenied("Alleen functioneel beheer of een projectleider importeert een dossier.")
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise RegisterError(f"Dit is geen Regiokompas-dossier in formaat {SCHEMA} (veld 'schema' ontbreekt of klopt niet).")
    objects = data.get("objects")
    if not isinstance(objects, dict):
        raise RegisterError("Het dossier mist de lijst met objecten ('objects').")
    slug = data.get("trajectory")
    if rm.Trajectory.objects.filter(slug=slug).exists():
        raise RegisterError(f"Traject '{slug}' bestaat al in deze database; verwijder het eerst of importeer elders.")
    unknown = set(objects) - {s.kind for s in SPECS}
    if unknown:
        raise RegisterError(f"Onbekende onderdelen in het dossier: {', '.join(sorted(unknown))}.")
    check_dossier(data, SPECS, _fields)  # types, numbers, keys and file names, before anything is written

    run = _ImportRun()
    for spec in SPECS:
        rows = objects.get(spec.kind, [])
        if not isinstance(rows, list):
            raise RegisterError(f"Onderdeel '{spec.kind}' moet een lijst zijn.")
        for row in rows:
            run.add(spec, row)
        run.kinds_seen.add(spec.kind)
    run.link()
    imported, counts = run.imported, run.counts
    trajectory = rm.Trajectory.objects.get(slug=slug)
    for key, obj in imported:  # every imported object (decisions and conditions included) on its own row
        audit.record(actor, f"{obj._meta.model_name}.import", obj, trajectory_slug=slug, reason=f"uit dossier, object {key}")
    audit.record(actor, "dossier.import", trajectory, trajectory_slug=slug,
                 reason="Dossier geïmporteerd: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
    return trajectory


class _ImportRun:
    """The objects of one dossier import: created in the order of SPECS, references to objects
    further on set afterwards (``deferred``), many-to-many relations last."""

    def __init__(self) -> None:
        self.created: dict[str, models.Model] = {}
        self.deferred: list[tuple[models.Model, str, str]] = []  # self/forward references set after creation
        self.m2m_later: list[tuple[models.Model, str, list[str]]] = []
        self.counts: dict[str, int] = {}
        self.imported: list[tuple[str, models.Model]] = []  # new objects, each gets its own audit row
        self.kinds_seen: set[str] = set()

    def add(self, spec: ModelSpec, row: Any) -> None:
        if not isinstance(row, dict) or not isinstance(row.get("key"), str):
            raise RegisterError(f"Een object in '{spec.kind}' mist zijn sleutel ('key').")
        obj = _build(spec, row, self.created, self.deferred, self.kinds_seen)
        key = row["key"]
        existing = _match_existing(spec, obj) if spec.natural_key else None
        if existing is not None:
            changed = spec.merge(existing, obj) if spec.merge else []
            if changed:
                existing.save(update_fields=changed)
            self.created[key] = existing
            self.deferred[:] = [entry for entry in self.deferred if entry[0] is not obj]  # reference data stays as it is
            return
        try:
            obj.full_clean(exclude=[name for _o, name, _k in self.deferred if _o is obj] or None, validate_unique=False)
        except Exception as exc:  # django ValidationError
            messages = getattr(exc, "messages", [str(exc)])
            raise RegisterError(f"Object {key} is ongeldig: {' '.join(messages)}") from exc
        try:
            with transaction.atomic():
                obj.save()
        except IntegrityError as exc:
            raise RegisterError(f"Object {key} botst met een bestaand gegeven in deze database.") from exc
        self.created[key] = obj
        self.imported.append((key, obj))
        self.counts[spec.kind] = self.counts.get(spec.kind, 0) + 1
        pause_point(f"dossier.import.{spec.kind}")
        for m2m in spec.model._meta.many_to_many:
            if row.get(m2m.name):
                self.m2m_later.append((obj, m2m.name, row[m2m.name]))

    def link(self) -> None:
        """Set the deferred references and the many-to-many relations."""
        created = self.created
        for obj, name, key in self.deferred:
            if key not in created:
                raise RegisterError(f"Verwijzing naar onbekend object {key}.")
            if obj.pk is None:
                continue  # matched to reference data that exists already, which is kept as it is
            setattr(obj, name, created[key])
            try:
                with transaction.atomic():
                    obj.save(update_fields=[name])
            except IntegrityError as exc:
                raise RegisterError(f"De verwijzing naar {key} in {obj._meta.verbose_name} '{obj}' botst met een ander "
                                    "object (elk object kan maar door één ander worden vervangen of opgevolgd).") from exc
        for obj, name, keys in self.m2m_later:
            missing = [k for k in keys if k not in created]
            if missing:
                raise RegisterError(f"Verwijzing naar onbekende objecten: {', '.join(missing)}.")
            getattr(obj, name).set([created[k] for k in keys])


def _build(spec: ModelSpec, row: dict, created: dict, deferred: list, kinds_seen: set) -> models.Model:
    values = {}
    obj_deferred = []
    for f in _fields(spec.model):
        raw = row.get(f.name)
        if f.is_relation:
            if raw is None:
                values[f.name] = None
            elif raw in created:
                values[f.name] = created[raw]
            else:
                obj_deferred.append((f.name, raw))
                values[f.name] = None
        elif isinstance(f, models.FileField):
            values[f.name] = None
        else:
            if raw is None and not f.null:
                if f.has_default():
                    continue
                raw = "" if isinstance(f, (models.CharField, models.TextField)) else raw
            values[f.name] = _parse_scalar(f, raw)
    obj = spec.model(**values)
    for f in _fields(spec.model):
        if isinstance(f, models.FileField) and isinstance(row.get(f.name), dict):
            payload = row[f.name]
            getattr(obj, f.name).save(payload.get("name", "bestand"), ContentFile(base64.b64decode(payload["base64"])), save=False)
            track_saved_file(getattr(obj, f.name))
    for name, raw in obj_deferred:
        field = spec.model._meta.get_field(name)
        if not field.null:
            raise RegisterError(f"Object {row['key']} verwijst naar onbekend object {raw}.")
        deferred.append((obj, name, raw))
    return obj


def _match_existing(spec: ModelSpec, obj: models.Model):
    lookup = {}
    for name in spec.natural_key or ():
        field = spec.model._meta.get_field(name)
        value = getattr(obj, field.attname)
        if field.is_relation and value is None and getattr(obj, name, None) is not None:
            value = getattr(obj, name).pk
        lookup[field.attname] = value
    return spec.model.objects.filter(**lookup).first()
