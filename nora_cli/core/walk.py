"""The system-design walk: a design card answered one step at a time, with a curveball.

The steps follow the design structure interviewers expect; the card's time limit is shared
between them by weight, and one of the card's curveballs is injected after the baseline step
and answered as a step of its own.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from nora_cli.core.models import Card

# key, title, question, weight
STEPS: tuple[tuple[str, str, str, float], ...] = (
    ("objective", "Clarify the objective",
     "Who uses the prediction, which decision does it drive, and which errors cost most?", 1.0),
    ("target and metrics", "Target and metrics",
     "What exactly do you predict, and which offline and business metrics define success?", 1.0),
    ("data and labels", "Data and labels",
     "Where does the data come from, how are labels made, and are they delayed or biased?", 1.5),
    ("baseline", "Baseline",
     "What simple model or existing rule do you start from, and what must beat it?", 1.0),
    ("features and training", "Features and training",
     "Which features, which model, and how do you train, version and validate it?", 2.0),
    ("serving", "Serving",
     "Batch, online, streaming or on-device? Latency, throughput, freshness, fallbacks?", 1.5),
    ("offline and online evaluation", "Offline and online evaluation",
     "How do you compare models offline, by slice, and prove impact online?", 1.5),
    ("deployment and monitoring", "Deployment and monitoring",
     "How do you roll out safely, what do you monitor, and when do you retrain?", 1.5),
)  # fmt: skip
CURVEBALL_AFTER = 4
CURVEBALL_WEIGHT = 1.0


@dataclass(frozen=True)
class WalkStep:
    key: str
    title: str
    question: str
    budget: int


@dataclass(frozen=True)
class StepAnswer:
    key: str
    title: str
    text: str
    seconds: float
    budget: int

    def to_record(self) -> dict[str, Any]:
        return {
            "step": self.key,
            "text": self.text,
            "seconds": round(self.seconds, 3),
            "budget": self.budget,
        }


def plan(card: Card, time_limit: int, rng: random.Random) -> list[WalkStep]:
    """The steps for this card, each with its share of `time_limit` in seconds."""
    rows = [(key, title, question, weight) for key, title, question, weight in STEPS]
    if card.curveballs:
        curveball = rng.choice(card.curveballs)
        rows.insert(CURVEBALL_AFTER, ("curveball", "Curveball", curveball, CURVEBALL_WEIGHT))
    total = sum(row[3] for row in rows)
    return [
        WalkStep(key, title, question, max(10, round(time_limit * weight / total)))
        for key, title, question, weight in rows
    ]


def combine(parts: list[StepAnswer]) -> str:
    """The whole answer as one text, each step under its title."""
    return "\n\n".join(f"[{p.title}] {p.text}" for p in parts if p.text.strip())
