"""The history file: durable appends, damaged lines, newer schemas, concurrent writers."""

from __future__ import annotations

import json
import os
import stat
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from nora_cli.core.errors import HistoryError
from nora_cli.core.records import Attempt
from nora_cli.store import history


def make_attempt(n: int = 0, **changes: object) -> Attempt:
    base = Attempt(
        attempt_id=f"a{n}",
        drill_id="s",
        mode="technical",
        deck="metrics",
        card_id=f"card-{n % 7}",
        category="Classification Metrics",
        started_at=datetime(2026, 11, 2, 9, 0, tzinfo=UTC),
        ended_at=datetime(2026, 11, 2, 9, 1, 30, tzinfo=UTC),
        seconds=90.0,
        time_limit=60,
        overtime_seconds=30.0,
        answer="précision = TP / (TP + FP) ✓",
        covered=(0, 2),
        key_points_total=3,
        rating=3,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_record_round_trips_with_every_field(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    attempt = make_attempt(reason="due")
    history.append(attempt, path)
    record = json.loads(path.read_text(encoding="utf-8"))
    assert record["schema"] == history.SCHEMA_VERSION
    assert record["started_at"] == "2026-11-02T09:00:00.000Z"
    assert record["ended_at"] == "2026-11-02T09:01:30.000Z"
    for key in (
        "attempt_id",
        "drill_id",
        "mode",
        "deck",
        "card_id",
        "category",
        "seconds",
        "time_limit",
        "overtime_seconds",
        "answer",
        "covered",
        "key_points_total",
        "rating",
        "skipped",
    ):
        assert key in record
    read = history.read(path)
    assert read.warnings == []
    assert read.attempts == [attempt]


def test_every_append_is_fsynced_with_its_record_in_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "h.jsonl"
    synced: list[tuple[int, int]] = []  # (inode, size) of each regular file at its fsync
    real_fsync = os.fsync

    def spy(fd: int) -> None:
        info = os.fstat(fd)
        if stat.S_ISREG(info.st_mode):
            synced.append((info.st_ino, info.st_size))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", spy)
    after: list[tuple[int, int]] = []
    for n in range(1, 6):
        history.append(make_attempt(n), path)
        after.append((path.stat().st_ino, path.stat().st_size))
    missing = [n for n, state in enumerate(after, start=1) if state not in synced]
    assert missing == [], f"appends {missing} returned before their record was fsynced"


def test_missing_file_reads_as_empty(tmp_path: Path) -> None:
    assert history.read(tmp_path / "none.jsonl") == history.HistoryRead([], [])


def test_torn_last_line_is_skipped_kept_and_next_append_is_whole(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    history.append(make_attempt(1), path)
    whole = path.read_bytes()
    torn = json.dumps(make_attempt(2).to_record()).encode()[:40]
    path.write_bytes(whole + torn)
    read = history.read(path)
    assert [a.attempt_id for a in read.attempts] == ["a1"]
    assert read.warnings == [] and ":2: skipped an unfinished last line" in read.unfinished
    history.append(make_attempt(3), path)
    assert path.read_bytes().startswith(whole + torn + b"\n")  # the torn bytes are never lost
    read = history.read(path)
    assert [a.attempt_id for a in read.attempts] == ["a1", "a3"]
    assert (
        len(read.warnings) == 1
        and ":2: skipped a line that is not a complete JSON" in read.warnings[0]
    )


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        (b"garbage {", "not a complete JSON record"),
        (b"\xff\xfe not utf-8", "not valid UTF-8"),
        (b"[1, 2]", "not a JSON object"),
        (b'{"no": "schema"}', "without a schema version"),
        (b'{"schema": 1, "attempt_id": "x"}', "missing or invalid field"),
    ],
)
def test_damaged_middle_line_is_skipped_with_its_line_number(
    tmp_path: Path, bad_line: bytes, message: str
) -> None:
    path = tmp_path / "history.jsonl"
    history.append(make_attempt(1), path)
    with open(path, "ab") as handle:
        handle.write(bad_line + b"\n")
    history.append(make_attempt(3), path)
    before = path.read_bytes()
    read = history.read(path)
    assert [a.attempt_id for a in read.attempts] == ["a1", "a3"]
    assert len(read.warnings) == 1
    assert f"{path}:2: skipped" in read.warnings[0] and message in read.warnings[0]
    assert path.read_bytes() == before  # reading never rewrites


def test_a_record_from_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    history.append(make_attempt(1), path)
    newer = make_attempt(2).to_record() | {"schema": history.SCHEMA_VERSION + 1}
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(newer) + "\n")
    before = path.read_bytes()
    with pytest.raises(HistoryError, match=r"history.jsonl:2: .*newer nora.*Upgrade"):
        history.read(path)
    assert path.read_bytes() == before


def test_migrations_run_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(history, "SCHEMA_VERSION", 3)
    monkeypatch.setattr(
        history,
        "MIGRATIONS",
        {1: lambda r: r | {"step1": True}, 2: lambda r: r | {"step2": r.get("step1")}},
    )
    upgraded = history.upgrade({"schema": 1})
    assert upgraded == {"schema": 3, "step1": True, "step2": True}


def test_save_failure_is_a_clear_history_error(tmp_path: Path) -> None:
    folder = tmp_path / "a-file"
    folder.write_text("not a folder")
    with pytest.raises(HistoryError, match=r"could not save to .*history\.jsonl"):
        history.append(make_attempt(1), folder / "history.jsonl")
