"""The practice history: one JSON line per answered card, appended under a lock and fsynced.

The file is the source of truth and is never rewritten by normal use. Damaged lines are skipped
with a warning naming the line; a record from a newer schema is refused.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from nora_cli.errors import HistoryError

SCHEMA_VERSION = 1
LOCK_TIMEOUT_SECONDS = 10.0

# Ordered upgrade steps: MIGRATIONS[n] turns a schema-n record into a schema-(n+1) record.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


@dataclass(frozen=True)
class Attempt:
    """One answered (or skipped) card."""

    attempt_id: str
    session_id: str
    mode: str
    deck: str
    card_id: str
    category: str
    started_at: datetime
    ended_at: datetime
    seconds: float
    time_limit: int
    overtime_seconds: float
    answer: str
    covered: tuple[int, ...]
    key_points_total: int
    rating: int | None
    skipped: bool = False
    cram: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def overtime(self) -> bool:
        return self.overtime_seconds > 0

    def to_record(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_VERSION,
            "attempt_id": self.attempt_id,
            "session_id": self.session_id,
            "mode": self.mode,
            "deck": self.deck,
            "card_id": self.card_id,
            "category": self.category,
            "started_at": _iso(self.started_at),
            "ended_at": _iso(self.ended_at),
            "seconds": round(self.seconds, 3),
            "time_limit": self.time_limit,
            "overtime_seconds": round(self.overtime_seconds, 3),
            "answer": self.answer,
            "covered": list(self.covered),
            "key_points_total": self.key_points_total,
            "rating": self.rating,
            "skipped": self.skipped,
            "cram": self.cram,
            **self.extra,
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Attempt:
        reserved = {"schema", "kind", "started_at", "ended_at", "covered", "extra"}
        known = cls.__dataclass_fields__.keys()
        extra = {k: v for k, v in record.items() if k not in known and k not in reserved}
        rating = record["rating"]
        if rating is not None and rating not in (1, 2, 3, 4):
            raise ValueError(f"rating {rating!r} is not 1-4")
        return cls(
            attempt_id=str(record["attempt_id"]),
            session_id=str(record["session_id"]),
            mode=str(record["mode"]),
            deck=str(record["deck"]),
            card_id=str(record["card_id"]),
            category=str(record["category"]),
            started_at=_parse_time(record["started_at"]),
            ended_at=_parse_time(record["ended_at"]),
            seconds=float(record["seconds"]),
            time_limit=int(record["time_limit"]),
            overtime_seconds=float(record["overtime_seconds"]),
            answer=str(record.get("answer", "")),
            covered=tuple(int(i) for i in record.get("covered", [])),
            key_points_total=int(record["key_points_total"]),
            rating=rating,
            skipped=bool(record.get("skipped", False)),
            cram=bool(record.get("cram", False)),
            extra=extra,
        )


@dataclass(frozen=True)
class PlanEvent:
    """A step of the practice plan: a session finished, the plan reset, an interview date set."""

    event: str
    at: datetime
    session: int | None = None
    session_id: str = ""
    coverage: float | None = None
    mean_rating: float | None = None
    date: str | None = None

    def to_record(self) -> dict[str, Any]:
        record: dict[str, Any] = {"schema": SCHEMA_VERSION, "kind": "plan", "event": self.event}
        record["at"] = _iso(self.at)
        for key in ("session", "session_id", "coverage", "mean_rating", "date"):
            value = getattr(self, key)
            if value not in (None, ""):
                record[key] = value
        return record

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> PlanEvent:
        event = str(record["event"])
        if event not in PLAN_EVENTS:
            raise ValueError(f"unknown plan event {event!r}")
        session = record.get("session")
        return cls(
            event=event,
            at=_parse_time(record["at"]),
            session=int(session) if session is not None else None,
            session_id=str(record.get("session_id", "")),
            coverage=_optional_float(record.get("coverage")),
            mean_rating=_optional_float(record.get("mean_rating")),
            date=str(record["date"]) if record.get("date") else None,
        )


PLAN_EVENTS = ("session-done", "reset", "interview-date")
Entry = Attempt | PlanEvent


def _optional_float(value: Any) -> float | None:
    return None if value is None else float(value)


@dataclass(frozen=True)
class HistoryRead:
    """What a read found: entries in file order, warnings, and where whole lines ended."""

    entries: list[Entry]
    warnings: list[str]
    end_offset: int = 0
    end_line: int = 0

    @property
    def attempts(self) -> list[Attempt]:
        return [e for e in self.entries if isinstance(e, Attempt)]

    @property
    def events(self) -> list[PlanEvent]:
        return [e for e in self.entries if isinstance(e, PlanEvent)]


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _parse_time(value: Any) -> datetime:
    moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError(f"time {value!r} has no time zone")
    return moment


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


@contextmanager
def locked(path: Path, *, required: bool = True) -> Iterator[None]:
    """Hold the history's lock. Readers pass required=False so a read-only folder still reads."""
    from filelock import FileLock, Timeout

    try:
        lock = FileLock(str(lock_path(path)), timeout=LOCK_TIMEOUT_SECONDS)
        lock.acquire()
    except Timeout as exc:
        raise HistoryError(
            f"another nora has held {lock_path(path)} for over {LOCK_TIMEOUT_SECONDS:.0f} s; "
            "close it, or delete the lock file if no nora is running"
        ) from exc
    except OSError as exc:
        if required:
            raise HistoryError(f"cannot lock {path}: {exc.strerror or exc}") from exc
        yield
        return
    try:
        yield
    finally:
        lock.release()


def append(entry: Entry, path: Path, *, after: Callable[[int], None] | None = None) -> None:
    """Append one record durably: lock, repair a missing final newline, write, flush, fsync.

    `after(size)` runs while the lock is still held, with the file's new size, so a cache
    derived from the history can be brought up to date without racing another writer.
    """
    line = json.dumps(entry.to_record(), ensure_ascii=False, separators=(",", ":")) + "\n"
    data = line.encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with locked(path):
            new_file = not path.exists()
            with open(path, "ab") as handle:
                if handle.tell() > 0 and _last_byte(path) != b"\n":
                    # A torn final line stays as it is, on its own line, and is skipped on read.
                    handle.write(b"\n")
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
                size = handle.tell()
            if new_file:
                _fsync_dir(path.parent)
            if after is not None:
                after(size)
    except HistoryError:
        raise
    except OSError as exc:
        raise HistoryError(
            f"could not save your answer to {path}: {exc.strerror or exc}. "
            "Nothing after this card will be saved; free space or fix permissions and run again."
        ) from exc


def _last_byte(path: Path) -> bytes:
    with open(path, "rb") as handle:
        handle.seek(-1, os.SEEK_END)
        return handle.read(1)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def read(path: Path, *, offset: int = 0, first_line: int = 1, lock: bool = True) -> HistoryRead:
    """Every whole record from byte `offset` on, in file order, with a warning per bad line.

    A last line without its newline is reported (a crash mid-write) but not consumed:
    `end_offset` stops before it, so an incremental reader looks at it again next time.
    """
    if not path.exists():
        return HistoryRead([], [], 0, first_line - 1)
    try:
        with locked(path, required=False) if lock else nullcontext(), open(path, "rb") as handle:
            handle.seek(offset)
            raw = handle.read()
    except OSError as exc:
        raise HistoryError(f"cannot read {path}: {exc.strerror or exc}") from exc
    entries: list[Entry] = []
    warnings: list[str] = []
    complete = raw.rfind(b"\n") + 1
    lines = raw.split(b"\n")
    number = first_line - 1
    for index, chunk in enumerate(lines):
        number = first_line + index
        if not chunk.strip():
            continue
        problem = _parse_line(chunk, entries)
        if problem == "newer":
            version = json.loads(chunk)["schema"]
            raise HistoryError(
                f"{path}:{number}: this record was written by a newer nora (schema {version}; "
                f"this nora reads up to {SCHEMA_VERSION}). Upgrade nora: pip install -U nora-cli"
            )
        if problem:
            torn = index == len(lines) - 1
            reason = "an unfinished last line (a crash mid-write?)" if torn else problem
            warnings.append(f"{path}:{number}: skipped {reason}; the line is kept as it is")
    whole_lines = raw[:complete].count(b"\n")
    return HistoryRead(entries, warnings, offset + complete, first_line - 1 + whole_lines)


def _parse_line(chunk: bytes, into: list[Entry]) -> str | None:
    try:
        text = chunk.decode("utf-8")
    except UnicodeDecodeError:
        return "a line that is not valid UTF-8"
    try:
        record = json.loads(text)
    except ValueError:
        return "a line that is not a complete JSON record"
    if not isinstance(record, dict):
        return "a line that is not a JSON object"
    version = record.get("schema")
    if not isinstance(version, int) or version < 1:
        return "a record without a schema version"
    if version > SCHEMA_VERSION:
        return "newer"
    try:
        record = upgrade(record)
        kind = record.get("kind", "attempt")
        if kind == "plan":
            into.append(PlanEvent.from_record(record))
        elif kind == "attempt":
            into.append(Attempt.from_record(record))
        else:
            return f"a record of unknown kind {kind!r}"
    except (KeyError, TypeError, ValueError) as exc:
        return f"a record with a missing or invalid field ({exc})"
    return None


def upgrade(record: dict[str, Any]) -> dict[str, Any]:
    """Apply the ordered migration steps until the record is at the current schema."""
    version = int(record["schema"])
    while version < SCHEMA_VERSION:
        record = MIGRATIONS[version](record)
        version += 1
        record["schema"] = version
    return record


def now() -> datetime:
    return datetime.now(UTC)
