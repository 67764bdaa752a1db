"""The audit trail: every change of users, roles and rights; imported objects each with their own
row; document sections in the snapshot; rows that cannot be changed or deleted, by the
application or by plain SQL."""

import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import DatabaseError, connection, transaction

from regiokompas.accounts.actors import SystemActor
from regiokompas.audit import log as audit
from regiokompas.audit.context import acting_as
from regiokompas.audit.models import AuditEntry, ImmutableAuditEntry

pytestmark = pytest.mark.django_db


def rows_since(mark: int, **filters):
    return list(AuditEntry.objects.filter(pk__gt=mark, **filters).order_by("id"))


def last_id() -> int:
    return AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0


# --- immutable ---------------------------------------------------------------------------------------


def test_an_audit_row_cannot_be_changed_or_deleted_through_the_model():
    entry = audit.record(SystemActor("test"), "test.immutable", None, object_type="test", object_repr="onveranderlijk")
    entry.reason = "achteraf gewijzigd"
    with pytest.raises(ImmutableAuditEntry):
        entry.save()
    with pytest.raises(ImmutableAuditEntry):
        entry.delete()
    with pytest.raises(ImmutableAuditEntry):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="achteraf gewijzigd")
    with pytest.raises(ImmutableAuditEntry):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(ImmutableAuditEntry):
        AuditEntry.objects.bulk_update([entry], ["reason"])
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert stored.reason == "" and stored.object_repr == "onveranderlijk"


@pytest.mark.parametrize("sql", [
    "UPDATE audit_auditentry SET reason = 'achteraf gewijzigd' WHERE id = %s",
    "UPDATE audit_auditentry SET actor_id = NULL, reason = 'achteraf' WHERE id = %s",
    "DELETE FROM audit_auditentry WHERE id = %s",
])
def test_the_database_refuses_to_change_or_delete_an_audit_row(users, sql):
    entry = audit.record(users["bergen"], "test.immutable", None, object_type="test", object_repr="onveranderlijk")
    with pytest.raises(DatabaseError, match="nooit gewijzigd of verwijderd"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [entry.pk])
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert stored.reason == "" and stored.actor == users["bergen"]


def test_deleting_a_user_keeps_its_audit_rows_with_the_name():
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("vertrekker", password="x" * 12)
    entry = audit.record(user, "test.actor", None, object_type="test")
    user.delete()
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert stored.actor is None and stored.actor_label == "vertrekker"


def test_delete_services_write_the_object_id_when_creating_the_row():
    """Deleting writes the row once, object id included (it used to be updated afterwards)."""
    from regiokompas.register import services as s
    from regiokompas.register.models import Organisation

    org = s.save_object(SystemActor("test"), Organisation(name="Tijdelijke organisatie", kind="contractor"))
    pk = org.pk
    s.delete_object(SystemActor("test"), org)
    entry = AuditEntry.objects.get(action="organisation.delete", object_id=str(pk))
    assert entry.before["name"] == "Tijdelijke organisatie"


# --- users, roles and rights ---------------------------------------------------------------------------


def test_flags_and_password_of_a_user_are_audited_without_the_hash(users):
    user = users["raadslid-bergen"]
    mark = last_id()
    user.is_staff = True
    user.is_superuser = True
    user.save()
    user.set_password("een ander wachtwoord 123")
    user.save()
    user.is_active = False
    user.save(update_fields=["is_active"])
    first, second, third = rows_since(mark, object_type="auth.User")
    assert first.action == "user.update" and first.actor_label == audit.SYSTEM_ACTOR
    assert (first.before["is_staff"], first.before["is_superuser"]) == (False, False)
    assert (first.after["is_staff"], first.after["is_superuser"]) == (True, True)
    assert second.after["password_changed"] is True and second.reason == "wachtwoord gewijzigd"
    assert third.before["is_active"] is True and third.after["is_active"] is False
    for row in (first, second, third):
        text = json.dumps([row.before, row.after])
        assert user.password not in text and "password" not in (row.before or {}) and "md5$" not in text


def test_logging_in_is_not_audited_as_a_change(client, users):
    from regiokompas.accounts.demo import DEMO_PASSWORD

    mark = last_id()
    assert client.post("/inloggen/", {"username": "bergen", "password": DEMO_PASSWORD}).status_code == 302
    assert rows_since(mark, object_type="auth.User") == []


def test_groups_and_permissions_are_audited_from_either_side(users):
    user, other = users["bergen"], users["alkmaar"]
    group = Group.objects.create(name="Besluitvorming")
    permission = Permission.objects.get(codename="change_decision")
    mark = last_id()
    with acting_as(users["beheer"]):
        user.groups.add(group)
        group.user_set.add(other)  # the reverse side
        group.permissions.add(permission)
        user.user_permissions.set([permission])
        user.groups.remove(group)
        group.user_set.clear()
    rows = rows_since(mark)
    summary = [(r.action, r.object_repr, r.reason) for r in rows]
    assert ("user.groups.add", "bergen", "groepen: + Besluitvorming") in summary
    assert ("user.groups.add", "alkmaar", "groepen: + Besluitvorming") in summary
    assert ("group.permissions.add", "Besluitvorming", "rechten: + register.change_decision") in summary
    assert ("user.user_permissions.add", "bergen", "gebruikersrechten: + register.change_decision") in summary
    assert ("user.groups.remove", "bergen", "groepen: - Besluitvorming") in summary
    assert ("user.groups.clear", "alkmaar", "groepen: - Besluitvorming") in summary
    assert all(r.actor == users["beheer"] for r in rows if r.action.startswith("user."))


def test_every_many_to_many_field_of_a_profile_is_audited(users):
    """Generic: whatever many-to-many fields a profile has (now or later) are audited."""
    from regiokompas.accounts.models import Profile

    fields = Profile._meta.many_to_many
    if not fields:
        pytest.skip("Profile heeft (nog) geen veel-op-veel-velden")
    profile = users["bergen"].profile
    for field in fields:
        target = field.related_model._default_manager.exclude(pk__in=getattr(profile, field.name).all()).first()
        if target is None:
            continue
        mark = last_id()
        getattr(profile, field.name).add(target)
        getattr(profile, field.name).remove(target)
        actions = [r.action for r in rows_since(mark, object_type="accounts.Profile")]
        assert actions == [f"profile.{field.name}.add", f"profile.{field.name}.remove"]


def test_role_and_organisation_changed_in_the_admin_are_audited_with_the_administrator(client, users):
    from regiokompas.accounts.demo import DEMO_PASSWORD

    profile = users["raadslid-bergen"].profile
    assert client.post("/inloggen/", {"username": "beheer", "password": DEMO_PASSWORD}).status_code == 302
    mark = last_id()
    response = client.post(f"/beheer/accounts/profile/{profile.pk}/change/", {
        "user": profile.user_id, "role": "griffier", "municipality": profile.municipality_id or "", "organisation": "",
        "trajectories": [t.pk for t in profile.trajectories.all()],
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    [row] = rows_since(mark, object_type="accounts.Profile")
    assert row.action == "profile.update" and row.actor == users["beheer"]
    assert (row.before["role"], row.after["role"]) == ("raadslid", "griffier")


def test_a_user_made_by_a_command_and_then_deleted_is_audited():
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    mark = last_id()
    call_command("createsuperuser", interactive=False, username="noodbeheer", email="beheer@example.org", verbosity=0)
    user = get_user_model().objects.get(username="noodbeheer")
    created = rows_since(mark, object_type="auth.User")
    assert created[0].action == "user.create" and created[0].after["is_superuser"] is True
    user.delete()
    deleted = AuditEntry.objects.get(action="user.delete", object_id=str(user.pk if user.pk else created[0].object_id))
    assert deleted.before["username"] == "noodbeheer" and deleted.after is None


# --- imported objects, document sections ----------------------------------------------------------------


def test_every_imported_object_has_its_own_audit_row():
    from regiokompas.register.dossier import export_dossier, import_dossier
    from regiokompas.register.models import Condition, Decision, Trajectory

    data = json.loads(json.dumps(export_dossier(Trajectory.objects.get(slug="alkmaar-sociale-zaken-2012")), default=str))
    data["trajectory"] = "kopie-2012"
    for row in data["objects"]["trajectory"]:
        row["slug"], row["name"] = "kopie-2012", row["name"] + " (kopie)"
    mark = last_id()
    trajectory = import_dossier(SystemActor("test"), data)
    rows = rows_since(mark)
    audited = {(r.object_type, r.object_id) for r in rows if r.action.endswith(".import")}
    decisions = Decision.objects.filter(gate__trajectory=trajectory)
    conditions = Condition.objects.filter(decision__gate__trajectory=trajectory)
    assert decisions and conditions
    for obj in [*decisions, *conditions, trajectory, *trajectory.gates.all()]:
        assert (obj._meta.label, str(obj.pk)) in audited, obj
    assert rows[-1].action == "dossier.import"
    assert {r.trajectory_slug for r in rows} == {"kopie-2012"}


def test_a_document_snapshot_holds_its_sections():
    from regiokompas.register import constants as c
    from regiokompas.register import services as s
    from regiokompas.register.models import Document

    doc = s.save_document(SystemActor("test"), Document(kind=c.DocumentKind.RAPPORT, title="Notitie"),
                          [s.SectionInput("inleiding", "Aanleiding", "Eerste tekst.")])
    s.save_document(SystemActor("test"), doc, [s.SectionInput("inleiding", "Aanleiding", "Tweede tekst."), s.SectionInput("besluit", "", "Akkoord.")])
    created, updated = AuditEntry.objects.filter(object_type="register.Document", object_id=str(doc.pk)).order_by("id")
    assert created.after["sections"] == [{"order": 1, "type": "inleiding", "heading": "Aanleiding", "text": "Eerste tekst."}]
    assert updated.before["sections"] == created.after["sections"]
    assert [x["text"] for x in updated.after["sections"]] == ["Tweede tekst.", "Akkoord."]


def test_a_drafted_publication_is_audited_with_its_sections(m, users):
    from regiokompas.publications import services as ps
    from regiokompas.register.models import Gate

    gate = Gate.objects.filter(trajectory__slug="alkmaar-sociale-zaken-2012").first()
    publication = ps.create_draft(users["bergen"], gate, m["bergen"], "memo")
    row = AuditEntry.objects.get(action="document.create", object_id=str(publication.document_id))
    assert row.after["sections"] and all(x["text"] is not None for x in row.after["sections"])
    assert len(row.after["sections"]) == publication.document.sections.count()
