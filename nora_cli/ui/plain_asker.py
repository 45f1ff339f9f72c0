"""The plain asker: the same card flow one line at a time, for pipes, scripts, dumb
terminals and screen readers."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import IO

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from nora_cli.coach.coach import Coach
from nora_cli.core.engine import Action
from nora_cli.ui import render
from nora_cli.ui.asker import BaseAsker, command, parse_covered
from nora_cli.ui.prose import say, wrap

HANG = 2  # a prompt's or an echoed answer's further lines, as under the terminal's "? "


class PlainAsker(BaseAsker):
    """Line-based drill: the same steps, one line of input at a time."""

    def __init__(self, console: Console, stream: IO[str], coach: Coach | None = None) -> None:
        super().__init__(console, coach)
        self.stream = stream
        # Piped input is not echoed by a terminal; print it so the transcript reads in order.
        self.echo = not stream.isatty()

    def now(self) -> float:
        return time.monotonic()

    def _line(self, prompt: str) -> str | None:
        """Ask on one line: the prompt wrapped between words (its further lines indented),
        the cursor after it; piped input is echoed, wrapped the same way."""
        width = self.console.width
        shown = wrap(prompt.rstrip(" "), width, hang=HANG)
        shown.append(prompt[len(prompt.rstrip(" ")) :])
        self.console.print(shown, end="", soft_wrap=True)
        self.console.file.flush()
        line = self.stream.readline()
        if not line:
            self.console.print()
            return None
        line = line.rstrip("\r\n")
        if self.echo:
            column = cell_len(shown.plain.rsplit("\n", 1)[-1])
            self.console.print(wrap(line, width, hang=HANG, start=column), soft_wrap=True)
        return line

    def block(
        self, prompt: str, budget: int, *, first: bool, overall: tuple[float, int] | None = None
    ) -> str | Action:
        if first:
            say(
                self.console,
                f"Time limit {render.clock(budget)} (soft). Answer, then an empty line "
                "(empty first line: answered aloud; :skip, :quit).",
            )
        else:
            say(self.console, f"Budget {render.clock(budget)}. Answer, then an empty line.")
        lines: list[str] = []
        while True:
            line = self._line(prompt if not lines else "  ")
            if line is None:
                return Action.END
            action = command(line) if not lines else None
            if action is Action.QUIT or (action and first):
                return action
            if not line.strip():
                return "\n".join(lines)
            lines.append(line)

    def pick(self, question: str, options: list[tuple[str, str]]) -> str | Action:
        say(self.console, Text(question, style="bold"))
        for number, (_, label) in enumerate(options, start=1):
            mark = f"  {number}. "
            say(self.console, Text(f"{mark}{label}"), hang=len(mark))
        while True:
            line = self._line(f"Number 1-{len(options)} (empty for the last): ")
            if line is None:
                return Action.END
            if not line.strip():
                return options[-1][0]
            if line.strip().isdigit() and 1 <= int(line) <= len(options):
                return options[int(line) - 1][0]
            say(self.console, Text(f"Give a number from 1 to {len(options)}.", style="yellow"))

    def ticks(self, labels: list[str], preselected: Sequence[int]) -> tuple[int, ...] | Action:
        total = len(labels)
        if preselected:
            marks = ",".join(str(i + 1) for i in preselected)
            say(self.console, f"Your answer seems to cover: {marks}. Type them to confirm.")
        while True:
            line = self._line(f"Key points covered (e.g. 1,3 or all; empty for none) [1-{total}]: ")
            if line is None:
                return Action.END
            parsed = parse_covered(line, total)
            if parsed is not None:
                return parsed
            say(self.console, f"Give numbers from 1 to {total}, 'all', or nothing.", "yellow")

    def rate(self) -> int | Action:
        while True:
            line = self._line("Rating 1 again, 2 hard, 3 good, 4 easy (s skip, q quit): ")
            if line is None:
                return Action.END
            word = line.strip().lower()
            if word in {"1", "2", "3", "4"}:
                return int(word)
            if word in {"q", "quit"}:
                return Action.QUIT
            if word in {"s", "skip"}:
                return Action.SKIP
            say(self.console, "Type 1, 2, 3 or 4 (or s, q).", "yellow")
