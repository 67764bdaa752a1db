"""`load-example --accounts` and `demo` make the demo accounts (public password, superuser 'beheer')
only in a demonstration on a database without other users, unless told explicitly."""

import pytest
from tests.security.support import run, table_counts, usernames

TABLES = ("auth_user", "register_trajectory", "accounts_profile", "audit_auditentry")


@pytest.mark.django_db
def test_refusal_rules(users):
    from django.contrib.auth import get_user_model

    from regiokompas.accounts.demo import demo_accounts_refusal

    assert demo_accounts_refusal(in_demo=True) is None
    assert "productie" in demo_accounts_refusal(in_demo=False)
    get_user_model().objects.create_user("j.jansen", password="Een-echt-wachtwoord-2026")
    reason = demo_accounts_refusal(in_demo=True)
    assert "andere gebruikers" in reason and "j.jansen" in reason


@pytest.mark.slow
def test_outside_a_demonstration_load_example_accounts_is_refused(tmp_path):
    result = run(tmp_path, "load-example", "--accounts")  # production defaults: https only
    assert result.returncode == 2, result.stdout + result.stderr
    assert "ingesteld voor productie" in result.stderr and "niets gewijzigd" in result.stderr
    assert "Traceback" not in result.stderr
    assert table_counts(tmp_path, *TABLES) == {t: None for t in TABLES}  # not even migrated


@pytest.mark.slow
def test_a_database_with_real_users_gets_no_demo_accounts(tmp_path):
    demo = {"REGIOKOMPAS_SECURE": "false"}
    assert run(tmp_path, "manage", "migrate", "--verbosity", "0").returncode == 0
    made = run(tmp_path, "manage", "createsuperuser", "--noinput", "--username", "j.jansen", "--email", "j@example.nl",
               DJANGO_SUPERUSER_PASSWORD="Een-echt-wachtwoord-2026")
    assert made.returncode == 0, made.stderr
    before = table_counts(tmp_path, *TABLES)
    for args in (("load-example", "--accounts"), ("demo", "--no-serve")):
        result = run(tmp_path, *args, **demo)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert "andere gebruikers" in result.stderr and "j.jansen" in result.stderr and "niets gewijzigd" in result.stderr
        assert "Traceback" not in result.stderr
        assert table_counts(tmp_path, *TABLES) == before
    assert usernames(tmp_path) == ["j.jansen"]
    # loading the example without accounts is fine
    assert run(tmp_path, "load-example").returncode == 0
    assert usernames(tmp_path) == ["j.jansen"]
    # told explicitly
    forced = run(tmp_path, "load-example", "--accounts", "--force-demo-accounts")
    assert forced.returncode == 0, forced.stderr
    assert "beheer" in usernames(tmp_path) and "j.jansen" in usernames(tmp_path)


def test_force_without_accounts_is_refused(tmp_path):
    result = run(tmp_path, "load-example", "--force-demo-accounts")
    assert result.returncode == 2 and "hoort bij --accounts" in result.stderr
    assert table_counts(tmp_path, *TABLES) == {t: None for t in TABLES}


@pytest.mark.slow
def test_in_a_demonstration_the_demo_accounts_are_reset(demo_data_dir):
    # (`regiokompas demo` itself on its earlier data folder: tests/security/test_error_pages.py)
    before = table_counts(demo_data_dir, "register_trajectory", "auth_user")
    again = run(demo_data_dir, "load-example", "--accounts", REGIOKOMPAS_SECURE="false")
    assert again.returncode == 0, again.stderr
    assert "was al geladen" in again.stdout and "Demo-accounts: beheer" in again.stdout
    assert table_counts(demo_data_dir, "register_trajectory", "auth_user") == before
