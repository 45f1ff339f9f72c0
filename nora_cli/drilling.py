"""Wire a drill together: the asker for this terminal, the engine, the history and the summary."""

from __future__ import annotations

import sys
from collections.abc import Callable

from rich.console import Console

from nora_cli import history, paths, render
from nora_cli.errors import ExitCode
from nora_cli.history import Attempt
from nora_cli.models import Mode
from nora_cli.prompting import PlainAsker, TerminalAsker
from nora_cli.session import Asker, DrillCard, SessionResult, run_session
from nora_cli.summary import summarize


def run_drill(
    console: Console,
    mode: Mode,
    items: list[DrillCard],
    *,
    plain: bool,
    on_saved: Callable[[Attempt], None] | None = None,
) -> ExitCode:
    """Run the drill and print its summary; returns the exit code for the CLI."""
    path = paths.history_path()

    def save(attempt: Attempt) -> None:
        history.append(attempt, path)
        if on_saved:
            on_saved(attempt)

    asker: Asker = PlainAsker(console, sys.stdin) if plain else TerminalAsker(console)
    render.drill_intro(console, mode, items, plain)
    result = run_session(items, asker=asker, clock=history.now, save=save, mode=mode.id)
    stopped, code = _ending(result, asker)
    render.drill_summary(console, summarize(result.attempts, result.planned), path, stopped=stopped)
    if result.error:
        Console(stderr=True).print(f"[bold red]error:[/] {result.error.message}", highlight=False)
    return code


def _ending(result: SessionResult, asker: Asker) -> tuple[str | None, ExitCode]:
    saved = len(result.rated)
    if result.error:
        return f"Stopped: the last answer could not be saved. {saved} earlier ones are.", (
            result.error.exit_code
        )
    if result.interrupted:
        return f"Stopped with Ctrl-C. {saved} rated cards are saved.", ExitCode.INTERRUPTED
    if isinstance(asker, PlainAsker) and asker.input_ended:
        return f"Input ended. {saved} rated cards are saved.", ExitCode.OK
    if result.quit:
        return f"You quit the drill. {saved} rated cards are saved.", ExitCode.OK
    return None, ExitCode.OK
