"""The data folder's README.txt names every file nora leaves there, and stays current."""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path

from typer.testing import CliRunner

from nora_cli.cli import app
from nora_cli.store import paths

runner = CliRunner()


def named_in_readme() -> list[str]:
    """The names and patterns that start a line of the README ('decks/', '*.lock', ...)."""
    return [m.group(1) for m in re.finditer(r"^(\S+)", paths.DATA_README, re.M)]


def described(name: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatch(name, p.rstrip("/")) for p in patterns)


def test_every_file_a_session_leaves_is_described(
    fixture_questions: Path, nora_home: Path, tmp_path: Path
) -> None:
    story = tmp_path / "story.yaml"
    story.write_text("title: A story\nthemes: [incident]\n")
    project = tmp_path / "project.yaml"
    project.write_text("name: A project\n")
    for args, stdin in [
        (["drill", "technical", "-n", "1", "--plain"], "an answer\n\n1\n3\n"),
        (["stories", "add", "--from-file", str(story)], None),
        (["projects", "add", "--from-file", str(project)], None),
        (["config", "set", "plain", "true"], None),
        (["decks", "new", "my-deck"], None),
    ]:
        assert runner.invoke(app, args, input=stdin).exit_code == 0, args
    # What an upgrade, a damaged cache and a killed write leave behind:
    for leftover in (
        "history.jsonl.backup-20261102T090000Z",
        "progress.json.damaged-20261102T090000Z",
        ".progress.json.x1y2.tmp",
    ):
        (nora_home / leftover).write_text("")  # fmt: skip
    (nora_home / "code" / "two-sum").mkdir(parents=True)
    patterns = named_in_readme()
    names = sorted(p.name for p in nora_home.iterdir())
    assert {"history.jsonl", "stories.jsonl", "projects.jsonl", "decks", "cache"} <= set(names)
    assert [n for n in names if not described(n, patterns)] == []


def test_a_readme_from_an_older_version_is_brought_up_to_date(nora_home: Path) -> None:
    nora_home.mkdir(parents=True)
    (nora_home / "README.txt").write_text("history.jsonl  your answers\n")
    paths.ensure_data_dir()
    assert (nora_home / "README.txt").read_text() == paths.DATA_README
