"""The JSON Schemas accept every shipped deck and mode and flag what the loader refuses."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from nora_cli.decks.loader import shipped_root
from nora_cli.decks.schema import deck_schema, mode_schema, unspecified_keys
from nora_cli.decks.yamlfile import load_yaml
from nora_cli.interchange.importing import import_markdown
from tests.conftest import FIXTURE_QUESTIONS

DECKS = sorted((shipped_root() / "decks").glob("*.yaml")) + sorted(
    (FIXTURE_QUESTIONS / "decks").glob("*.yaml")
)
MODES = sorted((shipped_root() / "modes").glob("*.yaml")) + sorted(
    (FIXTURE_QUESTIONS / "modes").glob("*.yaml")
)


def load(path: Path) -> Any:
    return load_yaml(path)  # the loader nora uses (libyaml when present)


def errors(schema: dict[str, Any], doc: Any) -> list[str]:
    validator = Draft202012Validator(schema)
    return [error.message for error in validator.iter_errors(doc)]


def test_the_schemas_are_valid_draft_2020_12() -> None:
    for schema in (deck_schema(), mode_schema()):
        Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["additionalProperties"] is False


def test_every_key_the_loader_knows_has_a_schema() -> None:
    assert unspecified_keys() == []


def test_there_are_decks_and_modes_to_check() -> None:
    assert len(DECKS) >= 10 and len(MODES) >= 4


@pytest.mark.parametrize("path", DECKS, ids=[p.name for p in DECKS])
def test_every_deck_matches_the_deck_schema(path: Path) -> None:
    assert errors(deck_schema(), load(path)) == []


@pytest.mark.parametrize("path", MODES, ids=[p.name for p in MODES])
def test_every_mode_matches_the_mode_schema(path: Path) -> None:
    assert errors(mode_schema(), load(path)) == []


GOOD_CARD: dict[str, Any] = {
    "id": "s-card",
    "prompt": "Why?",
    "category": "Metrics",
    "kind": "concept",
    "difficulty": 2,
    "time_limit": 120,
    "key_points": ["one", {"text": "two", "match": ["2", "deux"]}, "3"],
    "answer": "Because.",
    "follow_ups": ["And then?"],
    "tags": ["guide"],
}
GOOD_DECK: dict[str, Any] = {"id": "s", "title": "S", "description": "D", "cards": [GOOD_CARD]}


def with_card(**changes: Any) -> dict[str, Any]:
    deck = copy.deepcopy(GOOD_DECK)
    deck["cards"][0].update(changes)
    return {**deck, "cards": [{k: v for k, v in deck["cards"][0].items() if v is not None}]}


def test_a_minimal_deck_with_every_optional_form_is_accepted() -> None:
    assert errors(deck_schema(), GOOD_DECK) == []


@pytest.mark.parametrize(
    "changes",
    [
        {"kind": "essay"},
        {"difficulty": 4},
        {"difficulty": "2"},
        {"time_limit": 5},
        {"id": "Bad Id"},
        {"prompt": ""},
        {"prompt": None},
        {"key_points": [{"match": ["no text"]}]},
        {"key_points": [{"text": "t", "extra": 1}]},
        {"key_points": "one"},
        {"hint": "unknown key"},
        {"tags": [["nested"]]},
        {"tags": "guide"},
        {"pitfalls": "one text"},
        {"prompt": 42},
        {"category": 7},
        {"answer": 3},
        {"follow_ups": [1]},
        {"key_points": ["one", 3]},
        {"curveballs": ["Labels arrive late"]},
    ],
    ids=repr,
)
def test_what_the_loader_refuses_or_warns_about_is_flagged(changes: dict[str, Any]) -> None:
    assert errors(deck_schema(), with_card(**changes)) != []


def test_deck_level_problems_are_flagged() -> None:
    assert errors(deck_schema(), {**GOOD_DECK, "cards": []}) != []
    assert errors(deck_schema(), {**GOOD_DECK, "id": "Has Space"}) != []
    assert errors(deck_schema(), {**GOOD_DECK, "extra": True}) != []
    assert errors(deck_schema(), {k: v for k, v in GOOD_DECK.items() if k != "title"}) != []


def test_mode_problems_are_flagged() -> None:
    good = {"id": "m", "name": "M", "description": "D", "decks": ["s"], "ordered": True}
    assert errors(mode_schema(), good) == []
    assert errors(mode_schema(), {**good, "decks": []}) != []
    assert errors(mode_schema(), {**good, "decks": "s"}) != []
    assert errors(mode_schema(), {**good, "ordered": "yes"}) != []
    assert errors(mode_schema(), {**good, "default_count": 0}) != []
    assert errors(mode_schema(), {**good, "cards": []}) != []
    stage = {"name": "Coding", "decks": ["s"], "cards": 2, "minutes": 45}
    assert errors(mode_schema(), {**good, "stages": [stage]}) == []
    assert errors(mode_schema(), {**good, "stages": [{**stage, "minutes": 0}]}) != []
    assert errors(mode_schema(), {**good, "stages": [{**stage, "seats": 3}]}) != []


def test_an_imported_deck_matches_the_schema() -> None:
    text = "## Metrics\n\n**What is recall?**\n\nTP / (TP + FN)\n\n**What is AUC?**\n"
    result = import_markdown(text, deck_id="imp", title="Imp", source="s")
    assert errors(deck_schema(), yaml.safe_load(result.deck_yaml)) == []
