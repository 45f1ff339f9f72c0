"""Prose for the terminal: counts that agree with their nouns (`counted`, from core, so the
domain's messages use the same words), and lines wrapped between words that never break a
command, an id, a path or a date across two lines."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from nora_cli.core.wording import counted

__all__ = ["NBSP", "QUOTED", "command_lines", "counted", "joined", "say", "whole", "wrap"]

NBSP = "\u00a0"
QUOTED = re.compile(r"`[^`]+`")
MONTH = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
DATE = re.compile(
    rf"\b\d{{4}}-\d\d-\d\d(?: \d\d:\d\d)?\b"
    rf"|\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{{1,2}} (?:{MONTH})(?: \d{{4}})?(?: at \d\d:\d\d)?\b"
)
CONTINUED = " \\"  # a shell reads a line ending so, and the next, as one command


def whole(command: str) -> str:
    """A command (or any phrase) that `say` must not break across lines."""
    return command.replace(" ", NBSP)


def joined(items: Iterable[str], separator: str = " · ") -> str:
    """The items, each kept whole, joined so that `say` breaks a line only after a separator
    (which therefore ends a line rather than starting the next)."""
    return f"{whole(separator.rstrip())} ".join(whole(item) for item in items)


def say(console: Console, message: str | Text, style: str = "", *, hang: int = 0) -> None:
    """Print prose wrapped between words, never inside a `quoted` or `whole()` command or a
    date; lines after the first are indented by `hang`. A command too long for its line
    gets lines of its own, broken between shell words with trailing backslashes (a longer
    id or path is printed whole on its own line: the terminal may fold it, nora never
    breaks it)."""
    console.print(wrap(message, console.width, style=style, hang=hang), soft_wrap=True)


def wrap(
    message: str | Text, width: int, *, style: str = "", hang: int = 0, start: int = 0
) -> Text:
    """The message as `say` lays it out, lines joined by newlines, for a place `say` cannot
    print to (a box, a prompt). `start` is the column the first line begins at."""
    text = message.copy() if isinstance(message, Text) else Text(message, style=style)
    plain = DATE.sub(lambda m: whole(m.group()), QUOTED.sub(lambda m: whole(m.group()), text.plain))
    text = Text(plain, style=text.style, spans=text.spans)
    lines: list[Text] = []
    for paragraph in text.split("\n", allow_blank=True):
        for indent, begin, end, continued in _rows(
            paragraph.plain, width, hang, start if not lines else 0
        ):
            line = paragraph[begin:end]
            line.rstrip()
            shown = Text(line.plain.replace(NBSP, " "), style=line.style, spans=line.spans)
            lines.append(Text.assemble(" " * indent, shown, CONTINUED if continued else ""))
    return Text("\n").join(lines)


Row = tuple[int, int, int, bool]  # indent, start and end in the text, a command goes on


def _rows(plain: str, width: int, hang: int, start: int) -> list[Row]:
    """Each line of a paragraph: its indent, its slice of the paragraph, and whether a
    command goes on to the next. Lines break only at plain spaces; the first starts at
    column `start` with the paragraph's own indent, the others are indented by `hang`. A
    word too long for a line of its own is indented less, down to none; a command still too
    long goes on over lines of its own (`_pieces`)."""
    rows: list[Row] = []
    indent = begin = 0
    column = start + len(plain) - len(plain.lstrip(" "))  # an indent is not a word to break after
    placed = False
    for match in re.finditer(r"([^ ]+)( *)", plain):
        word, at = match.group(1), match.start()
        size = cell_len(word)
        if placed and column + size > width:
            rows.append((indent, begin, at, False))
            indent, begin, column, placed = hang, at, hang, False
        if placed or column + size <= width:
            column += size
        else:
            ours = bool(rows) and begin == at  # a line of its own, indented by us
            command = _is_command(word)
            if ours and (size <= width or not command):
                indent = max(0, width - size)
            elif command:
                pieces = _pieces(word, width, column)
                for number, (lead, first, last, goes_on) in enumerate(pieces):
                    if number:
                        indent, begin = lead, at + first
                    elif ours:
                        indent = lead
                    if number < len(pieces) - 1:
                        rows.append((indent, begin, at + last, goes_on))
            column = width  # the next word starts a line of its own
        column += len(match.group(2))
        placed = True
    rows.append((indent, begin, len(plain), False))
    return rows


def _is_command(word: str) -> bool:
    """A `quoted` or `whole()` command of nora's, which a shell may read over several lines
    (any other phrase kept whole stays on one line, however long)."""
    return NBSP in word and (word.startswith("`") or word.startswith(f"nora{NBSP}"))


SHELL_WORD = re.compile(r"""(?:"[^"]*"|'[^']*'|[^\s"']+)+""")


def command_lines(command: str, width: int, indent: int = 4) -> list[str]:
    """A command to copy, as lines of at most `width` columns: whole when it fits, otherwise
    broken between shell words with a trailing backslash, so the lines paste as one command
    (continuation lines indented two more). An option stays with its value where they fit,
    and a quoted word is never broken; a line that would not fit is indented less."""
    if indent + cell_len(command) <= width:
        return [" " * indent + command]
    return [
        " " * lead + command[first:last] + (CONTINUED if goes_on else "")
        for lead, first, last, goes_on in _pieces(command, width, indent)
    ]


def _pieces(command: str, width: int, indent: int) -> list[Row]:
    """A command too long for one line, over as many as it needs, broken between shell
    words: each line but the last ends in a backslash, the lines after the first are
    indented two more, and a line that would not fit at its indent is indented less."""
    plain = command.replace(NBSP, " ")
    words = [(m.start(), m.end()) for m in SHELL_WORD.finditer(plain)]
    words = _option_groups(plain, words, width - indent - 4)
    more, ending = 2, len(CONTINUED)
    lines: list[tuple[int, int]] = []
    first, last = words[0]
    for start, end in words[1:]:
        lead = indent + (more if lines else 0)
        last_word = end == words[-1][1]  # the last line needs no backslash
        if lead + cell_len(plain[first:end]) + (0 if last_word else ending) > width:
            lines.append((first, last))
            first = start
        last = end
    lines.append((first, last))
    rows: list[Row] = []
    for number, (start, end) in enumerate(lines):
        goes_on = number < len(lines) - 1
        size = cell_len(plain[start:end]) + (ending if goes_on else 0)
        lead = indent + (more if number else 0)
        rows.append((max(0, min(lead, width - size)), start, end, goes_on))
    return rows


def _option_groups(plain: str, words: list[tuple[int, int]], room: int) -> list[tuple[int, int]]:
    """The shell words, each option joined to its value when the two fit in `room`."""
    groups: list[tuple[int, int]] = []
    for start, end in words:
        if groups:
            last = plain[groups[-1][0] : groups[-1][1]]
            if (
                last.startswith("-")
                and " " not in last
                and plain[start] != "-"
                and cell_len(plain[groups[-1][0] : end]) <= room
            ):
                groups[-1] = (groups[-1][0], end)
                continue
        groups.append((start, end))
    return groups
