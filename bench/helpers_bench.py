"""A ready-made attempt for the save benchmarks."""

from __future__ import annotations

from datetime import UTC, datetime

from nora_cli.core.records import Attempt


def one_attempt(n: int) -> Attempt:
    now = datetime.now(UTC)
    return Attempt(
        attempt_id=f"bench-{n}", drill_id="bench", mode="technical", deck="coding",
        card_id="code-lru-cache", category="Coding", started_at=now, ended_at=now,
        seconds=42.0, time_limit=300, overtime_seconds=0.0, answer="x" * 200,
        covered=(0,), key_points_total=4, rating=3,
    )  # fmt: skip
