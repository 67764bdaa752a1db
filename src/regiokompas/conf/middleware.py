"""Response headers that Django and the security libraries do not set themselves."""

from __future__ import annotations

from django.utils.cache import add_never_cache_headers


class NoStoreMiddleware:
    """No page of Regiokompas may be kept by a browser or a proxy cache: every response that Django
    produces gets ``Cache-Control: no-store`` (and ``private``, ``no-cache``, ``max-age=0``).

    This covers every response to a logged-in user, confidential pages included, and the login page;
    static files (served by WhiteNoise before this middleware) keep their own long cache headers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        add_never_cache_headers(response)
        return response
