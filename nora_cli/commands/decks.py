"""`nora decks`: list the decks, and validate deck files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    help="List the question decks, or validate deck files.",
    invoke_without_command=True,
    no_args_is_help=False,
)


@app.callback()
def list_decks(
    ctx: typer.Context,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the decks as a JSON list.")
    ] = False,
) -> None:
    """List every deck: id, title, modes, number of cards and categories.

    Example: nora decks
    """
    if ctx.invoked_subcommand is not None:
        return
    import json

    from rich.console import Console

    from nora_cli import render
    from nora_cli.decks import load_library

    library = load_library()
    render.lines(Console(stderr=True), library.warnings, style="yellow")
    if as_json:
        rows = [
            {
                "id": deck.id,
                "title": deck.title,
                "modes": library.modes_of(deck.id),
                "cards": len(deck.cards),
                "categories": list(deck.categories),
            }
            for deck in library.decks.values()
        ]
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    render.decks_table(Console(highlight=False), library)


@app.command("validate")
def validate(
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="Deck or mode YAML files; the shipped ones when none are given."),
    ] = None,
) -> None:
    """Check deck and mode files and report every problem with its file and line.

    Exits 2 when any problem is found, 0 otherwise. Example: nora decks validate my-deck.yaml
    """
    from rich.console import Console

    from nora_cli import render
    from nora_cli.decks import validate as check

    report = check(list(files or []))
    console = Console(highlight=False)
    render.lines(console, [f"error: {p}" for p in report.problems], style="red")
    render.lines(console, [f"warning: {w}" for w in report.warnings], style="yellow")
    if report.problems:
        console.print(f"{len(report.problems)} problems, {len(report.warnings)} warnings.")
        raise typer.Exit(2)
    console.print(f"OK: no problems, {len(report.warnings)} warnings.")
