"""Small builders shared by the tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from nora_cli.core.models import Card, KeyPoint
from nora_cli.core.records import Attempt

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def attempt(
    card_id: str,
    rating: int | None,
    at: datetime,
    *,
    category: str = "Classification Metrics",
    mode: str = "technical",
    covered: tuple[int, ...] = (),
    total: int = 3,
    seconds: float = 60.0,
    limit: int = 90,
    cram: bool = False,
    skipped: bool = False,
    n: int = 0,
) -> Attempt:
    return Attempt(
        attempt_id=f"{card_id}-{at.isoformat()}-{n}",
        drill_id="s",
        mode=mode,
        deck="metrics",
        card_id=card_id,
        category=category,
        started_at=at - timedelta(seconds=seconds),
        ended_at=at,
        seconds=seconds,
        time_limit=limit,
        overtime_seconds=max(0.0, seconds - limit),
        answer="",
        covered=covered,
        key_points_total=total,
        rating=rating,
        skipped=skipped,
        cram=cram,
    )


PRECISION_POINTS = ("Precision = TP / (TP + FP)", "Recall = TP / (TP + FN)")


def concept_card(points: tuple[str, ...] = PRECISION_POINTS, **changes: Any) -> Card:
    """A small concept card on precision and recall, with the given key points."""
    fields: dict[str, Any] = {
        "id": "c1",
        "prompt": "How do precision and recall differ?",
        "category": "Classification Metrics",
        "kind": "concept",
        "difficulty": 1,
        "time_limit": 90,
        "key_points": tuple(KeyPoint(text) for text in points),
        "answer": "Precision is the share of flagged items that are right.",
    }
    return Card(**{**fields, **changes})
