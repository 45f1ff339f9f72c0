"""Shared by the benchmarks: a ready-made attempt for the save figures, and the package's
bytecode compiled the way an install compiles it."""

from __future__ import annotations

import compileall
from datetime import UTC, datetime
from pathlib import Path

from nora_cli.core.records import Attempt


def one_attempt(n: int) -> Attempt:
    now = datetime.now(UTC)
    return Attempt(
        attempt_id=f"bench-{n}", drill_id="bench", mode="technical", deck="coding",
        card_id="code-lru-cache", category="Coding", started_at=now, ended_at=now,
        seconds=42.0, time_limit=300, overtime_seconds=0.0, answer="x" * 200,
        covered=(0,), key_points_total=4, rating=3,
    )  # fmt: skip


def compile_like_an_install() -> None:
    """`pip install` compiles the package's bytecode once. A checkout run under
    PYTHONDONTWRITEBYTECODE (as on this machine) would otherwise compile every module from
    source on every start, about 20 ms that no installed nora pays."""
    import nora_cli

    compileall.compile_dir(Path(nora_cli.__file__).parent, quiet=1)
