"""The story bank and projects: add, edit through a fake editor, remove, damaged files."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nora_cli.app import notebook as notebook_app
from nora_cli.cli import app
from nora_cli.core import notebook
from nora_cli.core.errors import StoreError
from nora_cli.store import notebook as notebook_store

runner = CliRunner()

STORY_YAML = """\
title: Rolled back a churn model
situation: Retention emails went to the wrong users after a feature broke.
task: I owned the model.
action: I rolled back, fixed the join and added a freshness check.
result: Targeting recovered the same day.
impact: Restored a 4% retention lift within 2 hours
themes: [incident, degradation-after-launch]
"""


def add_story(tmp_path: Path, text: str = STORY_YAML) -> str:
    path = tmp_path / "story.yaml"
    path.write_text(text)
    result = runner.invoke(app, ["stories", "add", "--from-file", str(path)])
    assert result.exit_code == 0, result.output
    return result.output


def test_add_list_show_and_json(tmp_path: Path, nora_home: Path) -> None:
    assert "Saved story 'rolled-back-a-churn-model'" in add_story(tmp_path)
    listed = runner.invoke(app, ["stories", "list"]).output
    assert "rolled-back-a-churn-model" in listed
    shown = runner.invoke(app, ["stories", "show", "rolled"]).output
    assert "Measurable impact: Restored a 4% retention lift within 2 hours" in shown
    rows = json.loads(runner.invoke(app, ["stories", "list", "--json"]).output)
    assert rows[0]["themes"] == ["incident", "degradation-after-launch"]
    assert rows[0]["times_used"] == 0
    record = json.loads((nora_home / "stories.jsonl").read_text().splitlines()[0])
    assert record["schema"] == 1 and record["op"] == "put"


def test_invalid_story_lists_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("title: ''\nthemes: [astrology]\nmood: happy\n")
    result = runner.invoke(app, ["stories", "add", "--from-file", str(path)])
    assert result.exit_code == 2
    with pytest.raises(StoreError) as info:
        notebook_app.from_yaml(notebook.STORY, path.read_text(), str(path))
    assert len(info.value.details) == 3
    assert any("'astrology' is not a theme" in d for d in info.value.details)


def test_add_needs_a_terminal_or_a_file() -> None:
    result = runner.invoke(app, ["stories", "add"], input="")
    assert result.exit_code == 1


def test_edit_with_a_fake_editor_keeps_every_version(
    tmp_path: Path, nora_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_story(tmp_path)
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "p.write_text(p.read_text().replace('churn model', 'retention model'))\n"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    result = runner.invoke(app, ["stories", "edit", "rolled-back-a-churn-model"])
    assert result.exit_code == 0, result.output
    story = notebook_store.read(notebook.STORY).notes["rolled-back-a-churn-model"]
    assert story.title == "Rolled back a retention model"
    assert len((nora_home / "stories.jsonl").read_text().splitlines()) == 2


def test_edit_that_breaks_the_story_saves_nothing(
    tmp_path: Path, nora_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_story(tmp_path)
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys, pathlib\npathlib.Path(sys.argv[1]).write_text('title: [unclosed\\n')\n"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    result = runner.invoke(app, ["stories", "edit", "rolled"])
    assert result.exit_code == 2
    assert len((nora_home / "stories.jsonl").read_text().splitlines()) == 1


def test_remove_needs_confirmation_and_keeps_the_log(tmp_path: Path, nora_home: Path) -> None:
    add_story(tmp_path)
    assert runner.invoke(app, ["stories", "remove", "rolled"]).exit_code == 1
    assert runner.invoke(app, ["stories", "remove", "rolled", "--yes"]).exit_code == 0
    assert notebook_store.read(notebook.STORY).notes == {}
    assert len((nora_home / "stories.jsonl").read_text().splitlines()) == 2


def test_coverage_lists_themes_with_and_without_stories(tmp_path: Path) -> None:
    add_story(tmp_path)
    out = runner.invoke(app, ["stories", "coverage"]).output
    assert "✓ A production incident" in out and "✗ Bad data" in out
    assert "2 of 10 themes have a story." in out


def test_a_damaged_stories_file_is_read_as_far_as_it_goes(tmp_path: Path, nora_home: Path) -> None:
    add_story(tmp_path)
    add_story(tmp_path, STORY_YAML.replace("churn", "fraud"))
    path = nora_home / "stories.jsonl"
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) - 40])  # cut in half through the second record
    read = notebook_store.read(notebook.STORY)
    assert list(read.notes) == ["rolled-back-a-churn-model"]
    assert len(read.warnings) == 1 and ":2: skipped an unfinished last line" in read.warnings[0]
    newer = {"schema": 99, "op": "put", "id": "x", "at": "2026-01-01T00:00:00Z", "values": {}}
    path.write_bytes(whole + (json.dumps(newer) + "\n").encode())
    with pytest.raises(StoreError, match="newer nora"):
        notebook_store.read(notebook.STORY)


def test_projects_add_and_template(tmp_path: Path) -> None:
    template = runner.invoke(app, ["projects", "template"]).output
    assert "baseline: |-" in template and "ownership: |-" in template
    path = tmp_path / "p.yaml"
    path.write_text("name: Fraud model\nbaseline: The rules engine\nimpact: 25% lower losses\n")
    assert runner.invoke(app, ["projects", "add", "-f", str(path)]).exit_code == 0
    assert "Fraud model" in runner.invoke(app, ["projects", "list"]).output


def test_project_fields_match_the_deck_format() -> None:
    from nora_cli.core.models import PROJECT_FIELDS

    assert tuple(f.key for f in notebook.PROJECT.fields) == PROJECT_FIELDS
