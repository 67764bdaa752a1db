"""Every page of the example, for every demo role: security headers, and nothing inline that the
strict Content-Security-Policy would block (no <script>, <style>, style="", on...= or javascript:)."""

import base64
import hashlib
import re

import pytest
from django.urls import reverse
from tests.security.crawl import ROLES, crawl, parse

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

POLICY = {
    "default-src": "'self'", "object-src": "'none'", "base-uri": "'none'",
    "frame-ancestors": "'none'", "form-action": "'self'",
}


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    out = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


def assert_security_headers(url, response):
    policy = directives(response)
    for name, value in POLICY.items():
        assert policy.get(name) == [value], (url, name, policy.get(name))
    for name in ("script-src", "style-src"):
        sources = policy.get(name, policy["default-src"])
        assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources, (url, name, sources)
    assert "no-store" in response["Cache-Control"], url
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in permissions, (url, feature)
    assert response["Referrer-Policy"] == "same-origin", url
    assert response["X-Content-Type-Options"] == "nosniff", url
    assert response["X-Frame-Options"] == "DENY", url
    assert not response.has_header("Server"), url


def style_hashes(html: str) -> list[str]:
    return [
        "'sha256-" + base64.b64encode(hashlib.sha256(css.encode()).digest()).decode() + "'"
        for css in re.findall(r"<style>(.*?)</style>", html, flags=re.S)
    ]


@pytest.mark.parametrize("role", ROLES)
def test_every_page_for_every_role_has_the_headers_and_nothing_inline(client, users, role):
    client.force_login(users[role])
    pages = documents = 0
    for url, response, page in crawl(client, per_route=2):
        assert response.status_code in (200, 403, 404), (url, response.status_code)
        assert_security_headers(url, response)
        if page is None:
            continue
        if response.has_header("Content-Disposition"):
            # A generated html document (a download, also when shown in the browser) embeds its one
            # stylesheet so that it stays complete when saved; the policy allows exactly that one.
            documents += 1
            allowed = directives(response)["style-src"]
            for digest in style_hashes(response.content.decode()):
                assert digest in allowed, (url, "embedded stylesheet not allowed by its hash")
            rest = [item for item in page.inline if item != "<style> element"]
            assert not rest, (url, rest)
        else:
            pages += 1
            assert not page.inline, (url, page.inline)
    assert pages > 30, pages


def test_admin_and_login_pages(client, users):
    response = client.get(reverse("login"))
    assert_security_headers("login", response)
    assert not parse(response.content.decode()).inline
    client.force_login(users["beheer"])
    for name in ("admin:index", "admin:auth_user_changelist", "admin:axes_accessattempt_changelist"):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert_security_headers(name, response)
        assert not parse(response.content.decode()).inline, name

