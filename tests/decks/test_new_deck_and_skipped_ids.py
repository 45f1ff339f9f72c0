"""`nora decks new` never hides a shipped deck; a broken deck of yours asked for by its id says
what is wrong with its file; a command warns about a broken deck once."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from nora_cli.cli import app

runner = CliRunner()


def said(output: str) -> str:
    return " ".join(output.split())


def test_decks_new_refuses_the_id_of_a_shipped_deck(nora_home: Path) -> None:
    result = runner.invoke(app, ["decks", "new", "coding"])
    assert result.exit_code == 1
    assert not (nora_home / "decks" / "coding.yaml").exists()
    text = said(result.output)
    assert (
        "error: 'coding' is the id of a shipped deck (19 cards); a deck of yours with that "
        "id would replace it. Choose another id, such as my-coding" in text
    )
    assert "to change the shipped deck itself, copy" in text and "coding.yaml into" in text
    drill = runner.invoke(app, ["drill", "technical", "--deck", "coding", "-n", "3"], input="")
    assert "of the 3 asked for" not in drill.output


def test_decks_new_refuses_the_id_of_a_deck_of_yours_in_another_file(nora_home: Path) -> None:
    assert runner.invoke(app, ["decks", "new", "mine"]).exit_code == 0
    (nora_home / "decks" / "mine.yaml").rename(nora_home / "decks" / "other-name.yaml")
    result = runner.invoke(app, ["decks", "new", "mine"])
    assert result.exit_code == 1
    assert f"your deck {nora_home / 'decks' / 'other-name.yaml'} already has the id 'mine'" in (
        said(result.output)
    )


def broken(nora_home: Path, name: str = "mine") -> Path:
    folder = nora_home / "decks"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text('id: yaml-err\ntitle: X\ndescription: y\ncards:\n  - id: a\n    prompt: "no\n')
    return path


def test_a_broken_deck_asked_for_by_its_id_names_the_files_problem(nora_home: Path) -> None:
    path = broken(nora_home)
    result = runner.invoke(app, ["drill", "technical", "--deck", "yaml-err"], input="")
    assert result.exit_code == 2, result.output
    text = said(result.output)
    assert f"error: {path}:6: YAML syntax error at column 13" in text
    assert "warning:" not in text  # the deck asked for is the error, said once
    assert "is not in Technical mode" not in text


def test_plan_next_warns_about_a_broken_deck_once(nora_home: Path) -> None:
    path = broken(nora_home)
    result = runner.invoke(app, ["plan", "next", "--plain"], input="")
    assert said(result.output).count(f"warning: {path}:6: YAML syntax error") == 1


def test_plan_next_reports_damaged_history_lines_once(nora_home: Path) -> None:
    nora_home.mkdir(parents=True, exist_ok=True)
    (nora_home / "history.jsonl").write_text('{"broken\n')
    result = runner.invoke(app, ["plan", "next", "--plain"], input="")
    assert said(result.output).count("1 damaged line in the history") == 1
