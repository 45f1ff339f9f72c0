"""Every exercise's tests have teeth: the reference passes them all, the starter fails, and a
plausible wrong solution (in tests/code/wrong/, named for the exercise) fails too.

The runs go two at a time in one module-wide pool, with small inputs; a wrong solution that
only the scaling test can catch (marked `# caught by: scaling`) runs alone at half the
exercise's scaling size and must fail exactly that test (up to three tries, as another
program on the machine can make one run's timings wobble).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest

from nora_cli.app import sandbox
from nora_cli.core.exercise import Exercise, RunReport
from nora_cli.core.growth import Verdict, judge, scaling_test
from nora_cli.decks.exercises import load_exercises

WRONG = Path(__file__).parent / "wrong"
EXERCISES = load_exercises()
QUICK = sandbox.Limits(repeats=1, test_seconds=10, wall_seconds=60)
SCALING = sandbox.Limits(repeats=3, test_seconds=5, wall_seconds=60)
TRIES = 3


def slow_only(path: Path) -> bool:
    return path.read_text(encoding="utf-8").startswith("# caught by: scaling")


def job(exercise: Exercise, kind: str) -> tuple[RunReport, Verdict | None]:
    quick = sandbox.Job(suite="all", big=min(exercise.big, 300), scale_n=8)
    if kind == "reference":
        report = sandbox.run(exercise, exercise.reference.encode(), quick, QUICK)
    elif kind == "starter":
        report = sandbox.run(exercise, exercise.starter.encode(), quick, QUICK)
    else:
        wrong = (WRONG / f"{exercise.id}.py").read_bytes()
        if slow_only(WRONG / f"{exercise.id}.py"):
            real = replace(quick, scale_n=exercise.scale_n // 2)
            for _ in range(TRIES):  # other programs may share the machine: timings wobble
                report = sandbox.run(exercise, wrong, real, SCALING)
                if judge(report.scaling, exercise.growth).too_slow:
                    break
        else:
            report = sandbox.run(exercise, wrong, quick, QUICK)
    if not report.scaling:
        return report, None
    test, verdict = scaling_test(report.scaling, exercise.growth)
    return replace(report, tests=(*report.tests, test)), verdict


@pytest.fixture(scope="module")
def runs() -> dict[tuple[str, str], tuple[RunReport, Verdict | None]]:
    keys = [(i, kind) for i in EXERCISES for kind in ("reference", "starter", "wrong")]
    timed = [key for key in keys if key[1] == "wrong" and slow_only(WRONG / f"{key[0]}.py")]
    quick = [key for key in keys if key not in timed]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = pool.map(lambda key: job(EXERCISES[key[0]], key[1]), quick)
        found = dict(zip(quick, results, strict=True))
    # Timings are judged one run at a time, with no other run sharing the machine.
    return found | {key: job(EXERCISES[key[0]], key[1]) for key in timed}


def failures(report: RunReport) -> list[str]:
    return [f"{t.name}: {t.error}" for t in report.tests if not t.passed]


def test_there_are_at_least_thirty_exercises_each_with_a_wrong_solution() -> None:
    assert len(EXERCISES) >= 30
    assert sorted(p.stem for p in WRONG.glob("*.py")) == sorted(EXERCISES)


@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
def test_the_reference_passes_every_test(exercise_id: str, runs) -> None:  # type: ignore[no-untyped-def]
    report, _ = runs[(exercise_id, "reference")]
    assert report.problem == ""
    assert failures(report) == []
    assert len(report.hidden) >= 5  # edge cases, random checks and a large input


@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
def test_the_starter_fails(exercise_id: str, runs) -> None:  # type: ignore[no-untyped-def]
    report, _ = runs[(exercise_id, "starter")]
    assert not report.all_passed, report.scaling
    assert report.visible and not any(t.passed for t in report.visible)


@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
def test_a_plausible_wrong_solution_fails(exercise_id: str, runs) -> None:  # type: ignore[no-untyped-def]
    report, verdict = runs[(exercise_id, "wrong")]
    assert report.problem == ""  # it runs; the tests, not a crash, catch it
    assert not report.all_passed, report.scaling
    if slow_only(WRONG / f"{exercise_id}.py"):
        assert failures(report) == [f"{report.tests[-1].name}: {report.tests[-1].error}"]
        assert verdict is not None and verdict.too_slow
