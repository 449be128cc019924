#!/usr/bin/env python3
"""The sealed (encrypted + signed) session cookie against Flask's signed-only one, side by side:
cookie size and the time to write then read it back, for a questionnaire filled in to the last step.

    .venv/bin/python benchmarks/session_cookie.py [--rounds 20000]
"""

import argparse
import statistics
import time

from flask import Flask
from flask.sessions import SecureCookieSessionInterface

from companion.web.sealed_session import SealedCookieSessionInterface

# What a finished questionnaire leaves in the sealed session (the CSRF token has a signed cookie of its own).
SESSION = {
    "assessment": {
        "urgent": {"fever": "no", "breath": "no", "bleeding": "no", "chest": "no", "confusion": "no"},
        "symptoms": {item: "6" for item in ("pain", "tiredness", "nausea", "breath", "appetite", "mood", "sleep")}
        | {"other_label": "Tingling in my fingers", "other": "4"},
        "distress": {"score": "7", "problems": ["money", "work", "children", "fear"]},
        "context": {"treatment": "yes", "role": "patient"},
    },
}


def measure(app: Flask, interface, rounds: int) -> tuple[int, float, float]:
    with app.test_request_context():
        cookie = interface.get_signing_serializer(app).dumps(SESSION)
        timings = []
        for _ in range(rounds):
            start = time.perf_counter()
            serializer = interface.get_signing_serializer(app)  # once per request, as Flask does
            assert serializer.loads(serializer.dumps(SESSION)) == SESSION
            timings.append(time.perf_counter() - start)
    timings.sort()
    return len(cookie), statistics.median(timings) * 1e6, timings[int(len(timings) * 0.99)] * 1e6


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20_000)
    rounds = parser.parse_args().rounds
    app = Flask(__name__)
    app.secret_key = "benchmark-" * 7
    signed = measure(app, SecureCookieSessionInterface(), rounds)
    sealed = measure(app, SealedCookieSessionInterface(), rounds)
    print(f"{'cookie':<8}{'bytes':>8}{'p50 µs':>10}{'p99 µs':>10}   (write + read, {rounds:,} rounds)")
    for name, (size, p50, p99) in (("signed", signed), ("sealed", sealed)):
        print(f"{name:<8}{size:>8,}{p50:>10.0f}{p99:>10.0f}")
    print(
        f"sealed / signed: size x{sealed[0] / signed[0]:.1f}, time x{sealed[1] / signed[1]:.1f} (cookie limit 4,096 B)"
    )


if __name__ == "__main__":
    main()
