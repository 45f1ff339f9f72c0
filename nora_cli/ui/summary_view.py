"""The end of a drill: what was rated, the time, the key points and the dimensions covered,
and the weakest categories of this drill."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from nora_cli.ui.prose import counted, say, whole
from nora_cli.ui.render import RATING_NAMES, clock, dimension_items

if TYPE_CHECKING:
    from nora_cli.core.summary import DrillSummary


def drill_summary(
    console: Console, summary: DrillSummary, history: Path, *, stopped: str | None = None
) -> None:
    from rich.table import Table

    console.print()
    console.rule(Text("Drill summary", style="bold"), align="left")
    if stopped:
        say(console, Text(stopped, style="yellow"))
    table = Table.grid(padding=(0, 2))
    table.add_row("Cards rated", f"{summary.rated} of {summary.planned}")
    if summary.skipped:
        table.add_row("Skipped", str(summary.skipped))
    if summary.unrated:
        unrated = counted(summary.unrated, "answer")
        table.add_row("Saved unrated", f"{unrated} (stopped before the rating)")
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
    below: list[str] = []  # dimension figures too wide for the grid's column, each kept whole
    if summary.dimensions:
        items = dimension_items(summary.dimensions)
        joined = " · ".join(items)  # one a line where they would not fit on one
        room = console.width - cell_len("Key points covered") - 2
        if cell_len(joined) <= room:
            table.add_row("By dimension", Text(joined))
        elif max(cell_len(item) for item in items) <= room:
            table.add_row("By dimension", Text("\n".join(items)))
        else:
            below = items
    console.print(table)
    if below:
        console.print("By dimension")
        for item in below:
            say(console, f"  {item}", hang=4)
    if summary.weakest:
        console.print(Text("Weakest this drill", style="bold"))
        for category in summary.weakest:
            say(
                console,
                f" - {category.category}: mean rating {category.mean_rating:.1f}, "
                f"{category.coverage:.0%} of key points",
                hang=3,
            )
    if summary.rated or summary.skipped or summary.unrated:  # each one saved as it was done
        say(console, Text(f"History saved in {whole(str(history))}", style="dim"))
