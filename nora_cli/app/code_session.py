"""One sitting of an exercise, from `nora code start` to the saved attempt: open the workspace
and the editor, run the loop, submit, ask the interviewer's follow-ups, rate and save.

A drill's coding card uses the same sitting through `CardExercises`, which stops after the
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
from nora_cli.app.code_loop import FileWatcher, LoopState, TerminalKeys, run_loop, signature
from nora_cli.app.code_rubric import follow_up_cards
from nora_cli.coach.coach import Coach
from nora_cli.core.engine import Action, Answer, DrillCard
from nora_cli.core.exercise import CodeResult, Exercise, RunReport, Workspace
from nora_cli.core.models import Card, Library
from nora_cli.ui import coach_view, code_view
from nora_cli.ui.asker import BaseAsker
from nora_cli.ui.plain_asker import PlainAsker
from nora_cli.ui.prose import say, whole
from nora_cli.ui.render import clock
from nora_cli.ui.terminal_asker import TerminalAsker

FOLLOW_UP_SECONDS = 180


@dataclass(frozen=True)
class FollowUps:
    """What the follow-ups got: the typed answers with the key points they covered (numbered
    across all follow-ups), how many points there were, and how each was met."""

    answers: str = ""
    covered: tuple[int, ...] = ()
    turns: tuple[tuple[str, str], ...] = ()  # each question and the answer typed to it
    key_points: int = 0
    typed: int = 0
    aloud: int = 0
    skipped: int = 0
    interrupted: bool = False  # Ctrl-C: the attempt is kept unrated


@dataclass(frozen=True)
class Sitting:
    """What a sitting produced: the code result (None when the user stopped before
    submitting), the follow-ups and the time spent."""

    result: CodeResult | None
    follow: FollowUps = FollowUps()
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


def answer_asker(console: Console, coach: Coach) -> BaseAsker:
    """The follow-ups' asker: the drill's live prompt at a terminal, lines otherwise."""
    from nora_cli.app.drill import interactive_terminal
    from nora_cli.store import config

    if interactive_terminal() and not config.load().plain:
        return TerminalAsker(console, coach)
    return PlainAsker(console, sys.stdin, coach)


def sit(
    exercise: Exercise,
    console: Console,
    *,
    python: str,
    coach: Coach,
    cards: Library,
    asker: BaseAsker | None = None,
) -> Sitting:
    """Work on the exercise until a submit (then follow-ups) or a stop."""
    opening = code.open_workspace(exercise)
    path, workspace = opening.path, opening.workspace
    before = signature(path)  # a save the editor makes before the watch starts still counts
    editor = open_editor(path)
    code_view.intro(console, exercise, opening, editor=editor)
    state = LoopState(workspace, time.monotonic(), workspace.elapsed)

    def visible(source: bytes) -> RunReport:
        return code.run_tests(exercise, source, suite="visible", python=python)[0]

    with (
        FileWatcher(path, since=before) as changes,
        TerminalKeys(wake=changes.fileno()) as keys,
    ):
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
    asker = asker or answer_asker(console, coach)
    return submit(exercise, path, workspace, console, python=python, asker=asker, cards=cards)


def submit(
    exercise: Exercise,
    path: Path,
    workspace: Workspace,
    console: Console,
    *,
    python: str,
    asker: BaseAsker,
    cards: Library,
) -> Sitting:
    """Run every test and the scaling check, show the report, then the follow-ups."""
    source = code.read_solution(path)
    console.print(Text("Running every test, then the scaling check...", style="dim"))
    report, verdict = code.run_tests(exercise, source, suite="all", python=python)
    timed = workspace.elapsed > 0  # a file submitted without a sitting has no solve time
    if timed and report.all_passed and workspace.first_green is None:
        workspace.first_green = workspace.elapsed
    code_view.submit_report(
        console, report, runs=workspace.runs, hints=workspace.hints, solve=workspace.first_green
    )
    result = code.code_result(exercise, report, verdict, workspace, source)
    code.finish_workspace(exercise.id)
    follow = follow_ups(exercise, console, asker, cards)
    code_view.followups_done(
        console, result, typed=follow.typed, aloud=follow.aloud, skipped=follow.skipped
    )
    return Sitting(result, follow, workspace.elapsed)


def follow_ups(
    exercise: Exercise, console: Console, asker: BaseAsker, library: Library
) -> FollowUps:
    """Ask each follow-up as a typed answer, with the coach's feedback, through the same
    prompt a drill card uses (`:skip` skips one, `:quit` the rest)."""
    cards = follow_up_cards(exercise, library)
    texts: list[str] = []
    turns: list[tuple[str, str]] = []
    covered: list[int] = []
    offset = typed = aloud = skipped = 0
    interrupted = False
    code_view.followup_rules(console, live=isinstance(asker, TerminalAsker))
    for number, card in enumerate(cards, start=1):
        code_view.followup_header(console, number, len(cards), card.prompt)
        try:
            text = asker.block("> ", FOLLOW_UP_SECONDS, first=True)
        except KeyboardInterrupt:
            text, interrupted = Action.QUIT, True
        if isinstance(text, Action):
            if text is Action.SKIP:
                skipped += 1
                offset += len(card.key_points)
                continue
            skipped += len(cards) - number + 1
            offset += sum(len(c.key_points) for c in cards[number - 1 :])
            break
        if not text.strip():
            aloud += 1
        else:
            typed += 1
            texts.append(f"{card.prompt}\n{text.strip()}")
            turns.append((card.prompt, text.strip()))
            feedback = asker.coach.review(Answer(text.strip()), card)
            if feedback is not None:
                coach_view.feedback_panel(console, card, feedback)
                covered += [offset + i for i in feedback.covered]
        offset += len(card.key_points)
    return FollowUps(
        "\n\n".join(texts), tuple(covered), tuple(turns), offset, typed, aloud, skipped,
        interrupted,
    )  # fmt: skip


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
    # The follow-ups here are judged by the offline coach; the AI interviewer grades a
    # coding card solved with `:code` in a drill, so it is neither loaded nor mentioned here.
    coach = make_coach(library, DrillRequest(mode="technical", ai=False))
    if submit_now:
        opening = code.open_workspace(exercise, restart=False)
        if opening.kind == "new":
            path = whole(str(opening.path))
            say(console, f"Created {path}; write your solution there, then submit again.")
            return ExitCode.OK
        if opening.kind == "kept":
            code_view.untimed(console, exercise.id)
        sitting = submit(
            exercise, opening.path, opening.workspace, console, python=python,
            asker=answer_asker(console, coach), cards=library,
        )  # fmt: skip
    else:
        sitting = sit(exercise, console, python=python, coach=coach, cards=library)
    if sitting.result is None:
        return ExitCode.OK
    follow = sitting.follow
    interrupted = follow.interrupted
    rating = None
    if not interrupted:
        try:
            rating = rate(console)
        except KeyboardInterrupt:
            interrupted = True
    if interrupted:
        console.print()
        say(console, Text("Stopped: the submitted attempt is kept, unrated.", style="yellow"))
    attempt = code.attempt(
        exercise,
        sitting.result,
        ended=history.now(),
        seconds=sitting.seconds,
        answer=follow.answers,
        covered=follow.covered,
        key_points=follow.key_points,
        rating=rating,
        skipped=False if interrupted else None,
    )
    saver(state, paths.history_path(), console)(attempt)
    if interrupted:
        return ExitCode.INTERRUPTED
    console.print(Text(f"`nora code solution {exercise.id}` shows the reference.", style="dim"))
    return ExitCode.OK


class CardExercises:
    """The exercises behind a drill's coding cards: `:code` as the answer sits the exercise,
    and its follow-up answers become the card's answer, reviewed and rated as usual (the AI
    interviewer, when it is on, grades the code with them: `follow_up_turns`)."""

    def __init__(self, console: Console, coach: Coach, asker: BaseAsker | None = None) -> None:
        self.console = console
        self.coach = coach
        self.asker = asker  # the drill's own, so the follow-ups read like its cards
        self.exercises = code.by_card(code.exercises())
        self.turns: dict[str, tuple[tuple[str, str], ...]] = {}

    def offers(self, card: Card) -> bool:
        return card.id in self.exercises

    def follow_up_turns(self, card_id: str) -> tuple[tuple[str, str], ...]:
        """The questions asked after the card's code and the answers typed to them."""
        return self.turns.get(card_id, ())

    def solve(self, item: DrillCard) -> Answer:
        from nora_cli.decks.loader import load_library

        exercise = self.exercises[item.card.id]
        sitting = sit(
            exercise, self.console, python="", coach=self.coach, cards=load_library(),
            asker=self.asker,
        )  # fmt: skip
        if sitting.result is None:
            return Answer(action=Action.SKIP)
        if sitting.follow.interrupted:
            raise KeyboardInterrupt
        self.turns[item.card.id] = sitting.follow.turns
        return Answer(sitting.follow.answers, code=sitting.result)


def with_exercises(asker: TerminalAsker, console: Console) -> TerminalAsker:
    """A terminal drill's asker, offering each coding card's exercise."""
    asker.code = CardExercises(console, asker.coach, asker)
    return asker
