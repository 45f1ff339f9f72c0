"""Prose for the terminal: counts that agree with their nouns (`counted`, from core, so the
domain's messages use the same words), and lines wrapped between words that never break a
command, an id or a path across two lines."""

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


def whole(command: str) -> str:
    """A command that `say` must not break across lines."""
    return command.replace(" ", NBSP)


def joined(items: Iterable[str], separator: str = " · ") -> str:
    """The items, each kept whole, joined so that `say` breaks a line only after a separator
    (which therefore ends a line rather than starting the next)."""
    return f"{whole(separator.rstrip())} ".join(whole(item) for item in items)


def say(console: Console, message: str | Text, style: str = "", *, hang: int = 0) -> None:
    """Print prose wrapped between words, never inside a `quoted` or `whole()` command (a
    command longer than the line gets a line of its own, printed unbroken); lines after the
    first are indented by `hang`."""
    console.print(wrap(message, console.width, style=style, hang=hang), soft_wrap=True)


def wrap(
    message: str | Text, width: int, *, style: str = "", hang: int = 0, start: int = 0
) -> Text:
    """The message as `say` lays it out, lines joined by newlines, for a place `say` cannot
    print to (a box, a prompt). `start` is the column the first line begins at."""
    text = message.copy() if isinstance(message, Text) else Text(message, style=style)
    plain = QUOTED.sub(lambda m: whole(m.group()), text.plain)
    text = Text(plain, style=text.style, spans=text.spans)
    indent = " " * hang
    lines: list[Text] = []
    for paragraph in text.split("\n", allow_blank=True):
        pieces = paragraph.divide(_breaks(paragraph.plain, width, hang, start if not lines else 0))
        for number, line in enumerate(pieces):
            line.rstrip()
            restored = Text(line.plain.replace(NBSP, " "), style=line.style, spans=line.spans)
            if number:
                restored = Text.assemble(indent, restored)
            lines.append(restored)
    return Text("\n").join(lines)


SHELL_WORD = re.compile(r"""(?:"[^"]*"|'[^']*'|[^\s"']+)+""")


def command_lines(command: str, width: int, indent: int = 4) -> list[str]:
    """A command to copy, as lines of at most `width` columns: whole when it fits, otherwise
    broken between shell words with a trailing backslash, so the lines paste as one command
    (continuation lines indented two more). An option stays with its value where they fit,
    and a quoted word is never broken."""
    pad = " " * indent
    if indent + cell_len(command) <= width:
        return [pad + command]
    lines: list[str] = []
    current = ""
    for word in _option_groups(SHELL_WORD.findall(command), width - indent - 4):
        lead = indent if not lines else indent + 2
        if current and lead + cell_len(f"{current} {word}") + 2 > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return [
        " " * (indent if n == 0 else indent + 2) + line + (" \\" if n < len(lines) - 1 else "")
        for n, line in enumerate(lines)
    ]


def _option_groups(words: list[str], room: int) -> list[str]:
    """The words, each option joined to its value when the two fit in `room`."""
    groups: list[str] = []
    for word in words:
        last = groups[-1] if groups else ""
        joined_size = cell_len(last) + 1 + cell_len(word)
        if last.startswith("-") and " " not in last and word[0] != "-" and joined_size <= room:
            groups[-1] += f" {word}"
        else:
            groups.append(word)
    return groups


def _breaks(plain: str, width: int, hang: int = 0, start: int = 0) -> list[int]:
    """Where to start new lines so each fits `width` (the first from column `start`, the
    others less the `hang` indent), breaking only at plain spaces."""
    breaks: list[int] = []
    used = start + len(plain) - len(plain.lstrip(" "))  # an indent is not a word to break after
    placed = False
    for word in re.finditer(r"[^ ]+ *", plain):
        size = cell_len(word.group().rstrip(" "))
        if placed and used + size > width - (hang if breaks else 0):
            breaks.append(word.start())
            used = 0
        used += cell_len(word.group())
        placed = True
    return breaks
