"""The `regiokompas` command as a newcomer and a script use it: real processes, real SQLite files."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

SLUGS = ["alkmaar-sociale-zaken-2012", "alkmaar-participatiewet-2019"]


# Set by the test run itself (settings module, browser tests); a real user's shell has none of them.
TEST_ONLY_VARIABLES = {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def clean_env(*drop):
    return {k: v for k, v in os.environ.items() if k not in TEST_ONLY_VARIABLES | set(drop)}


def run(data_dir, *args, check=True):
    env = clean_env()
    env["REGIOKOMPAS_DATA_DIR"] = str(data_dir)
    result = subprocess.run([sys.executable, "-m", "regiokompas", *args], env=env, capture_output=True, text=True, timeout=300)
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def row_counts(data_dir):
    con = sqlite3.connect(data_dir / "regiokompas.sqlite3")
    tables = [r[0] for r in con.execute("select name from sqlite_master where type='table' and name like 'register_%'")]
    counts = {t: con.execute(f'select count(*) from "{t}"').fetchone()[0] for t in tables}
    con.close()
    return counts


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory):
    data = tmp_path_factory.mktemp("demo")
    result = run(data, "demo", "--no-serve")
    assert "Voorbeelddossier regio Alkmaar geladen" in result.stdout
    assert "regiokompas-demo" in result.stdout
    return data


def test_demo_no_serve_on_an_empty_data_folder(demo_dir):
    assert (demo_dir / "regiokompas.sqlite3").is_file()
    assert row_counts(demo_dir)["register_trajectory"] == 2
    before = row_counts(demo_dir)
    again = run(demo_dir, "demo", "--no-serve")
    assert "was al geladen" in again.stdout
    assert row_counts(demo_dir) == before


def test_demo_accounts_take_part_in_the_example_trajectories(demo_dir):
    con = sqlite3.connect(demo_dir / "regiokompas.sqlite3")
    members = con.execute(
        "select u.username, t.slug from accounts_profile_trajectories pt join accounts_profile p on p.id = pt.profile_id "
        "join auth_user u on u.id = p.user_id join register_trajectory t on t.id = pt.trajectory_id"
    ).fetchall()
    con.close()
    for username in ("beheer", "projectleider", "bergen", "or-bergen"):
        assert {slug for user, slug in members if user == username} == set(SLUGS), username


def test_the_example_files_load_with_import_dossier_and_load_example_completes_them(demo_dir, tmp_path):
    """The example is two dossier files that `import-dossier` reads as any user's dossier; `load-example`
    imports what is missing, skips what exists, and a second run changes nothing."""
    import regiokompas
    from regiokompas.examples import DOSSIER_FILES

    example_2012 = Path(regiokompas.__file__).parent / "examples" / DOSSIER_FILES[0]
    assert "geïmporteerd" in run(tmp_path, "import-dossier", str(example_2012)).stdout
    partly = run(tmp_path, "load-example").stdout
    assert f"Traject '{SLUGS[0]}' bestaat al; overgeslagen" in partly and f"Traject '{SLUGS[1]}'" in partly
    before = row_counts(tmp_path)
    again = run(tmp_path, "load-example").stdout
    assert "was al geladen; niets gewijzigd" in again
    assert row_counts(tmp_path) == before == row_counts(demo_dir)


@pytest.mark.parametrize("slug", SLUGS)
def test_export_import_into_an_empty_database_is_lossless(demo_dir, tmp_path, slug):
    first = tmp_path / "eerste.json"
    run(demo_dir, "export", "--trajectory", slug, "-o", str(first))
    data = json.loads(first.read_text())
    assert data["schema"] == "regiokompas.dossier/1" and data["trajectory"] == slug
    empty = tmp_path / "leeg"
    assert "geïmporteerd" in run(empty, "import-dossier", str(first)).stdout
    second = tmp_path / "tweede.json"
    run(empty, "export", "--trajectory", slug, "-o", str(second))
    assert second.read_text() == first.read_text()


def test_bad_input_is_refused_in_dutch_and_changes_nothing(demo_dir, tmp_path):
    before = row_counts(demo_dir)
    cases = [
        (("import-dossier", str(tmp_path / "bestaat-niet.json")), "bestaat niet"),
        (("export", "--trajectory", "onbekend", "-o", str(tmp_path / "x.json")), "bestaat niet"),
        (("demo", "--no-serve", "--port", "70000"), "tussen 1 en 65535"),
        (("serve", "--port", "acht"), "geen poortnummer"),
        (("export", "--trajectory", SLUGS[0]), "verplicht"),
    ]
    bad_json = tmp_path / "kapot.json"
    bad_json.write_text("{ niet af")
    cases.append((("import-dossier", str(bad_json)), "geen geldige JSON"))
    wrong = tmp_path / "ander.json"
    wrong.write_text(json.dumps({"schema": "iets/1"}))
    cases.append((("import-dossier", str(wrong)), "geen Regiokompas-dossier"))
    existing = tmp_path / "bestaand.json"
    run(demo_dir, "export", "--trajectory", SLUGS[1], "-o", str(existing))
    cases.append((("import-dossier", str(existing)), "bestaat al"))
    broken = json.loads(existing.read_text())
    broken["trajectory"] = "kopie"
    broken["objects"]["trajectory"][0]["slug"] = "kopie"
    broken["objects"]["decision"][0]["gate"] = "gate:99"
    damaged = tmp_path / "beschadigd.json"
    damaged.write_text(json.dumps(broken))
    cases.append((("import-dossier", str(damaged)), "onbekend object gate:99"))
    for args, message in cases:
        result = run(demo_dir, *args, check=False)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert message in result.stderr, (args, result.stderr)
    assert row_counts(demo_dir) == before


def test_check_reports_configuration(demo_dir):
    result = run(demo_dir, "check")
    assert "Migraties: bijgewerkt" in result.stdout and "sqlite" in result.stdout


def test_production_settings_pass_check_deploy(tmp_path):
    env = clean_env("DEBUG", "REGIOKOMPAS_SECURE")
    env.update(REGIOKOMPAS_DATA_DIR=str(tmp_path), ALLOWED_HOSTS="regiokompas.example.nl")
    result = subprocess.run([sys.executable, "-m", "regiokompas", "check", "--deploy"], env=env, capture_output=True, text=True, timeout=120)
    assert "Controles voor productie: geen problemen gevonden." in result.stdout, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_check_lists_every_setting_without_revealing_secrets(demo_dir):
    env_secret = "heel-geheim-" + "x" * 40
    env = clean_env()
    env.update(REGIOKOMPAS_DATA_DIR=str(demo_dir), SECRET_KEY=env_secret)
    result = subprocess.run([sys.executable, "-m", "regiokompas", "check", "--settings"], env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    for name in ("DATABASE_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "REGIOKOMPAS_DATA_DIR"):
        assert name in result.stdout
    assert env_secret not in result.stdout


def test_serve_on_a_port_in_use_says_so_in_dutch(demo_dir):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run(demo_dir, "serve", "--processes", "1", "--port", str(port), check=False)
    assert result.returncode != 0
    assert f"Poort {port}" in result.stderr and "al in gebruik" in result.stderr
