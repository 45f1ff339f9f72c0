"""Shell-completion candidates: modes, deck ids and categories from the loaded decks."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nora_cli.core.models import Library


def _library() -> Library | None:
    from nora_cli.decks.loader import load_library

    try:
        return load_library()
    except Exception:
        return None


def modes(incomplete: str) -> list[str]:
    library = _library()
    if library is None:
        return []
    names = [name for mode in library.modes.values() for name in (mode.id, *mode.aliases)]
    return sorted(n for n in names if n.startswith(incomplete.lower()))


def decks(incomplete: str) -> list[str]:
    library = _library()
    if library is None:
        return []
    return sorted(d for d in library.decks if d.startswith(incomplete.lower()))


def categories(incomplete: str) -> list[str]:
    library = _library()
    if library is None:
        return []
    names = {card.category for card in library.cards}
    return sorted(n for n in names if n.lower().startswith(incomplete.lower()))
