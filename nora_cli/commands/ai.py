"""`nora ai`: the optional AI interviewer (through the `llm` library)."""

from __future__ import annotations

from typing import Annotated

import typer

app = typer.Typer(
    help="The optional AI interviewer: a model, through the llm library, that grades answers "
    "and asks follow-ups. Off until ai.model is set; the offline coach is the default.",
    no_args_is_help=True,
)


@app.command("status")
def status(as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False) -> None:
    """Say whether the interviewer is on, which model plays it, and whether it runs locally.

    Example: nora ai status
    """
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
