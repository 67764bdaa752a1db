"""The WSGI layer of `regiokompas serve`: X-Forwarded-* only from the trusted proxies (several are
allowed), the visitor's address from X-Forwarded-For, and nothing forwarded from anyone else."""

from regiokompas.ops.server import TrustedProxyHeaders, is_loopback

ALL = ["x-forwarded-proto", "x-forwarded-for", "x-forwarded-host"]


def environ_after(trusted, peer, headers=ALL, **extra):
    seen = {}

    def app(environ, start_response):
        seen.update(environ)
        return []

    environ = {"REMOTE_ADDR": peer, "HTTP_X_FORWARDED_PROTO": "https", "HTTP_X_FORWARDED_FOR": "198.51.100.1, 203.0.113.9",
               "HTTP_X_FORWARDED_HOST": "regiokompas.example.nl", "HTTP_X_FORWARDED_PORT": "443", **extra}
    TrustedProxyHeaders(app, trusted, headers)(environ, lambda *a: None)
    return seen


def test_from_a_trusted_proxy_the_headers_count_and_the_visitor_address_is_the_last_hop():
    seen = environ_after(["192.0.2.1", "192.0.2.2"], "192.0.2.2")
    assert seen["HTTP_X_FORWARDED_PROTO"] == "https" and seen["HTTP_X_FORWARDED_HOST"] == "regiokompas.example.nl"
    assert seen["REMOTE_ADDR"] == "203.0.113.9"
    assert "HTTP_X_FORWARDED_PORT" not in seen  # not in TRUSTED_PROXY_HEADERS


def test_from_anyone_else_every_forwarded_header_is_removed():
    seen = environ_after(["192.0.2.1"], "127.0.0.1")
    assert not [key for key in seen if key.startswith("HTTP_X_FORWARDED")]
    assert seen["REMOTE_ADDR"] == "127.0.0.1"


def test_without_trusted_proxies_nothing_is_believed():
    seen = environ_after([], "192.0.2.1")
    assert not [key for key in seen if key.startswith("HTTP_X_FORWARDED")]


def test_star_trusts_every_peer_and_only_the_named_headers():
    seen = environ_after(["*"], "172.18.0.1", headers=["x-forwarded-proto"])
    assert seen["HTTP_X_FORWARDED_PROTO"] == "https" and "HTTP_X_FORWARDED_HOST" not in seen
    assert seen["REMOTE_ADDR"] == "172.18.0.1"  # x-forwarded-for not believed


def test_loopback_addresses():
    assert all(is_loopback(h) for h in ("127.0.0.1", "127.0.1.1", "::1", "[::1]", "localhost"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "192.0.2.1", "regiokompas.example.nl"))
