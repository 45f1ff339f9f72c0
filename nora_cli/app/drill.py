"""A drill, from the request to the summary: load the decks, choose the cards, explain the
choice, run the engine with the asker for this terminal, save each card as it is rated, and
show the summary."""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from nora_cli.app import signals
from nora_cli.app.state import load_decks, load_progress
from nora_cli.coach.coach import PROJECT_CATEGORY, STORY_CATEGORY, Coach
from nora_cli.core import engine, notebook
from nora_cli.core.engine import Asker, DrillCard, DrillResult
from nora_cli.core.errors import ExitCode, UsageError
from nora_cli.core.models import Library, Mode
from nora_cli.core.progress import Progress
from nora_cli.core.records import Attempt
from nora_cli.core.selection import Request, Selection, choose, request_pool
from nora_cli.core.summary import (
    DrillSummary,
    StageResult,
    stage_result,
    stage_results,
    summarize,
)
from nora_cli.store import config, history, paths
from nora_cli.store import notebook as notebook_store
from nora_cli.store import progress as progress_cache
from nora_cli.ui import coach_view, prose, render, summary_view
from nora_cli.ui.render import make_console

if TYPE_CHECKING:
    from nora_cli.app.ai_mock_interview import MockInterview
    from nora_cli.coach.interviewer import Interviewer


@dataclass(frozen=True)
class DrillRequest:
    """A drill as asked for: the mode, which cards (`cards.count` and `new_limit` unset mean
    the user's settings), the rules given (at most one is allowed), plain input, the walk."""

    mode: str
    cards: Request = field(default_factory=Request)
    rules: tuple[str, ...] = ()
    new_limit: int | None = None
    plain: bool = False
    walk: bool | None = None
    ai: bool = True  # False for --no-ai: the offline coach only, whatever ai.model says
    # True for a plan session, an explicit choice: new cards beyond the daily limit
    no_new_limit: bool = False


def start(
    request: DrillRequest, on_done: Callable[[DrillOutcome, Progress], None] | None = None
) -> ExitCode:
    if len(request.rules) > 1:
        raise UsageError("choose one of --due, --weak and --cram")
    rule = request.rules[0] if request.rules else "default"
    files, deck_ids = split_deck_arguments(request.cards.decks)
    library = load_decks(files, asked=deck_ids)
    mode = library.mode(request.mode)
    if request.cards.quick and not mode.stages:
        no_stages = f"{mode.name} mode has no stages; try `nora drill standard --quick`"
        raise UsageError(f"--quick shortens a mock interview, and {no_stages}")
    if files:
        # Decks given as files are drilled in the mode asked for, whatever modes they list.
        given = tuple(d.id for d in library.decks.values() if Path(d.source).resolve() in files)
        mode = replace(mode, decks=mode.decks + tuple(d for d in given if d not in mode.decks))
        deck_ids += given
        request = replace(request, cards=replace(request.cards, decks=deck_ids))
    settings = config.load()
    daily = settings.new_cards_per_day if request.new_limit is None else request.new_limit
    new_limit = None if request.no_new_limit else daily
    paths.ensure_data_dir()
    history.check_writable(paths.history_path())
    state = load_progress()
    console = make_console()
    render.deck_warnings(make_console(stderr=True), library.warnings)
    plain = request.plain or settings.plain or not interactive_terminal()
    wanted = replace(
        request.cards,
        count=request.cards.count or settings.default_count,
        new_limit=new_limit,
        time_scale=settings.time_limit_scale,
    )

    def pick(which: str) -> Selection:
        now = datetime.now().astimezone()
        return choose(library, mode, replace(wanted, rule=which), progress=state, now=now)

    selection = pick(rule)
    next_due = _next_due(library, mode, wanted, state) if selection.nothing_due else None
    asked = 0 if mode.stages else wanted.count or mode.default_count
    remarks = _remarks(selection, next_due, asked)
    if not state.memory.cards and rule == "default":
        first = "Your first drill: every card is new. Each rating schedules its next review."
        remarks = (first, *remarks[1:])  # instead of "nothing is due"
    if rule == "due" and not selection.items:
        prose.say(console, Text(render.nothing_due(mode.name, next_due), "bold"))
        if plain or not _offer_new_and_weak():
            prose.say(console, f"Run `nora drill {mode.id}` for new cards and your weakest areas.")
            return ExitCode.OK
        selection = pick("default")
        remarks = _remarks(selection, next_due, asked)
    if rule == "weak" and not selection.items:
        console.print("No weak areas yet: practise first, then --weak drills where you struggle.")
        return ExitCode.OK
    if not selection.items:
        prose.say(console, _empty_message(selection, asked))
        return ExitCode.OK
    coach = make_coach(library, request, settings)
    if mode.stages and request.cards.count:
        remarks += (f"{mode.name} mode runs its stages; --count is ignored (--quick is shorter).",)
    if mode.stages and request.new_limit is not None:
        remarks += (f"{mode.name} mode gives each stage its cards, new or not: --new is ignored.",)
    if any(i.card.category == PROJECT_CATEGORY for i in selection.items) and not coach.projects:
        remarks += (
            "Deep-dive questions are about your own project: record one with `nora projects "
            "add` and nora will ask about it and show your notes at each reveal.",
        )
    if any(i.card.category == STORY_CATEGORY for i in selection.items) and not coach.stories:
        remarks += (
            "Behavioral questions go better with a story bank: record your stories with `nora "
            "stories add`, and at a terminal nora lets you pick one before each question.",
        )
    outcome = run_drill(
        console,
        mode,
        selection.items,
        plain=plain,
        state=state,
        coach=coach,
        cram=rule == "cram",
        remarks=remarks,
    )
    if on_done:
        on_done(outcome, state)
    return outcome.code


def interactive_terminal() -> bool:
    """A terminal that can run the live prompts: stdin and stdout are ttys and TERM can
    move the cursor (a dumb terminal gets plain mode)."""
    import os

    dumb = os.environ.get("TERM", "") in {"dumb", "unknown"}
    return sys.stdin.isatty() and sys.stdout.isatty() and not dumb


def make_coach(
    library: Library, request: DrillRequest, settings: config.Config | None = None
) -> Coach:
    """The coach for a drill; `settings` are the user's, read here when not given."""
    from nora_cli.app.state import deck_knowledge

    knowledge = deck_knowledge(library)  # warmed up once the first card is shown
    stories = notebook_store.read(notebook.STORY)
    projects = notebook_store.read(notebook.PROJECT)
    errors = make_console(stderr=True)
    render.damage_summary(errors, stories.warnings, "your stories", "nora stories list")
    render.damage_summary(errors, projects.warnings, "your projects", "nora projects list")
    # Typed input on a terminal gets the extra steps (story pick, design walk); a script
    # piping answers keeps the plain three-step protocol unless it asks for the walk.
    interactive = sys.stdin.isatty()
    return Coach(
        stories=list(stories.notes.values()),
        projects=list(projects.notes.values()),
        walk=interactive if request.walk is None else request.walk,
        interactive=interactive,
        rng=random.Random(request.cards.seed),
        knowledge=knowledge,
        interviewer=_interviewer(request, settings or config.load()),
    )


def _interviewer(request: DrillRequest, settings: config.Config) -> Interviewer | None:
    """The AI interviewer when one is configured; its modules are loaded only then, so an
    offline drill does not pay for them before its first card."""
    if not settings.ai_model:
        return None
    from nora_cli.app import ai

    return ai.open_for_drill(settings, allowed=request.ai)


def _next_due(library: Library, mode: Mode, cards: Request, state: Progress) -> datetime | None:
    """When the first card of this drill's pool falls due for review (None: none is
    scheduled)."""
    pool = request_pool(library, mode, cards)
    return min((d for d in map(state.memory.due, (c.id for c in pool)) if d), default=None)


def _remarks(
    selection: Selection, next_due: datetime | None = None, asked: int = 0
) -> tuple[str, ...]:
    if selection.rule != "default":
        return ()
    remarks = []
    if selection.nothing_due:
        remarks.append(
            f"{render.nothing_due('', next_due)} This drill is new cards and your weakest areas."
        )
    elif selection.due_count > len(selection.items):
        remarks.append(
            f"{selection.due_count} cards are due; this drill takes the most overdue first."
        )
    drawn = len(selection.items)
    limit = selection.new_limit
    if drawn and drawn < asked:
        short = f"{prose.counted(drawn, 'card')} of the {asked} asked for"
        if selection.new_held_back:
            remarks.append(
                f"{short}: the rest would be new cards, beyond today's limit of {limit}. "
                f"{selection.raise_limit(asked - drawn)}"
            )
        else:
            remarks.append(f"{short}: no other card matches.")
    elif selection.new_allowance == 0 and selection.new_held_back:
        remarks.append(
            f"You have met today's limit of {limit} new cards. {selection.raise_limit(asked)}"
        )
    return tuple(remarks)


def _empty_message(selection: Selection, asked: int) -> str:
    return (
        f"No cards to draw: nothing is due, today's limit of {selection.new_limit} new cards is "
        f"reached and there is no weak area yet. {selection.raise_limit(asked)} Or add `--cram`."
    )


def _offer_new_and_weak() -> bool:
    from nora_cli.ui.prompts import confirm

    return confirm("Practise new cards and your weakest areas instead?", default=True)


def split_deck_arguments(values: tuple[str, ...]) -> tuple[list[Path], tuple[str, ...]]:
    """`--deck` takes a deck id or a deck file: split them, checking that files exist."""
    files: list[Path] = []
    ids: list[str] = []
    for value in values:
        if value.endswith((".yaml", ".yml")) or "/" in value:
            path = Path(value).expanduser()
            if not path.is_file():
                raise UsageError(f"deck file {value} does not exist")
            files.append(path.resolve())
        else:
            ids.append(value)
    return files, tuple(ids)


@dataclass(frozen=True)
class DrillOutcome:
    result: DrillResult
    summary: DrillSummary
    code: ExitCode


def saver(state: Progress, path: Path, console: Console | None = None) -> Callable[[Attempt], None]:
    """Append an attempt, then (still under the history lock) fold it and anything another
    nora appended into the progress in memory; say so on screen only once it is on disk.

    The cache file is written when the drill ends, not at every card: the history is the
    journal of the derived state, so a drill that dies is caught up from its tail next time."""
    catch_up = _catching_up(state, path)

    def save(attempt: Attempt) -> None:
        history.append(attempt, path, after=catch_up)
        if console is not None:
            what = f"rated {attempt.rating}" if attempt.rating else "unrated"
            what = "skipped" if attempt.skipped else what
            prose.say(console, Text(f"Saved: {attempt.card_id} {what}.", style="dim"))

    return save


def _catching_up(state: Progress, path: Path) -> Callable[[int], None]:
    """What runs under the history lock after an append: the progress folds the new tail."""

    def catch_up(_size: int) -> None:
        progress_cache.catch_up(state, path, lock=False)

    return catch_up


class StagePrinter:
    """Prints a header when a mock-interview stage begins and a summary when it ends; with
    the AI interviewer on, it has its word between the two."""

    def __init__(self, console: Console, interviewer: MockInterview | None = None) -> None:
        self.console = console
        self.interviewer = interviewer
        self._ended: tuple[StageResult, list[Attempt]] | None = None

    def stage_started(self, stage: str, items: list[DrillCard]) -> None:
        if self.interviewer is not None and self._ended is not None:
            self.interviewer.between(*self._ended, stage, len(items))
        self._ended = None
        coach_view.stage_header(self.console, stage, len(items), items[0].stage_minutes)
        self._planned = items

    def stage_finished(self, stage: str, attempts: list[Attempt]) -> None:
        result = stage_result(stage, attempts, len(self._planned), self._planned[0].stage_minutes)
        coach_view.stage_summary(self.console, result)
        self._ended = (result, attempts)


def run_drill(
    console: Console,
    mode: Mode,
    items: list[DrillCard],
    *,
    plain: bool,
    state: Progress,
    coach: Coach | None = None,
    cram: bool = False,
    remarks: tuple[str, ...] = (),
) -> DrillOutcome:
    """Run the drill and print its summary."""
    from nora_cli.app.code_session import with_exercises
    from nora_cli.ui.plain_asker import PlainAsker
    from nora_cli.ui.terminal_asker import TerminalAsker

    path = paths.history_path()
    asker: Asker = (
        PlainAsker(console, sys.stdin, coach)
        if plain
        else with_exercises(TerminalAsker(console, coach), console)  # `:code` on coding cards
    )
    render.drill_intro(console, mode, items, plain, remarks)
    mock = None
    if coach is not None and coach.interviewer is not None:
        from nora_cli.app import ai_mock_interview

        mock = ai_mock_interview.for_drill(console, coach, items)
    with signals.hang_up_as_interrupt():
        result = engine.run(
            items,
            asker=asker,
            clock=history.now,
            save=saver(state, path, console),
            mode=mode.id,
            cram=cram,
            stages=StagePrinter(console, mock) if any(i.stage for i in items) else None,
        )
    stopped, code = _ending(result)
    summary = summarize(result.attempts, result.planned, items)
    summary_view.drill_summary(console, summary, path, stopped=stopped)
    if any(i.stage for i in items):
        coach_view.stage_report(console, stage_results(result.attempts, items))
    if mock is not None:
        catch_up = _catching_up(state, path)
        mock.finish(
            result.attempts,
            result.drill_id,
            mode.id,
            save=lambda record: history.append(record, path, after=catch_up),
            interrupted=result.interrupted,
        )
    progress_cache.save(state, path)  # after the debrief's record, so it is folded in too
    if result.error:
        make_console(stderr=True).print(Text(f"error: {result.error.message}", style="bold red"))
    return DrillOutcome(result, summary, code)


def _ending(result: DrillResult) -> tuple[str | None, ExitCode]:
    count = len(result.rated)
    saved = (
        "no card was rated"
        if count == 0
        else "1 rated card is saved"
        if count == 1
        else f"{count} rated cards are saved"
    )
    if result.error:
        return f"Stopped: the last answer could not be saved; {saved}.", result.error.exit_code
    if result.interrupted:
        return f"Stopped with Ctrl-C. {saved.capitalize()}.", ExitCode.INTERRUPTED
    if result.input_ended:
        return f"Input ended. {saved.capitalize()}.", ExitCode.OK
    if result.quit:
        return f"You quit the drill. {saved.capitalize()}.", ExitCode.OK
    return None, ExitCode.OK
