"""The six-session plan: the shipped file, progress from events, the interview calendar."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from nora_cli.core.errors import UsageError
from nora_cli.core.plan import (
    interview_date,
    next_session,
    parse_interview_date,
    spread,
    status,
)
from nora_cli.core.records import PlanEvent
from nora_cli.decks.check import Report
from nora_cli.decks.loader import load_library, shipped_root
from nora_cli.decks.plan_file import load_plan, plan_path, read_plan

AT = datetime(2026, 11, 20, 10, tzinfo=UTC)


@pytest.fixture(scope="module")
def sessions():  # type: ignore[no-untyped-def]
    return load_plan(plan_path(shipped_root()), load_library())


def test_shipped_plan_is_the_guides_sequence(sessions) -> None:  # type: ignore[no-untyped-def]
    assert [(s.number, s.mode) for s in sessions] == [
        (1, "technical"), (2, "technical"), (3, "technical"), (4, "technical"),
        (5, "behavioral"), (6, "standard"),
    ]  # fmt: skip
    assert sessions[3].categories == ("Project Deep Dive",)
    assert all(s.goal and s.count > 0 for s in sessions)


def test_status_follows_done_events_and_reset(sessions) -> None:  # type: ignore[no-untyped-def]
    done = [PlanEvent("session-done", AT, session=n, coverage=0.5, mean_rating=3) for n in (1, 2)]
    rows = status(sessions, done)
    assert [r.done is not None for r in rows] == [True, True, False, False, False, False]
    assert [r.is_next for r in rows].index(True) == 2
    assert next_session(sessions, done).number == 3  # type: ignore[union-attr]
    out_of_order = [PlanEvent("session-done", AT, session=4)]
    assert next_session(sessions, out_of_order).number == 1  # type: ignore[union-attr]
    after_reset = [*done, PlanEvent("reset", AT), PlanEvent("session-done", AT, session=1)]
    assert next_session(sessions, after_reset).number == 2  # type: ignore[union-attr]
    every = [PlanEvent("session-done", AT, session=n) for n in range(1, 7)]
    assert next_session(sessions, every) is None


def test_interview_date_is_the_latest_and_survives_reset() -> None:
    events = [
        PlanEvent("interview-date", AT, date="2026-12-01"),
        PlanEvent("interview-date", AT, date="2026-12-15"),
        PlanEvent("reset", AT),
    ]
    assert interview_date(events) == date(2026, 12, 15)
    assert interview_date([]) is None


def test_spread_places_sessions_with_review_days() -> None:
    today = date(2026, 11, 27)
    calendar = spread([1, 2, 3, 4, 5, 6], today, date(2026, 12, 5))
    assert len(calendar) == 8 and calendar[0].day == today
    assert [d.sessions for d in calendar] == [(1,), (2,), (3,), (4,), (5,), (), (6,), ()]
    roomy = spread([5, 6], today, date(2026, 12, 7))
    assert [d.sessions for d in roomy if d.sessions] == [(5,), (6,)]
    assert sum(1 for d in roomy if d.review) == 8


def test_spread_with_fewer_days_than_sessions_doubles_up() -> None:
    today = date(2026, 11, 27)
    calendar = spread([1, 2, 3, 4, 5, 6], today, date(2026, 11, 29))
    assert [d.sessions for d in calendar] == [(1, 2, 3), (4, 5, 6)]
    assert spread([1, 2], today, today) == []  # nothing on the interview day


def test_interview_date_parsing() -> None:
    today = date(2026, 11, 27)
    assert parse_interview_date("2026-12-15", today) == date(2026, 12, 15)
    assert parse_interview_date("2026-11-27", today) == today
    with pytest.raises(UsageError, match="in the past"):
        parse_interview_date("2026-11-26", today)
    with pytest.raises(UsageError, match="not a date"):
        parse_interview_date("next friday", today)


def test_a_broken_plan_is_reported_with_lines(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(
        "sessions:\n"
        "  - number: 1\n    title: A\n    mode: technical\n    decks: [nowhere]\n"
        "    count: 5\n    goal: g\n"
        "  - number: 2\n    title: B\n    mode: astrology\n    count: 5\n    goal: g\n"
    )
    report = Report()
    read_plan(path, load_library(), report)
    assert report.problems == [
        f"{path}:5: deck 'nowhere' is not in mode 'technical'",
        f"{path}:10: mode 'astrology' does not exist",
        f"{path}:1: sessions must be numbered 1 to 2 in order, got []",
    ]


def test_a_session_in_a_staged_mode_runs_every_stage(sessions, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`nora plan` shows the cards the drill will run: standard mode's stages, not a count."""
    library = load_library()
    standard = library.modes["standard"]
    (complete,) = [s for s in sessions if s.mode == "standard"]
    assert complete.count == sum(stage.cards for stage in standard.stages)
    path = tmp_path / "plan.yaml"
    path.write_text(
        "sessions:\n  - number: 1\n    title: A\n    mode: standard\n    count: 10\n    goal: g\n"
    )
    report = Report()
    read_plan(path, library, report)
    assert report.problems[0] == (
        f"{path}:5: mode 'standard' runs its stages, {complete.count} cards in all: remove 'count'"
    )
