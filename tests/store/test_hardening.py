"""Damaged files, schema evolution, a hostile file system: nora reads what it can, says
what is wrong with file and line, and never silently drops or overwrites data."""

from __future__ import annotations

import errno
import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nora_cli.cli import app
from nora_cli.store import history, jsonlog
from nora_cli.store.atomic import atomic_writer

runner = CliRunner()
FIXTURE = Path(__file__).parents[1] / "data" / "history-schema2.jsonl"  # the current schema
SCHEMA1 = Path(__file__).parents[1] / "data" / "history-schema1.jsonl"  # written by nora 0.1
ANSWERS = "an answer\n\n1\n3\n" * 3


def home_with_history(nora_home: Path, data: bytes) -> Path:
    nora_home.mkdir(parents=True, exist_ok=True)
    path = nora_home / "history.jsonl"
    path.write_bytes(data)
    return path


def test_the_current_fixture_reads_cleanly() -> None:
    read = history.read(FIXTURE)
    assert read.warnings == []
    assert len(read.attempts) == 2 and [e.event for e in read.events] == ["reset"]


def test_a_schema_change_upgrades_the_file_after_a_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "history.jsonl"
    original = FIXTURE.read_bytes() + b"garbage kept as it is\n"
    path.write_bytes(original)
    path.chmod(0o644)
    monkeypatch.setattr(history, "SCHEMA_VERSION", 3)
    migrations = {**history.MIGRATIONS, 2: lambda r: r | {"confidence": None}}
    monkeypatch.setattr(history, "MIGRATIONS", migrations)
    before = history.read(path)  # old records are upgraded in memory on read
    assert all(a.unknown.get("confidence", "missing") is None for a in before.attempts)
    backup = history.upgrade_file(path)
    assert backup is not None and backup.read_bytes() == original
    records = [json.loads(line) for line in path.read_text().splitlines()[:3]]
    assert {r["schema"] for r in records} == {3}
    assert path.read_text().splitlines()[3] == "garbage kept as it is"
    assert path.stat().st_mode & 0o777 == 0o644  # the upgraded file keeps its permissions
    assert history.upgrade_file(path) is None  # nothing left to upgrade, no second backup
    assert len(list(tmp_path.glob("history.jsonl.backup-*"))) == 1


def test_an_upgrade_streams_and_keeps_every_other_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Blank lines, damaged lines and an unfinished last line come through unchanged, and the
    file is never read whole (a ten-year history is about 570 MB)."""
    path = tmp_path / "history.jsonl"
    [first, second, *_] = SCHEMA1.read_bytes().splitlines(keepends=True)
    path.write_bytes(first + b"\n" + b"not json\r\n" + second + b'{"schema": 1, "half')
    monkeypatch.setattr(Path, "read_bytes", _refuse_whole_reads)
    monkeypatch.setattr(Path, "read_text", _refuse_whole_reads)
    backup = history.upgrade_file(path)
    monkeypatch.undo()
    assert backup is not None
    lines = path.read_bytes().split(b"\n")
    assert lines[1:3] == [b"", b"not json\r"] and lines[4:] == [b'{"schema": 1, "half']
    assert [json.loads(lines[n])["schema"] for n in (0, 3)] == [2, 2]


def _refuse_whole_reads(self: Path, *args: object, **kwargs: object) -> None:
    raise AssertionError(f"{self} was read whole")


def test_an_atomic_write_is_on_disk_before_it_replaces_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    steps: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        steps.append("fsync")
        real_fsync(fd)

    def replace(source: str, target: Path) -> None:
        steps.append("replace")
        real_replace(source, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    with atomic_writer(tmp_path / "data.txt") as handle:
        handle.write(b"new")
    assert steps == ["fsync", "replace"]
    assert (tmp_path / "data.txt").read_bytes() == b"new"


def test_a_failed_atomic_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "data.txt"
    path.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_writer(path) as handle:
        handle.write(b"half of the new")
        raise RuntimeError("cut off")
    assert path.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["data.txt"]


def test_a_simulated_next_schema_is_upgraded_by_the_first_command_that_reads_it(
    nora_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = home_with_history(nora_home, FIXTURE.read_bytes())
    monkeypatch.setattr(history, "SCHEMA_VERSION", 3)
    migrations = {**history.MIGRATIONS, 2: lambda r: r | {"confidence": None}}
    monkeypatch.setattr(history, "MIGRATIONS", migrations)
    first = runner.invoke(app, ["stats"])
    assert first.exit_code == 0, first.output
    [backup] = nora_home.glob("history.jsonl.backup-*")
    assert backup.read_bytes() == FIXTURE.read_bytes()
    said = " ".join(first.output.split())  # the notice wraps to the terminal
    assert f"upgraded to format 3; the previous file is kept as {backup}" in said
    assert {json.loads(line)["schema"] for line in path.read_text().splitlines()} == {3}
    again = runner.invoke(app, ["stats"])
    assert "upgraded" not in again.output  # said once
    assert len(list(nora_home.glob("history.jsonl.backup-*"))) == 1


def test_a_history_from_nora_0_1_is_upgraded_after_a_backup_and_keeps_every_attempt(
    nora_home: Path,
) -> None:
    path = home_with_history(nora_home, SCHEMA1.read_bytes())
    before = history.read(path)
    drill = runner.invoke(app, ["drill", "technical", "-n", "1", "--no-walk"], input=ANSWERS)
    assert drill.exit_code == 0, drill.output
    assert "Your history was upgraded to format 2" in drill.output
    [backup] = nora_home.glob("history.jsonl.backup-*")
    assert backup.read_bytes() == SCHEMA1.read_bytes()
    after = history.read(path)
    assert after.warnings == [] and len(after.attempts) == len(before.attempts) + 1
    assert [a.drill_id for a in after.attempts[:2]] == [a.drill_id for a in before.attempts]
    assert "session_id" not in path.read_text()


@pytest.mark.parametrize(
    ("data", "shown"),
    [
        (b"", "No attempts yet"),
        (FIXTURE.read_bytes()[:-30], ":3: skipped an unfinished last line"),
        (FIXTURE.read_bytes().replace(b"\n", b"\n{oops\n", 1), ":2: skipped a line that is not"),
        (b"\xff\xfe\n" + FIXTURE.read_bytes(), ":1: skipped a line that is not valid UTF-8"),
    ],
)
def test_damaged_histories_are_read_as_far_as_they_go(
    nora_home: Path, tmp_path: Path, data: bytes, shown: str
) -> None:
    path = home_with_history(nora_home, data)
    result = runner.invoke(app, ["history"])
    assert result.exit_code == 0
    assert shown in " ".join(result.output.split())  # the message wraps after a long path
    assert path.read_bytes() == data  # never rewritten behind the user's back
    drill = runner.invoke(app, ["drill", "technical", "-n", "1", "--no-walk"], input=ANSWERS)
    assert drill.exit_code == 0, drill.output
    assert path.read_bytes().startswith(data)  # the new record went after the old bytes
    original = tmp_path / "original.jsonl"
    original.write_bytes(data)
    assert len(history.read(path).attempts) == len(history.read(original).attempts) + 1


def test_a_newer_record_is_refused_everywhere(nora_home: Path) -> None:
    newer = json.dumps({"schema": 7, "attempt_id": "x"}).encode() + b"\n"
    path = home_with_history(nora_home, FIXTURE.read_bytes() + newer)
    for command in (["history"], ["stats"], ["plan"], ["drill", "technical"]):
        result = runner.invoke(app, command, input=ANSWERS)
        assert result.exit_code == 2, command
        assert "newer nora (schema 7" in " ".join(result.output.split())
    assert path.read_bytes().endswith(newer)


def test_a_cache_that_disagrees_is_rebuilt_silently(nora_home: Path) -> None:
    home_with_history(nora_home, FIXTURE.read_bytes())
    assert runner.invoke(app, ["stats", "--json"]).exit_code == 0
    cache = nora_home / "progress.json"
    data = json.loads(cache.read_text())
    data["memory"] = {}
    cache.write_text(json.dumps(data))  # same offset, wrong content: a stale copy
    (nora_home / "history.jsonl").write_bytes(FIXTURE.read_bytes().replace(b"b1", b"c1"))
    document = json.loads(runner.invoke(app, ["stats", "--json"]).output)
    assert document["overview"]["attempts"] == 2


def test_data_folder_that_is_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("NORA_HOME", str(blocker))
    result = runner.invoke(app, ["drill", "technical", "-n", "1"], input=ANSWERS)
    assert result.exit_code == 2
    assert f"cannot use the data folder {blocker}" in result.output
    assert blocker.read_text() == "x"


def test_home_with_spaces_and_non_ascii(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "my nora ✓ données"
    monkeypatch.setenv("NORA_HOME", str(home))
    result = runner.invoke(app, ["drill", "technical", "-n", "2", "--no-walk"], input=ANSWERS)
    assert result.exit_code == 0, result.output
    assert len(history.read(home / "history.jsonl").attempts) == 2


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_a_save_that_fails_stops_the_drill_and_says_so(
    nora_home: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    import os

    appends: list[int] = []
    real_write = os.write

    def failing_write(fd: int, data: bytes) -> int:
        """Writes to the history fail from the second append on, as a full, read-only or
        forbidden disk would."""
        if os.readlink(f"/proc/self/fd/{fd}").endswith("history.jsonl"):
            appends.append(1)
            if len(appends) > 1:
                raise OSError(code, os.strerror(code))
        return real_write(fd, data)

    monkeypatch.setattr(jsonlog.os, "write", failing_write)
    result = runner.invoke(app, ["drill", "technical", "-n", "3", "--no-walk"], input=ANSWERS)
    assert result.exit_code == 2
    assert "the last answer could not be saved; 1 rated card is saved" in result.output
    assert "Card 3/3" not in result.output  # the drill stopped rather than pretend
    assert len(history.read(nora_home / "history.jsonl").attempts) == 1


def test_a_full_disk_during_append_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    path = tmp_path / "history.jsonl"
    history.append(history.Attempt.from_record(json.loads(FIXTURE.read_text().splitlines()[0])),
                   path)  # fmt: skip
    before = path.read_bytes()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    from nora_cli.core.errors import HistoryError

    with pytest.raises(HistoryError, match="the disk is full"):
        history.append(history.Attempt.from_record(json.loads(FIXTURE.read_text().splitlines()[1])),
                       path)  # fmt: skip
    assert path.read_bytes() == before  # the record that could not be synced is cut back off


def test_markup_and_control_sequences_are_shown_as_text(tmp_path: Path) -> None:
    from nora_cli.decks.check import Report, check_deck
    from nora_cli.decks.loader import validate
    from nora_cli.decks.yamlfile import load_yaml

    deck = tmp_path / "evil.yaml"
    deck.write_text(
        'id: evil\ntitle: "[blink]T[/]"\ndescription: d\ncards:\n  - id: e1\n'
        '    prompt: "What \\e[31mred\\e[0m [bold]markup[/]?"\n    category: C\n'
        "    kind: concept\n    difficulty: 1\n    key_points: [one point aaa, two bbb, three c]\n"
        '    answer: "bell \\a here"\n'
    )
    assert validate([deck]).problems == []
    parsed = check_deck(load_yaml(deck), str(deck), Report())
    assert parsed is not None
    card = parsed.cards[0]
    assert "\x1b" not in card.prompt and "\\x1b[31m" in card.prompt
    assert "[bold]markup[/]" in card.prompt and "\\x07" in card.answer


def test_read_only_cache_folder_still_works(
    nora_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nora_cli.store import atomic

    home_with_history(nora_home, FIXTURE.read_bytes())

    def refuse(path: Path, data: bytes) -> None:
        raise PermissionError(errno.EACCES, "read-only", str(path))

    monkeypatch.setattr(atomic, "write_atomic", refuse)
    monkeypatch.setattr("nora_cli.store.progress.write_atomic", refuse)
    assert runner.invoke(app, ["stats", "--json"]).exit_code == 0


def test_copying_the_history_elsewhere_keeps_it_readable(tmp_path: Path) -> None:
    copy = tmp_path / "copy.jsonl"
    shutil.copy(FIXTURE, copy)
    assert history.read(copy).attempts == history.read(FIXTURE).attempts


def test_control_sequences_in_a_story_are_shown_as_text(nora_home: Path, tmp_path: Path) -> None:
    story = tmp_path / "s.yaml"
    story.write_text('title: "Evil \\e]0;pwned\\a story"\nthemes: [incident]\n')
    added = runner.invoke(app, ["stories", "add", "-f", str(story)])
    assert added.exit_code == 0 and "\x1b" not in added.output
    shown = runner.invoke(app, ["stories", "list"]).output
    assert "\x1b" not in shown and "\x07" not in shown
    [row] = json.loads(runner.invoke(app, ["stories", "list", "--json"]).output)
    assert row["title"] == "Evil \\x1b]0;pwned\\x07 story"


def test_a_broken_config_is_one_clear_error(nora_home: Path) -> None:
    nora_home.mkdir(parents=True, exist_ok=True)
    (nora_home / "config.toml").write_text("new_cards_per_day = [\n")
    result = runner.invoke(app, ["drill", "technical", "-n", "1"], input=ANSWERS)
    assert result.exit_code == 2
    assert "config.toml" in result.output and "delete it to use the defaults" in result.output
    assert "Traceback" not in result.output


def test_a_torn_history_line_is_reported_once_per_run_and_never_grows(nora_home: Path) -> None:
    home_with_history(nora_home, FIXTURE.read_bytes()[:-30])
    for _ in range(3):
        result = runner.invoke(app, ["stats"])
        assert result.exit_code == 0
        assert result.output.count("1 damaged line in the history") == 1


def test_a_damaged_notebook_is_reported_once_in_a_drill(nora_home: Path) -> None:
    nora_home.mkdir(parents=True, exist_ok=True)
    (nora_home / "stories.jsonl").write_bytes(b"not a record\n")
    (nora_home / "projects.jsonl").write_bytes(b'{"schema":1,"op":"put"')
    result = runner.invoke(
        app, ["drill", "behavioral", "-n", "2", "--no-walk"], input="an answer\n\n1\n3\n" * 2
    )
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())  # messages wrap after a long path
    # one line each, naming the line; `nora stories list` says what is wrong with it
    stories = "1 damaged line in your stories (line 1) was skipped: `nora stories list`"
    assert said.count(stories) == 1
    assert said.count("1 damaged line in your projects (line 1) was skipped") == 1
    listed = " ".join(runner.invoke(app, ["stories", "list"]).output.split())
    assert "stories.jsonl:1: skipped a line that is not a complete JSON" in listed


def test_the_damage_warning_names_the_line_and_how_to_stop_it(nora_home: Path) -> None:
    nora_home.mkdir(parents=True, exist_ok=True)
    lines = FIXTURE.read_text().splitlines()
    (nora_home / "history.jsonl").write_text(f"{lines[0]}\nnot json\n{lines[1]}\n")
    result = runner.invoke(app, ["stats"])
    said = " ".join(result.output.split())
    assert "1 damaged line in the history (line 2) was skipped" in said
    assert "fix or delete the line in a text editor and this warning stops" in said
