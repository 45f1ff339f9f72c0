"""A solution is called too slow only when a second measurement agrees: one noisy run on a
busy machine never fails a good solution."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from test_growth import timings

from nora_cli.app import code
from nora_cli.core.exercise import RunReport


def _runs(monkeypatch: pytest.MonkeyPatch, *scalings: tuple[tuple[int, float], ...]) -> list[int]:
    reports: Iterator[RunReport] = iter(RunReport(scaling=s) for s in scalings)
    calls: list[int] = []

    def fake_run(*args: object, **kwargs: object) -> RunReport:
        calls.append(1)
        return next(reports)

    monkeypatch.setattr(code.sandbox, "run", fake_run)
    return calls


@pytest.mark.parametrize(
    ("second", "passes"),
    [(timings(1.0), True), (timings(2.0), False)],
)
def test_a_too_slow_verdict_is_measured_again(
    monkeypatch: pytest.MonkeyPatch, second: tuple[tuple[int, float], ...], passes: bool
) -> None:
    exercise = code.exercises()["top-k-frequent"]
    calls = _runs(monkeypatch, tuple(timings(2.0)), tuple(second))
    report, verdict = code.run_tests(exercise, b"", suite="all", python="python3")
    assert len(calls) == 2
    assert report.tests[-1].passed is passes
    assert verdict is not None and verdict.too_slow is not passes


def test_a_good_verdict_is_not_measured_again(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _runs(monkeypatch, tuple(timings(1.0)))
    code.run_tests(code.exercises()["top-k-frequent"], b"", suite="all", python="python3")
    assert len(calls) == 1
