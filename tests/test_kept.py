"""Bounded: what a worker renders once and serves again, at most so many, the oldest made dropped first."""

import threading

from companion.kept import Bounded


def test_a_value_is_made_once_per_key_then_served_as_it_is():
    made = []
    kept = Bounded(keep=4)

    def make(key):
        made.append(key)
        return [key]  # a new object each time it is made

    first = kept.get("a", lambda: make("a"))
    assert kept.get("a", lambda: make("a")) is first
    assert kept.get("b", lambda: make("b")) == ["b"]
    assert made == ["a", "b"] and len(kept) == 2 and list(kept.values()) == [["a"], ["b"]]


def test_when_full_the_oldest_made_goes_first_and_is_made_again_when_asked():
    kept = Bounded(keep=3)
    for key in "abcd":
        kept.get(key, lambda key=key: key.upper())
    assert list(kept.values()) == ["B", "C", "D"]
    kept.get("b", lambda: "not made: still kept")  # a hit changes nothing in the order
    kept.get("a", lambda: "A again")
    assert list(kept.values()) == ["C", "D", "A again"]


def test_one_per_name_in_an_apps_extensions_made_on_first_use():
    extensions = {}
    kept = Bounded.of(extensions, "shells", 2)
    assert extensions == {"shells": kept} and Bounded.of(extensions, "shells", 99) is kept
    assert Bounded.of(extensions, "lists", 2) is not kept


def test_threads_asking_at_once_never_keep_more_than_the_bound():
    kept = Bounded(keep=50)
    start = threading.Barrier(4)
    wrong = []  # an assert in a thread would not fail the test

    def ask(offset):
        start.wait()
        for number in range(2_000):
            key = (number * 7 + offset) % 300
            if kept.get(key, lambda key=key: f"value {key}") != f"value {key}":
                wrong.append(key)

    threads = [threading.Thread(target=ask, args=(offset,)) for offset in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not wrong and 0 < len(kept) <= 50
