"""From text to the terms the matcher compares: words as typed, their stems, and how much each
one weighs. Pure: snowballstemmer and wordfreq, imported when first needed.

A word is lower-cased, spelled the American way ("optimisation" -> "optimization"), expanded
when it is shorthand ("lr", "w/", "kv": lexicon.ABBREVIATIONS) and stemmed with the Snowball
English stemmer; then a synonym ("cutoff") is replaced by its group's first member
("threshold"). Big-O forms ("O(n log n)") and numbers are terms of their own.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from nora_cli.coach.lexicon import (
    ABBREVIATIONS,
    ANTONYMS,
    NEGATIONS,
    POLARITY,
    STOPWORDS,
    SYNONYMS,
    wordset,
)

UNICODE = str.maketrans(
    {"\u2212": "-", "\u2013": "-", "\u2014": "-", "\u00d7": "*", "\u2019": "'", "\u2018": "'"}
)
BIG_O = re.compile(r"\bo\(\s*([^()]{1,16}?)\s*\)")
WORD = re.compile(r"a/b|w/o?|b/c|o\([^()]{1,16}\)|[a-z0-9]+(?:[./][0-9]+)?(?:'[a-z]+)?")
CLAUSE_BREAK = re.compile(r"[.!?](?=\s|$)|[;:\n]+|,\s*(?:but|while|whereas|although)\b|\bbut\b|->")
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\n+")
NEGATION_SCOPE = 4  # content words after "not", "never", "no"... that the negation governs
BRITISH = re.compile(r"(?<=[a-z]{3})is(e|ed|es|ing|ation|ations|er|ers)$")
BRITISH_EXCEPTIONS = wordset(
    "advise advised exercise exercises promise promised premise premises expertise precise "
    "concise supervise supervised surprise surprised compromise enterprise noise raise raised "
    "rise otherwise likewise paradise franchise revise revised devise devised"
)
OUR = re.compile(r"(?<=[a-z]{3})our(s|ed|ing|ite|ites)?$")


def normalise(text: str) -> str:
    return text.translate(UNICODE).lower()


def american(word: str) -> str:
    """One spelling per word: "normalise" -> "normalize", "favour" -> "favor",
    "modelling" -> "modeling"."""
    if word not in BRITISH_EXCEPTIONS:
        word = BRITISH.sub(lambda m: "iz" + m.group(1), word)
    if word not in ("detour", "contour", "devour"):
        word = OUR.sub(lambda m: "or" + (m.group(1) or ""), word)
    return re.sub(r"(?<=[aeiou][a-z])ll(ing|ed|er)$", r"l\1", word)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball English stem of a word, spelled the American way; numbers and big-O forms
    are kept as they are."""
    if word[0].isdigit() or word.startswith("o(") or len(word) <= 2:
        return word
    spelled = american(word.removesuffix("'s"))
    with _STEMMER_LOCK:  # a Snowball stemmer keeps state while it works: one word at a time
        return str(_stemmer().stemWord(spelled))


_STEMMER_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer("english")


def _big_o(text: str) -> str:
    return BIG_O.sub(lambda m: "o(" + re.sub(r"\s+", "_", m.group(1)) + ")", text)


def raw_words(text: str) -> list[str]:
    """The words of a text, lower-cased, in order (shorthand not yet expanded)."""
    return WORD.findall(_big_o(normalise(text)))


@lru_cache(maxsize=1)
def _synonyms() -> tuple[dict[str, str], dict[tuple[str, ...], str]]:
    words: dict[str, str] = {}
    phrases: dict[tuple[str, ...], str] = {}
    for group in SYNONYMS:
        members = group.split()
        head = _stems_of(members[0].replace("_", " "))
        canonical = "_".join(head)
        for member in members:
            stems = _stems_of(member.replace("_", " "))
            if len(stems) == 1:
                words.setdefault(stems[0], canonical)
            elif stems:
                phrases.setdefault(tuple(stems), canonical)
    return words, phrases


def _stems_of(text: str) -> tuple[str, ...]:
    return tuple(stem(word) for word in raw_words(text) if word not in STOPWORDS)


@dataclass(frozen=True)
class Term:
    """One content term of a text: its canonical stem, the word it came from, where it stands,
    its sentence, and whether a negation governs its clause."""

    key: str
    word: str
    position: int
    sentence: int
    negated: bool


@lru_cache(maxsize=4096)
def terms(text: str) -> tuple[Term, ...]:
    """The content terms of a text in order: shorthand expanded, stemmed, synonyms joined."""
    words, phrases = _synonyms()
    found: list[Term] = []
    position = 0
    for number, sentence in enumerate(SENTENCE_BREAK.split(normalise(text))):
        for clause in CLAUSE_BREAK.split(sentence):
            parts: list[str] = []
            scoped: list[bool] = []
            scope = 0
            for word in raw_words(clause):
                if word in NEGATIONS or word.endswith("n't"):
                    scope = NEGATION_SCOPE
                    continue
                for part in ABBREVIATIONS.get(word, word).split():
                    if part not in STOPWORDS:
                        parts.append(part)
                        scoped.append(scope > 0)
                        scope = max(0, scope - 1)
            stems = [stem(part) for part in parts]
            index = 0
            while index < len(stems):
                size = next((n for n in (3, 2) if tuple(stems[index : index + n]) in phrases), 0)
                if size:
                    key = phrases[tuple(stems[index : index + size])]
                else:
                    key, size = words.get(stems[index], stems[index]), 1
                found.append(Term(key, parts[index], position, number, scoped[index]))
                position += 1
                index += size
    return tuple(found)


def keys(text: str) -> frozenset[str]:
    return frozenset(term.key for term in terms(text))


@lru_cache(maxsize=65536)
def rarity(word: str) -> float:
    """0.15 (an everyday English word such as "time" or "make") to 1.0 (a rare one such as
    "bonferroni"), from wordfreq's Zipf frequency of the word."""
    if len(word) == 1:
        return 0.3  # a variable name or a digit: "k", "p", "1"
    if word[0].isdigit() or word.startswith("o(") or len(word) == 2:
        return 1.0
    from wordfreq import zipf_frequency

    return max(0.15, min(1.0, (6.5 - zipf_frequency(word, "en")) / 3.5))


def sentences(text: str) -> list[str]:
    return [part for part in SENTENCE_BREAK.split(text.strip()) if part.strip()]


@lru_cache(maxsize=1)
def opposites() -> dict[str, frozenset[str]]:
    """Canonical term -> the terms that say its opposite (lexicon.ANTONYMS)."""
    words, _ = _synonyms()
    found: dict[str, set[str]] = {}
    for pair in ANTONYMS:
        one, other = (words.get(stem(w), stem(w)) for w in pair.split())
        found.setdefault(one, set()).add(other)
        found.setdefault(other, set()).add(one)
    return {key: frozenset(values) for key, values in found.items()}


@lru_cache(maxsize=1)
def polarity_keys() -> frozenset[str]:
    """The keys of lexicon.POLARITY: kept for the opposites check, never weighed."""
    words, _ = _synonyms()
    return frozenset(words.get(stem(word), stem(word)) for word in POLARITY)
