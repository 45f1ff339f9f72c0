"""The practice history: one JSON line per answered card, appended under a lock and fsynced;
beside them, plan steps and the AI interviewer's debriefs of mock interviews.

The file is the source of truth and is never rewritten by normal use. Damaged lines are skipped
with a warning naming the line; a record from a newer schema is refused; a file holding records
from an older schema is upgraded once, after a backup copy.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from nora_cli.core.records import (
    DEBRIEF_KIND,
    Attempt,
    DrillDebrief,
    Entry,
    Outcome,
    PlanEvent,
    Record,
    entry_from_record,
    outcome_from_record,
)
from nora_cli.store import jsonlog

SCHEMA_VERSION = 2
T = TypeVar("T")


def _drill_id(record: dict[str, Any]) -> dict[str, Any]:
    """Schema 2 calls a drill a drill: `session_id` became `drill_id`."""
    if "session_id" in record:
        record["drill_id"] = record.pop("session_id")
    return record


# Ordered upgrade steps: MIGRATIONS[n] turns a schema-n record into a schema-(n+1) record.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _drill_id}


@dataclass(frozen=True)
class HistoryRead(jsonlog.WarnedRead):
    """What a read found: attempts and plan events in file order (`entries`, what the
    progress folds), warnings for damaged lines that were read past, the warning for an
    unfinished last line (not consumed: the next read sees it again), where whole lines ended,
    how many records were of an older schema, and the mock interviews' debriefs."""

    entries: list[Entry]
    warnings: list[str]
    end_offset: int = 0
    end_line: int = 0
    unfinished: str = ""
    older: int = 0
    debriefs: list[DrillDebrief] = field(default_factory=list)

    @property
    def attempts(self) -> list[Attempt]:
        return [e for e in self.entries if isinstance(e, Attempt)]

    @property
    def events(self) -> list[PlanEvent]:
        return [e for e in self.entries if isinstance(e, PlanEvent)]


def append(entry: Record, path: Path, *, after: Callable[[int], None] | None = None) -> None:
    """Append one record durably (see jsonlog.append); `after(size)` runs under the lock."""
    jsonlog.append({"schema": SCHEMA_VERSION, **entry.to_record()}, path, after=after)


def check_writable(path: Path) -> None:
    """Refuse at a drill's start a history that could not save the first answer."""
    jsonlog.check_writable(path)


def read(path: Path, *, offset: int = 0, first_line: int = 1, lock: bool = True) -> HistoryRead:
    """Every whole record from byte `offset` on, in file order, with a warning per bad line."""
    log = jsonlog.read(
        path,
        schema=SCHEMA_VERSION,
        migrations=MIGRATIONS,
        offset=offset,
        first_line=first_line,
        lock=lock,
        convert=entry_from_record,
    )
    entries: list[Entry] = []
    debriefs: list[DrillDebrief] = []
    for _, entry in log.records:
        if isinstance(entry, DrillDebrief):
            debriefs.append(entry)
        else:
            entries.append(entry)
    return HistoryRead(
        entries, log.warnings, log.end_offset, log.end_line, log.unfinished, log.older, debriefs
    )


def scan_outcomes(
    path: Path,
    on_entry: Callable[[Outcome | PlanEvent], None],
    *,
    offset: int = 0,
    first_line: int = 1,
    lock: bool = True,
) -> jsonlog.LogScan:
    """Pass what the progress needs of each whole record from byte `offset` on to `on_entry`,
    streaming: the history is never held in memory whole, however long it grows. Debriefs
    are checked like every record but not passed on: the progress does not fold them."""

    def take(_line: int, entry: Outcome | PlanEvent | None) -> None:
        if entry is not None:
            on_entry(entry)

    with no_collection():
        return jsonlog.scan(
            path,
            take,
            schema=SCHEMA_VERSION,
            migrations=MIGRATIONS,
            offset=offset,
            first_line=first_line,
            lock=lock,
            convert=outcome_from_record,
        )


def scan_attempts(path: Path, on_attempt: Callable[[Attempt], None]) -> jsonlog.LogScan:
    """Pass every whole attempt to `on_attempt`, oldest first, streaming (plan steps and
    debriefs are checked like every record but not passed on)."""

    def take(_line: int, entry: Entry | DrillDebrief) -> None:
        if isinstance(entry, Attempt):
            on_attempt(entry)

    return jsonlog.scan(
        path, take, schema=SCHEMA_VERSION, migrations=MIGRATIONS, convert=entry_from_record
    )


@contextmanager
def no_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector while many small objects are made and none become
    garbage (a replay, loading the cache): collecting them would only cost time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


TAIL_BLOCK = 1 << 16


def recent(path: Path, limit: int) -> list[Attempt]:
    """The last `limit` attempts, newest first, read from the end of the file backwards: the
    cost does not grow with the history. Damaged lines are passed over (`read` reports them)."""
    # The last lines saved, newest first by when each was answered (a record added by hand
    # may have been answered before those above it).
    return sorted(_newest(path, limit, _attempt_or_none), key=_ended, reverse=True)


def _ended(attempt: Attempt) -> datetime:
    return attempt.ended_at


def debriefs(path: Path, limit: int, drill: str = "") -> list[DrillDebrief]:
    """The last `limit` debriefs of mock interviews, newest first (only those of the drill
    whose id starts with `drill`, when given), read from the end of the file backwards; only
    lines that name a debrief are parsed."""

    def pick(line: bytes) -> DrillDebrief | None:
        if DEBRIEF_KIND.encode() not in line:  # most lines are attempts: no need to parse
            return None
        found = _record_or_none(line)
        if isinstance(found, DrillDebrief) and found.drill_id.startswith(drill):
            return found
        return None

    return _newest(path, limit, pick)


def _newest(path: Path, limit: int, pick: Callable[[bytes], T | None]) -> list[T]:
    """The last `limit` lines that `pick` takes, newest first, reading backwards."""
    found: list[T] = []
    if limit <= 0 or not path.exists():
        return found
    with jsonlog.locked(path, required=False), open(path, "rb") as handle:
        position = _whole_lines_end(handle)
        carry = b""  # the end of a line whose start is in the block before
        while position > 0 and len(found) < limit:
            start = max(0, position - TAIL_BLOCK)
            handle.seek(start)
            lines = (handle.read(position - start) + carry).split(b"\n")
            carry = lines.pop(0) if start > 0 else b""
            for line in reversed(lines):
                taken = pick(line)
                if taken is not None and len(found) < limit:
                    found.append(taken)
            position = start
    return found


def _whole_lines_end(handle: BinaryIO) -> int:
    """Where the last newline of the file ends: the bytes after it are an unfinished line."""
    position = handle.seek(0, os.SEEK_END)
    while position > 0:
        start = max(0, position - TAIL_BLOCK)
        handle.seek(start)
        newline = handle.read(position - start).rfind(b"\n")
        if newline >= 0:
            return start + newline + 1
        position = start
    return 0


def _attempt_or_none(line: bytes) -> Attempt | None:
    entry = _record_or_none(line)
    return entry if isinstance(entry, Attempt) else None


def _record_or_none(line: bytes) -> Record | None:
    if not line.strip():
        return None
    record, problem = jsonlog.parse(line, SCHEMA_VERSION)
    if record is None or problem:
        return None
    try:
        return entry_from_record(upgrade(record))
    except (KeyError, TypeError, ValueError):
        return None


def upgrade_file(path: Path) -> Path | None:
    """Bring every record of the history to the current schema, after a backup copy."""
    return jsonlog.upgrade_file(path, schema=SCHEMA_VERSION, migrations=MIGRATIONS)


def upgrade(record: dict[str, Any]) -> dict[str, Any]:
    return jsonlog.upgrade(record, SCHEMA_VERSION, MIGRATIONS)


def now() -> datetime:
    return datetime.now(UTC)
