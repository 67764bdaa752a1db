"""Dutch error pages, also in the demo: the demo runs without DEBUG, so a 404 never shows Django's
debug page with the URL list, and a server error shows the Dutch 500 page."""

import pytest
from django.test import Client, override_settings
from tests.security.support import request, server

NOT_DUTCH = ("Page not found", "URLconf", "Using the URLconf", "Traceback", "Server Error", "DEBUG = True")


def assert_dutch_page(text: str, heading: str):
    assert 'lang="nl"' in text and heading in text, text[:500]
    for marker in NOT_DUTCH:
        assert marker not in text, marker


@pytest.mark.django_db
def test_404_is_the_dutch_page(client, users):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert_dutch_page(response.content.decode(), "Niet gevonden")
    client.force_login(users["raadslid-bergen"])
    response = client.get("/documenten/999999/")
    assert response.status_code == 404
    assert_dutch_page(response.content.decode(), "Niet gevonden")


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.security.urls_failing")
def test_a_server_error_renders_the_dutch_500_page(users):
    client = Client(raise_request_exception=False)
    client.force_login(users["bergen"])
    response = client.get("/test-fout/")
    assert response.status_code == 500
    text = response.content.decode()
    assert_dutch_page(text, "Er ging iets mis")
    assert "opzettelijke fout" not in text
    assert response.has_header("Content-Security-Policy") and "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_csrf_failure_is_dutch(users):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/inloggen/", {"username": "bergen", "password": "x"})
    assert response.status_code == 403
    assert_dutch_page(response.content.decode(), "Formulier verlopen")
    assert "<style" not in response.content.decode()


@pytest.mark.slow
def test_the_demo_runs_without_debug_and_shows_the_dutch_404(demo_data_dir):
    # the demo started a second time on its own data folder
    with server(demo_data_dir, "demo") as port:
        status, headers, text = request(port, "GET", "/bestaat-niet/")
        assert status == 404
        assert_dutch_page(text, "Niet gevonden")
        status, headers, text = request(port, "GET", "/inloggen/")
        assert status == 200 and "Wachtwoord" in text
        assert "content-security-policy" in headers and "no-store" in headers["cache-control"]
        assert "server" not in headers  # no product name
        # static files without DEBUG: WhiteNoise, with a long cache lifetime
        css = next(part.split('"')[1] for part in text.split("href=") if "regiokompas/app" in part.split('"')[1])
        status, headers, body = request(port, "GET", css)
        assert status == 200 and "skip-link" in body
        assert "no-store" not in headers.get("cache-control", "")
