"""Everything nora draws on the terminal. Deck and user text is shown as text, never markup."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from nora_cli.core.textsafe import visible

if TYPE_CHECKING:
    from nora_cli.core.engine import Answer, DrillCard, Timing
    from nora_cli.core.models import Card, Library, Mode
    from nora_cli.core.progress import Progress
    from nora_cli.core.records import Attempt
    from nora_cli.core.summary import DrillSummary

RATING_NAMES = {1: "again", 2: "hard", 3: "good", 4: "easy"}
DIFFICULTY_NAMES = {1: "basic", 2: "intermediate", 3: "advanced"}


def make_console(*, stderr: bool = False) -> Console:
    """Every console nora prints to: with NO_COLOR (or --no-color) it writes no escape codes
    at all, not even bold, for dumb terminals, logs and screen readers."""
    import os

    plain = bool(os.environ.get("NO_COLOR"))
    return Console(stderr=stderr, highlight=False, color_system=None if plain else "auto")


def clock(seconds: float) -> str:
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def drill_intro(
    console: Console,
    mode: Mode,
    items: Sequence[DrillCard],
    plain: bool,
    remarks: Sequence[str] = (),
) -> None:
    minutes = sum(item.time_limit for item in items) / 60
    console.print(
        Text.assemble(
            (f"{mode.name} drill", "bold"),
            f": {len(items)} cards, about {minutes:.0f} min. ",
        )
    )
    for remark in remarks:
        console.print(Text(remark, style="yellow"))
    for tip in mode.tips:
        console.print(Text(f"  - {tip}", style="dim"))
    if plain:
        console.print(
            "Plain mode: type your answer and end it with an empty line (an empty first line "
            "means you answered aloud); then the key points you covered (e.g. 1,3 or all, empty "
            "for none); then a rating 1-4 (s skips, q quits)."
        )
    console.print()


def card_header(console: Console, item: DrillCard, position: int, total: int) -> None:
    card = item.card
    console.rule(Text(f"Card {position}/{total}", style="bold"), align="left")
    console.print(
        Text.assemble(
            (card.category, "cyan"),
            f" · {DIFFICULTY_NAMES.get(card.difficulty, card.difficulty)} · {card.kind}",
            f" · {clock(item.time_limit)} · picked: {item.reason}",
            style="dim",
        )
    )
    console.print()
    console.print(Text(card.prompt, style="bold"))
    console.print()


def timing_line(console: Console, timing: Timing) -> None:
    over = timing.overtime_seconds
    note = Text(f"Answered in {clock(timing.seconds)}")
    if over > 0:
        note.append(f" ({clock(over)} over the {clock(timing.time_limit)} limit)", "yellow")
    console.print(note)


def reveal(console: Console, card: Card, answer: Answer) -> None:
    from rich.panel import Panel

    console.print()
    if answer.aloud:
        console.print(Text("You answered aloud.", style="dim"))
    console.print(Text("Key points", style="bold underline"))
    for number, point in enumerate(card.key_points, start=1):
        console.print(Text.assemble(f" {number}. ", (point.text, "")))
    console.print()
    console.print(Panel(Text(card.answer), title="Model answer", title_align="left"))
    if card.follow_ups:
        console.print(Text("Follow-ups an interviewer may ask", style="bold"))
        for question in card.follow_ups:
            console.print(Text(f" - {question}"))
    console.print()


def drill_summary(
    console: Console, summary: DrillSummary, history: Path, *, stopped: str | None = None
) -> None:
    from rich.table import Table

    console.print()
    console.rule(Text("Drill summary", style="bold"), align="left")
    if stopped:
        console.print(Text(stopped, style="yellow"))
    table = Table.grid(padding=(0, 2))
    table.add_row("Cards rated", f"{summary.rated} of {summary.planned}")
    if summary.skipped:
        table.add_row("Skipped", str(summary.skipped))
    table.add_row("Time", clock(summary.seconds))
    if summary.key_points:
        table.add_row(
            "Key points covered",
            f"{summary.covered}/{summary.key_points} ({summary.coverage:.0%})",
        )
    if summary.ratings:
        table.add_row(
            "Ratings",
            ", ".join(f"{RATING_NAMES[r]} {n}" for r, n in summary.ratings.items()),
        )
    if summary.rated:
        table.add_row("Over time", f"{summary.overtime} of {summary.rated}")
    console.print(table)
    if summary.weakest:
        console.print(Text("Weakest this drill", style="bold"))
        for category in summary.weakest:
            console.print(
                Text(
                    f" - {category.category}: mean rating {category.mean_rating:.1f}, "
                    f"{category.coverage:.0%} of key points"
                )
            )
    console.print(Text(f"History saved in {history}", style="dim"))


def decks_table(console: Console, library: Library) -> None:
    from rich.table import Table

    table = Table(title="Decks", title_justify="left")
    for column in ("Deck", "Title", "Modes", "Cards", "Categories"):
        table.add_column(column, overflow="fold")
    for deck in library.decks.values():
        table.add_row(
            Text(deck.id + (" (yours)" if deck.origin == "yours" else "")),
            Text(deck.title),
            Text(", ".join(library.modes_of(deck.id)) or "-"),
            str(len(deck.cards)),
            Text("; ".join(deck.categories)),
        )
    console.print(table)
    total = sum(len(deck.cards) for deck in library.decks.values())
    console.print(f"{len(library.decks)} decks, {total} cards.")


def history_table(console: Console, attempts: Sequence[Attempt]) -> None:
    from rich.table import Table

    table = Table(title="Recent attempts", title_justify="left")
    for column in ("When (UTC)", "Mode", "Card", "Category", "Time", "Points", "Rating"):
        table.add_column(column, overflow="fold")
    for a in attempts:
        table.add_row(
            a.ended_at.strftime("%Y-%m-%d %H:%M"),
            Text(visible(a.mode)),
            Text(visible(a.card_id)),
            Text(visible(a.category)),
            clock(a.seconds) + (" +" if a.overtime else ""),
            "-" if a.skipped else f"{len(a.covered)}/{a.key_points_total}",
            "skipped" if a.skipped else f"{a.rating} {RATING_NAMES.get(a.rating or 0, '')}",
        )
    console.print(table)


def lines(console: Console, messages: Sequence[str], style: str = "") -> None:
    for message in messages:
        console.print(Text(message, style=style), soft_wrap=True)


def deck_warnings(console: Console, warnings: Sequence[str]) -> None:
    """A few warnings are shown; many (an imported deck waiting for its rubric) are counted."""
    if len(warnings) <= 3:
        lines(console, warnings, style="yellow")
        return
    console.print(
        Text(
            f"{len(warnings)} deck warnings (cards without key points or answers, unknown "
            "keys); `nora decks validate` lists them.",
            style="yellow",
        ),
        soft_wrap=True,
    )


def history_damage(console: Console, state: Progress) -> None:
    """Say once per run how many damaged history lines were skipped, and any upgrade done."""
    lines(console, state.notices, style="yellow")
    damaged = len(state.shown_warnings)
    if damaged:
        console.print(
            Text(
                f"{damaged} damaged line{'s' * (damaged != 1)} in the history "
                f"{'were' if damaged != 1 else 'was'} skipped (`nora history` lists them).",
                style="yellow",
            ),
            soft_wrap=True,
        )
