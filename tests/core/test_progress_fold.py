"""The progress fold's shortcuts give exactly what the plain computation gives."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from helpers import T0, attempt

from nora_cli.core.dimension_stats import from_progress
from nora_cli.core.models import Card, Deck, KeyPoint, Library
from nora_cli.core.progress import Progress, _LocalDays, local_day, replay

ZONES = ["Europe/Berlin", "America/Los_Angeles", "Australia/Lord_Howe", "America/Santiago", "UTC"]


@pytest.fixture(params=ZONES)
def zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


def test_local_days_of_a_stream_match_local_day_across_clock_changes(zone: str) -> None:
    """Every 7 minutes, forwards and backwards, through 2026's clock changes (Lord Howe moves
    half an hour; Santiago at midnight, so one day has no midnight)."""
    days = _LocalDays()
    for start in (datetime(2026, 3, 27, tzinfo=UTC), datetime(2026, 10, 23, tzinfo=UTC),
                  datetime(2026, 4, 2, tzinfo=UTC), datetime(2026, 9, 4, tzinfo=UTC)):  # fmt: skip
        stream = [start + timedelta(minutes=7 * n) for n in range(4 * 24 * 60 // 7)]
        for moment in stream + stream[::-1]:
            assert days.of(moment) == local_day(moment), (zone, moment)


def test_local_days_accept_times_out_of_order(zone: str) -> None:
    days = _LocalDays()
    for hours in (30, 2, 55, 2, 31, -20, 0):
        moment = T0 + timedelta(hours=hours, minutes=59)
        assert days.of(moment) == local_day(moment)


def test_a_window_start_drops_only_days_the_trend_cannot_use() -> None:
    """Ticking by day only from the window's start gives the same figures as ticking every
    day, and keeps nothing older."""
    history = [
        attempt(f"card-{n % 2}", 1 + n % 4, T0 - timedelta(days=n), covered=(n % 2,), total=2, n=n)
        for n in range(40, -1, -1)
    ]
    today = T0.astimezone().date()
    start = (today - timedelta(days=14)).isoformat()
    windowed = Progress(ticks_by_day_from=start)
    for entry in history:
        windowed.fold(entry)
    everything = replay(history)
    assert windowed.ticks == everything.ticks
    assert {k: v for k, v in everything.recent_ticks.items() if k[0] >= start} == (
        windowed.recent_ticks
    )
    assert min(day for day, _mode, _card in windowed.recent_ticks) == start
    points = (KeyPoint("Report recall at a fixed precision"), KeyPoint("Latency budget"))
    cards = tuple(Card(f"card-{n}", "Q?", "Metrics", "concept", 1, None, points, "A") for n in "01")
    library = Library({"d": Deck("d", "T", "D", cards)}, {})
    report = from_progress(windowed, library, today)
    assert report == from_progress(everything, library, today)
    assert any(level.trend is not None for level in report.levels)


def test_days_before_the_window_start_are_never_ticked_by_day() -> None:
    """A rebuild skips them rather than making rows the window would drop later."""
    windowed = Progress(ticks_by_day_from=T0.astimezone().date().isoformat())
    windowed.fold(attempt("card-0", 3, T0 - timedelta(days=2), covered=(0,), total=2))
    assert windowed.ticks == {("technical", "card-0"): [1, 1]}
    assert windowed.recent_ticks == {}


def test_an_unrated_answer_is_counted_apart_from_a_skipped_card() -> None:
    folded = replay(
        [
            attempt("a", 3, T0),
            attempt("b", None, T0, skipped=True),
            attempt("c", None, T0),  # Ctrl-C at the rating: saved, not rated, not skipped
        ]
    )
    (totals,) = folded.days.values()
    assert (totals.attempts, totals.skipped, totals.unrated) == (1, 1, 1)


def test_only_answers_that_enter_the_schedule_use_up_the_new_card_limit() -> None:
    from dataclasses import replace

    from nora_cli.core.exercise import CodeResult

    code = CodeResult("top-k-frequent", "Hashing and heaps", 3, 3, 2, 2, 1, 0)
    folded = replay(
        [
            attempt("crammed", 3, T0, cram=True),
            replace(attempt("top-k-frequent", 3, T0, mode="code"), code=code),
            attempt("drilled", 3, T0),
            attempt("drilled", 4, T0 + timedelta(minutes=5)),
        ]
    )
    assert folded.new_cards_on(T0.astimezone().date()) == 1
    assert set(folded.first_seen) == {"crammed", "top-k-frequent", "drilled"}


def test_a_submitted_exercise_counts_for_the_coding_figures_rated_or_not() -> None:
    """Its tests ran whatever the self-rating: skipping the rating (or Ctrl-C) keeps it out of
    the review schedule, not out of `nora code` and the coding figures."""
    from dataclasses import replace

    from nora_cli.core.exercise import CodeResult

    code = CodeResult("top-k-frequent", "Hashing and heaps", 3, 3, 2, 2, 1, 0)
    folded = replay(
        [
            replace(attempt("top-k-frequent", None, T0, mode="code", skipped=True), code=code),
            replace(attempt("top-k-frequent", None, T0, mode="code", n=1), code=code),
        ]
    )
    assert [tally.exercise for tally in folded.code] == ["top-k-frequent"] * 2
    assert "top-k-frequent" not in folded.memory.cards
