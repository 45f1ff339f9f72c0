"""Asking the user: a full-screen-free terminal asker (prompt_toolkit, questionary) with a live
clock, and a plain line-based asker for pipes, scripts and screen readers."""

from __future__ import annotations

import re
import time
from typing import IO, Any

from rich.console import Console
from rich.text import Text

from nora_cli import render
from nora_cli.session import Action, Answer, Assessment, DrillCard, Timing

SKIP_WORDS = {":skip", ":s"}
QUIT_WORDS = {":quit", ":q"}
ANSWER_HELP = "Enter twice to submit · empty answer = answered aloud · :skip · :quit · Ctrl-C stops"


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


class TerminalAsker:
    """Interactive drill: a live countdown in the toolbar while the user types."""

    def __init__(self, console: Console) -> None:
        self.console = console

    def answer(self, item: DrillCard, position: int, total: int) -> Answer:
        from prompt_toolkit import PromptSession
        from prompt_toolkit.formatted_text import HTML
        from prompt_toolkit.key_binding import KeyBindings

        render.card_header(self.console, item, position, total)
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
            elapsed = time.monotonic() - started
            left = item.time_limit - elapsed
            if left >= 0:
                shown = f"<b>{render.clock(left)}</b> left"
                style = "ansigreen" if left > item.time_limit * 0.25 else "ansiyellow"
            else:
                shown = f"<b>OVERTIME +{render.clock(-left)}</b>"
                style = "ansired"
            return HTML(f"<style fg='{style}'>{shown}</style>  {ANSWER_HELP}")

        session: PromptSession[str] = PromptSession(
            multiline=True,
            key_bindings=bindings,
            bottom_toolbar=toolbar,
            refresh_interval=0.5,
            prompt_continuation="  ",
        )
        try:
            text = session.prompt("> ")
        except EOFError:
            return Answer(action=Action.QUIT)
        command = _command(text)
        if command:
            return Answer(action=command)
        return Answer(text.strip())

    def assess(self, item: DrillCard, answer: Answer, timing: Timing) -> Assessment:
        import questionary

        render.timing_line(self.console, timing)
        render.reveal(self.console, item.card, answer)
        points = item.card.key_points
        covered: list[int] = []
        if points:
            choices = [
                questionary.Choice(f"{n}. {p.text}", value=n - 1)
                for n, p in enumerate(points, start=1)
            ]
            picked = questionary.checkbox(
                "Which key points did your answer cover?",
                choices=choices,
                instruction="(space ticks, a ticks all, enter confirms)",
            ).unsafe_ask()
            covered = list(picked or [])
        choice = questionary.select(
            "Rate your answer",
            choices=[
                questionary.Choice("Again: I could not answer it", value=1, shortcut_key="1"),
                questionary.Choice("Hard: partly, with gaps", value=2, shortcut_key="2"),
                questionary.Choice("Good: right, with some effort", value=3, shortcut_key="3"),
                questionary.Choice("Easy: fluent and complete", value=4, shortcut_key="4"),
                questionary.Choice("Skip this card (not rated)", value="skip", shortcut_key="s"),
                questionary.Choice("Quit the drill", value="quit", shortcut_key="q"),
            ],
            use_shortcuts=True,
            instruction="(press 1-4, s or q, then enter)",
        ).unsafe_ask()
        if choice == "skip":
            return Assessment(action=Action.SKIP)
        if choice == "quit":
            return Assessment(action=Action.QUIT)
        return Assessment(covered=tuple(covered), rating=int(choice))


class PlainAsker:
    """Line-based drill: same steps as the terminal one, one line of input at a time."""

    def __init__(self, console: Console, stream: IO[str]) -> None:
        self.console = console
        self.stream = stream
        self.input_ended = False
        # Piped input is not echoed by a terminal; print it so the transcript reads in order.
        self.echo = not stream.isatty()

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

    def answer(self, item: DrillCard, position: int, total: int) -> Answer:
        render.card_header(self.console, item, position, total)
        self.console.print(
            f"Time limit {render.clock(item.time_limit)} (soft). "
            "Answer, then an empty line (empty first line: answered aloud; :skip, :quit)."
        )
        lines: list[str] = []
        while True:
            line = self._line("> " if not lines else "  ")
            if line is None:
                return Answer(action=Action.QUIT)
            if not lines and _command(line):
                return Answer(action=_command(line) or Action.ANSWER)
            if not line.strip():
                return Answer("\n".join(lines).strip())
            lines.append(line)

    def assess(self, item: DrillCard, answer: Answer, timing: Timing) -> Assessment:
        render.timing_line(self.console, timing)
        render.reveal(self.console, item.card, answer)
        total = len(item.card.key_points)
        covered: tuple[int, ...] = ()
        if total:
            while True:
                line = self._line(
                    f"Key points covered (e.g. 1,3 or all; empty for none) [1-{total}]: "
                )
                if line is None:
                    return Assessment(action=Action.QUIT)
                parsed = parse_covered(line, total)
                if parsed is not None:
                    covered = parsed
                    break
                self.console.print(
                    Text(f"Give numbers from 1 to {total}, 'all', or nothing.", style="yellow")
                )
        while True:
            line = self._line("Rating 1 again, 2 hard, 3 good, 4 easy (s skip, q quit): ")
            if line is None:
                return Assessment(action=Action.QUIT)
            word = line.strip().lower()
            if word in {"1", "2", "3", "4"}:
                return Assessment(covered=covered, rating=int(word))
            if word in {"q", "quit"}:
                return Assessment(action=Action.QUIT)
            if word in {"s", "skip"}:
                return Assessment(action=Action.SKIP)
            self.console.print(Text("Type 1, 2, 3 or 4 (or s, q).", style="yellow"))
