"""`nora config`: show, set and locate the settings file."""

from __future__ import annotations

from typing import Annotated

import typer

app = typer.Typer(help="Show or change nora's settings (config.toml).")


@app.command("show")
def show(as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False) -> None:
    """Print every setting with its current value.

    Example: nora config show
    """
    import json

    from nora_cli.store import config

    current = config.load()
    rows = config.effective(current)
    if as_json:
        typer.echo(json.dumps({name: value for name, value, _ in rows}, indent=2))
        return
    for name, value, help_text in rows:
        shown = "(mode default)" if value is None else value
        typer.echo(f"{name:<18} {shown!s:<16} {help_text}")
    typer.echo(f"\nFile: {config.config_path()}")


@app.command("set")
def set_(
    key: Annotated[str, typer.Argument(help="The setting, e.g. new_cards_per_day.")],
    value: Annotated[str, typer.Argument(help="Its new value.")],
) -> None:
    """Change one setting; the value is checked before anything is written.

    Example: nora config set new_cards_per_day 10
    """
    from nora_cli.store import config

    path = config.set_value(key, value)
    typer.echo(f"{key} = {config.parse_value(key, value)} (saved in {path})")


@app.command("path")
def path() -> None:
    """Print where the settings file lives.

    Example: nora config path
    """
    from nora_cli.store import config

    typer.echo(str(config.config_path()))
