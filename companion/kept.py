"""Values kept in this worker's memory, a bounded number of them: built from the database (Kept), or rendered
once and served again (Bounded). No Flask here."""

import threading
import time
from collections import OrderedDict


class Kept:
    """Values kept per key (a few: tests open many databases), thread-safe: a missing or stale one is built by
    one thread while the others wait for it rather than build it too.

    With `patience` (seconds), a stale value that exists keeps answering while the new one is built: the build
    runs in a thread of its own, callers wait for it until `patience` after it started (a small build is over
    by then: the change is seen at once), then take the older value (a directory of a million entries takes
    15-30 s to index; searches must not wait for it). The first value for a key is always waited for: there
    is nothing older to answer with."""

    def __init__(self, keep: int):
        self._lock = threading.Lock()
        self._keep = keep
        self._values: OrderedDict = OrderedDict()
        self._building: dict = {}  # key -> (the thread building its next value, when callers stop waiting)

    def get(self, key, build, fresh=lambda _value: True, patience: float | None = None):
        value = self._values.get(key)
        if value is not None and fresh(value):
            return value
        if value is None or patience is None:
            with self._lock:
                value = self._values.get(key)
                if value is None or not fresh(value):
                    value = build()
                    self._store(key, value)
                return value
        with self._lock:
            if key not in self._building:
                builder = threading.Thread(target=self._build, args=(key, build), name=f"build {key}", daemon=True)
                self._building[key] = (builder, time.monotonic() + patience)
                builder.start()
            builder, until = self._building[key]
        builder.join(max(0.0, until - time.monotonic()))  # a long build: waited for once, by the first ones
        return self._values.get(key) or value

    def _build(self, key, build) -> None:
        try:
            value = build()
            with self._lock:
                self._store(key, value)
        finally:
            with self._lock:
                self._building.pop(key, None)

    def _store(self, key, value) -> None:  # under the lock
        self._values[key] = value
        self._values.move_to_end(key)
        while len(self._values) > self._keep:
            self._values.popitem(last=False)


class Bounded:
    """At most `keep` values, one per key, each made on its first `get`; when full, the oldest made is dropped.

    For what a worker renders once and serves again (a page's shell, a step's form, a block the same for everyone
    in a language): cheap to make again, so a hit is one dict lookup and nothing else (no lock, no recency kept).
    Two threads missing the same key at once may both make it: the last one made is kept, both are right."""

    __slots__ = ("_keep", "_values")

    def __init__(self, keep: int):
        self._keep = keep
        self._values: OrderedDict = OrderedDict()  # its popitem() is one step: threads can't drop a key twice

    @classmethod
    def of(cls, extensions: dict, name: str, keep: int) -> "Bounded":
        """The one kept under `name` in `extensions` (an app's), made on first use."""
        kept = extensions.get(name)
        if kept is None:
            kept = extensions.setdefault(name, cls(keep))
        return kept

    def get(self, key, make):
        value = self._values.get(key)
        if value is None:
            value = self._values[key] = make()
            while len(self._values) > self._keep:
                self._values.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._values)

    def values(self):
        return self._values.values()
