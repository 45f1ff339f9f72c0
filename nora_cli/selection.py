"""Choose the cards for a drill from a mode, with filters, a count and a seed."""

from __future__ import annotations

import random
from collections.abc import Sequence

from nora_cli.errors import UsageError
from nora_cli.models import Card, Library, Mode
from nora_cli.session import DrillCard


def mode_pool(
    library: Library,
    mode: Mode,
    *,
    categories: Sequence[str] = (),
    decks: Sequence[str] = (),
) -> list[Card]:
    """The mode's cards, narrowed to the given categories and decks (matched case-insensitively)."""
    pool = [card for card in library.cards if mode.includes(card)]
    if decks:
        known = {c.deck.lower(): c.deck for c in pool}
        wanted = _resolve(decks, known, "deck", mode)
        pool = [c for c in pool if c.deck in wanted]
    if categories:
        known = {c.category.lower(): c.category for c in pool}
        wanted = _resolve(categories, known, "category", mode)
        pool = [c for c in pool if c.category in wanted]
    return pool


def _resolve(names: Sequence[str], known: dict[str, str], what: str, mode: Mode) -> set[str]:
    chosen: set[str] = set()
    for name in names:
        real = known.get(name.strip().lower())
        if real is None:
            valid = "; ".join(sorted(set(known.values())))
            raise UsageError(f"{what} '{name}' is not in {mode.name} mode. Choose from: {valid}")
        chosen.add(real)
    return chosen


def shuffled_draw(pool: list[Card], mode: Mode, count: int, rng: random.Random) -> list[Card]:
    """A random draw; an ordered mode takes cards from each deck in turn and keeps deck order."""
    if not mode.ordered:
        return rng.sample(pool, min(count, len(pool)))
    by_deck: dict[str, list[Card]] = {deck: [] for deck in mode.decks}
    for card in pool:
        by_deck[card.deck].append(card)
    for cards in by_deck.values():
        rng.shuffle(cards)
    chosen: list[Card] = []
    while len(chosen) < count and any(by_deck.values()):
        for cards in by_deck.values():
            if cards and len(chosen) < count:
                chosen.append(cards.pop())
    rank = {deck: i for i, deck in enumerate(mode.decks)}
    return sorted(chosen, key=lambda card: rank[card.deck])


def time_for(card: Card, mode: Mode, override: int | None) -> int:
    if override is not None:
        return override
    return card.time_limit if card.time_limit is not None else mode.default_time_limit


def choose(
    library: Library,
    mode: Mode,
    *,
    count: int | None = None,
    categories: Sequence[str] = (),
    decks: Sequence[str] = (),
    time_limit: int | None = None,
    seed: int | None = None,
) -> list[DrillCard]:
    pool = mode_pool(library, mode, categories=categories, decks=decks)
    if not pool:
        raise UsageError(f"{mode.name} mode has no cards with those filters")
    rng = random.Random(seed)
    picked = shuffled_draw(pool, mode, count or mode.default_count, rng)
    return [DrillCard(card, time_for(card, mode, time_limit), "shuffled") for card in picked]
