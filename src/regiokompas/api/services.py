"""Changes that belong to the API itself: the personal API token of a user."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from rest_framework.authtoken.models import Token

from regiokompas.accounts.actors import Actor
from regiokompas.audit import log as audit
from regiokompas.register.errors import RegisterError


@transaction.atomic
def api_token(actor: Actor, username: str) -> tuple[str, bool]:
    """The user's API token, created on first request (audited, without the token itself).

    Returns (token, created). The same token comes back on every later call."""
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise RegisterError(f"Gebruiker '{username}' bestaat niet.", field="gebruikersnaam")
    if not user.is_active:
        raise RegisterError(f"Gebruiker '{username}' is niet actief; een niet-actieve gebruiker krijgt geen token.")
    token, created = Token.objects.get_or_create(user=user)
    if created:
        audit.record(actor, "api.token.create", user, after={"username": user.get_username()},
                     reason="API-token aangemaakt", object_type="auth.User", object_repr=user.get_username())
    return token.key, created
