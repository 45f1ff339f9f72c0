"""What both importers share: the draft card, text clean-up, and the deck document they build.

Cards get ids from their prompts (slugs, unique within the deck); duplicates are dropped; the
deck is written as YAML with the schema comment first. Pure: no terminal, no files.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Any

from nora_cli.core.errors import DeckError
from nora_cli.core.models import ID_PATTERN
from nora_cli.core.wording import counted
from nora_cli.decks.check import DERIVED_FIELD, ID_RULE
from nora_cli.interchange.rubric import propose

# Lists (key points, follow-ups, pitfalls, curveballs, tags) in one CSV cell: items joined
# by " | "; an item's own " | " is escaped so the list splits back the same.
LIST_SEPARATOR = " | "
ESCAPED_SEPARATOR = " \\| "

SCHEMA_URL = "nora-deck.schema.json"
IMPORTED_TAG = "imported"
MAX_ID_LENGTH = 60
DEFAULT_DIFFICULTY = 2


@dataclass(frozen=True)
class ImportResult:
    """The deck as YAML text, how many cards it has, and what the importer noticed: the summary
    lines, how many questions it found, how many cards got key points and how many of those
    were derived from prose, and, for `--verbose`, each block or row it dropped and each value
    it changed (with its line). `itemised` are the summary lines that count those items."""

    deck_yaml: str
    cards: int
    summary: tuple[str, ...]
    questions: int = 0
    with_key_points: int = 0
    derived: int = 0
    marked: int = 0
    dropped: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    itemised: tuple[str, ...] = ()


@dataclass
class Draft:
    """A card before it has an id."""

    prompt: str
    answer: str
    category: str
    difficulty: int = DEFAULT_DIFFICULTY
    kind: str = "concept"
    time_limit: int | None = None
    key_points: tuple[str, ...] = ()
    follow_ups: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    key_points_derived: bool = False
    curveballs: tuple[str, ...] = ()
    pitfalls: tuple[str, ...] = ()
    card_id: str = ""  # the id the source gives (nora's own export does), kept when free
    line: int = 0  # where the question starts in the source


def brief(text: str) -> str:
    """A block or a row in a few words, for the list of what an import dropped or changed."""
    return text if len(text) <= 70 else text[:67] + "..."


# ---------------------------------------------------------------------------------------------
# Text clean-up shared by both importers


_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufeff\ufffe\uffff]"
)
_LINE_BREAKS = re.compile(r"\r\n?|[\x85\u2028\u2029]")
_MANY_BLANKS = re.compile(r"\n{3,}")
HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
HTML_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def normalize(text: str) -> str:
    """One kind of line break, no control characters, no byte-order marks."""
    return _CONTROL.sub("", _LINE_BREAKS.sub("\n", text))


def tidy(text: str) -> str:
    """No trailing spaces, at most one blank line in a row, no blank edges."""
    text = "\n".join(line.rstrip() for line in text.replace("\xa0", " ").split("\n"))
    return _MANY_BLANKS.sub("\n\n", text).strip("\n").rstrip()


def _slug(text: str, limit: int) -> str:
    """Lowercase ASCII words joined by '-', cut at a word boundary to at most `limit` chars."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    slug = ""
    for word in re.findall(r"[a-z0-9]+", ascii_text):
        longer = f"{slug}-{word}" if slug else word
        if len(longer) > limit:
            return slug or word[:limit]
        slug = longer
    return slug


# Difficulty words, in Markdown markers and table cells
LEVELS = {
    "e": 1,
    "easy": 1,
    "beginner": 1,
    "basic": 1,
    "m": 2,
    "medium": 2,
    "intermediate": 2,
    "h": 3,
    "hard": 3,
    "advanced": 3,
}


# ---------------------------------------------------------------------------------------------
# The deck document


def deck_slug(deck_id: str) -> str:
    """The deck id as a slug; DeckError when nothing of it is left."""
    slug = _slug(deck_id, 40)
    if not slug:
        raise DeckError(f"deck id '{deck_id}' needs letters or digits ({ID_RULE})")
    return slug


_CARD_ID = re.compile(ID_PATTERN)


def _given_id(draft: Draft, taken: set[str]) -> str | None:
    """The source's own id for the card, if it is a card id (words, not just a number) and
    free: your history of the card follows it through an export and an import."""
    given = draft.card_id
    usable = _CARD_ID.match(given) and re.search(r"[a-z]", given) and len(given) <= 80
    return given if usable and given not in taken else None


def _card_ids(deck_id: str, drafts: list[Draft], reserved: frozenset[str]) -> tuple[list[str], int]:
    """Each card's id (the source's own where free, else one made from the prompt), and how
    many of the source's ids were already used by another deck."""
    budget = max(MAX_ID_LENGTH - len(deck_id) - 1, 12)
    taken: set[str] = set(reserved)
    ids: list[str | None] = []
    for draft in drafts:
        kept = _given_id(draft, taken)
        if kept is not None:
            taken.add(kept)
        ids.append(kept)
    clashes = sum(1 for draft in drafts if draft.card_id and draft.card_id in reserved)
    for number, draft in enumerate(drafts, start=1):
        if ids[number - 1] is not None:
            continue
        base = f"{deck_id}-{_slug(draft.prompt, budget) or f'q{number}'}"
        card_id, suffix = base, 2
        while card_id in taken:
            card_id, suffix = f"{base}-{suffix}", suffix + 1
        taken.add(card_id)
        ids[number - 1] = card_id
    return [card_id for card_id in ids if card_id is not None], clashes


def _dedupe(drafts: list[Draft]) -> tuple[list[Draft], list[str]]:
    """Exact copies go, each listed with its line; the same question in two categories (or two
    parents) stays twice."""
    first: dict[tuple[str, str, str], Draft] = {}
    kept: list[Draft] = []
    dropped: list[str] = []
    for draft in drafts:
        key = (draft.category.casefold(), draft.prompt.casefold(), draft.answer)
        if key in first:
            dropped.append(
                f"line {draft.line}: {brief(draft.prompt)} "
                f"(the same question and answer as line {first[key].line})"
            )
        else:
            first[key] = draft
            kept.append(draft)
    return kept, dropped


def _card_record(card_id: str, draft: Draft) -> dict[str, Any]:
    # Only the design walk asks curveballs: a question that comes with some is a design card.
    kind = "design" if draft.curveballs and draft.kind == "concept" else draft.kind
    record: dict[str, Any] = {
        "id": card_id,
        "prompt": draft.prompt,
        "category": draft.category,
        "kind": kind,
        "difficulty": draft.difficulty,
    }
    if draft.time_limit is not None:
        record["time_limit"] = draft.time_limit
    record["key_points"] = list(draft.key_points)
    if draft.key_points_derived:
        record[DERIVED_FIELD] = True
    record["answer"] = draft.answer
    if draft.pitfalls:
        record["pitfalls"] = list(draft.pitfalls)
    record["follow_ups"] = list(draft.follow_ups)
    if draft.curveballs:
        record["curveballs"] = list(draft.curveballs)
    record["tags"] = list(draft.tags or (IMPORTED_TAG,))
    return record


_PLACEHOLDER = re.compile(
    r"^(?:answer here|todo|tbd|tba|coming soon|to be (?:added|written)|\.{3}|-|…)[.!]?$",
    re.IGNORECASE,
)


def _with_rubric(draft: Draft) -> Draft:
    """A placeholder answer ("Answer here") is no answer; key points come from the answer."""
    if _PLACEHOLDER.match(draft.answer.strip()):
        draft = replace(draft, answer="")
    if draft.key_points or not draft.answer:
        return draft
    rubric = propose(draft.answer)
    return replace(draft, key_points=rubric.points, key_points_derived=rubric.derived)


def finish_import(
    drafts: list[Draft],
    deck_id: str,
    title: str,
    source: str,
    summary: list[str],
    *,
    dropped: tuple[str, ...] = (),
    changed: tuple[str, ...] = (),
    itemised: tuple[str, ...] = (),
    marked: int = 0,
    description: str = "",
    reserved: frozenset[str] = frozenset(),
) -> ImportResult:
    """Drop duplicates, give each card an id and a rubric, and write the deck (described by
    `description`, else by where it came from). `dropped` and `changed` list what the importer
    left out or changed, `itemised` the lines of `summary` that count them."""
    questions = len(drafts)
    drafts, duplicates = _dedupe([_with_rubric(d) for d in drafts])
    itemised = tuple(itemised)
    if duplicates:
        summary.append(f"{counted(len(duplicates), 'duplicate question')} dropped")
        itemised += (summary[-1],)
    unanswered = sum(not draft.answer for draft in drafts)
    if unanswered:
        summary.append(f"{unanswered} without an answer")
    if not description:
        description = f"Imported from {source}." if source else "Imported with nora."
    ids, clashes = _card_ids(deck_id, drafts, reserved)
    if clashes:
        summary.append(
            f"{counted(clashes, 'card id')} of the file already used by another deck: new ids given"
        )
    doc = {
        "id": deck_id,
        "title": " ".join(title.split()) or deck_id,
        "description": description,
        "cards": [_card_record(i, d) for i, d in zip(ids, drafts, strict=True)],
    }
    return ImportResult(
        deck_yaml=dump_deck(doc),
        cards=len(drafts),
        summary=tuple(summary),
        questions=questions,
        with_key_points=sum(bool(d.key_points) for d in drafts),
        derived=sum(d.key_points_derived and bool(d.key_points) for d in drafts),
        marked=marked,
        dropped=(*dropped, *duplicates),
        changed=changed,
        itemised=itemised,
    )


def dump_deck(doc: dict[str, Any]) -> str:
    """The deck as YAML: multi-line text as literal blocks, no anchors, the schema comment first."""
    import yaml

    class Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:
            return True

        def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
            super().increase_indent(flow, False)  # lists indented under their key

    def text(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
        style = "|" if "\n" in data else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)

    Dumper.add_representer(str, text)
    body = yaml.dump(doc, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=100)
    return f"# yaml-language-server: $schema={SCHEMA_URL}\n{body}"
