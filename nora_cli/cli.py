"""The `nora` command tree. Commands are thin: parse, call the domain, render."""

from __future__ import annotations

import os
import re
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from nora_cli import __version__
from nora_cli.commands import (
    ai,
    code,
    config,
    decks,
    drill,
    history,
    notebook,
    paths,
    plan,
    stats,
    usage,
)
from nora_cli.core.errors import ExitCode, FileProblem, NoraError


class NoraGroup(TyperGroup):
    """Turns a NoraError from any command into one red message and its exit code, so the
    installed `nora`, `python -m nora_cli` and Typer's test runner all behave the same."""

    def make_context(
        self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any
    ) -> Any:
        extra.setdefault("terminal_width", usage.help_width())
        usage.fit_help(self)
        usage.fit_context(self)
        try:
            return super().make_context(info_name, args, parent, **extra)
        except typer.TyperException as exc:
            raise _usage_exit(exc) from None

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except NoraError as exc:
            if _debugging(sys.argv[1:]):
                raise
            _report(exc)
            raise typer.Exit(int(exc.exit_code)) from None
        except typer.TyperException as exc:
            raise _usage_exit(exc) from None
        except OSError as exc:  # a file or folder the command could not read or write
            if _debugging(sys.argv[1:]):
                raise
            problem = FileProblem.of(exc)
            _report(problem)
            raise typer.Exit(int(problem.exit_code)) from None
        except KeyboardInterrupt:
            # A drill handles its own Ctrl-C; any other prompt stops here, and says so.
            print("\nInterrupted.", file=sys.stderr)
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None


def _usage_exit(exc: typer.TyperException) -> Exception:
    """A command-line mistake as nora reports any error: one red line, a hint, exit 1."""
    if not usage.is_usage_error(exc):
        return exc
    _report(NoraError(usage.describe(exc)))
    hint = usage.hint(exc)
    if hint:
        from nora_cli.ui.prose import say, whole
        from nora_cli.ui.render import make_console

        say(make_console(stderr=True), re.sub(r"'nora [^']*'", lambda m: whole(m.group()), hint))
    return typer.Exit(int(ExitCode.USAGE))


app = typer.Typer(
    cls=NoraGroup,
    name="nora",
    help="nora: a terminal interview coach for Machine Learning Engineers.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    add_completion=True,
)
app.add_typer(decks.app, name="decks")
app.command("drill", no_args_is_help=True)(drill.drill)
app.add_typer(history.app, name="history")
app.command("stats")(stats.stats)
app.add_typer(plan.app, name="plan")
app.add_typer(notebook.stories_app, name="stories")
app.add_typer(notebook.projects_app, name="projects")
app.add_typer(config.app, name="config")
app.command("paths")(paths.paths)
app.add_typer(code.app, name="code")
app.add_typer(ai.app, name="ai")

_state = {"debug": False}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"nora {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show full tracebacks for errors.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
    no_color: Annotated[
        bool, typer.Option("--no-color", help="No colour (NO_COLOR=1 does the same).")
    ] = False,
) -> None:
    """Timed interview drills, honest stats, offline. Start with: nora drill technical"""
    _state["debug"] = debug
    if no_color or not _config_color():
        os.environ["NO_COLOR"] = "1"
        os.environ["PROMPT_TOOLKIT_COLOR_DEPTH"] = "DEPTH_1_BIT"


def _config_color() -> bool:
    from nora_cli.core.errors import ConfigError
    from nora_cli.store import config as settings

    try:
        return settings.load().color
    except (ConfigError, OSError):
        return True  # the command that needs the config reports the problem


def _debugging(argv: list[str]) -> bool:
    return _state["debug"] or "--debug" in argv or os.environ.get("NORA_DEBUG") == "1"


def main(argv: list[str] | None = None) -> None:
    """Run the CLI and turn every failure into one clear line and an exit code."""
    args = sys.argv[1:] if argv is None else argv
    try:
        code = app(args=args, prog_name="nora", standalone_mode=False)
    except NoraError as exc:
        if _debugging(args):
            raise
        _report(exc)
        code = exc.exit_code
    except OSError as exc:
        if _debugging(args):
            raise
        _report(FileProblem.of(exc))
        code = FileProblem.exit_code
    except typer.TyperException as exc:
        show = getattr(exc, "show", None)
        if callable(show):
            show()
        else:
            print(f"Error: {exc.message}", file=sys.stderr)
        code = ExitCode.USAGE
    except (typer.Abort, KeyboardInterrupt):
        print("\nInterrupted.", file=sys.stderr)
        code = ExitCode.INTERRUPTED
    sys.exit(int(code or 0))


def _report(exc: NoraError) -> None:
    from nora_cli.ui.prose import say
    from nora_cli.ui.render import make_console

    console = make_console(stderr=True)
    say(console, f"error: {exc.message}", style="bold red", hang=2)
    for line in exc.details:
        say(console, f"  {line}", style="red", hang=4)
