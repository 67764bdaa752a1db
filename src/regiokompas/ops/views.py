"""``/metrics``: Prometheus metrics (django-prometheus), only for a configured scraper."""

from __future__ import annotations

from django.http import Http404
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_prometheus.exports import ExportToDjangoView

from regiokompas import metrics as _own_metrics  # noqa: F401 - registers the application's own metrics in this process
from regiokompas.accounts import permissions


@never_cache
@require_GET
def metrics(request):
    # 404, not 403: to anyone else the address does not exist
    if not permissions.can_read_metrics(request.META.get("REMOTE_ADDR", ""), request.META.get("HTTP_AUTHORIZATION", "")):
        raise Http404
    from regiokompas.jobs.health import queue_depth

    try:
        _own_metrics.TASK_QUEUE_DEPTH.set(queue_depth())
    except Exception:  # noqa: BLE001 - the queue's state is also reported by /gezondheid/klaar
        pass
    return ExportToDjangoView(request)
