"""The five dimensions an interviewer judges an ML engineer on, and which of them each key
point evidences. Pure: standard library only.

A key point may name its dimensions in the deck (`dimensions: [evaluation]`). When it does
not, they are derived: from the card's kind and category (a metrics card evidences
evaluation, a design card production design) and from cue words in the point's own text (a
point about latency or monitoring also evidences production design, one about the business
goal or the cost of an error the product objective). So a deck imported without the field
still gets figures per dimension.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from nora_cli.core.models import Card, KeyPoint

CLARITY = "technical-clarity"
MODEL = "model-understanding"
EVALUATION = "evaluation"
PRODUCTION = "production-design"
OBJECTIVE = "product-objective"
DIMENSIONS = (CLARITY, MODEL, EVALUATION, PRODUCTION, OBJECTIVE)
NAMES = {
    CLARITY: "technical clarity",
    MODEL: "model understanding",
    EVALUATION: "evaluation",
    PRODUCTION: "production design",
    OBJECTIVE: "product objective",
}
SHORT_NAMES = {
    CLARITY: "clarity",
    MODEL: "models",
    EVALUATION: "evaluation",
    PRODUCTION: "production",
    OBJECTIVE: "objective",
}

# The kinds whose points evidence one dimension whatever the category.
KIND_DIMENSION = {
    "coding": CLARITY,
    "design": PRODUCTION,
    "behavioral": CLARITY,
    "negotiation": CLARITY,
    "question-to-ask": OBJECTIVE,
}
# For the other kinds, the category's name decides: the first pattern it matches.
CATEGORY_CUES = (
    (re.compile(r"metric|evaluat|statistic|probabilit|experiment|a/b|testing"), EVALUATION),
    (
        re.compile(r"system design|production|mlops|monitor|drift|deploy|serving|infra|platform"),
        PRODUCTION,
    ),
    (re.compile(r"leader|product|business|strategy|deep dive|management"), OBJECTIVE),
)


def _cue(*words: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(words) + r")", re.IGNORECASE)


# Cue words in a point's text that add a dimension to the category's.
TEXT_CUES = (
    (
        EVALUATION,
        _cue(
            r"metrics?\b",
            "precision",
            "recall",
            "auc",
            "ndcg",
            "a/b",
            "ab test",
            "offline eval",
            "online eval",
            "evaluat",
            "validation",
            "held-?out",
            "test set",
            "cross-validat",
            "significan",
            "p-value",
            "confidence interval",
            "calibrat",
            "baseline",
            "guardrail",
            "backtest",
            "ablation",
            "power analysis",
            "sample size",
            "leakage",
        ),
    ),
    (
        PRODUCTION,
        _cue(
            "latency",
            "p99",
            "throughput",
            "serving",
            "deploy",
            "rollout",
            "roll back",
            "rollback",
            "canary",
            "shadow",
            "monitor",
            "drift",
            "retrain",
            "pipeline",
            "feature store",
            "cach",
            r"batch (?:job|scor|predict|inferen)",
            "streaming",
            "real-time",
            # the system's size ("at scale", "scalable", "scale out"), not a value's scale
            r"(?:at (?:\w+ )?scale|scalab|scal(?:e|ing) (?:out|up|to|horizontal)"
            r"|scales? (?:poorly|well|linearly|quadratically))",
            "infra",
            "on-call",
            "incident",
            "fallback",
            "gpu",
            "memory",
            "cost per",
            "quantiz",
        ),
    ),
    (
        OBJECTIVE,
        _cue(
            "business",
            "product",
            "customer",
            "user",
            "revenue",
            "retention",
            "churn",
            r"objective(?!s? (?:function|uses))",  # not a loss's "objective function"
            "goal",
            "stakeholder",
            "cost of",
            "costly",
            "costs? more",
            "trade-?off with",
            r"decision(?! tree)",
            "impact",
            "engagement",
            "conversion",
        ),
    ),
    (
        MODEL,
        _cue(
            "gradient",
            "loss",
            "regulari",
            "overfit",
            "underfit",
            "bias-variance",
            "variance",
            "embedding",
            "attention",
            "transformer",
            "architecture",
            "hyperparameter",
            "learning rate",
            "optimi[sz]er",
            "convex",
            r"prior\b",
            "likelihood",
            "ensemble",
            "boosting",
            "tree",
            "neural",
            "layer",
            "fine-?tun",
        ),
    ),
    (
        CLARITY,
        _cue(r"o\(", "complexity", "formula", "defin", "edge case", "invariant", r"\w+ ?= "),
    ),
)
MAX_DERIVED = 3


def base_dimension(card: Card) -> str:
    """The dimension a card's points evidence by default, from its kind and category."""
    if card.kind in KIND_DIMENSION:
        return KIND_DIMENSION[card.kind]
    category = card.category.lower()
    for pattern, dimension in CATEGORY_CUES:
        if pattern.search(category):
            return dimension
    return MODEL


def derived_dimensions(card: Card, point: KeyPoint) -> tuple[str, ...]:
    """The card's base dimension, then those the point's text cues, at most MAX_DERIVED."""
    found = [base_dimension(card)]
    for dimension, pattern in TEXT_CUES:
        if dimension not in found and pattern.search(point.text):
            found.append(dimension)
    return tuple(found[:MAX_DERIVED])


def point_dimensions(card: Card, point: KeyPoint) -> tuple[str, ...]:
    """The dimensions a key point evidences: its own `dimensions`, else derived ones."""
    return point.dimensions or point.derived or derived_dimensions(card, point)


def with_derived(card: Card) -> Card:
    """The card with each point's derived dimensions filled in, so they are worked out once."""
    points = tuple(
        point if point.dimensions else replace(point, derived=derived_dimensions(card, point))
        for point in card.key_points
    )
    return replace(card, key_points=points)


@lru_cache(maxsize=4096)
def card_dimensions(card: Card) -> tuple[tuple[str, ...], ...]:
    """Each key point's dimensions, in the card's order."""
    return tuple(point_dimensions(card, point) for point in card.key_points)


def scores(
    dimensions: Iterable[tuple[str, ...]], covered: Iterable[int]
) -> dict[str, tuple[int, int]]:
    """Dimension -> (points covered, points) over the points that evidence it, in the order
    of DIMENSIONS; a dimension no point evidences is left out."""
    ticked = set(covered)
    counts: dict[str, list[int]] = {}
    for index, names in enumerate(dimensions):
        for name in names:
            pair = counts.setdefault(name, [0, 0])
            pair[0] += index in ticked
            pair[1] += 1
    return {name: (counts[name][0], counts[name][1]) for name in DIMENSIONS if name in counts}


def attempt_scores(
    attempts: Iterable[tuple[Card | None, Iterable[int]]],
) -> dict[str, tuple[int, int]]:
    """Dimension -> (points ticked, points) summed over (card, ticked points) pairs; a card
    no longer in the decks (None) adds nothing."""
    totals: dict[str, list[int]] = {}
    for card, covered in attempts:
        if card is None:
            continue
        for name, (done, total) in scores(card_dimensions(card), covered).items():
            pair = totals.setdefault(name, [0, 0])
            pair[0] += done
            pair[1] += total
    return {name: (totals[name][0], totals[name][1]) for name in DIMENSIONS if name in totals}


def weakest(figures: dict[str, tuple[int, int]]) -> str | None:
    """The dimension whose share of points ticked stands out as the lowest (see
    `stands_out`); None when none does."""
    return stands_out({name: done / total for name, (done, total) in figures.items() if total})


def stands_out(shares: dict[str, float]) -> str | None:
    """The name whose share (0-1) is below every other one (so below full), compared in
    whole percent as the screens show them; None for a tie, or fewer than two names."""
    shown = {name: round(share * 100) for name, share in shares.items()}
    if len(shown) < 2:
        return None
    lowest = min(shown.values())
    names = [name for name, percent in shown.items() if percent == lowest]
    return names[0] if len(names) == 1 else None
