"""A cache for public, deterministic fragments (directory results): Flask-Caching.

One worker: in memory (SimpleCache). Several: COMPANION_CACHE_TYPE=RedisCache and COMPANION_CACHE_REDIS_URL.
Nothing personal is ever cached: only results that are the same for everyone asking the same thing.
"""

from flask_caching import Cache

cache = Cache()
