"""What a user may see and do. Views, forms, CLI and services ask these functions, nothing else."""

from __future__ import annotations

from regiokompas.accounts.models import Profile, UserRole


def profile_of(user) -> Profile | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.profile
    except Profile.DoesNotExist:
        return None


def role_of(user) -> str | None:
    p = profile_of(user)
    return p.role if p else None


def is_manager(user) -> bool:
    """Functioneel beheer (or a Django superuser): may maintain the whole register."""
    return bool(getattr(user, "is_superuser", False)) or role_of(user) == UserRole.BEHEERDER


def can_record_decision(user, municipality) -> bool:
    """Only users of a municipality record that municipality's decisions (superusers excepted)."""
    if getattr(user, "is_superuser", False):
        return True
    p = profile_of(user)
    return bool(p and p.role in {UserRole.BELEIDSMEDEWERKER, UserRole.GRIFFIER} and p.municipality_id == municipality.pk)


def can_manage_trajectory(user, trajectory=None) -> bool:
    """Gates, participants, assignments and documents of a trajectory: project organisation and beheer."""
    return is_manager(user) or role_of(user) == UserRole.PROJECTLEIDER


def can_see_document(user, document) -> bool:
    if not document.confidential:
        return bool(getattr(user, "is_authenticated", False))
    if is_manager(user):
        return True
    p = profile_of(user)
    if p is None:
        return False
    # Works councils get access to all documents of the trajectory (seed memo 2012), as does the
    # project organisation that prepares them.
    if p.role in {UserRole.OR_LID, UserRole.PROJECTLEIDER}:
        return True
    if p.municipality_id and p.municipality_id == document.issuer_municipality_id:
        return p.role != UserRole.RAADSLID
    if p.organisation_id and (
        p.organisation_id == document.issuer_organisation_id
        or document.allowed_organisations.filter(pk=p.organisation_id).exists()
    ):
        return True
    return False


def visible_documents(user, queryset):
    """Filter a Document queryset down to what ``user`` may see."""
    if is_manager(user):
        return queryset
    p = profile_of(user)
    if p and p.role in {UserRole.OR_LID, UserRole.PROJECTLEIDER}:
        return queryset
    from django.db.models import Q

    allowed = Q(confidential=False)
    if p and p.municipality_id and p.role != UserRole.RAADSLID:
        allowed |= Q(issuer_municipality_id=p.municipality_id)
    if p and p.organisation_id:
        allowed |= Q(issuer_organisation_id=p.organisation_id) | Q(allowed_organisations__id=p.organisation_id)
    return queryset.filter(allowed).distinct()
