"""The practice history: one JSON line per answered card, appended under a lock and fsynced.

The file is the source of truth and is never rewritten by normal use. Damaged lines are skipped
with a warning naming the line; a record from a newer schema is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from nora_cli.store import jsonlog

SCHEMA_VERSION = 1

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


def append(entry: Entry, path: Path, *, after: Callable[[int], None] | None = None) -> None:
    """Append one record durably (see jsonlog.append); `after(size)` runs under the lock."""
    jsonlog.append(entry.to_record(), path, after=after)


def read(path: Path, *, offset: int = 0, first_line: int = 1, lock: bool = True) -> HistoryRead:
    """Every whole record from byte `offset` on, in file order, with a warning per bad line."""
    log = jsonlog.read(
        path,
        schema=SCHEMA_VERSION,
        migrations=MIGRATIONS,
        offset=offset,
        first_line=first_line,
        lock=lock,
        convert=_entry,
    )
    entries = [entry for _, entry in log.records]
    return HistoryRead(entries, log.warnings, log.end_offset, log.end_line)


def _entry(record: dict[str, Any]) -> Entry:
    kind = record.get("kind", "attempt")
    if kind == "plan":
        return PlanEvent.from_record(record)
    if kind == "attempt":
        return Attempt.from_record(record)
    raise ValueError(f"unknown record kind {kind!r}")


def upgrade_file(path: Path) -> Path | None:
    """Bring every record of the history to the current schema, after a backup copy."""
    return jsonlog.upgrade_file(path, schema=SCHEMA_VERSION, migrations=MIGRATIONS)


def upgrade(record: dict[str, Any]) -> dict[str, Any]:
    return jsonlog.upgrade(record, SCHEMA_VERSION, MIGRATIONS)


def now() -> datetime:
    return datetime.now(UTC)
