"""The coding round's content and results: an exercise, one run of its tests, and the code
result an attempt keeps. Small frozen dataclasses, no I/O."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Growth classes an exercise may expect, in order of cost, with the exponent of n they stand
# for when timings are fitted on a log-log scale (n log n sits a little above 1).
GROWTHS = {"1": 0.0, "log n": 0.1, "n": 1.0, "n log n": 1.1, "n^2": 2.0, "n^3": 3.0}
# The code an attempt keeps is capped, so a pasted megabyte never bloats the history.
CODE_CAP = 20_000


@dataclass(frozen=True)
class Example:
    """A visible example: the arguments, as the statement shows them, and the expected result."""

    args: tuple[Any, ...]
    expected: Any


@dataclass(frozen=True)
class FollowUp:
    """A question the interviewer asks after the code works, with its rubric."""

    question: str
    key_points: tuple[str, ...] = ()


@dataclass(frozen=True)
class Exercise:
    """A runnable coding exercise: what the user sees, and what the sandbox runs.

    `harness` is trusted Python that runs beside the solution: `hidden(rng, big)` lists the
    hidden tests as (category, args), `scale(n, rng)` builds the scaling test's input, and
    optional `call(entry, args)` and `check(args, expected, actual)` say how to call and judge.
    """

    id: str
    title: str
    statement: str
    difficulty: int
    time_limit: int
    topic: str
    entry: str
    starter: str
    reference: str
    explanation: str
    harness: str
    examples: tuple[Example, ...]
    hints: tuple[str, ...]
    follow_ups: tuple[FollowUp, ...]
    growth: str
    scale_n: int
    big: int
    tags: tuple[str, ...] = ()
    card: str = ""
    requires: tuple[str, ...] = ()
    source: str = ""
    line: int = 0


@dataclass(frozen=True)
class TestResult:
    """One test of a run: visible ones show expected and actual, hidden ones their category."""

    name: str
    visible: bool
    passed: bool
    expected: str = ""
    actual: str = ""
    error: str = ""
    seconds: float = 0.0
    __test__ = False  # not a pytest class


@dataclass(frozen=True)
class RunReport:
    """What one sandboxed run found. `problem` is a one-line reason the run stopped short (a
    syntax error, a missing function, the time limit); `tests` holds what did run."""

    tests: tuple[TestResult, ...] = ()
    problem: str = ""
    output: str = ""
    scaling: tuple[tuple[int, float], ...] = ()
    seconds: float = 0.0

    @property
    def visible(self) -> tuple[TestResult, ...]:
        return tuple(t for t in self.tests if t.visible)

    @property
    def hidden(self) -> tuple[TestResult, ...]:
        return tuple(t for t in self.tests if not t.visible)

    @property
    def passed(self) -> int:
        return sum(t.passed for t in self.tests)

    @property
    def all_passed(self) -> bool:
        return not self.problem and bool(self.tests) and all(t.passed for t in self.tests)

    @property
    def first_failure(self) -> TestResult | None:
        return next((t for t in self.tests if not t.passed), None)


@dataclass(frozen=True)
class CodeResult:
    """The coding part of an attempt, as the history keeps it."""

    exercise: str
    topic: str
    tests_passed: int
    tests_total: int
    hidden_passed: int
    hidden_total: int
    runs: int
    hints: int
    solve_seconds: float | None = None  # from start to the first all-green run
    growth: str = ""  # the verdict shown, e.g. "looks quadratic; O(n) expected"
    growth_ok: bool | None = None  # None when the timings were not clear enough to judge
    code: str = ""

    @property
    def passed(self) -> bool:
        return self.tests_total > 0 and self.tests_passed == self.tests_total

    def to_record(self) -> dict[str, Any]:
        return {
            "exercise": self.exercise,
            "topic": self.topic,
            "tests_passed": self.tests_passed,
            "tests_total": self.tests_total,
            "hidden_passed": self.hidden_passed,
            "hidden_total": self.hidden_total,
            "runs": self.runs,
            "hints": self.hints,
            "solve_seconds": None if self.solve_seconds is None else round(self.solve_seconds, 3),
            "growth": self.growth,
            "growth_ok": self.growth_ok,
            "code": self.code[:CODE_CAP],
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> CodeResult:
        solve = record.get("solve_seconds")
        growth_ok = record.get("growth_ok")
        return cls(
            exercise=str(record["exercise"]),
            topic=str(record.get("topic", "")),
            tests_passed=int(record["tests_passed"]),
            tests_total=int(record["tests_total"]),
            hidden_passed=int(record.get("hidden_passed", 0)),
            hidden_total=int(record.get("hidden_total", 0)),
            runs=int(record.get("runs", 0)),
            hints=int(record.get("hints", 0)),
            solve_seconds=None if solve is None else float(solve),
            growth=str(record.get("growth", "")),
            growth_ok=growth_ok if isinstance(growth_ok, bool) else None,
            code=str(record.get("code", ""))[:CODE_CAP],
        )


@dataclass(frozen=True)
class CodeTally:
    """One coding attempt as the progress cache keeps it: enough for `nora code` and stats."""

    day: str
    exercise: str
    topic: str
    passed: bool
    solve_seconds: float | None
    seconds: float

    def to_list(self) -> list[Any]:
        solve = None if self.solve_seconds is None else round(self.solve_seconds, 3)
        return [self.day, self.exercise, self.topic, self.passed, solve, round(self.seconds, 3)]

    @classmethod
    def from_list(cls, values: list[Any]) -> CodeTally:
        day, exercise, topic, passed, solve, seconds = values
        return cls(
            str(day),
            str(exercise),
            str(topic),
            bool(passed),
            None if solve is None else float(solve),
            float(seconds),
        )


@dataclass
class Workspace:
    """An exercise in progress: the clock so far, runs, hints shown, the first all-green time."""

    exercise: str
    elapsed: float = 0.0
    runs: int = 0
    hints: int = 0
    first_green: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "exercise": self.exercise,
            "elapsed": round(self.elapsed, 3),
            "runs": self.runs,
            "hints": self.hints,
            "first_green": self.first_green,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Workspace:
        green = data.get("first_green")
        return cls(
            exercise=str(data["exercise"]),
            elapsed=float(data.get("elapsed", 0.0)),
            runs=int(data.get("runs", 0)),
            hints=int(data.get("hints", 0)),
            first_green=None if green is None else float(green),
        )


@dataclass(frozen=True)
class Opening:
    """The workspace as a sitting finds it. `kind` is `new` (a fresh file), `resumed` (an
    attempt in progress, with its clock), `again` (the last attempt was submitted: a fresh
    file, the old code moved to `previous` when it differed from the starter) or `kept` (the
    last attempt was submitted and its file is taken as it is, untimed)."""

    path: Path
    workspace: Workspace
    kind: str
    previous: Path | None = None
