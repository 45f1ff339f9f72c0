"""Prose for the terminal: counts that agree with their nouns, and lines wrapped between
words that never break a command, an id or a path across two lines."""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text


def counted(number: int, noun: str, plural: str = "") -> str:
    """'1 card', '2 cards', '0 problems': the number and its noun in agreement."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


NBSP = "\u00a0"
QUOTED = re.compile(r"`[^`]+`")


def whole(command: str) -> str:
    """A command that `say` must not break across lines."""
    return command.replace(" ", NBSP)


def say(console: Console, message: str | Text, style: str = "", *, hang: int = 0) -> None:
    """Print prose wrapped between words, never inside a `quoted` or `whole()` command (a
    command longer than the line gets a line of its own, printed unbroken); lines after the
    first are indented by `hang`."""
    text = message.copy() if isinstance(message, Text) else Text(message, style=style)
    plain = QUOTED.sub(lambda m: whole(m.group()), text.plain)
    text = Text(plain, style=text.style, spans=text.spans)
    indent = " " * hang
    for paragraph in text.split("\n", allow_blank=True):
        pieces = paragraph.divide(_breaks(paragraph.plain, console.width, hang))
        for number, line in enumerate(pieces):
            line.rstrip()
            restored = Text(line.plain.replace(NBSP, " "), style=line.style, spans=line.spans)
            if number:
                restored = Text.assemble(indent, restored)
            console.print(restored, soft_wrap=True)


def _breaks(plain: str, width: int, hang: int = 0) -> list[int]:
    """Where to start new lines so each fits `width` (after the first, less the `hang`
    indent), breaking only at plain spaces."""
    breaks: list[int] = []
    used = len(plain) - len(plain.lstrip(" "))  # an indent is not a word to break after
    placed = False
    for word in re.finditer(r"[^ ]+ *", plain):
        size = cell_len(word.group().rstrip(" "))
        if placed and used + size > width - (hang if breaks else 0):
            breaks.append(word.start())
            used = 0
        used += cell_len(word.group())
        placed = True
    return breaks
