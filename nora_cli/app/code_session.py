"""One sitting of an exercise, from `nora code start` to the saved attempt: open the workspace
and the editor, run the loop, submit, ask the interviewer's follow-ups, rate and save.

A drill's coding card uses the same sitting through `solve_card`, which stops after the
follow-ups and lets the drill's own card flow review, rate and save.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.text import Text

from nora_cli.app import code
from nora_cli.app.code_loop import FileWatcher, LoopState, TerminalKeys, run_loop
from nora_cli.coach.coach import Coach
from nora_cli.core.engine import Action, Answer, DrillCard
from nora_cli.core.exercise import CodeResult, Exercise, RunReport, Workspace
from nora_cli.core.models import Card, KeyPoint, Library
from nora_cli.ui import coach_view, code_view
from nora_cli.ui.plain_asker import PlainAsker
from nora_cli.ui.render import clock
from nora_cli.ui.terminal_asker import TerminalAsker

# The interviewer's follow-ups the guide asks after every coding question (deck card ids).
GUIDE_FOLLOW_UPS = ("code-time-space-complexity", "code-how-to-test", "code-concurrency-behaviour")


@dataclass(frozen=True)
class Sitting:
    """What a sitting produced: the code result (None when the user stopped before
    submitting), the follow-up answers with the points they covered, and the time spent."""

    result: CodeResult | None
    answers: str = ""
    covered: tuple[int, ...] = ()
    key_points: int = 0
    seconds: float = 0.0
    stopped: str = ""  # 'quit' or 'end' when the user left before submitting


def open_editor(path: Path) -> str:
    """Open $VISUAL or $EDITOR on the file and wait for it; '' when neither is set."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or ""
    if not editor:
        return ""
    try:
        subprocess.run([*shlex.split(editor), str(path)], check=False)
    except OSError as exc:
        Console(stderr=True).print(Text(f"Could not start {editor}: {exc}", style="yellow"))
        return ""
    return editor


def sit(
    exercise: Exercise, console: Console, *, python: str, coach: Coach, cards: Library
) -> Sitting:
    """Work on the exercise until a submit (then follow-ups) or a stop."""
    path, workspace, resumed = code.open_workspace(exercise)
    editor = open_editor(path)
    code_view.intro(
        console, exercise, path, resumed=workspace.elapsed if resumed else None, editor=editor
    )
    state = LoopState(workspace, time.monotonic(), workspace.elapsed)

    def visible(source: bytes) -> RunReport:
        return code.run_tests(exercise, source, suite="visible", python=python)[0]

    with FileWatcher(path) as changes, TerminalKeys(wake=changes.fileno()) as keys:
        ended = run_loop(
            exercise,
            path,
            state,
            console=console,
            keys=keys,
            changes=changes,
            test=visible,
            save=code.save_workspace,
            status_line=sys.stdout.isatty(),
        )
    if ended != "submit":
        resume = f"`nora code start {exercise.id}` resumes the clock"
        kept = f"Stopped at {clock(workspace.elapsed)}; your code is kept. {resume}."
        console.print(Text(kept, style="yellow"))
        return Sitting(None, seconds=workspace.elapsed, stopped=ended)
    return submit(exercise, path, workspace, console, python=python, coach=coach, cards=cards)


def submit(
    exercise: Exercise,
    path: Path,
    workspace: Workspace,
    console: Console,
    *,
    python: str,
    coach: Coach,
    cards: Library,
) -> Sitting:
    """Run every test and the scaling check, show the report, then the follow-ups."""
    source = code.read_solution(path)
    console.print(Text("Running every test, then the scaling check...", style="dim"))
    report, verdict = code.run_tests(exercise, source, suite="all", python=python)
    if report.all_passed and workspace.first_green is None:
        workspace.first_green = workspace.elapsed
    code_view.submit_report(console, report, workspace.runs, workspace.hints, workspace.first_green)
    result = code.code_result(exercise, report, verdict, workspace, source)
    code.finish_workspace(exercise.id)
    answers, covered, total = follow_ups(exercise, console, coach, cards)
    return Sitting(result, answers, covered, total, workspace.elapsed)


def follow_up_cards(exercise: Exercise, library: Library) -> list[Card]:
    """The guide's follow-ups (from the coding deck), then the exercise's own."""
    found = [card for card in (library.card(i) for i in GUIDE_FOLLOW_UPS) if card is not None]
    for number, follow in enumerate(exercise.follow_ups, start=1):
        found.append(
            Card(
                id=f"{exercise.id}-follow-up-{number}",
                prompt=follow.question,
                category=code.CATEGORY,
                kind="coding",
                difficulty=exercise.difficulty,
                time_limit=None,
                key_points=tuple(KeyPoint(p) for p in follow.key_points),
                answer="",
            )
        )
    return found


def follow_ups(
    exercise: Exercise, console: Console, coach: Coach, library: Library
) -> tuple[str, tuple[int, ...], int]:
    """Ask each follow-up as a typed answer with the coach's feedback; the answers, the key
    points covered (numbered across all follow-ups) and how many points there were."""
    asker = PlainAsker(console, sys.stdin, coach)
    cards = follow_up_cards(exercise, library)
    texts: list[str] = []
    covered: list[int] = []
    offset = 0
    for number, card in enumerate(cards, start=1):
        code_view.followup_header(console, number, len(cards), card.prompt)
        text = asker.block("> ", 180, first=True)
        if isinstance(text, Action):
            if text is Action.SKIP:
                offset += len(card.key_points)
                continue
            break
        answer = Answer(text.strip())
        feedback = coach.review(answer, card)
        if feedback is not None:
            coach_view.feedback_panel(console, card, feedback)
            covered += [offset + i for i in feedback.covered]
            texts.append(f"{card.prompt}\n{text.strip()}")
        offset += len(card.key_points)
    return "\n\n".join(texts), tuple(covered), offset


def rate(console: Console) -> int | None:
    rating = PlainAsker(console, sys.stdin).rate()
    return rating if isinstance(rating, int) else None


def start(wanted: str | None, *, python: str, submit_now: bool = False) -> int:
    """`nora code start [ID]`: sit the exercise, then rate it and save the attempt.
    `submit_now` (`nora code submit ID`) submits the workspace as it is, without the loop."""
    from datetime import datetime

    from nora_cli.app.drill import DrillRequest, make_coach, saver
    from nora_cli.app.state import load_progress
    from nora_cli.core.errors import ExitCode
    from nora_cli.decks.exercises import find
    from nora_cli.decks.loader import load_library
    from nora_cli.store import history, paths
    from nora_cli.ui.render import make_console

    exercises = code.exercises()
    state = load_progress()
    now = datetime.now().astimezone()
    exercise = find(exercises, wanted) if wanted else code.next_exercise(state, now, exercises)
    library = load_library()
    console = make_console()
    coach = make_coach(library, DrillRequest(mode="technical"))
    if submit_now:
        path, workspace, resumed = code.open_workspace(exercise)
        if not resumed:
            created = f"Created {path}; write your solution there, then submit again."
            console.print(Text(created), soft_wrap=True)
            return ExitCode.OK
        sitting = submit(
            exercise, path, workspace, console, python=python, coach=coach, cards=library
        )
    else:
        sitting = sit(exercise, console, python=python, coach=coach, cards=library)
    if sitting.result is None:
        return ExitCode.OK
    rating = rate(console)
    attempt = code.attempt(
        exercise,
        sitting.result,
        ended=history.now(),
        seconds=sitting.seconds,
        answer=sitting.answers,
        covered=sitting.covered,
        key_points=sitting.key_points,
        rating=rating,
    )
    saver(state, paths.history_path(), console)(attempt)
    console.print(Text(f"`nora code solution {exercise.id}` shows the reference.", style="dim"))
    return ExitCode.OK


class CardExercises:
    """The exercises behind a drill's coding cards: `:code` as the answer sits the exercise,
    and its follow-up answers become the card's answer, reviewed and rated as usual."""

    def __init__(self, console: Console, coach: Coach) -> None:
        self.console = console
        self.coach = coach
        self.exercises = code.by_card(code.exercises())

    def offers(self, card: Card) -> bool:
        return card.id in self.exercises

    def solve(self, item: DrillCard) -> Answer:
        from nora_cli.decks.loader import load_library

        exercise = self.exercises[item.card.id]
        sitting = sit(exercise, self.console, python="", coach=self.coach, cards=load_library())
        if sitting.result is None:
            return Answer(action=Action.SKIP)
        return Answer(sitting.answers, code=sitting.result)


def with_exercises(asker: TerminalAsker, console: Console) -> TerminalAsker:
    """A terminal drill's asker, offering each coding card's exercise."""
    asker.code = CardExercises(console, asker.coach)
    return asker
