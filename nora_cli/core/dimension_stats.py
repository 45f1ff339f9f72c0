"""Where the user stands on each judging dimension: `nora stats` figures. Pure.

A dimension's level is the share of the key points evidencing it that the user ticked on
rated answers (core.dimensions says which points evidence which dimension); its trend is the
level of the last 7 days minus the level of the 7 days before (None without both). The
weakest dimension is the one with the lowest level; the command to drill it targets, with
--weak, the practised category where the user missed the most of that dimension's points.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from nora_cli.core.dimensions import DIMENSIONS, attempt_scores, card_dimensions, weakest
from nora_cli.core.models import Card, Library
from nora_cli.core.progress import Progress
from nora_cli.core.records import Attempt, Outcome

TREND_DAYS = 7


@dataclass(frozen=True)
class DimensionLevel:
    name: str
    ticked: int
    points: int
    trend: float | None

    @property
    def level(self) -> float:
        return self.ticked / self.points if self.points else 0.0


@dataclass(frozen=True)
class DimensionReport:
    levels: list[DimensionLevel]
    weakest: str | None
    command: str | None


def compute(
    attempts: Iterable[Attempt | Outcome],
    library: Library,
    today: date,
    *,
    mode: str | None = None,
    since: date | None = None,
    extra: Mapping[str, Card] | None = None,
) -> DimensionReport:
    """The figures over rated attempts (in `mode`, on or after `since`) at cards still in the
    decks, or in `extra`: the rubrics of answers that are not deck cards (a coding exercise's
    follow-ups, by exercise id)."""
    cards = {card.id: card for card in library.cards} | dict(extra or {})
    everything: list[tuple[Card | None, tuple[int, ...]]] = []
    recent: list[tuple[Card | None, tuple[int, ...]]] = []
    before: list[tuple[Card | None, tuple[int, ...]]] = []
    for attempt in attempts:
        day = attempt.ended_at.astimezone().date()
        if attempt.skipped or attempt.rating is None or (mode and attempt.mode != mode):
            continue
        if since and day < since:
            continue
        pair = (cards.get(attempt.card_id), attempt.covered)
        everything.append(pair)
        age = (today - day).days
        if 0 <= age < TREND_DAYS:
            recent.append(pair)
        elif TREND_DAYS <= age < 2 * TREND_DAYS:
            before.append(pair)
    totals = attempt_scores(everything)
    now, then = attempt_scores(recent), attempt_scores(before)
    levels = [
        DimensionLevel(name, done, total, _trend(now.get(name), then.get(name)))
        for name, (done, total) in totals.items()
    ]
    worst = weakest(totals)
    if worst is None:
        return DimensionReport(levels, None, None)
    grouped: dict[str, list[tuple[Card | None, tuple[int, ...]]]] = {}
    for pair in everything:  # one pass, then the weakest dimension's figures per category
        if pair[0] is not None:
            grouped.setdefault(pair[0].category, []).append(pair)
    figures = {category: attempt_scores(pairs) for category, pairs in grouped.items()}
    mine = {c: found[worst] for c, found in figures.items() if worst in found}
    return DimensionReport(levels, worst, _command(library, mine))


def _trend(now: tuple[int, int] | None, then: tuple[int, int] | None) -> float | None:
    if not now or not then or not now[1] or not then[1]:
        return None
    return now[0] / now[1] - then[0] / then[1]


def _command(library: Library, by_category: dict[str, tuple[int, int]]) -> str:
    """The drill for the practised category where the user missed the most of the
    dimension's points (ties: the lower share ticked, then by name). Counting misses, not
    shares, favours a category where the dimension is central over one that touched it once;
    being practised, `--weak` there has cards."""
    from nora_cli.core.stats import _command as drill_command

    practised = [
        (done - total, done / total, c) for c, (done, total) in by_category.items() if total
    ]
    if not practised:
        return "nora drill technical"
    return drill_command(library, min(practised)[2], "category")


def from_progress(
    progress: Progress,
    library: Library,
    today: date,
    *,
    mode: str | None = None,
    extra: Mapping[str, Card] | None = None,
) -> DimensionReport:
    """The same figures from the ticks the progress keeps (no history read): every rated
    answer for the level, the last two weeks by day for the trend."""
    cards = {card.id: card for card in library.cards} | dict(extra or {})
    practised = {card_id for _mode, card_id in progress.ticks}
    dimensions = {c: card_dimensions(cards[c]) for c in practised if c in cards}  # once each

    def totals(rows: Iterable[tuple[str, str, list[int]]]) -> dict[str, tuple[int, int]]:
        sums: dict[str, list[int]] = {}
        for row_mode, card_id, row in rows:
            if card_id not in dimensions or (mode and row_mode != mode):
                continue
            answers = row[0]
            for index, names in enumerate(dimensions[card_id]):
                ticked = row[index + 1] if index + 1 < len(row) else 0
                for name in names:
                    pair = sums.setdefault(name, [0, 0])
                    pair[0] += ticked
                    pair[1] += answers
        return {name: (sums[name][0], sums[name][1]) for name in sums}

    ages = {day: (today - date.fromisoformat(day)).days for day, _, _ in progress.recent_ticks}

    def window(low: int, high: int) -> dict[str, tuple[int, int]]:
        return totals(
            (m, c, row)
            for (day, m, c), row in progress.recent_ticks.items()
            if low <= ages[day] < high
        )

    everything = totals((m, c, row) for (m, c), row in progress.ticks.items())
    now, then = window(0, TREND_DAYS), window(TREND_DAYS, 2 * TREND_DAYS)
    worst = weakest(everything)
    by_category: dict[str, list[int]] = {}
    for (row_mode, card_id), row in progress.ticks.items():
        if worst is None or card_id not in dimensions or (mode and row_mode != mode):
            continue
        pair = by_category.setdefault(cards[card_id].category, [0, 0])
        for index, names in enumerate(dimensions[card_id]):
            if worst in names:
                pair[0] += row[index + 1] if index + 1 < len(row) else 0
                pair[1] += row[0]
    levels = [
        DimensionLevel(name, everything[name][0], everything[name][1],
                       _trend(now.get(name), then.get(name)))
        for name in DIMENSIONS
        if name in everything
    ]  # fmt: skip
    if worst is None:
        return DimensionReport(levels, None, None)
    mine = {category: (pair[0], pair[1]) for category, pair in by_category.items()}
    return DimensionReport(levels, worst, _command(library, mine))
