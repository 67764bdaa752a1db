"""CACHE_URL: the cache the web processes share. A Redis URL without the Redis client installed is
refused at start-up with a Dutch message (not with a 500 on the first page); a cached result
survives the trip through a real Redis server when one answers."""

import socket

import pytest
from django.core.cache.backends.redis import RedisCache

from regiokompas.conf import settings as conf
from regiokompas.conf.config import ConfigError


def test_the_kinds_of_cache_url():
    assert conf._cache("")["BACKEND"].endswith("LocMemCache")
    assert conf._cache("dummy://")["BACKEND"].endswith("DummyCache")
    assert conf._cache("redis://127.0.0.1:6379/9") == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:6379/9"}
    with pytest.raises(ConfigError, match="geen bruikbare cache-URL"):
        conf._cache("memcached://127.0.0.1")


def test_a_redis_url_without_the_redis_client_is_refused_in_dutch(monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "redis" else real(name, *a))
    with pytest.raises(ConfigError, match=r"regiokompas\[redis\]"):
        conf._cache("redis://127.0.0.1:6379/9")


def _redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not _redis_answers(), reason="geen Redis op 127.0.0.1:6379")
def test_a_computed_result_round_trips_through_redis():
    from decimal import Decimal

    import numpy as np

    cache = RedisCache("redis://127.0.0.1:6379/9", {})
    value = {"kosten": np.arange(5.0), "sleutel": Decimal("0.25"), "gemeenten": ("GM0373", "GM0361")}
    cache.set("rk:test:rondreis", value, 30)
    back = cache.get("rk:test:rondreis")
    cache.delete("rk:test:rondreis")
    assert back["sleutel"] == Decimal("0.25") and back["gemeenten"] == ("GM0373", "GM0361")
    assert np.array_equal(back["kosten"], np.arange(5.0))
