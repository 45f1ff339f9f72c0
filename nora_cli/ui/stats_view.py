"""Drawing `nora stats`: overview, heatmap, per-group table and weakest areas."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from rich.console import Console
from rich.text import Text

from nora_cli.core.dimension_stats import DimensionReport
from nora_cli.core.stats import GroupStats, HeatCell, StatsReport
from nora_cli.ui.layout import Column, records
from nora_cli.ui.prose import command_lines, counted, say, whole
from nora_cli.ui.render import clock

SHADES = ((0, "·", "grey42"), (1, "░", "green"), (3, "▒", "green3"), (6, "▓", "green1"))
TOP_SHADE = ("█", "bold bright_green")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def shade(cards: int) -> tuple[str, str]:
    """The character and style for a day with this many cards."""
    if cards >= 10:
        return TOP_SHADE
    chosen = SHADES[0][1:]
    for low, char, style in SHADES:
        if cards >= low:
            chosen = (char, style)
    return chosen


def heatmap_rows(cells: list[HeatCell]) -> list[list[HeatCell | None]]:
    """Seven rows (Monday first) of week columns, each column a calendar week. A first week
    the window starts in the middle of is left out, so every row starts in the same column;
    the days after today in the current week are None."""
    first = cells[0].day
    start = first + timedelta(days=(7 - first.weekday()) % 7)
    by_day = {cell.day: cell for cell in cells}
    weeks = (cells[-1].day - start).days // 7 + 1
    return [[by_day.get(start + timedelta(days=7 * w + d)) for w in range(weeks)] for d in range(7)]


def render(console: Console, report: StatsReport) -> None:
    from rich.table import Table

    o = report.overview
    scope = f" in {report.mode} mode" if report.mode else ""
    since = f" since {report.since}" if report.since else ""
    console.print(Text(f"Your practice{scope}{since}", style="bold"))
    grid = Table.grid(padding=(0, 2))
    others = [f"{n} {what}" for n, what in ((o.skipped, "skipped"), (o.unrated, "unrated")) if n]
    grid.add_row("Attempts", ", ".join([f"{o.attempts} rated", *others]))
    grid.add_row("Cards seen", f"{o.cards_seen} of {o.cards_total}")
    grid.add_row("Days practised", str(o.days_practised))
    now, longest = counted(o.current_streak, "day"), counted(o.longest_streak, "day")
    grid.add_row("Streak", f"{now} now, longest {longest}")
    grid.add_row("Total time", clock(o.total_seconds))
    grid.add_row("Due", f"{o.due_today} by the end of today, {o.due_this_week} within 7 days")
    console.print(grid)
    console.print()
    _heatmap(console, report.heatmap)
    console.print()
    if not report.groups:  # answers saved, none rated: the table and the ranking need ratings
        say(console, "Rate an answer and the figures by category and the weakest areas follow.")
        return
    _groups(console, report)
    if report.stories_used:
        told = ", ".join(f"{story} x{n}" for story, n in sorted(report.stories_used.items()))
        console.print(Text.assemble(("Stories told: ", "bold"), told))
    console.print()
    say(console, Text("Weakest areas (higher need = more work; see README for the score)", "bold"))
    for number, area in enumerate(report.weakest, start=1):
        line = Text.assemble(f" {number}. ", (area.group.name, "bold"))
        line.append(f"  {whole(f'need {need(area.group)}')}")
        say(console, line, hang=4)
        command(console, area.command)


def command(console: Console, text: str) -> None:
    """A command to copy, indented, never folded by the terminal inside a word."""
    for line in command_lines(text, console.width):
        console.print(Text(line, style="cyan"), soft_wrap=True)


def need(group: GroupStats) -> str:
    """The need score as shown and as in the JSON document: two decimals."""
    return f"{round(group.need, 2):.2f}"


def _heatmap(console: Console, cells: list[HeatCell]) -> None:
    console.print(Text("Last 16 weeks (cards a day)", style="bold"))
    for name, row in zip(WEEKDAYS, heatmap_rows(cells), strict=True):
        line = Text(f"{name} ")
        for cell in row:
            char, style = shade(cell.cards) if cell else (" ", "")
            line.append(char + " ", style)
        console.print(line)
    legend = Text("   ")
    for cards, label in ((0, "0"), (1, "1-2"), (3, "3-5"), (6, "6-9"), (10, "10+")):
        char, style = shade(cards)
        legend.append(f" {char}", style)
        legend.append(f" {label}")
    console.print(legend)


def _trend(value: float | None) -> str:
    if value is None:
        return "-"
    if abs(value) < 0.05:
        return "→ 0.0"
    return f"{'↑' if value > 0 else '↓'} {value:+.1f}"


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


# Narrow terminals drop the figures in this order (the highest first).
GROUP_COLUMNS = (
    Column("Tries", keep=True, justify="right"),
    Column("Last", keep=True, justify="right", drop=4),
    Column("Rating", keep=True, justify="right"),
    Column("Points", keep=True, justify="right", drop=2),
    Column("Over", keep=True, justify="right", drop=5),
    Column("Recall", keep=True, justify="right", drop=3),
    Column("Lapses", keep=True, justify="right", drop=7),
    Column("Trend", keep=True, justify="right", drop=6),
)


def _groups(console: Console, report: StatsReport) -> None:
    title = "By mode" if report.by == "mode" else "By category"
    rows = [
        (
            Text(g.name),
            str(g.attempts),
            g.last_practised.strftime("%b %d") if g.last_practised else "-",
            f"{g.mean_rating:.1f}",
            _percent(g.coverage),
            _percent(g.overtime_rate),
            _percent(g.retrievability),
            str(g.lapses),
            _trend(g.trend),
        )
        for g in report.groups
    ]
    records(console, title, (Column("Name"), *GROUP_COLUMNS), rows)


def _group_json(g: GroupStats) -> dict[str, Any]:
    return {
        "name": g.name,
        "attempts": g.attempts,
        "last_practised": g.last_practised.isoformat() if g.last_practised else None,
        "mean_rating": round(g.mean_rating, 3),
        "key_point_coverage": round(g.coverage, 4),
        "overtime_rate": round(g.overtime_rate, 4),
        "retrievability": None if g.retrievability is None else round(g.retrievability, 4),
        "lapses": g.lapses,
        "trend": None if g.trend is None else round(g.trend, 3),
        "seconds": round(g.seconds, 1),
        "need": round(g.need, 2),
    }


def as_json(report: StatsReport) -> dict[str, Any]:
    """The stable `nora stats --json` document (schema 1; see README)."""
    o = report.overview
    return {
        "schema": 1,
        "today": report.today.isoformat(),
        "filters": {
            "mode": report.mode,
            "since": report.since.isoformat() if report.since else None,
            "by": report.by,
        },
        "overview": {
            "attempts": o.attempts,
            "skipped": o.skipped,
            "unrated": o.unrated,
            "cards_seen": o.cards_seen,
            "cards_total": o.cards_total,
            "days_practised": o.days_practised,
            "current_streak": o.current_streak,
            "longest_streak": o.longest_streak,
            "total_seconds": round(o.total_seconds, 1),
            "due_today": o.due_today,
            "due_this_week": o.due_this_week,
        },
        "heatmap": [
            {"date": c.day.isoformat(), "cards": c.cards, "minutes": c.minutes}
            for c in report.heatmap
        ],
        "groups": [_group_json(g) for g in report.groups],
        "weakest": [
            {"name": w.group.name, "need": round(w.group.need, 2), "command": w.command}
            for w in report.weakest
        ],
        "stories_used": report.stories_used,
    }


# --- judging dimensions (core.dimension_stats) ------------------------------------------------


def render_dimensions(console: Console, report: DimensionReport) -> None:
    """Each dimension's level and trend, and the weakest one with the command that drills it."""
    from nora_cli.core.dimensions import NAMES

    if not report.levels:
        return
    console.print()
    columns = (
        Column("Dimension"),
        Column("Level", keep=True, justify="right"),
        Column("Ticked", keep=True, justify="right", drop=2),
        Column("Trend", keep=True, justify="right", drop=1),
    )
    rows = [
        (
            NAMES[level.name],
            f"{level.level:.0%}",
            f"{level.ticked}/{level.points}",
            _trend_share(level.trend),
        )
        for level in report.levels
    ]
    records(console, "By dimension (share of key points you ticked)", columns, rows)
    if report.weakest and report.command:
        say(console, Text.assemble("Weakest dimension: ", (NAMES[report.weakest], "bold")))
        command(console, report.command)
    elif len(report.levels) > 1:
        say(console, "No dimension stands out as weakest.")


def _trend_share(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{'↑' if value > 0 else '↓' if value < 0 else '→'} {value:+.0%}"


def dimensions_json(report: DimensionReport) -> dict[str, Any]:
    """The `dimensions` member of `nora stats --json`."""
    return {
        "levels": [
            {
                "name": level.name,
                "ticked": level.ticked,
                "points": level.points,
                "level": round(level.level, 4),
                "trend": None if level.trend is None else round(level.trend, 4),
            }
            for level in report.levels
        ],
        "weakest": report.weakest,
        "command": report.command,
    }
