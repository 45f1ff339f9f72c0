"""The complexity verdict: clear evidence of worse growth fails, noise and short timings
never do."""

from __future__ import annotations

import pytest

from nora_cli.core.growth import judge, scaling_test

SIZES = (1000, 2000, 4000, 8000)


def timings(exponent: float, base: float = 0.01, wobble: tuple[float, ...] = (1, 1, 1, 1)):
    return [(n, base * (n / 1000) ** exponent * w) for n, w in zip(SIZES, wobble, strict=True)]


@pytest.mark.parametrize(
    ("points", "expected", "clear", "too_slow", "text"),
    [
        (timings(1.0), "n", True, False, "looks linear (n or n log n), as expected (O(n))"),
        (timings(2.0), "n", True, True, "looks quadratic; O(n) expected"),
        (timings(2.0), "n log n", True, True, "looks quadratic; O(n log n) expected"),
        (timings(2.0), "n^2", True, False, "looks quadratic, as expected (O(n^2))"),
        (timings(3.0), "n^2", True, True, "looks cubic or worse; O(n^2) expected"),
        (timings(0.0, 0.05), "n", True, False, "looks constant or logarithmic, as expected (O(n))"),
        # all under the floor: too short to say anything
        (timings(2.0, 0.0001), "n", False, False,
         "growth unclear (timings too short or too noisy to judge); O(n) expected"),
        # one size hit by a pause: the steps disagree, so no verdict
        (timings(1.0, wobble=(1, 4, 1, 1)), "n", False, False,
         "growth unclear (timings too short or too noisy to judge); O(n) expected"),
        # cache effects at large n: a little faster than linear, not enough to fail
        (timings(1.5), "n", True, False,
         "grows a little faster than O(n) expected (exponent 1.5), not clearly enough to fail"),
    ],
)  # fmt: skip
def test_verdicts(points, expected, clear, too_slow, text) -> None:  # type: ignore[no-untyped-def]
    verdict = judge(points, expected)
    assert (verdict.clear, verdict.too_slow, verdict.text) == (clear, too_slow, text)


def test_two_sizes_are_enough_when_both_are_long() -> None:
    verdict = judge([(1000, 0.2), (2000, 0.8)], "n")
    assert verdict.too_slow


def test_the_scaling_test_fails_only_on_a_clear_verdict() -> None:
    failed, _ = scaling_test(timings(2.0), "n")
    passed, _ = scaling_test(timings(2.0, wobble=(1, 3, 1, 3)), "n")
    assert (failed.passed, failed.name, failed.error) == (
        False, "scaling (n=1,000 to 8,000)", "looks quadratic; O(n) expected"
    )  # fmt: skip
    assert passed.passed and passed.error == ""
