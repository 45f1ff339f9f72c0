"""`nora code`: runnable coding exercises with hidden tests, in your own editor."""

from __future__ import annotations

from typing import Annotated

import typer

from nora_cli.core.errors import ExitCode

app = typer.Typer(
    help="Coding exercises: write real code in your editor against visible and hidden tests.",
    invoke_without_command=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

IdArg = Annotated[
    str, typer.Argument(metavar="EXERCISE", help="The exercise id, as `nora code` lists it.")
]
PythonOpt = Annotated[
    str,
    typer.Option(
        "--python",
        metavar="PATH",
        help="The Python interpreter that runs your code (default: the one nora runs on).",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the result as a JSON document.")]


@app.callback()
def listing(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """List the exercises with level, topic, status and best time.

    Example: nora code --json
    """
    if ctx.invoked_subcommand is not None:
        return
    import json
    from datetime import datetime

    from nora_cli.app import code
    from nora_cli.app.state import load_progress
    from nora_cli.ui import code_view
    from nora_cli.ui.render import make_console

    rows = code.statuses(load_progress(), datetime.now().astimezone(), code.exercises())
    if as_json:
        typer.echo(json.dumps([code.status_json(row) for row in rows], indent=2))
        return
    code_view.exercise_table(make_console(), rows)


@app.command("start")
def start(
    exercise: Annotated[
        str | None,
        typer.Argument(
            metavar="EXERCISE",
            help="The exercise id (default: the one in progress, else the next due or new one).",
        ),
    ] = None,
    python: PythonOpt = "",
) -> None:
    """Open an exercise's workspace, test it at every save, submit and answer follow-ups.

    Example: nora code start top-k-frequent
    """
    from nora_cli.app.code_session import start as sit

    raise typer.Exit(sit(exercise, python=python))


@app.command("submit")
def submit(exercise: IdArg, python: PythonOpt = "") -> None:
    """Submit the workspace of an exercise: every test, the scaling check, the follow-ups.

    Example: nora code submit top-k-frequent
    """
    from nora_cli.app.code_session import start as sit

    raise typer.Exit(sit(exercise, python=python, submit_now=True))


@app.command("test")
def test(
    exercise: IdArg,
    file: Annotated[str, typer.Option("--file", metavar="FILE", help="The Python file to test.")],
    python: PythonOpt = "",
    as_json: JsonOpt = False,
) -> None:
    """Run a file against every test of an exercise: exit 0 all pass, 1 some fail, 2 bad input.

    Example: nora code test lru-cache --file lru.py
    """
    import json
    from pathlib import Path

    from nora_cli.app import code
    from nora_cli.core.errors import SolutionError, UsageError
    from nora_cli.decks.exercises import find
    from nora_cli.ui import code_view
    from nora_cli.ui.render import make_console

    try:
        chosen = find(code.exercises(), exercise)
    except UsageError as exc:  # bad input for a script: exit 2, as for a missing file
        raise SolutionError(exc.message) from exc
    source = code.read_solution(Path(file).expanduser())
    report, verdict = code.run_tests(chosen, source, suite="all", python=python)
    if as_json:
        typer.echo(json.dumps(code.report_json(chosen, report, verdict), indent=2))
    else:
        code_view.submit_report(make_console(), report)
    raise typer.Exit(ExitCode.OK if report.all_passed else ExitCode.USAGE)


@app.command("solution")
def solution(
    exercise: IdArg,
    yes: Annotated[bool, typer.Option("--yes", help="Show it even before an attempt.")] = False,
) -> None:
    """Show the reference solution and its explanation (asks first before any attempt).

    Example: nora code solution top-k-frequent
    """
    from nora_cli.app import code

    code.show_solution(exercise, yes=yes)
