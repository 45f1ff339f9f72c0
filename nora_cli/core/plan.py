"""The six-session practice plan: its sessions, progress and an interview-date calendar."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from nora_cli.core.errors import UsageError
from nora_cli.core.records import PlanEvent


@dataclass(frozen=True)
class PlanSession:
    number: int
    title: str
    mode: str
    count: int
    goal: str
    decks: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()


@dataclass(frozen=True)
class SessionStatus:
    session: PlanSession
    done: PlanEvent | None
    is_next: bool


@dataclass(frozen=True)
class CalendarDay:
    day: date
    sessions: tuple[int, ...]

    @property
    def review(self) -> bool:
        return not self.sessions


def active_events(events: list[PlanEvent]) -> list[PlanEvent]:
    """Events since the last reset (interview dates survive a reset)."""
    last_reset = max((i for i, e in enumerate(events) if e.event == "reset"), default=-1)
    return events[last_reset + 1 :]


def status(sessions: list[PlanSession], events: list[PlanEvent]) -> list[SessionStatus]:
    done: dict[int, PlanEvent] = {}
    for event in active_events(events):
        if event.event == "session-done" and event.session is not None:
            done[event.session] = event
    upcoming = next((s.number for s in sessions if s.number not in done), None)
    return [SessionStatus(s, done.get(s.number), s.number == upcoming) for s in sessions]


def next_session(sessions: list[PlanSession], events: list[PlanEvent]) -> PlanSession | None:
    return next((st.session for st in status(sessions, events) if st.is_next), None)


def interview_date(events: list[PlanEvent]) -> date | None:
    dates = [e.date for e in events if e.event == "interview-date" and e.date]
    return date.fromisoformat(dates[-1]) if dates else None


def parse_interview_date(text: str, today: date) -> date:
    try:
        chosen = date.fromisoformat(text)
    except ValueError as exc:
        raise UsageError(f"'{text}' is not a date; use YYYY-MM-DD, e.g. 2026-12-15") from exc
    if chosen < today:
        raise UsageError(f"{chosen} is in the past; give the date of your upcoming interview")
    return chosen


def spread(remaining: list[int], today: date, interview: date) -> list[CalendarDay]:
    """Place the remaining sessions on the days from today to the day before the interview,
    evenly, with review days between; with fewer days than sessions, days take several."""
    days = max(1, (interview - today).days)
    placed: dict[int, list[int]] = {}
    for index, number in enumerate(remaining):
        offset = math.floor(index * days / len(remaining)) if remaining else 0
        placed.setdefault(offset, []).append(number)
    return [CalendarDay(today + timedelta(days=n), tuple(placed.get(n, ()))) for n in range(days)]
