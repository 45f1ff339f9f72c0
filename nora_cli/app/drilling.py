"""Wire a drill together: the asker for this terminal, the engine, the history, the progress
cache and the summary."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.text import Text

from nora_cli.core.engine import Asker, DrillCard, SessionResult, run_session
from nora_cli.core.errors import ExitCode
from nora_cli.core.models import Mode
from nora_cli.core.summary import DrillSummary, stage_result, stage_results, summarize
from nora_cli.store import history, paths, progress
from nora_cli.store.history import Attempt
from nora_cli.store.progress import Progress
from nora_cli.ui import coach_view as render_coach
from nora_cli.ui import render
from nora_cli.ui.asker import Coach
from nora_cli.ui.askers import PlainAsker, TerminalAsker
from nora_cli.ui.render import make_console


@dataclass(frozen=True)
class DrillOutcome:
    result: SessionResult
    summary: DrillSummary
    code: ExitCode


def saver(state: Progress, path: Path, console: Console | None = None) -> Callable[[Attempt], None]:
    """Append an attempt, then (still under the history lock) fold it into the cache; say
    so on screen only once it is on disk."""

    def catch_up(_size: int) -> None:
        state.catch_up(path, lock=False)
        progress.save(state, path)

    def save(attempt: Attempt) -> None:
        history.append(attempt, path, after=catch_up)
        if console is not None:
            what = "skipped" if attempt.skipped else f"rated {attempt.rating}"
            console.print(Text(f"Saved: {attempt.card_id} {what}.", style="dim"))

    return save


class StagePrinter:
    """Prints a header when a mock-interview stage begins and a summary when it ends."""

    def __init__(self, console: Console) -> None:
        self.console = console

    def stage_started(self, stage: str, items: list[DrillCard]) -> None:
        render_coach.stage_header(self.console, stage, len(items), items[0].stage_minutes)
        self._planned = items

    def stage_finished(self, stage: str, attempts: list[Attempt]) -> None:
        result = stage_result(stage, attempts, len(self._planned), self._planned[0].stage_minutes)
        render_coach.stage_summary(self.console, result)


def run_drill(
    console: Console,
    mode: Mode,
    items: list[DrillCard],
    *,
    plain: bool,
    state: Progress,
    coach: Coach | None = None,
    cram: bool = False,
    notes: tuple[str, ...] = (),
) -> DrillOutcome:
    """Run the drill and print its summary."""
    path = paths.history_path()
    asker: Asker = PlainAsker(console, sys.stdin, coach) if plain else TerminalAsker(console, coach)
    render.drill_intro(console, mode, items, plain, notes)
    result = run_session(
        items,
        asker=asker,
        clock=history.now,
        save=saver(state, path, console),
        mode=mode.id,
        cram=cram,
        stages=StagePrinter(console) if any(i.stage for i in items) else None,
    )
    stopped, code = _ending(result, asker)
    summary = summarize(result.attempts, result.planned)
    render.drill_summary(console, summary, path, stopped=stopped)
    if any(i.stage for i in items):
        render_coach.stage_report(console, stage_results(result.attempts, items))
    if result.error:
        make_console(stderr=True).print(Text(f"error: {result.error.message}", style="bold red"))
    return DrillOutcome(result, summary, code)


def _ending(result: SessionResult, asker: Asker) -> tuple[str | None, ExitCode]:
    count = len(result.rated)
    saved = "1 rated card is saved" if count == 1 else f"{count} rated cards are saved"
    if result.error:
        return f"Stopped: the last answer could not be saved; {saved}.", result.error.exit_code
    if result.interrupted:
        return f"Stopped with Ctrl-C. {saved.capitalize()}.", ExitCode.INTERRUPTED
    if isinstance(asker, PlainAsker) and asker.input_ended:
        return f"Input ended. {saved.capitalize()}.", ExitCode.OK
    if result.quit:
        return f"You quit the drill. {saved.capitalize()}.", ExitCode.OK
    return None, ExitCode.OK
