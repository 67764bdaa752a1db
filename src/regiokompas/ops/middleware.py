"""One JSON log line per request, with a request id that follows the request through every log line."""

from __future__ import annotations

import logging
import re
import time
import uuid

from regiokompas.ops import logs

access_log = logging.getLogger(logs.ACCESS_LOGGER)

# An X-Request-ID from the proxy is kept when it is a plain token; anything else gets a fresh id.
REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


class RequestLogMiddleware:
    """Accepts (or generates) ``X-Request-ID``, returns it in the response, and logs method, path
    (without the query string, which may hold personal data), status, duration and user id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        rid = incoming if REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        request.request_id = rid
        rid_token = logs.request_id.set(rid)
        uid_token = logs.user_id.set(None)
        start = time.perf_counter()
        status = 500
        try:
            response = self.get_response(request)
            status = response.status_code
            response["X-Request-ID"] = rid
            return response
        finally:
            user = getattr(request, "user", None)
            uid = user.pk if user is not None and getattr(user, "is_authenticated", False) else None
            duration_ms = round((time.perf_counter() - start) * 1000, 1)
            access_log.info(
                "%s %s %s %.1f ms", request.method, request.path, status, duration_ms,
                extra={"request_id": rid, "user_id": uid, "method": request.method, "path": request.path,
                       "status": status, "duration_ms": duration_ms},
            )
            logs.user_id.reset(uid_token)
            logs.request_id.reset(rid_token)
