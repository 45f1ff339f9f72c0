"""`nora decks import` and `nora decks export` through the CLI: what they report and which
files they refuse to overwrite."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from nora_cli.cli import app
from nora_cli.decks.check import DERIVED_FIELD
from tests.interchange.import_helpers import DATA

runner = CliRunner()


def test_import_reports_key_points_and_how_to_review_them(nora_home: Path) -> None:
    result = runner.invoke(app, ["decks", "import", str(DATA / "emoji_bold.md"), "--id", "data"])
    assert result.exit_code == 0, result.output
    target = nora_home / "decks" / "data.yaml"
    assert f"Imported 9 cards into {target}" in result.output
    assert "Key points: 7 of 9 cards have them; 1 taken from the answers' lists, 6 proposed" in (
        result.output
    )
    assert f"'{DERIVED_FIELD}: true'" in result.output
    assert f"nora decks validate {target}" in result.output
    assert "2 cards got no key points" in result.output
    assert target.read_text(encoding="utf-8").count(f"{DERIVED_FIELD}: true") == 6


def test_verbose_lists_every_dropped_block_with_its_line(nora_home: Path) -> None:
    quiet = runner.invoke(app, ["decks", "import", str(DATA / "nested_numbered.md")])
    assert "line 31" not in quiet.output
    result = runner.invoke(
        app, ["decks", "import", str(DATA / "nested_numbered.md"), "--force", "--verbose"]
    )
    assert result.exit_code == 0, result.output
    assert "Dropped (3):" in result.output
    assert "line 31: Not a question, a note on notation. (list item that asks nothing)" in (
        result.output
    )


def test_import_refuses_to_overwrite_without_force(nora_home: Path, tmp_path: Path) -> None:
    out = tmp_path / "mine.yaml"
    out.write_text("keep me")
    refused = runner.invoke(app, ["decks", "import", str(DATA / "details.md"), "-o", str(out)])
    assert refused.exit_code == 1 and "--force" in refused.output
    assert out.read_text() == "keep me"
    forced = runner.invoke(
        app, ["decks", "import", str(DATA / "details.md"), "-o", str(out), "--force"]
    )
    assert forced.exit_code == 0 and out.read_text().startswith("# yaml-language-server")


@pytest.mark.parametrize("fmt", ["markdown", "csv", "anki"])
def test_export_refuses_to_overwrite_without_force(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"deck.{fmt}"
    out.write_text("keep me")
    args = ["decks", "export", "statistics", "-f", fmt, "-o", str(out)]
    refused = runner.invoke(app, args)
    assert refused.exit_code == 1 and "--force" in refused.output
    assert out.read_text() == "keep me"
    forced = runner.invoke(app, [*args, "--force"])
    assert forced.exit_code == 0, forced.output
    assert out.stat().st_size > len("keep me")


def test_export_to_a_new_file_needs_no_force(tmp_path: Path) -> None:
    out = tmp_path / "new.md"
    result = runner.invoke(app, ["decks", "export", "statistics", "-o", str(out)])
    assert result.exit_code == 0 and out.read_text().startswith("# ")
