"""Django's RedisCache, made fail-soft: a Redis outage is a cache miss, never a 500.

Django's own backend raises redis.exceptions.ConnectionError (or TimeoutError) from
every call while the server is down. Everything the site keeps in the cache can be
recomputed or is a second line of defence (the page cache, the content generation,
form tokens, the login-failure count, the digest window; sessions are cached_db), so
each call here logs the error once per outage and answers as if the key were missing:
`get` gives the default, `add` succeeds (nothing was there), `incr` raises ValueError
(as for a missing key), writes are dropped. After an error the server is left alone for
DOWN_SECONDS, so a dead host costs one connect timeout per process per few seconds
rather than one per cache call.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

DOWN_SECONDS = 5.0


class FailSoftRedisCache(RedisCache):
    _down_until = 0.0  # per process: monotonic time until which Redis is not tried

    def is_available(self):
        """False while an error in the last DOWN_SECONDS says the server is down."""
        return time.monotonic() >= self._down_until

    def _try(self, call, fallback):
        if not self.is_available():
            return fallback()
        try:
            return call()
        except RedisError as error:
            if self.is_available():  # the first error of this outage
                logger.error("Redis cache unavailable, treating it as empty: %s", error)
            type(self)._down_until = time.monotonic() + DOWN_SECONDS
            return fallback()

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(
            lambda: super(FailSoftRedisCache, self).add(key, value, timeout, version), _true
        )

    def get(self, key, default=None, version=None):
        return self._try(
            lambda: super(FailSoftRedisCache, self).get(key, default, version), lambda: default
        )

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(
            lambda: super(FailSoftRedisCache, self).set(key, value, timeout, version), _none
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(
            lambda: super(FailSoftRedisCache, self).touch(key, timeout, version), _false
        )

    def delete(self, key, version=None):
        return self._try(lambda: super(FailSoftRedisCache, self).delete(key, version), _false)

    def get_many(self, keys, version=None):
        return self._try(lambda: super(FailSoftRedisCache, self).get_many(keys, version), dict)

    def has_key(self, key, version=None):
        return self._try(lambda: super(FailSoftRedisCache, self).has_key(key, version), _false)

    def incr(self, key, delta=1, version=None):
        return self._try(
            lambda: super(FailSoftRedisCache, self).incr(key, delta, version), _missing(key)
        )

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(
            lambda: super(FailSoftRedisCache, self).set_many(data, timeout, version),
            lambda: list(data),
        )

    def delete_many(self, keys, version=None):
        return self._try(lambda: super(FailSoftRedisCache, self).delete_many(keys, version), _none)

    def clear(self):
        return self._try(lambda: super(FailSoftRedisCache, self).clear(), _none)


def _true():
    return True


def _false():
    return False


def _none():
    return None


def _missing(key):
    def fallback():
        raise ValueError(f"Key '{key}' not found (the cache is unavailable).")

    return fallback
