"""Whole commands at 40 and 100 columns, as `nora` prints them: every line fits (a line longer
than the terminal is one id or path, printed whole), prose wraps between words, and a
command, a `file:line:` place or a path is never split. At 100 columns a message that fits
is printed on one line, as it always was."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from nora_cli.cli import app

runner = CliRunner()
WIDTHS = (40, 100)
IMPORTS = Path(__file__).parents[1] / "data" / "import"


def screen(width: int, *args: str, code: int = 0, given: str | None = None) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": str(width)}, input=given)
    assert result.exit_code == code, result.output
    return result.output


def pasted(text: str) -> list[str]:
    """The lines as a shell reads them: a trailing backslash joins a line to the next."""
    return re.sub(r" \\\n *", " ", text).splitlines()


def unbroken(text: str, token: str) -> bool:
    return any(token in line for line in pasted(text))


def fits(text: str, width: int) -> bool:
    """Every line fits the width, but for one that is a single word (an id or a path)."""
    return all(len(line) <= width or " " not in line.strip() for line in text.splitlines())


def prose(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("command", "said"), [("history", "No attempts yet."),
                                               ("stats", "No practice yet.")])  # fmt: skip
def test_an_empty_history_says_how_to_start(width: int, command: str, said: str) -> None:
    shown = screen(width, command)
    assert fits(shown, width) and unbroken(shown, "nora drill technical")
    if width == 100:
        assert shown == f"{said} Start with: nora drill technical\n"


@pytest.mark.parametrize("width", WIDTHS)
def test_a_new_deck_names_the_commands_to_check_and_drill_it(nora_home: Path, width: int) -> None:
    shown = screen(width, "decks", "new", "my-prep2")
    path = nora_home / "decks" / "my-prep2.yaml"
    assert fits(shown, width)
    assert unbroken(shown, f"nora decks validate {path}")
    assert unbroken(shown, "nora drill technical --deck my-prep2")


BROKEN = """\
id: my-prep
title: My prep
description: Mine.
cards:
  - id: first-card
    category: Mine
    kind: concept
    difficulty: 1
    prompt: What is my first question?
    answer: My answer.
    key_points: [one point here, two points here, three points here]
  - id: second-card
    category: Mine
    kin: concept
    difficulty: 1
    prompt: What is my second question?
    answer: My answer.
    key_points: [one point here, two points here, three points here]
"""


@pytest.fixture
def broken_deck(nora_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A deck of the user's with problems on lines 12 and 14 (printed relative to the
    folder nora runs in)."""
    folder = nora_home / "decks"
    folder.mkdir(parents=True)
    (folder / "my-prep.yaml").write_text(BROKEN)
    monkeypatch.chdir(nora_home)
    return folder / "my-prep.yaml"


@pytest.mark.parametrize("width", WIDTHS)
def test_validate_never_splits_a_place_or_a_word(broken_deck: Path, width: int) -> None:
    shown = screen(width, "decks", "validate", code=2)
    assert fits(shown, width)
    assert any(line.startswith("error: decks/my-prep.yaml:12: ") for line in shown.splitlines())
    assert any(line.startswith("warning: decks/my-prep.yaml:14: ") for line in shown.splitlines())
    assert "kind," in shown.split() and "pitfalls," in shown.split()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_skipped_deck_warning_fits(broken_deck: Path, width: int) -> None:
    shown = screen(width, "stats")
    assert fits(shown, width)
    assert "this deck file of yours was skipped" in prose(shown)
    assert unbroken(shown, "`nora decks validate`")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_damaged_history_line_is_reported_in_words_that_fit(nora_home: Path, width: int) -> None:
    nora_home.mkdir(parents=True, exist_ok=True)
    (nora_home / "history.jsonl").write_text('{"broken": tr')
    shown = screen(width, "history")
    assert fits(shown, width)
    assert "skipped an unfinished last line" in prose(shown)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("verbose", [False, True])
def test_import_reports_fit_and_verbose_does_not_point_at_itself(
    nora_home: Path, tmp_path: Path, width: int, verbose: bool
) -> None:
    source = tmp_path / "emoji_bold.md"
    shutil.copy(IMPORTS / "emoji_bold.md", source)
    shown = screen(width, "decks", "import", str(source), *(["--verbose"] if verbose else []))
    assert fits(shown, width)
    assert "2 blocks outside any question dropped" in prose(shown)
    assert ("(--verbose lists them)" in prose(shown)) is not verbose
    assert "proposed" in shown.split() and "'key_points_derived: true';" in prose(shown)
    assert unbroken(shown, f"`nora decks validate {nora_home / 'decks' / 'emoji-bold.yaml'}`")


@pytest.mark.parametrize("width", WIDTHS)
def test_ai_status_keeps_the_command_that_turns_it_on_whole(width: int) -> None:
    shown = screen(width, "ai", "status")
    assert fits(shown, width) and unbroken(shown, "`nora config set ai.model NAME`")


@pytest.mark.parametrize("width", WIDTHS)
def test_config_set_names_the_file_whole(nora_home: Path, width: int) -> None:
    shown = screen(width, "config", "set", "plain", "yes")
    assert fits(shown, width) and unbroken(shown, str(nora_home / "config.toml"))
    assert prose(shown).startswith("plain = true (saved in ")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_deck_id_with_spaces_is_refused_with_one_that_works(width: int) -> None:
    shown = screen(width, "decks", "new", "My Interview Prep", code=1)
    assert fits(shown, width)
    assert prose(shown).endswith("such as my-interview-prep")


def test_quitting_before_any_answer_does_not_claim_a_history_was_saved() -> None:
    shown = screen(100, "drill", "technical", "--plain", "-n", "2", given=":quit\n")
    assert "You quit the drill." in shown and "History saved" not in shown


def commands(command: object, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [path]
    for name, sub in getattr(command, "commands", {}).items():
        found += commands(sub, (*path, name))
    return found


def quoted_in_help(path: tuple[str, ...]) -> list[str]:
    """Every `quoted` command in the help of this command and its options and arguments."""
    command = get_command(app)
    for name in path:
        command = command.commands[name]  # type: ignore[attr-defined]
    texts = [command.help or "", *(getattr(p, "help", "") or "" for p in command.params)]
    texts += [sub.help or "" for sub in getattr(command, "commands", {}).values()]
    return re.findall(r"`[^`]+`", " ".join(" ".join(texts).split()))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", commands(get_command(app)), ids=lambda p: " ".join(p) or "nora")
def test_help_never_splits_a_quoted_command_an_id_or_an_option(
    path: tuple[str, ...], width: int
) -> None:
    shown = screen(width, *path, "-h")
    assert all(len(line) <= width for line in shown.splitlines()), shown
    for command in quoted_in_help(path):
        assert unbroken(shown, command), (command, shown)
    # A line never ends inside a hyphenated word ('salary-' / 'negotiation').
    assert not re.search(r"\w-\n", shown), shown


def test_the_decks_summary_names_every_subcommand() -> None:
    summary = prose(screen(100, "-h")).partition(" decks ")[2].partition(" history ")[0]
    assert all(word in summary for word in ("List", "check", "create", "import", "export"))
    assert "schema" in summary
