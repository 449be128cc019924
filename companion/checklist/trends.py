"""Scores over time, drawn as small charts: plain numbers in, SVG coordinates out."""

from dataclasses import dataclass
from datetime import datetime

# Beside the 0–10 scores, a kept result holds the urgent signs ticked that day under this key.
URGENT_KEY = "urgent"


@dataclass(frozen=True)
class Trend:
    key: str
    points: list[tuple[datetime, int]]  # (when, score 0–10), oldest first

    @property
    def latest(self) -> int:
        return self.points[-1][1]


@dataclass(frozen=True)
class UrgentEpisode:
    """Urgent signs ticked in a self-assessment the person chose to keep."""

    when: datetime
    signs: list[str]  # urgent sign keys
    fever_on_treatment: bool


def urgent_episodes(saved: list) -> list[UrgentEpisode]:
    """The kept results in which urgent signs were ticked (a fever during treatment...), oldest first."""
    episodes = []
    for s in saved:
        urgent = s.scores.get(URGENT_KEY)
        if isinstance(urgent, dict) and urgent.get("signs"):
            episodes.append(UrgentEpisode(s.created_at, list(urgent["signs"]), bool(urgent.get("fever_on_treatment"))))
    return episodes


def trends(saved: list, keys: list[str]) -> list[Trend]:
    """One trend per item that has at least one saved score, in the order of `keys`."""
    result = []
    for key in keys:
        points = [(s.created_at, s.scores[key]) for s in saved if s.scores.get(key) is not None]
        if points:
            result.append(Trend(key, points))
    return result


def chart_points(values: list[int], width: int = 120, height: int = 40, pad: int = 4) -> list[tuple[float, float]]:
    """Where each 0–10 score sits in a width × height box (10 at the top), evenly spaced."""
    if not values:
        return []
    step = (width - 2 * pad) / max(len(values) - 1, 1)
    usable = height - 2 * pad
    return [(round(pad + i * step, 1), round(pad + usable * (10 - v) / 10, 1)) for i, v in enumerate(values)]
