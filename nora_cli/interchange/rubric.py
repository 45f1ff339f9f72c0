"""Key points for an imported card that came without any, taken from its answer.

When most of the answer is a list, the list's items are the key points (the author's own
breakdown). Otherwise nora proposes up to four of the answer's sentences, the ones with the most
distinct content words, kept in their order; those are marked as derived in the deck so the user
knows to review them. Code is never a key point. Pure: standard library only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_DERIVED = 4
MAX_WORDS = 28
MIN_WORDS = 4
MIN_CONTENT = 3

_FENCE = re.compile(r"^\s*(```|~~~)")
_ITEM = re.compile(r"^(?P<indent>\s*)(?:[-*+]|\d{1,9}[.)])\s+(?P<text>.*)$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9])")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'+-]*")
_MARKUP = re.compile(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)")
_POINTLESS = re.compile(
    r"^(?:see |for (?:more|details|specifics)|refer |example:?$|e\.g\.?$|answer here)",
    re.IGNORECASE,
)
_COMMON = frozenset(
    (
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "but",
        "by",
        "can",
        "do",
        "does",
        "for",
        "from",
        "has",
        "have",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "may",
        "more",
        "most",
        "not",
        "of",
        "on",
        "or",
        "so",
        "such",
        "than",
        "that",
        "the",
        "their",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "was",
        "we",
        "were",
        "what",
        "when",
        "which",
        "while",
        "who",
        "will",
        "with",
        "would",
        "you",
        "your",
        "also",
        "each",
        "other",
        "only",
        "one",
        "two",
        "both",
        "all",
        "any",
        "some",
        "very",
        "just",
        "like",
    )
)


@dataclass(frozen=True)
class Rubric:
    """Key points proposed for a card, and whether nora derived them from prose."""

    points: tuple[str, ...]
    derived: bool


def _prose_and_lists(answer: str) -> tuple[list[str], list[list[str]]]:
    """The answer's prose lines and its lists (top-level items, one line each), code left out."""
    prose: list[str] = []
    lists: list[list[str]] = []
    in_code = False
    current: list[str] | None = None
    top_indent = 0
    for line in answer.split("\n"):
        if _FENCE.match(line):
            in_code, current = not in_code, None
            continue
        if in_code or not line.strip() or line.lstrip().startswith("|"):
            continue  # code and table rows are never key points
        item = _ITEM.match(line)
        if item and (current is None or len(item.group("indent")) <= top_indent):
            if current is None:
                current, top_indent = [], len(item.group("indent"))
                lists.append(current)
            current.append(item.group("text"))
        elif current is not None and line.startswith((" ", "\t")):
            if not item:
                current[-1] += " " + line.strip()
        else:
            current = None
            prose.append(line.strip())
    return prose, lists


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _tidy(text: str) -> str:
    return " ".join(_MARKUP.sub("", text).split()).strip(" -:;,")


def _shorten(text: str) -> str:
    """At most MAX_WORDS words: the first sentence, else the first clause, else cut at a word."""
    text = _tidy(text)
    if len(_words(text)) <= MAX_WORDS:
        return text
    for piece in (_SENTENCE_END.split(text)[0], re.split(r";\s+|:\s+", text)[0]):
        if MIN_WORDS <= len(_words(piece)) <= MAX_WORDS:
            return piece.strip()
    return " ".join(text.split()[:MAX_WORDS]) + " ..."


def _sentences(prose: list[str]) -> list[str]:
    return [s for line in prose for s in _SENTENCE_END.split(line) if s.strip()]


def _content(sentence: str) -> int:
    return len({w.lower() for w in _words(sentence) if w.lower() not in _COMMON})


def propose(answer: str) -> Rubric:
    """Key points for `answer`: its main list's items, or a few of its sentences (derived)."""
    prose, lists = _prose_and_lists(answer)
    longest = max(lists, key=len, default=[])
    list_words = sum(len(_words(item)) for item in longest)
    prose_words = sum(len(_words(line)) for line in prose)
    if len(longest) >= 2 and list_words >= prose_words:
        points = tuple(p for p in dict.fromkeys(_shorten(item) for item in longest) if p)
        return Rubric(points, derived=False)
    sentences = _sentences(prose + [item for items in lists for item in items])
    candidates = [
        short
        for sentence in sentences
        if not sentence.rstrip().endswith(":")  # it introduces what follows
        and _content(short := _shorten(sentence)) >= MIN_CONTENT
        and not _POINTLESS.match(short)
    ]
    ranked = sorted(range(len(candidates)), key=lambda i: (-_content(candidates[i]), i))
    chosen = sorted(ranked[:MAX_DERIVED])
    return Rubric(tuple(dict.fromkeys(candidates[i] for i in chosen)), derived=bool(chosen))
