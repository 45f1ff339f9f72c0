"""The five judging dimensions: the default from kind, category and words, and the sums."""

from __future__ import annotations

import pytest

from nora_cli.core.dimensions import (
    CLARITY,
    EVALUATION,
    MODEL,
    OBJECTIVE,
    PRODUCTION,
    attempt_scores,
    base_dimension,
    derived_dimensions,
    scores,
    weakest,
)
from nora_cli.core.models import Card, KeyPoint


def card(kind: str = "concept", category: str = "Anything", *points: str) -> Card:
    return Card("c", "P?", category, kind, 1, None, tuple(KeyPoint(p) for p in points), "A")


@pytest.mark.parametrize(
    ("kind", "category", "expected"),
    [
        ("coding", "Classification Metrics", CLARITY),
        ("design", "Anything", PRODUCTION),
        ("behavioral", "Behavioral", CLARITY),
        ("negotiation", "Salary", CLARITY),
        ("question-to-ask", "Questions", OBJECTIVE),
        ("concept", "Classification Metrics", EVALUATION),
        ("concept", "Statistics and Probability", EVALUATION),
        ("concept", "Monitoring and Drift", PRODUCTION),
        ("concept", "ML Leadership", OBJECTIVE),
        ("concept", "Deep Learning", MODEL),
        ("concept", "My own topic", MODEL),
    ],
)
def test_the_base_dimension_comes_from_kind_then_category(
    kind: str, category: str, expected: str
) -> None:
    assert base_dimension(card(kind, category)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Attention cost grows with the sequence", (MODEL,)),
        ("Report precision and recall at the threshold", (MODEL, EVALUATION)),
        ("Keep p99 latency under the budget with a canary", (MODEL, PRODUCTION)),
        ("Tie it to the business goal and what an error costs", (MODEL, OBJECTIVE)),
        ("Evaluate offline, then watch latency for the user", (MODEL, EVALUATION, PRODUCTION)),
        ("Decision tree depth", (MODEL,)),
    ],
)
def test_words_of_the_point_add_dimensions(text: str, expected: tuple[str, ...]) -> None:
    assert derived_dimensions(card(), KeyPoint(text)) == expected


def test_a_given_field_wins_over_the_default() -> None:
    from nora_cli.core.dimensions import point_dimensions

    point = KeyPoint("Report precision", dimensions=(OBJECTIVE,))
    assert point_dimensions(card(), point) == (OBJECTIVE,)


def test_scores_count_each_point_for_each_of_its_dimensions() -> None:
    dims = ((EVALUATION,), (EVALUATION, OBJECTIVE), (PRODUCTION,))
    assert scores(dims, (1,)) == {EVALUATION: (1, 2), PRODUCTION: (0, 1), OBJECTIVE: (1, 1)}
    assert list(scores(dims, ())) == [EVALUATION, PRODUCTION, OBJECTIVE]  # the fixed order


def test_attempt_scores_sum_over_cards_and_skip_unknown_ones() -> None:
    one = card("design", "X", "Serving within the latency budget", "Shadow then canary")
    two = card("coding", "X", "O(n) time", "Edge cases")
    figures = attempt_scores([(one, (0,)), (two, (0, 1)), (None, (0,))])
    assert figures[PRODUCTION] == (1, 2)
    assert figures[CLARITY] == (2, 2)
    assert weakest(figures) == PRODUCTION
    assert weakest({}) is None
