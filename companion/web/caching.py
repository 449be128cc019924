"""A cache for public, deterministic fragments (directory results): Flask-Caching.

One worker: in memory (SimpleCache). Several: COMPANION_CACHE_TYPE=RedisCache and COMPANION_CACHE_REDIS_URL.
Nothing personal is ever cached: only results that are the same for everyone asking the same thing.
A cache is only a shortcut: when its store can't be reached (Redis stopped), requests go on without it.
"""

from flask import current_app
from flask_caching import Cache

# An unreachable Redis must cost a request half a second at most, never a worker's whole timeout.
REDIS_TIMEOUTS = {"socket_timeout": 0.5, "socket_connect_timeout": 0.5}


class SkippableCache(Cache):
    """Flask-Caching whose store failing (connection refused, timeout) means a miss, with a warning in the
    log when it starts failing and a line when it answers again, once per worker."""

    unreachable = False

    def init_app(self, app, config=None):
        if app.config["CACHE_TYPE"] == "RedisCache":
            app.config.setdefault("CACHE_OPTIONS", REDIS_TIMEOUTS)
        super().init_app(app, config)

    def _tried(self, action, *args, failed=None):
        try:
            answer = action(*args)
        except Exception:  # any store's failure: the cache is skipped, the request goes on
            if not self.unreachable:
                current_app.logger.warning("results cache unreachable: serving without it")
            self.unreachable = True
            return failed
        if self.unreachable:
            current_app.logger.warning("results cache reachable again")
            self.unreachable = False
        return answer

    def get(self, key):
        return self._tried(super().get, key)

    def set(self, key, value, timeout=None):
        return self._tried(super().set, key, value, timeout, failed=False)

    def clear(self):
        return self._tried(super().clear, failed=False)

    def reachable(self) -> bool:
        """For /healthz: can the store take a write (the store itself, not this wrapper)?"""
        try:
            self.cache.set("healthz", 1, timeout=10)
        except Exception:
            return False
        return True


cache = SkippableCache()
