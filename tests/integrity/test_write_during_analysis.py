"""No computation inside a database transaction: a register write during a long analysis
succeeds, on SQLite (where a transaction locks the whole database) and on PostgreSQL.

The analysis runs in a thread of its own process with its own database connection and waits in
the middle of its computation (pause point ``analysis.compute``) until the other thread's
decision has been written; before this was fixed the analysis computed inside its transaction,
and on SQLite the write failed with 'database is locked'."""

import pytest

pytestmark = pytest.mark.slow


def test_register_write_during_a_long_analysis_succeeds(database, tmp_path):
    marker = tmp_path / "pause"
    env = database.env(REGIOKOMPAS_PAUSE_AT="analysis.compute", REGIOKOMPAS_PAUSE_FILE=str(marker),
                       REGIOKOMPAS_PAUSE_SECONDS="200")
    before = database.check()
    outcome = database.scenario("write-during-analysis", "2000", env=env)
    assert outcome["analysis_was_computing"] and outcome["analysis_still_computing"]
    assert "write_error" not in outcome and outcome["decision"]
    assert "analysis_error" not in outcome and outcome["run"]
    after = database.check()
    assert after["problems"] == []
    assert after["counts"]["register.Decision"] == before["counts"]["register.Decision"] + 1
    assert after["counts"]["options.AnalysisRun"] == before["counts"].get("options.AnalysisRun", 0) + 1
