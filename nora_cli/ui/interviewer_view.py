"""Drawing the AI interviewer: the wait and its cost, the grade of each key point with the
words it quotes, the follow-ups and their verdicts, the notes when the offline coach takes
over, its word between mock-interview stages, and the debrief (at the end of the mock
interview, and again from the history). Model text is shown as text, never markup."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from nora_cli.ui.prose import counted, joined, say, wrap
from nora_cli.ui.render import clock, panel

if TYPE_CHECKING:
    from nora_cli.core.interview import Debrief, FollowUpTurn, InterviewRecord, ModelCall
    from nora_cli.core.records import DrillDebrief

MARKS = {"covered": ("✓", "green"), "partly": ("~", "yellow"), "missed": ("✗", "red")}
FOLLOW_UP_STYLES = {"strong": "green", "partial": "yellow", "weak": "red"}


def waiting(console: Console, model: str, what: str) -> None:
    console.print(Text(f"The interviewer ({model}) is {what}...", style="dim"))


def call_line(console: Console, call: ModelCall) -> None:
    """How long nora waited on the model, and the tokens sent and received."""
    if call.tokens_in is None or call.tokens_out is None:
        tokens = "tokens not reported"
    else:
        tokens = f"{call.tokens_in:,} tokens sent, {call.tokens_out:,} received"
    tries = f", {call.tries} tries" if call.tries > 1 else ""
    console.print(Text(f"Waited {call.seconds:.1f} s on the model ({tokens}{tries}).", "dim"))


def notes(console: Console, lines: Sequence[str]) -> None:
    for line in lines:
        say(console, line, "yellow")


def grade_panel(console: Console, record: InterviewRecord) -> None:
    """Each key point's verdict with the words of the answer it rests on, then the scores,
    each wrapped under its own text as the feedback panel is."""
    from nora_cli.core.dimensions import DIMENSIONS, NAMES

    counts = {v: sum(g.verdict == v for g in record.points) for v in MARKS}
    said = [
        (
            Text(
                f"Key points: {counts['covered']} covered, {counts['partly']} partly, "
                f"{counts['missed']} missed",
                "bold",
            ),
            2,
        )
    ]
    for grade in record.points:
        mark, style = MARKS[grade.verdict]
        lead = f" {mark} {grade.point + 1}. "
        line = Text.assemble((lead, style), (f"{grade.verdict:<8}", style))
        if grade.quote:
            line.append(f'"{grade.quote}" ', "italic")
        line.append(grade.reason)
        said.append((line, cell_len(lead)))
    if record.dimensions:
        scores = [
            f"{NAMES[name]} {record.dimensions[name]}/5"
            if record.dimensions.get(name) is not None
            else f"{NAMES[name]} not judged"
            for name in DIMENSIONS
        ]
        said.append((Text(f"Scores: {joined(scores)}"), 2))
    room = console.width - 4  # inside the box's borders and padding
    body = Text("\n").join(wrap(line, room, hang=hang) for line, hang in said)
    panel(console, body, f"The interviewer ({record.model})")


def follow_up(console: Console, turn: FollowUpTurn, number: int, total: int, budget: int) -> None:
    about = ", ".join(str(i + 1) for i in turn.aims_at)
    where = f" · about key point {about}" if about else ""
    console.print()
    console.print(Text(f"Follow-up {number}/{total}{where} · {clock(budget)}", "cyan"))
    console.print(Text(turn.question, style="bold"))


def follow_up_results(console: Console, turns: Sequence[FollowUpTurn]) -> None:
    """What each follow-up answer was worth: the verdict, its quote and reason, and the words,
    speaking time and fillers of the answer."""
    for number, turn in enumerate(turns, start=1):
        line = Text(f"Follow-up {number}: ", "bold")
        if turn.skipped or not turn.answer.strip():
            line.append("skipped" if turn.skipped else "answered aloud", "dim")
            say(console, line, hang=2)
            continue
        if turn.verdict:
            line.append(turn.verdict, FOLLOW_UP_STYLES.get(turn.verdict, ""))
            if turn.quote:
                line.append(f' "{turn.quote}"', "italic")
            line.append(f" {turn.reason}")
        else:
            line.append("not judged", "dim")
        spoken = clock(turn.words * 60 / 150)
        line.append(f" ({counted(turn.words, 'word')}, about {spoken} aloud", "dim")
        if turn.fillers:
            fillers = ", ".join(f"'{w}' x{n}" for w, n in turn.fillers.items())
            line.append(f"; fillers {fillers}", "dim")
        line.append(")", "dim")
        say(console, line, hang=2)


def curveball_note(console: Console, original: str) -> None:
    console.print(Text(f"(Adapted to your design from: {original})", style="dim"))


def transition(console: Console, line: str) -> None:
    """The interviewer's word as one stage gives way to the next."""
    say(console, Text.assemble(("Interviewer: ", "bold cyan"), (line, "italic")), hang=2)


def debrief_panel(console: Console, debrief: Debrief, model: str) -> None:
    from rich.panel import Panel

    body = Text(debrief.summary + "\n")
    for title, items, style in (
        ("Strengths", debrief.strengths, "green"),
        ("Gaps", debrief.gaps, "yellow"),
    ):
        if items:
            body.append(f"{title}:\n", f"bold {style}")
            for item in items:
                body.append(f"  - {item}\n")
    body.append("Next: ", "bold")
    body.append(debrief.next_step)
    console.print(Panel(body, title=f"Debrief from {model}", title_align="left"))


def saved_debrief(console: Console, record: DrillDebrief) -> None:
    """A mock interview's debrief as the history keeps it: which drill, when, the model and
    its wait, what it said between stages, then the debrief (or why there is none)."""
    calls = len(record.calls)
    console.print()
    console.print(Text("Mock interview debrief", style="bold"))
    labelled(
        console,
        [
            ("Drill", record.drill_id),
            ("Ended", f"{record.at.astimezone(UTC):%Y-%m-%d %H:%M} UTC ({record.mode})"),
            ("Model", f"{record.model}, waited {record.wait_seconds:.1f} s over "
                      f"{counted(calls, 'call')} between stages and for the debrief"),
        ],
    )  # fmt: skip
    for step in record.transitions:
        say(console, Text.assemble((f"{step.ended} to {step.starting}: ", "bold"), step.line),
            hang=2)  # fmt: skip
    if record.debrief is not None:
        debrief_panel(console, record.debrief, record.model)
        return
    say(console, "No debrief this time.", "yellow")
    notes(console, record.notes)


def labelled(console: Console, rows: Sequence[tuple[str, str]]) -> None:
    """`Label: value` lines, the values lined up and wrapped under themselves."""
    width = max((len(label) for label, _ in rows), default=0) + 2
    for label, value in rows:
        say(console, Text.assemble((f"{label}:".ljust(width), "bold"), value), hang=width)
