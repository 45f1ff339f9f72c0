"""Everything derived from the history, folded record by record and cached beside it.

The history stays the source of truth. `progress.json` remembers how far into the history it
has read (byte offset and line), a fingerprint of the file's start, and the local time zone
it bucketed days in; when any of those disagree, or the cache is missing or damaged, it is
rebuilt by replaying the whole history. Otherwise only the new tail is read, so starting a
drill or saving an attempt costs the same with 100 or 100,000 records.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from nora_cli.core.scheduler import MemoryBank
from nora_cli.store import history
from nora_cli.store.atomic import write_atomic
from nora_cli.store.history import Attempt, Entry, PlanEvent

CACHE_SCHEMA = 2
HEAD_BYTES = 4096


class StaleCache(Exception):
    """The cache was written by another version of nora: rebuilt, not set aside."""


@dataclass
class DayTotals:
    """Sums for one (local day, mode, category)."""

    attempts: int = 0
    rating_sum: int = 0
    covered: int = 0
    key_points: int = 0
    overtime: int = 0
    seconds: float = 0.0
    lapses: int = 0
    skipped: int = 0

    def to_list(self) -> list[float]:
        return [
            self.attempts, self.rating_sum, self.covered, self.key_points,
            self.overtime, round(self.seconds, 3), self.lapses, self.skipped,
        ]  # fmt: skip

    @classmethod
    def from_list(cls, values: list[Any]) -> DayTotals:
        a, r, c, k, o, s, lapses, skipped = values
        return cls(int(a), int(r), int(c), int(k), int(o), float(s), int(lapses), int(skipped))


def local_zone_key() -> str:
    now = datetime.now().astimezone()
    return f"{now.tzinfo}|{now.utcoffset()}"


def local_day(moment: datetime) -> str:
    return moment.astimezone().date().isoformat()


@dataclass
class Progress:
    memory: MemoryBank = field(default_factory=MemoryBank)
    days: dict[tuple[str, str, str], DayTotals] = field(default_factory=dict)
    first_seen: dict[str, str] = field(default_factory=dict)
    last_practised: dict[str, str] = field(default_factory=dict)
    events: list[PlanEvent] = field(default_factory=list)
    stories_used: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    offset: int = 0
    line: int = 0
    zone: str = field(default_factory=local_zone_key)
    head: str = ""

    def fold(self, entry: Entry) -> None:
        if isinstance(entry, PlanEvent):
            self.events.append(entry)
            return
        self.fold_attempt(entry)

    def fold_attempt(self, attempt: Attempt) -> None:
        day = local_day(attempt.ended_at)
        totals = self.days.setdefault((day, attempt.mode, attempt.category), DayTotals())
        totals.seconds += attempt.seconds
        if attempt.skipped or attempt.rating is None:
            totals.skipped += 1
            return
        totals.attempts += 1
        totals.rating_sum += attempt.rating
        totals.covered += len(attempt.covered)
        totals.key_points += attempt.key_points_total
        totals.overtime += int(attempt.overtime)
        self.first_seen.setdefault(attempt.card_id, day)
        story = attempt.extra.get("story")
        if isinstance(story, str) and story:
            self.stories_used[story] = self.stories_used.get(story, 0) + 1
        ended = attempt.ended_at.isoformat()
        if ended > self.last_practised.get(attempt.category, ""):
            self.last_practised[attempt.category] = ended
        if not attempt.cram:
            lapse = self.memory.review(attempt.card_id, attempt.rating, attempt.ended_at)
            totals.lapses += int(lapse)

    def new_cards_on(self, day: date) -> int:
        wanted = day.isoformat()
        return sum(1 for first in self.first_seen.values() if first == wanted)

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": CACHE_SCHEMA,
            "offset": self.offset,
            "line": self.line,
            "zone": self.zone,
            "head": self.head,
            "memory": self.memory.to_json(),
            "days": [[*key, *totals.to_list()] for key, totals in self.days.items()],
            "first_seen": self.first_seen,
            "last_practised": self.last_practised,
            "events": [event.to_record() for event in self.events],
            "stories_used": self.stories_used,
            "warnings": self.warnings,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Progress:
        if isinstance(data, dict) and data.get("schema") != CACHE_SCHEMA:
            raise StaleCache(data.get("schema"))
        return cls(
            memory=MemoryBank.from_json(data["memory"]),
            days={(r[0], r[1], r[2]): DayTotals.from_list(r[3:]) for r in data["days"]},
            first_seen=dict(data["first_seen"]),
            last_practised=dict(data["last_practised"]),
            events=[PlanEvent.from_record(r) for r in data["events"]],
            stories_used={str(k): int(v) for k, v in data["stories_used"].items()},
            warnings=list(data["warnings"]),
            offset=int(data["offset"]),
            line=int(data["line"]),
            zone=str(data["zone"]),
            head=str(data["head"]),
        )

    def catch_up(self, path: Path, *, lock: bool = True) -> bool:
        """Fold whatever the history gained since the last read; True when anything did."""
        read = history.read(path, offset=self.offset, first_line=self.line + 1, lock=lock)
        for entry in read.entries:
            self.fold(entry)
        self.warnings.extend(read.warnings)
        changed = read.end_offset != self.offset or bool(read.warnings)
        self.offset, self.line = read.end_offset, read.end_line
        if not self.head or self.offset < HEAD_BYTES:
            self.head = fingerprint(path, self.offset)
        return changed


def cache_path(history_path: Path) -> Path:
    return history_path.with_name("progress.json")


def fingerprint(path: Path, upto: int) -> str:
    try:
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read(min(upto, HEAD_BYTES))).hexdigest()
    except OSError:
        return ""


def _cached(history_path: Path) -> Progress | None:
    cache = cache_path(history_path)
    try:
        raw = cache.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    try:
        progress = Progress.from_json(json.loads(raw))
    except StaleCache:
        return None
    except (ValueError, KeyError, TypeError, IndexError, AttributeError):
        set_aside(cache)
        return None
    size = history_path.stat().st_size if history_path.exists() else 0
    if (
        progress.zone != local_zone_key()
        or progress.offset > size
        or progress.head != fingerprint(history_path, progress.offset)
    ):
        return None
    return progress


def set_aside(path: Path) -> Path | None:
    """Keep a damaged file under a timestamped name instead of overwriting it."""
    from datetime import UTC

    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    try:
        path.rename(target)
    except OSError:
        return None
    return target


def load(history_path: Path) -> Progress:
    """The up-to-date progress: from the cache plus the history's new tail, or a full replay."""
    progress = _cached(history_path)
    if progress is None:
        progress = Progress()
        progress.catch_up(history_path)
        save(progress, history_path)
    elif progress.catch_up(history_path):
        save(progress, history_path)
    return progress


def save(progress: Progress, history_path: Path) -> None:
    """Write the cache; it is only an accelerator, so a folder we cannot write is not an error."""
    data = json.dumps(progress.to_json(), separators=(",", ":")).encode("utf-8")
    with contextlib.suppress(OSError):
        write_atomic(cache_path(history_path), data)


def replay(entries: Iterable[Entry]) -> Progress:
    progress = Progress()
    for entry in entries:
        progress.fold(entry)
    return progress
