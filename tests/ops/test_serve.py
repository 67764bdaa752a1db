"""`regiokompas serve` for production (gunicorn, several processes) and its separate steps
`regiokompas migrate` and `regiokompas collectstatic`: real processes on a loopback port."""

import sqlite3

import pytest
from tests.security.support import free_port, request, run, server

SECRET = {"SECRET_KEY": "ops-test-" + "k" * 50}


def tables(data_dir):
    database = data_dir / "regiokompas.sqlite3"
    if not database.exists():
        return set()
    con = sqlite3.connect(database)
    try:
        return {r[0] for r in con.execute("select name from sqlite_master where type='table'")}
    finally:
        con.close()


def test_several_processes_need_a_secret_key(tmp_path):
    result = run(tmp_path, "serve", "--processes", "2", "--port", str(free_port()), REGIOKOMPAS_SECURE="false")
    assert result.returncode == 2
    assert "SECRET_KEY verplicht" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "secret_key").exists() and tables(tmp_path) == set()


def test_serve_does_not_migrate_and_says_what_to_do(tmp_path):
    result = run(tmp_path, "serve", "--port", str(free_port()), REGIOKOMPAS_SECURE="false", **SECRET)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "regiokompas migrate" in result.stderr and "Traceback" not in result.stderr
    assert tables(tmp_path) == set()  # nothing created, nothing migrated


def test_serve_without_collected_static_files_says_what_to_do(tmp_path):
    assert run(tmp_path, "migrate", **SECRET).returncode == 0
    result = run(tmp_path, "serve", "--port", str(free_port()), REGIOKOMPAS_SECURE="false", **SECRET)
    assert result.returncode == 2 and "regiokompas collectstatic" in result.stderr


def test_serve_on_loopback_without_https_or_proxy_says_how_to_run_it(tmp_path):
    result = run(tmp_path, "serve", "--port", str(free_port()), **SECRET)
    assert result.returncode == 2
    assert "REGIOKOMPAS_SECURE=false" in result.stderr and "TRUSTED_PROXIES=127.0.0.1" in result.stderr
    assert "regiokompas demo" in result.stderr
    assert "draait op http" not in result.stdout  # no address that would only redirect


def test_bad_process_count_is_refused_in_dutch(tmp_path):
    result = run(tmp_path, "serve", "--processes", "0")
    assert result.returncode == 2 and "ligt niet tussen 1 en 64" in result.stderr


@pytest.mark.slow
def test_migrate_collectstatic_then_serve_with_two_processes(tmp_path):
    migrated = run(tmp_path, "migrate", **SECRET)
    assert migrated.returncode == 0, migrated.stderr
    assert "django_migrations" in tables(tmp_path)
    collected = run(tmp_path, "collectstatic", **SECRET)
    assert collected.returncode == 0 and (tmp_path / "static" / "staticfiles.json").exists()

    kernels = tmp_path / "kernels"
    with server(tmp_path, "serve", REGIOKOMPAS_SECURE="false", NUMBA_CACHE_DIR=str(kernels), **SECRET) as port:
        status, headers, body = request(port, "GET", "/gezondheid/klaar", {"X-Request-ID": "serve-test-1"})
        assert status == 200 and '"status": "ok"' in body
        assert headers["x-request-id"] == "serve-test-1"
        assert "server" not in headers  # no product name
        status, headers, text = request(port, "GET", "/inloggen/")
        assert status == 200 and "Wachtwoord" in text
        # hashed static file names (cacheable forever), served by WhiteNoise
        css = next(part.split('"')[1] for part in text.split("href=") if "regiokompas/app." in part.split('"')[1])
        assert css.count(".") >= 2, css
        status, headers, _ = request(port, "GET", css)
        assert status == 200 and "immutable" in headers.get("cache-control", "")
        # metrics of all processes, from loopback
        status, _, metrics_text = request(port, "GET", "/metrics")
        assert status == 200 and "django_http_requests_latency_seconds_by_view_method" in metrics_text
        assert "regiokompas_analysis_duration_seconds" in metrics_text
        # forwarded headers from an untrusted peer are not believed
        status, headers, _ = request(port, "GET", "/gezondheid/live", {"X-Forwarded-Proto": "https"})
        assert status == 200 and "strict-transport-security" not in headers
    assert list(kernels.rglob("*.nbi"))  # the analysis kernels were compiled into the configured cache
