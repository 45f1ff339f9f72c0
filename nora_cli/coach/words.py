"""From text to the terms the matcher compares: words as typed, their stems, and how much each
one weighs. Pure: snowballstemmer and wordfreq, imported when first needed.

A word is lower-cased, spelled the American way ("optimisation" -> "optimization"), expanded
when it is shorthand ("lr", "w/", "kv": lexicon.ABBREVIATIONS) and stemmed with the Snowball
English stemmer; then a synonym ("cutoff") or phrase ("point in time", "as of") is replaced by
its group's first member ("threshold", "point_in_time"). Big-O forms ("O(n log n)") and numbers
are terms of their own.

A negation ("not", "no", "without", "rather than") governs the next few content words of its
clause, up to a comma ("without a human, the re-contact rate" negates only "human"); a denial
("X isn't a risk", "X is pointless", "X doesn't matter") also governs the subject before it.
"""

from __future__ import annotations

import itertools
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from nora_cli.coach.lexicon import (
    ABBREVIATIONS,
    ANTONYMS,
    COPULAS,
    DENIALS,
    DISMISSING,
    NEGATION_PHRASES,
    NEGATIONS,
    POLARITY,
    PRONOUNS,
    SEVERAL_MEANINGS,
    STOPWORDS,
    SUBORDINATORS,
    SYNONYMS,
    wordset,
)

UNICODE = str.maketrans(
    {"\u2212": "-", "\u2013": "-", "\u2014": "-", "\u00d7": "*", "\u2019": "'", "\u2018": "'"}
)
BIG_O = re.compile(r"\bo\(\s*([^()]{1,16}?)\s*\)")
WORD = re.compile(r"a/b|w/o?|b/c|o\([^()]{1,16}\)|[a-z0-9]+(?:[./][0-9]+)?(?:'[a-z]+)?")
CLAUSE_BREAK = re.compile(  # captured: a clause joined by "->" stays one part
    r"([.!?](?=\s|$)|[;:\n]+|,\s*(?:but|while|whereas|although)\b|\bbut\b|->)"
)
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\n+")
NEGATION_SCOPE = 4  # content words after "not", "never", "no"... that the negation governs
SUBJECT_SCOPE = 3  # content words before "isn't", "is pointless"... that the denial governs
BRITISH = re.compile(r"(?<=[a-z]{3})is(e|ed|es|ing|ation|ations|er|ers)$")
BRITISH_EXCEPTIONS = wordset(
    "advise advised exercise exercises promise promised premise premises expertise precise "
    "concise supervise supervised surprise surprised compromise enterprise noise raise raised "
    "rise otherwise likewise paradise franchise revise revised devise devised"
)
OUR = re.compile(r"(?<=[a-z]{3})our(s|ed|ing|ite|ites)?$")


GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])")  # 20,000
SCALED = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s?([km])\b")  # 20k, 1.5m
BETWEEN_AMOUNTS = re.compile(r"(?<=\d)/(?=\d{3})|(?<=\d{3})/(?=\d)")  # 20000/60000
UNIT = re.compile(r"(?<=\d)(?=(?:gb|mb|tb|ms)\b)")  # 16gb
DIGIT = re.compile(r"\d")


def _numbers(text: str) -> str:
    """One way to write an amount: "$20,000", "20k" and "20000" are all "20000"; "16GB" is
    "16 gb"; "20k/60k" is two amounts."""

    def scaled(found: re.Match[str]) -> str:
        value = float(found[1]) * (1_000 if found[2] == "k" else 1_000_000)
        return f"{value:.0f}" if value.is_integer() else f"{value:g}"

    if not DIGIT.search(text):
        return text  # most text has no amount in it
    text = GROUPED.sub(lambda found: found[0].replace(",", ""), text)
    text = SCALED.sub(scaled, text)
    return UNIT.sub(" ", BETWEEN_AMOUNTS.sub(" / ", text))


# "Type I" and "type 1" errors: one word each, so "I" is not read as the pronoun.
ERROR_TYPE = re.compile(r"\b[Tt]ype[ -]?(III|II|I|3|2|1)\b")
ROMAN = {"I": "1", "II": "2", "III": "3"}


def normalise(text: str) -> str:
    """Lower case, plain punctuation, one way to write an amount and an error type."""
    typed = ERROR_TYPE.sub(lambda m: f"type{ROMAN.get(m.group(1), m.group(1))}", text)
    return _numbers(typed.translate(UNICODE).lower())


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
    """Big-O forms as one word: "O( n log n )" -> "o(n_log_n)", "O(cap)" -> "o(capacity)"."""

    def spelled(found: re.Match[str]) -> str:
        def expand(word: re.Match[str]) -> str:
            expanded = ABBREVIATIONS.get(word[0], word[0])
            return word[0] if " " in expanded else expanded

        inside = re.sub(r"[a-z]{2,}", expand, found[1])
        return "o(" + re.sub(r"\s+", "_", inside) + ")"

    return BIG_O.sub(spelled, text)


def raw_words(text: str) -> list[str]:
    """The words of a text, lower-cased, in order (shorthand not yet expanded)."""
    return WORD.findall(_big_o(normalise(text)))


@lru_cache(maxsize=1)
def _synonyms() -> tuple[dict[str, str], dict[tuple[str, ...], str]]:
    """(word stem -> canonical key, phrase stems -> canonical key). A phrase keeps its
    stopwords ("point in time", "as of"); the canonical key is the group's first member.
    The expansions of shorthand are phrases too."""
    words: dict[str, str] = {}
    phrases: dict[tuple[str, ...], str] = {}
    for group in SYNONYMS:
        members = group.split()
        canonical = "_".join(_stems_of(members[0].replace("_", " ")))
        for member in members:
            stems = _stems_of(member.replace("_", " "))
            if len(stems) == 1:
                words.setdefault(stems[0], canonical)
            elif stems:
                phrases.setdefault(stems, canonical)
    # A shorthand names one thing: its expansion is one term, however it is written ("SGD",
    # "stochastic gradient descent"), so its words do not each count as said. One built from
    # a phrase ("false positive rate") stays that phrase and a word, in any order.
    for short, long in ABBREVIATIONS.items():
        stems = _stems_of(long)
        built = any(stems[i : i + n] in phrases for n in (2, 3) for i in range(len(stems)))
        if len(stems) > 1 and "/" not in long and short not in SEVERAL_MEANINGS and not built:
            phrases.setdefault(stems, "_".join(stems))
    return words, phrases


def _stems_of(text: str) -> tuple[str, ...]:
    return tuple(stem(word) for word in raw_words(text))


@dataclass(frozen=True)
class Term:
    """One content term of a text: its canonical stem, the word it came from, where it stands,
    its sentence, whether a negation governs it, its clause, and the part of the clause between
    commas ("a -> b" is one clause and one part)."""

    key: str
    word: str
    position: int
    sentence: int
    negated: bool
    part: int = 0
    clause: int = 0


@dataclass
class _Token:
    word: str
    stem: str
    stop: bool
    negated: bool
    part: int


def _tokens(clause: str, part: int) -> list[_Token]:
    """A clause's words, shorthand expanded, each marked as a stopword or not, as negated or
    not, and with its part (numbered from `part`, one more after each comma)."""
    tokens: list[_Token] = []
    previous = ""
    for offset, piece in enumerate(clause.split(",")):
        subject: list[_Token] = []  # the words since the last "so", "that", "because"...
        scope = 0
        for word in raw_words(piece):
            previous, pair = word, (previous, word)
            if word in SUBORDINATORS or word in PRONOUNS:
                subject = []
            if _denies(pair):  # "shadow mode is pointless": its subject is denied too
                for token in [t for t in subject if not t.stop][-SUBJECT_SCOPE:]:
                    token.negated = True
            if negation(word) or pair in NEGATION_PHRASES:
                scope = NEGATION_SCOPE
                continue
            for word_part in ABBREVIATIONS.get(word, word).split():
                stop = word_part in STOPWORDS
                tokens.append(_Token(word_part, stem(word_part), stop, scope > 0, part + offset))
                subject.append(tokens[-1])
                if not stop:
                    scope = max(0, scope - 1)
    return tokens


def negation(word: str) -> bool:
    """Whether a word negates what follows it: "not", "never", "without", "doesn't"..."""
    return word in NEGATIONS or word.endswith("n't")


def _denies(pair: tuple[str, str]) -> bool:
    """Whether a clause denies its subject here: "X isn't a risk", "X is not needed", "X is
    pointless", "X doesn't matter", "X doesn't need a data reference"."""
    before, word = pair
    return (
        word in DENIALS
        or (word in ("not", "never") and before in COPULAS)
        or (word in DISMISSING and before.endswith("n't"))
    )


@lru_cache(maxsize=1)
def _phrase_starts() -> frozenset[str]:
    """The stems synonym phrases start with."""
    return frozenset(phrase[0] for phrase in _synonyms()[1])


def _phrase_at(tokens: list[_Token], index: int) -> tuple[str, int] | None:
    """(canonical key, tokens used) of a synonym phrase starting at tokens[index]: all its words
    in a row, or its content words with stopwords between them ("roll it back")."""
    _, phrases = _synonyms()
    if tokens[index].stem not in _phrase_starts():
        return None  # most words start no phrase: the common case, answered at once
    for size in (4, 3, 2):
        found = tuple(token.stem for token in tokens[index : index + size])
        if len(found) == size and found in phrases:
            return phrases[found], size
    if tokens[index].stop:
        return None
    following = (i for i in range(index, len(tokens)) if not tokens[i].stop)
    content = list(itertools.islice(following, 3))
    for size in (3, 2):
        found = tuple(tokens[i].stem for i in content[:size])
        if len(found) < size or found not in phrases:
            continue
        end = content[size - 1] + 1
        if not any(token.word in COPULAS for token in tokens[index:end]):  # "memory is bounded"
            return phrases[found], end - index
    return None


@lru_cache(maxsize=4096)
def terms(text: str) -> tuple[Term, ...]:
    """The content terms of a text in order: shorthand expanded, stemmed, synonyms joined."""
    words, _ = _synonyms()
    found: list[Term] = []
    position = 0
    part = clause_number = -1
    for number, sentence in enumerate(SENTENCE_BREAK.split(normalise(text))):
        chunks = CLAUSE_BREAK.split(sentence)  # clause, break, clause, break...
        for at in range(0, len(chunks), 2):
            clause = chunks[at]
            if not at or chunks[at - 1] != "->":
                part, clause_number = part + 1, clause_number + 1
            tokens = _tokens(clause, part)
            part += clause.count(",")
            index = 0
            while index < len(tokens):
                token = tokens[index]
                phrase = _phrase_at(tokens, index)
                if phrase is None and token.stop:
                    index += 1
                    continue
                key, size = phrase or (words.get(token.stem, token.stem), 1)
                content = [t for t in tokens[index : index + size] if not t.stop] or [token]
                said = content[0]
                found.append(
                    Term(
                        key,
                        " ".join(t.word for t in content),
                        position,
                        number,
                        said.negated,
                        said.part,
                        clause_number,
                    )
                )
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

    def key(word: str) -> str:  # "memory_bound" is a phrase; "with" a stopword, kept here
        found = terms(word.replace("_", " "))
        return found[0].key if len(found) == 1 else words.get(stem(word), stem(word))

    found: dict[str, set[str]] = {}
    for pair in ANTONYMS:
        one, other = (key(word) for word in pair.split())
        found.setdefault(one, set()).add(other)
        found.setdefault(other, set()).add(one)
    return {key: frozenset(values) for key, values in found.items()}


@lru_cache(maxsize=1)
def polarity_keys() -> frozenset[str]:
    """The keys of lexicon.POLARITY: kept for the opposites check, never weighed."""
    words, _ = _synonyms()
    return frozenset(words.get(stem(word), stem(word)) for word in POLARITY)
