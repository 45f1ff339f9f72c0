"""Figures for the end-of-drill summary. Pure: attempts in, numbers out."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from nora_cli.core.dimensions import attempt_scores, stands_out
from nora_cli.core.engine import DrillCard
from nora_cli.core.models import Card
from nora_cli.core.records import Attempt


def score(mean_rating: float, coverage: float) -> float:
    """0 (weak) to 1 (strong): the mean rating (1-4) and key-point coverage weighed equally."""
    return 0.5 * (mean_rating - 1) / 3 + 0.5 * coverage


@dataclass(frozen=True)
class CategoryResult:
    category: str
    cards: int
    mean_rating: float
    coverage: float

    @property
    def score(self) -> float:
        return score(self.mean_rating, self.coverage)


@dataclass(frozen=True)
class StageResult:
    """One mock-interview stage and how it went."""

    stage: str
    planned: int
    rated: int
    mean_rating: float
    coverage: float
    seconds: float
    budget_seconds: float
    # judging dimension -> (key points ticked, key points) over the stage's rated cards
    dimensions: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def score(self) -> float:
        return score(self.mean_rating, self.coverage) if self.rated else 0.0


def dimension_figures(
    attempts: Sequence[Attempt], cards: Mapping[str, Card]
) -> dict[str, tuple[int, int]]:
    """Per judging dimension, the key points ticked and offered on the rated attempts."""
    rated = [a for a in attempts if not a.skipped and a.rating is not None]
    return attempt_scores((cards.get(a.card_id), a.covered) for a in rated)


def stage_result(
    stage: str,
    attempts: Sequence[Attempt],
    planned: int,
    budget_minutes: float,
    cards: Mapping[str, Card] | None = None,
) -> StageResult:
    rated = [a for a in attempts if not a.skipped and a.rating is not None]
    return StageResult(
        stage=stage,
        planned=planned,
        rated=len(rated),
        mean_rating=sum(a.rating or 0 for a in rated) / len(rated) if rated else 0.0,
        coverage=_coverage(rated),
        seconds=sum(map(time_spent, attempts)),
        budget_seconds=budget_minutes * 60,
        dimensions=dimension_figures(attempts, cards or {}),
    )


def weakest_stage(stages: Sequence[StageResult]) -> StageResult | None:
    """The rated stage whose score stands out as the lowest (core.dimensions.stands_out)."""
    rated = {s.stage: s for s in stages if s.rated}
    name = stands_out({name: s.score for name, s in rated.items()})
    return rated[name] if name else None


def stage_results(attempts: Sequence[Attempt], items: Sequence[DrillCard]) -> list[StageResult]:
    order = list(dict.fromkeys(item.stage for item in items if item.stage))
    results = []
    for stage in order:
        planned = [i for i in items if i.stage == stage]
        done = [a for a in attempts if a.stage == stage]
        cards = {item.card.id: item.card for item in planned}
        results.append(stage_result(stage, done, len(planned), planned[0].stage_minutes, cards))
    return results


@dataclass(frozen=True)
class DrillSummary:
    planned: int
    rated: int
    skipped: int
    unrated: int  # answers kept when Ctrl-C came at their checklist or rating
    seconds: float
    covered: int
    key_points: int
    ratings: dict[int, int]
    overtime: int
    categories: list[CategoryResult]
    dimensions: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def coverage(self) -> float:
        return self.covered / self.key_points if self.key_points else 0.0

    @property
    def weakest(self) -> list[CategoryResult]:
        """Up to three categories of this drill that scored below 'good', weakest first."""
        weak = [c for c in self.categories if c.mean_rating < 3 or c.coverage < 0.6]
        return sorted(weak, key=lambda c: (c.score, c.category))[:3]


def summarize(
    attempts: Sequence[Attempt], planned: int, items: Sequence[DrillCard] = ()
) -> DrillSummary:
    """The drill's figures; `items` (the cards drilled) adds the per-dimension figures."""
    rated = [a for a in attempts if not a.skipped and a.rating is not None]
    by_category: dict[str, list[Attempt]] = defaultdict(list)
    for attempt in rated:
        by_category[attempt.category].append(attempt)
    categories = [
        CategoryResult(
            category=name,
            cards=len(group),
            mean_rating=sum(a.rating or 0 for a in group) / len(group),
            coverage=_coverage(group),
        )
        for name, group in by_category.items()
    ]
    return DrillSummary(
        planned=planned,
        rated=len(rated),
        skipped=sum(1 for a in attempts if a.skipped),
        unrated=sum(1 for a in attempts if not a.skipped and a.rating is None),
        seconds=sum(map(time_spent, attempts)),
        covered=sum(len(a.covered) for a in rated),
        key_points=sum(a.key_points_total for a in rated),
        ratings=dict(sorted(Counter(a.rating for a in rated if a.rating).items())),
        overtime=sum(1 for a in rated if a.overtime),
        categories=categories,
        dimensions=dimension_figures(attempts, {item.card.id: item.card for item in items}),
    )


def time_spent(attempt: Attempt) -> float:
    """The time a card took: its answer and the AI interviewer's follow-ups."""
    return attempt.seconds + (attempt.interview.answering_seconds if attempt.interview else 0.0)


def _coverage(group: Sequence[Attempt]) -> float:
    total = sum(a.key_points_total for a in group)
    return sum(len(a.covered) for a in group) / total if total else 0.0
