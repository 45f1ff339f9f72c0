"""Validate parsed deck documents into cards and decks, collecting every problem."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from nora_cli.core.dimensions import DIMENSIONS
from nora_cli.core.models import (
    ID_PATTERN,
    KINDS,
    PROJECT_FIELDS,
    TIME_LIMIT_MAX,
    TIME_LIMIT_MIN,
    Card,
    Deck,
    KeyPoint,
)
from nora_cli.core.textsafe import visible
from nora_cli.core.wording import counted
from nora_cli.decks.yamlfile import LineDict

SLUG = re.compile(ID_PATTERN)
# The rule of ID_PATTERN in words, for every message about a deck or card id.
ID_RULE = "lowercase letters and digits, in words joined by - or _"

DECK_KEYS = {"id", "title", "description", "cards", "modes"}
DEFAULT_USER_MODES = ("technical",)
CARD_REQUIRED = ("id", "prompt", "category", "kind", "difficulty", "key_points", "answer")
# Set by `nora decks import` on cards whose key points it proposed from the answer's sentences.
DERIVED_FIELD = "key_points_derived"
CARD_OPTIONAL = (
    "time_limit", "follow_ups", "tags", "curveballs", "pitfalls", "project_fields", DERIVED_FIELD
)  # fmt: skip
MODE_REQUIRED = ("id", "name", "description", "decks")
MODE_OPTIONAL = (
    "categories", "aliases", "default_count", "default_time_limit", "tips", "ordered", "stages"
)  # fmt: skip
STAGE_KEYS = {"name", "decks", "categories", "cards", "minutes"}
KEY_POINT_KEYS = {"text", "match", "dimensions"}


@dataclass
class Report:
    """Problems (fatal) and warnings, each a finished one-line message."""

    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class Checker:
    def __init__(self, source: str, report: Report) -> None:
        self.source = source
        self.report = report

    def problem(self, line: int, message: str, card: str | None = None) -> None:
        self.report.problems.append(self._format(line, message, card))

    def warn(self, line: int, message: str, card: str | None = None) -> None:
        self.report.warnings.append(self._format(line, message, card))

    def _format(self, line: int, message: str, card: str | None) -> str:
        where = f"{self.source}:{line}" if line else self.source
        who = f" card '{card}':" if card else ""
        return f"{where}:{who} {message}"

    def unknown_keys(self, data: LineDict, known: set[str], what: str, card: str | None) -> None:
        for key in data:
            if key not in known:
                allowed = ", ".join(sorted(known))
                self.warn(
                    data.line_of(key), f"unknown key '{key}' in {what} (known: {allowed})", card
                )
        for key, line in data.repeated_keys:
            self.warn(line, f"key '{key}' appears twice; the last one wins", card)

    def text(self, data: LineDict, key: str, card: str | None, *, required: bool = True) -> str:
        """A text field. A number, a list or a mapping is a problem (never read as text)."""
        value = data.get(key)
        if value is None:
            if required:
                self.problem(data.line, f"missing field '{key}' (a text value)", card)
            return ""
        if not isinstance(value, str):
            self.problem(
                data.line_of(key), f"field '{key}' must be text, got {_not_text(key, value)}", card
            )
            return ""
        return visible(value.strip())

    def text_list(self, data: LineDict, key: str, card: str | None) -> tuple[str, ...]:
        """A list of texts. One text on its own, or an item that is not text, is a problem."""
        value = data.get(key)
        if value is None:
            return ()
        wrong = f"field '{key}' must be a list of texts"
        if isinstance(value, str):
            self.problem(data.line_of(key), f"{wrong}, got one text {_as_list(key, value)}", card)
            return ()
        if not isinstance(value, list):
            self.problem(
                data.line_of(key),
                f"{wrong}, got {_kind(value)}; write one '- ' line per item under '{key}:'",
                card,
            )
            return ()
        for number, item in enumerate(value, 1):
            if not isinstance(item, str):
                self.problem(
                    data.line_of(key), f"{wrong}; item {_not_text_item(number, item)}", card
                )
                return ()
        return tuple(visible(v.strip()) for v in value if v.strip())

    def flag(self, data: LineDict, key: str, card: str | None = None) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):
            self.problem(
                data.line_of(key), f"field '{key}' must be true or false, got {value!r}", card
            )
            return False
        return value

    def integer(
        self, data: LineDict, key: str, low: int, high: int, card: str | None, *, required: bool
    ) -> int | None:
        value = data.get(key)
        if value is None:
            if required:
                self.problem(
                    data.line, f"missing field '{key}' (a whole number {low}-{high})", card
                )
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.problem(
                data.line_of(key),
                f"field '{key}' must be a whole number from {low} to {high}, got {value!r}",
                card,
            )
            return None
        return value


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _not_text(key: str, value: Any) -> str:
    """What a text field got instead, and how to write it as text."""
    if isinstance(value, dict):
        return (
            f"a mapping; write the {key} as one text, in quotes or after '>-' when it contains ': '"
        )
    if isinstance(value, list):
        return f"a list; write the {key} as one text"
    return f'{value!r}; write it in quotes: {key}: "{value}"'


def _not_text_item(number: int, item: Any) -> str:
    if item is None:
        return f"{number} is empty; remove the empty '-' line"
    if isinstance(item, dict | list):
        return f"{number} is {_kind(item)}; write each item as text, in quotes if it contains ': '"
    return (
        f"{number} is {item!r}; write each item as text, in quotes if it looks like a number: "
        f'"{item}"'
    )


_PLAIN_ITEM = re.compile(r"[^,:\[\]{}#&*!|>'\"%@`]{1,40}")


def _as_list(key: str, value: str) -> str:
    """One text where a list belongs, and the list to write instead."""
    if _PLAIN_ITEM.fullmatch(value.strip()):
        return f"'{value.strip()}'; write it as a list: {key}: [{value.strip()}]"
    return f"'{value.strip()[:40]}'; write it as a list, one '- ' line per item under '{key}:'"


def suggest_id(name: str) -> str:
    """An id that keeps the rule, made from `name`: 'My Deck' -> my-deck ('' when none)."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def id_problem(name: str) -> str:
    """What is wrong with an id that breaks the rule, with a suggestion that keeps it."""
    suggestion = suggest_id(name)
    such = f", such as {suggestion}" if suggestion and SLUG.match(suggestion) else ""
    return f"must be {ID_RULE}{such}"


def check_deck(doc: Any, source: str, report: Report) -> Deck | None:
    check = Checker(source, report)
    if not isinstance(doc, LineDict):
        check.problem(1, "a deck file must be a mapping with id, title, description and cards")
        return None
    check.unknown_keys(doc, DECK_KEYS, "the deck", None)
    deck_id = check.text(doc, "id", None)
    if deck_id and not SLUG.match(deck_id):
        check.problem(doc.line_of("id"), f"deck id '{deck_id}' {id_problem(deck_id)}")
    title = check.text(doc, "title", None)
    description = check.text(doc, "description", None)
    raw_cards = doc.get("cards")
    if not isinstance(raw_cards, list) or not raw_cards:
        check.problem(doc.line_of("cards"), "field 'cards' must be a non-empty list of cards")
        raw_cards = []
    cards = [c for c in (_check_card(check, raw, deck_id) for raw in raw_cards) if c is not None]
    if not deck_id:
        return None
    modes = tuple(m.lower() for m in check.text_list(doc, "modes", None)) or DEFAULT_USER_MODES
    return Deck(
        id=deck_id,
        title=title,
        description=description,
        cards=tuple(cards),
        source=source,
        modes=modes,
        modes_line=doc.key_lines.get("modes", 0),
    )


def _check_card(check: Checker, raw: Any, deck_id: str) -> Card | None:
    if not isinstance(raw, LineDict):
        check.problem(0, f"each card must be a mapping of fields, got {_kind(raw)}")
        return None
    before = len(check.report.problems)
    card_id = check.text(raw, "id", None)
    label = card_id or None
    if card_id and not SLUG.match(card_id):
        check.problem(raw.line_of("id"), f"card id '{card_id}' {id_problem(card_id)}", label)
    check.unknown_keys(raw, set(CARD_REQUIRED + CARD_OPTIONAL), "a card", label)
    prompt = check.text(raw, "prompt", label)
    if isinstance(raw.get("prompt"), str) and not prompt:
        check.problem(raw.line_of("prompt"), "the prompt is empty; write the question", label)
    category = check.text(raw, "category", label)
    kind = check.text(raw, "kind", label)
    if kind and kind not in KINDS:
        check.problem(raw.line_of("kind"), f"kind '{kind}' is not one of {', '.join(KINDS)}", label)
    difficulty = check.integer(raw, "difficulty", 1, 3, label, required=True)
    time_limit = check.integer(
        raw, "time_limit", TIME_LIMIT_MIN, TIME_LIMIT_MAX, label, required=False
    )
    key_points = _check_key_points(check, raw, label)
    derived = check.flag(raw, DERIVED_FIELD, label) and bool(key_points)
    if derived:
        check.warn(
            raw.line_of(DERIVED_FIELD),
            f"key points proposed by nora from the answer; review them, then delete "
            f"'{DERIVED_FIELD}: true'",
            label,
        )
    answer = check.text(raw, "answer", label)
    if isinstance(raw.get("answer"), str) and not answer:
        check.warn(raw.line_of("answer"), "the model answer is empty; write one", label)
    follow_ups = check.text_list(raw, "follow_ups", label)
    tags = check.text_list(raw, "tags", label)
    curveballs = check.text_list(raw, "curveballs", label)
    if raw.get("curveballs") and kind and kind != "design":
        check.problem(
            raw.line_of("curveballs"),
            "curveballs are asked only in a design card's walk; this card is kind "
            f"'{kind}': remove 'curveballs', or make the card kind: design",
            label,
        )
    pitfalls = check.text_list(raw, "pitfalls", label)
    project_fields = check.text_list(raw, "project_fields", label)
    for name in project_fields:
        if name not in PROJECT_FIELDS:
            check.problem(
                raw.line_of("project_fields"),
                f"project field '{name}' is not one of {', '.join(PROJECT_FIELDS)}",
                label,
            )
    if len(check.report.problems) > before or not card_id:
        return None
    return Card(
        id=card_id,
        prompt=prompt,
        category=category,
        kind=kind,
        difficulty=difficulty or 1,
        time_limit=time_limit,
        key_points=key_points,
        answer=answer,
        follow_ups=follow_ups,
        tags=tags,
        curveballs=curveballs,
        pitfalls=pitfalls,
        project_fields=project_fields,
        key_points_derived=derived,
        deck=deck_id,
        source=check.source,
        line=raw.line,
    )


def _check_key_points(check: Checker, raw: LineDict, label: str | None) -> tuple[KeyPoint, ...]:
    value = raw.get("key_points")
    line = raw.line_of("key_points")
    if value is None:
        check.problem(raw.line, "missing field 'key_points' (a list of 3-6 statements)", label)
        return ()
    if not isinstance(value, list):
        check.problem(line, f"field 'key_points' must be a list, got {_kind(value)}", label)
        return ()
    points: list[KeyPoint] = []
    for number, item in enumerate(value, 1):
        if isinstance(item, str):
            points.append(KeyPoint(visible(item.strip())))
        elif isinstance(item, LineDict) and isinstance(item.get("text"), str):
            check.unknown_keys(item, KEY_POINT_KEYS, "a key point", label)
            match = item.get("match") or []
            if isinstance(match, str):
                match = [match]
            if not isinstance(match, list) or not all(isinstance(m, str) for m in match):
                check.problem(item.line_of("match"), "a key point's 'match' must be a list", label)
                match = []
            dimensions = _point_dimensions(check, item, label)
            text = visible(item["text"].strip())
            points.append(KeyPoint(text, tuple(m.strip() for m in match), dimensions))
        elif isinstance(item, LineDict):
            check.problem(item.line, "each key point must be text, or a mapping with 'text'", label)
        else:
            check.problem(
                line,
                f"key point {_not_text_item(number, item).replace('each item', 'it')}; or give "
                "a mapping with 'text'",
                label,
            )
    if not points:
        check.warn(line, "no key points yet; add 3-6 checkable statements", label)
    elif not 3 <= len(points) <= 6:
        check.warn(line, f"{counted(len(points), 'key point')}; a good rubric has 3-6", label)
    return tuple(points)


def _point_dimensions(check: Checker, item: LineDict, label: str | None) -> tuple[str, ...]:
    """A key point's `dimensions`: names from core.dimensions.DIMENSIONS, one or a list."""
    value = item.get("dimensions") or []
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        check.problem(item.line_of("dimensions"), "'dimensions' must be a list of names", label)
        return ()
    wrong = [n for n in names if n.strip() not in DIMENSIONS]
    if wrong:
        check.problem(
            item.line_of("dimensions"),
            f"unknown dimension '{wrong[0]}'; use one or more of {', '.join(DIMENSIONS)}",
            label,
        )
        return ()
    return tuple(dict.fromkeys(n.strip() for n in names))
