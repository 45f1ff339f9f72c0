"""JSON Schemas (draft 2020-12) for the deck and mode YAML files, for editors and other tools.

They follow README's "Deck format" and the rules of `nora_cli.decks.check`; the loader's softer
advice (3-6 key points, a non-empty answer) appears as descriptions, not rules.
Unknown keys are refused here (the loader only warns) so that editors flag typos at once. The
keys come from the loader's own lists, so a field added there is never refused here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from nora_cli.core.dimensions import DIMENSIONS
from nora_cli.core.models import KINDS, PROJECT_FIELDS, TIME_LIMIT_MAX, TIME_LIMIT_MIN
from nora_cli.decks.check import (
    CARD_OPTIONAL,
    CARD_REQUIRED,
    DECK_KEYS,
    DERIVED_FIELD,
    ID_RULE,
    MODE_OPTIONAL,
    MODE_REQUIRED,
    SLUG,
    STAGE_KEYS,
)

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _text(description: str, *, non_empty: bool = False) -> dict[str, Any]:
    """Text as the loader reads it: a string (a number is refused: quote it)."""
    schema: dict[str, Any] = {"type": "string", "description": description}
    if non_empty:
        schema["minLength"] = 1
        schema["pattern"] = r"\S"
    return schema


def _text_list(description: str) -> dict[str, Any]:
    """A list of texts (one text on its own is refused: write it as [text])."""
    return {"description": description, "type": "array", "items": {"type": "string"}}


def _whole(low: int, high: int, description: str) -> dict[str, Any]:
    return {"type": "integer", "minimum": low, "maximum": high, "description": description}


def _key_point() -> dict[str, Any]:
    mapping = {
        "type": "object",
        "required": ["text"],
        "additionalProperties": False,
        "properties": {
            "text": {"type": "string", "description": "The statement to check."},
            "match": {
                "description": "Alternative wordings that count as covering the point.",
                "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
            },
            "dimensions": {
                "description": "The judging dimensions the point evidences; derived from the "
                "card's kind, category and the point's words when not given.",
                "anyOf": [
                    {"enum": list(DIMENSIONS)},
                    {"type": "array", "items": {"enum": list(DIMENSIONS)}},
                ],
            },
        },
    }
    return {
        "description": "A checkable statement: text, or {text, match}.",
        "anyOf": [{"type": "string"}, mapping],
    }


def _id(description: str) -> dict[str, Any]:
    return {"type": "string", "pattern": SLUG.pattern, "description": description}


def _card_fields() -> dict[str, dict[str, Any]]:
    return {
        "id": _id(f"Stable card id, {ID_RULE}; unique across every deck. History refers to it."),
        "prompt": _text("The question as the interviewer asks it.", non_empty=True),
        "category": _text("The topic; --category and stats group by it."),
        "kind": {"enum": list(KINDS), "description": "What sort of question it is."},
        "difficulty": _whole(1, 3, "1 basic, 2 intermediate, 3 advanced."),
        "time_limit": _whole(
            TIME_LIMIT_MIN, TIME_LIMIT_MAX, "Seconds for this card (else the mode's default)."
        ),
        "key_points": {
            "type": "array",
            "items": {"$ref": "#/$defs/keyPoint"},
            "description": "The rubric you tick after answering: 3-6 short statements.",
        },
        DERIVED_FIELD: {
            "type": "boolean",
            "description": "Set by `nora decks import` when it proposed the key points from the "
            "answer: review them, then delete this field.",
        },
        "answer": _text("The model answer (80-250 words; design cards up to 400)."),
        "follow_ups": _text_list("Questions an interviewer may ask next."),
        "tags": _text_list("guide, company:..., track:..., level:senior and topic tags."),
        "curveballs": _text_list(
            "Design cards only (kind: design): constraints an interviewer injects midway; the "
            "design walk asks one."
        ),
        "pitfalls": _text_list(
            "Wrong claims candidates often make on this question, each as a candidate would "
            "say it; an answer that makes one is credited no key point for it."
        ),
        "project_fields": {
            "description": "Project deep-dive cards: the project notes this card draws on.",
            "anyOf": [
                {"enum": list(PROJECT_FIELDS)},
                {"type": "array", "items": {"enum": list(PROJECT_FIELDS)}},
            ],
        },
    }


def _deck_fields() -> dict[str, dict[str, Any]]:
    return {
        "id": _id(f"The deck's id, {ID_RULE}."),
        "title": _text("The deck's name."),
        "description": _text("What the deck drills, in a sentence or two."),
        "cards": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/card"}},
        "modes": _text_list(
            "Modes a deck of your own joins, each a mode's id or alias (technical when not given)."
        ),
    }


def _mode_fields() -> dict[str, dict[str, Any]]:
    return {
        "id": _text("The mode's name on the command line.", non_empty=True),
        "name": _text("The mode's display name."),
        "description": _text("What the mode drills."),
        "decks": {
            "description": "Deck ids it draws from (at least one).",
            "type": "array",
            "minItems": 1,
            "items": {"type": "string"},
        },
        "aliases": _text_list("Other names accepted on the command line."),
        "categories": _text_list("Categories to narrow the decks to."),
        "default_count": _whole(1, 200, "Cards per drill."),
        "default_time_limit": _whole(
            TIME_LIMIT_MIN, TIME_LIMIT_MAX, "Seconds for cards without their own."
        ),
        "tips": _text_list("Shown when a drill starts."),
        "ordered": {
            "type": "boolean",
            "description": "Draw from each deck in turn, keeping the decks' order.",
        },
        "stages": {
            "type": "array",
            "items": {"$ref": "#/$defs/stage"},
            "description": "The rounds of a timed mock interview, in order.",
        },
    }


def _stage_fields() -> dict[str, dict[str, Any]]:
    return {
        "name": _text("The round's name.", non_empty=True),
        "decks": _text_list("Decks of the mode this round draws from."),
        "categories": _text_list("Categories to narrow the round to."),
        "cards": _whole(1, 50, "Cards in the round."),
        "minutes": {
            "type": "number",
            "exclusiveMinimum": 0,
            "description": "Minutes the round lasts.",
        },
    }


def unspecified_keys() -> list[str]:
    """Keys the loader knows that these schemas describe only as "anything" (should be none)."""
    pairs = (
        (DECK_KEYS, _deck_fields()),
        ({*CARD_REQUIRED, *CARD_OPTIONAL}, _card_fields()),
        ({*MODE_REQUIRED, *MODE_OPTIONAL}, _mode_fields()),
        (STAGE_KEYS, _stage_fields()),
    )
    return sorted(key for keys, fields in pairs for key in keys if key not in fields)


def _object(keys: Iterable[str], required: Iterable[str], fields: dict[str, Any]) -> dict[str, Any]:
    """An object with exactly the loader's keys; a key without a schema here accepts anything."""
    return {
        "type": "object",
        "required": list(required),
        "additionalProperties": False,
        "properties": {key: fields.get(key, {}) for key in sorted(keys, key=_order(fields))},
    }


def _order(fields: dict[str, Any]) -> Callable[[str], tuple[int, str]]:
    positions = {key: i for i, key in enumerate(fields)}
    return lambda key: (positions.get(key, len(positions)), key)


def deck_schema() -> dict[str, Any]:
    """The schema of a deck file (questions/decks/*.yaml)."""
    card = _object({*CARD_REQUIRED, *CARD_OPTIONAL}, CARD_REQUIRED, _card_fields())
    card["if"] = {"required": ["kind"], "properties": {"kind": {"not": {"const": "design"}}}}
    card["then"] = {"properties": {"curveballs": {"maxItems": 0}}}  # curveballs: design only
    return {
        "$schema": DRAFT,
        "$id": "nora-deck.schema.json",
        "title": "nora deck",
        "description": "A deck of interview cards for nora.",
        **_object(DECK_KEYS, ("id", "title", "description", "cards"), _deck_fields()),
        "$defs": {"card": card, "keyPoint": _key_point()},
    }


def mode_schema() -> dict[str, Any]:
    """The schema of a mode file (questions/modes/*.yaml)."""
    stage = _object(STAGE_KEYS, ("name", "cards", "minutes"), _stage_fields())
    return {
        "$schema": DRAFT,
        "$id": "nora-mode.schema.json",
        "title": "nora mode",
        "description": "A drill mode: which decks it draws from and how.",
        **_object({*MODE_REQUIRED, *MODE_OPTIONAL}, MODE_REQUIRED, _mode_fields()),
        "$defs": {"stage": stage},
    }
