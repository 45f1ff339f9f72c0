"""The progress cache: built from the history, caught up incrementally, rebuilt when wrong."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from helpers import T0, attempt

from nora_cli.core.progress import Progress, replay
from nora_cli.store import history, progress


def write(path: Path, count: int, start: int = 0) -> None:
    for n in range(start, start + count):
        history.append(attempt(f"card-{n % 5}", 1 + n % 4, T0 + timedelta(hours=n), n=n), path)


def snapshot(state: Progress) -> dict[str, object]:
    data = state.to_json()
    data.pop("head")
    data.pop("tail")
    data.pop("stamp")
    return data


def test_cache_is_created_and_matches_a_full_replay(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    write(path, 20)
    state = progress.load(path)
    assert progress.cache_path(path).exists()
    full = replay(history.read(path).entries)
    assert state.memory.to_json() == full.memory.to_json()
    assert state.offset == path.stat().st_size and state.line == 20


def test_new_records_are_folded_from_the_tail_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "history.jsonl"
    write(path, 10)
    first = progress.load(path)
    write(path, 5, start=10)
    offsets: list[int] = []
    real_scan = history.scan_outcomes

    def spy(p: Path, on_entry: Any, **kwargs: Any) -> Any:
        offsets.append(kwargs.get("offset", 0))
        return real_scan(p, on_entry, **kwargs)

    monkeypatch.setattr(history, "scan_outcomes", spy)
    second = progress.load(path)
    assert offsets == [first.offset]
    assert second.line == 15
    monkeypatch.setattr(history, "scan_outcomes", real_scan)
    rebuilt = progress.fresh()
    for entry in history.read(path).entries:
        rebuilt.fold(entry)
    assert snapshot(second) == snapshot(rebuilt) | {
        "offset": second.offset,
        "line": 15,
    }


@pytest.mark.parametrize("damage", ["delete", "garbage", "wrong-schema", "truncated"])
def test_a_missing_or_damaged_cache_is_rebuilt(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "history.jsonl"
    write(path, 12)
    good = snapshot(progress.load(path))
    cache = progress.cache_path(path)
    if damage == "delete":
        cache.unlink()
    elif damage == "garbage":
        cache.write_text("{not json")
    elif damage == "wrong-schema":
        cache.write_text(json.dumps({"schema": 99}))
    else:
        cache.write_bytes(cache.read_bytes()[:50])
    assert snapshot(progress.load(path)) == good
    assert json.loads(cache.read_text())["line"] == 12
    kept = list(cache.parent.glob("progress.json.damaged-*"))
    assert len(kept) == (1 if damage in ("garbage", "truncated") else 0)


def test_a_cache_that_disagrees_with_the_history_is_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    write(path, 8)
    progress.load(path)
    # Another history of the same length appears (restored from a backup, say).
    path.unlink()
    for n in range(8):
        history.append(attempt("other", 4, T0 + timedelta(days=n), n=n), path)
    state = progress.load(path)
    assert set(state.memory.cards) == {"other"}


def test_an_edit_in_place_that_keeps_the_length_forces_a_rebuild(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    path = tmp_path / "history.jsonl"
    write(path, 40)  # past the start and the end that the fingerprints cover
    before = progress.load(path)
    replays: list[int] = []
    real_fresh = progress.fresh
    monkeypatch.setattr(progress, "fresh", lambda: replays.append(1) or real_fresh())
    assert snapshot(progress.load(path)) == snapshot(before) and replays == []
    lines = path.read_bytes().splitlines(keepends=True)
    start, end = len(b"".join(lines[:21])), len(b"".join(lines[:22]))
    assert start > progress.HEAD_BYTES and end < path.stat().st_size - progress.HEAD_BYTES
    assert b'"rating":2' in lines[21]  # ratings are 1 + n % 4
    lines[21] = lines[21].replace(b'"rating":2', b'"rating":4')  # the same length, mid-file
    stamp = path.stat().st_mtime_ns
    path.write_bytes(b"".join(lines))
    os.utime(path, ns=(stamp + 10**9, stamp + 10**9))  # a clock that did not tick is no excuse
    after = progress.load(path)
    assert replays == [1]
    assert after.to_json()["days"] != before.to_json()["days"]
    assert after.memory.to_json() == replay(history.read(path).entries).memory.to_json()
    assert after.memory.to_json() != before.memory.to_json()


def test_a_shorter_history_forces_a_rebuild(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    write(path, 8)
    progress.load(path)
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join(lines[:3]))
    assert progress.load(path).line == 3


def test_a_time_zone_change_rebuilds_the_day_buckets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "history.jsonl"
    write(path, 4)
    progress.load(path)
    calls: list[int] = []
    real = progress.catch_up

    def counting(state: Progress, p: Path, **kw: bool) -> bool:
        calls.append(state.offset)
        return real(state, p, **kw)

    monkeypatch.setattr(progress, "catch_up", counting)
    monkeypatch.setattr(progress, "local_zone_key", lambda: "Elsewhere|+05:00")
    progress.load(path)
    assert calls == [0]  # replayed from the start


@pytest.mark.parametrize("edit", ["insert", "remove"])
def test_a_line_changed_past_the_fingerprinted_start_forces_a_rebuild(
    tmp_path: Path, edit: str
) -> None:
    path = tmp_path / "history.jsonl"
    write(path, 30)
    progress.load(path)
    lines = path.read_bytes().splitlines(keepends=True)
    assert sum(map(len, lines[:20])) > progress.HEAD_BYTES  # past what `head` covers
    if edit == "insert":
        lines.insert(20, b"garbage\n")
    else:
        del lines[20]
    path.write_bytes(b"".join(lines))
    state = progress.load(path)
    if edit == "insert":  # read from the start: the right line is named, and only it
        assert state.line == 31 and [w.split(": ")[0][-3:] for w in state.warnings] == [":21"]
    else:
        assert state.line == 29 and not state.warnings
    assert snapshot(state) == snapshot(_replayed(path))


def _replayed(path: Path) -> Progress:
    state = progress.fresh()
    progress.catch_up(state, path)
    return state


def test_damaged_lines_are_remembered_as_warnings(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    write(path, 2)
    with open(path, "ab") as handle:
        handle.write(b"garbage\n")
    write(path, 2, start=2)
    state = progress.load(path)
    assert len(state.warnings) == 1 and ":3: skipped" in state.warnings[0]
    assert len(progress.load(path).warnings) == 1  # from the cache, not read twice


def test_read_only_folder_still_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "history.jsonl"
    write(path, 3)

    def refuse(*args: object) -> None:
        raise PermissionError("read-only")

    monkeypatch.setattr(progress, "write_atomic", refuse)
    assert progress.load(path).line == 3


def _torn(path: Path, record: bytes) -> None:
    with open(path, "ab") as handle:
        handle.write(record)


def test_a_torn_last_line_is_counted_once_at_every_start(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    write(path, 3)
    _torn(path, b'{"schema":2,"attempt_id":"x","mo')
    for _ in range(4):  # each start: the same one damaged line, never one more
        state = progress.load(path)
        assert state.warnings == [] and len(state.shown_warnings) == 1
        assert ":4: skipped an unfinished last line" in state.shown_warnings[0]
        assert json.loads(progress.cache_path(path).read_text())["warnings"] == []
    history.append(attempt("card-9", 3, T0, n=99), path)  # the torn line becomes damaged
    for _ in range(2):
        state = progress.load(path)
        assert len(state.shown_warnings) == 1 and ":4: skipped a line" in state.warnings[0]
        assert state.unfinished == ""


def test_a_whole_record_without_its_newline_is_folded_once(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    write(path, 2)
    record = json.dumps({"schema": 2, **attempt("card-7", 4, T0, n=7).to_record()})
    _torn(path, record.encode())  # a crash just before the newline
    for _ in range(3):
        state = progress.load(path)
        assert sum(t.attempts for t in state.days.values()) == 2  # not counted until finished
    history.append(attempt("card-8", 4, T0, n=8), path)
    state = progress.load(path)
    assert sum(t.attempts for t in state.days.values()) == 4  # now it is whole: counted once
    assert state.shown_warnings == []


def test_a_drill_writes_the_cache_once_and_it_matches_the_history(
    fixture_questions: object, nora_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from nora_cli.cli import app

    written: list[int] = []
    real_save = progress.save

    def counting(state: Progress, path: Path) -> None:
        written.append(state.offset)
        real_save(state, path)

    monkeypatch.setattr(progress, "save", counting)
    answers = "an answer\n\n1\n3\n" * 3
    result = CliRunner().invoke(app, ["drill", "technical", "-n", "3"], input=answers)
    assert result.exit_code == 0 and result.output.count("Saved: ") == 3
    path = nora_home / "history.jsonl"
    assert written == [0, path.stat().st_size]  # at the start (empty), then once at the end
    cached = json.loads(progress.cache_path(path).read_text())
    assert cached["offset"] == path.stat().st_size and cached["line"] == 3
    assert cached["memory"] == replay(history.read(path).entries).memory.to_json()


def test_a_start_with_nothing_new_neither_scans_nor_locks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "history.jsonl"
    write(path, 5)
    progress.load(path)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the history was scanned with nothing new in it")

    monkeypatch.setattr(history, "scan_outcomes", refuse)
    assert progress.load(path).line == 5
    monkeypatch.undo()
    with path.open("ab") as handle:
        handle.write(b'{"schema": 2, "half')  # an unfinished line is past the offset: read
    assert "unfinished last line" in progress.load(path).unfinished
