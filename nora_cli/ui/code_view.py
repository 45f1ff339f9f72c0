"""Drawing the coding round: the exercise list, one line per test run, the submit report, the
reference solution and the coding figures of `nora stats`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.text import Text

from nora_cli.ui.prose import counted, say
from nora_cli.ui.render import DIFFICULTY_NAMES, clock, panel

if TYPE_CHECKING:
    from nora_cli.core.code_stats import CodingFigures
    from nora_cli.core.exercise import Exercise, RunReport, TestResult

STATE_STYLES = {"new": "", "attempted": "yellow", "solved": "green", "due": "bold cyan"}
KEYS = "t test · s submit · h hint · q stop (the workspace is kept)"
NARROW = 80  # columns below which the exercise list is lines, not a table


def exercise_table(console: Console, rows: Sequence[Any]) -> None:
    """A table from NARROW columns up (topic and level give way first), two lines an
    exercise below; an exercise id is never split."""
    from nora_cli.ui.layout import Column, records

    if console.width < NARROW:
        _exercise_lines(console, rows)
        return
    columns = (
        Column("Exercise", keep=True),
        Column("Title"),
        Column("Level", keep=True, drop=2),
        Column("Topic", drop=1),
        Column("Status", keep=True),
        Column("Best time", keep=True, justify="right"),
    )
    table = [
        (
            row.exercise.id,
            Text(row.exercise.title),
            DIFFICULTY_NAMES.get(row.exercise.difficulty, str(row.exercise.difficulty)),
            Text(row.exercise.topic),
            Text(row.state, STATE_STYLES.get(row.state, "")),
            clock(row.best_seconds) if row.best_seconds is not None else "-",
        )
        for row in rows
    ]
    records(console, "Coding exercises", columns, table)
    say(console, "Start one with `nora code start ID` (no ID: the next due or new exercise).")


def _exercise_lines(console: Console, rows: Sequence[Any]) -> None:
    """A narrow terminal: two short lines an exercise instead of a table."""
    say(console, Text("Coding exercises", style="bold"))
    for row in rows:
        exercise = row.exercise
        best = f" · best {clock(row.best_seconds)}" if row.best_seconds is not None else ""
        level = DIFFICULTY_NAMES.get(exercise.difficulty, str(exercise.difficulty))
        say(
            console,
            Text.assemble((exercise.id, "bold"), " ", (row.state, STATE_STYLES[row.state]), best),
        )
        say(console, Text(f"  {exercise.title} ({exercise.topic}, {level})", style="dim"), hang=2)
    say(console, "Start one with `nora code start ID` (no ID: the next due or new exercise).")


def intro(
    console: Console, exercise: Exercise, path: Path, *, resumed: float | None, editor: str
) -> None:
    level = DIFFICULTY_NAMES.get(exercise.difficulty, "")
    console.rule(Text(exercise.title, style="bold"), align="left")
    console.print(
        Text(f"{exercise.topic} · {level} · {clock(exercise.time_limit)}", style="dim"),
    )
    console.print(Text(exercise.statement.strip()))
    console.print()
    if resumed is not None:
        console.print(Text(f"Resumed: the clock stands at {clock(resumed)}.", style="yellow"))
    where = f"Opened in {editor}: " if editor else "Open this file in your editor: "
    console.print(Text.assemble(where, (str(path), "bold")), soft_wrap=True)
    console.print(Text(f"Every save runs the examples. Keys: {KEYS}", style="dim"))


def run_line(console: Console, report: RunReport, run: int, elapsed: float) -> None:
    """One compact line: which examples pass, and the first failure with what differed."""
    head = f"[{clock(elapsed)}] run {run}: "
    if report.problem:
        console.print(Text.assemble(head, (report.problem, "red")), soft_wrap=True)
        return
    passed, total = report.passed, len(report.tests)
    marks = "".join("✓" if t.passed else "✗" for t in report.tests)
    if passed == total:
        console.print(Text.assemble(head, (f"{marks} {_all_pass(total)}", "green")))
        return
    first = report.first_failure
    detail = _failure(first) if first else ""
    console.print(
        Text.assemble(head, (f"{marks} {passed}/{total} pass", "yellow"), f" · {detail}"),
        soft_wrap=True,
    )


def _all_pass(total: int) -> str:
    return "the example passes" if total == 1 else f"all {counted(total, 'example')} pass"


def _failure(test: TestResult) -> str:
    if test.actual and test.expected and test.visible:
        return f"{test.name}: expected {test.expected}, got {test.actual} ({test.error})"
    return f"{test.name}: {test.error}"


def submit_report(console: Console, report: RunReport, runs: int, hints: int, solve: Any) -> None:
    from rich.table import Table

    console.print()
    console.rule(Text("Submitted", style="bold"), align="left")
    if report.problem:
        console.print(Text(report.problem, style="bold red"), soft_wrap=True)
    table = Table(show_header=True, header_style="bold")
    for column in ("Test", "Verdict", "Detail"):
        table.add_column(column, overflow="fold")
    for test in report.tests:
        verdict = Text("pass", "green") if test.passed else Text("fail", "red")
        detail = ""
        if test.visible and not test.passed:
            detail = f"expected {test.expected}, got {test.actual or '-'}; {test.error}"
        elif not test.passed:
            detail = test.error
        elif test.name.startswith("scaling"):
            detail = test.actual
        table.add_row(Text(test.name), verdict, Text(detail))
    console.print(table)
    hidden = report.hidden
    console.print(
        Text(
            f"{report.passed}/{len(report.tests)} tests pass ({sum(t.passed for t in hidden)}/"
            f"{len(hidden)} hidden) · runs {runs} · hints {hints} · first all-green "
            f"{clock(solve) if solve is not None else 'not yet'}",
            style="bold green" if report.all_passed else "bold yellow",
        )
    )
    if report.output.strip():
        console.print(Text("Your code printed:", style="dim"))
        console.print(Text(report.output[-600:], style="dim"))


def offer(console: Console) -> None:
    console.print(
        Text(
            "This card has a runnable exercise: answer :code to write it in your editor "
            "against real tests.",
            style="cyan",
        )
    )


def hint(console: Console, number: int, total: int, text: str) -> None:
    console.print(Text(f"Hint {number}/{total}: {text}", style="magenta"), soft_wrap=True)


def solution(console: Console, exercise: Exercise) -> None:
    code = Text(exercise.reference.rstrip(), no_wrap=True, overflow="ellipsis")
    panel(console, code, f"{exercise.id}: reference")
    say(console, exercise.explanation.strip())


def followup_header(console: Console, number: int, total: int, question: str) -> None:
    console.print()
    console.print(Text(f"Follow-up {number}/{total}", style="bold cyan"))
    console.print(Text(question, style="bold"))


def coding_figures(console: Console, figures: CodingFigures) -> None:
    if not figures.attempts:
        return
    console.print()
    console.print(Text("Coding exercises", style="bold"))
    trend = figures.time_trend
    trend_text = "-" if trend is None else f"{'+' if trend > 0 else ''}{trend / 60:.1f} min"
    count = counted(figures.attempts, "attempt")
    solve = clock(figures.median_solve) if figures.median_solve is not None else "-"
    console.print(
        Text(
            f" {count} · pass rate {figures.pass_rate:.0%} · median solve {solve} · "
            f"time trend {trend_text} (last 7 days against the 7 before)"
        )
    )
    for topic in figures.weakest:
        console.print(
            Text.assemble(
                f" - {topic.topic}: {topic.passed}/{topic.attempts} passed · ",
                (topic.command, "cyan"),
            )
        )
