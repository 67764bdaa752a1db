"""`regiokompas worker`: Dutch messages for bad arguments, and a batch run that empties the queue."""

import pytest

from regiokompas.cli import main

pytestmark = pytest.mark.django_db


def test_a_bad_interval_is_refused_in_dutch(capsys):
    assert main(["worker", "--interval", "0"]) == 2
    assert "--interval moet tussen 0 en 3600 seconden liggen" in capsys.readouterr().err


def test_without_a_queue_there_is_no_worker_to_run(capsys):
    assert main(["worker", "--batch"]) == 2  # the test settings run tasks immediately
    assert "REGIOKOMPAS_TASKS=immediate" in capsys.readouterr().err


def test_a_batch_run_carries_out_what_waits_and_stops(users, queue, engine, monkeypatch):
    from regiokompas.jobs import services as jobs
    from regiokompas.jobs.models import JobKind, JobStatus
    from regiokompas.register.models import Trajectory

    job = jobs.start(users["bergen"], JobKind.REPORT, "Rapport", trajectory=Trajectory.objects.get(slug="alkmaar-sociale-zaken-2012"),
                     params={"fmt": "md", "run": None, "content_type": "text/markdown"})
    import signal

    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        assert main(["worker", "--batch", "--interval", "0.1"]) == 0
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and b"# Onderbouwing keuze uitvoeringsvariant" in bytes(job.output)
