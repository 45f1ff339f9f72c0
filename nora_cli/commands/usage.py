"""Command-line mistakes in nora's words, and help that fits the terminal.

Click words a bad choice as "Invalid value for '--format' / '-f': Value error, 'pdf' is not
one of 'csv', 'json'."; nora says "--format must be csv or json, not 'pdf'".
"""

from __future__ import annotations

import re
import shutil
import textwrap
from typing import Any

from typer import BadParameter, TyperException
from typer._click.formatting import HelpFormatter

CHOICE = re.compile(r"^(?P<value>.*) is not one of .*$", re.DOTALL)
NUMBER = re.compile(r"^(?P<value>.*) is not a valid int", re.DOTALL)
WIDEST_HELP = 100
MARGIN = 2


def help_width() -> int:
    """Help text fills the terminal (a two-column margin), up to WIDEST_HELP columns."""
    return max(20, min(shutil.get_terminal_size().columns, WIDEST_HELP) - MARGIN)


def is_usage_error(error: TyperException) -> bool:
    """A mistake on the command line (Click's UsageError and its kinds carry the context),
    but not the request for help that `nora drill` with no mode is."""
    return hasattr(error, "ctx") and type(error).__name__ != "NoArgsIsHelpError"


def describe(error: TyperException) -> str:
    """One line saying what is wrong with the command line."""
    message = error.message.strip().removeprefix("Value error, ")
    if not isinstance(error, BadParameter) or error.param is None:
        return message.rstrip(".")
    name = parameter_name(error.param)
    if type(error).__name__ == "MissingParameter":
        return f"{name} is missing"
    choices = _choices(error.param)
    found = CHOICE.match(message)
    if choices and found:
        return f"{name} must be {either(choices)}, not {found.group('value')}"
    found = NUMBER.match(message)
    if found:
        return f"{name} must be a whole number, not {found.group('value')}"
    if message.startswith("must "):
        return f"{name} {message}"
    return f"{name}: {message.rstrip('.')}"


def parameter_name(param: Any) -> str:
    """'--format' for an option (its long name), 'MODE' for an argument."""
    opts = [str(o) for o in getattr(param, "opts", []) or []]
    if getattr(param, "param_type_name", "") == "option" and opts:
        return next((o for o in opts if o.startswith("--")), opts[0])
    name = getattr(param, "metavar", None) or getattr(param, "name", None) or "argument"
    return str(name).upper()


def either(choices: list[str]) -> str:
    """'csv or json', 'a, b or c'."""
    if len(choices) == 1:
        return choices[0]
    return ", ".join(choices[:-1]) + " or " + choices[-1]


def _choices(param: Any) -> list[str]:
    from enum import Enum

    choices = getattr(getattr(param, "type", None), "choices", None) or ()
    return [c.value if isinstance(c, Enum) else str(c) for c in choices]


class UnknownName(BadParameter):
    """A name that is none of the `known` ones; the accepted name closest to it (among
    `names`, which may add aliases) is suggested in the hint."""

    def __init__(self, value: str, known: list[str], names: list[str]) -> None:
        import difflib

        close = difflib.get_close_matches(value.strip().lower(), names, n=1)
        self.suggestion = close[0] if close else ""
        super().__init__(f"must be {either(known)}, not '{value}'")


def hint(error: TyperException) -> str:
    """'Try 'nora history export -h' for help.', after 'Did you mean ...?' for a mistyped
    name; nothing without a command."""
    ctx = getattr(error, "ctx", None)
    if ctx is None:
        return ""
    suggestion = getattr(error, "suggestion", "")
    guess = f"Did you mean '{suggestion}'? " if suggestion else ""
    return f"{guess}Try '{ctx.command_path} -h' for help."


NARROW_HELP = 60
EXAMPLE = "Example:"


# Stand-ins that wrapping treats as letters, so help text never breaks a line inside a
# `quoted` command or at the hyphen of an id or option; `getvalue` puts the real ones back.
KEPT_SPACE, KEPT_HYPHEN = "\u00a0", "\u2011"
QUOTED = re.compile(r"`[^`]+`")


def unbreakable(text: str) -> str:
    """The text with no line break allowed inside a `quoted` command or at a hyphen."""
    text = QUOTED.sub(lambda m: m.group().replace(" ", KEPT_SPACE), text)
    return text.replace("-", KEPT_HYPHEN)


class NarrowFormatter(HelpFormatter):
    """Below NARROW_HELP columns each option's help goes on the lines under its name, so the
    help keeps most of the width instead of a sliver beside a long option. At any width a
    `quoted` command, an id and an option stay whole on one line."""

    def write_text(self, text: str) -> None:
        """Paragraphs are wrapped, but an example command is kept whole on its line."""
        paragraphs = text.split("\n\n")
        for number, paragraph in enumerate(paragraphs):
            if paragraph.lstrip().startswith(EXAMPLE):
                self.write_example(" ".join(paragraph.split()))
            else:
                super().write_text(unbreakable(paragraph))
            if number < len(paragraphs) - 1:
                self.write("\n")

    def write_example(self, line: str) -> None:
        """'Example: nora ...' on one line; where that would not fit, the command goes on
        the lines under 'Example:', whole, or broken between shell words with backslashes
        when it is longer than a line (the margin is used before the command is broken)."""
        indent = " " * self.current_indent
        if self.width is None or len(indent) + len(line) <= self.width:
            self.write(f"{indent}{line}\n")
            return
        command = line.removeprefix(EXAMPLE).strip()
        self.write(f"{indent}{EXAMPLE}\n")
        if len(indent) + len(command) <= self.width + MARGIN:
            self.write(f"{indent}{command}\n")
            return
        from nora_cli.ui.prose import command_lines

        for part in command_lines(command, self.width + MARGIN, self.current_indent):
            self.write(f"{part}\n")

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = [(first, unbreakable(second)) for first, second in rows]
        if self.width >= NARROW_HELP:
            super().write_dl(rows, col_max, col_spacing)
            return
        indent = self.current_indent + 4
        room = max(10, self.width - indent)
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}\n")
            for line in textwrap.wrap(second, room, break_on_hyphens=False, break_long_words=False):
                self.write(f"{'':>{indent}}{line}\n")

    def getvalue(self) -> str:
        return super().getvalue().replace(KEPT_SPACE, " ").replace(KEPT_HYPHEN, "-")


def fit_help(command: Any) -> None:
    """Every command below `command`: a summary for the Commands list (the first sentence of
    its help, whole: Click would cut it with '...' and the list wraps it instead) and help
    laid out for the terminal's width."""
    for sub in getattr(command, "commands", {}).values():
        if not sub.short_help and sub.help:
            paragraph = sub.help.strip().split("\n\n")[0]
            sentence = re.split(r"(?<=[.!?])\s", " ".join(paragraph.split()))[0]
            sub.short_help = sentence
        fit_context(sub)
        fit_help(sub)


def fit_context(command: Any) -> None:
    base = command.context_class
    if not issubclass(base.formatter_class, NarrowFormatter):
        command.context_class = type(base.__name__, (base,), {"formatter_class": NarrowFormatter})
