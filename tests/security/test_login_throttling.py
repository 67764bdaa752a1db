"""Login throttling (django-axes): wrong passwords lock a user name and an address; the lockout page
is Dutch; the beheerder lifts it in the admin or with `regiokompas unlock`; others are unaffected."""

import pytest
from django.conf import settings
from django.urls import reverse

from regiokompas.accounts.demo import DEMO_PASSWORD
from regiokompas.audit.models import AuditEntry
from regiokompas.cli import main

pytestmark = pytest.mark.django_db
LIMIT = settings.AXES_FAILURE_LIMIT


def attempt(client, username, password, address="198.51.100.7"):
    client.logout()
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def lock(client, username="bergen", address="198.51.100.7"):
    for n in range(LIMIT):
        response = attempt(client, username, f"fout-{n}", address)
        assert not logged_in(client)
    return response


def assert_lockout_page(response):
    assert response.status_code == 429
    text = response.content.decode()
    assert "Inloggen is tijdelijk geblokkeerd" in text and "functioneel beheerder" in text
    assert 'lang="nl"' in text and "Account locked" not in text
    assert response.has_header("Content-Security-Policy") and "no-store" in response["Cache-Control"]


def test_settings_lock_per_user_name_and_per_address():
    assert LIMIT == 5
    assert settings.AXES_LOCKOUT_PARAMETERS == ["username", "ip_address"]
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 30 * 60


def test_wrong_passwords_lock_and_then_the_right_one_is_refused_in_dutch(client):
    first = attempt(client, "bergen", "fout")
    assert first.status_code == 200 and "Gebruikersnaam of wachtwoord klopt niet" in first.content.decode()
    assert_lockout_page(lock(client))
    response = attempt(client, "bergen", DEMO_PASSWORD)
    assert_lockout_page(response)
    assert "bergen" in response.content.decode()
    assert not logged_in(client)
    # the same user name from another address: the user name is locked
    assert_lockout_page(attempt(client, "bergen", DEMO_PASSWORD, address="203.0.113.50"))
    assert not logged_in(client)


def test_other_users_are_not_affected(client):
    lock(client, "bergen")
    response = attempt(client, "alkmaar", DEMO_PASSWORD, address="203.0.113.50")
    assert response.status_code == 302 and logged_in(client)


def test_an_address_trying_many_user_names_is_locked(client):
    for n, username in enumerate(["bergen", "alkmaar", "projectleider", "beheer", "bestaat-niet"][:LIMIT]):
        attempt(client, username, f"fout-{n}", address="192.0.2.99")
    assert_lockout_page(attempt(client, "griffier-bergen", DEMO_PASSWORD, address="192.0.2.99"))
    assert not logged_in(client)
    assert attempt(client, "griffier-bergen", DEMO_PASSWORD, address="192.0.2.100").status_code == 302


def test_unlock_command_lifts_the_lockout_of_a_user(client, capsys):
    lock(client, "bergen")
    before = AuditEntry.objects.count()
    assert main(["unlock", "bergen"]) == 0
    assert "Blokkade opgeheven voor de gebruikersnaam 'bergen'" in capsys.readouterr().out
    assert AuditEntry.objects.count() == before + 1
    entry = AuditEntry.objects.latest("pk")
    assert entry.action == "login.unlock" and entry.after["username"] == "bergen"
    response = attempt(client, "bergen", DEMO_PASSWORD)
    assert response.status_code == 302 and logged_in(client)


def test_unlock_command_by_address(client, capsys):
    for n, username in enumerate(["bergen", "alkmaar", "projectleider", "beheer", "bestaat-niet"][:LIMIT]):
        attempt(client, username, f"fout-{n}", address="192.0.2.77")
    assert main(["unlock", "--ip", "192.0.2.77"]) == 0
    assert "het adres 192.0.2.77" in capsys.readouterr().out
    assert attempt(client, "alkmaar", DEMO_PASSWORD, address="192.0.2.77").status_code == 302


def test_unlock_command_refuses_bad_input_in_dutch_and_changes_nothing(client, capsys):
    lock(client, "bergen")
    before = AuditEntry.objects.count()
    assert main(["unlock", "--ip", "geen-adres"]) == 2
    assert "geen IP-adres" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stop:
        main(["unlock"])
    assert stop.value.code == 2
    assert "verplicht" in capsys.readouterr().err
    assert main(["unlock", "niemand"]) == 0
    assert "geen blokkade" in capsys.readouterr().out
    assert AuditEntry.objects.count() == before
    assert_lockout_page(attempt(client, "bergen", DEMO_PASSWORD))


def test_the_beheerder_unlocks_in_the_admin(client, users):
    from axes.models import AccessAttempt

    lock(client, "bergen")
    locked = AccessAttempt.objects.get(username="bergen")
    admin = client.__class__()
    admin.force_login(users["beheer"])
    listing = admin.get(reverse("admin:axes_accessattempt_changelist"))
    assert listing.status_code == 200 and "bergen" in listing.content.decode()
    response = admin.post(reverse("admin:axes_accessattempt_delete", args=[locked.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="bergen").exists()
    assert attempt(client, "bergen", DEMO_PASSWORD).status_code == 302 and logged_in(client)
