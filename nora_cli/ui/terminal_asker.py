"""The interactive asker: prompt_toolkit and questionary, with a live countdown in the
toolbar while the user types."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from rich.console import Console

from nora_cli.coach.coach import Coach
from nora_cli.core.engine import Action
from nora_cli.ui import render
from nora_cli.ui.asker import RATINGS, BaseAsker, command

ANSWER_HELP = "Enter twice to submit · empty answer = answered aloud · :skip · :quit · Ctrl-C stops"


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
            return Action.QUIT  # Ctrl-D at a terminal: the user stops, as with :quit
        action = command(text) if first else None
        if action is None and command(text) is Action.QUIT:
            action = Action.QUIT
        return action or text

    def pick(self, question: str, options: list[tuple[str, str]]) -> str | Action:
        import questionary

        choices = [questionary.Choice(label, value=value) for value, label in options]
        chosen = questionary.select(question, choices=choices).unsafe_ask()
        return "" if chosen is None else str(chosen)

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
