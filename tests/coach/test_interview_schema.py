"""The interviewer's reply checks: nora's small schema validator agrees with the jsonschema
library on the schemas it ships, JSON is found where models put it, and quotes are checked
against the answer."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nora_cli.coach import interview_schema as shape

SCHEMAS = {
    "grade": shape.grade_schema(3),
    "follow_ups": shape.follow_ups_schema(2),
    "curveball": shape.curveball_schema(2),
    "debrief": shape.DEBRIEF_SCHEMA,
}


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_the_schemas_are_json_schema(name: str) -> None:
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(SCHEMAS[name])
    Draft202012Validator.check_schema(shape.wire(SCHEMAS[name]))


def _valid(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Values that meet `schema`, up to its limits (lengths, counts, ranges)."""
    kinds = schema.get("type")
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    if kinds == "object":
        return st.fixed_dictionaries({k: _valid(v) for k, v in schema["properties"].items()})
    if kinds == "array":
        items = _valid(schema["items"])
        return st.lists(items, min_size=schema["minItems"], max_size=schema["maxItems"])
    if kinds == "string":
        least = schema.get("minLength", 0)
        text = st.text(st.characters(codec="utf-8", exclude_categories=("Z", "C")), min_size=least,
                       max_size=schema.get("maxLength", 30))  # fmt: skip
        return text
    low, high = schema["minimum"], schema["maximum"]
    number = st.integers(low, high)
    return st.one_of(number, st.none()) if isinstance(kinds, list) else number


@pytest.mark.parametrize("name", sorted(SCHEMAS))
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_what_meets_the_schema_is_accepted_by_both(name: str, data: st.DataObject) -> None:
    from jsonschema import Draft202012Validator

    value = data.draw(_valid(SCHEMAS[name]))
    assert Draft202012Validator(SCHEMAS[name]).is_valid(value)
    assert shape.validate(value, SCHEMAS[name]) == []


GOOD = {
    "points": [
        {"point": 1, "verdict": "covered", "quote": "TP over", "reason": "the formula"},
        {"point": 3, "verdict": "missed", "quote": "", "reason": "not there"},
        {"point": 2, "verdict": "partly", "quote": "trades", "reason": "no direction"},
    ],
    "dimensions": {"technical-clarity": 4, "model-understanding": None, "evaluation": 5,
                   "production-design": 1, "product-objective": None},
    "follow_ups": [{"question": "How is recall computed?", "aims_at": [2, 3]}],
}  # fmt: skip


def _break(path: str, value: Any) -> dict[str, Any]:
    """GOOD with the value at `path` (keys and indices joined by /) replaced; a value of
    KeyError deletes it."""
    document = json.loads(json.dumps(GOOD))
    *parents, last = [int(p) if p.isdigit() else p for p in path.split("/")]
    node: Any = document
    for key in parents:
        node = node[key]
    if value is KeyError:
        del node[last]
    else:
        node[last] = value
    return document  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("points", GOOD["points"] * 2),
        ("points", GOOD["points"][:2]),
        ("points/0/verdict", "maybe"),
        ("points/0/point", 4),
        ("points/0/point", True),
        ("points/0/point", 1.5),
        ("points/1/quote", None),
        ("points/1/quote", "x" * 241),
        ("points/2/reason", KeyError),
        ("points/2/extra", "no"),
        ("dimensions/evaluation", 0),
        ("dimensions/evaluation", "5"),
        ("dimensions/evaluation", KeyError),
        ("follow_ups", []),
        ("follow_ups", GOOD["follow_ups"] * 3),
        ("follow_ups/0/aims_at", [0]),
        ("follow_ups/0/question", "x" * 301),
        ("verdicts", "extra"),
    ],
)
def test_one_thing_wrong_is_refused_by_both(path: str, value: Any) -> None:
    from jsonschema import Draft202012Validator

    schema = shape.grade_schema(3)
    assert shape.validate(GOOD, schema) == []
    broken = _break(path, value)
    assert not Draft202012Validator(schema).is_valid(broken)
    assert shape.validate(broken, schema) != []


def test_errors_name_the_path_and_what_is_wrong() -> None:
    reply = {"points": [{"point": 0, "verdict": "maybe", "quote": "", "reason": "ok"}]}
    assert shape.validate(reply, shape.grade_schema(1)) == [
        "the reply: 'dimensions' is missing",
        "the reply: 'follow_ups' is missing",
        "points[0].point: 0 is not from 1 to 1",
        'points[0].verdict: "maybe" is not one of covered, partly, missed',
        "points[0].reason: shorter than 3 characters",
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ('{"a": 1}', {"a": 1}),
        ('Here you go:\n```json\n{"a": [1, 2]}\n```\nAnything else?', {"a": [1, 2]}),
        ('Sure. {"a": {"b": "}"}} Hope that helps', {"a": {"b": "}"}}),
    ],
)
def test_json_is_found_in_fences_and_prose(text: str, found: Any) -> None:
    assert shape.extract_json(text) == (found, "")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("I would grade it as mostly covered.", "the reply holds no JSON object"),
        ('{"a": 1,}', "the reply is not valid JSON (Expecting property name"),
    ],
)
def test_replies_without_usable_json(text: str, problem: str) -> None:
    value, said = shape.extract_json(text)
    assert value is None and said.startswith(problem)


ANSWER = 'I\u2019d start with a  Logistic Regression baseline, then we tried "gradient boosting".'


@pytest.mark.parametrize(
    "quote",
    [
        "logistic regression baseline",
        "I'd start with a logistic",
        '"start with a Logistic Regression baseline."',
        "start with ... gradient boosting",
        "I\u2019d start \u2026 we tried",
    ],
)
def test_quotes_found_in_the_answer(quote: str) -> None:
    assert shape.quoted(quote, ANSWER)


@pytest.mark.parametrize(
    "quote", ["random forest baseline", "gradient boosting ... logistic", "", "...", "baseline, so"]
)
def test_quotes_not_in_the_answer(quote: str) -> None:
    assert not shape.quoted(quote, ANSWER)


def test_the_wire_schema_drops_only_the_length_limits() -> None:
    sent = json.dumps(shape.wire(SCHEMAS["grade"]))
    assert "maxLength" not in sent and "minLength" not in sent
    assert '"maxItems": 3' in sent and '"maximum": 5' in sent
