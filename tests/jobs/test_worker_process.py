"""The queue with a real worker process (`regiokompas worker`), on SQLite and on PostgreSQL: a large
analysis asked for on its page is computed by the worker while a register write succeeds, and its
result appears on the status page of the user who asked, and of no one else.

The worker waits in the middle of the computation (pause point ``analysis.compute``) until the
decision has been written, so the write certainly falls inside the analysis."""

import json
import signal

import pytest
from tests.integrity import support
from tests.integrity.conftest import database, template  # noqa: F401 - SQLite and PostgreSQL copies of the example

pytestmark = pytest.mark.slow


def test_a_page_enqueues_the_worker_computes_and_a_register_write_succeeds_meanwhile(database, tmp_path):  # noqa: F811
    marker = tmp_path / "pause"
    base = dict(ALLOWED_HOSTS="testserver", REGIOKOMPAS_BACKGROUND_ANALYSIS_SAMPLES="1000")
    before = database.check()
    started = _scenario(database, base, "start-analysis", "3000")
    assert started["status"] == 302 and started["location"] == started["detail"] and started["waiting_on_page"]

    worker = database.start("-m", "regiokompas", "worker", "--interval", "0.2", env=database.env(
        **base, REGIOKOMPAS_PAUSE_AT="analysis.compute", REGIOKOMPAS_PAUSE_FILE=str(marker), REGIOKOMPAS_PAUSE_SECONDS="200"))
    try:
        support.wait_for_file(marker, worker)  # the worker is computing the analysis now
        during = _scenario(database, base, "job", started["job"])
        assert during["state"]["status"] == "bezig" and during["run"] is None
        decided = _scenario(database, base, "decide")
        assert decided["decision"]
        marker.with_name(marker.name + ".go").write_text("go")
        done = _scenario(database, base, "job", started["job"], "200")
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=60)
    assert done["state"]["status"] == "klaar", done
    assert done["run"] and done["result_on_page"] and done["audit_actor"] == "bergen"
    assert done["other_user_status"] == 404
    after = database.check()
    assert after["problems"] == []
    assert after["counts"]["register.Decision"] == before["counts"]["register.Decision"] + 1
    assert after["counts"]["options.AnalysisRun"] == before["counts"].get("options.AnalysisRun", 0) + 1


def test_on_the_embedded_default_the_web_process_runs_the_worker_itself(database):  # noqa: F811
    outcome = _scenario(database, dict(ALLOWED_HOSTS="testserver", REGIOKOMPAS_WORKER="auto"), "in-process")
    assert outcome["location"] == outcome["detail"] and outcome["waiting"] == "waiting"
    assert outcome["thread"] is (database.backend == "sqlite")
    if database.backend == "sqlite":
        assert outcome["status"] == "done" and outcome["docx"], outcome


def _scenario(db, base, *args):
    done = db.run("-m", "tests.jobs.scenarios", *args, env=db.env(**base))
    return json.loads(done.stdout.strip().splitlines()[-1])
