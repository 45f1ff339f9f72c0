"""`nora ai`: the optional AI interviewer (through the `llm` library)."""

from __future__ import annotations

from typing import Annotated

import typer

app = typer.Typer(
    help="The optional AI interviewer: a model, through the llm library, that grades answers "
    "and asks follow-ups. Off until ai.model is set; the offline coach is the default.",
    invoke_without_command=True,
)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print as JSON.")]


@app.callback()
def overview(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Show the interviewer's status (as `nora ai status` does).

    Example: nora ai
    """
    if ctx.invoked_subcommand is None:
        show_status(as_json)


@app.command("status")
def status(as_json: JsonOpt = False) -> None:
    """Say whether the interviewer is on, which model plays it, and whether it runs locally.

    Example: nora ai status
    """
    show_status(as_json)


def show_status(as_json: bool) -> None:
    import json

    from nora_cli.app import ai
    from nora_cli.store import config
    from nora_cli.ui.interviewer_view import labelled
    from nora_cli.ui.render import make_console

    state, _ = ai.status(config.load())
    if as_json:
        typer.echo(json.dumps(ai.status_record(state), indent=2))
        return
    labelled(make_console(), ai.describe(state))
