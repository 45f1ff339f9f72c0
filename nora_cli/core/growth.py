"""The complexity check: how a solution's time grows with n, judged only on clear evidence.

The scaling test times the solution at n, 2n, 4n and 8n (the fastest of a few repeats). The
slope of log(time) against log(n) estimates the exponent of n. A verdict fails a solution only
when the fitted slope and every single doubling are clearly steeper than expected and the
times are long enough to trust, so timing noise never fails a good solution: unclear evidence
says so and passes.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from nora_cli.core.exercise import GROWTHS, TestResult

# Below this a timing is mostly noise; the slowest point must reach SLOWEST_AT_LEAST.
FLOOR_SECONDS = 0.002
SLOWEST_AT_LEAST = 0.02
# The steps' slopes must agree within this spread for the evidence to count as clear.
MAX_SPREAD = 0.6
# How far above the expected exponent a clear slope must be to fail the test.
MARGIN = 0.65
# A fitted exponent this close above the expected one still reads as "as expected".
CLOSE = 0.45


@dataclass(frozen=True)
class Verdict:
    expected: str
    exponent: float | None  # the fitted exponent, when there were enough timings
    clear: bool
    too_slow: bool

    @property
    def looks(self) -> str:
        return describe(self.exponent) if self.exponent is not None else "unclear"

    @property
    def text(self) -> str:
        wanted = f"O({self.expected}) expected"
        if not self.clear or self.exponent is None:
            return f"growth unclear (timings too short or too noisy to judge); {wanted}"
        if self.too_slow:
            return f"looks {self.looks}; {wanted}"
        if self.exponent > GROWTHS[self.expected] + CLOSE:
            return (
                f"grows a little faster than {wanted} (exponent {self.exponent:.1f}), "
                "not clearly enough to fail"
            )
        return f"looks {self.looks}, as expected (O({self.expected}))"


def describe(exponent: float) -> str:
    if exponent < 0.5:
        return "constant or logarithmic"
    if exponent < 1.6:
        return "linear (n or n log n)"
    if exponent < 2.5:
        return "quadratic"
    return "cubic or worse"


def slopes(points: Sequence[tuple[int, float]]) -> list[float]:
    """The exponent each doubling shows: log(t2/t1) / log(n2/n1)."""
    return [
        math.log(t2 / t1) / math.log(n2 / n1) for (n1, t1), (n2, t2) in itertools.pairwise(points)
    ]


def fit(points: Sequence[tuple[int, float]]) -> float:
    """Least-squares slope of log(time) on log(n)."""
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / spread


def judge(points: Sequence[tuple[int, float]], expected: str) -> Verdict:
    """The verdict for timings [(n, seconds), ...] in increasing n."""
    usable = [(n, t) for n, t in points if t >= FLOOR_SECONDS and n > 0]
    if len(usable) < 2 or max(t for _, t in usable) < SLOWEST_AT_LEAST:
        return Verdict(expected, None, clear=False, too_slow=False)
    exponent = fit(usable)
    steps = slopes(usable)
    # The whole fit must be clearly too steep, and no single step may look near expected:
    # then steps that grow steeper and steeper (a cache or memory effect) still count.
    floor = GROWTHS[expected] + MARGIN
    too_slow = exponent >= floor and min(steps) >= floor - MARGIN / 2
    clear = too_slow or max(steps) - min(steps) <= MAX_SPREAD
    return Verdict(expected, exponent, clear=clear, too_slow=too_slow)


def scaling_test(points: Sequence[tuple[int, float]], expected: str) -> tuple[TestResult, Verdict]:
    """The scaling test as one hidden test: it fails only on a clear verdict of too slow."""
    verdict = judge(points, expected)
    sizes = f"n={points[0][0]:,} to {points[-1][0]:,}" if points else "no timings"
    name = f"scaling ({sizes})"
    error = verdict.text if verdict.too_slow else ""
    return TestResult(name, False, not verdict.too_slow, actual=verdict.text, error=error), verdict
