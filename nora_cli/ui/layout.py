"""Tables that never split what the user types or looks up: ids, commands, paths and dates.

A table is drawn only when its kept columns fit whole and every wrapping column keeps its
longest word; the space between columns narrows first, then columns marked droppable give
way; below that width the records are stacked, one block each, headed by their key. The
sizes are worked out from the cells themselves, so the cost grows with the rows shown,
never with the history behind them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from nora_cli.ui.prose import say

if TYPE_CHECKING:
    from rich.table import Table

Cell = str | Text
Justify = Literal["left", "right", "center"]

NARROWEST = 10  # a wrapping column is never squeezed below this (or its longest word)


@dataclass(frozen=True)
class Column:
    header: str
    keep: bool = False  # an id, command, path or date: never wrapped
    justify: Justify = "left"
    drop: int = 0  # dropped to make room, highest first; 0 is never dropped


def _plain(cell: Cell) -> str:
    return cell.plain if isinstance(cell, Text) else cell


def _widths(cells: Sequence[str]) -> tuple[int, int]:
    """The widest line and the longest word among these cells."""
    widest = word = 0
    for cell in cells:
        for line in cell.splitlines() or [""]:
            widest = max(widest, cell_len(line))
            word = max([word, *(cell_len(w) for w in line.split())])
    return widest, word


def table_width(
    columns: Sequence[Column], rows: Sequence[Sequence[Cell]], *, compact: bool = False
) -> int:
    """The narrowest console the table fits in without splitting a kept cell or a word
    (`compact`: two spaces between columns and none at the edges, instead of three and one)."""
    kept = level = 0
    wrapping: list[int] = []
    for index, column in enumerate(columns):
        widest, word = _widths([column.header, *(_plain(row[index]) for row in rows)])
        if column.keep:
            kept += widest
        else:
            wrapping.append(widest)
            level = max(level, min(widest, max(NARROWEST, word)))
    # Rich narrows the widest wrapping columns first, down to a common level.
    squeezed = sum(min(widest, level) for widest in wrapping)
    return kept + squeezed + (2 * len(columns) - 2 if compact else 3 * len(columns) - 1)


def records(
    console: Console,
    title: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    *,
    key: int = 0,
) -> None:
    """A table when one fits the console (its columns closer together before one is dropped,
    then dropping droppable columns), otherwise one block per row headed by its `key` cell.
    With every droppable column gone the columns stay apart: blocks show every column."""
    shown = list(range(len(columns)))
    ranks = sorted({c.drop for c in columns if c.drop}, reverse=True)
    last = ranks[-1] if ranks else 0
    tries = [(r, c) for r in [0, *ranks] for c in (False, True) if not (c and r == last)]
    for rank, compact in tries:
        shown = [i for i in shown if not rank or columns[i].drop != rank]
        picked = _pick(columns, rows, shown)
        if table_width(*picked, compact=compact) <= console.width:
            say(console, Text(title, style="bold"))
            console.print(_table(*picked, compact=compact))
            hidden = [c.header.lower() for i, c in enumerate(columns) if i not in shown]
            if hidden:
                names = ", ".join(hidden[:-1]) + " and " * (len(hidden) > 1) + hidden[-1]
                say(console, Text(f"(widen the terminal to see {names})", style="dim"))
            return
    blocks(console, title, columns, rows, key=key)


def _pick(
    columns: Sequence[Column], rows: Sequence[Sequence[Cell]], shown: list[int]
) -> tuple[list[Column], list[list[Cell]]]:
    return [columns[i] for i in shown], [[row[i] for i in shown] for row in rows]


def _table(
    columns: Sequence[Column], rows: Sequence[Sequence[Cell]], *, compact: bool = False
) -> Table:
    from rich import box
    from rich.table import Table

    table = Table(
        box=box.SIMPLE_HEAD, show_edge=False, collapse_padding=compact, pad_edge=not compact
    )
    for column in columns:
        table.add_column(column.header, no_wrap=column.keep, justify=column.justify)
    for row in rows:
        table.add_row(*(Text(cell) if isinstance(cell, str) else cell for cell in row))
    return table


def blocks(
    console: Console,
    title: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    *,
    key: int = 0,
) -> None:
    """One block per row: the key cell on its own line, then `label  value` lines whose
    values wrap under themselves. A kept value too long for its place gets a line of its
    own, printed whole (the terminal may fold it, but it is never broken in the output)."""
    from rich.padding import Padding
    from rich.table import Table

    labels = [c for i, c in enumerate(columns) if i != key]
    label_width = max((cell_len(c.header) for c in labels), default=0)
    room = console.width - 2 - label_width - 2
    say(console, Text(title, style="bold"))
    for row in rows:
        console.print()
        head = row[key]
        say(console, Text.assemble(head, style="bold"), hang=2)
        grid: Table | None = None
        for index, column in enumerate(columns):
            if index == key:
                continue
            cell = row[index]
            if column.keep and _widths([_plain(cell)])[0] > room:
                if grid is not None:
                    console.print(Padding(grid, (0, 0, 0, 2), expand=False))
                    grid = None
                line = Text(f"  {column.header:<{label_width}}  ")
                line.append_text(cell if isinstance(cell, Text) else Text(cell))
                console.print(line, soft_wrap=True)
                continue
            if grid is None:
                grid = Table.grid(padding=(0, 2))
                grid.add_column(width=label_width, no_wrap=True)
                grid.add_column()
            grid.add_row(column.header, cell)
        if grid is not None:
            console.print(Padding(grid, (0, 0, 0, 2), expand=False))
