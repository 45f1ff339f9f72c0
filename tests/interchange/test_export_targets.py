"""Where `nora history export -o` and `nora decks export -o` may write: never over nora's own
files, over another file only with --force, never into a folder or a missing one; a file that
cannot be written is one `error:` line, and an export gets the mode any new file gets."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nora_cli.cli import app
from nora_cli.store import history
from tests.helpers import T0, attempt

runner = CliRunner()

# Each export command, with the `-o` and `--force` options added by the tests.
EXPORTS = {
    "history csv": ["history", "export", "--format", "csv"],
    "history json": ["history", "export", "--format", "json"],
    "deck markdown": ["decks", "export", "metrics", "-f", "markdown"],
    "deck csv": ["decks", "export", "metrics", "-f", "csv"],
    "deck anki": ["decks", "export", "metrics", "-f", "anki"],
}


@pytest.fixture(autouse=True)
def saved_history(nora_home: Path, fixture_questions: Path) -> Path:
    path = nora_home / "history.jsonl"
    nora_home.mkdir(parents=True, exist_ok=True)
    history.append(attempt("card-1", 3, T0), path)
    return path


@pytest.fixture
def usual_umask() -> Iterator[int]:
    old = os.umask(0o022)
    try:
        yield 0o022
    finally:
        os.umask(old)


def one_error(output: str) -> str:
    """The output's one `error:` message (wrapped lines joined); no traceback in it."""
    assert "Traceback" not in output and "Error:" not in output, output
    assert output.count("error:") == 1, output
    return " ".join(output.split())


@pytest.mark.parametrize("command", EXPORTS.values(), ids=EXPORTS.keys())
def test_an_existing_file_is_replaced_only_with_force(command: list[str], tmp_path: Path) -> None:
    out = tmp_path / "mine.out"
    out.write_text("keep me")
    refused = runner.invoke(app, [*command, "-o", str(out)])
    assert refused.exit_code == 1
    said = one_error(refused.output)
    assert f"{out} already exists" in said and "--force" in said
    assert out.read_text() == "keep me"
    forced = runner.invoke(app, [*command, "-o", str(out), "--force"])
    assert forced.exit_code == 0, forced.output
    assert out.read_bytes() != b"keep me"


NORA_FILES = (
    "history.jsonl",
    "history.jsonl.lock",
    "history.jsonl.backup-20261101T090000",
    "progress.json",
    "progress.json.damaged-20261101T090000",
    "stories.jsonl",
    "projects.jsonl",
    "config.toml",
    "README.txt",
    "cache/parsed.json",
    "decks/mine.yaml",
    "code/two-sum/solution.py",
)


# Each file with one of the commands in turn, and the history with every command.
OVER_NORA_FILES = [
    *zip(NORA_FILES, [*EXPORTS.values()] * 3, strict=False),
    *(("history.jsonl", command) for command in EXPORTS.values()),
]


@pytest.mark.parametrize(("name", "command"), OVER_NORA_FILES)
def test_nora_s_own_files_are_never_written_over_even_with_force(
    name: str, command: list[str], nora_home: Path, saved_history: Path
) -> None:
    target = nora_home / name
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        target.write_text("nora's own\n")
    before = target.read_bytes()
    kept_history = saved_history.read_bytes()
    result = runner.invoke(app, [*command, "-o", str(target), "--force"])
    assert result.exit_code == 1, result.output
    said = one_error(result.output)
    assert f"{target} is one of nora's own files" in said and "even with --force" in said
    assert target.read_bytes() == before and saved_history.read_bytes() == kept_history


def test_nora_s_files_are_recognised_by_where_they_are_not_by_how_they_are_named(
    nora_home: Path, saved_history: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A relative path, a `..` detour or a link all lead to the history, which stays; a file
    of the same name elsewhere is an ordinary file."""
    kept = saved_history.read_bytes()
    link = tmp_path / "link.csv"
    link.symlink_to(saved_history)
    (nora_home / "decks").mkdir()
    monkeypatch.chdir(nora_home / "decks")
    for target in (Path("../history.jsonl"), nora_home / "decks" / ".." / "history.jsonl", link):
        result = runner.invoke(app, ["history", "export", "-o", str(target), "--force"])
        said = " ".join(result.output.split())  # long temp paths wrap the message
        assert result.exit_code == 1 and "nora's own files" in said, result.output
    assert saved_history.read_bytes() == kept
    elsewhere = tmp_path / "history.jsonl"
    result = runner.invoke(app, ["history", "export", "-o", str(elsewhere)])
    assert result.exit_code == 0 and elsewhere.read_text().startswith("attempt_id,")


@pytest.mark.parametrize("command", EXPORTS.values(), ids=EXPORTS.keys())
def test_a_folder_is_refused_with_a_file_name_suggested(command: list[str], tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    for force in ([], ["--force"]):
        result = runner.invoke(app, [*command, "-o", str(folder), *force])
        assert result.exit_code == 1
        said = one_error(result.output)
        assert f"{folder} is a folder" in said and f"-o {folder}{os.sep}" in said
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("command", EXPORTS.values(), ids=EXPORTS.keys())
def test_a_missing_folder_is_refused_not_created(command: list[str], tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "deeper" / "out.csv"
    result = runner.invoke(app, [*command, "-o", str(target)])
    assert result.exit_code == 1
    said = one_error(result.output)
    assert f"the folder {target.parent} does not exist" in said and "mkdir -p" in said
    assert not (tmp_path / "nowhere").exists()


def test_a_file_where_a_folder_should_be_is_refused(tmp_path: Path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("x")
    result = runner.invoke(app, ["history", "export", "-o", str(plain / "out.csv")])
    assert result.exit_code == 1
    assert f"{plain} is a file, not a folder" in one_error(result.output)


@pytest.mark.parametrize("command", EXPORTS.values(), ids=EXPORTS.keys())
def test_a_file_that_cannot_be_written_is_one_error_line(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only folder (tests may run as root, who may write anywhere: the refusal is
    simulated where the file is created) leaves no temporary file behind."""
    from nora_cli.interchange import export_file

    def read_only(path: Path) -> int:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(export_file, "_create", read_only)
    folder = tmp_path / "exports"
    folder.mkdir()
    result = runner.invoke(app, [*command, "-o", str(folder / "out.csv")])
    assert result.exit_code == 1
    said = one_error(result.output)
    assert f"cannot write {folder / 'out.csv'}: Permission denied" in said
    assert "a folder you can write to" in said
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("command", EXPORTS.values(), ids=EXPORTS.keys())
def test_an_export_gets_the_mode_of_any_new_file(
    command: list[str], tmp_path: Path, usual_umask: int
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "out.file"
    result = runner.invoke(app, [*command, "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.stat().st_mode & 0o777 == 0o666 & ~usual_umask
    assert [p.name for p in folder.iterdir()] == ["out.file"]


def test_a_write_that_fails_half_way_leaves_no_file_behind(tmp_path: Path) -> None:
    from nora_cli.core.errors import UsageError
    from nora_cli.interchange.export_file import export_writer

    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "out.csv"
    full = pytest.raises(UsageError, match=r"out.csv: No space left on device; choose a folder")
    with full, export_writer(target) as out:
        out.write(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")
    assert list(folder.iterdir()) == []
