"""Adding, changing and deactivating users on the pages: validate, one transaction, write, audit row.

The beheerder manages every user; a projectleider adds and changes users of the organisations that
take part in her own trajectories, and never grants beheerder rights (accounts.permissions).

The audit rows of the user and profile themselves (``user.create``, ``profile.update``, ...) are
written by accounts/signals.py in the same transaction, with the actor set here; the functions add
rows of their own only for what those do not say (a deactivation's reason, a password link made)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from regiokompas.accounts import permissions
from regiokompas.accounts.models import Profile, UserRole
from regiokompas.audit import log as audit
from regiokompas.audit.context import acting_as
from regiokompas.register.errors import PermissionDenied, RegisterError

MUNICIPAL_ROLES = {UserRole.BELEIDSMEDEWERKER, UserRole.GRIFFIER, UserRole.RAADSLID}


@dataclass
class UserInput:
    username: str
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    role: str = UserRole.BELEIDSMEDEWERKER
    municipality: object | None = None
    organisation: object | None = None
    trajectories: Sequence = field(default_factory=list)
    password: str = ""  # empty: no password yet, a link to set one is made


def _state(user) -> dict:
    """What the audit log keeps of a user: never the password hash."""
    profile = Profile.objects.filter(user=user).first()
    return {
        "username": user.get_username(), "first_name": user.first_name, "last_name": user.last_name, "email": user.email,
        "is_active": user.is_active,
        "role": profile.role if profile else None,
        "municipality": profile.municipality.cbs_code if profile and profile.municipality_id else None,
        "organisation": profile.organisation.name if profile and profile.organisation_id else None,
        "trajectories": sorted(profile.trajectories.values_list("slug", flat=True)) if profile else [],
    }


def _check(actor, data: UserInput, *, target=None) -> None:
    if not permissions.can_manage_users(actor):
        raise PermissionDenied("Alleen functioneel beheer en projectleiders beheren gebruikers.")
    if data.role not in UserRole.values:
        raise RegisterError(f"Onbekende rol '{data.role}'.", field="role")
    current_role = permissions.role_of(target) if target is not None else None
    if (data.role == UserRole.BEHEERDER or current_role == UserRole.BEHEERDER) and not permissions.can_change_role(actor):
        raise PermissionDenied("Alleen functioneel beheer geeft of wijzigt beheerrechten.")
    if target is not None and current_role is not None and current_role != data.role and not permissions.can_change_role(actor) \
            and target.pk == getattr(actor, "pk", None):
        raise PermissionDenied("U kunt uw eigen rol niet wijzigen.")
    if data.municipality is not None and data.organisation is not None:
        raise RegisterError("Een gebruiker hoort bij een gemeente óf bij een organisatie, niet bij allebei.", field="organisation")
    if data.role in MUNICIPAL_ROLES and data.municipality is None:
        raise RegisterError("Een beleidsmedewerker, griffier of raadslid hoort bij een gemeente; kies de gemeente.", field="municipality")
    if data.role == UserRole.OR_LID and data.organisation is None:
        raise RegisterError("Een lid van een ondernemingsraad hoort bij die ondernemingsraad; kies de organisatie.", field="organisation")
    if data.municipality is not None and data.municipality.valid_to is not None:
        raise RegisterError(f"{data.municipality} bestaat niet meer; kies een bestaande gemeente.", field="municipality")
    if not permissions.can_change_role(actor):
        # A projectleider: only for her own trajectories, and for the municipalities that take part in them.
        if not data.trajectories:
            raise RegisterError("Kies ten minste één traject dat u beheert.", field="trajectories")
        for t in data.trajectories:
            if not permissions.can_manage_users(actor, t):
                raise PermissionDenied(f"U beheert het traject '{t}' niet.")
        if data.municipality is not None and not any(
            t.participants.filter(municipality=data.municipality).exists() for t in data.trajectories
        ):
            raise RegisterError(f"{data.municipality} neemt niet deel aan de gekozen trajecten.", field="municipality")


def _check_password(password: str, user) -> None:
    if not password:
        return
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise RegisterError(" ".join(exc.messages), field="password") from exc


def _username_free(username: str, exclude=None) -> None:
    User = get_user_model()
    field_ = User._meta.get_field(User.USERNAME_FIELD)
    try:
        field_.run_validators(username)
    except ValidationError as exc:
        raise RegisterError(" ".join(exc.messages), field="username") from exc
    if not username:
        raise RegisterError("Vul een gebruikersnaam in.", field="username")
    clash = User.objects.filter(username__iexact=username)
    if exclude is not None:
        clash = clash.exclude(pk=exclude.pk)
    if clash.exists():
        raise RegisterError(f"De gebruikersnaam '{username}' is al in gebruik.", field="username", code="conflict")


def _set_membership(actor, profile, trajectories, reason):
    from regiokompas.accounts.services import set_membership

    return set_membership(actor, profile, list(trajectories), reason=reason)


def create_user(actor, data: UserInput):
    """A new user with a profile and trajectories. Returns the user; without a password the user
    gets an unusable one and :func:`password_link` makes the link to set it."""
    with acting_as(actor), transaction.atomic():
        return _create_user(actor, data)


def _create_user(actor, data: UserInput):
    User = get_user_model()
    _check(actor, data)
    username = data.username.strip()
    _username_free(username)
    user = User(username=username, first_name=data.first_name.strip(), last_name=data.last_name.strip(), email=data.email.strip())
    _check_password(data.password, user)
    if data.password:
        user.set_password(data.password)
    else:
        user.set_unusable_password()
    user.is_staff = user.is_superuser = data.role == UserRole.BEHEERDER
    user.save()
    profile = Profile.objects.create(user=user, role=data.role, municipality=data.municipality, organisation=data.organisation)
    # The trajectories are set after the profile exists, with their own audit row; a projectleider
    # may add the user to her trajectories only.
    if data.trajectories:
        _set_membership(actor, profile, data.trajectories, "nieuwe gebruiker")
    return user


def update_user(actor, user, data: UserInput):
    """Change name, e-mail, role, organisation and trajectories. The username stays."""
    with acting_as(actor), transaction.atomic():
        return _update_user(actor, user, data)


def _update_user(actor, user, data: UserInput):
    User = get_user_model()
    user = User.objects.select_for_update().get(pk=user.pk)
    if not permissions.can_edit_user(actor, user):
        raise PermissionDenied(f"U mag de gebruiker '{user.get_username()}' niet wijzigen.")
    _check(actor, data, target=user)
    user.first_name, user.last_name, user.email = data.first_name.strip(), data.last_name.strip(), data.email.strip()
    _check_password(data.password, user)
    if data.password:
        user.set_password(data.password)
    user.is_staff = user.is_superuser = data.role == UserRole.BEHEERDER
    user.save()
    profile, _ = Profile.objects.get_or_create(user=user, defaults={"role": data.role})
    profile.role, profile.municipality, profile.organisation = data.role, data.municipality, data.organisation
    profile.save()
    if permissions.can_change_role(actor):
        _set_membership(actor, profile, data.trajectories, "gebruiker gewijzigd")
    else:
        # A projectleider sets the trajectories she manages; the user's others stay as they are.
        kept = [t for t in profile.trajectories.all() if not permissions.can_manage_users(actor, t)]
        _set_membership(actor, profile, list(dict.fromkeys([*kept, *data.trajectories])), "gebruiker gewijzigd")
    permissions.forget_cached_rights(user)
    return user


def deactivate_user(actor, user, *, reason: str = ""):
    """The user can no longer log in; everything they recorded stays, with their name."""
    with acting_as(actor), transaction.atomic():
        return _deactivate_user(actor, user, reason=reason)


def _deactivate_user(actor, user, *, reason: str = ""):
    User = get_user_model()
    user = User.objects.select_for_update().get(pk=user.pk)
    if not permissions.can_edit_user(actor, user):
        raise PermissionDenied(f"U mag de gebruiker '{user.get_username()}' niet deactiveren.")
    if user.pk == getattr(actor, "pk", None):
        raise RegisterError("U kunt uzelf niet deactiveren.")
    if not user.is_active:
        raise RegisterError(f"De gebruiker '{user.get_username()}' is al gedeactiveerd.")
    before = _state(user)
    user.is_active = False
    user.save(update_fields=["is_active"])
    audit.record(actor, "user.deactivate", user, before=before, after=_state(user), reason=reason, object_repr=user.get_username())
    return user


def password_link(actor, user) -> str:
    """The path of a one-time link with which ``user`` sets a password (valid until used or until
    PASSWORD_RESET_TIMEOUT). It is shown once and not stored; its making is audited."""
    if not permissions.can_edit_user(actor, user):
        raise PermissionDenied(f"U mag geen wachtwoordlink maken voor '{user.get_username()}'.")
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    audit.record(actor, "user.password_link", user, after={"username": user.get_username()}, object_repr=user.get_username())
    return reverse("accounts:password-set", args=[uid, token])
