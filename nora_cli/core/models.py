"""The content model: cards, decks, modes. Small frozen dataclasses, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field

# Deck and card ids: lowercase words and digits joined by - or _ (my-deck, my_deck, q-12).
ID_PATTERN = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"
# A card's time limit in seconds, whether set in a deck, a mode, an import or on the command line.
TIME_LIMIT_MIN, TIME_LIMIT_MAX = 10, 7200

KINDS = ("concept", "coding", "design", "behavioral", "negotiation", "question-to-ask")
PROJECT_FIELDS = (
    "name", "objective", "data", "baseline", "model", "evaluation", "deployment",
    "monitoring", "failure", "impact", "ownership",
)  # fmt: skip


@dataclass(frozen=True)
class KeyPoint:
    """A checkable statement; `match` holds extra wordings that count as covering it and
    `dimensions` the judging dimensions it evidences (see core.dimensions; empty: derived)."""

    text: str
    match: tuple[str, ...] = ()
    dimensions: tuple[str, ...] = ()
    # The dimensions worked out from the card when the deck set none: filled in once when
    # the deck is parsed (and kept in the deck cache), never written back to a deck file.
    derived: tuple[str, ...] = ()


@dataclass(frozen=True)
class Card:
    id: str
    prompt: str
    category: str
    kind: str
    difficulty: int
    time_limit: int | None
    key_points: tuple[KeyPoint, ...]
    answer: str
    follow_ups: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    curveballs: tuple[str, ...] = ()
    # Wrong claims candidates often make on this question, each said as a candidate would
    # say it: an answer window that makes one credits no key point, and the reveal names it.
    pitfalls: tuple[str, ...] = ()
    project_fields: tuple[str, ...] = ()
    # The key points were proposed by nora from the answer and not yet reviewed (an import's
    # `key_points_derived: true`); an export carries the mark.
    key_points_derived: bool = False
    deck: str = ""
    source: str = ""
    line: int = 0

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}" if self.source else self.id


@dataclass(frozen=True)
class Deck:
    id: str
    title: str
    description: str
    cards: tuple[Card, ...]
    source: str = ""
    modes: tuple[str, ...] = ()
    origin: str = "shipped"
    modes_line: int = 0  # where the file lists `modes:` (0: not listed), for problems with them

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(card.category for card in self.cards))


@dataclass(frozen=True)
class Stage:
    """One round of a mock interview: its cards, and its time budget in minutes."""

    name: str
    cards: int
    minutes: float
    decks: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()

    def includes(self, card: Card) -> bool:
        if self.decks and card.deck not in self.decks:
            return False
        return not self.categories or card.category in self.categories


@dataclass(frozen=True)
class Mode:
    id: str
    name: str
    description: str
    decks: tuple[str, ...]
    categories: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    default_count: int = 10
    default_time_limit: int = 180
    tips: tuple[str, ...] = ()
    ordered: bool = False
    stages: tuple[Stage, ...] = ()
    source: str = ""

    def includes(self, card: Card) -> bool:
        if card.deck not in self.decks:
            return False
        return not self.categories or card.category in self.categories


@dataclass(frozen=True)
class Library:
    """Everything loaded from the YAML: decks by id, modes by id, and non-fatal warnings."""

    decks: dict[str, Deck]
    modes: dict[str, Mode]
    warnings: tuple[str, ...] = field(default=())
    replacements: tuple[str, ...] = field(default=())  # "your deck X replaces the shipped one"
    # Decks of the user's that could not be used: deck id (or file name) -> why, with file:line.
    skipped: dict[str, str] = field(default_factory=dict)

    @property
    def cards(self) -> list[Card]:
        return [card for deck in self.decks.values() for card in deck.cards]

    def card(self, card_id: str) -> Card | None:
        for deck in self.decks.values():
            for card in deck.cards:
                if card.id == card_id:
                    return card
        return None

    def modes_of(self, deck_id: str) -> list[str]:
        return [mode.id for mode in self.modes.values() if deck_id in mode.decks]

    def mode(self, name: str) -> Mode:
        from nora_cli.core.errors import UsageError

        wanted = name.strip().lower()
        for mode in self.modes.values():
            if wanted == mode.id or wanted in mode.aliases:
                return mode
        valid = ", ".join(sorted(self.modes))
        raise UsageError(f"unknown mode '{name}'. Valid modes: {valid}.")
