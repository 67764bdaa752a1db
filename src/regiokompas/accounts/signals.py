"""Audit rows for every change of users, roles and rights, however it is made.

Users, groups and profiles are changed by the Django admin, by commands (``createsuperuser``,
``changepassword``, the demo accounts) and by code, mostly without a service function in between.
Model signals catch all of these: creation, change and deletion of a user (active, staff and
superuser flags included; a password change is recorded as such, never the hash), of a group
(a role in Django's sense) and of a profile (role, municipality, organisation), and every change of
a many-to-many relation of these models (a user's groups and permissions, a group's permissions,
and any many-to-many field a profile has or will get), from either side of the relation. The row is
written in the same transaction as the change; the actor is the request's user
(:mod:`regiokompas.audit.context`) or the system.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from regiokompas.audit import log as audit
from regiokompas.audit.context import current_actor, service_audits

USER_FIELDS = ("username", "first_name", "last_name", "email", "is_active", "is_staff", "is_superuser")


def _label(obj) -> str:
    if isinstance(obj, Permission):
        return f"{obj.content_type.app_label}.{obj.codename}"
    if isinstance(obj, Group):
        return obj.name
    if isinstance(obj, get_user_model()):
        return obj.get_username()
    return str(obj)


def _related(obj: models.Model, field: models.ManyToManyField) -> list:
    if obj.pk is None:
        return []
    return sorted(_label(x) for x in getattr(obj, field.name).all())


def snapshot(obj: models.Model) -> dict:
    """The audited state: for a user without the password hash (a change of it shows as
    ``password_changed``), relations as readable names."""
    from regiokompas.accounts.models import Profile

    if isinstance(obj, get_user_model()):
        data = {name: getattr(obj, name) for name in USER_FIELDS}
        data["id"] = obj.pk
    elif isinstance(obj, Profile):
        data = audit.snapshot(obj)
        data["user"] = obj.user.get_username() if obj.user_id else None
    else:
        data = {"id": obj.pk, "name": str(obj)}
    for field in obj._meta.many_to_many:
        data[field.name] = _related(obj, field)
    return {k: audit._jsonable(v) for k, v in data.items()}


def _actor_for(instance):
    """The acting user; the label only if the actor is the user being deleted (its row goes)."""
    actor = current_actor()
    if actor is not None and isinstance(instance, get_user_model()) and getattr(actor, "pk", None) == instance.pk:
        from regiokompas.accounts.actors import SystemActor

        return SystemActor(audit.actor_label(actor))  # named, without a link to the row that goes
    return actor


def _name(instance) -> str:
    return instance._meta.model_name


def _audited_models() -> tuple[type[models.Model], ...]:
    from regiokompas.accounts.models import Profile

    return (get_user_model(), Group, Profile)


def before_save(sender, instance, raw=False, **kwargs):
    if raw or not isinstance(instance, _audited_models()):
        return
    old = type(instance)._default_manager.filter(pk=instance.pk).first() if instance.pk else None
    instance._audit_before = snapshot(old) if old is not None else None
    instance._audit_password = old.password if old is not None and hasattr(old, "password") else None


def after_save(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw or not isinstance(instance, _audited_models()):
        return
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # logging in is not a change of rights (django.contrib.auth updates last_login)
    before = None if created else getattr(instance, "_audit_before", None)
    after = snapshot(instance)
    password_changed = (
        hasattr(instance, "password") and not created and getattr(instance, "_audit_password", None) != instance.password
    )
    if password_changed:
        after["password_changed"] = True
    if before is not None and before == after:
        return  # saved without a change
    audit.record(_actor_for(instance), f"{_name(instance)}.{'create' if created else 'update'}", instance,
                 before=before, after=after, reason="wachtwoord gewijzigd" if password_changed else "")


def before_delete(sender, instance, **kwargs):
    if isinstance(instance, _audited_models()):
        instance._audit_before = snapshot(instance)


def after_delete(sender, instance, **kwargs):
    if not isinstance(instance, _audited_models()):
        return
    audit.record(_actor_for(instance), f"{_name(instance)}.delete", None, before=getattr(instance, "_audit_before", None),
                 after=None, object_type=instance._meta.label, object_repr=str(instance), object_id=str(instance.pk))


def _m2m_field(model: type[models.Model], through) -> models.ManyToManyField | None:
    for field in model._meta.many_to_many:
        if field.remote_field.through is through:
            return field
    return None


def relation_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    """A many-to-many relation of a user, group or profile changed (``groups.add``,
    ``user_permissions.set``, ``profile.trajectories.remove``, ``group.user_set.clear`` ...)."""
    if service_audits():
        return
    audited = _audited_models()
    if not reverse and isinstance(instance, audited):
        field = _m2m_field(type(instance), sender)
        owners = [instance] if field else []
    elif reverse and issubclass(model, audited):
        field = _m2m_field(model, sender)
        if field is None:
            return
        if action == "pre_clear":
            owners = list(model._default_manager.filter(**{field.name: instance}))
        else:
            owners = list(model._default_manager.filter(pk__in=pk_set or ()))
    else:
        return
    if field is None:
        return
    if action.startswith("pre_"):
        key = f"_audit_m2m_{field.name}_{id(instance)}"
        instance.__dict__[key] = [(o.pk, _related(o, field)) for o in owners]
        return
    key = f"_audit_m2m_{field.name}_{id(instance)}"
    befores = dict(instance.__dict__.pop(key, []))
    if not owners and befores:  # reverse clear: the owners are gone from the relation now
        owners = list(model._default_manager.filter(pk__in=list(befores)))
    change = action.split("_", 1)[1]  # add, remove, clear
    for owner in owners:
        owner = type(owner)._default_manager.get(pk=owner.pk)  # fresh: the relation as stored now
        before_list = befores.get(owner.pk, [])
        after_list = _related(owner, field)
        if before_list == after_list:
            continue
        audit.record(_actor_for(owner), f"{_name(owner)}.{field.name}.{change}", owner,
                     before={field.name: before_list}, after={field.name: after_list},
                     reason=f"{field.verbose_name}: " + ", ".join(
                         [f"+ {x}" for x in after_list if x not in before_list]
                         + [f"- {x}" for x in before_list if x not in after_list]))


def connect() -> None:
    pre_save.connect(before_save, dispatch_uid="audit_roles_pre_save")
    post_save.connect(after_save, dispatch_uid="audit_roles_post_save")
    pre_delete.connect(before_delete, dispatch_uid="audit_roles_pre_delete")
    post_delete.connect(after_delete, dispatch_uid="audit_roles_post_delete")
    m2m_changed.connect(relation_changed, dispatch_uid="audit_roles_m2m")
