"""Matching a typed answer against key points and terms. Pure: standard library only.

Words. Text is lower-cased and split into words. Each word is lightly stemmed (plural, -ed and
-ing endings and -ation/-ization endings reduced, doubled consonants undoubled, a final "e"
dropped), so "Thresholds", "thresholding" and "threshold" are the same word. Stopwords and rubric
words ("names", "explains", "e.g.") are ignored; the words left are the *significant* words.

Terms. A term such as "false positive rate" is found in an answer when all its significant words
occur close together, in any order: within a window of len(words) + 3 significant words of the
answer. A formula such as "TP / (TP + FP)" is also found when the answer writes it with any
spacing and case ("tp/(tp+fp)"). A term made only of common words ("won't ask for more") must
appear as written; a symbol ("%") must appear anywhere.

Coverage. A key point with its own `match` terms is covered when any of them is found. A key
point without them is judged on terms derived from its text, after dropping a leading rubric
label ("Result:", "Good reply:"):

* it is covered when one of its formulas is found; otherwise
* the answer must hold at least two of its significant words (one, if it has only one), and
  those words must carry at least half of the point's weight, where a word that k key points of
  the same card share weighs 1/k; and one of the words found must be among the point's rarest
  (its highest weight). So a point is credited for what sets it apart from the other points: a
  precision-only answer does not cover the recall point just because both mention TP.

An empty or whitespace answer covers nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from nora_cli.core.models import KeyPoint


def wordset(text: str) -> frozenset[str]:
    """The whitespace-separated words of a word list."""
    return frozenset(text.split())


WINDOW_SLACK = 3
THRESHOLD = 0.5

STOPWORDS = wordset(
    """
    a about above after again against all almost also although always am among an and another
    any are aren't around as at be because been before being below between both but by can
    cannot can't could couldn't did didn't do does doesn't doing don't down during each either
    else enough etc even ever every few for from further get gets got had hadn't has hasn't have
    haven't having he her here hers herself him himself his how however i i'd i'll i'm i've if
    in into is isn't it it's its itself just least less let let's many may me might more most
    much must mustn't my myself neither never no nor not now of off often on once one only onto
    or other others otherwise our ours ourselves out over own per perhaps quite rather really
    same shall she should shouldn't since so some such than that that's the their theirs them
    themselves then there there's these they they'd they'll they're they've this those though
    through thus to too toward towards under until up upon us usually very via was wasn't we
    we'd we'll we're we've well were weren't what what's when where whether which while who
    whom whose why will with within without won't would wouldn't yet you you'd you'll you're
    you've your yours yourself yourselves
    able already based come comes done eg e.g ie i.e give gives given go goes going good just
    keep keeps kept know like make makes making mean means need needs say says said see seen
    take takes thing things use used uses using want way ways
    answer answers candidate clear clearly concrete describe describes explain explains example
    examples instead mention mentions name names point points show shows specific state states
    talk talks what's you asks ask uncovers knows named includes notes
    """
)
RUBRIC_LABEL = re.compile(
    r"^\s*(situation|task|action|result|good reply|worrying reply|follow-up|example)\s*:\s*",
    re.IGNORECASE,
)
TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
WORD_OR_MARK = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?|[^\sA-Za-z0-9]")
KEEP_FINAL_S = frozenset({"bias", "alias", "canvas", "atlas", "gas", "lens", "news", "always"})
UNICODE = str.maketrans({"\u2212": "-", "\u2013": "-", "\u00d7": "*", "\u2019": "'", "\u2018": "'"})

OPERAND = r"[\w@.^|'\[\]()]+"
FORMULA = re.compile(rf"{OPERAND}(?:\s*[-+*/^=<>]+\s*{OPERAND})+")
OPERATORS = re.compile(r"[-+*/^]")


# --- words -----------------------------------------------------------------------------------


def stem(word: str) -> str:
    """A light stem: enough to join plurals and simple inflections, not a full Porter stemmer."""
    word = word.removesuffix("'s")
    if len(word) <= 3 or word.isdigit():
        return word
    word = _strip_plural(word)
    for old, new in (("ization", "iz"), ("isation", "iz"), ("ation", "at"), ("ied", "y")):
        if word.endswith(old) and len(word) > len(old) + 2:
            return word[: -len(old)] + new
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]
            break
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


def _strip_plural(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and word not in KEEP_FINAL_S:
        return word[:-1]
    return word


def normalise(text: str) -> str:
    return text.translate(UNICODE).lower()


def tokens(text: str) -> list[str]:
    """Lower-case words of the text, in order, numbers included."""
    return TOKEN.findall(normalise(text))


def is_significant(word: str) -> bool:
    return len(word) > 1 and word not in STOPWORDS


def significant_stems(text: str) -> list[str]:
    """The stems of the text's significant words, in order, repeats kept."""
    return [stem(word) for word in tokens(text) if is_significant(word)]


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


@lru_cache(maxsize=8192)
def _term_stems(term: str) -> tuple[str, ...]:
    """The distinct significant stems of a term, in order."""
    return tuple(_unique(significant_stems(term)))


# --- formulas --------------------------------------------------------------------------------


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", normalise(text))


def _is_formula(part: str) -> bool:
    balanced = part.count("(") == part.count(")") and part.count("[") == part.count("]")
    operators = len(OPERATORS.findall(part))
    return balanced and (operators >= 2 or (operators >= 1 and "(" in part))


def formula_spans(text: str) -> list[str]:
    """Formulas in the text, as written: "Precision = TP / (TP + FP)"."""
    spans = []
    for found in FORMULA.finditer(text):
        span = found.group(0).rstrip(".")
        if any(_is_formula(part) for part in span.split("=")):
            spans.append(span)
    return spans


@lru_cache(maxsize=8192)
def formulas(text: str) -> tuple[str, ...]:
    """The text's formulas, each side of an "=" on its own, compacted: "tp/(tp+fp)"."""
    found = []
    for span in formula_spans(text):
        for part in span.split("="):
            compact = _compact(part).strip("<>")
            if _is_formula(part) and len(compact) >= 5:
                found.append(compact)
    return tuple(_unique(found))


# --- finding terms in an answer --------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    """An answer ready for matching: its words, significant stems by position, compact text."""

    words: tuple[str, ...]
    positions: dict[str, list[int]]
    compact: str

    @classmethod
    def of(cls, text: str) -> Answer:
        positions: dict[str, list[int]] = {}
        for index, word in enumerate(significant_stems(text)):
            positions.setdefault(word, []).append(index)
        return cls(tuple(tokens(text)), positions, _compact(text))

    def has(self, word: str) -> bool:
        return word in self.positions

    def finds(self, term: str) -> bool:
        """Whether the term (a phrase, a formula or a symbol such as "%") occurs in the answer."""
        if not self.words:
            return False
        if any(formula in self.compact for formula in formulas(term)):
            return True
        stems = _term_stems(term)
        if stems:
            return self._near(stems)
        phrase = tuple(tokens(term))
        if phrase:
            size = len(phrase)
            return any(self.words[i : i + size] == phrase for i in range(len(self.words)))
        return bool(_compact(term)) and _compact(term) in self.compact

    def _near(self, stems: tuple[str, ...]) -> bool:
        """All the stems within a window of len(stems) + WINDOW_SLACK significant words."""
        if not all(self.has(word) for word in stems):
            return False
        hits = sorted((pos, word) for word in stems for pos in self.positions[word])
        counts: Counter[str] = Counter()
        start = 0
        for pos, word in hits:
            counts[word] += 1
            while counts[hits[start][1]] > 1:
                counts[hits[start][1]] -= 1
                start += 1
            if len(counts) == len(stems) and pos - hits[start][0] < len(stems) + WINDOW_SLACK:
                return True
        return False


# --- key points ------------------------------------------------------------------------------


def point_text(point: KeyPoint) -> str:
    return RUBRIC_LABEL.sub("", point.text)


@lru_cache(maxsize=8192)
def _point_words(point: KeyPoint) -> tuple[str, ...]:
    return _term_stems(point_text(point))


def match_terms(point: KeyPoint) -> tuple[str, ...]:
    """The point's own `match` terms if any, else its formulas and significant words."""
    if point.match:
        return point.match
    text = point_text(point)
    words: dict[str, str] = {}
    for word in tokens(text):
        if is_significant(word):
            words.setdefault(stem(word), word)
    return (*formulas(text), *words.values())


def _word_weights(points: Sequence[KeyPoint]) -> dict[str, float]:
    """1/k for a word that k of the card's key points use."""
    shared = Counter(word for point in points for word in _point_words(point))
    return {word: 1 / count for word, count in shared.items()}


def _derived_covered(answer: Answer, point: KeyPoint, weights: dict[str, float]) -> bool:
    """The rule for a point without `match` terms (see the module docstring)."""
    if any(formula in answer.compact for formula in formulas(point_text(point))):
        return True
    words = _point_words(point)
    hits = [word for word in words if answer.has(word)]
    if not hits or len(hits) < min(2, len(words)):
        return False
    rarest = max(weights[word] for word in words)
    if all(weights[word] < rarest for word in hits):
        return False
    return sum(weights[word] for word in hits) >= THRESHOLD * sum(weights[w] for w in words)


def covered_points(answer: str, points: Sequence[KeyPoint]) -> tuple[int, ...]:
    """Indices of the key points the answer covers (see the module docstring for the rule)."""
    prepared = Answer.of(answer)
    if not prepared.words:
        return ()
    weights = _word_weights(points)
    covered = []
    for index, point in enumerate(points):
        if point.match:
            hit = any(prepared.finds(term) for term in point.match)
        else:
            hit = _derived_covered(prepared, point, weights)
        if hit:
            covered.append(index)
    return tuple(covered)


# --- vocabulary terms in an answer ----------------------------------------------------------


def found_terms(answer: str, vocabulary: Sequence[str]) -> tuple[str, ...]:
    """The vocabulary terms the answer uses, in vocabulary order."""
    prepared = Answer.of(answer)
    return tuple(term for term in vocabulary if prepared.finds(term))
