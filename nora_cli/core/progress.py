"""Everything derived from the history, folded record by record: the scheduler's memory,
daily totals, first practice, plan events, stories told, key points ticked.

Pure: `store.progress` reads the history into it and caches it beside the history.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from nora_cli.core.exercise import CodeTally
from nora_cli.core.records import Attempt, Entry, Outcome, PlanEvent
from nora_cli.core.scheduler import MemoryBank

CACHE_SCHEMA = 7
TICK_DAYS = 14  # two trend windows of a week


class StaleCache(Exception):
    """The cache was written by another version of nora: rebuilt, not set aside."""


@dataclass(slots=True)
class DayTotals:
    """Sums for one (local day, mode, category). Ten years of daily practice make about 130,000
    of these, so they are slotted and rebuilt from their lists without conversions."""

    attempts: int = 0
    rating_sum: int = 0
    covered: int = 0
    key_points: int = 0
    overtime: int = 0
    seconds: float = 0.0
    lapses: int = 0
    skipped: int = 0
    unrated: int = 0  # answers saved without a rating (Ctrl-C at the checklist or rating)

    def to_list(self) -> list[float]:
        return [
            self.attempts, self.rating_sum, self.covered, self.key_points,
            self.overtime, round(self.seconds, 3), self.lapses, self.skipped, self.unrated,
        ]  # fmt: skip

    @classmethod
    def from_list(cls, values: list[Any]) -> DayTotals:
        if len(values) != 9:
            raise ValueError(f"day totals need 9 values, got {len(values)}")
        return cls(*values)


def local_zone_key() -> str:
    now = datetime.now().astimezone()
    return f"{now.tzinfo}|{now.utcoffset()}"


def local_day(moment: datetime) -> str:
    return moment.astimezone().date().isoformat()


class _LocalDays:
    """`local_day` for a stream of times in order: the local day's bounds are worked out once
    per day, so a replay of 100,000 attempts converts about 120 times, not 100,000."""

    __slots__ = ("day", "end", "start")

    def __init__(self) -> None:
        self.day, self.start, self.end = "", _NEVER, _NEVER

    def of(self, moment: datetime) -> str:
        if self.start <= moment < self.end:
            return self.day
        local = moment.astimezone()
        self.day = local.date().isoformat()
        # A naive time is read in the system's zone, so each midnight gets its own offset
        # and a day with a clock change has its true length.
        midnight = local.replace(tzinfo=None, hour=0, minute=0, second=0, microsecond=0)
        self.start = midnight.astimezone(UTC)
        self.end = (midnight + timedelta(days=1)).astimezone(UTC)
        if not self._edges_hold():  # a day without a midnight: no shortcut for it
            self.start = self.end = _NEVER
        return self.day

    def _edges_hold(self) -> bool:
        just = timedelta(microseconds=1)
        inside = (self.start, self.end - just)
        outside = (self.start - just, self.end)
        return all(local_day(edge) == self.day for edge in inside) and not any(
            local_day(edge) == self.day for edge in outside
        )


_NEVER = datetime.min.replace(tzinfo=UTC)


@dataclass
class Progress:
    memory: MemoryBank = field(default_factory=MemoryBank)
    days: dict[tuple[str, str, str], DayTotals] = field(default_factory=dict)
    first_seen: dict[str, str] = field(default_factory=dict)
    # The day each card entered the review schedule: its first rated answer that was neither
    # cram nor a coding exercise. Today's count of these is held to the daily new-card limit.
    first_scheduled: dict[str, str] = field(default_factory=dict)
    events: list[PlanEvent] = field(default_factory=list)
    stories_used: dict[str, int] = field(default_factory=dict)
    code: list[CodeTally] = field(default_factory=list)  # coding attempts, in history order
    # Key points ticked, for the judging dimensions: (mode, card) -> [rated answers, times
    # point 0 was ticked, point 1, ...]; and the same by day for the last TICK_DAYS days only,
    # so the trend is known without keeping every day of a decade.
    ticks: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    recent_ticks: dict[tuple[str, str, str], list[int]] = field(default_factory=dict)
    newest_tick: str = ""
    # Days before this one (ISO) are not ticked by day: the caller knows today and sets it to
    # TICK_DAYS back, so a rebuild skips what the window would drop anyway (not cached).
    ticks_by_day_from: str = ""
    warnings: list[str] = field(default_factory=list)
    # The history's unfinished last line, if any: shown, never added to `warnings` (it is
    # read again at every start until a new record finishes it) and never cached.
    unfinished: str = ""
    older_records: int = 0  # records of an older schema met while reading (not cached)
    notices: list[str] = field(default_factory=list)  # for the screen, once (not cached)
    offset: int = 0
    line: int = 0
    zone: str = field(default_factory=local_zone_key)
    head: str = ""
    tail: str = ""
    # The history's modification time (ns) when the cache had read all of it: a later time
    # with the same size is an edit in place ("rating": 3 made 4), so the cache is rebuilt.
    stamp: int = 0
    _local_days: _LocalDays = field(default_factory=_LocalDays, repr=False, compare=False)

    def fold(self, entry: Entry | Outcome) -> None:
        if isinstance(entry, PlanEvent):
            self.events.append(entry)
            return
        self.fold_outcome(entry.outcome if isinstance(entry, Attempt) else entry)

    def fold_outcome(self, attempt: Outcome) -> None:
        day = self._local_days.of(attempt.ended_at)
        key = (day, attempt.mode, attempt.category)
        totals = self.days.get(key)
        if totals is None:
            totals = self.days[key] = DayTotals()
        totals.seconds += attempt.seconds
        if attempt.code is not None:  # a submitted exercise, rated or not: its tests ran
            result = attempt.code
            tally = CodeTally(
                day, result.exercise, result.topic, result.passed, result.solve_seconds,
                attempt.seconds,
            )  # fmt: skip
            self.code.append(tally)
        if not attempt.skipped and attempt.card_id not in self.first_seen:
            self.first_seen[attempt.card_id] = day  # answered, rated or not: seen
        if attempt.skipped or attempt.rating is None:
            if attempt.skipped:
                totals.skipped += 1
            else:
                totals.unrated += 1
            return
        totals.attempts += 1
        totals.rating_sum += attempt.rating
        totals.covered += len(attempt.covered)
        totals.key_points += attempt.key_points_total
        totals.overtime += int(attempt.overtime)
        self._tick(attempt, day)
        if attempt.story:
            self.stories_used[attempt.story] = self.stories_used.get(attempt.story, 0) + 1
        if not attempt.cram:
            lapse = self.memory.review(attempt.card_id, attempt.rating, attempt.ended_at)
            totals.lapses += int(lapse)
            if attempt.code is None and attempt.card_id not in self.first_scheduled:
                self.first_scheduled[attempt.card_id] = day

    def _tick(self, attempt: Outcome, day: str) -> None:
        key = (attempt.mode, attempt.card_id)
        total = self.ticks.get(key)
        if total is None:
            total = self.ticks[key] = [0]
        _count(total, attempt.covered)
        if day < self.ticks_by_day_from:
            return
        by_day = self.recent_ticks.get((day, *key))
        if by_day is None:
            by_day = self.recent_ticks[(day, *key)] = [0]
        _count(by_day, attempt.covered)
        if day > self.newest_tick:  # a new day: forget the days that left the window
            self.newest_tick = day
            oldest = (date.fromisoformat(day) - timedelta(days=TICK_DAYS)).isoformat()
            for old in [k for k in self.recent_ticks if k[0] < oldest]:
                del self.recent_ticks[old]

    @property
    def shown_warnings(self) -> list[str]:
        """Damaged lines to report: those read past, and an unfinished last line."""
        return [*self.warnings, self.unfinished] if self.unfinished else list(self.warnings)

    def new_cards_on(self, day: date) -> int:
        """How many cards entered the review schedule on this day (cram and coding exercises
        do not count: they leave the schedule as it was)."""
        wanted = day.isoformat()
        return sum(1 for first in self.first_scheduled.values() if first == wanted)

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": CACHE_SCHEMA,
            "offset": self.offset,
            "line": self.line,
            "zone": self.zone,
            "head": self.head,
            "tail": self.tail,
            "stamp": self.stamp,
            "memory": self.memory.to_json(),
            "days": [[*key, *totals.to_list()] for key, totals in self.days.items()],
            "first_seen": self.first_seen,
            "first_scheduled": self.first_scheduled,
            "events": [event.to_record() for event in self.events],
            "stories_used": self.stories_used,
            "code": [tally.to_list() for tally in self.code],
            "ticks": [[*key, *row] for key, row in self.ticks.items()],
            "recent_ticks": [[*key, *row] for key, row in self.recent_ticks.items()],
            "newest_tick": self.newest_tick,
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
            first_scheduled=dict(data["first_scheduled"]),
            events=[PlanEvent.from_record(r) for r in data["events"]],
            stories_used={str(k): int(v) for k, v in data["stories_used"].items()},
            code=[CodeTally.from_list(row) for row in data["code"]],
            ticks={(r[0], r[1]): list(r[2:]) for r in data["ticks"]},
            recent_ticks={(r[0], r[1], r[2]): list(r[3:]) for r in data["recent_ticks"]},
            newest_tick=str(data["newest_tick"]),
            warnings=list(data["warnings"]),
            offset=int(data["offset"]),
            line=int(data["line"]),
            zone=str(data["zone"]),
            head=str(data["head"]),
            tail=str(data["tail"]),
            stamp=int(data.get("stamp", 0)),
        )


def _count(row: list[int], covered: tuple[int, ...]) -> None:
    """One more rated answer in a ticks row, and one more tick for each point it covered."""
    row[0] += 1
    for index in covered:
        if index < 0:
            continue
        if len(row) < index + 2:
            row.extend([0] * (index + 2 - len(row)))
        row[index + 1] += 1


def replay(entries: Iterable[Entry]) -> Progress:
    progress = Progress()
    for entry in entries:
        progress.fold(entry)
    return progress
