"""What every interactive prompt shares: the NO_COLOR output, the checkbox help, choice
labels that wrap under themselves, and an answer editor that wraps between words.

prompt_toolkit and questionary are imported inside the functions, so importing this module
costs nothing until a prompt is shown.
"""

from __future__ import annotations

import os
import shutil
import sys
import textwrap
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from prompt_toolkit.layout.processors import Processor
    from prompt_toolkit.output import Output

CHECKBOX_HELP = "(space ticks, a ticks all, enter confirms)"
SELECT_HELP = "(arrows move, enter confirms)"
CHECKBOX_POINTER = 5  # questionary's " » ● " before a checkbox label
SELECT_POINTER = 3  # " » " before a select label


def colourless() -> bool:
    """NO_COLOR (set by --no-color and `color = false` too) asks for no styling at all."""
    return bool(os.environ.get("NO_COLOR"))


def output() -> Output | None:
    """With NO_COLOR, a terminal output that writes text and cursor moves but never bold,
    reverse video or colour; otherwise None (prompt_toolkit's own)."""
    if not colourless() or not sys.stdout.isatty():
        return None
    from prompt_toolkit.output.vt100 import Vt100_Output

    class Unstyled(Vt100_Output):
        def set_attributes(self, attrs: Any, color_depth: Any) -> None:
            return None

        def reset_attributes(self) -> None:
            return None

    return Unstyled.from_pty(sys.stdout)


def columns() -> int:
    """The width prompt_toolkit draws at: the terminal's own (COLUMNS can be stale)."""
    if sys.stdout.isatty():
        from prompt_toolkit.application.current import get_app_session

        return get_app_session().output.get_size().columns
    return shutil.get_terminal_size().columns


def wrapped(
    label: str, *, indent: int = 0, pointer: int = CHECKBOX_POINTER, width: int | None = None
) -> str:
    """A choice label wrapped to the terminal between words, each further line indented to
    stand under the label's text (questionary would cut a long label at the edge). `pointer`
    is the width questionary draws before the label."""
    room = max(20, (width or columns()) - pointer - 1)
    hang = " " * (pointer + indent)
    lines = textwrap.wrap(label, room, break_on_hyphens=False)
    lines = lines[:1] + textwrap.wrap(" ".join(lines[1:]), room - indent, break_on_hyphens=False)
    return ("\n" + hang).join(lines) or label


# Given as `instruction=` once `question` holds the help: a checkbox then adds nothing, and a
# select (which treats "" as no instruction and adds its own) only a space.
NO_INSTRUCTION = " "


def question(text: str, instruction: str, width: int | None = None) -> str:
    """A prompt's question and its key help, wrapped between words under the '? ' mark (pass
    `instruction=NO_INSTRUCTION` so questionary does not add its own)."""
    room = max(20, (width or columns()) - 3)
    return "\n  ".join(textwrap.wrap(f"{text} {instruction}", room, break_on_hyphens=False))


def confirm(text: str, *, default: bool) -> bool:
    """A yes-or-no question wrapped between words, with nora's NO_COLOR output; Ctrl-C
    raises KeyboardInterrupt."""
    import questionary

    keys = "(Y/n)" if default else "(y/N)"
    room = columns() - len(" Yes")  # the answer is shown after the question once given
    asked = questionary.confirm(
        question(text, keys, room), default=default, instruction=NO_INSTRUCTION, output=output()
    )
    return bool(asked.unsafe_ask())


def toolbar_lines(parts: list[str], width: int | None = None) -> str:
    """Toolbar pieces joined with ' · ', starting a new line where the next would not fit."""
    room = max(20, width or columns())
    lines: list[str] = []
    for part in parts:
        if lines and len(lines[-1]) + 3 + len(part) <= room:
            lines[-1] += " · " + part
        else:
            lines.extend(textwrap.wrap(part, room, break_on_hyphens=False) or [part])
    return "\n".join(lines)


def word_wrap(first: int, rest: int) -> Processor:
    """An input processor that moves a word crossing the right edge to the next row, so the
    answer wraps between words. `first` and `rest` are the widths of the prompt on the first
    row and of the prefix on every other row. Only the display changes, never the text."""
    from prompt_toolkit.layout.processors import Processor, Transformation

    class WordWrap(Processor):
        def apply_transformation(self, ti: Any) -> Transformation:
            text = ti.document.lines[ti.lineno]
            pieces = [f for f in ti.fragments if f[1]]
            if not ti.width or not text or len(pieces) != 1 or pieces[0][1] != text:
                return Transformation(ti.fragments)
            style = pieces[0][0]
            pads = _pads(text, ti.width, first if ti.lineno == 0 else rest, rest)
            if not pads:
                return Transformation(ti.fragments)
            shown, before = [], []
            moved = 0
            for index, char in enumerate(text):
                moved += pads.get(index, 0)
                before.append(moved)
                shown.append(" " * pads.get(index, 0) + char)
            before.append(moved)
            starts = [i + before[i] for i in range(len(text) + 1)]

            def to_source(position: int) -> int:
                return next((i for i, start in enumerate(starts) if start >= position), len(text))

            return Transformation(
                [(style, "".join(shown))],
                source_to_display=lambda i: starts[min(i, len(text))],
                display_to_source=to_source,
            )

    return WordWrap()


def text_wrap(message: str) -> Processor:
    """Word wrap for a questionary text prompt, whose first row starts with '? message '."""
    return word_wrap(len(message) + 3, 0)


def _pads(text: str, width: int, first: int, rest: int) -> dict[int, int]:
    """Spaces to insert before each word that would cross the edge of its row. A word with a
    space after it needs room for that space too, or the space would start the next row."""
    pads: dict[int, int] = {}
    column, room = 0, width - first
    index = 0
    while index < len(text):
        if column >= room:
            column, room = 0, width - rest
        if text[index] != " " and (index == 0 or text[index - 1] == " "):
            end = text.find(" ", index)
            size = (len(text) if end == -1 else end) - index
            if column and column + size + (end != -1) > room and size <= width - rest:
                pads[index] = room - column
                column, room = 0, width - rest
        column += 1
        index += 1
    return pads
