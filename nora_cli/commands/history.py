"""`nora history`: recent attempts, and exporting them."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from nora_cli.commands.bounds import within

app = typer.Typer(
    help="Your recent attempts; `nora history export` writes them all to CSV or JSON.",
    invoke_without_command=True,
)


@app.callback()
def history(
    ctx: typer.Context,
    limit: Annotated[
        int,
        typer.Option(
            "--limit",
            "-n",
            callback=within(1),
            metavar="N",
            help="How many recent attempts to show.",
        ),
    ] = 20,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the attempts as a JSON list, newest first.")
    ] = False,
) -> None:
    """List your most recent attempts, newest first.

    Example: nora history --limit 50
    """
    if ctx.invoked_subcommand is not None:
        return
    import json

    from nora_cli.store import history as store
    from nora_cli.store import paths
    from nora_cli.store import progress as progress_cache
    from nora_cli.ui import render
    from nora_cli.ui.render import make_console

    path = paths.history_path()
    state = progress_cache.load(path)  # its warnings name every damaged line, in order
    render.lines(make_console(stderr=True), [*state.notices, *state.shown_warnings], "yellow")
    recent = store.recent(path, limit)
    if as_json:
        typer.echo(json.dumps([a.to_record() for a in recent], ensure_ascii=False, indent=2))
        return
    console = make_console()
    if not recent:
        console.print("No attempts yet. Start with: nora drill technical")
        return
    render.history_table(console, recent)
    count = sum(day.attempts + day.skipped for day in state.days.values())
    console.print(f"{count} attempt{'s' * (count != 1)} in {path}")


class HistoryFormat(StrEnum):
    csv = "csv"
    json = "json"


@app.command("export")
def export(
    fmt: Annotated[
        HistoryFormat,
        typer.Option("--format", "-f", metavar="FORMAT", help="csv (the default) or json."),
    ] = HistoryFormat.csv,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write to this file instead of the screen."
        ),
    ] = None,
) -> None:
    """Export every attempt, oldest first, to CSV or JSON.

    Example: nora history export --format csv -o attempts.csv
    """
    from nora_cli.interchange import export as exporting
    from nora_cli.store import history as store
    from nora_cli.store import paths
    from nora_cli.store.atomic import write_atomic
    from nora_cli.ui.render import lines, make_console

    result = store.read(paths.history_path())
    lines(make_console(stderr=True), result.all_warnings, style="yellow")
    if fmt is HistoryFormat.csv:
        text = exporting.export_history_csv(result.attempts)
    else:
        text = exporting.export_history_json(result.attempts)
    if output is None:
        typer.echo(text, nl=False)
        return
    write_atomic(output, text.encode("utf-8"))
    count = len(result.attempts)
    make_console(stderr=True).print(f"Wrote {count} attempt{'s' * (count != 1)} to {output}")
