"""Regiokompas is Dutch only: a browser that asks for English still gets Dutch pages and Dutch form
errors (Django's own texts included)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_form_errors_stay_dutch_when_the_browser_asks_for_english(client, users):
    client.force_login(users["beheer"])
    response = client.post(reverse("register:trajectory-create"), {"name": "", "status": "geen-status"},
                           HTTP_ACCEPT_LANGUAGE="en")
    text = response.content.decode()
    assert response.status_code in (200, 400)
    assert "Selecteer een geldige keuze." in text  # Django's own message, in Dutch
    assert "Select a valid choice" not in text and "This field is required" not in text
    assert '<html lang="nl"' in text


def test_only_dutch_is_offered():
    from django.conf import settings

    assert [code for code, _ in settings.LANGUAGES] == ["nl"]
    assert "django.middleware.locale.LocaleMiddleware" not in settings.MIDDLEWARE
