"""The daily new-card limit: plan sessions and the mock interview are not held to it, and
every hint about it names a --new value that draws more cards (the limit is a daily total)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from helpers import attempt
from typer.testing import CliRunner

from nora_cli.cli import app
from nora_cli.store import history

runner = CliRunner()
RATE_ALL = "my answer\n\nall\n3\n"


def flat(text: str) -> str:
    return " ".join(text.split())


def new_cards_today(home: Path, count: int) -> None:
    """`count` cards entered the review schedule today (cards of no deck, so none is due or
    weak in any drill)."""
    home.mkdir(parents=True, exist_ok=True)
    now = datetime.now(UTC) - timedelta(minutes=1)
    for n in range(count):
        history.append(attempt(f"elsewhere-{n}", 3, now, n=n), home / "history.jsonl")


def test_a_plan_session_draws_all_its_cards_after_the_days_new_cards(nora_home: Path) -> None:
    new_cards_today(nora_home, 15)
    run = runner.invoke(app, ["plan", "start", "1", "--plain"], input=RATE_ALL * 10)
    assert run.exit_code == 0, run.output
    said = flat(run.output)
    assert "Technical drill: 10 cards" in said
    assert "--new" not in said and "today's limit" not in said
    assert "Session 1 is done" in said


def test_the_mock_interview_is_not_held_to_the_limit_and_says_nothing_of_it(
    nora_home: Path,
) -> None:
    new_cards_today(nora_home, 15)
    run = runner.invoke(app, ["drill", "standard", "--quick", "--plain"], input="")
    said = flat(run.output)
    assert "7 cards in 7 stages" in said
    assert "today's limit" not in said and "--new" not in said


def test_an_empty_draw_names_a_new_total_that_draws_cards(nora_home: Path) -> None:
    new_cards_today(nora_home, 15)
    empty = runner.invoke(app, ["drill", "behavioral", "-n", "3", "--plain"], input="")
    said = flat(empty.output)
    assert "No cards to draw" in said
    assert "--new 18" in said and "--new 5" not in said
    again = runner.invoke(
        app, ["drill", "behavioral", "-n", "3", "--new", "18", "--plain"], input=""
    )
    assert "Behavioral drill: 3 cards" in flat(again.output)


def test_a_short_draw_names_the_new_total_for_the_rest(nora_home: Path) -> None:
    new_cards_today(nora_home, 14)
    asked = ["drill", "technical", "-c", "Statistics and Probability", "-n", "3", "--plain"]
    short = runner.invoke(app, asked, input="")
    said = flat(short.output)
    assert "1 card of the 3 asked for: the rest would be new cards" in said
    assert "--new 17" in said and "--new N" not in said
    whole = runner.invoke(app, [*asked, "--new", "17"], input="")
    assert "Technical drill: 3 cards" in flat(whole.output)


def test_a_full_draw_past_the_limit_names_a_total_above_the_days(nora_home: Path) -> None:
    new_cards_today(nora_home, 15)
    seen = datetime.now(UTC) - timedelta(minutes=1)
    history.append(attempt("cm-precision-vs-recall", 3, seen, n=99), nora_home / "history.jsonl")
    run = runner.invoke(app, ["drill", "technical", "-n", "1", "--plain"], input="")
    said = flat(run.output)
    assert "You have met today's limit of 15 new cards" in said
    assert "--new 17" in said  # 16 new today (the seeded card too), one more for this drill


def test_new_in_the_mock_interview_is_said_to_be_ignored(nora_home: Path) -> None:
    run = runner.invoke(app, ["drill", "standard", "--quick", "--new", "0", "--plain"], input="")
    said = flat(run.output)
    assert "Standard mode gives each stage its cards, new or not: --new is ignored." in said
    assert "7 cards in 7 stages" in said


def test_the_help_says_who_is_held_to_the_limit() -> None:
    drill = flat(runner.invoke(app, ["drill", "--help"], env={"COLUMNS": "200"}).output)
    assert "Plan sessions and the mock interview are not held to it" in drill
    plan = flat(runner.invoke(app, ["plan", "start", "--help"], env={"COLUMNS": "200"}).output)
    assert "not held to the daily new-card limit" in plan
