"""Drawing the coding round: the exercise list, one line per test run, the submit report, the
reference solution and the coding figures of `nora stats`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from nora_cli.ui.prose import counted, joined, say, whole
from nora_cli.ui.render import DIFFICULTY_NAMES, clock, panel

if TYPE_CHECKING:
    from nora_cli.core.code_stats import CodingFigures
    from nora_cli.core.exercise import CodeResult, Exercise, Opening, RunReport, TestResult

STATE_STYLES = {
    "new": "",
    "started": "magenta",
    "attempted": "yellow",
    "solved": "green",
    "due": "bold cyan",
}
KEYS = ("t test now", "s submit", "h hint", "q stop")
# The live line's keys, longest first: the first that fits the terminal is shown.
STATUS_KEYS = ("t test · s submit · h hint · q stop", "t test·s submit·h hint·q stop", "t s h q")
NARROW = 80  # columns below which the exercise list is lines, not a table
START_HINT = (
    "Start one with `nora code start ID` (no ID: the one in progress, else the next due or new "
    "exercise)."
)


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
    say(console, START_HINT)


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
    say(console, START_HINT)


def intro(console: Console, exercise: Exercise, opening: Opening, *, editor: str) -> None:
    """The exercise, whether this sitting resumes an attempt or begins one, where the file is
    and the keys, each said once."""
    level = DIFFICULTY_NAMES.get(exercise.difficulty, "")
    console.rule(Text(exercise.title, style="bold"), align="left")
    say(console, Text(f"{exercise.topic} · {level} · {clock(exercise.time_limit)}", style="dim"))
    for paragraph in _paragraphs(exercise.statement):
        say(console, paragraph, hang=2 if paragraph.startswith(("- ", "* ")) else 0)
    console.print()
    if opening.kind == "resumed":
        resumed = f"Resumed: the clock stands at {clock(opening.workspace.elapsed)}."
        say(console, Text(resumed, style="yellow"))
    elif opening.kind == "again":
        again = "New attempt: your last one was submitted, so the clock starts at 0:00"
        if opening.previous is not None:
            again += " and its code is kept in previous.py beside the new file"
        say(console, Text(f"{again}.", style="yellow"))
    where = f"Opened in {editor}:" if editor else "Open this file in your editor:"
    say(console, where)
    say(console, Text(whole(str(opening.path)), style="bold"))
    keys = f"Keys: {joined(KEYS)} (stopping keeps your code and the clock)."
    say(console, Text(f"Every save runs the visible examples. {keys}", style="dim"))


def _paragraphs(statement: str) -> list[str]:
    """The statement as the screen's width wraps it: the file's own line breaks are joined,
    except before a list item; a blank line is kept."""
    shown: list[str] = []
    for line in statement.strip().splitlines():
        text = line.strip()
        if not text:
            shown.append("")
        elif shown and shown[-1] and not text.startswith(("- ", "* ")):
            shown[-1] += f" {text}"
        else:
            shown.append(text)
    return shown


def status_text(elapsed: float, width: int) -> str:
    """The live line: the clock and as many words about the keys as fit in `width` less one
    column (a line that reaches the edge would wrap, and the next redraw would add a row)."""
    stamp = f"[{clock(elapsed)}]"
    for keys in STATUS_KEYS:
        text = f"{stamp} {keys}"
        if cell_len(text) < width:
            return text
    return stamp[: max(width - 1, 0)]


def run_line(console: Console, report: RunReport, run: int, elapsed: float) -> None:
    """One compact line: which examples pass, and the first failure with what differed."""
    head = f"[{clock(elapsed)}] run {run}: "
    if report.problem:
        say(console, Text.assemble(head, (report.problem, "red")))
        return
    passed, total = report.passed, len(report.tests)
    marks = "".join("✓" if t.passed else "✗" for t in report.tests)
    if passed == total:
        say(console, Text.assemble(head, (f"{marks} {_all_pass(total)}", "green")))
        return
    first = report.first_failure
    detail = _failure(first) if first else ""
    say(console, Text.assemble(head, (f"{marks} {passed}/{total} pass", "yellow"), f" · {detail}"))


def _all_pass(total: int) -> str:
    return "the example passes" if total == 1 else f"all {counted(total, 'example')} pass"


def _failure(test: TestResult) -> str:
    if test.actual and test.expected and test.visible:
        return f"{test.name}: expected {test.expected}, got {test.actual} ({test.error})"
    return f"{test.name}: {test.error}"


def submit_report(
    console: Console,
    report: RunReport,
    *,
    runs: int | None = None,
    hints: int = 0,
    solve: float | None = None,
) -> None:
    """Every test's verdict and a closing count; a sitting's submit (`runs` given) adds its
    runs, hints and when the visible examples first all passed."""
    console.print()
    console.rule(Text("Submitted", style="bold"), align="left")
    if report.problem:
        say(console, Text(report.problem, style="bold red"))
    if report.tests:
        _test_table(console, report)
    hidden = report.hidden
    count = (
        f"{report.passed}/{len(report.tests)} tests pass "
        f"({sum(t.passed for t in hidden)}/{len(hidden)} hidden)"
        if report.tests
        else "No test ran"
    )
    if runs is not None:
        examples = (
            f"all visible examples first passed at {clock(solve)}"
            if solve is not None
            else "no timed run passed all visible examples"
        )
        count += f" · runs {runs} · hints {hints} · {examples}"
    say(console, Text(count, style="bold green" if report.all_passed else "bold yellow"))
    if report.output.strip():
        console.print(Text("Your code printed:", style="dim"))
        console.print(Text(report.output[-600:], style="dim"))


def _test_table(console: Console, report: RunReport) -> None:
    from rich.table import Table

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


def offer(console: Console) -> None:
    console.print(
        Text(
            "This card has a runnable exercise: answer :code to write it in your editor "
            "against real tests.",
            style="cyan",
        )
    )


def hint(console: Console, number: int, total: int, text: str) -> None:
    say(console, Text(f"Hint {number}/{total}: {text}", style="magenta"))


def solution(console: Console, exercise: Exercise) -> None:
    code = Text(exercise.reference.rstrip(), no_wrap=True, overflow="ellipsis")
    panel(console, code, f"{exercise.id}: reference")
    say(console, exercise.explanation.strip())


def followup_rules(console: Console, *, live: bool) -> None:
    """How a follow-up is answered, skipped or ended, said once before the first. `live`: the
    drill's prompt, where Enter on a line with text starts a new line."""
    console.print()
    if live:
        rules = (
            "The interviewer's follow-ups. Enter on an empty line submits your answer, and "
            "Enter before typing anything means you answered aloud. To skip a follow-up, type "
            "`:skip` and press Enter; `:quit` the same way skips the rest."
        )
    else:
        rules = (
            "The interviewer's follow-ups. An empty line ends your answer, and an empty first "
            "line means you answered aloud. `:skip` alone on the first line skips a follow-up "
            "at once; `:quit` skips the rest."
        )
    say(console, Text(rules, style="dim"))


def followup_header(console: Console, number: int, total: int, question: str) -> None:
    console.print()
    console.print(Text(f"Follow-up {number}/{total}", style="bold cyan"))
    say(console, Text(question, style="bold"))


def followups_done(
    console: Console, result: CodeResult, *, typed: int, aloud: int, skipped: int
) -> None:
    """What the sitting comes to, so the card that follows cannot be misread: the tests the
    code passed and how the follow-ups were met."""
    met = [
        counted(n, noun) + how
        for n, noun, how in (
            (typed, "follow-up", " typed"),
            (aloud, "follow-up", " answered aloud"),
            (skipped, "follow-up", " skipped"),
        )
        if n
    ]
    passed = result.tests_passed
    line = (
        f"Your code passed {passed} of {result.tests_total} tests"
        if passed
        else "Your code passed none of the tests"
    )
    line += f"; {', '.join(met)}." if met else "."
    console.print()
    say(console, Text(line, style="bold"))


def untimed(console: Console, exercise_id: str) -> None:
    say(
        console,
        Text(
            f"No attempt at {exercise_id} is in progress (the last one was submitted): the file "
            "is submitted as it is, with no solve time since no clock ran.",
            style="yellow",
        ),
    )


def coding_figures(console: Console, figures: CodingFigures) -> None:
    if not figures.attempts:
        return
    console.print()
    console.print(Text("Coding exercises", style="bold"))
    trend = figures.time_trend
    trend_text = "-" if trend is None else f"{'+' if trend > 0 else ''}{trend / 60:.1f} min"
    count = counted(figures.attempts, "attempt")
    solve = clock(figures.median_solve) if figures.median_solve is not None else "-"
    say(
        console,
        f" {count} · pass rate {figures.pass_rate:.0%} · median solve {solve} · "
        f"time trend {trend_text} (last 7 days against the 7 before)",
        hang=1,
    )
    for topic in figures.weakest:
        say(
            console,
            Text.assemble(
                f" - {topic.topic}: {topic.passed}/{topic.attempts} passed · ",
                (whole(topic.command), "cyan"),
            ),
            hang=3,
        )
