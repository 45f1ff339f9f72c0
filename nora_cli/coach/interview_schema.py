"""The shapes the interviewer's replies must have, as JSON Schema, and the checks a reply
passes before nora believes it: JSON found in the text, the schema, and quotes that really
are in the answer. Pure: standard library only.

The schemas use a small subset of JSON Schema (type, enum, properties, required,
additionalProperties, items, minItems/maxItems, minimum/maximum, minLength/maxLength), so a
model that takes a schema gets the same one nora checks against (`wire` drops the length
limits some hosted models refuse).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from nora_cli.core.dimensions import DIMENSIONS
from nora_cli.core.interview import FOLLOW_UP_VERDICTS, VERDICTS

Schema = dict[str, Any]
Check = Callable[[dict[str, Any]], list[str]]  # what a valid reply must also be
REASON_CHARS = 240
QUOTE_CHARS = 240
QUESTION_CHARS = 300
MAX_FOLLOW_UPS = 2
SCORE_LOW, SCORE_HIGH = 1, 5


def _text(limit: int, least: int = 0) -> Schema:
    schema: Schema = {"type": "string", "maxLength": limit}
    if least:
        schema["minLength"] = least
    return schema


def _object(properties: dict[str, Schema]) -> Schema:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def _list(items: Schema, low: int, high: int) -> Schema:
    return {"type": "array", "items": items, "minItems": low, "maxItems": high}


def grade_schema(points: int) -> Schema:
    """A verdict with a quote and a reason for each of the card's `points` key points, a
    score of 1-5 (or null: not shown by this question) for each dimension, and one or two
    follow-up questions, each naming the key points it probes."""
    number: Schema = {"type": "integer", "minimum": 1, "maximum": points}
    grade = _object(
        {
            "point": number,
            "verdict": {"type": "string", "enum": list(VERDICTS)},
            "quote": _text(QUOTE_CHARS),
            "reason": _text(REASON_CHARS, 3),
        }
    )
    score: Schema = {"type": ["integer", "null"], "minimum": SCORE_LOW, "maximum": SCORE_HIGH}
    follow_up = _object({"question": _text(QUESTION_CHARS, 8), "aims_at": _list(number, 0, points)})
    return _object(
        {
            "points": _list(grade, points, points),
            "dimensions": _object({name: score for name in DIMENSIONS}),
            "follow_ups": _list(follow_up, 1, MAX_FOLLOW_UPS),
        }
    )


def follow_ups_schema(answers: int) -> Schema:
    """A verdict with a quote and a reason for each answered follow-up."""
    verdict = _object(
        {
            "number": {"type": "integer", "minimum": 1, "maximum": answers},
            "verdict": {"type": "string", "enum": list(FOLLOW_UP_VERDICTS)},
            "quote": _text(QUOTE_CHARS),
            "reason": _text(REASON_CHARS, 3),
        }
    )
    return _object({"answers": _list(verdict, answers, answers)})


def curveball_schema(curveballs: int) -> Schema:
    """The constraint to inject, the deck curveball it starts from, and the words of the
    design so far that it answers to."""
    return _object(
        {
            "curveball": _text(QUESTION_CHARS, 8),
            "based_on": {"type": "integer", "minimum": 1, "maximum": max(1, curveballs)},
            "quote": _text(QUOTE_CHARS),
        }
    )


DEBRIEF_SCHEMA = _object(
    {
        "summary": _text(600, 10),
        "strengths": _list(_text(REASON_CHARS, 3), 0, 3),
        "gaps": _list(_text(REASON_CHARS, 3), 0, 3),
        "next_step": _text(REASON_CHARS, 3),
    }
)

TRANSITION_SCHEMA = _object({"line": _text(QUESTION_CHARS, 8)})


def wire(schema: Any) -> Any:
    """The schema as sent to a model: without the string length limits."""
    if isinstance(schema, dict):
        return {
            key: wire(value)
            for key, value in schema.items()
            if key not in {"maxLength", "minLength"}
        }
    if isinstance(schema, list):
        return [wire(item) for item in schema]
    return schema


# --- reading a reply ---------------------------------------------------------------------

_FENCE = re.compile(r"```(?:json)?\s*(.*?)```", re.DOTALL | re.IGNORECASE)


def extract_json(text: str) -> tuple[Any, str]:
    """The JSON object in a reply and "" ; or None and what is wrong. Models wrap JSON in
    code fences or a sentence; the outermost braces are taken."""
    fenced = _FENCE.search(text)
    body = fenced.group(1) if fenced else text
    start, end = body.find("{"), body.rfind("}")
    if start < 0 or end <= start:
        return None, "the reply holds no JSON object"
    try:
        return json.loads(body[start : end + 1]), ""
    except json.JSONDecodeError as exc:
        return None, f"the reply is not valid JSON ({exc.msg} at character {exc.pos})"


_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
}


def _is(value: Any, name: str) -> bool:
    if name in {"integer", "number"} and isinstance(value, bool):
        return False
    return isinstance(value, _TYPES[name])


def validate(value: Any, schema: Schema, path: str = "") -> list[str]:
    """Every way `value` breaks `schema`, each as `path: what is wrong`."""
    where = path or "the reply"
    kinds = schema.get("type")
    if kinds is not None:
        names = kinds if isinstance(kinds, list) else [kinds]
        if not any(_is(value, name) for name in names):
            return [f"{where}: expected {' or '.join(names)}, got {json.dumps(value)[:60]}"]
    if "enum" in schema and value not in schema["enum"]:
        return [f"{where}: {json.dumps(value)[:60]} is not one of {', '.join(schema['enum'])}"]
    errors: list[str] = []
    if isinstance(value, dict):
        errors += _validate_object(value, schema, path)
    elif isinstance(value, list):
        errors += _validate_array(value, schema, path)
    elif isinstance(value, str):
        if len(value) > schema.get("maxLength", len(value)):
            errors.append(f"{where}: longer than {schema['maxLength']} characters")
        if len(value.strip()) < schema.get("minLength", 0):
            errors.append(f"{where}: shorter than {schema['minLength']} characters")
    elif (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and (value < schema.get("minimum", value) or value > schema.get("maximum", value))
    ):
        errors.append(f"{where}: {value} is not from {schema['minimum']} to {schema['maximum']}")
    return errors


def _validate_object(value: dict[str, Any], schema: Schema, path: str) -> list[str]:
    errors = [
        f"{path or 'the reply'}: '{key}' is missing"
        for key in schema.get("required", ())
        if key not in value
    ]
    properties = schema.get("properties", {})
    for key, item in value.items():
        if key in properties:
            errors += validate(item, properties[key], f"{path}.{key}" if path else key)
        elif schema.get("additionalProperties") is False:
            errors.append(f"{path or 'the reply'}: unexpected key '{key}'")
    return errors


def _validate_array(value: list[Any], schema: Schema, path: str) -> list[str]:
    where = path or "the reply"
    errors = []
    low, high = schema.get("minItems", 0), schema.get("maxItems", len(value))
    if not low <= len(value) <= high:
        wanted = f"{low}" if low == high else f"{low} to {high}"
        errors.append(f"{where}: {len(value)} items where {wanted} were expected")
    if "items" in schema:
        for index, item in enumerate(value):
            errors += validate(item, schema["items"], f"{path}[{index}]")
    return errors


# --- quotes --------------------------------------------------------------------------------

_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})
_ELISION = re.compile(r"\.\.\.|…")


def _flat(text: str) -> str:
    return " ".join(text.translate(_QUOTES).casefold().split())


def quoted(quote: str, answer: str) -> bool:
    """Whether `quote` is words of `answer`: case, spacing and curly quotes aside, and with
    '...' standing for words left out (the pieces in order)."""
    said = _flat(answer)
    position = 0
    pieces = [_flat(p).strip(" \"'.,;:") for p in _ELISION.split(quote)]
    if not any(pieces):
        return False
    for piece in pieces:
        if not piece:
            continue
        found = said.find(piece, position)
        if found < 0:
            return False
        position = found + len(piece)
    return True


def one_line(text: str) -> str:
    return " ".join(text.split())


# --- checks beyond the schema -----------------------------------------------------------


def grade_check(answer: str, total: int) -> Check:
    def check(data: dict[str, Any]) -> list[str]:
        numbers = sorted(int(p["point"]) for p in data["points"])
        errors = []
        if numbers != list(range(1, total + 1)):
            errors.append(f"points: each key point 1 to {total} must be judged once")
        for index, point in enumerate(data["points"]):
            if point["verdict"] != "missed" and not quoted(point["quote"], answer):
                errors.append(
                    f"points[{index}].quote: {point['quote'][:60]!r} is not in the answer"
                )
        return errors

    return check


def follow_ups_check(answers: list[str]) -> Check:
    def check(data: dict[str, Any]) -> list[str]:
        numbers = sorted(int(a["number"]) for a in data["answers"])
        errors = []
        if numbers != list(range(1, len(answers) + 1)):
            errors.append(f"answers: each answer 1 to {len(answers)} must be judged once")
            return errors
        for index, verdict in enumerate(data["answers"]):
            said = answers[int(verdict["number"]) - 1]
            if verdict["quote"].strip() and not quoted(verdict["quote"], said):
                errors.append(
                    f"answers[{index}].quote: {verdict['quote'][:60]!r} is not in that answer"
                )
        return errors

    return check


def quote_check(text: str, key: str) -> Check:
    def check(data: dict[str, Any]) -> list[str]:
        if quoted(data[key], text):
            return []
        return [f"{key}: {data[key][:60]!r} is not in the design so far"]

    return check
