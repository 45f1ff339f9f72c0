"""From a drill request to a finished drill: load, choose, explain the choice, run."""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from rich.text import Text

from nora_cli.app.drilling import DrillOutcome, run_drill
from nora_cli.core.errors import ExitCode, UsageError
from nora_cli.core.models import Library, Mode
from nora_cli.core.selection import Selection, choose
from nora_cli.decks.loader import load_library
from nora_cli.store import config, paths, progress
from nora_cli.store import notebook as notes_store
from nora_cli.store.progress import Progress
from nora_cli.ui import render
from nora_cli.ui.asker import PROJECT_CATEGORY, Coach
from nora_cli.ui.render import make_console


@dataclass(frozen=True)
class DrillRequest:
    mode: str
    count: int | None = None
    categories: tuple[str, ...] = ()
    decks: tuple[str, ...] = ()
    tracks: tuple[str, ...] = ()
    time_limit: int | None = None
    seed: int | None = None
    plain: bool = False
    rules: tuple[str, ...] = ()
    new_limit: int | None = None
    quick: bool = False
    walk: bool | None = None


def start(
    request: DrillRequest, on_done: Callable[[DrillOutcome, Progress], None] | None = None
) -> ExitCode:
    if len(request.rules) > 1:
        raise UsageError("choose one of --due, --weak and --cram")
    rule = request.rules[0] if request.rules else "default"
    files, deck_ids = split_deck_arguments(request.decks)
    library = load_library(files)
    mode = library.mode(request.mode)
    if files:
        # Decks given as files are drilled in the mode asked for, whatever modes they list.
        given = tuple(d.id for d in library.decks.values() if Path(d.source).resolve() in files)
        mode = replace(mode, decks=mode.decks + tuple(d for d in given if d not in mode.decks))
        deck_ids += given
        request = replace(request, decks=deck_ids)
    settings = config.load()
    new_limit = settings.new_cards_per_day if request.new_limit is None else request.new_limit
    paths.ensure_data_dir()
    state = progress.load(paths.history_path())
    console = make_console()
    errors = make_console(stderr=True)
    render.deck_warnings(errors, library.warnings)
    if state.warnings:
        errors.print(
            Text(
                f"{len(state.warnings)} damaged lines in the history were skipped "
                "(`nora history` lists them).",
                style="yellow",
            )
        )
    plain = request.plain or settings.plain or not interactive_terminal()

    def pick(which: str) -> Selection:
        return choose(
            library,
            mode,
            progress=state,
            now=datetime.now().astimezone(),
            count=request.count or settings.default_count,
            categories=request.categories,
            decks=request.decks,
            tracks=request.tracks,
            time_limit=request.time_limit,
            seed=request.seed,
            rule=which,
            new_limit=new_limit,
            quick=request.quick,
            time_scale=settings.time_limit_scale,
        )

    selection = pick(rule)
    notes = _notes(selection, new_limit)
    if not state.memory.cards and rule == "default":
        notes = ("Your first drill: every card is new. Each rating schedules its next review.",)
    if rule == "due" and not selection.items:
        console.print(Text(f"Nothing is due for review in {mode.name} mode right now.", "bold"))
        if plain or not _offer_new_and_weak():
            console.print(f"Run `nora drill {mode.id}` for new cards and your weakest areas.")
            return ExitCode.OK
        selection = pick("default")
        notes = _notes(selection, new_limit)
    if rule == "weak" and not selection.items:
        console.print("No weak areas yet: practise first, then --weak drills where you struggle.")
        return ExitCode.OK
    if not selection.items:
        console.print(_empty_message(new_limit, mode))
        return ExitCode.OK
    coach = make_coach(library, request)
    if mode.stages and request.count:
        notes += (f"{mode.name} mode runs its stages; --count is ignored (--quick is shorter).",)
    if any(i.card.category == PROJECT_CATEGORY for i in selection.items) and not coach.projects:
        notes += (
            "Deep-dive questions are about your own project: record one with `nora projects "
            "add` and nora will ask about it and show your notes at each reveal.",
        )
    outcome = run_drill(
        console,
        mode,
        selection.items,
        plain=plain,
        state=state,
        coach=coach,
        cram=rule == "cram",
        notes=notes,
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


def make_coach(library: Library, request: DrillRequest) -> Coach:
    from nora_cli.coach.feedback import category_vocabulary

    vocabularies: dict[str, tuple[str, ...]] = {}

    def vocabulary(category: str) -> tuple[str, ...]:
        if category not in vocabularies:
            vocabularies[category] = tuple(category_vocabulary(library.cards, category))
        return vocabularies[category]

    stories = notes_store.read(notes_store.STORY)
    projects = notes_store.read(notes_store.PROJECT)
    # Typed input on a terminal gets the extra steps (story pick, design walk); a script
    # piping answers keeps the plain three-step protocol unless it asks for the walk.
    interactive = sys.stdin.isatty()
    return Coach(
        stories=list(stories.notes.values()),
        projects=list(projects.notes.values()),
        walk=interactive if request.walk is None else request.walk,
        interactive=interactive,
        rng=random.Random(request.seed),
        vocabulary=vocabulary,
    )


def _notes(selection: Selection, new_limit: int) -> tuple[str, ...]:
    if selection.rule != "default":
        return ()
    notes = []
    if selection.nothing_due:
        notes.append(
            "Nothing is due for review right now, so this drill is new cards and your "
            "weakest areas."
        )
    elif selection.due_count > len(selection.items):
        notes.append(
            f"{selection.due_count} cards are due; this drill takes the most overdue first."
        )
    if selection.new_allowance == 0:
        notes.append(
            f"You have met today's limit of {new_limit} new cards (raise it with --new N)."
        )
    return tuple(notes)


def _empty_message(new_limit: int, mode: Mode) -> str:
    return (
        f"No cards to draw: nothing is due, today's {new_limit} new cards are done and there is "
        f"no weak area yet. Try `nora drill {mode.id} --new 5` or `--cram`."
    )


def _offer_new_and_weak() -> bool:
    import questionary

    answer = questionary.confirm("Practise new cards and your weakest areas instead?").unsafe_ask()
    return bool(answer)


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
