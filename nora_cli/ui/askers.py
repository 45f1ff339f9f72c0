"""Asking the user: a terminal asker (prompt_toolkit, questionary) with a live clock, and a
plain line-based asker for pipes, scripts and screen readers. Both follow asking.BaseAsker."""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from typing import IO, Any

from rich.console import Console
from rich.text import Text

from nora_cli.core.engine import Action
from nora_cli.ui import render
from nora_cli.ui.asker import BaseAsker, Coach

SKIP_WORDS = {":skip", ":s"}
QUIT_WORDS = {":quit", ":q"}
ANSWER_HELP = "Enter twice to submit · empty answer = answered aloud · :skip · :quit · Ctrl-C stops"
RATINGS = (
    (1, "Again: I could not answer it", "1"),
    (2, "Hard: partly, with gaps", "2"),
    (3, "Good: right, with some effort", "3"),
    (4, "Easy: fluent and complete", "4"),
)


def _command(text: str) -> Action | None:
    word = text.strip().lower()
    if word in SKIP_WORDS:
        return Action.SKIP
    if word in QUIT_WORDS:
        return Action.QUIT
    return None


def parse_covered(text: str, total: int) -> tuple[int, ...] | None:
    """'1,3' / '1 3' / 'all' / '' -> zero-based indices; None when the input is not valid."""
    text = text.strip().lower()
    if not text or text in {"none", "0", "-"}:
        return ()
    if text == "all":
        return tuple(range(total))
    numbers: list[int] = []
    for part in re.split(r"[,\s]+", text):
        if not part.isdigit() or not 1 <= int(part) <= total:
            return None
        numbers.append(int(part) - 1)
    return tuple(sorted(set(numbers)))


def _clock_text(left: float) -> tuple[str, str]:
    if left >= 0:
        return f"<b>{render.clock(left)}</b> left", "ansigreen"
    return f"<b>OVERTIME +{render.clock(-left)}</b>", "ansired"


class TerminalAsker(BaseAsker):
    """Interactive drill: a live countdown in the toolbar while the user types."""

    def __init__(self, console: Console, coach: Coach | None = None) -> None:
        super().__init__(console, coach)

    def now(self) -> float:
        return time.monotonic()

    def block(
        self, prompt: str, budget: int, *, first: bool, overall: tuple[float, int] | None = None
    ) -> str | Action:
        from prompt_toolkit import PromptSession
        from prompt_toolkit.formatted_text import HTML
        from prompt_toolkit.key_binding import KeyBindings

        started = time.monotonic()
        bindings = KeyBindings()

        @bindings.add("enter")
        def _enter(event: Any) -> None:
            buffer = event.current_buffer
            text = buffer.text
            if not text.strip() or (buffer.cursor_position == len(text) and text.endswith("\n")):
                buffer.validate_and_handle()
            else:
                buffer.insert_text("\n")

        def toolbar() -> Any:
            shown, style = _clock_text(budget - (time.monotonic() - started))
            if budget > 0 and 0 <= budget - (time.monotonic() - started) < budget * 0.25:
                style = "ansiyellow"
            extra = ""
            if overall is not None:
                total_left = overall[1] - (time.monotonic() - overall[0])
                extra = f" · whole design {render.clock(abs(total_left))}"
                extra += " left" if total_left >= 0 else " over"
            return HTML(f"<style fg='{style}'>{shown}</style>{extra}  {ANSWER_HELP}")

        session: PromptSession[str] = PromptSession(
            multiline=True,
            key_bindings=bindings,
            bottom_toolbar=toolbar,
            refresh_interval=0.5,
            prompt_continuation="  ",
        )
        try:
            text = session.prompt(prompt)
        except EOFError:
            return Action.QUIT
        command = _command(text) if first else None
        if command is None and _command(text) is Action.QUIT:
            command = Action.QUIT
        return command or text

    def pick(self, question: str, options: list[tuple[str, str]]) -> str | Action | None:
        import questionary

        choices = [questionary.Choice(label, value=value) for value, label in options]
        chosen = questionary.select(question, choices=choices).unsafe_ask()
        return None if chosen is None else str(chosen)

    def ticks(self, labels: list[str], preselected: Sequence[int]) -> tuple[int, ...] | Action:
        import questionary

        choices = [
            questionary.Choice(f"{n}. {label}", value=n - 1, checked=(n - 1) in preselected)
            for n, label in enumerate(labels, start=1)
        ]
        hint = " (pre-ticked from your answer: check them)" if preselected else ""
        picked = questionary.checkbox(
            f"Which key points did your answer cover?{hint}",
            choices=choices,
            instruction="(space ticks, a ticks all, enter confirms)",
        ).unsafe_ask()
        return tuple(sorted(picked or []))

    def rate(self) -> int | Action:
        import questionary

        choices = [questionary.Choice(label, value=v, shortcut_key=k) for v, label, k in RATINGS]
        choices += [
            questionary.Choice("Skip this card (not rated)", value="skip", shortcut_key="s"),
            questionary.Choice("Quit the drill", value="quit", shortcut_key="q"),
        ]
        choice = questionary.select(
            "Rate your answer",
            choices=choices,
            use_shortcuts=True,
            instruction="(press 1-4, s or q, then enter)",
        ).unsafe_ask()
        if choice == "skip":
            return Action.SKIP
        if choice == "quit":
            return Action.QUIT
        return int(choice)


class PlainAsker(BaseAsker):
    """Line-based drill: the same steps, one line of input at a time."""

    def __init__(self, console: Console, stream: IO[str], coach: Coach | None = None) -> None:
        super().__init__(console, coach)
        self.stream = stream
        self.input_ended = False
        # Piped input is not echoed by a terminal; print it so the transcript reads in order.
        self.echo = not stream.isatty()

    def now(self) -> float:
        return time.monotonic()

    def _line(self, prompt: str) -> str | None:
        self.console.print(Text(prompt), end="")
        self.console.file.flush()
        line = self.stream.readline()
        if not line:
            self.input_ended = True
            self.console.print()
            return None
        line = line.rstrip("\r\n")
        if self.echo:
            self.console.print(Text(line))
        return line

    def block(
        self, prompt: str, budget: int, *, first: bool, overall: tuple[float, int] | None = None
    ) -> str | Action:
        if first:
            self.console.print(
                f"Time limit {render.clock(budget)} (soft). Answer, then an empty line "
                "(empty first line: answered aloud; :skip, :quit)."
            )
        else:
            self.console.print(f"Budget {render.clock(budget)}. Answer, then an empty line.")
        lines: list[str] = []
        while True:
            line = self._line(prompt if not lines else "  ")
            if line is None:
                return Action.QUIT
            command = _command(line) if not lines else None
            if command is Action.QUIT or (command and first):
                return command
            if not line.strip():
                return "\n".join(lines)
            lines.append(line)

    def pick(self, question: str, options: list[tuple[str, str]]) -> str | Action | None:
        self.console.print(Text(question, style="bold"))
        for number, (_, label) in enumerate(options, start=1):
            self.console.print(Text(f"  {number}. {label}"))
        while True:
            line = self._line(f"Number 1-{len(options)} (empty for the last): ")
            if line is None:
                return Action.QUIT
            if not line.strip():
                return options[-1][0]
            if line.strip().isdigit() and 1 <= int(line) <= len(options):
                return options[int(line) - 1][0]
            self.console.print(Text(f"Give a number from 1 to {len(options)}.", style="yellow"))

    def ticks(self, labels: list[str], preselected: Sequence[int]) -> tuple[int, ...] | Action:
        total = len(labels)
        if preselected:
            marks = ",".join(str(i + 1) for i in preselected)
            self.console.print(f"Your answer seems to cover: {marks}. Type them to confirm.")
        while True:
            line = self._line(f"Key points covered (e.g. 1,3 or all; empty for none) [1-{total}]: ")
            if line is None:
                return Action.QUIT
            parsed = parse_covered(line, total)
            if parsed is not None:
                return parsed
            self.console.print(
                Text(f"Give numbers from 1 to {total}, 'all', or nothing.", style="yellow")
            )

    def rate(self) -> int | Action:
        while True:
            line = self._line("Rating 1 again, 2 hard, 3 good, 4 easy (s skip, q quit): ")
            if line is None:
                return Action.QUIT
            word = line.strip().lower()
            if word in {"1", "2", "3", "4"}:
                return int(word)
            if word in {"q", "quit"}:
                return Action.QUIT
            if word in {"s", "skip"}:
                return Action.SKIP
            self.console.print(Text("Type 1, 2, 3 or 4 (or s, q).", style="yellow"))
