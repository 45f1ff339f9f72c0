"""A cache of parsed decks, so a start does not re-parse YAML that has not changed.

The cache is JSON (reading it can never run code) and is used only while its key matches: the
cache format, the loader's own modules and every deck and mode file, each by path, size and
modification time. Any change to a deck or to the code that parses it means a fresh parse.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from nora_cli.core.models import Card, Deck, KeyPoint, Library, Mode, Stage

FORMAT = 6  # 4: skipped deck files kept with their warnings; 5: derived dimensions; 6: pitfalls
# The modules whose code decides what a parse returns.
LOADER = (
    "decks/loader.py",
    "decks/check.py",
    "decks/check_mode.py",
    "decks/yamlfile.py",
    "core/models.py",
    "core/dimensions.py",  # the dimensions a key point without any gets at load
)


def _stat(path: Path) -> list[Any]:
    stat = path.stat()
    return [str(path.resolve()), stat.st_size, stat.st_mtime_ns]


def key(files: list[Path]) -> list[Any]:
    package = Path(__file__).resolve().parents[1]
    return [FORMAT, [_stat(package / name) for name in LOADER], [_stat(p) for p in files]]


def cache_file() -> Path:
    from nora_cli.store import paths

    return paths.cache_dir() / "decks.json"


def read(files: list[Path]) -> Library | None:
    """The parsed library from the last load, if nothing it was parsed from has changed."""
    try:
        data = json.loads(cache_file().read_bytes())
        if data["key"] != key(files):
            return None
        return _library(data["library"])
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None  # missing, stale or damaged: parse again, the cache is rewritten


def write(files: list[Path], library: Library) -> None:
    from nora_cli.store.atomic import write_atomic

    try:
        data = {"key": key(files), "library": _library_json(library)}
        write_atomic(cache_file(), json.dumps(data, separators=(",", ":")).encode("utf-8"))
    except OSError:
        pass  # the cache only saves time; a read-only home still works


def _library_json(library: Library) -> dict[str, Any]:
    return {
        "decks": [_deck_json(d) for d in library.decks.values()],
        "modes": [_mode_json(m) for m in library.modes.values()],
        "warnings": list(library.warnings),
        "replacements": list(library.replacements),
        "skipped": dict(library.skipped),
    }


def _deck_json(deck: Deck) -> dict[str, Any]:
    fields = {k: v for k, v in vars(deck).items() if k != "cards"}
    return {**fields, "cards": [_card_json(c) for c in deck.cards]}


def _card_json(card: Card) -> dict[str, Any]:
    fields = {k: v for k, v in vars(card).items() if k != "key_points"}
    points = [[p.text, list(p.match), list(p.dimensions), list(p.derived)] for p in card.key_points]
    return {**fields, "key_points": points}


def _mode_json(mode: Mode) -> dict[str, Any]:
    fields = {k: v for k, v in vars(mode).items() if k != "stages"}
    return {**fields, "stages": [vars(s) for s in mode.stages]}


def _tuples(data: dict[str, Any]) -> dict[str, Any]:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}


def _library(data: dict[str, Any]) -> Library:
    decks = [_deck(d) for d in data["decks"]]
    modes = [_mode(m) for m in data["modes"]]
    return Library(
        decks={d.id: d for d in decks},
        modes={m.id: m for m in modes},
        warnings=tuple(data["warnings"]),
        replacements=tuple(data["replacements"]),
        skipped={str(k): str(v) for k, v in data["skipped"].items()},
    )


def _deck(data: dict[str, Any]) -> Deck:
    cards = tuple(_card(c) for c in data["cards"])
    return Deck(**_tuples({k: v for k, v in data.items() if k != "cards"}), cards=cards)


def _card(data: dict[str, Any]) -> Card:
    points = tuple(
        KeyPoint(t, tuple(m), tuple(d), tuple(derived)) for t, m, d, derived in data["key_points"]
    )
    return Card(**_tuples({k: v for k, v in data.items() if k != "key_points"}), key_points=points)


def _mode(data: dict[str, Any]) -> Mode:
    stages = tuple(Stage(**_tuples(s)) for s in data["stages"])
    return Mode(**_tuples({k: v for k, v in data.items() if k != "stages"}), stages=stages)
