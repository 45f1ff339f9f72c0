"""A weakest stage or dimension is named only when it stands out: below every other one, as
shown in whole percent, and below full. The mock report and `nora stats` say when none does."""

from __future__ import annotations

import io
from datetime import timedelta

from helpers import T0, attempt
from rich.console import Console

from nora_cli.core.dimension_stats import compute
from nora_cli.core.dimensions import CLARITY, EVALUATION, PRODUCTION, weakest
from nora_cli.core.models import Card, Deck, KeyPoint, Library
from nora_cli.core.summary import StageResult, weakest_stage
from nora_cli.ui import coach_view, stats_view


def test_a_dimension_is_named_only_below_all_the_others_and_below_full() -> None:
    assert weakest({CLARITY: (17, 17), EVALUATION: (5, 5)}) is None  # all full
    assert weakest({CLARITY: (1, 2), EVALUATION: (2, 4), PRODUCTION: (3, 3)}) is None  # a tie
    assert weakest({CLARITY: (2, 3), EVALUATION: (667, 1000)}) is None  # 67% and 67%
    assert weakest({CLARITY: (1, 2), EVALUATION: (3, 4)}) == CLARITY
    assert weakest({CLARITY: (1, 2)}) is None  # nothing to be weaker than
    assert weakest({CLARITY: (1, 2), EVALUATION: (0, 0)}) is None


def stage(name: str, rating: float, coverage: float) -> StageResult:
    return StageResult(name, 1, 1, rating, coverage, 60, 600, {CLARITY: (3, 3), EVALUATION: (2, 2)})


def test_a_stage_is_named_only_below_all_the_others() -> None:
    even = [stage(name, 3.0, 1.0) for name in ("Intro", "Coding", "Design", "Behavioral")]
    assert weakest_stage(even) is None
    one_low = [*even[:3], stage("Behavioral", 2.0, 0.5)]
    assert weakest_stage(one_low) == one_low[3]
    unrated = [*even[:3], StageResult("Behavioral", 1, 0, 0.0, 0.0, 0, 600)]
    assert weakest_stage(unrated) is None  # a stage not reached is not the weakest
    perfect = [stage("Intro", 4.0, 1.0), stage("Coding", 4.0, 1.0)]
    assert weakest_stage(perfect) is None


def drawn(paint) -> str:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    paint(Console(file=out, width=120, color_system=None))
    return " ".join(out.getvalue().split())


def test_an_even_mock_interview_names_no_weakest_stage_or_dimension() -> None:
    even = [stage(name, 3.0, 1.0) for name in ("Intro", "Coding", "Design", "Behavioral")]
    said = drawn(lambda console: coach_view.stage_report(console, even))
    assert "Weakest" not in said
    assert "No stage stands out as weakest: each scored 83%." in said
    assert "No dimension stands out as weakest." in said
    two_low = [stage("Intro", 3.0, 1.0), stage("Coding", 2.0, 0.5), stage("Design", 2.0, 0.5)]
    said = drawn(lambda console: coach_view.stage_report(console, two_low))
    assert "No stage stands out as weakest: Coding and Design share the lowest score, 42%." in said


POINTS = (KeyPoint("Report recall at a fixed precision"), KeyPoint("Pick the threshold"))
METRICS = Card("m", "P?", "Metrics", "concept", 1, None, POINTS, "A")
SERVING = Card("s", "P?", "Serving", "design", 1, None,
               (KeyPoint("Latency budget"), KeyPoint("Shadow then canary")), "A")  # fmt: skip
LIBRARY = Library({"d": Deck("d", "T", "D", (METRICS, SERVING))}, {})


def test_stats_name_no_weakest_dimension_when_every_one_is_full() -> None:
    today = T0.astimezone().date()
    history = [
        attempt("m", 3, T0, covered=(0, 1), total=2),
        attempt("s", 3, T0 - timedelta(days=1), covered=(0, 1), total=2, n=1),
    ]
    report = compute(history, LIBRARY, today)
    assert len(report.levels) >= 2 and report.weakest is None and report.command is None
    assert stats_view.dimensions_json(report)["weakest"] is None
    said = drawn(lambda console: stats_view.render_dimensions(console, report))
    assert "Weakest dimension" not in said and "No dimension stands out as weakest." in said
