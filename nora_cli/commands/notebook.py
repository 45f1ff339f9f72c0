"""`nora stories` and `nora projects`: the user's own STAR stories and projects."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from nora_cli.core.notebook import Kind

stories_app = typer.Typer(help="Your STAR story bank: add, list, show, edit, remove, coverage.")
projects_app = typer.Typer(help="Your own projects, for the deep-dive drills.")

FromFile = Annotated[
    Path | None,
    typer.Option(
        "--from-file",
        "-f",
        metavar="FILE",
        help="Read the fields from a YAML file ('-' for stdin).",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print as JSON.")]
IdArg = Annotated[
    str, typer.Argument(metavar="ID", help="The id (or the start of the id or title).")
]
YesOpt = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]


def _story() -> Kind:
    from nora_cli.core import notebook

    return notebook.STORY


def _project() -> Kind:
    from nora_cli.core import notebook

    return notebook.PROJECT


@stories_app.command("add")
def story_add(from_file: FromFile = None) -> None:
    """Add a story: title, situation, task, action, result, measurable impact, themes.

    Example: nora stories add
    """
    from nora_cli.app import notebook as notebook_app

    notebook_app.add(_story(), from_file)


@stories_app.command("list")
def story_list(as_json: JsonOpt = False) -> None:
    """List your stories and how often you told each in a drill.

    Example: nora stories list
    """
    from nora_cli.app import notebook as notebook_app
    from nora_cli.app.state import load_progress

    used = load_progress().stories_used
    notebook_app.list_notes(_story(), as_json, used)


@stories_app.command("show")
def story_show(story: IdArg) -> None:
    """Show one story in full.

    Example: nora stories show churn-model
    """
    from nora_cli.app import notebook as notebook_app

    notebook_app.show(_story(), story)


@stories_app.command("edit")
def story_edit(story: IdArg) -> None:
    """Edit a story in $EDITOR as YAML; it is checked when you save.

    Example: EDITOR=nano nora stories edit churn-model
    """
    from nora_cli.app import notebook as notebook_app

    notebook_app.edit(_story(), story)


@stories_app.command("remove")
def story_remove(story: IdArg, yes: YesOpt = False) -> None:
    """Remove a story.

    Example: nora stories remove churn-model --yes
    """
    from nora_cli.app import notebook as notebook_app

    notebook_app.remove(_story(), story, yes)


@stories_app.command("coverage")
def story_coverage() -> None:
    """Which of the ten story themes have a story, and which lack one.

    Example: nora stories coverage
    """
    from nora_cli.app import notebook as notebook_app

    notebook_app.coverage()


@stories_app.command("template")
def story_template() -> None:
    """Print a blank story as YAML, for `nora stories add --from-file`.

    Example: nora stories template > story.yaml
    """
    from nora_cli.app import notebook as notebook_app

    notebook_app.template(_story())


@projects_app.command("add")
def project_add(from_file: FromFile = None) -> None:
    """Record a project: objective, data and labels, baseline, model, evaluation, deployment,
    monitoring, a failure, measurable impact, what you owned.

    Example: nora projects add
    """
    from nora_cli.app import notebook as notebook_app

    notebook_app.add(_project(), from_file)


@projects_app.command("list")
def project_list(as_json: JsonOpt = False) -> None:
    """List your projects.

    Example: nora projects list
    """
    from nora_cli.app import notebook as notebook_app

    notebook_app.list_notes(_project(), as_json)


@projects_app.command("show")
def project_show(project: IdArg) -> None:
    """Show one project in full.

    Example: nora projects show fraud-model
    """
    from nora_cli.app import notebook as notebook_app

    notebook_app.show(_project(), project)


@projects_app.command("edit")
def project_edit(project: IdArg) -> None:
    """Edit a project in $EDITOR as YAML; it is checked when you save.

    Example: nora projects edit fraud-model
    """
    from nora_cli.app import notebook as notebook_app

    notebook_app.edit(_project(), project)


@projects_app.command("remove")
def project_remove(project: IdArg, yes: YesOpt = False) -> None:
    """Remove a project.

    Example: nora projects remove fraud-model --yes
    """
    from nora_cli.app import notebook as notebook_app

    notebook_app.remove(_project(), project, yes)


@projects_app.command("template")
def project_template() -> None:
    """Print a blank project as YAML, for `nora projects add --from-file`.

    Example: nora projects template > project.yaml
    """
    from nora_cli.app import notebook as notebook_app

    notebook_app.template(_project())
