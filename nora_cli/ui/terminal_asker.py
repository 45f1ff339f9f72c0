"""The interactive asker: prompt_toolkit and questionary, with a live countdown in the
toolbar while the user types."""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Sequence
from typing import Any

from rich.console import Console

from nora_cli.coach.coach import Coach
from nora_cli.core.engine import Action
from nora_cli.ui import prompts, render
from nora_cli.ui.asker import RATINGS, BaseAsker, command
from nora_cli.ui.prompts import CHECKBOX_HELP
from nora_cli.ui.prose import say

ANSWER_HELP = (
    "Enter on an empty line submits (at once: answered aloud) · :skip · :quit · Ctrl-C stops"
)


def submits(line: str, text: str = "", *, first: bool = True) -> bool:
    """Enter submits the answer when the cursor's line is empty (ANSWER_HELP), or when the
    whole answer is a command that acts at once: ":skip" or ":quit" in a card's first block,
    ":quit" in any."""
    if not line.strip():
        return True
    action = command(text)
    return action is Action.QUIT or (first and action is not None)


def discard_typeahead() -> None:
    """Drop every key pressed before the next prompt is on screen, so a keystroke meant for
    the answer (or typed while the reveal printed) can never tick a point or rate a card."""
    from prompt_toolkit.application.current import get_app_session
    from prompt_toolkit.input.typeahead import clear_typeahead

    keys = get_app_session().input
    clear_typeahead(keys)  # read by the previous prompt but not used by it
    if sys.platform != "win32" and os.isatty(keys.fileno()):
        import termios

        termios.tcflush(keys.fileno(), termios.TCIFLUSH)  # still in the terminal's buffer
    for _ in range(64):  # a bounded drain: each read takes what is waiting, up to 1 KiB
        if not keys.read_keys():
            break
    keys.flush_keys()


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
        from prompt_toolkit.key_binding import KeyBindings

        discard_typeahead()  # an Enter pressed during the reveal must not submit this answer
        started = time.monotonic()
        bindings = KeyBindings()

        @bindings.add("enter")
        def _enter(event: Any) -> None:
            buffer = event.current_buffer
            if submits(buffer.document.current_line, buffer.text, first=first):
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
            # The help wraps onto more toolbar lines rather than being cut at the edge.
            clock = re.sub(r"<[^>]+>", "", shown)
            lines = prompts.toolbar_lines([clock + extra, *ANSWER_HELP.split(" · ")])
            return [(f"fg:{style} bold", clock), ("", lines[len(clock) :])]

        session: PromptSession[str] = PromptSession(
            multiline=True,
            key_bindings=bindings,
            bottom_toolbar=toolbar,
            refresh_interval=0.5,
            prompt_continuation="  ",
            input_processors=[prompts.word_wrap(len(prompt), 2)],
            output=prompts.output(),
        )
        try:
            text = session.prompt(prompt)
        except EOFError:
            return Action.QUIT  # Ctrl-D at a terminal: the user stops, as with :quit
        action = command(text) if first else None
        if action is None and command(text) is Action.QUIT:
            action = Action.QUIT
        return action or text

    def pick(self, question: str, options: list[tuple[str, str]]) -> str | Action:
        import questionary

        discard_typeahead()
        choices = [
            questionary.Choice(prompts.wrapped(label, pointer=prompts.SELECT_POINTER), value=value)
            for value, label in options
        ]
        chosen = questionary.select(
            prompts.question(question, prompts.SELECT_HELP),
            choices=choices,
            instruction=prompts.NO_INSTRUCTION,
            output=prompts.output(),
            erase_when_done=True,  # the choice is said again below, wrapped between words
        ).unsafe_ask()
        label = next((text for value, text in options if value == chosen), "")
        say(self.console, f"{question} {label}")
        return "" if chosen is None else str(chosen)

    def ticks(self, labels: list[str], preselected: Sequence[int]) -> tuple[int, ...] | Action:
        import questionary

        discard_typeahead()
        choices = [
            questionary.Choice(
                prompts.wrapped(f"{n}. {label}", indent=len(f"{n}. ")),
                value=n - 1,
                checked=(n - 1) in preselected,
            )
            for n, label in enumerate(labels, start=1)
        ]
        hint = " (pre-ticked from your answer: check them)" if preselected else ""
        picked = questionary.checkbox(
            prompts.question(f"Which key points did your answer cover?{hint}", CHECKBOX_HELP),
            choices=choices,
            instruction=prompts.NO_INSTRUCTION,
            output=prompts.output(),
            erase_when_done=True,  # questionary would echo the wrapped labels back
        ).unsafe_ask()
        covered = tuple(sorted(picked or []))
        shown = ", ".join(str(i + 1) for i in covered) or "none"
        self.console.print(f"Key points you covered: {shown}")
        return covered

    def rate(self) -> int | Action:
        import questionary

        discard_typeahead()
        choices = [questionary.Choice(label, value=v, shortcut_key=k) for v, label, k in RATINGS]
        choices += [
            questionary.Choice("Skip this card (not rated)", value="skip", shortcut_key="s"),
            questionary.Choice("Quit the drill", value="quit", shortcut_key="q"),
        ]
        choice = questionary.select(
            prompts.question("Rate your answer", "(press 1-4, s or q, then enter)"),
            choices=choices,
            use_shortcuts=True,
            instruction=prompts.NO_INSTRUCTION,
            output=prompts.output(),
            erase_when_done=True,  # "Saved: <card> rated N" follows
        ).unsafe_ask()
        if choice == "skip":
            return Action.SKIP
        if choice == "quit":
            return Action.QUIT
        return int(choice)
