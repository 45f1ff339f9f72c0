"""Everything nora draws on the terminal. Deck and user text is shown as text, never markup."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Console, RenderableType
from rich.text import Text

from nora_cli.core.textsafe import visible
from nora_cli.ui.prose import counted, joined, say, whole

if TYPE_CHECKING:
    from nora_cli.core.engine import Answer, DrillCard, Timing
    from nora_cli.core.models import Card, Library, Mode
    from nora_cli.core.progress import Progress
    from nora_cli.core.records import Attempt

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
    seconds = planned_seconds(items)
    stages = len({item.stage for item in items if item.stage})
    shape = f" in {counted(stages, 'stage')}" if stages else ""
    say(
        console,
        Text.assemble(
            (f"{mode.name} drill", "bold"),
            f": {counted(len(items), 'card')}{shape}, {duration(seconds)}.",
        ),
    )
    for remark in remarks:
        say(console, remark, style="yellow")
    for tip in mode.tips:
        say(console, Text(f"  - {tip}", style="dim"), hang=4)
    if plain:
        say(
            console,
            "Plain mode: type your answer and end it with an empty line (an empty first line "
            "means you answered aloud); then the key points you covered (e.g. 1,3 or all, empty "
            "for none); then a rating 1-4 (s skips, q quits).",
        )
    console.print()


def planned_seconds(items: Sequence[DrillCard]) -> float:
    """What the drill will take: each mock-interview stage's budget once, plus the time
    limit of every card outside a stage."""
    stages = {item.stage: item.stage_minutes * 60 for item in items if item.stage}
    return sum(stages.values()) + sum(item.time_limit for item in items if not item.stage)


def duration(seconds: float) -> str:
    """'about 12 min', or 'under a minute'."""
    if seconds < 60:
        return "under a minute"
    return f"about {int(seconds / 60 + 0.5)} min"


def nothing_due(mode: str, next_due: datetime | None, now: datetime | None = None) -> str:
    """Why a drill has no reviews, and when there will be one: `nora stats` counts the cards
    due by the end of today, so a card due this evening is due today but not yet now."""
    where = f" in {mode} mode" if mode else ""
    if next_due is None:
        return (
            f"Nothing is due for review{where} right now: none of the cards this drill can "
            "draw has a review scheduled yet."
        )
    return (
        f"Nothing is due for review{where} right now: the next card is due {when(next_due, now)}."
    )


def when(moment: datetime, now: datetime | None = None) -> str:
    """'today at 18:40', 'tomorrow at 09:00' or 'on Mon 14 Dec at 09:00', in local time."""
    now = (now or datetime.now()).astimezone()
    local = moment.astimezone(now.tzinfo)
    days = (local.date() - now.date()).days
    day = {0: "today", 1: "tomorrow"}.get(days, f"on {local:%a %d %b}")
    return f"{day} at {local:%H:%M}"


def card_header(console: Console, item: DrillCard, position: int, total: int) -> None:
    card = item.card
    console.rule(Text(f"Card {position}/{total}", style="bold"), align="left")
    facts = [
        DIFFICULTY_NAMES.get(card.difficulty, str(card.difficulty)),
        card.kind,
        clock(item.time_limit),
        f"picked: {item.reason}",
    ]
    say(
        console,
        Text.assemble(
            (whole(card.category), "cyan"), f"{whole(' ·')} {joined(facts)}", style="dim"
        ),
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


TITLE_FRAME = 6  # the corner, a dash and a space on each side of a title in the top border


def panel(console: Console, body: RenderableType, title: str) -> None:
    """A box with its title shown whole: in the top border where it fits (Rich would cut it
    there), otherwise in bold above the box, wrapped between words. The title is plain
    text, never markup."""
    from rich.panel import Panel

    if cell_len(title) + TITLE_FRAME <= console.width:
        console.print(Panel(body, title=Text(title), title_align="left"))
        return
    say(console, Text(title, style="bold"), hang=2)
    console.print(Panel(body))


def reveal(console: Console, card: Card, answer: Answer) -> None:
    console.print()
    if answer.aloud:
        console.print(Text("You answered aloud.", style="dim"))
    console.print(Text("Key points", style="bold underline"))
    if card.key_points:
        console.print(numbered([point.text for point in card.key_points]))
    else:
        say(console, Text("This card has no key points yet.", style="dim"))
    console.print()
    if card.answer.strip():
        panel(console, model_answer(card.answer), "Model answer")
    else:
        say(console, Text("This card has no model answer yet.", style="dim"))
    if card.follow_ups:
        console.print(Text("Follow-ups an interviewer may ask", style="bold"))
        for question in card.follow_ups:
            say(console, f" - {question}", hang=3)
    console.print()


def numbered(items: Sequence[str]) -> RenderableType:
    """A numbered list whose items wrap under their own first word (a hanging indent)."""
    return _hanging([(f" {number}.", item) for number, item in enumerate(items, start=1)])


def bulleted(items: Sequence[str], indent: int = 0) -> RenderableType:
    """A list marked with dashes, wrapped like `numbered`: under each item's first word."""
    return _hanging([(f"{' ' * indent}-", item) for item in items])


def _hanging(rows: Sequence[tuple[str, str]]) -> RenderableType:
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column()
    for marker, item in rows:
        grid.add_row(marker, Text(item))
    return grid


CODE_FENCE = re.compile(r"^\s*(```|~~~)")


def model_answer(text: str) -> RenderableType:
    """Prose wraps; code (a block indented four spaces, or fenced) keeps every line as it is
    and is cut at the edge with an ellipsis, so Python's indentation survives any width."""
    from rich.console import Group

    parts: list[Text] = []
    prose: list[str] = []
    code: list[str] = []
    fenced = False

    def flush() -> None:
        if prose:
            parts.append(Text("\n".join(prose)))
            prose.clear()
        if code:
            while code and not code[-1].strip():
                code.pop()
            block = "\n".join(line[4:] if line.startswith("    ") else line for line in code)
            parts.append(
                Text("  " + block.replace("\n", "\n  "), no_wrap=True, overflow="ellipsis")
            )
            code.clear()

    for line in text.splitlines():
        if CODE_FENCE.match(line):
            flush()
            fenced = not fenced
            continue
        if fenced:
            code.append("    " + line)
        elif not line.strip():
            if code:
                code.append("")
            else:
                flush()
        elif line.startswith(("    ", "\t")) and not prose:
            code.append(line.replace("\t", "    ", 1))
        else:
            if code:
                flush()
            prose.append(line)
    flush()
    spaced: list[Text] = []
    for part in parts:
        if spaced:
            spaced.append(Text(""))
        spaced.append(part)
    return Group(*spaced)


def dimension_items(figures: dict[str, tuple[int, int]]) -> list[str]:
    """["evaluation 2/3", "production design 1/1"]: key points ticked per judging dimension."""
    from nora_cli.core.dimensions import NAMES

    return [f"{NAMES[name]} {done}/{total}" for name, (done, total) in figures.items()]


def decks_table(console: Console, library: Library) -> None:
    from nora_cli.ui.layout import Column, records

    columns = (
        Column("Deck", keep=True),
        Column("Title"),
        Column("Modes"),
        Column("Cards", keep=True, justify="right"),
        Column("Categories", drop=1),
    )
    rows = [
        (
            Text(deck.id + (" (yours)" if deck.origin == "yours" else "")),
            Text(deck.title),
            Text(", ".join(library.modes_of(deck.id)) or "-"),
            str(len(deck.cards)),
            Text("; ".join(deck.categories)),
        )
        for deck in library.decks.values()
    ]
    records(console, "Decks", columns, rows)
    total = sum(len(deck.cards) for deck in library.decks.values())
    console.print(f"{counted(len(library.decks), 'deck')}, {counted(total, 'card')}.")


def history_table(console: Console, attempts: Sequence[Attempt]) -> None:
    from nora_cli.ui.layout import Column, records

    # Short of room, the mode goes first: the category says more about the card, and the
    # points are how the answer went.
    columns = (
        Column("Card", keep=True),
        Column("When (UTC)", keep=True),
        Column("Mode", keep=True, drop=3),
        Column("Category", drop=1),
        Column("Time", keep=True, justify="right"),
        Column("Points", keep=True, justify="right", drop=2),
        Column("Rating", keep=True),
    )
    rows = [
        (
            Text(visible(a.card_id)),
            a.ended_at.strftime("%Y-%m-%d %H:%M"),
            Text(visible(a.mode)),
            Text(visible(a.category)),
            clock(a.seconds) + (" +" if a.overtime else ""),
            "-" if a.skipped else f"{len(a.covered)}/{a.key_points_total}",
            _rating_cell(a),
        )
        for a in attempts
    ]
    records(console, "Recent attempts", columns, rows)


def _rating_cell(attempt: Attempt) -> str:
    if attempt.skipped:
        return "skipped"
    if attempt.rating is None:
        return "unrated"
    return f"{attempt.rating} {RATING_NAMES.get(attempt.rating, '')}"


def lines(console: Console, messages: Sequence[str], style: str = "") -> None:
    """Warnings and notices, each wrapped between words under its own start (a
    `file:line:` place is one word, so it is never split)."""
    for message in messages:
        say(console, message, style=style, hang=2)


def deck_warnings(console: Console, warnings: Sequence[str]) -> None:
    """A few warnings are shown; many (an imported deck waiting for its rubric) are counted."""
    if len(warnings) <= 3:
        lines(console, [f"warning: {w}" for w in warnings], style="yellow")
        return
    say(
        console,
        f"warning: {len(warnings)} deck warnings (cards without key points or answers, unknown "
        "keys); `nora decks validate` lists them.",
        style="yellow",
    )


DAMAGED_LINE = re.compile(r":(\d+): skipped")


def history_damage(console: Console, state: Progress) -> None:
    """Say once per run how many damaged history lines were skipped, and any upgrade done."""
    lines(console, state.notices, style="yellow")
    damage_summary(console, state.shown_warnings, "the history", "nora history")


def damage_summary(console: Console, warnings: Sequence[str], where: str, lister: str) -> None:
    """One line for the damaged lines of a file (naming up to three), instead of one each:
    `lister` is the command that says what is wrong with each."""
    if not warnings:
        return
    numbers = [found.group(1) for w in warnings if (found := DAMAGED_LINE.search(w))]
    which = ""
    if numbers and len(numbers) <= 3:
        which = f" (line{'s' if len(numbers) > 1 else ''} {', '.join(numbers)})"
    say(
        console,
        f"{counted(len(warnings), 'damaged line')} in {where}{which} "
        f"{'were' if len(warnings) != 1 else 'was'} skipped: `{lister}` says what is wrong "
        "with each; fix or delete the line in a text editor and this warning stops.",
        style="yellow",
    )
