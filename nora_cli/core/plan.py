"""The six-session practice plan: its sessions, progress and an interview-date calendar."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from nora_cli.core.errors import DeckError, UsageError
from nora_cli.core.models import Library
from nora_cli.core.records import PlanEvent
from nora_cli.decks.check import Checker, Report
from nora_cli.decks.yamlfile import LineDict, YamlProblem, load_yaml


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


def plan_path(root: Path) -> Path:
    return root / "plan.yaml"


def load_plan(path: Path, library: Library) -> list[PlanSession]:
    report = Report()
    sessions = read_plan(path, library, report)
    if report.problems:
        raise DeckError(f"{len(report.problems)} problems in the plan", details=report.problems)
    return sessions


def read_plan(path: Path, library: Library, report: Report) -> list[PlanSession]:
    check = Checker(str(path), report)
    try:
        doc = load_yaml(path)
    except YamlProblem as problem:
        check.problem(problem.line, problem.message)
        return []
    raw = doc.get("sessions") if isinstance(doc, LineDict) else None
    if not isinstance(raw, list) or not raw:
        check.problem(1, "the plan needs a non-empty list 'sessions'")
        return []
    sessions = [s for s in (_session(check, item, library) for item in raw) if s]
    numbers = [s.number for s in sessions]
    if numbers != list(range(1, len(raw) + 1)):
        check.problem(1, f"sessions must be numbered 1 to {len(raw)} in order, got {numbers}")
    return sessions


def _session(check: Checker, item: Any, library: Library) -> PlanSession | None:
    if not isinstance(item, LineDict):
        check.problem(0, "each session must be a mapping")
        return None
    before = len(check.report.problems)
    known = {"number", "title", "mode", "decks", "categories", "count", "goal"}
    check.unknown_keys(item, known, "a plan session", None)
    number = check.integer(item, "number", 1, 99, None, required=True)
    mode_name = check.text(item, "mode", None)
    decks = check.text_list(item, "decks", None)
    categories = check.text_list(item, "categories", None)
    count = check.integer(item, "count", 1, 100, None, required=True)
    mode = next((m for m in library.modes.values() if mode_name in (m.id, *m.aliases)), None)
    if mode_name and mode is None:
        check.problem(item.line_of("mode"), f"mode '{mode_name}' does not exist")
    elif mode is not None:
        for deck in decks:
            if deck not in mode.decks:
                check.problem(item.line_of("decks"), f"deck '{deck}' is not in mode '{mode.id}'")
        names = {c.category for c in library.cards if mode.includes(c)}
        for category in categories:
            if category not in names:
                check.problem(
                    item.line_of("categories"), f"category '{category}' has no cards in {mode.id}"
                )
    title = check.text(item, "title", None)
    goal = check.text(item, "goal", None)
    if len(check.report.problems) > before or mode is None or number is None or count is None:
        return None
    return PlanSession(number, title, mode.id, count, goal, decks, categories)


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
