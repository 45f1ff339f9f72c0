"""Messages at 40 and 100 columns: prose wraps between words, and what the user types or
looks up (a command, an id, a path, a `file:line:` place, a date) is never split; a command
longer than the line is continued with backslashes, so it still pastes as one."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from helpers import attempt
from rich.console import Console

from nora_cli.ui.prose import command_lines, say, whole, wrap

Paint = Callable[[Console], None]


def draw(width: int, paint: Paint) -> list[str]:
    out = io.StringIO()
    paint(Console(file=out, width=width, color_system=None, highlight=False))
    return [line.rstrip() for line in out.getvalue().splitlines()]


def pasted(lines: list[str]) -> list[str]:
    """The lines as a shell reads them: a trailing backslash joins a line to the next."""
    return re.sub(r" \\\n *", " ", "\n".join(lines)).splitlines()


def unbroken(lines: list[str], token: str) -> bool:
    return any(token in line for line in pasted(lines))


WARNING = (
    "warning: my-prep.yaml:14: card 'a-card': unknown key 'kin' in a card (known: answer, "
    "category, difficulty, id, key_points, kind, pitfalls, prompt)"
)


@pytest.mark.parametrize("width", [40, 100])
def test_a_warning_wraps_between_words_under_its_start(width: int) -> None:
    from nora_cli.ui.render import lines

    shown = draw(width, lambda c: lines(c, [WARNING], style="yellow"))
    assert all(len(line) <= width for line in shown)
    assert shown[0].startswith("warning: my-prep.yaml:14: card")
    assert all(line.startswith("  ") for line in shown[1:])
    assert " ".join(" ".join(shown).split()) == WARNING  # no word lost or split


CHECK = "nora decks validate /tmp/wrap-home/decks/my-prep2.yaml"


@pytest.mark.parametrize("width", [40, 100])
def test_a_command_too_long_for_its_line_is_continued_with_backslashes(width: int) -> None:
    message = f"Edit it, then check it with: {whole(CHECK)}"
    shown = draw(width, lambda c: say(c, message))
    if width == 100:
        assert shown == [f"Edit it, then check it with: {CHECK}"]  # as it always was
    else:
        assert shown == [
            "Edit it, then check it with:",
            "nora decks validate \\",
            "  /tmp/wrap-home/decks/my-prep2.yaml",
        ]
    assert unbroken(shown, CHECK)


@pytest.mark.parametrize("width", [40, 100])
def test_a_command_under_a_deep_indent_moves_left_rather_than_break(width: int) -> None:
    """`nora ai status` at 40 columns: the command does not fit under its label's indent."""
    label = "Model:".ljust(18)
    message = f"{label}not set; `nora config set ai.model NAME` turns it on"
    shown = draw(width, lambda c: say(c, message, hang=18))
    assert all(len(line) <= width for line in shown)
    assert unbroken(shown, "`nora config set ai.model NAME`")
    assert shown[-1].startswith(" " * 18) if width == 40 else shown == [message]


def test_a_long_path_gets_a_line_of_its_own_whole() -> None:
    path = "/tmp/a-rather-long-folder/with-a-deck-inside/my-interview-prep.yaml"
    shown = draw(40, lambda c: say(c, f"3 attempts in {path} so far", hang=2))
    assert shown == ["3 attempts in", path, "  so far"]


@pytest.mark.parametrize("width", range(20, 41, 4))
def test_dates_are_never_split(width: int) -> None:
    message = "Next review on Mon 14 Dec at 09:00; last done 2026-11-12 12:00, after a long day"
    shown = wrap(message, width).plain.splitlines()
    assert any("Mon 14 Dec at 09:00" in line for line in shown)
    assert any("2026-11-12 12:00" in line for line in shown)


LLM = 'nora drill technical --category "LLM and Generative AI Engineering" --weak'


@pytest.mark.parametrize("width", [40, 100])
def test_a_quoted_category_longer_than_its_indent_keeps_its_closing_quote(width: int) -> None:
    """`nora stats` weakest areas: the quoted category moves left instead of the terminal
    folding its closing quote onto a line of its own."""
    shown = command_lines(LLM, width)
    assert all(len(line) <= width for line in shown)
    assert [line.strip() for line in pasted(shown)] == [LLM]
    assert all(line.strip() not in ('" \\', '"') for line in shown)


def test_the_history_table_keeps_category_and_points_at_100_columns() -> None:
    from nora_cli.ui.render import history_table

    at = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)
    rows = [
        attempt("beh-amazon-customer-feedback-changed-model", 3, at, category="Behavioral",
                mode="behavioral"),
        attempt("train-complex-model-latency-tradeoff", 2, at, seconds=500,
                category="Model Selection and Training"),
    ]  # fmt: skip
    shown = draw(100, lambda c: history_table(c, rows))
    header = next(line for line in shown if line.startswith(("Card", " Card")))
    assert "Category" in header and "Points" in header
    assert all(len(line) <= 100 for line in shown)


def summary(rated: int, skipped: int) -> Paint:
    from nora_cli.core.summary import DrillSummary
    from nora_cli.ui.summary_view import drill_summary

    done = DrillSummary(2, rated, skipped, 0, 10.0, 0, 0, {}, 0, [])
    return lambda c: drill_summary(c, done, Path("h/history.jsonl"), stopped="You quit the drill.")


@pytest.mark.parametrize(("rated", "skipped", "told"), [(0, 0, False), (1, 0, True), (0, 1, True)])
def test_the_summary_names_the_history_only_when_something_was_saved(
    rated: int, skipped: int, told: bool
) -> None:
    shown = draw(100, summary(rated, skipped))
    assert ("History saved in h/history.jsonl" in shown) is told


@pytest.mark.parametrize(
    ("sessions", "label"),
    [((3,), "session 3"), ((1, 2), "sessions 1 and 2"), ((4, 5, 6), "sessions 4, 5 and 6"),
     ((), "review")],
)  # fmt: skip
def test_a_calendar_day_names_its_sessions_in_agreement(
    sessions: tuple[int, ...], label: str
) -> None:
    from datetime import date

    from nora_cli.app.plan import _day_label
    from nora_cli.core.plan import CalendarDay

    assert _day_label(CalendarDay(date(2026, 12, 1), sessions)) == label
