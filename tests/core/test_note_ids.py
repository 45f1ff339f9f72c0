"""A new note's id: its title's words, cut at a word boundary."""

from __future__ import annotations

import pytest

from nora_cli.core.notebook import SLUG_LENGTH, new_id, slug


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Rolled back a churn model", "rolled-back-a-churn-model"),
        (
            "Cut the ranking model's p99 latency in half before the spring launch",
            "cut-the-ranking-model-s-p99-latency-in",
        ),
        ("Shipped: fraud model v2!", "shipped-fraud-model-v2"),
        ("x" * 50, "x" * SLUG_LENGTH),
        ("!!!", "note"),
    ],
)
def test_a_slug_keeps_whole_words_within_the_length(title: str, expected: str) -> None:
    assert slug(title) == expected
    assert len(slug(title)) <= SLUG_LENGTH


def test_a_taken_id_gets_a_number() -> None:
    taken = {"rolled-back-a-churn-model", "rolled-back-a-churn-model-2"}
    assert new_id("Rolled back a churn model", taken) == "rolled-back-a-churn-model-3"
