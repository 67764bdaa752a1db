"""`regiokompas report` in-process against the test database."""

import pytest
from tests.options.helpers import SLUG, database_counts

from regiokompas.cli import main
from regiokompas.options.models import AnalysisRun

pytestmark = pytest.mark.django_db


def test_report_runs_an_analysis_when_none_exists_and_writes_the_file(tmp_path, capsys, engine):
    assert not AnalysisRun.objects.filter(trajectory__slug=SLUG).exists()
    out = tmp_path / "onderbouwing.md"
    assert main(["report", "--trajectory", SLUG, "--format", "md", "-o", str(out), "--samples", "1000", "--seed", "5"]) == 0
    run = AnalysisRun.objects.get(trajectory__slug=SLUG)
    assert run.seed == 5 and run.samples == 1000
    text = out.read_text(encoding="utf-8")
    assert text.count("## De uitkomst") == 1 and "## Kwaliteit en beperkingen" in text and "## Bijlage A. " in text
    assert "Analyse 1 uitgevoerd en bewaard" in capsys.readouterr().out
    # a second report reuses the stored run
    assert main(["report", "--trajectory", SLUG, "--format", "html", "-o", str(tmp_path / "r.html")]) == 0
    assert AnalysisRun.objects.filter(trajectory__slug=SLUG).count() == 1


@pytest.mark.parametrize("args, fragment", [
    (["--trajectory", "bestaat-niet", "--format", "md"], "Traject 'bestaat-niet' bestaat niet"),
    (["--trajectory", SLUG, "--format", "md", "--analyse", "99"], "Analyse 99 van"),
])
def test_bad_report_arguments_give_dutch_errors_and_change_nothing(tmp_path, capsys, args, fragment):
    before = database_counts()
    out = tmp_path / "x.md"
    assert main(["report", *args, "-o", str(out)]) == 2
    assert fragment in capsys.readouterr().err
    assert not out.exists() and database_counts() == before


def test_missing_output_folder_and_unknown_format(tmp_path, capsys):
    assert main(["report", "--trajectory", SLUG, "--format", "md", "-o", str(tmp_path / "nee" / "x.md")]) == 2
    assert "bestaat niet" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        main(["report", "--trajectory", SLUG, "--format", "odt", "-o", str(tmp_path / "x.odt")])
    assert exit_.value.code == 2
    assert "ongeldige keuze" in capsys.readouterr().err
