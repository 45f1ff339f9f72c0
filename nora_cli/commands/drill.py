"""`nora drill MODE`: a timed session of cards."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from nora_cli.errors import ExitCode


def drill(
    mode: Annotated[
        str,
        typer.Argument(
            help="technical, behavioral, standard or salary (salary-negotiation); any case."
        ),
    ],
    count: Annotated[
        int | None,
        typer.Option("--count", "-n", min=1, max=200, help="How many cards to draw."),
    ] = None,
    category: Annotated[
        list[str] | None,
        typer.Option("--category", "-c", help="Only cards of this category (repeatable)."),
    ] = None,
    deck: Annotated[
        list[str] | None,
        typer.Option("--deck", "-d", help="Only cards of this deck id (repeatable)."),
    ] = None,
    time_limit: Annotated[
        int | None,
        typer.Option(
            "--time-limit", min=10, max=7200, help="Seconds per card, instead of each card's own."
        ),
    ] = None,
    seed: Annotated[
        int | None, typer.Option("--seed", help="Seed the draw so it can be repeated.")
    ] = None,
    plain: Annotated[
        bool,
        typer.Option("--plain", help="Line-based input for screen readers, pipes and scripts."),
    ] = False,
) -> None:
    """Run a timed drill of cards from one mode.

    Example: nora drill technical --count 5 --category "Classification Metrics"
    """
    from rich.console import Console

    from nora_cli import paths, render, selection
    from nora_cli.decks import load_library
    from nora_cli.drilling import run_drill

    library = load_library()
    chosen_mode = library.mode(mode)
    items = selection.choose(
        library,
        chosen_mode,
        count=count,
        categories=category or (),
        decks=deck or (),
        time_limit=time_limit,
        seed=seed,
    )
    console = Console(highlight=False)
    render.lines(Console(stderr=True), library.warnings, style="yellow")
    use_plain = plain or not sys.stdin.isatty()
    paths.ensure_data_dir()
    code = run_drill(console, chosen_mode, items, plain=use_plain)
    if code != ExitCode.OK:
        raise typer.Exit(int(code))
