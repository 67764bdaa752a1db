"""Helpers for API tests: clients with a token, problem answers, and proof that nothing changed."""

from __future__ import annotations

import contextlib
import json

from django.apps import apps
from rest_framework.test import APIClient

WATCHED_APPS = {"register", "audit", "accounts", "auth", "authtoken", "options", "planning", "finance", "publications"}


def database_state() -> dict[str, list]:
    """Every row of the application's tables, ordered by key: equal states mean nothing changed,
    not only that the counts are equal."""
    state = {}
    for model in apps.get_models():
        if model._meta.app_label in WATCHED_APPS:
            state[model._meta.label] = [json.dumps(row, default=str, sort_keys=True)
                                        for row in model.objects.order_by("pk").values()]
    return state


@contextlib.contextmanager
def nothing_changed():
    """Asserts that the block leaves every table exactly as it was."""
    before = database_state()
    yield
    after = database_state()
    changed = [label for label in before if before[label] != after[label]]
    assert not changed, f"gewijzigd: {changed}"


def client_for(user, *, session: bool = False) -> APIClient:
    """An API client that sends the user's token (or logs in with a session, CSRF checked)."""
    from regiokompas.accounts.actors import SYSTEM
    from regiokompas.api.services import api_token

    client = APIClient(enforce_csrf_checks=session)
    if user is None:
        return client
    if session:
        client.force_login(user)
    else:
        key, _ = api_token(SYSTEM, user.get_username())
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def assert_problem(response, status: int, *, param: str | None = None) -> dict:
    """The answer is application/problem+json with the status, a Dutch title and detail; returns it."""
    assert response.status_code == status, (response.status_code, response.content[:2000])
    assert response["Content-Type"].startswith("application/problem+json"), response["Content-Type"]
    body = json.loads(response.content)
    assert body["status"] == status and body["title"] and body["detail"] and body["type"] == "about:blank"
    assert body["instance"].startswith("/api/v1/")
    if param is not None:
        names = [p["name"] for p in body.get("invalidParams", [])]
        assert param in names, (param, body)
        for p in body["invalidParams"]:
            assert set(p) == {"name", "code", "reason"} and p["reason"]
    return body


def assert_bad_input(client, url: str, data, param: str) -> dict:
    """POSTing ``data`` is refused with 400, an invalid parameter ``param`` (or one inside it), and
    nothing written; returns the problem."""
    with nothing_changed():
        body = assert_problem(post(client, url, data), 400)
    assert any(p["name"].split(".")[0] == param for p in body["invalidParams"]), body
    return body


def post(client, url, data):
    return client.post(url, data=json.dumps(data), content_type="application/json")


def patch(client, url, data):
    return client.patch(url, data=json.dumps(data), content_type="application/json")


def join(username: str, *slugs: str) -> None:
    """Make the demo user ``username`` a member of the trajectories too (as the beheerder does)."""
    from django.contrib.auth import get_user_model

    from regiokompas.accounts.actors import SYSTEM
    from regiokompas.accounts.services import set_membership
    from regiokompas.register.models import Trajectory

    profile = get_user_model().objects.get(username=username).profile
    wanted = list(profile.trajectories.all()) + list(Trajectory.objects.filter(slug__in=slugs))
    set_membership(SYSTEM, profile, wanted, reason="test")
