"""A history of any length: read in pieces, the newest attempts read from the end, replayed
through a light view of each record that accepts and refuses exactly what the full one does."""

from __future__ import annotations

import gc
import json
import tracemalloc
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from helpers import T0, attempt

from nora_cli.core.progress import Progress, replay
from nora_cli.core.records import Attempt, Outcome, PlanEvent
from nora_cli.store import history, jsonlog
from nora_cli.store import progress as progress_cache


def write_history(path: Path, count: int, damaged: tuple[int, ...] = ()) -> None:
    with open(path, "ab") as handle:
        for n in range(count):
            if n in damaged:
                handle.write(b'{"schema":2,"broken\n')
                continue
            record = attempt(f"card-{n % 11}", 1 + n % 4, T0 + timedelta(minutes=n), n=n)
            line = {"schema": history.SCHEMA_VERSION, **record.to_record()}
            handle.write(json.dumps(line).encode() + b"\n")


def test_a_scan_in_small_pieces_reads_exactly_what_a_whole_read_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "history.jsonl"
    write_history(path, 60, damaged=(7, 33))
    with open(path, "ab") as handle:
        handle.write(b'{"schema":2,"unfinished')
    whole = history.read(path)
    monkeypatch.setattr(jsonlog, "CHUNK_BYTES", 97)  # lines cross every piece boundary
    pieces = history.read(path)
    assert pieces == whole
    assert len(pieces.attempts) == 58 and len(pieces.warnings) == 2
    assert ":61: skipped an unfinished last line" in pieces.unfinished
    assert pieces.end_offset == path.stat().st_size - len(b'{"schema":2,"unfinished')


def test_a_long_history_is_never_held_in_memory_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "history.jsonl"
    write_history(path, 6000)  # about 3 MB
    monkeypatch.setattr(jsonlog, "CHUNK_BYTES", 64 << 10)
    state = Progress()
    tracemalloc.start()
    progress_cache.catch_up(state, path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert sum(day.attempts for day in state.days.values()) == 6000
    assert peak < path.stat().st_size / 3, f"peak {peak} bytes for a {path.stat().st_size} file"


def test_the_newest_attempts_are_read_from_the_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "history.jsonl"
    write_history(path, 40, damaged=(38, 12))
    with open(path, "ab") as handle:
        handle.write(b'{"schema":2,"attempt_id":"torn"')
    monkeypatch.setattr(history, "TAIL_BLOCK", 150)  # shorter than one line
    newest_first = history.read(path).attempts[::-1]
    for limit in (1, 2, 5, 37, 38, 100):
        assert history.recent(path, limit) == newest_first[:limit]
    assert history.recent(tmp_path / "none.jsonl", 5) == []


def test_recent_reads_only_the_end_of_a_long_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "history.jsonl"
    write_history(path, 3000)
    read_bytes: list[int] = []
    real_open = open

    class Counting:
        def __init__(self, handle: Any) -> None:
            self.handle = handle

        def __getattr__(self, name: str) -> Any:
            return getattr(self.handle, name)

        def __enter__(self) -> Counting:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def read(self, size: int = -1) -> bytes:
            data: bytes = self.handle.read(size)
            read_bytes.append(len(data))
            return data

    monkeypatch.setattr(
        "builtins.open",
        lambda *a, **k: Counting(real_open(*a, **k)),  # type: ignore[misc]
    )
    assert len(history.recent(path, 20)) == 20
    monkeypatch.undo()
    assert sum(read_bytes) <= 2 * history.TAIL_BLOCK < path.stat().st_size / 8


BROKEN: list[dict[str, Any]] = [
    {"rating": 7},
    {"rating": "3"},
    {"ended_at": "yesterday"},
    {"started_at": "2026-11-02T09:00:00"},  # no time zone
    {"seconds": "slow"},
    {"overtime_seconds": "none"},
    {"time_limit": None},
    {"covered": ["first"]},
    {"key_points_total": "three"},
]


@pytest.mark.parametrize("change", [*BROKEN, {"drop": "attempt_id"}, {"drop": "deck"}])
def test_the_light_view_refuses_exactly_what_the_full_record_refuses(
    change: dict[str, Any],
) -> None:
    record = {"schema": 2, **attempt("c", 3, T0).to_record()}
    if "drop" in change:
        record.pop(change["drop"])
    else:
        record.update(change)
    with pytest.raises((KeyError, TypeError, ValueError)):
        Attempt.from_record(record)
    with pytest.raises((KeyError, TypeError, ValueError)):
        Outcome.from_record(record)


def test_folding_light_views_gives_the_same_progress_as_full_records(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    write_history(path, 300, damaged=(5,))
    history.append(PlanEvent("reset", T0), path)
    light = Progress()
    progress_cache.catch_up(light, path)
    full = replay(history.read(path).entries)
    assert len(light.warnings) == 1 and ":6: skipped" in light.warnings[0]
    same = {"offset": 0, "line": 0, "head": "", "tail": "", "stamp": 0, "warnings": []}
    assert light.to_json() | same == full.to_json()


def test_collection_is_back_on_after_a_replay_even_one_that_fails(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    write_history(path, 3)
    history.scan_outcomes(path, lambda _entry: None)
    assert gc.isenabled()

    def boom(_entry: object) -> None:
        raise RuntimeError("stop")

    with pytest.raises(RuntimeError):
        history.scan_outcomes(path, boom)
    assert gc.isenabled()
