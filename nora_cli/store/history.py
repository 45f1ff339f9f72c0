"""The practice history: one JSON line per answered card, appended under a lock and fsynced.

The file is the source of truth and is never rewritten by normal use. Damaged lines are skipped
with a warning naming the line; a record from a newer schema is refused; a file holding records
from an older schema is upgraded once, after a backup copy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from nora_cli.core.records import Attempt, Entry, PlanEvent, entry_from_record
from nora_cli.store import jsonlog

SCHEMA_VERSION = 2


def _drill_id(record: dict[str, Any]) -> dict[str, Any]:
    """Schema 2 calls a drill a drill: `session_id` became `drill_id`."""
    if "session_id" in record:
        record["drill_id"] = record.pop("session_id")
    return record


# Ordered upgrade steps: MIGRATIONS[n] turns a schema-n record into a schema-(n+1) record.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _drill_id}


@dataclass(frozen=True)
class HistoryRead:
    """What a read found: entries in file order, warnings for damaged lines that were read
    past, the warning for an unfinished last line (not consumed: the next read sees it again),
    where whole lines ended, and how many records were of an older schema."""

    entries: list[Entry]
    warnings: list[str]
    end_offset: int = 0
    end_line: int = 0
    unfinished: str = ""
    older: int = 0

    @property
    def attempts(self) -> list[Attempt]:
        return [e for e in self.entries if isinstance(e, Attempt)]

    @property
    def events(self) -> list[PlanEvent]:
        return [e for e in self.entries if isinstance(e, PlanEvent)]

    @property
    def all_warnings(self) -> list[str]:
        return [*self.warnings, self.unfinished] if self.unfinished else list(self.warnings)


def append(entry: Entry, path: Path, *, after: Callable[[int], None] | None = None) -> None:
    """Append one record durably (see jsonlog.append); `after(size)` runs under the lock."""
    jsonlog.append({"schema": SCHEMA_VERSION, **entry.to_record()}, path, after=after)


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
    entries = [entry for _, entry in log.records]
    return HistoryRead(
        entries, log.warnings, log.end_offset, log.end_line, log.unfinished, log.older
    )


def upgrade_file(path: Path) -> Path | None:
    """Bring every record of the history to the current schema, after a backup copy."""
    return jsonlog.upgrade_file(path, schema=SCHEMA_VERSION, migrations=MIGRATIONS)


def upgrade(record: dict[str, Any]) -> dict[str, Any]:
    return jsonlog.upgrade(record, SCHEMA_VERSION, MIGRATIONS)


def now() -> datetime:
    return datetime.now(UTC)
