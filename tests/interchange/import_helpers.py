"""What the import tests share: the fixture folder, reading a fixture, the cards of a result,
and the check that `nora decks validate` accepts what was imported."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from nora_cli.decks.loader import validate
from nora_cli.interchange.importing import ImportResult

DATA = Path(__file__).parents[1] / "data" / "import"
# The warnings an imported deck may have: reminders of what is left for the user to write.
REMINDERS = (
    "no key points yet",
    "the model answer is empty",
    "key points proposed by nora",
    "a good rubric has 3-6",
)


def read(name: str) -> str:
    return (DATA / name).read_bytes().decode("utf-8", errors="replace")


def cards(result: ImportResult) -> list[dict[str, Any]]:
    found = yaml.safe_load(result.deck_yaml)["cards"]
    assert len(found) == result.cards
    return list(found)


def assert_valid(result: ImportResult, folder: Path) -> None:
    """`nora decks validate` finds no problem; the only warnings are reminders to finish."""
    path = folder / "imported.yaml"
    path.write_text(result.deck_yaml, encoding="utf-8")
    report = validate([path])
    assert report.problems == []
    for warning in report.warnings:
        assert any(reminder in warning for reminder in REMINDERS), warning
