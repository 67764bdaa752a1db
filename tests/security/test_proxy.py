"""Behind a TLS proxy: `regiokompas serve` (a real server on a loopback port) believes
X-Forwarded-Proto/-For/-Host only from the trusted proxy address, so https requests through the
proxy get HSTS and no redirect to themselves, and plain http is still sent to https."""

import re

import pytest
from tests.security.support import request, run, server

pytestmark = pytest.mark.slow
HOST = "regiokompas.example.nl"
PRODUCTION = {"ALLOWED_HOSTS": f"{HOST},127.0.0.1", "TRUSTED_PROXY_HEADERS": "x-forwarded-proto,x-forwarded-for,x-forwarded-host",
              "SECRET_KEY": "proxytest-" + "s" * 50}


def via_proxy(**extra):
    return {"Host": "127.0.0.1", "X-Forwarded-Proto": "https", "X-Forwarded-Host": HOST, "X-Forwarded-For": "203.0.113.9", **extra}


def cookies(headers) -> dict:
    raw = headers.get("set-cookie", "")
    return dict(re.findall(r"(csrftoken|sessionid)=([^;]+)", raw))


def test_https_through_the_trusted_proxy(demo_data_dir):
    with server(demo_data_dir, "serve", TRUSTED_PROXIES="127.0.0.1", **PRODUCTION) as port:
        # through the proxy: to the login page, not to itself, with HSTS
        status, headers, _ = request(port, "GET", "/trajecten/", via_proxy())
        assert status == 302, headers
        assert headers["location"].startswith("/inloggen/"), headers["location"]
        assert headers["strict-transport-security"] == "max-age=31536000; includeSubDomains; preload"
        assert "server" not in headers
        status, headers, text = request(port, "GET", "/inloggen/", via_proxy())
        assert status == 200 and "Wachtwoord" in text
        assert "strict-transport-security" in headers
        assert "Secure" in headers["set-cookie"]
        # logging in over the proxy works (CSRF sees https and the forwarded host) and lands on the list
        token = cookies(headers)["csrftoken"]
        body = f"csrfmiddlewaretoken={token}&username=bergen&password=regiokompas-demo&next=/trajecten/"
        status, headers, _ = request(port, "POST", "/inloggen/", via_proxy(**{
            "Cookie": f"csrftoken={token}", "Content-Type": "application/x-www-form-urlencoded",
            "Origin": f"https://{HOST}", "Referer": f"https://{HOST}/inloggen/"}), body)
        assert status == 302 and headers["location"] == "/trajecten/", (status, headers)
        session = cookies(headers)["sessionid"]
        status, headers, text = request(port, "GET", "/trajecten/", via_proxy(Cookie=f"sessionid={session}"))
        assert status == 200 and "Beleidsmedewerker Bergen" in text
        assert "no-store" in headers["cache-control"] and "strict-transport-security" in headers
        # plain http (no X-Forwarded-Proto) is sent to https on the forwarded host
        status, headers, _ = request(port, "GET", "/trajecten/", {"Host": "127.0.0.1", "X-Forwarded-Host": HOST})
        assert status == 301 and headers["location"] == f"https://{HOST}/trajecten/"

        # login throttling sees the visitor's address from X-Forwarded-For, not the proxy's
        def log_in(username, password, visitor):
            form = f"csrfmiddlewaretoken={token}&username={username}&password={password}"
            return request(port, "POST", "/inloggen/", via_proxy(**{
                "Cookie": f"csrftoken={token}", "Content-Type": "application/x-www-form-urlencoded",
                "Origin": f"https://{HOST}", "X-Forwarded-For": visitor}), form)[0]

        for n in range(5):
            log_in(f"onbekend-{n}", "fout", "198.51.100.20")
        assert log_in("alkmaar", "regiokompas-demo", "198.51.100.20") == 429
        assert log_in("alkmaar", "regiokompas-demo", "198.51.100.21") == 302
    unlocked = run(demo_data_dir, "unlock", "--ip", "198.51.100.20")
    assert unlocked.returncode == 0 and "Blokkade opgeheven" in unlocked.stdout, unlocked.stdout + unlocked.stderr


def test_forwarded_headers_from_any_other_address_are_ignored(demo_data_dir):
    with server(demo_data_dir, "serve", TRUSTED_PROXIES="192.0.2.1", **PRODUCTION) as port:
        status, headers, _ = request(port, "GET", "/trajecten/", via_proxy())
        assert status == 301 and headers["location"] == "https://127.0.0.1/trajecten/", headers
        assert "strict-transport-security" not in headers  # this is not https


def test_without_a_trusted_proxy_no_forwarded_header_is_believed(demo_data_dir):
    # on loopback without a proxy, serve runs only without https (otherwise it says how to run it)
    with server(demo_data_dir, "serve", REGIOKOMPAS_SECURE="false", **PRODUCTION) as port:
        status, headers, text = request(port, "GET", "/inloggen/", via_proxy())
        assert status == 200 and "Wachtwoord" in text, headers
        assert "strict-transport-security" not in headers and "Secure" not in headers["set-cookie"]
        # the forwarded host is not believed either: a host outside ALLOWED_HOSTS is refused
        status, _, _ = request(port, "GET", "/inloggen/", via_proxy(**{"X-Forwarded-Host": "aanvaller.example"}))
        assert status == 200
