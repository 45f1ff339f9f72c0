"""`--quick` shortens a mock interview; a mode without stages refuses it."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from nora_cli.cli import app

runner = CliRunner()


def test_quick_in_a_mode_without_stages_is_a_usage_error(nora_home: Path) -> None:
    result = runner.invoke(app, ["drill", "technical", "--quick", "--plain"], input="")
    assert result.exit_code == 1
    said = " ".join(result.output.split())
    assert "--quick shortens a mock interview" in said and "nora drill standard --quick" in said
    assert not (nora_home / "history.jsonl").exists()
