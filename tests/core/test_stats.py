"""Stats on a hand-built history: every figure checked."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta

import pytest
from helpers import attempt

from nora_cli.core import stats
from nora_cli.core.progress import replay
from nora_cli.ui.stats_view import as_json, heatmap_rows, shade

NOW = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


def day(n: int, hour: int = 12) -> datetime:
    """n days before NOW's date, at the given hour (UTC)."""
    return datetime(2026, 11, 20, hour, 0, tzinfo=UTC) - timedelta(days=n)


def history_entries() -> list:  # type: ignore[type-arg]
    cm, mlf = "Classification Metrics", "ML Fundamentals"
    return [
        # 10 and 9 days ago: metrics, rated 2 then 2 (prior week for the trend)
        attempt("t-precision", 2, day(10), category=cm, covered=(0,), n=1),
        attempt("t-roc", 2, day(9), category=cm, covered=(0,), seconds=120, n=2),
        # the last three days: a streak of 3
        attempt("t-precision", 4, day(2), category=cm, covered=(0, 1, 2), n=3),
        attempt("t-leak", 1, day(1), category=mlf, covered=(), seconds=200, n=4),
        attempt("t-leak", 2, day(0, 9), category=mlf, covered=(0,), n=5),
        attempt("t-roc", None, day(0, 10), category=cm, skipped=True, n=6),
    ]


def test_overview_figures(fixture_library) -> None:  # type: ignore[no-untyped-def]
    report = stats.compute(replay(history_entries()), fixture_library, NOW)
    o = report.overview
    assert o.attempts == 5 and o.skipped == 1 and o.unrated == 0
    unrated = attempt("t-roc", None, day(0, 11), category="Classification Metrics", n=7)
    with_unrated = stats.compute(replay([*history_entries(), unrated]), fixture_library, NOW)
    assert (with_unrated.overview.skipped, with_unrated.overview.unrated) == (1, 1)
    assert o.cards_seen == 3 and o.cards_total == 4
    assert o.days_practised == 5
    assert (o.current_streak, o.longest_streak) == (3, 3)
    assert o.total_seconds == 60 + 120 + 60 + 200 + 60 + 60


def test_category_figures_and_trend(fixture_library) -> None:  # type: ignore[no-untyped-def]
    report = stats.compute(replay(history_entries()), fixture_library, NOW)
    groups = {g.name: g for g in report.groups}
    cm, mlf = groups["Classification Metrics"], groups["ML Fundamentals"]
    assert cm.attempts == 3 and cm.mean_rating == pytest.approx(8 / 3)
    assert cm.coverage == pytest.approx(5 / 9)
    assert cm.overtime_rate == pytest.approx(1 / 3)  # the 120 s answer against a 90 s limit
    assert cm.last_practised == date(2026, 11, 18)
    assert cm.trend == pytest.approx(4 - 2)  # last 7 days mean 4 against the week before, 2
    assert mlf.attempts == 2 and mlf.mean_rating == 1.5 and mlf.coverage == pytest.approx(1 / 6)
    assert mlf.trend is None  # nothing the week before
    assert mlf.overtime_rate == 0.5
    assert cm.retrievability is not None and 0 < cm.retrievability <= 1


def test_weakest_ranking_and_commands(fixture_library) -> None:  # type: ignore[no-untyped-def]
    report = stats.compute(replay(history_entries()), fixture_library, NOW)
    assert [w.group.name for w in report.weakest] == ["ML Fundamentals", "Classification Metrics"]
    assert report.weakest[0].command == 'nora drill technical --category "ML Fundamentals" --weak'
    weak, strong = report.weakest
    assert weak.group.need > strong.group.need


@pytest.mark.parametrize(
    ("rating", "coverage", "lapses", "overtime", "recall", "expected"),
    [
        (4.0, 1.0, 0, 0.0, 1.0, 0.0),
        (1.0, 0.0, 10, 1.0, 0.0, 1.0),
        (2.5, 0.5, 1, 0.5, 0.5, 0.30 * 0.5 + 0.25 * 0.5 + 0.15 * 0.1 + 0.10 * 0.5 + 0.20 * 0.5),
        (4.0, 1.0, 0, 0.0, None, 0.20 * 0.5),
    ],
)
def test_need_score_weights(
    rating: float, coverage: float, lapses: int, overtime: float, recall: float | None,
    expected: float,
) -> None:  # fmt: skip
    group = stats.GroupStats("x", 10, None, rating, coverage, overtime, recall, lapses, None, 0)
    assert group.need == pytest.approx(expected)


def test_lapses_are_counted_per_category(fixture_library) -> None:  # type: ignore[no-untyped-def]
    state = replay([attempt("t-leak", 3, day(20), category="ML Fundamentals", n=1)])
    due = state.memory.due("t-leak")
    state.fold(attempt("t-leak", 3, due, category="ML Fundamentals", n=2))  # type: ignore[arg-type]
    due = state.memory.due("t-leak")
    state.fold(attempt("t-leak", 1, due, category="ML Fundamentals", n=3))  # type: ignore[arg-type]
    report = stats.compute(state, fixture_library, NOW)
    assert {g.name: g.lapses for g in report.groups} == {"ML Fundamentals": 1}


def test_mode_and_since_filters(fixture_library) -> None:  # type: ignore[no-untyped-def]
    entries = [*history_entries(), attempt("t-failed", 3, day(1), category="Behavioral",
                                           mode="behavioral", n=9)]  # fmt: skip
    state = replay(entries)
    recent = stats.compute(state, fixture_library, NOW, since=date(2026, 11, 18))
    assert recent.overview.attempts == 4
    by_mode = stats.compute(state, fixture_library, NOW, by="mode")
    assert {g.name: g.attempts for g in by_mode.groups} == {"technical": 5, "behavioral": 1}
    technical_only = stats.compute(state, fixture_library, NOW, mode="technical")
    assert technical_only.overview.attempts == 5


def test_heatmap_cells_cover_16_weeks(fixture_library) -> None:  # type: ignore[no-untyped-def]
    report = stats.compute(replay(history_entries()), fixture_library, NOW)
    cells = report.heatmap
    assert len(cells) == 112 and cells[-1].day == date(2026, 11, 20)
    by_day = {c.day: (c.cards, c.minutes) for c in cells}
    assert by_day[date(2026, 11, 20)] == (1, 2.0)  # one rated, one skipped: 60 s + 60 s
    assert by_day[date(2026, 11, 19)] == (1, round(200 / 60, 1))
    assert by_day[date(2026, 11, 1)] == (0, 0.0)
    rows = heatmap_rows(cells)
    assert len(rows) == 7 and len({len(row) for row in rows}) == 1
    for weekday, row in enumerate(rows):
        assert all(cell.day.weekday() == weekday for cell in row if cell is not None)
    # Whole calendar weeks only: the window's first, partial week is left out.
    first_monday = next(c.day for c in cells if c.day.weekday() == 0)
    shown = sum(1 for c in cells if c.day >= first_monday)
    assert sum(cell is not None for row in rows for cell in row) == shown
    assert all(row[0] is not None for row in rows)
    assert [shade(n)[0] for n in (0, 1, 2, 3, 6, 10, 50)] == ["·", "░", "░", "▒", "▓", "█", "█"]


def test_streaks() -> None:
    today = date(2026, 11, 20)
    days = {today - timedelta(days=n) for n in (1, 2, 3, 7, 8)}
    assert stats.streaks(days, today) == (3, 3)  # today not yet practised keeps the streak
    assert stats.streaks(days | {today}, today) == (4, 4)
    assert stats.streaks({today - timedelta(days=2)}, today) == (0, 1)
    assert stats.streaks(set(), today) == (0, 0)


def test_days_follow_the_local_time_zone(fixture_library, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    late = datetime(2026, 11, 19, 23, 30, tzinfo=UTC)
    early = datetime(2026, 11, 20, 0, 30, tzinfo=UTC)
    entries = [attempt("t-roc", 3, late, n=1), attempt("t-precision", 3, early, n=2)]
    assert stats.compute(replay(entries), fixture_library, NOW).overview.days_practised == 2
    monkeypatch.setenv("TZ", "America/Los_Angeles")
    time.tzset()
    report = stats.compute(replay(entries), fixture_library, NOW)
    assert report.overview.days_practised == 1  # both on 19 Nov in California
    assert report.overview.current_streak == 1


def test_due_counts(fixture_library) -> None:  # type: ignore[no-untyped-def]
    state = replay([attempt("t-roc", 3, day(30)), attempt("t-leak", 4, NOW - timedelta(minutes=1))])
    report = stats.compute(state, fixture_library, NOW)
    # 'good' on a new card: due again after a 10-minute learning step, so due today;
    # 'easy' on a new card graduates straight to an interval of days.
    assert report.overview.due_today == 1
    easy_due = state.memory.due("t-leak")
    assert easy_due is not None and easy_due - NOW > timedelta(days=1)
    in_a_week = (easy_due - NOW) <= timedelta(days=6, hours=6)
    assert report.overview.due_this_week == 1 + int(in_a_week)


def test_json_document_shape(fixture_library) -> None:  # type: ignore[no-untyped-def]
    document = as_json(stats.compute(replay(history_entries()), fixture_library, NOW))
    assert document["schema"] == 1
    assert set(document) == {"schema", "today", "filters", "overview", "heatmap", "groups",
                             "weakest", "stories_used"}  # fmt: skip
    assert document["overview"]["attempts"] == 5
    assert document["groups"][0]["name"] == "Classification Metrics"
    assert set(document["groups"][0]) == {
        "name", "attempts", "last_practised", "mean_rating", "key_point_coverage",
        "overtime_rate", "retrievability", "lapses", "trend", "seconds", "need",
    }  # fmt: skip
    assert document["weakest"][0]["command"].startswith("nora drill technical")
