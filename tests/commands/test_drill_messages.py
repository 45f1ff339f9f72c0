"""What a drill says before it starts: a short draw explains itself."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from nora_cli.cli import app

runner = CliRunner()


def flat(text: str) -> str:
    return " ".join(text.split())


def test_a_drill_short_of_cards_says_why(fixture_questions: Path, nora_home: Path) -> None:
    # The fixture's technical mode has three cards.
    every = runner.invoke(app, ["drill", "technical", "-n", "5", "--plain"], input="")
    assert "3 cards of the 5 asked for: no other card matches." in flat(every.output)
    limited = runner.invoke(
        app, ["drill", "technical", "-n", "3", "--new", "1", "--plain"], input=""
    )
    assert "Your first drill" in limited.output
    assert (
        "1 card of the 3 asked for: the rest would be new cards, beyond today's limit of 1. "
        "Add `--new 3` for 2 more new cards (1 new card so far today)." in flat(limited.output)
    )
    enough = runner.invoke(app, ["drill", "technical", "-n", "2", "--plain"], input="")
    assert "asked for" not in enough.output
