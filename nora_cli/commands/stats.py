"""`nora stats`: where you are weak, and what to drill next."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from nora_cli.core.code_stats import CodingFigures
    from nora_cli.core.dimension_stats import DimensionReport
    from nora_cli.core.exercise import Exercise
    from nora_cli.core.models import Library
    from nora_cli.core.progress import Progress
    from nora_cli.core.records import Outcome


class GroupBy(StrEnum):
    category = "category"
    mode = "mode"


def stats(
    mode: Annotated[
        str | None,
        typer.Option("--mode", "-m", metavar="MODE", help="Only attempts made in this mode."),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since", metavar="DATE", help="Only attempts on or after this date (YYYY-MM-DD)."
        ),
    ] = None,
    by: Annotated[
        GroupBy,
        typer.Option(
            "--by", metavar="GROUP", help="Group the table by category (the default) or by mode."
        ),
    ] = GroupBy.category,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the figures as a JSON document.")
    ] = False,
) -> None:
    """Show your practice: streaks, heatmap, per-category figures and weakest areas.

    Example: nora stats --since 2026-11-01
    """
    import json
    from datetime import datetime

    from nora_cli.app.state import load_decks, load_progress
    from nora_cli.core import stats as figures
    from nora_cli.core.errors import UsageError
    from nora_cli.store.history import no_collection
    from nora_cli.ui import code_view
    from nora_cli.ui import stats_view as render_stats
    from nora_cli.ui.prose import say, whole
    from nora_cli.ui.render import make_console

    library = load_decks()
    mode_id = library.mode(mode).id if mode else None
    now = datetime.now().astimezone()
    try:
        since_day = date.fromisoformat(since) if since else None
    except ValueError as exc:
        raise UsageError(f"--since '{since}' is not a date; use YYYY-MM-DD") from exc
    if since_day and since_day > now.date():
        raise UsageError(
            f"--since {since_day} is in the future; give a day up to today ({now.date()})"
        )
    state = load_progress()
    answered = _answered_since(since_day) if since_day else None
    seen = {o.card_id for o in answered if not o.skipped} if answered is not None else None
    with no_collection():  # sums over every day of practice: many short-lived objects
        report = figures.compute(
            state, library, now, mode=mode_id, since=since_day, by=by.value, seen_since=seen
        )
    exercises = _exercises(state)
    dimensions = _dimensions(state, library, report.today, mode_id, answered, exercises)
    if as_json:
        document = render_stats.as_json(report)
        document["dimensions"] = render_stats.dimensions_json(dimensions)
        document["coding"] = _coding(state, report.today, exercises).to_json()
        typer.echo(json.dumps(document, indent=2, ensure_ascii=False))
        return
    console = make_console()
    if not state.days:
        say(console, f"No practice yet. Start with: {whole('nora drill technical')}")
        return
    render_stats.render(console, report)
    render_stats.render_dimensions(console, dimensions)
    code_view.coding_figures(console, _coding(state, report.today, exercises))


def _exercises(state: Progress) -> dict[str, Exercise]:
    """The coding exercises, read only when there are coding attempts to describe."""
    if not state.code:
        return {}
    from nora_cli.app.code import exercises

    return exercises()


def _coding(state: Progress, today: date, exercises: dict[str, Exercise]) -> CodingFigures:
    if not state.code:
        from nora_cli.core import code_stats

        return code_stats.compute([], today, {})
    from nora_cli.app.code import coding_figures

    return coding_figures(state, today, exercises)


def _answered_since(since: date) -> list[Outcome]:
    """The attempts from `since` on, streamed from the history (the progress keeps no
    per-answer days for every card)."""
    from nora_cli.core.records import Outcome
    from nora_cli.store import history, paths

    kept: list[Outcome] = []

    def keep(entry: object) -> None:
        if isinstance(entry, Outcome) and entry.ended_at.astimezone().date() >= since:
            kept.append(entry)

    history.scan_outcomes(paths.history_path(), keep)
    return kept


def _dimensions(
    state: Progress,
    library: Library,
    today: date,
    mode: str | None,
    answered: list[Outcome] | None,
    exercises: dict[str, Exercise],
) -> DimensionReport:
    """Each judging dimension's figures: from the ticks the progress keeps, or with --since
    from the attempts answered since that day. A coding attempt's ticks count by its
    exercise's follow-up rubric."""
    from nora_cli.core import dimension_stats

    extra = None
    if exercises:
        from nora_cli.app.code_rubric import follow_up_rubrics

        extra = follow_up_rubrics(exercises.values(), library)
    if answered is None:
        return dimension_stats.from_progress(state, library, today, mode=mode, extra=extra)
    return dimension_stats.compute(answered, library, today, mode=mode, extra=extra)
