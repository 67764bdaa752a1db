"""An illustrative data set at national scale, for benchmarks and load tests (``regiokompas
generate-scale-data``): regions of real CBS municipalities (reference data) with fictitious
trajectories, gates, decisions and documents, all marked illustratief.

Regions and trajectories go through the service functions (``save_object``: validation and audit).
Memberships, participants, gates, decisions and documents are tens of thousands of rows: through the
services that takes many minutes, so they are written with ``bulk_create`` in the same transaction,
each with its own audit row (the state after, as the services record it) and a new data version per
object type, so the audit trail and every cache stay consistent. The generated rows satisfy the
model's constraints by construction (one current decision per gate, municipality and body)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction

from regiokompas.accounts.actors import SystemActor
from regiokompas.audit import versions
from regiokompas.audit.log import _jsonable
from regiokompas.audit.models import AuditEntry
from regiokompas.register import constants as c
from regiokompas.register import services as rs
from regiokompas.register.errors import RegisterError
from regiokompas.register.models import (
    Decision,
    Document,
    Gate,
    Municipality,
    Region,
    RegionMembership,
    Trajectory,
    TrajectoryParticipant,
)

ACTOR = SystemActor("schaalgegevens")
SOURCE = "illustratief: gegenereerd met regiokompas generate-scale-data"
SLUG_PREFIX = "illustratief-"
GATES_PER_TRAJECTORY = 4


@dataclass(frozen=True)
class Counts:
    regions: int
    municipalities: int
    trajectories: int
    decisions: int
    documents: int


def check(counts: Counts) -> None:
    """Refuses, in Dutch and naming the option, what cannot be generated; nothing is written."""
    for name, value, low, high in (("--regions", counts.regions, 1, 500), ("--municipalities", counts.municipalities, 1, 10_000),
                                   ("--trajectories", counts.trajectories, 1, 10_000),
                                   ("--decisions", counts.decisions, 0, 1_000_000), ("--documents", counts.documents, 0, 1_000_000)):
        if not low <= value <= high:
            raise RegisterError(f"{name} moet tussen {low} en {high} liggen (gegeven: {value}).", field=name)
    current = Municipality.objects.filter(valid_to__isnull=True).count()
    if counts.municipalities > current:
        raise RegisterError(f"--municipalities: het register kent {current} huidige gemeenten, niet {counts.municipalities}.",
                            field="--municipalities")
    if counts.regions > counts.municipalities:
        raise RegisterError("--regions: elke regio heeft ten minste één gemeente; kies niet meer regio's dan gemeenten.",
                            field="--regions")
    if counts.trajectories < counts.regions:
        raise RegisterError("--trajectories: elke regio krijgt ten minste één traject; kies niet minder trajecten dan regio's.",
                            field="--trajectories")
    if Trajectory.objects.filter(slug__startswith=SLUG_PREFIX).exists():
        raise RegisterError("Deze database heeft al gegenereerde schaalgegevens; gebruik een nieuwe (wegwerp)database.")


def _audit_rows(objs, slug_of) -> None:
    """One audit row per object, as a service writes it, and a new data version for the type."""
    if not objs:
        return
    label = objs[0]._meta.label
    name = objs[0]._meta.model_name
    AuditEntry.objects.bulk_create([
        AuditEntry(actor=None, actor_label=ACTOR.label, action=f"{name}.create", object_type=label, object_id=str(o.pk),
                   object_repr=str(o)[:300], trajectory_slug=slug_of(o), reason=SOURCE,
                   after={f.attname: _jsonable(getattr(o, f.attname)) for f in o._meta.concrete_fields})
        for o in objs
    ], batch_size=2000)
    versions.bump(label)


def _bulk(model, objs, slug_of=lambda o: ""):
    created = model.objects.bulk_create(objs, batch_size=2000)
    _audit_rows(created, slug_of)
    return created


@transaction.atomic
def generate(counts: Counts, *, seed: int = 1) -> dict[str, int]:
    """Write the data set; returns the number of rows written per kind."""
    check(counts)
    rnd = random.Random(seed)
    munis = list(Municipality.objects.filter(valid_to__isnull=True).order_by("cbs_code")[: counts.municipalities])
    regions = [rs.save_object(ACTOR, Region(name=f"Illustratieve regio {i:03d}", source=SOURCE, illustrative=True), reason=SOURCE)
               for i in range(1, counts.regions + 1)]
    members: dict[int, list[Municipality]] = {r.pk: [] for r in regions}
    for i, m in enumerate(munis):
        members[regions[i % len(regions)].pk].append(m)
    _bulk(RegionMembership, [RegionMembership(region_id=rid, municipality=m, valid_from=dt.date(2020, 1, 1), source=SOURCE,
                                              illustrative=True) for rid, ms in members.items() for m in ms])
    colleges, raden = {}, {}
    for m in munis:
        colleges[m.pk] = rs.college_of(m)
        raden[m.pk] = rs.raad_of(m)

    trajectories = []
    for i in range(counts.trajectories):
        region = regions[i % len(regions)]
        t = rs.save_object(ACTOR, Trajectory(
            slug=f"{SLUG_PREFIX}{i + 1:04d}", name=f"Illustratief traject {i + 1} ({region.name})", domain="sociaal domein",
            region=region, start_date=dt.date(2021 + i % 4, 1 + i % 12, 1), source=SOURCE, illustrative=True), reason=SOURCE)
        trajectories.append(t)
    slug = {t.pk: t.slug for t in trajectories}
    participants = _bulk(TrajectoryParticipant, [
        TrajectoryParticipant(trajectory=t, municipality=m, source=SOURCE, illustrative=True)
        for t in trajectories for m in members[t.region_id]], lambda o: slug[o.trajectory_id])
    gates = _bulk(Gate, [
        Gate(trajectory=t, ordinal=k, title=f"Besluitmoment {k}", planned_date=t.start_date + dt.timedelta(days=120 * k),
             bodies=[c.GoverningBodyKind.COLLEGE, c.GoverningBodyKind.RAAD], source=SOURCE, illustrative=True)
        for t in trajectories for k in range(1, GATES_PER_TRAJECTORY + 1)], lambda o: slug[o.trajectory_id])
    gates_of: dict[int, list[Gate]] = {}
    for g in gates:
        gates_of.setdefault(g.trajectory_id, []).append(g)

    documents = []
    kinds = [c.DocumentKind.RAADSVOORSTEL, c.DocumentKind.RAADSBESLUIT, c.DocumentKind.MEMO, c.DocumentKind.RAADSINFORMATIEBRIEF]
    for n in range(counts.documents):
        t = trajectories[n % len(trajectories)]
        issuer = rnd.choice(members[t.region_id])
        documents.append(Document(
            trajectory=t, kind=kinds[n % len(kinds)], title=f"Illustratief stuk {n + 1} van {issuer.name}",
            status=c.DocumentStatus.DEFINITIEF, issuer_municipality=issuer, date=t.start_date + dt.timedelta(days=n % 700),
            confidential=n % 10 == 0, source=SOURCE, illustrative=True))
    documents = _bulk(Document, documents, lambda o: slug[o.trajectory_id])

    # decisions: gate by gate (college proposes, raad decides) until the requested number is reached
    decisions = []
    outcomes = [c.Outcome.AGREE] * 8 + [c.Outcome.AGREE_WITH_CONDITIONS, c.Outcome.HOLD, c.Outcome.REJECT]
    for k in range(GATES_PER_TRAJECTORY):
        for body in ("college", "raad"):
            for p in participants:
                if len(decisions) >= counts.decisions:
                    break
                gate = gates_of[p.trajectory_id][k]
                outcome = c.Outcome.PROPOSED if body == "college" else rnd.choice(outcomes)
                governing = colleges[p.municipality_id] if body == "college" else raden[p.municipality_id]
                decisions.append(Decision(
                    gate=gate, municipality_id=p.municipality_id, governing_body=governing, outcome=outcome,
                    date=gate.planned_date + dt.timedelta(days=7 if body == "raad" else 0), motivation="Illustratief besluit.",
                    source=SOURCE, illustrative=True, recorded_by=ACTOR.label))
    gate_slug = {g.pk: slug[g.trajectory_id] for g in gates}
    decisions = _bulk(Decision, decisions, lambda o: gate_slug[o.gate_id])
    return {"regio's": len(regions), "gemeenten": len(munis), "trajecten": len(trajectories), "deelnames": len(participants),
            "besluitmomenten": len(gates), "besluiten": len(decisions), "documenten": len(documents)}
