"""Rate limits (Flask-Limiter). One worker: in memory; several: set COMPANION_RATELIMIT_STORAGE_URI (e.g. Redis).

Every state-changing request shares one budget per client address (COMPANION_WRITE_LIMIT);
reading is never limited. Code entry has its own, stricter limit. When the shared store can't be reached,
each worker counts on its own (a warning in the log) until it answers again: never an error for the person.
"""

import hashlib
import hmac
import ipaddress
import logging
import time
from functools import lru_cache

from flask import current_app, request
from flask.logging import default_handler
from flask_limiter import Limiter, RequestLimit
from flask_limiter.util import get_qualified_name, get_remote_address
from limits import parse_many
from limits.storage import MemoryStorage
from limits.strategies import FixedWindowRateLimiter

from companion.web.caching import REDIS_TIMEOUTS


class WorkerMemoryStorage(MemoryStorage):
    """limits' in-memory storage ("worker-memory://"), tidied in passing by the request that finds it due.

    The original starts a new timer thread whenever its last one (10 ms) has ended: on every write of a quiet
    worker, the thread's start and its wait for the GIL were about a tenth of a questionnaire step. Counts
    don't depend on the tidying (each read checks its own expiry); it only frees what has expired."""

    STORAGE_SCHEME = ["worker-memory"]
    TIDY_EVERY = 1.0  # seconds
    _tidy_after = 0.0

    def _MemoryStorage__schedule_expiry(self) -> None:  # replaces the timer (a private name of limits 5)
        now = time.monotonic()
        if now >= self._tidy_after:
            self._tidy_after = now + self.TIDY_EVERY
            self._MemoryStorage__expire_events()


def client_key() -> str:
    """Who is counted: the client's address, or its /64 network for IPv6 (one home's or phone's whole block),
    as a keyed hash, so the store (Redis) never holds an address."""
    address = get_remote_address() or ""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        pass
    else:
        address = str(ipaddress.ip_network(f"{ip}/64", strict=False)) if ip.version == 6 else str(ip)
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, address.encode(), hashlib.sha256).hexdigest()[:32]


limiter = Limiter(
    key_func=client_key,
    # Read per request, so each app (and each test) can set its own.
    application_limits=[lambda: current_app.config["WRITE_LIMIT"]],
)


@limiter.request_filter
def _reading() -> bool:
    """Reading is never limited (every limit here is on writes): the limiter does no work for it at all."""
    return request.method in ("GET", "HEAD", "OPTIONS")


def _writes_checked():
    if _reading():
        return None
    if limiter.enabled and not limiter._storage_dead and _budget_only(request.endpoint):
        return _count_write()
    return limiter._check_request_limit()


# An application limit's bucket: one for every route (Flask-Limiter's ApplicationLimit scope, shared).
BUDGET_SCOPE = "global"


@lru_cache(maxsize=8)
def _budget(text: str) -> tuple:
    """WRITE_LIMIT's limits, parsed once per text, in the order Flask-Limiter checks them."""
    return tuple(sorted(parse_many(text)))


def _budget_only(endpoint: str | None) -> bool:
    """Whether, before a route's view, Flask-Limiter would apply the shared write budget and nothing else
    (no default, blueprint or hinted limit, no exemption): asked once per route, of Flask-Limiter itself."""
    app = current_app._get_current_object()
    known = app.extensions.setdefault("write_budget_only", {})
    if endpoint not in known:
        view = app.view_functions.get(endpoint or "")
        manager = limiter.limit_manager
        if view is None or endpoint.split(".")[-1] == "static" or manager.has_hints(endpoint):
            known[endpoint] = False
        else:
            name = get_qualified_name(view)
            marked = name in limiter._marked_for_limiting
            applied, own = manager.resolve_limits(app, endpoint, request.blueprint, name, True, marked)
            known[endpoint] = not own and [limit.limit for limit in applied] == list(_budget(app.config["WRITE_LIMIT"]))
    return known[endpoint]


def _count_write():
    """The write budget counted as Flask-Limiter counts it (the same keys in the same store: a write counted here
    and one counted there share one budget), without working out again on every write which limits apply (four
    fifths of its cost). A write over the budget is left to Flask-Limiter, which refuses it (429) as before; so
    is a store that fails (it then counts in this worker's memory)."""
    args = [client_key(), BUDGET_SCOPE]
    if limiter._key_prefix:
        args.insert(0, limiter._key_prefix)
    counted, within = [], True
    try:
        for item in _budget(current_app.config["WRITE_LIMIT"]):
            within = limiter.limiter.hit(item, *args)
            if not within:
                break
            counted.append(RequestLimit(limiter, item, args, breached=False, shared=True))
    except Exception:  # the store is unreachable
        within = False
    if not within:  # over the budget (counted again, over it already: refused), or no store
        return limiter._check_request_limit()
    context = limiter.context  # what its after-request step reads for the X-RateLimit headers
    context.view_rate_limits = counted
    context.view_rate_limit = counted[0] if counted else None
    return None


def _headers_for_writes(inject_headers):
    """The limiter's after-request step (its headers, its conditional deductions) for writes only: a read was
    never counted, so it has nothing to add."""

    def inject(response):
        return response if _reading() else inject_headers(response)

    return inject


# Guessing a 140-bit code is hopeless anyway; this keeps scripted attempts slow and cheap.
CODE_ENTRY = "10 per minute;100 per day"
CODE_ATTEMPTS = parse_many(CODE_ENTRY)
# This worker's own memory: code attempts while the shared store is unreachable, and revocations.
_WORKER_STORE = WorkerMemoryStorage()
_WORKER_ONLY = FixedWindowRateLimiter(_WORKER_STORE)


def code_attempt_allowed() -> bool:
    """Count one try at a notebook code from this address, however it came (typed, or a cookie that
    opens nothing): one budget for all. False once the budget is spent."""
    if not limiter.enabled:
        return True
    key = client_key()
    try:
        return all(limiter.limiter.hit(item, "notebook-code", key) for item in CODE_ATTEMPTS)
    except Exception:  # the shared store is unreachable: count in this worker
        current_app.logger.warning("rate limit store unreachable: code attempts counted by this worker")
        return all(_WORKER_ONLY.hit(item, "notebook-code", key) for item in CODE_ATTEMPTS)


def _shared_store():
    return limiter.storage if limiter.enabled else _WORKER_STORE


def revoke(key: str, seconds: int) -> None:
    """Remember for `seconds`, in the store every worker shares (and in this worker), that `key` opens nothing."""
    _WORKER_STORE.incr(f"revoked/{key}", seconds)
    try:
        _shared_store().incr(f"revoked/{key}", seconds)
    except Exception:
        current_app.logger.warning("rate limit store unreachable: a revocation is known to this worker only")


def revoked(key: str) -> bool:
    """True once `key` was revoked; also True while the shared store can't say (refused rather than let through)."""
    if _WORKER_STORE.get(f"revoked/{key}") > 0:
        return True
    try:
        return _shared_store().get(f"revoked/{key}") > 0
    except Exception:
        current_app.logger.warning("rate limit store unreachable: a revocable sign-in is refused meanwhile")
        return True


def store_reachable() -> bool:
    """For /healthz."""
    return not limiter.enabled or limiter.storage.check()


def init_app(app):
    # Limits fall back to this worker's memory while the store is down (Flask-Limiter logs a warning then).
    app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
    # A request checked against the store just before it went down still adds its limit headers after the
    # view (and after the commit): a failure there is logged, never turned into a 500 for a write that was kept.
    app.config.setdefault("RATELIMIT_SWALLOW_ERRORS", True)
    # Said for every app: the limiter is one object, and Flask-Limiter takes its last app's choice as the default.
    app.config.setdefault("RATELIMIT_ENABLED", True)
    if app.config["RATELIMIT_STORAGE_URI"].startswith("redis"):
        app.config.setdefault("RATELIMIT_STORAGE_OPTIONS", REDIS_TIMEOUTS)
    limiter.init_app(app)
    # Its check before each request works out the route's limits before asking the filters: a read is let
    # through first (the filter above still covers the limiter's other entry points).
    checks = app.before_request_funcs.setdefault(None, [])
    if limiter._check_request_limit in checks:  # not there when limits are turned off (RATELIMIT_ENABLED)
        checks[checks.index(limiter._check_request_limit)] = _writes_checked
        after = app.after_request_funcs.setdefault(None, [])
        (own,) = (i for i, step in enumerate(after) if getattr(step, "args", None) == (limiter,))  # its partial
        after[own] = _headers_for_writes(after[own])
    limiter.logger.setLevel(logging.WARNING)
    if default_handler not in limiter.logger.handlers:  # its warnings go where the app's go
        limiter.logger.addHandler(default_handler)
