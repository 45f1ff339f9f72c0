"""A key point's `dimensions` field: read from the deck, refused when unknown, in the schema,
and derived from the card's kind, category and words when a deck does not give it."""

from __future__ import annotations

from pathlib import Path

import pytest

from nora_cli.core.dimensions import DIMENSIONS, card_dimensions
from nora_cli.decks.loader import load_library, validate
from nora_cli.decks.schema import deck_schema

DECK = """\
id: mine
title: T
description: D
cards:
  - id: c1
    prompt: How do you pick a threshold?
    category: Fraud
    kind: concept
    difficulty: 1
    key_points:
      - text: Pick it from the cost of each error
        dimensions: {given}
      - Report precision at the chosen operating point
      - Watch the p99 latency of the scoring service
    answer: An answer.
"""


def write(tmp_path: Path, given: str) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_text(DECK.format(given=given), encoding="utf-8")
    return path


def test_given_dimensions_are_read_and_the_others_derived(tmp_path: Path) -> None:
    library = load_library([write(tmp_path, "[product-objective, evaluation]")])
    card = library.card("c1")
    assert card is not None
    assert card.key_points[0].dimensions == ("product-objective", "evaluation")
    assert card.key_points[1].dimensions == ()  # not given: derived, never written back
    given, metric, latency = card_dimensions(card)
    assert given == ("product-objective", "evaluation")
    assert metric == ("model-understanding", "evaluation")  # an unknown category: models
    assert latency == ("model-understanding", "production-design")


def test_a_single_name_is_a_list_of_one(tmp_path: Path) -> None:
    card = load_library([write(tmp_path, "evaluation")]).card("c1")
    assert card is not None and card.key_points[0].dimensions == ("evaluation",)


def test_an_unknown_dimension_is_refused_with_the_line_and_the_names(tmp_path: Path) -> None:
    path = write(tmp_path, "[evaluation, charisma]")
    [problem] = validate([path]).problems
    assert problem.startswith(f"{path}:12: card 'c1': unknown dimension 'charisma'")
    assert all(name in problem for name in DIMENSIONS)


def test_the_schema_knows_the_field() -> None:
    import jsonschema

    schema = deck_schema()
    point = schema["$defs"]["keyPoint"]["anyOf"][1]["properties"]["dimensions"]
    assert point["anyOf"][0]["enum"] == list(DIMENSIONS)
    card = {"id": "c", "prompt": "P?", "category": "C", "kind": "concept", "difficulty": 1,
            "answer": "A", "key_points": [{"text": "t", "dimensions": ["evaluation"]}]}  # fmt: skip
    deck = {"id": "d", "title": "T", "description": "D", "cards": [card]}
    jsonschema.validate(deck, schema)
    card["key_points"] = [{"text": "t", "dimensions": ["charisma"]}]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(deck, schema)


@pytest.mark.parametrize(
    ("text", "production", "objective"),
    [
        ("Notes features should be scaled, since the objective uses Euclidean distance", 0, 0),
        ("Momentum and Adam scale the step per parameter", 0, 0),
        ("Kernel SVMs scale poorly (n x n kernel matrix)", 1, 0),
        ("Serve embeddings at scale behind a cache", 1, 0),
        ("Defines the objective and success metric with the product owner", 0, 1),
    ],
)
def test_cue_words_are_read_in_their_sense(text: str, production: int, objective: int) -> None:
    """A value's scale is not the system's, and a loss's objective is not the product's."""
    from dataclasses import replace

    from nora_cli.core.models import KeyPoint

    shipped = load_library().cards[0]
    card = replace(shipped, kind="concept", category="Misc", key_points=(KeyPoint(text),))
    [found] = card_dimensions(card)
    assert ("production-design" in found) == bool(production)
    assert ("product-objective" in found) == bool(objective)
