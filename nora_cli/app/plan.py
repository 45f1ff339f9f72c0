"""What `nora plan` does: show progress and a calendar, run a session, reset."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from typing import Any

from rich.console import Console
from rich.text import Text

from nora_cli.app.drill import DrillOutcome, DrillRequest, start
from nora_cli.app.state import load_decks, load_progress
from nora_cli.core.errors import ExitCode, UsageError
from nora_cli.core.models import Library
from nora_cli.core.plan import (
    CalendarDay,
    PlanSession,
    SessionStatus,
    interview_date,
    next_session,
    parse_interview_date,
    review_commands,
    spread,
    status,
)
from nora_cli.core.progress import Progress
from nora_cli.core.records import PlanEvent
from nora_cli.core.selection import Request
from nora_cli.decks import loader
from nora_cli.decks.plan_file import load_plan, plan_path
from nora_cli.store import history, paths
from nora_cli.ui.prose import counted, say, whole
from nora_cli.ui.render import make_console


def _load(*, quiet: bool = False) -> tuple[list[PlanSession], Progress, Library]:
    library = load_decks(quiet=quiet)
    sessions = load_plan(plan_path(loader.shipped_root()), library)  # looked up at call time
    return sessions, load_progress(quiet=quiet), library


def command_for(session: PlanSession, track: str | None) -> str:
    suffix = f" --track {track}" if track else ""
    return f"nora plan start {session.number}{suffix}"


def show_plan(
    *, interview_date: str | None, track: str | None, as_json: bool, now: datetime | None = None
) -> None:
    tag = None
    if track:  # a name no card carries is refused before anything is saved
        from nora_cli.app.state import load_decks
        from nora_cli.core.selection import resolve_track

        tag = resolve_track(track, load_decks())
    sessions, state, library = _load()
    now = now or datetime.now().astimezone()
    today = now.date()
    if interview_date:
        chosen = parse_interview_date(interview_date, today)
        event = PlanEvent("interview-date", now, date=chosen.isoformat())
        paths.ensure_data_dir()
        history.append(event, paths.history_path())
        state.events.append(event)
    rows = status(sessions, state.events)
    target = _interview(state)
    remaining = [r.session.number for r in rows if r.done is None]
    calendar = spread(remaining, today, target) if target and remaining else []
    upcoming = next_session(sessions, state.events)
    planned_modes = [r.session.mode for r in rows if r.done is None]
    reviews = review_commands(library, state.memory.cards, planned_modes) if target else []
    if as_json:
        print(json.dumps(_json(rows, target, calendar, upcoming, track, reviews), indent=2))
        return
    console = make_console()
    _render(console, rows, tag)
    if upcoming:
        say(console, Text.assemble("Next: ", (whole(command_for(upcoming, track)), "bold cyan")))
    else:
        say(console, Text("All six sessions are done. `nora plan reset` starts again.", "green"))
    if target:
        _render_calendar(console, calendar, target, today, len(remaining), reviews)


def _interview(state: Progress) -> Any:
    return interview_date(state.events)


def _render(console: Console, rows: list[SessionStatus], track: str | None) -> None:
    from nora_cli.ui.layout import Column, records

    table: list[tuple[str, str, str, Text]] = []
    for row in rows:
        session = row.session
        if row.done:
            score = _score(row.done)
            short = f", {row.done.cards} of {session.count} cards" if row.short_by else ""
            state = Text(f"done {row.done.at.astimezone().date()}{short}{score}", "green")
        elif row.is_next:
            state = Text("next", "bold cyan")
        else:
            state = Text("not started", "dim")
        table.append(
            (f"{session.number}. {session.title}", session.mode, str(session.count), state)
        )
    columns = (
        Column("Session"),
        Column("Mode", keep=True, drop=1),
        Column("Cards", keep=True, justify="right"),
        Column("Status"),
    )
    records(console, "Practice plan", columns, table)
    if track:
        say(console, Text(f"Drills are narrowed to cards tagged {track}.", "dim"))


def _score(event: PlanEvent) -> str:
    parts = []
    if event.coverage is not None:
        parts.append(f"{event.coverage:.0%} of key points")
    if event.mean_rating is not None:
        parts.append(f"rating {event.mean_rating:.1f}")
    return f", {', '.join(parts)}" if parts else ""


def _render_calendar(
    console: Console,
    calendar: list[CalendarDay],
    target: Any,
    today: Any,
    remaining: int,
    reviews: list[str],
) -> None:
    days = (target - today).days
    console.print()
    away = "today" if days == 0 else f"{counted(days, 'day')} from today"
    say(console, Text(f"Interview on {target:%a %d %b %Y}: {away}", "bold"))
    if days == 0:
        say(
            console,
            "No session is planned on the interview day. If you practise, keep it to a short "
            f"review of what is due: {_commands(reviews)}.",
        )
        return
    if not calendar:
        return
    if days < remaining:
        say(
            console,
            Text(
                f"Warning: {counted(remaining, 'session')} left but only "
                f"{counted(max(days, 1), 'day')}; some days hold several sessions. Consider a "
                "later date or shorter drills.",
                "yellow",
            ),
        )
    for day in calendar:
        say(console, f"  {day.day:%a %d %b}  {_day_label(day)}", hang=4)
    say(console, f"  {target:%a %d %b}  the interview", hang=4)
    if any(day.review for day in calendar):
        say(console, f"On review days, run what is due: {_commands(reviews)}")


def _commands(commands: list[str]) -> str:
    return ", ".join(whole(command) for command in commands)


def _day_label(day: CalendarDay) -> str:
    """'review', 'session 3', 'sessions 1 and 2' or 'sessions 1, 2 and 3'."""
    if day.review:
        return "review"
    numbers = [str(n) for n in day.sessions]
    if len(numbers) == 1:
        return f"session {numbers[0]}"
    return f"sessions {', '.join(numbers[:-1])} and {numbers[-1]}"


def _json(
    rows: list[SessionStatus],
    target: Any,
    calendar: list[CalendarDay],
    upcoming: PlanSession | None,
    track: str | None,
    reviews: list[str],
) -> dict[str, Any]:
    return {
        "sessions": [
            {
                "number": r.session.number,
                "title": r.session.title,
                "mode": r.session.mode,
                "decks": list(r.session.decks),
                "categories": list(r.session.categories),
                "kinds": list(r.session.kinds),
                "tags": list(r.session.tags),
                "count": r.session.count,
                "goal": r.session.goal,
                "cards": r.done.cards if r.done else None,
                "status": "done" if r.done else ("next" if r.is_next else "not started"),
                "done_at": r.done.at.isoformat() if r.done else None,
                "coverage": r.done.coverage if r.done else None,
                "mean_rating": r.done.mean_rating if r.done else None,
            }
            for r in rows
        ],
        "next_command": command_for(upcoming, track) if upcoming else None,
        "interview_date": target.isoformat() if target else None,
        "calendar": [
            {"date": d.day.isoformat(), "sessions": list(d.sessions), "review": d.review}
            for d in calendar
        ],
        "review_commands": reviews,
    }


def run_session_number(
    number: int | None, *, track: str | None, plain: bool, ai: bool = True
) -> int:
    sessions, state, _library = _load(quiet=True)  # the drill loads both again, and warns once then
    if number is None:
        chosen = next_session(sessions, state.events)
        if chosen is None:
            say(make_console(), "All six sessions are done. `nora plan reset` starts again.")
            return ExitCode.OK
    else:
        matches = [s for s in sessions if s.number == number]
        if not matches:
            raise UsageError(f"there is no session {number}; the plan has 1 to {len(sessions)}")
        chosen = matches[0]
    console = make_console()
    say(console, Text(f"Session {chosen.number}: {chosen.title}", "bold"))
    say(console, f"{chosen.goal}\n")

    def record(outcome: DrillOutcome, _state: Progress) -> None:
        if not outcome.result.completed:
            say(
                console, Text("The session is not marked done: every card must be rated.", "yellow")
            )
            return
        summary = outcome.summary
        ratings = [a.rating for a in outcome.result.rated if a.rating]
        event = PlanEvent(
            "session-done",
            history.now(),
            session=chosen.number,
            drill_id=outcome.result.drill_id,
            coverage=round(summary.coverage, 4),
            mean_rating=round(sum(ratings) / len(ratings), 3) if ratings else None,
            cards=len(ratings),
        )
        history.append(event, paths.history_path())
        # Every card the filters matched was rated: another run would draw no others.
        short = (
            f" with {len(ratings)} of its {chosen.count} cards: no other card matches"
            if len(ratings) < chosen.count
            else ""
        )
        say(console, Text(f"Session {chosen.number} is done{short}.", "green"))

    return start(
        DrillRequest(
            mode=chosen.mode,
            cards=Request(
                count=None if chosen.staged else chosen.count,  # a mode with stages runs them all
                decks=chosen.decks,
                categories=chosen.categories,
                kinds=chosen.kinds,
                tags=chosen.tags,
                tracks=(track,) if track else (),
            ),
            plain=plain,
            ai=ai,
            no_new_limit=True,  # the session is an explicit choice: all its cards, new or not
        ),
        on_done=record,
    )


def reset_plan(*, yes: bool) -> None:
    if not yes:
        if not sys.stdin.isatty():
            raise UsageError("`nora plan reset` needs confirmation: add --yes to reset")
        from nora_cli.ui.prompts import confirm

        if not confirm(
            "Start the six sessions over? Your history and reviews are kept.", default=False
        ):
            say(make_console(), "Nothing changed.")
            return
    paths.ensure_data_dir()
    history.append(PlanEvent("reset", history.now()), paths.history_path())
    say(make_console(), "The plan starts over at session 1. Your history is untouched.")
