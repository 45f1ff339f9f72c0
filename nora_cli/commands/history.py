"""`nora history`: recent attempts."""

from __future__ import annotations

from typing import Annotated

import typer


def history(
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, help="How many recent attempts to show.")
    ] = 20,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the attempts as a JSON list, newest first.")
    ] = False,
) -> None:
    """List your most recent attempts, newest first.

    Example: nora history --limit 50
    """
    import json

    from nora_cli import history as store
    from nora_cli import paths, render
    from nora_cli.render import make_console

    path = paths.history_path()
    result = store.read(path)
    render.lines(make_console(stderr=True), result.warnings, style="yellow")
    recent = result.attempts[::-1][:limit]
    if as_json:
        typer.echo(json.dumps([a.to_record() for a in recent], ensure_ascii=False, indent=2))
        return
    console = make_console()
    if not recent:
        console.print("No attempts yet. Start with: nora drill technical")
        return
    render.history_table(console, recent)
    console.print(f"{len(result.attempts)} attempts in {path}")
