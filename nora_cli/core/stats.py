"""Where the user stands: overview, practice heatmap, per-group figures and weakest areas.

Pure: a Progress, the library and `now` in; frozen figures out.

The need score ranks weak areas (higher = needs more work). Each term is 0 (fine) to 1 (bad):
    0.30 x rating gap        (4 - mean rating) / 3
  + 0.25 x coverage gap      1 - share of key points covered
  + 0.15 x lapse rate        lapses / attempts, capped at 1
  + 0.10 x overtime rate     share of answers over the time limit
  + 0.20 x forgetting        1 - mean FSRS retrievability now (0.5 when nothing is scheduled)
Overdueness alone does not raise it: a card can be overdue yet well known.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from nora_cli.core.models import Library
from nora_cli.core.progress import DayTotals, Progress

HEATMAP_DAYS = 16 * 7
WEIGHTS = {"rating": 0.30, "coverage": 0.25, "lapses": 0.15, "overtime": 0.10, "forgetting": 0.20}
MODE_PREFERENCE = ("technical", "behavioral", "salary-negotiation", "standard")


@dataclass(frozen=True)
class GroupStats:
    name: str
    attempts: int
    last_practised: date | None
    mean_rating: float
    coverage: float
    overtime_rate: float
    retrievability: float | None
    lapses: int
    trend: float | None
    seconds: float

    @property
    def need(self) -> float:
        forgetting = 0.5 if self.retrievability is None else 1 - self.retrievability
        return (
            WEIGHTS["rating"] * (4 - self.mean_rating) / 3
            + WEIGHTS["coverage"] * (1 - self.coverage)
            + WEIGHTS["lapses"] * min(1.0, self.lapses / self.attempts)
            + WEIGHTS["overtime"] * self.overtime_rate
            + WEIGHTS["forgetting"] * forgetting
        )


@dataclass(frozen=True)
class Overview:
    attempts: int
    skipped: int
    cards_seen: int
    cards_total: int
    days_practised: int
    current_streak: int
    longest_streak: int
    total_seconds: float
    due_today: int
    due_this_week: int
    unrated: int = 0  # saved without a rating (Ctrl-C at the checklist or the rating)


@dataclass(frozen=True)
class HeatCell:
    day: date
    cards: int
    minutes: float


@dataclass(frozen=True)
class WeakArea:
    group: GroupStats
    command: str


@dataclass(frozen=True)
class StatsReport:
    overview: Overview
    heatmap: list[HeatCell]
    groups: list[GroupStats]
    weakest: list[WeakArea]
    by: str
    mode: str | None
    since: date | None
    today: date
    stories_used: dict[str, int]


def _rows(
    progress: Progress, mode: str | None, since: date | None
) -> Iterable[tuple[date, str, str, DayTotals]]:
    dates: dict[str, date] = {}
    for (day_text, row_mode, category), totals in progress.days.items():
        day = dates.get(day_text) or dates.setdefault(day_text, date.fromisoformat(day_text))
        if mode and row_mode != mode:
            continue
        if since and day < since:
            continue
        yield day, row_mode, category, totals


def streaks(days: set[date], today: date) -> tuple[int, int]:
    """(current, longest). Today not practised yet does not break a streak that reached
    yesterday."""
    longest = run = 0
    previous: date | None = None
    for day in sorted(days):
        run = run + 1 if previous and day - previous == timedelta(days=1) else 1
        longest = max(longest, run)
        previous = day
    current = 0
    cursor = today if today in days else today - timedelta(days=1)
    while cursor in days:
        current += 1
        cursor -= timedelta(days=1)
    return current, longest


def _end_of(day: date, now: datetime) -> datetime:
    return datetime.combine(day, time.max, tzinfo=now.astimezone().tzinfo)


def compute(
    progress: Progress,
    library: Library,
    now: datetime,
    *,
    mode: str | None = None,
    since: date | None = None,
    by: str = "category",
    seen_since: set[str] | None = None,
) -> StatsReport:
    """The figures; with `since`, `seen_since` holds the cards answered from that day on
    (the progress keeps only the day each card was first seen)."""
    today = now.astimezone().date()
    rows = list(_rows(progress, mode, since))
    mode_obj = library.modes.get(mode) if mode else None
    in_scope = [c for c in library.cards if mode_obj is None or mode_obj.includes(c)]
    scope_ids = {c.id for c in in_scope}
    daily: dict[date, DayTotals] = defaultdict(DayTotals)
    for day, _, _, totals in rows:
        _add(daily[day], totals)
    practised = {day for day, totals in daily.items() if totals.attempts}
    current, longest = streaks(practised, today)
    memory = progress.memory
    due_today = sum(1 for i in scope_ids if _due_before(memory.due(i), _end_of(today, now)))
    week_end = _end_of(today + timedelta(days=6), now)
    due_week = sum(1 for i in scope_ids if _due_before(memory.due(i), week_end))
    seen = progress.first_seen.keys() if since is None else seen_since or set()
    overview = Overview(
        attempts=sum(t.attempts for t in daily.values()),
        skipped=sum(t.skipped for t in daily.values()),
        unrated=sum(t.unrated for t in daily.values()),
        cards_seen=len(scope_ids.intersection(seen)),
        cards_total=len(scope_ids),
        days_practised=len(practised),
        current_streak=current,
        longest_streak=longest,
        total_seconds=sum(t.seconds for t in daily.values()),
        due_today=due_today,
        due_this_week=due_week,
    )
    heatmap = [
        HeatCell(d, daily[d].attempts if d in daily else 0, _minutes(daily.get(d)))
        for d in (today - timedelta(days=n) for n in range(HEATMAP_DAYS - 1, -1, -1))
    ]
    groups = _groups(rows, progress, library, now, today, by)
    weakest = [
        WeakArea(g, _command(library, g.name, by))
        for g in sorted(groups, key=lambda g: (-g.need, g.name))[:5]
    ]
    return StatsReport(
        overview, heatmap, groups, weakest, by, mode, since, today, dict(progress.stories_used)
    )


def _minutes(totals: DayTotals | None) -> float:
    return round(totals.seconds / 60, 1) if totals else 0.0


def _due_before(due: datetime | None, limit: datetime) -> bool:
    return due is not None and due <= limit


def _add(into: DayTotals, totals: DayTotals) -> None:
    into.attempts += totals.attempts
    into.rating_sum += totals.rating_sum
    into.covered += totals.covered
    into.key_points += totals.key_points
    into.overtime += totals.overtime
    into.seconds += totals.seconds
    into.lapses += totals.lapses
    into.skipped += totals.skipped
    into.unrated += totals.unrated


def _groups(
    rows: list[tuple[date, str, str, DayTotals]],
    progress: Progress,
    library: Library,
    now: datetime,
    today: date,
    by: str,
) -> list[GroupStats]:
    sums: dict[str, DayTotals] = defaultdict(DayTotals)
    last: dict[str, date] = {}
    recent: dict[str, DayTotals] = defaultdict(DayTotals)
    before: dict[str, DayTotals] = defaultdict(DayTotals)
    for day, mode, category, totals in rows:
        key = mode if by == "mode" else category
        _add(sums[key], totals)
        if totals.attempts:
            last[key] = max(last.get(key, day), day)
        age = (today - day).days
        if 0 <= age < 7:
            _add(recent[key], totals)
        elif 7 <= age < 14:
            _add(before[key], totals)
    groups = []
    for name, totals in sums.items():
        if not totals.attempts:
            continue
        groups.append(
            GroupStats(
                name=name,
                attempts=totals.attempts,
                last_practised=last.get(name),
                mean_rating=totals.rating_sum / totals.attempts,
                coverage=totals.covered / totals.key_points if totals.key_points else 0.0,
                overtime_rate=totals.overtime / totals.attempts,
                retrievability=_retrievability(progress, library, now, name, by),
                lapses=totals.lapses,
                trend=_trend(recent.get(name), before.get(name)),
                seconds=totals.seconds,
            )
        )
    return sorted(groups, key=lambda g: g.name)


def _trend(recent: DayTotals | None, before: DayTotals | None) -> float | None:
    if not recent or not before or not recent.attempts or not before.attempts:
        return None
    return recent.rating_sum / recent.attempts - before.rating_sum / before.attempts


def _retrievability(
    progress: Progress, library: Library, now: datetime, name: str, by: str
) -> float | None:
    if by == "mode":
        mode = library.modes.get(name)
        ids = [c.id for c in library.cards if mode and mode.includes(c)]
    else:
        ids = [c.id for c in library.cards if c.category == name]
    values = [r for r in (progress.memory.retrievability(i, now) for i in ids) if r is not None]
    return sum(values) / len(values) if values else None


def _command(library: Library, name: str, by: str) -> str:
    if by == "mode":
        return f"nora drill {name} --weak"
    in_category = [c for c in library.cards if c.category == name]
    for mode_id in (*MODE_PREFERENCE, *library.modes):
        mode = library.modes.get(mode_id)
        if mode and any(mode.includes(c) for c in in_category):
            return f'nora drill {mode.id} --category "{name}" --weak'
    return f'nora drill technical --category "{name}" --weak'


def category_need(progress: Progress, library: Library, now: datetime) -> dict[str, float]:
    """Need score per practised category (all modes, all time): what `--weak` drills."""
    report = compute(progress, library, now)
    return {g.name: g.need for g in report.groups}
