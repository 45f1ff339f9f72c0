"""The six-session practice plan: its sessions, progress and an interview-date calendar."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from nora_cli.core.errors import UsageError
from nora_cli.core.models import Library, Mode
from nora_cli.core.records import PlanEvent
from nora_cli.core.stats import MODE_PREFERENCE


@dataclass(frozen=True)
class PlanSession:
    """One step of the plan: its drill's mode and filters, and how many cards it runs (a
    mode with stages runs all of them: `staged`, and `count` is their sum)."""

    number: int
    title: str
    mode: str
    count: int
    goal: str
    decks: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    staged: bool = False


@dataclass(frozen=True)
class SessionStatus:
    session: PlanSession
    done: PlanEvent | None
    is_next: bool

    @property
    def short_by(self) -> int:
        """How many fewer cards than planned the finished session rated (0: none fewer, or
        not known): its filters matched no more."""
        if self.done is None or self.done.cards is None:
            return 0
        return max(0, self.session.count - self.done.cards)


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


# At most this many days from one session to the next, so that the sessions before the
# mock interview keep their momentum however far off the interview is.
MAX_STEP_DAYS = 3


def spread(remaining: list[int], today: date, interview: date) -> list[CalendarDay]:
    """The days from today to the day before the interview, with the remaining sessions
    placed on them. Nothing goes on the interview day. The last session (the mock interview)
    comes close to it, with the day before kept for review when there is room; the others
    start today, at most MAX_STEP_DAYS apart, with review days between. With fewer days than
    sessions, days take several."""
    days = (interview - today).days
    if days <= 0 or not remaining:
        return []
    count = len(remaining)
    if count > days:
        offsets = [index * days // count for index in range(count)]
    else:
        last = days - 1 if count == days else days - 2
        step = min(MAX_STEP_DAYS, last / (count - 1)) if count > 1 else 0
        offsets = [math.floor(index * step) for index in range(count - 1)] + [last]
    placed: dict[int, list[int]] = {}
    for offset, number in zip(offsets, remaining, strict=True):
        placed.setdefault(offset, []).append(number)
    return [CalendarDay(today + timedelta(days=n), tuple(placed.get(n, ()))) for n in range(days)]


def review_commands(
    library: Library, scheduled: Iterable[str], planned_modes: Iterable[str]
) -> list[str]:
    """`nora drill MODE --due` for each mode without stages that holds cards in your review
    schedule (with stages, `--due` would still run the whole mock interview: a card only a
    mock interview asks comes back in the next one). With nothing scheduled yet, the plan's
    modes without stages."""
    unstaged = [m for m in _by_preference(library) if not m.stages]
    wanted: set[str] = set()
    for card_id in scheduled:
        card = library.card(card_id)
        home = next((m for m in unstaged if m.includes(card)), None) if card else None
        if home is not None:
            wanted.add(home.id)
    if not wanted:
        wanted = {m for m in planned_modes if m in {mode.id for mode in unstaged}}
    return [f"nora drill {m.id} --due" for m in _by_preference(library) if m.id in wanted]


def _by_preference(library: Library) -> list[Mode]:
    order = [*MODE_PREFERENCE, *sorted(library.modes)]
    return [library.modes[m] for m in dict.fromkeys(order) if m in library.modes]
