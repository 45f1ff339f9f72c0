"""The coding figures of `nora stats`: pass rate, how solve time moves, the weakest topics.

Pure: the progress cache's coding tallies in, frozen figures out.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from nora_cli.core.exercise import CodeTally

WEAKEST = 3


@dataclass(frozen=True)
class TopicFigure:
    topic: str
    attempts: int
    passed: int
    command: str

    @property
    def pass_rate(self) -> float:
        return self.passed / self.attempts


@dataclass(frozen=True)
class CodingFigures:
    attempts: int
    passed: int
    median_solve: float | None  # seconds to the first all-green run, over passed attempts
    time_trend: float | None  # median solve time of the last 7 days minus the 7 before
    weakest: tuple[TopicFigure, ...]

    @property
    def pass_rate(self) -> float:
        return self.passed / self.attempts if self.attempts else 0.0

    def to_json(self) -> dict[str, object]:
        return {
            "attempts": self.attempts,
            "passed": self.passed,
            "pass_rate": round(self.pass_rate, 4),
            "median_solve_seconds": self.median_solve,
            "time_trend_seconds": self.time_trend,
            "weakest_topics": [
                {"topic": t.topic, "attempts": t.attempts, "passed": t.passed, "command": t.command}
                for t in self.weakest
            ],
        }


def _median_solve(tallies: Sequence[CodeTally]) -> float | None:
    times = [t.solve_seconds for t in tallies if t.passed and t.solve_seconds is not None]
    return statistics.median(times) if times else None


def compute(
    tallies: Sequence[CodeTally], today: date, topics: dict[str, tuple[str, ...]]
) -> CodingFigures:
    """`topics` maps each topic to its exercise ids, to name the one to drill next."""
    recent = [t for t in tallies if 0 <= (today - date.fromisoformat(t.day)).days < 7]
    before = [t for t in tallies if 7 <= (today - date.fromisoformat(t.day)).days < 14]
    now, then = _median_solve(recent), _median_solve(before)
    by_topic: dict[str, list[CodeTally]] = {}
    for tally in tallies:
        by_topic.setdefault(tally.topic, []).append(tally)
    figures = [
        TopicFigure(topic, len(rows), sum(r.passed for r in rows), _command(topic, rows, topics))
        for topic, rows in by_topic.items()
    ]
    weak = sorted(
        (f for f in figures if f.passed < f.attempts),
        key=lambda f: (f.pass_rate, -f.attempts, f.topic),
    )
    return CodingFigures(
        attempts=len(tallies),
        passed=sum(t.passed for t in tallies),
        median_solve=_median_solve(tallies),
        time_trend=None if now is None or then is None else now - then,
        weakest=tuple(weak[:WEAKEST]),
    )


def _command(topic: str, rows: Sequence[CodeTally], topics: dict[str, tuple[str, ...]]) -> str:
    """Start an exercise of the topic not passed yet, one already failed first."""
    passed = {r.exercise for r in rows if r.passed}
    tried = {r.exercise for r in rows}
    choices = [i for i in topics.get(topic, ()) if i not in passed]
    failed = [i for i in choices if i in tried]
    pick = (failed or choices or [rows[-1].exercise])[0]
    return f"nora code start {pick}"
