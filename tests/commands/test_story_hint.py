"""A drill that asks behavioral questions of a user with no stories points at the story bank."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from nora_cli.cli import app

runner = CliRunner()


def test_a_behavioral_drill_without_stories_points_at_the_story_bank(nora_home: Path) -> None:
    result = runner.invoke(app, ["drill", "behavioral", "-n", "1", "--seed", "1"], input="q\n")
    assert "nora stories add" in " ".join(result.output.split())
    technical = runner.invoke(app, ["drill", "technical", "-n", "1", "--seed", "1"], input="q\n")
    assert "nora stories add" not in " ".join(technical.output.split())
