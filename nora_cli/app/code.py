"""The coding round's use cases: the exercise list with each one's status, the workspace in the
data folder, running a file's tests in the sandbox, and the attempt a submit saves."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from nora_cli.app import sandbox
from nora_cli.core import code_stats
from nora_cli.core.code_stats import CodingFigures
from nora_cli.core.errors import SolutionError, UsageError
from nora_cli.core.exercise import (
    CODE_CAP,
    CodeResult,
    Exercise,
    Opening,
    RunReport,
    Workspace,
)
from nora_cli.core.growth import Verdict, scaling_test
from nora_cli.core.progress import Progress
from nora_cli.core.records import Attempt
from nora_cli.decks.exercises import load_exercises
from nora_cli.store import config, paths
from nora_cli.store.atomic import write_atomic

CATEGORY = "Coding"
DECK = "exercises"
MAX_SOLUTION_BYTES = 1_000_000


@dataclass(frozen=True)
class Status:
    """Where the user stands on one exercise."""

    exercise: Exercise
    state: str  # new, started, attempted, solved or due
    attempts: int
    best_seconds: float | None


def statuses(progress: Progress, now: datetime, exercises: dict[str, Exercise]) -> list[Status]:
    """Each exercise's state; one with an attempt open in its workspace is `started`."""
    found = []
    for exercise in exercises.values():
        tallies = [t for t in progress.code if t.exercise == exercise.id]
        solved = [t.solve_seconds for t in tallies if t.passed and t.solve_seconds is not None]
        if in_progress(exercise.id):
            state = "started"
        elif progress.memory.is_due(exercise.id, now):
            state = "due"
        elif any(t.passed for t in tallies):
            state = "solved"
        else:
            state = "attempted" if tallies else "new"
        found.append(Status(exercise, state, len(tallies), min(solved) if solved else None))
    return found


def next_exercise(progress: Progress, now: datetime, exercises: dict[str, Exercise]) -> Exercise:
    """The exercise in progress (the last one touched), else the most overdue, else the
    easiest new one, else the least recently seen."""
    rows = statuses(progress, now, exercises)
    started = [r for r in rows if r.state == "started"]
    if started:
        return max(started, key=lambda r: _touched(r.exercise.id)).exercise
    due = [r for r in rows if r.state == "due"]
    if due:
        return min(due, key=lambda r: progress.memory.due(r.exercise.id) or now).exercise
    new = [r for r in rows if r.state == "new"]
    if new:
        return min(new, key=lambda r: (r.exercise.difficulty, r.exercise.id)).exercise
    unsolved = [r for r in rows if r.state == "attempted"]
    pool = unsolved or rows
    soonest = {r.exercise.id: progress.memory.due(r.exercise.id) or now for r in pool}
    return min(pool, key=lambda r: soonest[r.exercise.id]).exercise


def folder(exercise_id: str) -> Path:
    return paths.data_dir() / "code" / exercise_id


def solution_path(exercise_id: str) -> Path:
    return folder(exercise_id) / "solution.py"


def workspace_text(exercise: Exercise) -> str:
    """The file a user starts from: the statement, the examples, then the starter code."""
    shown = "\n".join(
        f"    {exercise.entry}({', '.join(repr(a) for a in e.args)}) -> {e.expected!r}"
        for e in exercise.examples
    )
    minutes = exercise.time_limit // 60
    header = (
        f"{exercise.title} ({exercise.id}, {minutes} min)\n\n{exercise.statement.strip()}\n\n"
        f"Examples:\n{shown}\n\nSave to run the examples. In nora's terminal: t test, s submit, "
        "h hint, q stop."
    )
    return f'"""{header.replace(chr(92), chr(92) * 2)}\n"""\n\n{exercise.starter.rstrip()}\n'


def previous_path(exercise_id: str) -> Path:
    return folder(exercise_id) / "previous.py"


def _session(exercise_id: str) -> Path:
    return folder(exercise_id) / "session.json"


def _touched(exercise_id: str) -> int:
    try:
        return _session(exercise_id).stat().st_mtime_ns
    except OSError:
        return 0


def in_progress(exercise_id: str) -> bool:
    """An attempt is open: started (or created by `submit`) and not submitted yet."""
    return _session(exercise_id).exists() and solution_path(exercise_id).exists()


def open_workspace(exercise: Exercise, *, restart: bool = True) -> Opening:
    """The workspace file and its clock. After a submit the next sitting is a new attempt:
    with `restart` it starts from the starter again, so its time is a real solve time."""
    path = solution_path(exercise.id)
    paths.ensure_data_dir()
    if in_progress(exercise.id):
        try:
            data = json.loads(_session(exercise.id).read_text(encoding="utf-8"))
            workspace = Workspace.from_json(data)
        except (OSError, ValueError, KeyError, TypeError):
            workspace = Workspace(exercise.id)
        return Opening(path, workspace, "resumed")
    fresh = workspace_text(exercise).encode("utf-8")
    existed = path.exists()
    if existed and not restart:
        return Opening(path, Workspace(exercise.id), "kept")
    previous = None
    if existed:
        old = path.read_bytes()
        if old != fresh:
            previous = previous_path(exercise.id)
            write_atomic(previous, old)
    write_atomic(path, fresh)
    save_workspace(Workspace(exercise.id))
    return Opening(path, Workspace(exercise.id), "again" if existed else "new", previous)


def save_workspace(workspace: Workspace) -> None:
    write_atomic(_session(workspace.exercise), json.dumps(workspace.to_json()).encode("utf-8"))


def finish_workspace(exercise_id: str) -> None:
    """After a submit the attempt is closed; the code stays for the user until the next one."""
    _session(exercise_id).unlink(missing_ok=True)


def read_solution(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_SOLUTION_BYTES:
            raise SolutionError(f"{path} is {size:,} bytes; a solution may be at most 1 MB")
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise SolutionError(f"{path} does not exist") from exc
    except IsADirectoryError as exc:
        raise SolutionError(f"{path} is a folder, not a Python file") from exc
    except OSError as exc:
        raise SolutionError(f"cannot read {path}: {exc.strerror or exc}") from exc


def run_tests(
    exercise: Exercise,
    code: bytes,
    *,
    suite: str,
    python: str = "",
    job: sandbox.Job | None = None,
    limits: sandbox.Limits | None = None,
) -> tuple[RunReport, Verdict | None]:
    """Run the visible examples (`visible`) or every test with the scaling check (`all`)."""
    base = job or sandbox.Job()
    python = python or base.python or config.load().code_python
    job = replace(base, suite=suite, python=python, data_dir=str(paths.data_dir()))
    report = sandbox.run(exercise, code, job, limits)
    if suite != "all" or report.problem or not report.scaling:
        return report, None
    test, verdict = scaling_test(report.scaling, exercise.growth)
    if verdict.too_slow:
        # Timings are noisy on a busy machine: a solution is called too slow only when a
        # second, independent measurement says so too.
        again = sandbox.run(exercise, code, replace(job, suite="scaling"), limits)
        if not again.problem and again.scaling:
            test, verdict = scaling_test(again.scaling, exercise.growth)
    return replace(report, tests=(*report.tests, test)), verdict


def code_result(
    exercise: Exercise,
    report: RunReport,
    verdict: Verdict | None,
    workspace: Workspace,
    code: bytes,
) -> CodeResult:
    return CodeResult(
        exercise=exercise.id,
        topic=exercise.topic,
        tests_passed=report.passed,
        tests_total=max(len(report.tests), 1) if report.problem else len(report.tests),
        hidden_passed=sum(t.passed for t in report.hidden),
        hidden_total=len(report.hidden),
        runs=workspace.runs,
        hints=workspace.hints,
        solve_seconds=workspace.first_green,
        growth=verdict.text if verdict else "",
        growth_ok=(not verdict.too_slow) if verdict and verdict.clear else None,
        code=code.decode("utf-8", errors="replace")[:CODE_CAP],
    )


def attempt(
    exercise: Exercise,
    result: CodeResult,
    *,
    ended: datetime,
    seconds: float,
    answer: str,
    covered: tuple[int, ...],
    key_points: int,
    rating: int | None,
    skipped: bool | None = None,
) -> Attempt:
    """The attempt a submit saves: card id = exercise id, so the scheduler and stats see it.
    Without a rating it counts as skipped, unless `skipped` says otherwise (Ctrl-C: unrated)."""
    return Attempt(
        attempt_id=uuid.uuid4().hex,
        drill_id=uuid.uuid4().hex,
        mode="technical",
        deck=DECK,
        card_id=exercise.id,
        category=CATEGORY,
        started_at=ended - timedelta(seconds=seconds),
        ended_at=ended,
        seconds=seconds,
        time_limit=exercise.time_limit,
        overtime_seconds=max(0.0, seconds - exercise.time_limit),
        answer=answer,
        covered=covered,
        key_points_total=key_points,
        rating=rating,
        skipped=rating is None if skipped is None else skipped,
        reason="code",
        code=result,
    )


def exercises() -> dict[str, Exercise]:
    return load_exercises()


def by_card(exercises: dict[str, Exercise]) -> dict[str, Exercise]:
    """The exercise a deck card links to, by card id."""
    return {e.card: e for e in exercises.values() if e.card}


def report_json(exercise: Exercise, report: RunReport, verdict: Verdict | None) -> dict[str, Any]:
    """`nora code test --json`: a stable document for scripts and CI."""
    return {
        "schema": 1,
        "exercise": exercise.id,
        "all_passed": report.all_passed,
        "passed": report.passed,
        "total": len(report.tests),
        "hidden_passed": sum(t.passed for t in report.hidden),
        "hidden_total": len(report.hidden),
        "problem": report.problem or None,
        "growth": None
        if verdict is None
        else {
            "expected": verdict.expected,
            "exponent": None if verdict.exponent is None else round(verdict.exponent, 3),
            "clear": verdict.clear,
            "too_slow": verdict.too_slow,
            "text": verdict.text,
        },
        "tests": [
            {
                "name": t.name,
                "visible": t.visible,
                "passed": t.passed,
                "expected": t.expected if t.visible else None,
                "actual": t.actual if t.visible or t.name.startswith("scaling") else None,
                "error": t.error or None,
            }
            for t in report.tests
        ],
        "output": report.output,
    }


def attempted(progress: Progress, exercise_id: str) -> bool:
    return any(t.exercise == exercise_id for t in progress.code)


def status_json(row: Status) -> dict[str, Any]:
    exercise = row.exercise
    return {
        "id": exercise.id,
        "title": exercise.title,
        "difficulty": exercise.difficulty,
        "topic": exercise.topic,
        "status": row.state,
        "attempts": row.attempts,
        "best_seconds": row.best_seconds,
        "card": exercise.card or None,
        "tags": list(exercise.tags),
    }


def show_solution(wanted: str, *, yes: bool) -> None:
    """The reference and its explanation; before any attempt only after a confirmation."""
    import sys

    from nora_cli.app.state import load_progress
    from nora_cli.decks.exercises import find
    from nora_cli.ui import code_view
    from nora_cli.ui.render import make_console

    exercise = find(exercises(), wanted)
    console = make_console()
    if not yes and not attempted(load_progress(), exercise.id):
        if not sys.stdin.isatty():
            raise UsageError(
                f"you have not attempted {exercise.id} yet; add --yes to see the solution anyway"
            )
        from nora_cli.ui.prompts import confirm

        question = "You have not attempted it yet. Show the reference solution anyway?"
        if not confirm(question, default=False):
            console.print(f"Try it first: nora code start {exercise.id}")
            return
    code_view.solution(console, exercise)


def coding_figures(
    progress: Progress, today: date, found: dict[str, Exercise] | None = None
) -> CodingFigures:
    """The coding figures of `nora stats`, naming an exercise to start for each weak topic
    (`found`: the exercises, when the caller has read them already)."""
    topics: dict[str, tuple[str, ...]] = {}
    for exercise in sorted((found or exercises()).values(), key=lambda e: (e.difficulty, e.id)):
        topics[exercise.topic] = (*topics.get(exercise.topic, ()), exercise.id)
    return code_stats.compute(progress.code, today, topics)
