"""`nora plan`: the six-session practice sequence."""

from __future__ import annotations

from typing import Annotated

import typer

from nora_cli.commands.bounds import within

app = typer.Typer(
    help="The six-session practice sequence: progress, the next step, an interview calendar.",
    invoke_without_command=True,
)

TrackOpt = Annotated[
    str | None,
    typer.Option(
        "--track", "-t", metavar="TAG", help="Narrow the plan's drills to a company or role tag."
    ),
]
PlainOpt = Annotated[
    bool, typer.Option("--plain", help="Line-based input for screen readers, pipes and scripts.")
]
NoAiOpt = Annotated[
    bool, typer.Option("--no-ai", help="Only the offline coach this time, even with ai.model set.")
]


@app.callback()
def show(
    ctx: typer.Context,
    interview_date: Annotated[
        str | None,
        typer.Option(
            "--interview-date",
            metavar="DATE",
            help="Your interview day (YYYY-MM-DD): spread the remaining sessions before it.",
        ),
    ] = None,
    track: TrackOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the plan as JSON.")] = False,
) -> None:
    """Show the six sessions with their status and the command for the next one.

    Example: nora plan --interview-date 2026-12-15
    """
    if ctx.invoked_subcommand is not None:
        return
    from nora_cli.app.plan import show_plan

    show_plan(interview_date=interview_date, track=track, as_json=as_json)


@app.command("next")
def next_session(track: TrackOpt = None, plain: PlainOpt = False, no_ai: NoAiOpt = False) -> None:
    """Start the next session's drill.

    A session draws all its cards: it is not held to the daily new-card limit (its new cards
    still count towards the day's total).

    Example: nora plan next
    """
    from nora_cli.app.plan import run_session_number

    code = run_session_number(None, track=track, plain=plain, ai=not no_ai)
    if code:
        raise typer.Exit(code)


@app.command("start")
def start(
    number: Annotated[
        int, typer.Argument(callback=within(1), metavar="N", help="The session number, 1 to 6.")
    ],
    track: TrackOpt = None,
    plain: PlainOpt = False,
    no_ai: NoAiOpt = False,
) -> None:
    """Start session N's drill (again, if it is done).

    A session draws all its cards: it is not held to the daily new-card limit (its new cards
    still count towards the day's total).

    Example: nora plan start 3
    """
    from nora_cli.app.plan import run_session_number

    code = run_session_number(number, track=track, plain=plain, ai=not no_ai)
    if code:
        raise typer.Exit(code)


@app.command("reset")
def reset(
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Start the sequence over. Your history and review schedule are kept.

    Example: nora plan reset
    """
    from nora_cli.app.plan import reset_plan

    reset_plan(yes=yes)
