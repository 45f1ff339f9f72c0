"""The system-design walk: a design card answered one step at a time, with a curveball.

The steps follow the design structure interviewers expect; the card's time limit is shared
between them by weight, and one of the card's curveballs is injected after the baseline step
and answered as a step of its own.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from nora_cli.core import design
from nora_cli.core.models import Card


@dataclass(frozen=True)
class WalkStep:
    key: str
    title: str
    question: str
    budget: int

    @property
    def is_curveball(self) -> bool:
        return self.key == design.CURVEBALL_KEY


@dataclass(frozen=True)
class StepAnswer:
    key: str
    title: str
    text: str
    seconds: float
    budget: int

    @property
    def is_curveball(self) -> bool:
        return self.key == design.CURVEBALL_KEY

    def to_record(self) -> dict[str, Any]:
        return {
            "step": self.key,
            "text": self.text,
            "seconds": round(self.seconds, 3),
            "budget": self.budget,
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> StepAnswer:
        key = str(record["step"])
        return cls(
            key,
            design.label(key),
            str(record.get("text", "")),
            float(record.get("seconds", 0.0)),
            int(record.get("budget", 0)),
        )


def plan(card: Card, time_limit: int, rng: random.Random) -> list[WalkStep]:
    """The steps for this card, each with its share of `time_limit` in seconds."""
    rows = [(step.key, step.label, step.prompt, step.weight) for step in design.STEPS]
    if card.curveballs:
        curveball = rng.choice(card.curveballs)
        rows.insert(
            design.CURVEBALL_AFTER,
            (design.CURVEBALL_KEY, design.CURVEBALL_LABEL, curveball, design.CURVEBALL_WEIGHT),
        )
    total = sum(row[3] for row in rows)
    return [
        WalkStep(key, title, question, max(10, round(time_limit * weight / total)))
        for key, title, question, weight in rows
    ]


def combine(parts: list[StepAnswer]) -> str:
    """The whole answer as one text, each step under its title."""
    return "\n\n".join(f"[{p.title}] {p.text}" for p in parts if p.text.strip())
