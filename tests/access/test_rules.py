"""The rules of accounts.permissions, one by one: trajectory membership, roles, own and other
municipality, confidential documents, unsent council documents, pending imports, the system actor."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from tests.register.helpers import database_counts, new_trajectory

from regiokompas.accounts import permissions as p
from regiokompas.accounts.actors import SYSTEM, SystemActor
from regiokompas.accounts.models import UserRole
from regiokompas.accounts.services import set_membership
from regiokompas.audit.models import AuditEntry
from regiokompas.register import constants as c
from regiokompas.register import services as s
from regiokompas.register.errors import PermissionDenied
from regiokompas.register.models import Document, Organisation

from .users import SETUP, fresh, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(m):
    t1, (g1, _) = new_trajectory("toegang-een", municipalities=[m["bergen"], m["alkmaar"]], members=False)
    t2, (g2, _) = new_trajectory("toegang-twee", municipalities=[m["heiloo"], m["uitgeest"]], members=False)
    project = s.save_object(SETUP, Organisation(name="Projectbureau toegangstest", kind=c.OrganisationKind.PROJECT))
    works_council = s.save_object(SETUP, Organisation(name="OR toegangstest", kind=c.OrganisationKind.WORKS_COUNCIL))
    other_org = s.save_object(SETUP, Organisation(name="Adviesbureau toegangstest", kind=c.OrganisationKind.CONTRACTOR))
    u = {
        "beheer": make_user("t-beheer", UserRole.BEHEERDER),
        "pl1": make_user("t-pl1", UserRole.PROJECTLEIDER, organisation=project, trajectories=[t1]),
        "pl2": make_user("t-pl2", UserRole.PROJECTLEIDER, organisation=project, trajectories=[t2]),
        "pl0": make_user("t-pl0", UserRole.PROJECTLEIDER, organisation=project),
        "bm": make_user("t-bm", UserRole.BELEIDSMEDEWERKER, municipality=m["bergen"], trajectories=[t1]),
        "bm_out": make_user("t-bm-out", UserRole.BELEIDSMEDEWERKER, municipality=m["bergen"]),
        "alk": make_user("t-alk", UserRole.BELEIDSMEDEWERKER, municipality=m["alkmaar"], trajectories=[t1]),
        "griffier": make_user("t-griffier", UserRole.GRIFFIER, municipality=m["bergen"], trajectories=[t1]),
        "raadslid": make_user("t-raadslid", UserRole.RAADSLID, municipality=m["bergen"], trajectories=[t1]),
        "or1": make_user("t-or1", UserRole.OR_LID, organisation=works_council, trajectories=[t1]),
        "or2": make_user("t-or2", UserRole.OR_LID, organisation=works_council, trajectories=[t2]),
        "adviseur": make_user("t-adviseur", UserRole.BELEIDSMEDEWERKER, organisation=other_org, trajectories=[t1]),
        "superuser": make_user("t-super", UserRole.BELEIDSMEDEWERKER, superuser=True),
    }
    from django.contrib.auth.models import AnonymousUser

    u["anonymous"] = AnonymousUser()
    docs = {
        "public": s.save_document(SETUP, Document(trajectory=t1, kind=c.DocumentKind.MEMO, title="Openbaar stuk", issuer_municipality=m["bergen"])),
        "bergen": s.save_document(SETUP, Document(trajectory=t1, kind=c.DocumentKind.MEMO, title="Vertrouwelijk Bergen",
                                                  issuer_municipality=m["bergen"], confidential=True)),
        "project": s.save_document(SETUP, Document(trajectory=t1, kind=c.DocumentKind.OTHER, title="Vertrouwelijk projectbureau",
                                                   issuer_organisation=project, confidential=True)),
        "shared": s.save_document(SETUP, Document(trajectory=t1, kind=c.DocumentKind.OTHER, title="Vertrouwelijk gedeeld",
                                                  issuer_organisation=project, confidential=True)),
        "t2": s.save_document(SETUP, Document(trajectory=t2, kind=c.DocumentKind.OTHER, title="Vertrouwelijk traject twee",
                                              issuer_organisation=project, confidential=True)),
    }
    docs["shared"].allowed_organisations.add(other_org)
    return {"t1": t1, "t2": t2, "g1": g1, "g2": g2, "u": u, "docs": docs, "m": m}


def test_membership(world):
    u, t1, t2 = world["u"], world["t1"], world["t2"]
    assert p.is_member(u["pl1"], t1) and not p.is_member(u["pl1"], t2)
    assert p.is_member(u["or2"], t2.pk) and not p.is_member(u["or2"], t1)
    assert not p.is_member(u["beheer"], t1)  # beheer needs no membership, but is none
    assert not p.is_member(u["anonymous"], t1) and not p.is_member(SYSTEM, t1)


def test_a_projectleider_manages_only_her_own_trajectories(world):
    u, t1, t2 = world["u"], world["t1"], world["t2"]
    assert p.can_manage_trajectory(u["pl1"], t1) and not p.can_manage_trajectory(u["pl1"], t2)
    assert p.can_manage_trajectory(u["pl2"], t2) and not p.can_manage_trajectory(u["pl2"], t1)
    assert p.can_manage_trajectory(u["beheer"], t1) and p.can_manage_trajectory(u["beheer"], t2)
    assert p.can_manage_trajectory(u["pl1"]) and not p.can_manage_trajectory(u["pl0"])  # any trajectory at all
    for name in ("bm", "griffier", "raadslid", "or1", "anonymous"):
        assert not p.can_manage_trajectory(u[name], t1), name
    assert p.can_create_trajectory(u["pl0"]) and p.can_create_trajectory(u["beheer"]) and not p.can_create_trajectory(u["bm"])
    assert p.can_manage_users(u["pl1"], t1) and not p.can_manage_users(u["pl1"], t2)
    assert p.can_manage_options(u["pl1"], t1) and not p.can_manage_options(u["pl2"], t1)


def test_analyses_preferences_and_costs_are_for_members(world):
    u, t1, t2, m = world["u"], world["t1"], world["t2"], world["m"]
    for name in ("pl1", "bm", "griffier", "raadslid", "or1", "beheer", "superuser"):
        assert p.can_see_analysis(u[name], t1) and p.can_see_costs(u[name], t1), name
    for name in ("pl2", "pl0", "bm_out", "or2", "anonymous"):
        assert not p.can_see_analysis(u[name], t1), name
    assert p.can_edit_preferences(u["bm"], m["bergen"], t1)
    assert not p.can_edit_preferences(u["bm_out"], m["bergen"], t1)
    assert not p.can_edit_preferences(u["bm"], m["alkmaar"], t1)
    assert not p.can_edit_preferences(u["griffier"], m["bergen"], t1)
    assert p.can_run_analysis(u["bm"], t1) and not p.can_run_analysis(u["bm"], t2) and not p.can_run_analysis(u["raadslid"], t1)


def test_decisions_are_recorded_by_members_of_that_municipality(world):
    u, t1, t2, m = world["u"], world["t1"], world["t2"], world["m"]
    assert p.can_record_decision(u["bm"], m["bergen"], t1) and p.can_record_decision(u["griffier"], m["bergen"], t1)
    assert not p.can_record_decision(u["bm"], m["bergen"], t2)  # not a member of that trajectory
    assert not p.can_record_decision(u["bm_out"], m["bergen"], t1)
    assert not p.can_record_decision(u["bm"], m["alkmaar"], t1)
    assert not p.can_record_decision(u["raadslid"], m["bergen"], t1)
    assert not p.can_record_decision(u["pl1"], m["bergen"], t1)
    assert p.can_record_decision(u["superuser"], m["bergen"], t2) and p.can_record_decision(SYSTEM, m["bergen"], t1)
    assert p.can_record_decision(u["bm_out"], m["bergen"])  # without a trajectory only the municipality counts


def test_record_decision_refuses_a_non_member_and_changes_nothing(world):
    u, g1, m = world["u"], world["g1"], world["m"]
    before = database_counts()
    with pytest.raises(PermissionDenied, match="deelnemen"):
        s.record_decision(fresh(u["bm_out"]), s.DecisionInput(gate=g1, municipality=m["bergen"], outcome=c.Outcome.AGREE,
                                                            date=dt.date(2024, 1, 1)))
    assert database_counts() == before
    decision = s.record_decision(fresh(u["bm"]), s.DecisionInput(gate=g1, municipality=m["bergen"], outcome=c.Outcome.AGREE,
                                                               date=dt.date(2024, 1, 1)))
    assert decision.recorded_by.endswith("(t-bm)")


ALL = ["beheer", "pl1", "pl2", "pl0", "bm", "bm_out", "alk", "griffier", "raadslid", "or1", "or2", "adviseur", "superuser", "anonymous"]
SEES = {
    "public": set(ALL) - {"anonymous"},
    # issuing municipality (not its raadsleden), the project organisation and the OR of the trajectory
    "bergen": {"beheer", "superuser", "pl1", "bm", "bm_out", "griffier", "or1"},
    # the issuing organisation: every projectleider of the project bureau (organisation), the OR of the trajectory
    "project": {"beheer", "superuser", "pl1", "pl2", "pl0", "or1"},
    "shared": {"beheer", "superuser", "pl1", "pl2", "pl0", "or1", "adviseur"},
    "t2": {"beheer", "superuser", "pl1", "pl2", "pl0", "or2"},
}


@pytest.mark.parametrize("doc", sorted(SEES))
def test_who_sees_which_document(world, doc):
    document = world["docs"][doc]
    for name in ALL:
        user = world["u"][name]
        assert p.can_see_document(user, document) == (name in SEES[doc]), (doc, name)
        # the queryset filter and the single check agree
        visible = p.visible_documents(user, Document.objects.filter(pk=document.pk)).exists()
        assert visible == (name in SEES[doc]), (doc, name, "visible_documents")
        assert p.document_title(user, document) == (document.title if name in SEES[doc] else None)
    assert p.public_title(document) == (document.title if doc == "public" else None)


def test_unsent_council_documents_are_for_the_issuer_and_the_project_organisation(world):
    from regiokompas.publications import services as pub

    u, g1, m = world["u"], world["g1"], world["m"]
    publication = pub.create_draft(fresh(u["bm"]), g1, m["bergen"], "memo", date=dt.date(2024, 1, 15))
    document = publication.document
    sees = {"beheer", "superuser", "pl1", "bm", "bm_out", "griffier"}
    for name in ALL:
        user = fresh(world["u"][name])
        assert p.can_see_publication(user, publication) == (name in sees), name
        assert p.can_see_document(user, document) == (name in sees), name
        assert p.visible_documents(user, Document.objects.filter(pk=document.pk)).exists() == (name in sees), name
    assert not p.is_public(document) and p.public_title(document) is None
    assert not p.public_documents(Document.objects.filter(pk=document.pk)).exists()
    pub.finalise(SystemActor("test"), publication)  # definitief without the approval steps (a loaded document)
    assert not p.can_see_publication(fresh(u["raadslid"]), publication)  # definitief, but not sent yet
    pub.record_information_event(fresh(u["bm"]), document, m["bergen"], date=dt.date(2024, 2, 1), channel="ris")
    for name in ALL:
        assert p.can_see_publication(fresh(u[name]), publication) == (name != "anonymous"), name
    assert p.is_public(document)


def test_pending_imports_belong_to_the_uploaders_organisation(world):
    from tests.documents.helpers import MEMO_2012

    from regiokompas.publications import services as pub
    from regiokompas.publications.models import DocumentImport

    u, t1 = world["u"], world["t1"]
    record = pub.start_import(fresh(u["bm"]), MEMO_2012.read_bytes(), MEMO_2012.name, trajectory=t1)
    handles = {"beheer", "superuser", "bm", "bm_out", "griffier", "pl1"}
    for name in ALL:
        user = fresh(u[name])
        assert p.can_handle_import(user, record) == (name in handles), name
        assert p.visible_imports(user, DocumentImport.objects.filter(pk=record.pk)).exists() == (name in handles), name
    own_org = pub.start_import(fresh(u["pl0"]), MEMO_2012.read_bytes(), MEMO_2012.name)
    assert p.can_handle_import(fresh(u["pl2"]), own_org)  # the same project bureau
    assert not p.can_handle_import(fresh(u["bm"]), own_org)
    before = database_counts()
    for name in ("raadslid", "or1", "alk", "pl2"):
        with pytest.raises(PermissionDenied):
            pub.cancel_import(fresh(u[name]), record)
        with pytest.raises(PermissionDenied):
            pub.confirm_import(fresh(u[name]), record)
    assert database_counts() == before and DocumentImport.objects.filter(pk=record.pk).exists()
    with pytest.raises(PermissionDenied, match="neemt niet deel"):
        pub.start_import(fresh(u["bm"]), MEMO_2012.read_bytes(), MEMO_2012.name, trajectory=world["t2"])


def test_only_an_explicit_system_actor_bypasses_the_checks(world):
    g1, m = world["g1"], world["m"]
    before = database_counts()
    for not_an_actor in ("systeem", "voorbeelddossier", ""):
        with pytest.raises(PermissionDenied):
            s.record_decision(not_an_actor, s.DecisionInput(gate=g1, municipality=m["bergen"], outcome=c.Outcome.AGREE,
                                                            date=dt.date(2024, 1, 1)))
        with pytest.raises(PermissionDenied):
            s.add_participant(not_an_actor, world["t1"], m["heiloo"])
    assert database_counts() == before
    assert not p.can_manage_trajectory("systeem") and not p.can_see_document("systeem", world["docs"]["public"])
    actor = SystemActor("toegangstest-import")
    decision = s.record_decision(actor, s.DecisionInput(gate=g1, municipality=m["bergen"], outcome=c.Outcome.AGREE, date=dt.date(2024, 1, 1)))
    entry = AuditEntry.objects.filter(action="decision.record", object_id=str(decision.pk)).get()
    assert entry.actor is None and entry.actor_label == "toegangstest-import"
    assert decision.recorded_by == "toegangstest-import"
    from regiokompas.audit import log as audit

    with pytest.raises(TypeError):
        audit.record("systeem", "x.y")
    with pytest.raises(ValueError):
        SystemActor("  ")


def test_membership_changes_are_checked_and_audited(world):
    u, t1, t2 = world["u"], world["t1"], world["t2"]
    target = u["bm_out"].profile
    before = database_counts()
    with pytest.raises(PermissionDenied, match="toegang-twee|Traject"):
        set_membership(fresh(u["pl1"]), target, [t2])
    with pytest.raises(PermissionDenied):
        set_membership(fresh(u["bm"]), target, [t1])
    assert database_counts() == before and not target.trajectories.exists()
    set_membership(fresh(u["pl1"]), target, [t1], reason="nieuwe collega")
    assert list(target.trajectories.all()) == [t1]
    entry = AuditEntry.objects.filter(action="profile.membership").latest("pk")
    assert entry.before == {"trajectories": []} and entry.after == {"trajectories": ["toegang-een"]}
    assert entry.actor == u["pl1"] and entry.reason == "nieuwe collega"
    assert p.can_record_decision(fresh(u["bm_out"]), world["m"]["bergen"], t1)
    # a projectleider of t2 may not take the user out of t1
    with pytest.raises(PermissionDenied):
        set_membership(fresh(u["pl2"]), target, [])
    set_membership(fresh(u["beheer"]), target, [t2])
    assert list(target.trajectories.all()) == [t2]


def test_the_template_tag_names_a_document_only_to_who_may_see_it(world):
    template = Template('{% load access %}[{% document_link doc %}][{% document_link doc "vertrouwelijk stuk" %}]'
                        '[{% document_title doc as t %}{{ t }}]')
    request = RequestFactory().get("/")
    for name, expect_title in (("bm", True), ("raadslid", False), ("or2", False), ("or1", True)):
        request.user = fresh(world["u"][name])
        html = template.render(Context({"request": request, "doc": world["docs"]["bergen"]}))
        if expect_title:
            assert html.count("Vertrouwelijk Bergen") == 3 and "/documenten/" in html, name
        else:
            assert html == "[][vertrouwelijk stuk][]", name
