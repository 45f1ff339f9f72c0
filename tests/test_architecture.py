"""The layout holds: each folder imports only the folders below it, domain folders import no
terminal library, and no module outgrows a file a reader can hold in their head."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "nora_cli"
# What each folder may import from nora_cli (itself included). Read top to bottom: a folder
# may use the ones its line names, never one that names it.
ALLOWED = {
    "core": {"core"},
    "coach": {"coach", "core"},
    "decks": {"decks", "store", "core"},  # user decks live in the data folder
    "store": {"store", "core"},
    "interchange": {"interchange", "decks", "store", "core"},
    "ui": {"ui", "coach", "core"},
    "app": {"app", "ui", "interchange", "store", "decks", "coach", "core"},
    "commands": {"commands", "app", "ui", "interchange", "store", "decks", "coach", "core"},
}
DOMAIN = ("core", "coach", "decks", "store", "interchange")
TERMINAL = ("typer", "rich", "questionary", "prompt_toolkit", "click")
MAX_LINES = 400


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p.parent != PACKAGE)


def imported(path: Path) -> set[str]:
    """Every module this file imports, at the top or inside functions."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "nora_cli":
                names.update(f"nora_cli.{alias.name}" for alias in node.names)
            else:
                names.add(node.module)
    return names


def folder(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0]


def test_every_module_sits_in_a_role_folder() -> None:
    loose = {p.name for p in PACKAGE.glob("*.py")} - {"__init__.py", "__main__.py", "cli.py"}
    assert loose == set()
    assert {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"} >= set(
        ALLOWED
    )


@pytest.mark.parametrize("role", sorted(ALLOWED))
def test_a_folder_imports_only_the_folders_below_it(role: str) -> None:
    wrong = []
    for path in (p for p in modules() if folder(p) == role):
        for name in imported(path):
            parts = name.split(".")
            other = parts[1] if parts[0] == "nora_cli" and len(parts) > 1 else ""
            if other in ALLOWED and other not in ALLOWED[role]:
                wrong.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert wrong == []


@pytest.mark.parametrize("role", DOMAIN)
def test_domain_code_imports_no_terminal_library(role: str) -> None:
    wrong = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in modules()
        if folder(path) == role
        for name in imported(path)
        if name.split(".")[0] in TERMINAL
    ]
    assert wrong == []


def test_no_module_is_longer_than_a_reader_can_hold() -> None:
    long = {
        str(p.relative_to(PACKAGE)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_the_checker_sees_imports_inside_functions(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from nora_cli.ui import render\n    import rich.table\n")
    assert imported(sample) == {"nora_cli.ui", "rich.table"}
