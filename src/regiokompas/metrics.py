"""Prometheus metrics of Regiokompas itself, beside the request metrics of django-prometheus.

Import and observe them where the work happens, for example::

    from regiokompas import metrics

    with metrics.ANALYSIS_DURATION.time():
        result = engine.analyse(problem, samples=samples, seed=seed)

They are exported at ``/metrics`` (access: docs/operations.md). Under ``regiokompas serve`` (several
processes) prometheus_client runs in multiprocess mode, so the figures add up over all processes.
"""

from __future__ import annotations

from prometheus_client import Gauge, Histogram

# Seconds: from a small validation run (well under a second) to a large analysis (minutes).
ANALYSIS_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600)

ANALYSIS_DURATION = Histogram(
    "regiokompas_analysis_duration_seconds",
    "Duur van een beslisanalyse (SMAA-2) in seconden.",
    buckets=ANALYSIS_BUCKETS,
)

# Read from the database queue when /metrics is scraped (regiokompas.jobs.health.queue_depth).
TASK_QUEUE_DEPTH = Gauge(
    "regiokompas_task_queue_depth",
    "Aantal achtergrondtaken dat op een worker wacht.",
    multiprocess_mode="mostrecent",
)
