"""`regiokompas publish` and `regiokompas import-document`."""

import io
import json
import os
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout

import pytest
from tests.documents.helpers import MEMO_2012, NIEUWSBRIEF_2020

from regiokompas.cli import main
from regiokompas.publications.models import DocumentImport
from regiokompas.register.models import Document

from .conftest import counts


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def test_import_document_dry_run_json_has_the_issue_shape():
    """Runs as a real process: no database is needed for a dry run."""
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}}
    result = subprocess.run([sys.executable, "-m", "regiokompas", "import-document", str(NIEUWSBRIEF_2020), "--dry-run", "--json"],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    for key in ("kind", "organisation", "status", "header", "sections", "municipalities", "decisions"):
        assert key in data
    for key in ("datum", "aan", "van", "onderwerp", "portefeuillehouder", "contact", "kenmerk"):
        assert key in data["header"]
    assert all(set(s) == {"type", "heading", "text"} for s in data["sections"])
    assert all(set(m) == {"code", "name"} for m in data["municipalities"])
    assert all({"municipality", "outcome", "date", "sentence"} <= set(d) for d in data["decisions"])


@pytest.mark.django_db
def test_import_document_dry_run_stores_nothing(capsys):
    before = counts()
    code, out, _ = run("import-document", str(MEMO_2012), "--dry-run")
    assert code == 0
    assert "Soort: memo van college aan de raad" in out and "Besluit: Bergen: aangehouden" in out
    assert "niets opgeslagen" in out
    assert counts() == before


@pytest.mark.django_db
def test_import_document_stores_with_original():
    code, out, _ = run("import-document", str(MEMO_2012), "--json", "--trajectory", "alkmaar-sociale-zaken-2012")
    assert code == 0
    data = json.loads(out)
    document = Document.objects.get(pk=data["stored_document_id"])
    assert document.trajectory.slug == "alkmaar-sociale-zaken-2012"
    assert document.original_text and document.original_file
    assert DocumentImport.objects.get(document=document).status == "confirmed"


@pytest.mark.django_db
@pytest.mark.parametrize("args,message", [
    (["import-document", "bestaat-niet.txt"], "bestaat niet"),
    (["import-document", str(MEMO_2012), "--trajectory", "onbekend"], "bestaat niet"),
])
def test_import_document_refuses_bad_input(args, message):
    before = counts()
    code, _, err = run(*args)
    assert code == 2 and message in err
    assert counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["memo", "raadsinformatiebrief", "nieuwsbrief"])
@pytest.mark.parametrize("fmt", ["docx", "pdf", "html", "md"])
def test_publish(tmp_path, gates, kind, fmt):
    out = tmp_path / f"stuk.{fmt}"
    code, stdout, err = run("publish", "--gate", str(gates["berenschot"].pk), "--municipality", "GM0373", "--kind", kind, "--format", fmt, "-o", str(out))
    assert code == 0, err
    data = out.read_bytes()
    assert data[:4] in (b"PK\x03\x04", b"%PDF", b"<!DO", b"**ge")
    assert "geschreven naar" in stdout


@pytest.mark.django_db
@pytest.mark.parametrize("args,message", [
    (["--gate", "999999", "--municipality", "GM0373", "--kind", "memo", "--format", "md"], "bestaat niet"),
    (["--gate", "abc", "--municipality", "GM0373", "--kind", "memo", "--format", "md"], "nummer"),
    (["--gate", "GATE", "--municipality", "GM9999", "--kind", "memo", "--format", "md"], "Gemeente"),
    (["--gate", "GATE", "--municipality", "GM0373", "--kind", "brief", "--format", "md"], "Onbekende soort"),
    (["--gate", "GATE", "--municipality", "GM0373", "--kind", "memo", "--format", "odt"], "Onbekend formaat"),
    (["--gate", "GATE", "--municipality", "GM0450", "--kind", "memo", "--format", "md"], "neemt niet deel"),
])
def test_publish_refuses_bad_input(tmp_path, gates, args, message):
    args = [a.replace("GATE", str(gates["hoofdlijnen"].pk)) for a in args]
    before = counts()
    code, _, err = run("publish", *args, "-o", str(tmp_path / "x.md"))
    assert code == 2 and message in err, err
    assert not (tmp_path / "x.md").exists()
    assert counts() == before
