"""Which key points a typed answer covers. Pure: words come from `coach.words`.

Each key point becomes a profile of weighted terms (`coach.profile`): the content words of its
own text, the examples it gives in parentheses, and the wording of the model-answer sentences
that say the same thing. A point is covered when

* one of its `match` terms is found (all the term's words within a few words of each other),
  one of its formulas ("TP / (TP + FP)", any spacing), or all its big-O forms; or
* within one or two adjacent sentences of the answer, the point's terms that are found carry
  at least COVERED of its own terms' weight (an example or model-answer wording counts at its
  lower weight), at least two terms are found (one, for a one-term point), and a term counts
  only when its clause is negated exactly as in the point ("I would not use a holdout" does not
  cover "use a holdout").

An empty or whitespace answer covers nothing.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from nora_cli.coach.profile import Corpus, Profile, profiles
from nora_cli.coach.words import Term, normalise, opposites, terms
from nora_cli.core.models import KeyPoint

COVERED = 0.4
ENOUGH = 3.0
WINDOW_SLACK = 3
RUBRIC_LABEL = re.compile(
    r"^\s*(situation|task|action|result|good reply|worrying reply|follow-up|example)\s*:\s*",
    re.IGNORECASE,
)

OPERAND = r"[\w@.^|'\[\]()]+"
FORMULA = re.compile(rf"{OPERAND}(?:\s*[-+*/^=<>]+\s*{OPERAND})+")
OPERATORS = re.compile(r"[-+*/^]")


def point_text(point: KeyPoint) -> str:
    return RUBRIC_LABEL.sub("", point.text)


# --- formulas --------------------------------------------------------------------------------


def compact(text: str) -> str:
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
            form = compact(part).strip("<>")
            if _is_formula(part) and len(form) >= 5:
                found.append(form)
    return tuple(dict.fromkeys(found))


# --- an answer -------------------------------------------------------------------------------


class Answer:
    """An answer ready for matching: its terms by sentence, and its compact text."""

    def __init__(self, text: str) -> None:
        self.terms = terms(text)
        self.compact = compact(text)
        self.positions: dict[str, list[tuple[int, bool]]] = {}
        for term in self.terms:
            self.positions.setdefault(term.key, []).append((term.position, term.negated))
        by_sentence: dict[int, list[Term]] = {}
        for term in self.terms:
            by_sentence.setdefault(term.sentence, []).append(term)
        ordered = [by_sentence[n] for n in sorted(by_sentence)]
        # Windows of one and of two adjacent sentences; a short answer is one window.
        self.windows = [*ordered, *(a + b for a, b in itertools.pairwise(ordered))]

    @property
    def empty(self) -> bool:
        return not self.terms and not self.compact

    def finds(self, term: str) -> bool:
        """Whether a phrase, formula or symbol ("%") occurs: a phrase's words close together."""
        if any(form in self.compact for form in formulas(term)):
            return True
        found = terms(term)
        wanted = list(dict.fromkeys(t.key for t in found))
        if not wanted:
            return bool(compact(term)) and compact(term) in self.compact
        return self._near(wanted, any(t.negated for t in found))

    def _near(self, wanted: list[str], negated: bool) -> bool:
        """All the terms within len(wanted) + WINDOW_SLACK positions of each other, in clauses
        negated as the term is."""
        if not all(key in self.positions for key in wanted):
            return False
        hits = sorted(
            (pos, key)
            for key in wanted
            for pos, is_negated in self.positions[key]
            if is_negated == negated
        )
        counts: Counter[str] = Counter()
        start = 0
        for pos, key in hits:
            counts[key] += 1
            while counts[hits[start][1]] > 1:
                counts[hits[start][1]] -= 1
                start += 1
            if len(counts) == len(wanted) and pos - hits[start][0] < len(wanted) + WINDOW_SLACK:
                return True
        return False


# --- coverage --------------------------------------------------------------------------------


def contradicts(profile: Profile, window: Sequence[Term]) -> bool:
    """The window says the opposite of one of the point's terms and never the term itself."""
    said = {term.key for term in window}
    contrary = opposites()
    return any(
        key not in said and (contrary.get(key, frozenset()) & said) - profile.said
        for key in profile.said
    )


def score(profile: Profile, window: Sequence[Term]) -> tuple[float, int]:
    """(share of the point's weight found in the window, distinct terms found)."""
    if contradicts(profile, window):
        return 0.0, 0
    seen = {(term.key, term.negated) for term in window}
    credit: dict[str, float] = {}
    for key, (weight, negated) in profile.terms.items():
        if (key, negated) in seen:
            credit[key] = weight
    # One of the point's own distinctive terms (or one of its examples) must be said: words
    # the card's other points share, or the model answer's wording alone, are not enough.
    anchors = profile.distinctive or frozenset(profile.terms)
    if not anchors & set(credit) and not profile.examples & {key for key, _ in seen}:
        return 0.0, 0
    for key, (weight, negated) in profile.extras.items():
        if key not in credit and (key, negated) in seen:
            credit[key] = weight
    # A long point (a design step listing many parts) is covered by its main claim and an
    # example or two: the weight needed is capped at ENOUGH.
    return min(1.0, sum(credit.values()) / min(profile.total, ENOUGH / COVERED)), len(credit)


def covers(answer: Answer, profile: Profile) -> bool:
    if any(answer.finds(term) for term in profile.match):
        return True
    if any(form in answer.compact for form in profile.formulas):
        return True
    big_o = {key for key in profile.terms if key.startswith("o(")}
    if big_o and big_o <= {term.key for term in answer.terms if not term.negated}:
        return True  # "O(n)." says "O(n) time and space"
    needed = min(2, len(profile.terms))
    for window in answer.windows:
        share, found = score(profile, window)
        if share >= COVERED and found >= needed:
            return True
    return False


def covered_points(
    answer: str,
    points: Sequence[KeyPoint],
    *,
    model_answer: str = "",
    corpus: Corpus | None = None,
    prompt: str = "",
) -> tuple[int, ...]:
    """Indices of the key points the answer covers (see the module docstring for the rule).

    `model_answer` is the card's own answer, whose sentences lend each point their wording;
    `corpus` weighs each term by how rare it is across all decks (by default: these points);
    `prompt` is the question, whose words weigh less."""
    prepared = Answer(answer)
    if prepared.empty:
        return ()
    found = profiles(tuple(points), model_answer, corpus, prompt)
    return tuple(i for i, profile in enumerate(found) if covers(prepared, profile))


def found_terms(answer: str, vocabulary: Sequence[str]) -> tuple[str, ...]:
    """The vocabulary terms the answer uses, in vocabulary order."""
    prepared = Answer(answer)
    return tuple(term for term in vocabulary if prepared.finds(term))
