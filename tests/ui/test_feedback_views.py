"""What the screen says about an answer and a drill: the feedback panel, the walk table, the
drill summary and the mock-interview report by dimension."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

from helpers import attempt
from rich.console import Console

from nora_cli.coach.feedback import DeckKnowledge, analyse
from nora_cli.core.engine import DrillCard
from nora_cli.core.summary import StageResult, summarize
from nora_cli.decks.loader import load_library
from nora_cli.ui import coach_view, render


def screen() -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, width=200, color_system=None), out


def test_the_panel_shows_dimensions_terms_and_advice_for_missed_points_only() -> None:
    library = load_library()
    card = library.card("cm-precision-vs-recall")
    assert card is not None
    answer = (
        "Precision = TP/(TP+FP). Favour precision when false alarms are costly, per Bonferroni."
    )
    result = analyse(answer, card, DeckKnowledge(library.cards))
    console, out = screen()
    coach_view.feedback_panel(console, card, result)
    text = out.getvalue()
    assert f"Key points covered: {len(result.covered)} of 5" in text
    assert "By dimension: " in text and "evaluation " in text
    assert "Terms you used: Precision, Bonferroni" in text  # not "Favour", an everyday word
    for index in result.covered:
        assert card.key_points[index].text[:30] not in text  # no advice for a covered point
    assert "Next time:" in text


def test_the_summary_counts_unrated_answers_and_sums_dimensions() -> None:
    library = load_library()
    card = library.card("cm-precision-vs-recall")
    assert card is not None
    now = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    rated = attempt(card.id, 3, now, covered=(0, 1), total=5)
    unrated = attempt(card.id, None, now, n=1)
    summary = summarize([rated, unrated], 2, [DrillCard(card, 150, "test")])
    assert (summary.rated, summary.unrated) == (1, 1)
    console, out = screen()
    render.drill_summary(console, summary, Path("history.jsonl"))
    text = out.getvalue()
    assert "Saved unrated" in text and "1 answer (stopped before the rating)" in text
    assert "By dimension" in text and "evaluation 2/5" in text


def test_the_mock_report_has_a_row_per_stage_and_names_the_weakest_dimension() -> None:
    stages = [
        StageResult("Coding", 1, 1, 3.0, 1.0, 60, 600, {"technical-clarity": (4, 4)}),
        StageResult("Design", 1, 1, 2.0, 0.2, 60, 600, {"production-design": (1, 5)}),
    ]
    console, out = screen()
    coach_view.stage_report(console, stages)
    text = out.getvalue()
    assert "Mock interview by dimension" in text
    assert "4/4" in text and "1/5" in text
    assert "Weakest dimension: production design (1/5 key points)." in text
