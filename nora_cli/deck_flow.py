"""What `nora decks new`, `import` and `export` do with files."""

from __future__ import annotations

import json
import re
from pathlib import Path

from rich.text import Text

from nora_cli.atomic import write_atomic
from nora_cli.decks import user_deck_dir, validate
from nora_cli.errors import UsageError
from nora_cli.render import make_console
from nora_cli.starter import SCHEMA_FILE, starter_deck

DECK_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def check_deck_id(name: str) -> str:
    deck_id = name.strip().lower()
    if not DECK_ID.match(deck_id):
        raise UsageError(f"'{name}' is not a deck id: use lowercase words joined by -")
    return deck_id


def write_schema(folder: Path) -> None:
    """Keep the JSON Schema beside the user's decks, where their `$schema` line points."""
    from nora_cli.deck_schema import deck_schema

    write_atomic(folder / SCHEMA_FILE, json.dumps(deck_schema(), indent=2).encode("utf-8"))


def new_deck(name: str) -> Path:
    deck_id = check_deck_id(name)
    folder = user_deck_dir()
    path = folder / f"{deck_id}.yaml"
    if path.exists():
        raise UsageError(f"{path} already exists; edit it, or choose another name")
    title = deck_id.replace("-", " ").capitalize()
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(path, starter_deck(deck_id, title, str(path)).encode("utf-8"))
    write_schema(folder)
    report = validate([path])
    console = make_console()
    console.print(Text(f"Wrote {path}", style="green"))
    console.print("Edit it, then check it with: " + f"nora decks validate {path}")
    console.print(f"It joins technical mode: nora drill technical --deck {deck_id}")
    for problem in report.problems:
        console.print(Text(problem, style="red"), soft_wrap=True)
    return path
