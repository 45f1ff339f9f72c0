"""Small builders shared by the tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

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
