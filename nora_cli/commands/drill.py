"""`nora drill MODE`: a timed session of cards."""

from __future__ import annotations

from typing import Annotated

import typer

from nora_cli.commands import complete, usage
from nora_cli.commands.bounds import within
from nora_cli.core.errors import ExitCode
from nora_cli.core.models import TIME_LIMIT_MAX, TIME_LIMIT_MIN


def known_mode(value: str) -> str:
    """The mode as given, once it names a mode or one of its aliases; a mistyped one is a
    usage error whose hint names the closest."""
    from nora_cli.core.errors import NoraError
    from nora_cli.decks.loader import load_library

    try:
        library = load_library()
    except NoraError:
        return value  # the drill reports what is wrong with the decks
    names = [name for mode in library.modes.values() for name in (mode.id, *mode.aliases)]
    if value.strip().lower() in names:
        return value
    raise usage.UnknownName(value, sorted(library.modes), names)


ModeArg = Annotated[
    str,
    typer.Argument(
        metavar="MODE",
        help="technical, behavioral, standard or salary (salary-negotiation); any case.",
        autocompletion=complete.modes,
        callback=known_mode,
    ),
]
CountOpt = Annotated[
    int | None,
    typer.Option(
        "--count",
        "-n",
        callback=within(1, 200),
        metavar="N",
        help="How many cards to draw, 1 to 200.",
    ),
]
CategoryOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--category",
        "-c",
        metavar="CATEGORY",
        help="Only cards of this category (repeatable).",
        autocompletion=complete.categories,
    ),
]
DeckOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--deck",
        "-d",
        metavar="DECK",
        help="Only cards of this deck (an id, or a deck file to load; repeatable).",
        autocompletion=complete.decks,
    ),
]
TrackOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--track",
        "-t",
        metavar="TAG",
        help="Only cards tagged for a company or role, e.g. meta or platform (repeatable).",
    ),
]
TimeOpt = Annotated[
    int | None,
    typer.Option(
        "--time-limit",
        callback=within(TIME_LIMIT_MIN, TIME_LIMIT_MAX),
        metavar="SECONDS",
        help=f"Seconds per card, {TIME_LIMIT_MIN} to {TIME_LIMIT_MAX}, instead of each card's own.",
    ),
]
SeedOpt = Annotated[
    int | None, typer.Option("--seed", metavar="N", help="Seed the draw so it can be repeated.")
]
PlainOpt = Annotated[
    bool, typer.Option("--plain", help="Line-based input for screen readers, pipes and scripts.")
]


def drill(
    mode: ModeArg,
    count: CountOpt = None,
    category: CategoryOpt = None,
    deck: DeckOpt = None,
    track: TrackOpt = None,
    time_limit: TimeOpt = None,
    seed: SeedOpt = None,
    plain: PlainOpt = False,
    due: Annotated[bool, typer.Option("--due", help="Only cards due for review.")] = False,
    weak: Annotated[
        bool, typer.Option("--weak", help="Only cards from your weakest categories.")
    ] = False,
    cram: Annotated[
        bool,
        typer.Option("--cram", help="Practise any cards without changing their review schedule."),
    ] = False,
    quick: Annotated[
        bool,
        typer.Option(
            "--quick",
            help="A mock interview of about 25 minutes: one card a stage, shorter budgets "
            "(standard mode).",
        ),
    ] = False,
    walk: Annotated[
        bool | None,
        typer.Option(
            "--walk/--no-walk",
            help="Answer design cards step by step, with a curveball (default: on a terminal).",
        ),
    ] = None,
    no_ai: Annotated[
        bool,
        typer.Option("--no-ai", help="Only the offline coach this time, even with ai.model set."),
    ] = False,
    new: Annotated[
        int | None,
        typer.Option(
            "--new",
            callback=within(0, 500),
            metavar="N",
            help=(
                "New cards allowed today in all, 0 to 500 (default: new_cards_per_day in the "
                "config). Plan sessions and the mock interview are not held to it."
            ),
        ),
    ] = None,
) -> None:
    """Run a timed drill: due reviews first, then new cards, then your weakest areas.

    Example: nora drill technical --count 5 --category "Classification Metrics"
    """
    from nora_cli.app.drill import DrillRequest, start
    from nora_cli.core.selection import Request

    cards = Request(
        count=count,
        categories=tuple(category or ()),
        decks=tuple(deck or ()),
        tracks=tuple(track or ()),
        time_limit=time_limit,
        seed=seed,
        quick=quick,
    )
    rules = tuple(r for r, on in (("due", due), ("weak", weak), ("cram", cram)) if on)
    request = DrillRequest(
        mode, cards, rules=rules, new_limit=new, plain=plain, walk=walk, ai=not no_ai
    )
    code = start(request)
    if code != ExitCode.OK:
        raise typer.Exit(int(code))
