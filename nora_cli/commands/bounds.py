"""Number options checked in nora's words ("--count must be from 1 to 200, not 0"), so help
shows the range as prose instead of Click's `[1<=x<=200]`."""

from __future__ import annotations

from collections.abc import Callable

import typer


def within(low: int, high: int | None = None) -> Callable[[int | None], int | None]:
    """A Typer callback that refuses a number below `low` or above `high`."""

    def check(value: int | None) -> int | None:
        if value is None or (value >= low and (high is None or value <= high)):
            return value
        limits = f"from {low} to {high}" if high is not None else f"at least {low}"
        raise typer.BadParameter(f"must be {limits}, not {value}")

    return check
