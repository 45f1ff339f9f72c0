"""`nora decks`: list the decks, validate deck files, start, import and export a deck, and
print the deck format's schema."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from nora_cli.commands import complete

app = typer.Typer(
    help="List, check, create, import and export question decks, and print their schema.",
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

    from nora_cli.app.state import load_decks
    from nora_cli.ui import render
    from nora_cli.ui.render import make_console

    library = load_decks()
    render.deck_warnings(make_console(stderr=True), library.warnings)
    if as_json:
        rows = [
            {
                "id": deck.id,
                "title": deck.title,
                "modes": library.modes_of(deck.id),
                "cards": len(deck.cards),
                "categories": list(deck.categories),
                "origin": deck.origin,
                "source": deck.source,
            }
            for deck in library.decks.values()
        ]
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    console = make_console()
    render.decks_table(console, library)
    render.lines(console, library.replacements, style="yellow")


@app.command("validate")
def validate(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="FILE...",
            help="Deck or mode YAML files, also checked against the library for clashing ids; "
            "without files, the shipped ones and every file in your decks folder.",
        ),
    ] = None,
) -> None:
    """Check deck and mode files and report every problem with its file and line.

    Exits 2 when any problem is found, 1 when a file named does not exist, 0 otherwise.

    Example: nora decks validate my-deck.yaml
    """
    from nora_cli.core.errors import UsageError
    from nora_cli.core.wording import counted
    from nora_cli.decks.loader import validate as check
    from nora_cli.ui import render
    from nora_cli.ui.render import make_console

    for path in files or []:
        if not path.expanduser().exists():
            raise UsageError(f"deck file {path} does not exist")
    report = check([path.expanduser() for path in files or []])
    console = make_console()
    render.lines(console, [f"error: {p}" for p in report.problems], style="red")
    render.lines(console, [f"warning: {w}" for w in report.warnings], style="yellow")
    warnings = counted(len(report.warnings), "warning")
    if report.problems:
        console.print(f"{counted(len(report.problems), 'problem')}, {warnings}.")
        raise typer.Exit(2)
    console.print(f"OK: no problems, {warnings}.")


@app.command("new")
def new(
    name: Annotated[
        str, typer.Argument(metavar="ID", help="The new deck's id, e.g. my-startup-loop.")
    ],
) -> None:
    """Write a commented starter deck to your decks folder, ready to edit.

    Example: nora decks new my-startup-loop
    """
    from nora_cli.app.decks import new_deck

    new_deck(name)


@app.command("schema")
def schema(
    kind: Annotated[
        str, typer.Option("--kind", metavar="KIND", help="deck or mode: which schema to print.")
    ] = "deck",
) -> None:
    """Print the JSON Schema of the deck (or mode) format, for editors and CI.

    Example: nora decks schema > nora-deck.schema.json
    """
    import json

    from nora_cli.core.errors import UsageError
    from nora_cli.decks.schema import deck_schema, mode_schema

    if kind not in ("deck", "mode"):
        raise UsageError("--kind is deck or mode")
    typer.echo(json.dumps(deck_schema() if kind == "deck" else mode_schema(), indent=2))


class ExportFormat(StrEnum):
    anki = "anki"
    markdown = "markdown"
    csv = "csv"


@app.command("import")
def import_(
    source: Annotated[
        Path, typer.Argument(metavar="FILE", help="A Markdown question bank, or a CSV/TSV file.")
    ],
    deck_id: Annotated[
        str | None,
        typer.Option("--id", metavar="ID", help="The new deck's id (default: from the file name)."),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", metavar="TEXT", help="The deck's title.")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Where to write the deck YAML."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing deck file.")] = False,
    verbose: Annotated[
        bool,
        typer.Option("--verbose", "-v", help="List every block of the file that was dropped."),
    ] = False,
) -> None:
    """Import a Markdown question bank or a CSV/TSV/Anki text export as a deck of yours.

    Example: nora decks import bank.md --id ml-bank
    """
    from nora_cli.app.decks import import_deck

    import_deck(source, deck_id=deck_id, title=title, output=output, force=force, verbose=verbose)


@app.command("export")
def export(
    deck: Annotated[
        str, typer.Argument(metavar="DECK", help="The deck id.", autocompletion=complete.decks)
    ],
    fmt: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", metavar="FORMAT", help="anki (.apkg), markdown or csv."),
    ] = ExportFormat.markdown,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Output file (markdown and csv print otherwise)."
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the output file if it exists.")
    ] = False,
) -> None:
    """Export a deck to Anki, a Markdown study sheet or CSV.

    Example: nora decks export statistics -f anki
    """
    from nora_cli.app.decks import export_deck

    export_deck(deck, fmt.value, output, force=force)
