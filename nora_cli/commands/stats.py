"""`nora stats`: where you are weak, and what to drill next."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

import typer


class GroupBy(StrEnum):
    category = "category"
    mode = "mode"


def stats(
    mode: Annotated[
        str | None, typer.Option("--mode", "-m", help="Only attempts made in this mode.")
    ] = None,
    since: Annotated[
        str | None,
        typer.Option("--since", help="Only attempts on or after this date (YYYY-MM-DD)."),
    ] = None,
    by: Annotated[
        GroupBy, typer.Option("--by", help="Group the table by category or by mode.")
    ] = GroupBy.category,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the figures as a JSON document.")
    ] = False,
) -> None:
    """Show your practice: streaks, heatmap, per-category figures and weakest areas.

    Example: nora stats --mode technical --since 2026-11-01
    """
    import json
    from datetime import datetime

    from nora_cli.app.state import load_progress
    from nora_cli.core import stats as figures
    from nora_cli.core.errors import UsageError
    from nora_cli.decks.loader import load_library
    from nora_cli.store.history import no_collection
    from nora_cli.ui import stats_view as render_stats
    from nora_cli.ui.render import make_console

    library = load_library()
    mode_id = library.mode(mode).id if mode else None
    try:
        since_day = date.fromisoformat(since) if since else None
    except ValueError as exc:
        raise UsageError(f"--since '{since}' is not a date; use YYYY-MM-DD") from exc
    state = load_progress()
    with no_collection():  # sums over every day of practice: many short-lived objects
        report = figures.compute(
            state, library, datetime.now().astimezone(), mode=mode_id, since=since_day, by=by.value
        )
    if as_json:
        typer.echo(json.dumps(render_stats.as_json(report), indent=2, ensure_ascii=False))
        return
    console = make_console()
    if not state.days:
        console.print("No practice yet. Start with: nora drill technical")
        return
    render_stats.render(console, report)
