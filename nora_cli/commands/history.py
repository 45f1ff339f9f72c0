"""`nora history`: recent attempts, exporting them, and the mock interviews' debriefs."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from nora_cli.commands.bounds import within
from nora_cli.core.wording import counted

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
    from nora_cli.ui.prose import say, whole
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
        say(console, f"No attempts yet. Start with: {whole('nora drill technical')}")
        return
    render.history_table(console, recent)
    count = sum(day.attempts + day.skipped + day.unrated for day in state.days.values())
    say(console, f"{counted(count, 'attempt')} in {whole(str(path))}")


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
    force: Annotated[
        bool, typer.Option("--force", help="Replace the output file if it exists.")
    ] = False,
) -> None:
    """Export every attempt, oldest first, to CSV or JSON.

    Example: nora history export -o attempts.csv
    """
    from nora_cli.app.history_export import export_history
    from nora_cli.ui.prose import say, whole
    from nora_cli.ui.render import lines, make_console

    exported = export_history(fmt is HistoryFormat.csv, output, force=force)
    errors = make_console(stderr=True)
    lines(errors, exported.warnings, style="yellow")
    if output is not None:
        say(errors, f"Wrote {counted(exported.count, 'attempt')} to {whole(str(output))}")


@app.command("debrief")
def debrief(
    drill: Annotated[
        str,
        typer.Argument(
            metavar="[DRILL_ID]",
            help="The mock interview's drill id, or its first characters (default: the last).",
            show_default=False,
        ),
    ] = "",
    limit: Annotated[
        int,
        typer.Option(
            "--limit", "-n", callback=within(1), metavar="N", help="How many debriefs to show."
        ),
    ] = 1,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the debriefs as a JSON list, newest first.")
    ] = False,
) -> None:
    """Show the AI interviewer's debrief of your last mock interview, as it was saved, with
    what it said between stages and how long you waited on the model.

    Example: nora history debrief --limit 3
    """
    import json

    from nora_cli.core.errors import UsageError
    from nora_cli.store import history as store
    from nora_cli.store import paths
    from nora_cli.ui import interviewer_view as view
    from nora_cli.ui.prose import say
    from nora_cli.ui.render import make_console

    drill = drill.strip()
    found = store.debriefs(paths.history_path(), limit, drill)
    if drill and not found:
        raise UsageError(
            f"no debrief of drill '{drill}' (`nora history debrief -n 10` shows the last ten)"
        )
    if as_json:
        typer.echo(json.dumps([d.to_record() for d in found], ensure_ascii=False, indent=2))
        return
    console = make_console()
    if not found:
        say(
            console,
            "No debrief yet. With the AI interviewer on (`nora ai status`), "
            "`nora drill standard` ends with one and saves it here.",
        )
        return
    for record in found:
        view.saved_debrief(console, record)
