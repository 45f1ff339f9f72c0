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
    from nora_cli.ui.layout import Column, records
    from nora_cli.ui.prose import say, whole
    from nora_cli.ui.render import make_console

    current = config.load()
    rows = config.effective(current)
    if as_json:
        typer.echo(json.dumps({name: value for name, value, _ in rows}, indent=2))
        return
    console = make_console()
    columns = (Column("Setting", keep=True), Column("Value", keep=True), Column("Meaning"))
    records(console, "Settings", columns, [(n, toml_text(v), h) for n, v, h in rows])
    path = config.config_path()
    if path.exists():
        say(console, f"Saved in {whole(str(path))}")
    else:
        say(
            console,
            f"These are the defaults: {whole(str(path))} does not exist yet; `nora config set` "
            "creates it.",
        )


def toml_text(value: object) -> str:
    """A value as it is written in config.toml: true, 1.0, "text"; unset as a note."""
    if value is None:
        return "(mode default)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)


# A value such as -1 is a value, not an option: the real range check answers it.
@app.command("set", context_settings={"ignore_unknown_options": True})
def set_(
    key: Annotated[str, typer.Argument(metavar="KEY", help="The setting, e.g. new_cards_per_day.")],
    value: Annotated[str, typer.Argument(metavar="VALUE", help="Its new value.")],
) -> None:
    """Change one setting; the value is checked before anything is written.

    Example: nora config set new_cards_per_day 10
    """
    from nora_cli.store import config
    from nora_cli.ui.prose import say, whole
    from nora_cli.ui.render import make_console

    path = config.set_value(key, value)
    shown = whole(f"{key} = {toml_text(config.parse_value(key, value))}")
    say(make_console(), f"{shown} (saved in {whole(str(path))})")
    if key == "ai.model":  # whether llm knows the name, said now rather than at the next drill
        from nora_cli.app.ai import after_setting_model

        say(make_console(), after_setting_model(config.load()))


@app.command("path")
def path() -> None:
    """Print where the settings file lives.

    Example: nora config path
    """
    from nora_cli.store import config

    typer.echo(str(config.config_path()))
