"""A cache for public, deterministic fragments (directory results): Flask-Caching.

One worker: in memory (WorkerCache, below). Several: COMPANION_CACHE_TYPE=RedisCache and COMPANION_CACHE_REDIS_URL.
Nothing personal is ever cached: only results that are the same for everyone asking the same thing.
A cache is only a shortcut: when its store can't be reached (Redis stopped), requests go on without it.
"""

import hashlib
from dataclasses import fields, is_dataclass
from pathlib import Path

from flask import current_app
from flask_caching import Cache
from flask_caching.backends.simplecache import SimpleCache

from companion.config import PROJECT_ROOT

# An unreachable Redis must cost a request half a second at most, never a worker's whole timeout.
REDIS_TIMEOUTS = {"socket_timeout": 0.5, "socket_connect_timeout": 0.5}


# What the cached HTML is made from besides the data: a release that changes any of it makes new keys.
RENDERED_FROM = (("companion", "*.py"), ("templates", "*.html"), ("translations", "*.po"))


def release_digest(root: Path = PROJECT_ROOT) -> str:
    """A digest of this copy's code, templates and catalogues, the same in every worker of one release: the
    results' keys start with it, so a shared cache (Redis outlives a restart) never serves the HTML of the
    release before (the directory's version, in the key, only follows the data)."""
    digest = hashlib.sha256()
    for folder, pattern in RENDERED_FROM:
        for path in sorted((root / folder).rglob(pattern)):
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


class SkippableCache(Cache):
    """Flask-Caching whose store failing (connection refused, timeout) means a miss, with a warning in the
    log when it starts failing and a line when it answers again, once per worker."""

    unreachable = False

    def init_app(self, app, config=None):
        if app.config["CACHE_TYPE"] == "RedisCache":
            app.config.setdefault("CACHE_OPTIONS", REDIS_TIMEOUTS)
        app.config.setdefault("CACHE_KEY_PREFIX", f"companion-{release_digest()}:")
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
        if not _immutable(value):  # a value kept as it is must not change once cached (or after a get)
            raise TypeError(f"only immutable values are cached, not {type(value).__name__}")
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


class WorkerCache(SimpleCache):
    """The worker's own memory, as Flask-Caching's SimpleCache but for two things. Values are kept as they are,
    not pickled (unpickling a page of results, decoding its text again, was a twentieth of a cached search);
    set() takes immutable values only. And a full store drops its oldest entry: SimpleCache scanned and
    sorted every entry on each set once full (0.3-0.4 ms a search, every search being a new set)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.serializer = _AS_IS

    def _prune(self):
        # Called before each new entry goes in. Every entry lives as long (CACHE_DEFAULT_TIMEOUT): the first
        # inserted expires first.
        while len(self._cache) >= self._threshold:
            self._cache.pop(next(iter(self._cache)), None)


class _AsIs:
    """A cachelib serializer that keeps the value itself."""

    def dumps(self, value):
        return value

    def loads(self, value):
        return value


_AS_IS = _AsIs()


def _immutable(value) -> bool:
    """Plain immutable values, or a frozen dataclass (such as the directory's Results) of them."""
    if isinstance(value, (str, bytes, int, float, bool, type(None))):
        return True
    if isinstance(value, tuple):
        return all(_immutable(item) for item in value)
    if is_dataclass(value) and not isinstance(value, type) and value.__dataclass_params__.frozen:
        return all(_immutable(getattr(value, f.name)) for f in fields(value))
    return False


cache = SkippableCache()
