"""Configuration errors and a closed pipe end in a Dutch message and an exit status, never a traceback;
`check --deploy` lists every warning in Dutch."""

import subprocess
import sys

import pytest
from tests.security.support import env_for, run


@pytest.mark.parametrize("name,value,message", [
    ("DEBUG", "misschien", "DEBUG: 'misschien' is geen ja/nee-waarde"),
    ("REGIOKOMPAS_SECURE", "soms", "REGIOKOMPAS_SECURE: 'soms' is geen ja/nee-waarde"),
    ("SECURE_SSL_REDIRECT", "2", "SECURE_SSL_REDIRECT: '2' is geen ja/nee-waarde"),
    ("LOGIN_FAILURE_LIMIT", "vijf", "LOGIN_FAILURE_LIMIT: 'vijf' is geen geheel getal"),
    ("LOGIN_FAILURE_LIMIT", "0", "LOGIN_FAILURE_LIMIT: 0 is kleiner dan 1"),
    ("LOGIN_LOCKOUT_MINUTES", "-5", "LOGIN_LOCKOUT_MINUTES: -5 is kleiner dan 0"),
    ("LOGIN_LOCKOUT_BY", "cookie", "LOGIN_LOCKOUT_BY: onbekende waarde 'cookie'"),
    ("TRUSTED_PROXY_HEADERS", "x-real-ip", "TRUSTED_PROXY_HEADERS: onbekende waarde 'x-real-ip'"),
    ("DATABASE_URL", "mysql-achtig://x", "DATABASE_URL is geen bruikbare database-URL"),
])
def test_an_invalid_setting_is_a_dutch_message(tmp_path, name, value, message):
    result = run(tmp_path, "check", **{name: value})
    assert result.returncode == 2
    assert "Fout in de instellingen: " + message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_check_deploy_lists_every_warning_in_dutch(tmp_path):
    result = run(tmp_path, "check", "--deploy", DEBUG="true", REGIOKOMPAS_SECURE="false", SECRET_KEY="kort")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert "System check" not in result.stdout + result.stderr  # Django's English summary
    lines = [line for line in result.stdout.splitlines() if line.startswith("  - ")]
    codes = {line.split("[")[1].split("]")[0] for line in lines}
    assert {"security.W004", "security.W008", "security.W009", "security.W012", "security.W016", "security.W018"} <= codes
    assert all("melding zonder Nederlandse vertaling" not in line for line in lines), lines
    assert "DEBUG staat aan" in result.stdout and "REGIOKOMPAS_SECURE=true" in result.stdout
    assert f"{len(lines)} problemen gevonden" in result.stdout


def test_check_deploy_without_warnings_exits_zero_after_migrating(demo_data_dir):
    result = run(demo_data_dir, "check", "--deploy", ALLOWED_HOSTS="regiokompas.example.nl")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Controles voor productie: geen problemen gevonden." in result.stdout


# argparse itself ignores a failed write of its help text (exit 0); a command's output ends with 141
@pytest.mark.parametrize("args,status", [(("check", "--settings"), 141), (("--help",), 0)])
def test_a_closed_pipe_ends_quietly(tmp_path, args, status):
    process = subprocess.Popen([sys.executable, "-m", "regiokompas", *args], env=env_for(tmp_path),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # like `regiokompas ... | head -0`: the reader is gone before the first line
    stderr = process.stderr.read().decode()
    process.wait(timeout=300)
    process.stderr.close()
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr and "Exception ignored" not in stderr, stderr
    assert process.returncode == status
