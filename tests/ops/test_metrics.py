"""/metrics (django-prometheus): request latency and the analysis duration, only for a configured
address (loopback by default) or with the bearer token; to anyone else the address does not exist."""

import pytest
from django.test import Client

from regiokompas import metrics

pytestmark = pytest.mark.django_db


def test_metrics_from_loopback_show_request_latency_and_analysis_duration():
    metrics.ANALYSIS_DURATION.observe(0.3)
    Client().get("/gezondheid/live")
    response = Client().get("/metrics")  # the test client comes from 127.0.0.1
    assert response.status_code == 200
    text = response.content.decode()
    assert "django_http_requests_latency_seconds_by_view_method" in text
    assert 'regiokompas_analysis_duration_seconds_bucket{le="0.5"}' in text


def test_metrics_refused_from_elsewhere():
    response = Client(REMOTE_ADDR="203.0.113.7").get("/metrics")
    assert response.status_code == 404
    assert "django_http" not in response.content.decode()


def test_metrics_with_the_token(settings):
    settings.REGIOKOMPAS_METRICS_TOKEN = "scrape-token-" + "x" * 20
    elsewhere = Client(REMOTE_ADDR="203.0.113.7")
    assert elsewhere.get("/metrics", HTTP_AUTHORIZATION="Bearer " + settings.REGIOKOMPAS_METRICS_TOKEN).status_code == 200
    assert elsewhere.get("/metrics", HTTP_AUTHORIZATION="Bearer fout").status_code == 404
    assert elsewhere.get("/metrics", HTTP_AUTHORIZATION="Basic " + settings.REGIOKOMPAS_METRICS_TOKEN).status_code == 404


def test_no_token_configured_means_no_access_by_token(settings):
    settings.REGIOKOMPAS_METRICS_TOKEN = ""
    assert Client(REMOTE_ADDR="203.0.113.7").get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404


def test_the_analysis_duration_is_observed_around_the_engine(monkeypatch):
    from regiokompas.options import engine_api

    class FakeEngine:
        ProblemError = ValueError

        @staticmethod
        def analyse(problem, samples, seed):
            return {"ok": True}

    monkeypatch.setattr(engine_api, "_engine", lambda: FakeEngine)
    before = metrics.ANALYSIS_DURATION._sum.get()
    count = lambda: sum(s.value for s in metrics.ANALYSIS_DURATION.collect()[0].samples if s.name.endswith("_count"))  # noqa: E731
    n = count()
    assert engine_api.analyse({}, samples=10, seed=0) == {"ok": True}
    assert count() == n + 1 and metrics.ANALYSIS_DURATION._sum.get() >= before
