"""What every endpoint shares: token and session authentication, problem answers for every kind of
error (nothing written), Dutch whatever the client's language, pagination, the api-token command."""

import json

import pytest
from django.contrib.auth import get_user_model
from rest_framework.authtoken.models import Token
from tests.api.helpers import assert_problem, client_for, nothing_changed, post

from regiokompas.accounts.actors import SYSTEM
from regiokompas.api.services import api_token
from regiokompas.cli import main
from regiokompas.register import services

pytestmark = pytest.mark.django_db

NEW = {"slug": "api-kern", "naam": "Traject via de API", "domein": "Sociaal domein", "deelnemers": ["GM0373"]}


def test_token_is_created_once_and_returned_again(users):
    key, created = api_token(SYSTEM, "bergen")
    again, created_again = api_token(SYSTEM, "bergen")
    assert created and not created_again and key == again
    assert Token.objects.get(user=users["bergen"]).key == key


def test_api_token_command_prints_the_same_token_twice(capsys, users):
    assert main(["api-token", "projectleider"]) == 0
    first = capsys.readouterr().out.strip()
    assert main(["api-token", "projectleider"]) == 0
    assert capsys.readouterr().out.strip() == first == Token.objects.get(user=users["projectleider"]).key


def test_api_token_command_unknown_user_is_a_dutch_error_and_changes_nothing(capsys):
    with nothing_changed():
        assert main(["api-token", "niemand"]) == 2
    err = capsys.readouterr().err
    assert "Gebruiker 'niemand' bestaat niet" in err


def test_anonymous_gets_401_with_token_challenge():
    response = client_for(None).get("/api/v1/trajecten")
    body = assert_problem(response, 401)
    assert response["WWW-Authenticate"] == "Token"
    assert "Authorization: Token" in body["detail"]


def test_wrong_token_gets_401():
    client = client_for(None)
    client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef")
    assert_problem(client.get("/api/v1/gemeenten"), 401)


def test_anonymous_write_gets_401_and_writes_nothing():
    client = client_for(None)
    with nothing_changed():
        assert_problem(post(client, "/api/v1/trajecten", NEW), 401)


def test_session_authentication_requires_csrf_for_writes(users):
    client = client_for(users["projectleider"], session=True)
    assert client.get("/api/v1/trajecten").status_code == 200
    with nothing_changed():
        body = assert_problem(post(client, "/api/v1/trajecten", NEW), 403)
    assert "CSRF" in body["detail"] and "X-CSRFToken" in body["detail"]


def test_session_with_csrf_token_may_write(users):
    client = client_for(users["projectleider"], session=True)
    client.get("/api/v1/trajecten")  # any page; the token comes from the login
    from django.middleware.csrf import _get_new_csrf_string

    secret = _get_new_csrf_string()
    client.cookies["csrftoken"] = secret
    response = client.post("/api/v1/trajecten", data=json.dumps(NEW), content_type="application/json", HTTP_X_CSRFTOKEN=secret)
    assert response.status_code == 201, response.content


def test_unknown_address_is_a_problem_404(api):
    assert_problem(api("bergen").get("/api/v1/bestaat-niet"), 404)
    assert_problem(api("bergen").get("/api/v1/trajecten/bestaat-niet"), 404)


def test_method_not_allowed_is_a_problem_405(api):
    client = api("projectleider")
    with nothing_changed():
        body = assert_problem(client.delete("/api/v1/trajecten/alkmaar-participatiewet-2019"), 405)
    assert "DELETE" in body["detail"]


def test_non_json_input_is_a_problem_415_and_writes_nothing(api):
    client = api("projectleider")
    with nothing_changed():
        assert_problem(client.post("/api/v1/trajecten", data="slug=x", content_type="application/x-www-form-urlencoded"), 415)


def test_malformed_json_is_a_problem_400_and_writes_nothing(api):
    client = api("projectleider")
    with nothing_changed():
        body = assert_problem(client.post("/api/v1/trajecten", data="{slug: ", content_type="application/json"), 400)
    assert "geen geldige JSON" in body["detail"]


def test_answers_are_dutch_whatever_the_accept_language(api):
    client = api("projectleider")
    with nothing_changed():
        response = client.post("/api/v1/trajecten", data=json.dumps({}), content_type="application/json",
                               HTTP_ACCEPT_LANGUAGE="en")
    body = assert_problem(response, 400, param="slug")
    reasons = {p["name"]: p["reason"] for p in body["invalidParams"]}
    assert reasons["slug"] == "Dit veld is verplicht." and reasons["naam"] == "Dit veld is verplicht."


def test_unexpected_error_is_a_problem_500_and_writes_nothing(api, monkeypatch):
    client = api("projectleider")
    real = services.add_participant

    def fails_after_writing(*args, **kwargs):
        real(*args, **kwargs)
        raise RuntimeError("kapot")

    monkeypatch.setattr(services, "add_participant", fails_after_writing)
    with nothing_changed():
        body = assert_problem(post(client, "/api/v1/trajecten", NEW), 500)
    assert "kapot" not in body["detail"] and "niets gewijzigd" in body["detail"]


def test_lists_are_paged(api):
    client = api("bergen")
    body = client.get("/api/v1/gemeenten?pageSize=2").json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert len(body["results"]) == 2 and body["count"] > 2 and "page=2" in body["next"]
    second = client.get(body["next"]).json()
    assert second["results"][0]["code"] not in {g["code"] for g in body["results"]}
    assert_problem(client.get("/api/v1/gemeenten?page=9999"), 404)


def test_inactive_user_gets_no_token():
    user = get_user_model().objects.create(username="oud", is_active=False)
    from regiokompas.register.errors import RegisterError

    with nothing_changed(), pytest.raises(RegisterError, match="niet actief"):
        api_token(SYSTEM, user.username)
