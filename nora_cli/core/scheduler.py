"""Each card's memory state, kept by the FSRS scheduler (the `fsrs` package).

Fuzzing is off so that replaying the history always yields the same schedule as the
incremental updates did: the cache can be rebuilt at any time without changing a due date.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import fsrs

LAPSE_RATING = 1
_RATINGS = {rating.value: rating for rating in fsrs.Rating}  # Enum lookups cost in a replay
_REVIEW = fsrs.State.Review


def fsrs_id(card_id: str) -> int:
    """A stable integer id for fsrs.Card (without one, fsrs sleeps 1 ms to make a unique id)."""
    return int.from_bytes(hashlib.sha1(card_id.encode("utf-8")).digest()[:7], "big")


@dataclass
class CardMemory:
    card: Any  # fsrs.Card
    reviews: int = 0
    lapses: int = 0
    last_rating: int = 0


@dataclass
class MemoryBank:
    """FSRS state for every card that has been reviewed (cram and skipped attempts excluded)."""

    cards: dict[str, CardMemory] = field(default_factory=dict)
    _scheduler: Any = field(default=None, repr=False)

    @property
    def scheduler(self) -> Any:
        if self._scheduler is None:
            self._scheduler = fsrs.Scheduler(enable_fuzzing=False)
        return self._scheduler

    def review(self, card_id: str, rating: int, at: datetime) -> bool:
        """Apply one rating at its UTC time; returns True when it was a lapse."""
        memory = self.cards.get(card_id)
        if memory is None:
            memory = CardMemory(fsrs.Card(card_id=fsrs_id(card_id), due=at))
            self.cards[card_id] = memory
        lapse = rating == LAPSE_RATING and memory.card.state is _REVIEW
        memory.card, _ = self.scheduler.review_card(memory.card, _RATINGS[rating], at)
        memory.reviews += 1
        memory.lapses += int(lapse)
        memory.last_rating = rating
        return lapse

    def due(self, card_id: str) -> datetime | None:
        memory = self.cards.get(card_id)
        return memory.card.due if memory else None

    def is_due(self, card_id: str, now: datetime) -> bool:
        due = self.due(card_id)
        return due is not None and due <= now

    def retrievability(self, card_id: str, now: datetime) -> float | None:
        memory = self.cards.get(card_id)
        if memory is None:
            return None
        return float(self.scheduler.get_card_retrievability(memory.card, now))

    def to_json(self) -> dict[str, Any]:
        return {
            card_id: {
                "fsrs": m.card.to_dict(),
                "reviews": m.reviews,
                "lapses": m.lapses,
                "last_rating": m.last_rating,
            }
            for card_id, m in self.cards.items()
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> MemoryBank:
        return cls(
            {
                card_id: CardMemory(
                    fsrs.Card.from_dict(item["fsrs"]),
                    int(item["reviews"]),
                    int(item["lapses"]),
                    int(item["last_rating"]),
                )
                for card_id, item in data.items()
            }
        )
