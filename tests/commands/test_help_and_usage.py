"""Help reads like a well-made CLI's, and command-line mistakes are reported in nora's own
format (one `error:` line and a hint, exit 1)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from nora_cli.cli import app

runner = CliRunner()
# Click's and Typer's own metavars: `<str>`, `<path>`, `<list[str]>`, `<anki|markdown|csv>`...
PYTHON_TYPE = re.compile(r"<[^<>\s]+(?: range)?>")
# ...and an argument named after its Python parameter: `{source}`, `[files]...`
LOWER_ARGUMENT = re.compile(r"[{\[][a-z_]+[}\]]")


@pytest.mark.parametrize(
    ("args", "message", "hint"),
    [
        (["history", "export", "--format", "pdf"], "error: --format must be csv or json, not 'pdf'",
         "Try 'nora history export -h' for help."),
        (["stats", "--by", "week"], "error: --by must be category or mode, not 'week'",
         "Try 'nora stats -h' for help."),
        (["drill", "technical", "-n", "0"], "error: --count must be from 1 to 200, not 0",
         "Try 'nora drill -h' for help."),
        (["history", "-n", "x"], "error: --limit must be a whole number, not 'x'",
         "Try 'nora history -h' for help."),
        (["config", "set"], "error: KEY is missing", "Try 'nora config set -h' for help."),
        (["--bogus"], "error: No such option: --bogus", "Try 'nora -h' for help."),
    ],
)  # fmt: skip
def test_usage_errors_in_nora_format(args: list[str], message: str, hint: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert result.output.splitlines() == [message, hint]


def commands(command: Any, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [path]
    for name, sub in getattr(command, "commands", {}).items():
        found += commands(sub, (*path, name))
    return found


ALL = commands(get_command(app))


@pytest.mark.parametrize("path", ALL, ids=lambda p: " ".join(p) or "nora")
def test_help_fits_and_shows_no_python_types(path: tuple[str, ...]) -> None:
    result = runner.invoke(app, [*path, "-h"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    # Summaries in a Commands list are whole sentences, wrapped rather than cut with "...".
    cut = [line for line in lines if line.rstrip().endswith("...") and "Usage:" not in line]
    assert not cut
    assert not PYTHON_TYPE.findall(result.output), result.output
    usage = result.output.split("\n\n")[0]
    assert not LOWER_ARGUMENT.findall(usage), usage
    arguments = result.output.partition("Arguments:\n")[2].partition("\n\n")[0]
    names = [line.split()[0] for line in arguments.splitlines() if line[2:3] not in ("", " ")]
    assert all(name.isupper() for name in names), names
    assert all(len(line) <= 80 or "Example:" in line for line in lines)


def example(path: tuple[str, ...]) -> str:
    command = get_command(app)
    for name in path:
        command = command.commands[name]  # type: ignore[attr-defined]
    found = re.search(r"Example: (.+)", " ".join((command.help or "").split()))
    return found.group(1) if found else ""


@pytest.mark.parametrize("path", [p for p in ALL if example(p)], ids=" ".join)
def test_examples_stay_whole_at_40_columns(path: tuple[str, ...]) -> None:
    """An example is one command: never wrapped inside a word, and when 'Example: ...' is too
    long the command goes on the next line, or on lines that end in a backslash (which a
    shell reads as one), every line fitting the terminal."""
    output = runner.invoke(app, [*path, "-h"], env={"COLUMNS": "40"}).output
    pasted = re.sub(r" \\\n +", " ", output).splitlines()
    wanted = example(path)
    assert [line for line in pasted if line.strip() in (wanted, f"Example: {wanted}")]
    assert all(len(line) <= 40 for line in output.splitlines())


def test_help_puts_option_help_under_the_option_when_narrow() -> None:
    result = runner.invoke(app, ["drill", "-h"], env={"COLUMNS": "40"})
    lines = result.output.splitlines()
    at = lines.index("  -n, --count N")
    assert lines[at + 1].startswith("      How many cards to draw")
    at = lines.index("  Example:")
    assert lines[at + 1 : at + 3] == [
        "  nora drill technical --count 5 \\",
        '    --category "Classification Metrics"',
    ]


def test_config_show_speaks_toml_and_says_when_the_file_is_missing(nora_home: Path) -> None:
    shown = runner.invoke(app, ["config", "show"], env={"COLUMNS": "120"}).output
    assert re.search(r"^ plain +false ", shown, re.M) and re.search(r"^ color +true ", shown, re.M)
    assert "False" not in shown and "True" not in shown
    assert "does not exist yet; `nora config set` creates it." in " ".join(shown.split())
    saved = runner.invoke(app, ["config", "set", "plain", "yes"])
    assert saved.output.startswith("plain = true (saved in ")
    again = runner.invoke(app, ["config", "show"], env={"COLUMNS": "120"}).output
    assert "Saved in " in again and "does not exist" not in again


def test_ctrl_c_at_a_story_prompt_says_nothing_was_saved(
    nora_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nora_cli.app import notebook

    def interrupted(kind: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(notebook, "_ask_fields", interrupted)
    # CliRunner's stdin is not a terminal: go straight to the questions.
    monkeypatch.setattr(notebook, "add", lambda kind, from_file: notebook._ask(kind))
    result = runner.invoke(app, ["stories", "add"])
    assert result.exit_code == 130
    assert "The story was not saved." in result.output and "Interrupted." in result.output
