"""The coding round's use cases: the workspace, the editor loop with scripted keys and saves,
the attempt in the history, and what the scheduler and the stats make of it."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from rich.console import Console

from nora_cli.app import code
from nora_cli.app.code_loop import LoopState, run_loop
from nora_cli.core import code_stats
from nora_cli.core.exercise import CodeResult, CodeTally, RunReport, TestResult, Workspace
from nora_cli.core.records import Attempt
from nora_cli.store import history, paths
from nora_cli.store import progress as progress_cache

EXERCISES = code.exercises()
TOP_K = EXERCISES["top-k-frequent"]
NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def result(passed: int, total: int = 10, solve: float | None = 300.0) -> CodeResult:
    return CodeResult(
        exercise=TOP_K.id, topic=TOP_K.topic, tests_passed=passed, tests_total=total,
        hidden_passed=passed - 3 if passed > 3 else 0, hidden_total=total - 3, runs=4, hints=1,
        solve_seconds=solve, growth="looks linear", growth_ok=True, code="def top_k(): ...",
    )  # fmt: skip


def saved(outcome: CodeResult, ended: datetime, rating: int = 3) -> Attempt:
    attempt = code.attempt(
        TOP_K, outcome, ended=ended, seconds=600.0, answer="", covered=(), key_points=3,
        rating=rating,
    )  # fmt: skip
    paths.ensure_data_dir()
    history.append(attempt, paths.history_path())
    return attempt


def test_the_workspace_holds_statement_examples_and_starter() -> None:
    opening = code.open_workspace(TOP_K)
    path, workspace = opening.path, opening.workspace
    text = path.read_text(encoding="utf-8")
    assert path == paths.data_dir() / "code" / "top-k-frequent" / "solution.py"
    assert opening.kind == "new" and workspace.elapsed == 0
    assert "Break ties by the smaller value first" in text
    assert "top_k([4, 1, 1, 2, 2, 2, 3], 2) -> [2, 1]" in text
    assert text.rstrip().endswith("raise NotImplementedError")
    compile(text, "solution.py", "exec")  # the file the user edits is valid Python


def test_a_stopped_workspace_resumes_its_clock_and_keeps_the_code() -> None:
    opening = code.open_workspace(TOP_K)
    workspace = opening.workspace
    opening.path.write_text("def top_k(values, k):\n    return []\n")
    workspace.elapsed, workspace.runs, workspace.hints = 125.0, 3, 1
    code.save_workspace(workspace)
    again = code.open_workspace(TOP_K)
    assert again.kind == "resumed"
    assert again.path.read_text() == "def top_k(values, k):\n    return []\n"
    resumed = again.workspace
    assert (resumed.elapsed, resumed.runs, resumed.hints) == (125.0, 3, 1)


def test_after_a_submit_the_next_sitting_is_a_new_attempt_from_the_starter() -> None:
    opening = code.open_workspace(TOP_K)
    opening.path.write_text(TOP_K.reference)
    opening.workspace.elapsed, opening.workspace.first_green = 300.0, 250.0
    code.save_workspace(opening.workspace)
    code.finish_workspace(TOP_K.id)  # submitted
    kept = code.open_workspace(TOP_K, restart=False)  # `nora code submit` takes it as it is
    assert kept.kind == "kept" and kept.path.read_text() == TOP_K.reference
    again = code.open_workspace(TOP_K)
    assert again.kind == "again" and again.workspace == Workspace(TOP_K.id)
    assert again.path.read_text() == code.workspace_text(TOP_K)  # timed from a blank start
    assert again.previous is not None and again.previous.read_text() == TOP_K.reference
    assert code.open_workspace(TOP_K).kind == "resumed"  # now in progress: a true resume
    code.finish_workspace(TOP_K.id)
    untouched = code.open_workspace(TOP_K)  # nothing written: no previous code to keep
    assert untouched.kind == "again" and untouched.previous is None


def test_an_exercise_in_progress_is_started_and_offered_first() -> None:
    state = progress_cache.load(paths.history_path())
    pairs = EXERCISES["count-pairs"]
    assert {r.exercise.id: r.state for r in code.statuses(state, NOW, EXERCISES)}[pairs.id] == "new"
    opening = code.open_workspace(pairs)
    opening.workspace.runs, opening.workspace.hints = 1, 1
    code.save_workspace(opening.workspace)
    rows = {r.exercise.id: r for r in code.statuses(state, NOW, EXERCISES)}
    assert (rows[pairs.id].state, rows[pairs.id].attempts) == ("started", 0)
    assert code.next_exercise(state, NOW, EXERCISES).id == pairs.id
    code.finish_workspace(pairs.id)
    assert {r.exercise.id: r.state for r in code.statuses(state, NOW, EXERCISES)}[pairs.id] == "new"


def test_a_code_result_survives_the_history_and_old_records_still_read() -> None:
    attempt = saved(result(10), NOW)
    read = history.read(paths.history_path()).attempts
    assert read == [attempt]
    record = json.loads(paths.history_path().read_text().splitlines()[0])
    assert record["schema"] == 2 and record["code"]["tests_passed"] == 10
    old = {k: v for k, v in attempt.to_record().items() if k != "code"}
    assert Attempt.from_record(old).code is None


def test_attempts_feed_the_scheduler_the_list_and_the_stats() -> None:
    saved(result(4, solve=None), NOW - timedelta(days=9), rating=1)
    saved(result(10, solve=420.0), NOW - timedelta(days=8), rating=3)
    saved(result(10, solve=240.0), NOW - timedelta(days=1), rating=4)
    state = progress_cache.load(paths.history_path())
    assert state.memory.cards[TOP_K.id].reviews == 3
    rows = {r.exercise.id: r for r in code.statuses(state, NOW, EXERCISES)}
    assert (rows[TOP_K.id].state, rows[TOP_K.id].attempts) == ("solved", 3)
    assert rows[TOP_K.id].best_seconds == 240.0
    assert rows["lru-cache"].state == "new"
    later = NOW + timedelta(days=400)
    assert code.statuses(state, later, EXERCISES)[0].state in {"new", "due"}
    assert {r.exercise.id: r for r in code.statuses(state, later, EXERCISES)}[
        TOP_K.id
    ].state == "due"
    topics = {TOP_K.topic: (TOP_K.id, "merge-k-sorted")}
    figures = code_stats.compute(state.code, NOW.date(), topics)
    assert (figures.attempts, figures.passed) == (3, 2)
    assert figures.time_trend == 240.0 - 420.0
    assert [(t.topic, t.passed, t.attempts, t.command) for t in figures.weakest] == [
        (TOP_K.topic, 2, 3, "nora code start merge-k-sorted")
    ]


def test_the_next_exercise_is_the_easiest_new_one_then_the_most_overdue() -> None:
    state = progress_cache.load(paths.history_path())
    first = code.next_exercise(state, NOW, EXERCISES)
    assert first.difficulty == 1 and first.id == min(
        e.id for e in EXERCISES.values() if e.difficulty == 1
    )
    saved(result(10), NOW - timedelta(days=300))
    state = progress_cache.load(paths.history_path())
    assert code.next_exercise(state, NOW, EXERCISES).id == TOP_K.id


def test_weakest_topics_name_a_failed_exercise_first() -> None:
    tallies = [
        CodeTally("2026-11-01", "a", "Heaps", False, None, 60.0),
        CodeTally("2026-11-01", "b", "Heaps", True, 50.0, 60.0),
        CodeTally("2026-11-01", "c", "Sorting", True, 50.0, 60.0),
    ]
    figures = code_stats.compute(tallies, NOW.date(), {"Heaps": ("b", "z", "a")})
    assert [(t.topic, t.command) for t in figures.weakest] == [("Heaps", "nora code start a")]
    assert figures.pass_rate == 2 / 3


class Script:
    """Keys and saves, one step per read: (key or None, file saved?)."""

    def __init__(self, steps: list[tuple[str | None, bool]]) -> None:
        self.steps = steps
        self.pending = False

    def read(self, timeout: float) -> str | None:
        key, save = self.steps.pop(0)
        self.pending = save
        return key

    def changed(self) -> bool:
        return self.pending


def report(passed: list[bool]) -> RunReport:
    return RunReport(
        tuple(
            TestResult(f"example {n}", True, ok, "[2, 1]", "[]", "" if ok else "wrong")
            for n, ok in enumerate(passed, 1)
        )
    )


def test_the_loop_tests_every_save_shows_hints_and_submits(tmp_path: Path) -> None:
    path = tmp_path / "solution.py"
    path.write_text("x")
    results = [report([False, True]), report([True, True])]
    script = Script([(None, True), ("h", False), (None, True), ("s", False)])
    seconds = iter([10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0])
    console = Console(width=100, record=True, color_system=None)
    state = LoopState(Workspace(TOP_K.id, elapsed=100.0), started=0.0, base=100.0)
    saves: list[int] = []
    ended = run_loop(
        TOP_K, path, state, console=console, keys=script, changes=script,
        test=lambda source: results.pop(0), save=lambda w: saves.append(w.runs),
        now=lambda: next(seconds),
    )  # fmt: skip
    shown = console.export_text()
    assert ended == "submit"
    assert state.workspace.runs == 2 and state.workspace.hints == 1
    assert state.workspace.first_green == 140.0  # resumed at 100 s; the second run read 40 s
    assert "run 1: ✗✓ 1/2 pass · example 1: expected [2, 1], got [] (wrong)" in shown
    assert "run 2: ✓✓ all 2 examples pass" in shown
    assert f"Hint 1/{len(TOP_K.hints)}: {TOP_K.hints[0]}" in shown
    assert saves == [1, 1, 2]


def test_quitting_the_loop_keeps_the_clock(tmp_path: Path) -> None:
    script = Script([("q", False)])
    state = LoopState(Workspace(TOP_K.id), started=0.0, base=30.0)
    kept: list[float] = []
    ended = run_loop(
        TOP_K, tmp_path / "s.py", state, console=Console(), keys=script, changes=script,
        test=lambda source: report([True]), save=lambda w: kept.append(w.elapsed),
        now=lambda: 12.0,
    )  # fmt: skip
    assert (ended, kept) == ("quit", [42.0])


def wait_for(check, seconds: float = 3.0) -> float:  # type: ignore[no-untyped-def]
    import time

    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if check():
            return time.monotonic() - started
        time.sleep(0.02)
    raise AssertionError("nothing happened in time")


def test_the_watcher_reports_a_save_once_and_wakes_the_key_reader(tmp_path: Path) -> None:
    import select
    import time

    from nora_cli.app.code_loop import FileWatcher

    path = tmp_path / "solution.py"
    path.write_text("a")
    frozen = time.monotonic()
    with FileWatcher(path, clock=lambda: frozen) as watcher:  # no periodic re-check
        time.sleep(0.3)  # let the watch start
        path.write_text("bb")
        assert wait_for(lambda: select.select([watcher.fileno()], [], [], 0)[0]) < 1.0
        assert watcher.changed() is True
        time.sleep(0.3)
        assert watcher.changed() is False  # the same save is not reported twice


def test_a_save_before_the_watch_started_is_caught_by_the_recheck(tmp_path: Path) -> None:
    from nora_cli.app.code_loop import FileWatcher

    path = tmp_path / "solution.py"
    path.write_text("a")
    ticks = iter([0.0, 0.5, 2.0])
    watcher = FileWatcher(path, clock=lambda: next(ticks))  # never started: no events
    assert watcher.changed() is False  # the first check: nothing new
    path.write_text("changed")
    assert watcher.changed() is False  # half a second: not yet re-checked
    assert watcher.changed() is True


def test_a_save_made_as_the_editor_ran_is_reported_at_the_first_check(tmp_path: Path) -> None:
    """An editor that saves and exits at once: the save happened before the watcher was made,
    and is still reported, at once, against the file as it was when the editor started."""
    from nora_cli.app.code_loop import FileWatcher, signature

    path = tmp_path / "solution.py"
    path.write_text("def top_k(values, k):\n    raise NotImplementedError\n")
    before = signature(path)
    path.write_text("def top_k(values, k):\n    return []\n")  # the editor's save
    watcher = FileWatcher(path, clock=lambda: 0.0, since=before)  # never started: no events
    assert watcher.changed() is True
    assert watcher.changed() is False  # reported once


def test_an_editor_that_saves_and_exits_gets_a_run_before_any_key(tmp_path: Path) -> None:
    from nora_cli.app.code_loop import FileWatcher, signature

    path = tmp_path / "solution.py"
    path.write_text("x = 1\n")
    before = signature(path)
    path.write_text("x = 22\n")
    ran: list[bytes] = []
    script = Script([(None, False), ("q", False)])
    state = LoopState(Workspace(TOP_K.id), started=0.0, base=0.0)
    watcher = FileWatcher(path, clock=lambda: 0.0, since=before)
    console = Console(width=100, record=True, color_system=None)
    run_loop(
        TOP_K, path, state, console=console, keys=script, changes=watcher,
        test=lambda source: ran.append(source) or report([True]), save=lambda w: None,
        now=lambda: 9.0,
    )  # fmt: skip
    assert ran == [b"x = 22\n"] and state.workspace.runs == 1
    assert "[0:09] run 1: ✓ the example passes" in console.export_text()


def test_ctrl_c_in_the_loop_keeps_the_clock_then_stops(tmp_path: Path) -> None:
    import pytest

    class Interrupting:
        def read(self, timeout: float) -> str | None:
            raise KeyboardInterrupt

        def changed(self) -> bool:
            return False

    state = LoopState(Workspace(TOP_K.id), started=0.0, base=30.0)
    kept: list[float] = []
    with pytest.raises(KeyboardInterrupt):
        run_loop(
            TOP_K, tmp_path / "s.py", state, console=Console(), keys=Interrupting(),
            changes=Interrupting(), test=lambda source: report([True]),
            save=lambda w: kept.append(w.elapsed), now=lambda: 5.0,
        )  # fmt: skip
    assert kept == [35.0]
