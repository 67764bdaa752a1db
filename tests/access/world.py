"""One set of objects for the route and leak tests: two trajectories with every kind of object, one
user per role, and confidential documents with marker strings in every place a document can appear.

- ``own``: the example trajectory (regio Alkmaar 2012) with Bergen as the users' municipality.
- ``other``: a full copy of it (through the dossier export/import) with other municipalities, and a
  second projectleider who is a member of the copy only.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from regiokompas.accounts.models import UserRole

from .users import SETUP, make_user

OWN_SLUG = "alkmaar-sociale-zaken-2012"
OTHER_SLUG = "toegang-ander-traject"
OWN_CODE, OTHER_MUNI_CODE = "GM0373", "GM0361"  # Bergen (the users'), Alkmaar (another municipality)

# role -> username; every user except the second projectleider and beheer is a member of ``own`` only
ROLES = ["anonymous", "beheerder", "projectleider", "projectleider_ander", "beleidsmedewerker", "griffier", "raadslid", "or_lid"]


def _remap_code(code: str) -> str:
    return "GM9" + code[3:]


@dataclass
class World:
    own: object
    other: object
    users: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)  # (variant, name) -> object
    markers: dict = field(default_factory=dict)  # marker -> set of roles that may see it


def _copy_with_other_municipalities(trajectory):
    """The trajectory's dossier imported as a new trajectory whose municipalities are new ones."""
    from regiokompas.register import dossier

    data = dossier.export_dossier(trajectory)
    data = json.loads(json.dumps(data).replace(f'"{OWN_SLUG}"', f'"{OTHER_SLUG}"'))
    for row in data["objects"].get("municipality", []):
        row["cbs_code"] = _remap_code(row["cbs_code"])
        row["name"] = f"{row['name']} (ander traject)"
    for kind in ("organisation", "execution_organisation", "region", "arrangement", "law"):
        for row in data["objects"].get(kind, []):
            for key in ("name", "abbreviation"):
                if key in row and isinstance(row[key], str):
                    row[key] = f"{row[key]} (ander traject)"[:30 if key == "abbreviation" else 200]
    data["trajectory"] = OTHER_SLUG
    return dossier.import_dossier(SETUP, data)


def _confidential(trajectory, issuer, marker: str, *, kind="overig"):
    from regiokompas.register import constants as c
    from regiokompas.register import services as s
    from regiokompas.register.models import Document

    doc = Document(trajectory=trajectory, kind=kind if kind in c.DocumentKind.values else c.DocumentKind.OTHER,
                   title=f"Vertrouwelijk {marker}-TITEL", issuer_municipality=issuer, confidential=True,
                   status=c.DocumentStatus.DEFINITIEF, date=dt.date(2013, 1, 10))
    return s.save_document(SETUP, doc, [s.SectionInput("overig", "Inhoud", f"Geheime inhoud {marker}-TEKST.")])


def build() -> World:
    from regiokompas.options import services as os_
    from regiokompas.options.models import Criterion, Score, Variant
    from regiokompas.planning import process
    from regiokompas.publications import services as pub
    from regiokompas.register import constants as c
    from regiokompas.register import services as s
    from regiokompas.register.models import (
        Condition,
        Decision,
        Document,
        Gate,
        Municipality,
        Organisation,
        Trajectory,
    )

    own = Trajectory.objects.get(slug=OWN_SLUG)
    run = os_.run_analysis(SETUP, own, samples=300, seed=1, label="toegangstest")
    process.generate(SETUP, own)
    other = _copy_with_other_municipalities(own)
    os_.run_analysis(SETUP, other, samples=300, seed=1, label="toegangstest")
    process.generate(SETUP, other)

    bergen = Municipality.objects.get(cbs_code=OWN_CODE)
    alkmaar = Municipality.objects.get(cbs_code=OTHER_MUNI_CODE)
    project = own.project_organisation
    second_project = s.save_object(SETUP, Organisation(name="Projectbureau ander traject", kind=c.OrganisationKind.PROJECT))
    works_council = Organisation.objects.get(name="Ondernemingsraad gemeente Bergen")
    users = {
        "beheerder": make_user("w-beheer", UserRole.BEHEERDER, superuser=True),
        "projectleider": make_user("w-projectleider", UserRole.PROJECTLEIDER, organisation=project, trajectories=[own]),
        "projectleider_ander": make_user("w-projectleider-ander", UserRole.PROJECTLEIDER, organisation=second_project,
                                         trajectories=[other]),
        "beleidsmedewerker": make_user("w-bergen", UserRole.BELEIDSMEDEWERKER, municipality=bergen, trajectories=[own]),
        "griffier": make_user("w-griffier", UserRole.GRIFFIER, municipality=bergen, trajectories=[own]),
        "raadslid": make_user("w-raadslid", UserRole.RAADSLID, municipality=bergen, trajectories=[own]),
        "or_lid": make_user("w-or", UserRole.OR_LID, organisation=works_council, trajectories=[own]),
        # not a role of the table: the staff of another municipality, to make leak-test objects
        "alkmaar": make_user("w-alkmaar", UserRole.BELEIDSMEDEWERKER, municipality=alkmaar, trajectories=[own]),
    }
    world = World(own=own, other=other, users=users)
    world.objects["run"] = run

    # --- confidential documents with markers, in every place a document appears --------------------
    confidential_roles = {"beheerder", "projectleider", "or_lid"}  # issued by Alkmaar: not Bergen's staff
    gate = own.gates.order_by("ordinal").first()
    subject = _confidential(own, alkmaar, "MARKER-VOORLIGGEND")
    attachment = _confidential(own, alkmaar, "MARKER-BIJLAGE")
    fulfilment = _confidential(own, alkmaar, "MARKER-VERVULLING")
    cost_evidence = _confidential(own, alkmaar, "MARKER-KOSTEN")
    score_evidence = _confidential(own, alkmaar, "MARKER-SCORE")
    public = s.save_document(SETUP, Document(trajectory=own, kind=c.DocumentKind.MEMO, title="Openbaar stuk met bijlage",
                                             issuer_municipality=bergen, status=c.DocumentStatus.DEFINITIEF,
                                             date=dt.date(2013, 1, 9)),
                             [s.SectionInput("overig", "Inhoud", "Openbare tekst.")])
    s.save_object(SETUP, public, m2m={"attachments": [attachment]})
    s.save_object(SETUP, gate, m2m={"subject_documents": [*gate.subject_documents.all(), subject, public]})
    for name in ("MARKER-VOORLIGGEND", "MARKER-BIJLAGE", "MARKER-VERVULLING", "MARKER-KOSTEN", "MARKER-SCORE"):
        world.markers[name] = confidential_roles

    decision = Decision.objects.filter(gate__trajectory=own, municipality=bergen, is_current=True).order_by("gate__ordinal").first()
    condition = Condition.objects.filter(decision__gate__trajectory=own, decision__municipality=bergen,
                                         decision__is_current=True).first()
    if condition is None:
        decision = s.supersede_decision(SETUP, decision, s.DecisionInput(
            gate=decision.gate, municipality=bergen, outcome=c.Outcome.AGREE_WITH_CONDITIONS, date=decision.date,
            conditions=[s.ConditionInput("Een voorwaarde voor de toegangstest")]), reason="toegangstest")
        condition = decision.conditions.get()
    s.set_condition_status(SETUP, condition, c.ConditionStatus.MET, fulfilled_by=fulfilment)

    from regiokompas.finance import services as fs
    from regiokompas.finance.models import CostItem

    item = CostItem.objects.filter(variant__trajectory=own).order_by("variant__number", "pk").first()
    item.evidence_document = cost_evidence
    fs.save_item(SETUP, item)
    score = Score.objects.filter(variant__trajectory=own).order_by("variant__number", "pk").first()
    score.evidence_document = score_evidence
    os_.save_score(SETUP, score)

    # a draft council document of Alkmaar: only Alkmaar's staff, the project organisation and beheer
    draft = pub.create_draft(users["alkmaar"], gate, alkmaar, "memo")
    sections = [(x.type, x.heading, x.text) for x in draft.document.sections.order_by("order")]
    sections.append(("overig", "Concepttekst", "Nog niet verzonden: MARKER-CONCEPT-TEKST."))
    pub.update_draft(users["alkmaar"], draft, title="Concept MARKER-CONCEPT-TITEL", header=dict(draft.document.header),
                     sections=sections)
    world.markers["MARKER-CONCEPT"] = {"beheerder", "projectleider"}
    # Bergen's own draft names the gate's documents: never the confidential one
    world.objects["bergen_draft"] = pub.create_draft(users["beleidsmedewerker"], gate, bergen, "memo")
    world.objects["alkmaar_draft"] = draft

    # a pending import of Alkmaar (owned by Alkmaar; the project organisation of the trajectory too)
    text = (b"Raadsmemo\nGemeente Alkmaar\nOnderwerp: MARKER-IMPORT-TITEL\nDatum: 3 maart 2013\n\n"
            b"Geheime tekst MARKER-IMPORT-TEKST.\n")
    world.objects["import"] = pub.start_import(users["alkmaar"], text, "MARKER-IMPORT-bestand.txt", trajectory=own)
    world.markers["MARKER-IMPORT"] = {"beheerder", "projectleider"}

    # the process description is generated after the markers exist (it must not name them)
    process.generate(SETUP, own)

    # --- named objects per variant, for the route table --------------------------------------------
    for key, t in (("own", own), ("other", other)):
        code = OWN_CODE if key == "own" else _remap_code(OWN_CODE)
        muni = Municipality.objects.get(cbs_code=code)
        o = world.objects
        o[key, "trajectory"] = t
        o[key, "municipality"] = muni
        o[key, "gate"] = t.gates.order_by("ordinal").first()
        o[key, "decision"] = Decision.objects.filter(gate__trajectory=t, municipality=muni, is_current=True).order_by("gate__ordinal").first()
        o[key, "condition"] = Condition.objects.filter(decision__gate__trajectory=t, decision__municipality=muni).order_by("pk").first()
        o[key, "variant"] = Variant.objects.filter(trajectory=t).order_by("number").first()
        o[key, "criterion"] = Criterion.objects.filter(criteria_set__trajectory=t).order_by("pk").first()
        o[key, "run"] = t.analysis_runs.order_by("number").first() if hasattr(t, "analysis_runs") else None
        from regiokompas.finance.models import AllocationKey, CostItem, CurrentCost

        o[key, "cost_item"] = CostItem.objects.filter(variant__trajectory=t).order_by("variant__number", "pk").first()
        o[key, "key"] = AllocationKey.objects.filter(trajectory=t).order_by("pk").first()
        o[key, "current_cost"] = CurrentCost.objects.filter(trajectory=t).order_by("pk").first()
        from regiokompas.planning.models import Consultation, ConsultationBody, Milestone

        o[key, "body"] = ConsultationBody.objects.filter(trajectory=t).order_by("pk").first()
        o[key, "consultation"] = Consultation.objects.filter(body__trajectory=t).order_by("pk").first()
        o[key, "milestone"] = Milestone.objects.filter(version__plan__trajectory=t).order_by("pk").first()
        o[key, "document"] = Document.objects.filter(trajectory=t, confidential=True).order_by("pk").first()
        o[key, "public_document"] = Document.objects.filter(trajectory=t, confidential=False, publication__isnull=True).order_by("pk").first()
    world.objects["own", "document"] = subject
    # another municipality of the own trajectory, with a decision (for the own/other-municipality routes)
    if not Decision.objects.filter(gate=gate, municipality=alkmaar, is_current=True).exists():
        s.record_decision(SETUP, s.DecisionInput(gate=gate, municipality=alkmaar, outcome=c.Outcome.HOLD, date=None))
    world.objects["own_other_muni", "municipality"] = alkmaar
    other_alkmaar = Municipality.objects.get(cbs_code=_remap_code(OTHER_MUNI_CODE))
    world.objects["other", "document"] = _confidential(other, other_alkmaar, "ANDER-TRAJECT")
    world.objects["own", "draft"] = world.objects["bergen_draft"]
    other_gate = world.objects["other", "gate"]
    other_muni = world.objects["other", "municipality"]
    world.objects["other", "draft"] = pub.create_draft(users["projectleider_ander"], other_gate, other_muni, "memo")
    world.objects["own", "import"] = pub.start_import(users["beleidsmedewerker"], b"Raadsmemo\nOnderwerp: eigen import\n",
                                                      "eigen.txt", trajectory=own)
    world.objects["other", "import"] = pub.start_import(users["projectleider_ander"], b"Raadsmemo\nOnderwerp: andere import\n",
                                                        "ander.txt", trajectory=other)
    from regiokompas.jobs.models import Job

    for key, trajectory, requester in (("own", own, "beleidsmedewerker"), ("other", other, "projectleider_ander")):
        world.objects[key, "job"] = Job.objects.create(
            kind="report", title="Rapport toegangstest", trajectory=trajectory, requested_by=users[requester], status="done",
            output=b"# Rapport\n", output_name="rapport.md", output_type="text/markdown; charset=utf-8")
    missing = [key for key, value in world.objects.items() if value is None]
    assert not missing, f"the world lacks {missing}"
    assert Gate.objects.filter(trajectory=other).exists()
    return world
