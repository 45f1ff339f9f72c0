"""What the matcher looks for in an answer, per key point: weighted terms. Pure.

A term's weight is how much it tells this point apart:
    rarity in everyday English (wordfreq)  x  rarity across all decks' key points (the corpus)
    x  1/k when k of the card's points use it.
Besides its own terms, a point lends credit to its alternatives: the examples it gives in
parentheses or after "e.g." / "such as" (one of them is enough: "like Hyperband" covers
"early termination (Hyperband, ASHA)"), and the other words of the model-answer sentences that
say the same thing as the point (a sentence goes to the point it shares most weight with).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from nora_cli.coach.contradiction import Roles, card_roles, heading, neighbours, ruled_out
from nora_cli.coach.figures import Figures, figures
from nora_cli.coach.formulas import formulas
from nora_cli.coach.words import (
    Term,
    normalise,
    polarity_keys,
    rarity,
    raw_words,
    sentences,
    terms,
)
from nora_cli.core.models import Card, KeyPoint

EXAMPLE_WEIGHT = 1.0
MODEL_ANSWER_WEIGHT = 0.6
PROMPT_WEIGHT = 0.5
CLAIM_WORDS = 4  # words before a colon that make a claim, not a heading ("Direct injection:")
ALIGNED = 0.1  # the share of a point's weight a model-answer sentence must hold to lend words
EXAMPLES = re.compile(
    r"(?<!\w)\(([^()]*)\)|\b(?:e\.g\.|eg\.|such as|for example|like)\s+([^;:()]*)"
)
OPERATOR = re.compile(r"\s[-*/^<>]\s|[+=]")
RUBRIC_LABEL = re.compile(
    r"^\s*(situation|task|action|result|good reply|worrying reply|follow-up|example)\s*:\s*",
    re.IGNORECASE,
)


@dataclass(frozen=True, eq=False)
class Corpus:
    """How many of all the decks' key points use each term."""

    points: int = 0
    frequency: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, cards: Iterable[Card]) -> Corpus:
        counts: Counter[str] = Counter()
        total = 0
        for card in cards:
            for point in card.key_points:
                counts.update({term.key for term in terms(point.text)})
                total += 1
        return cls(total, dict(counts))

    def specificity(self, key: str) -> float:
        """0.4 (a term in most key points) to 1.0 (a term in none)."""
        if not self.points:
            return 1.0
        idf = math.log((self.points + 1) / (self.frequency.get(key, 0) + 1))
        return 0.4 + 0.6 * idf / math.log(self.points + 1)


@dataclass(frozen=True)
class Profile:
    """A key point as the matcher sees it: term -> (weight, negated in the point)."""

    terms: dict[str, tuple[float, bool]]
    extras: dict[str, tuple[float, bool]]
    match: tuple[str, ...] = ()
    formulas: tuple[str, ...] = ()
    said: frozenset[str] = frozenset()  # every term of the point, its heading and polarity words
    examples: frozenset[str] = frozenset()  # the terms of the examples it gives
    # terms no other point of the card uses: an answer must say one of them (or an example)
    distinctive: frozenset[str] = frozenset()
    roles: Roles = field(default_factory=Roles)  # what the card says of the things it contrasts
    ruled_out: tuple[frozenset[str], ...] = ()  # "not batch statistics"
    near: frozenset[tuple[str, str]] = frozenset()  # (least, recent): see contradiction.opposes
    card_near: frozenset[tuple[str, str]] = frozenset()  # the same, of the whole card
    claim: frozenset[str] = frozenset()  # the terms of its main claim, if it details one
    sequence: tuple[str, ...] = ()  # its terms in the order it says them
    figures: Figures = field(default_factory=dict)  # "about 64%", "probability k/n"
    card_figures: Figures = field(default_factory=dict)  # the figures of all the card's points
    # terms the card itself says under a negation: an answer that negates them denies nothing
    card_negated: frozenset[str] = frozenset()

    @property
    def total(self) -> float:
        return sum(weight for weight, _ in self.terms.values()) or 1.0


def split_examples(text: str) -> tuple[str, str]:
    """(the point without its examples, the examples)."""
    text = RUBRIC_LABEL.sub("", text)
    found = [m for m in EXAMPLES.finditer(text) if not OPERATOR.search(m.group(0))]
    examples = " ; ".join(m.group(1) or m.group(2) or "" for m in found)
    for m in reversed(found):  # a formula's brackets are not examples: "TP / (TP + FN)"
        text = text[: m.start()] + " " + text[m.end() :]
    return text, examples


def main_claim(text: str) -> str:
    """The claim before a colon that details it ("Validate every tool call on the server:
    schema, argument ranges..."), or "" when the words before the colon are only a heading
    ("Direct injection: ...")."""
    claim, colon, _ = split_examples(text)[0].partition(":")
    return claim if colon and len(raw_words(claim)) >= CLAIM_WORDS else ""


def _first(found: Iterable[Term]) -> dict[str, Term]:
    first: dict[str, Term] = {}
    for term in found:
        first.setdefault(term.key, term)
    return first


@lru_cache(maxsize=2048)
def profiles(
    points: tuple[KeyPoint, ...],
    model_answer: str = "",
    corpus: Corpus | None = None,
    prompt: str = "",
    *,
    wrong_claims: bool = False,
) -> tuple[Profile, ...]:
    """The profile of each point of one card. A term of the card's prompt weighs
    PROMPT_WEIGHT of its weight: any answer repeats the question's words.

    With `wrong_claims` the points are a card's pitfalls: each is read whole, its examples
    part of the claim ("an aggregate like purchases in the last 30 days is safe to compute
    once"), and its words of direction kept ("a smaller p-value means a bigger effect"),
    which for key points are left to `coach.contradiction`."""
    corpus = corpus or Corpus.of([_bare(points)])
    parts = [(p.text, "") if wrong_claims else split_examples(p.text) for p in points]
    main = [_first(terms(claim)) for claim, _ in parts]
    examples = [_first(terms(example)) for _, example in parts]
    for index, found in enumerate(examples):
        examples[index] = {k: t for k, t in found.items() if k not in polarity_keys()}
    shared = Counter(key for found in main for key in found)
    asked = {term.key for term in terms(prompt)}

    def weight(term: Term, extra: int = 0) -> float:
        spread = shared.get(term.key, 0) + extra
        damp = PROMPT_WEIGHT if term.key in asked else 1.0
        return damp * rarity(term.word) * corpus.specificity(term.key) / max(1, spread)

    polar = frozenset() if wrong_claims else polarity_keys()
    own = [
        {k: (weight(t), t.negated) for k, t in found.items() if k not in polar} for found in main
    ]
    extras: list[dict[str, tuple[float, bool]]] = [
        {k: (EXAMPLE_WEIGHT * weight(t), t.negated) for k, t in found.items() if k not in mine}
        for found, mine in zip(examples, own, strict=True)
    ]
    for lent, mine in zip(extras, own, strict=True):
        for key in [key for key in mine if re.fullmatch(r"o\([a-z]{3,}\)", key)]:
            for term in terms(key[2:-1]):  # "O(capacity)": "bounded by the capacity"
                lent.setdefault(term.key, (EXAMPLE_WEIGHT * mine[key][0], False))
    for sentence in sentences(model_answer):
        found = _first(terms(sentence))
        best = _best_point(found, own)
        if best is None:
            continue
        for key, term in found.items():
            if key not in own[best] and key not in extras[best] and key not in polar:
                extras[best][key] = (MODEL_ANSWER_WEIGHT * weight(term, 1), term.negated)
    roles = card_roles([p.text for p in points], model_answer, prompt, weight)
    headings = [heading(p.text) for p in points]
    near = [neighbours(terms(split_examples(p.text)[0])) for p in points]
    # What the card itself says, in its points or its model answer, contradicts none of them.
    card_near = frozenset().union(*near, neighbours(terms(model_answer)))
    # A point under a heading the card contrasts ("Worrying reply: only offline metrics") says
    # what a reply sounds like, not what is true: saying its opposite contradicts nothing.
    judged = {key for contrast in roles.contrasts for key in contrast.pair}
    facts = [headings[i] not in judged for i in range(len(points))]
    named = [frozenset({key}) if key else frozenset() for key in headings]
    card_figures = figures(normalise(" ".join(p.text for p in points)), decimals=True)
    card_negated = frozenset(
        term.key
        for text in (*(p.text for p in points), model_answer)
        for term in terms(text)
        if term.negated
    )
    return tuple(
        Profile(
            own[i],
            extras[i],
            p.match,
            formulas(RUBRIC_LABEL.sub("", p.text)),
            frozenset(main[i]) | named[i],
            frozenset(examples[i]),
            frozenset(k for k in own[i] if shared[k] == 1),
            roles,
            ruled_out(terms(split_examples(p.text)[0])) if facts[i] else (),
            near[i] if facts[i] else frozenset(),
            card_near,
            frozenset(t.key for t in terms(main_claim(p.text))) & set(own[i]),
            tuple(t.key for t in terms(RUBRIC_LABEL.sub("", p.text))),
            figures(normalise(split_examples(p.text)[0]), decimals=True),
            card_figures,
            card_negated,
        )
        for i, p in enumerate(points)
    )


def _best_point(found: dict[str, Term], own: Sequence[dict[str, tuple[float, bool]]]) -> int | None:
    """The point a model-answer sentence says most of, if it says enough of one."""
    shares = []
    for index, weights in enumerate(own):
        total = sum(w for w, _ in weights.values()) or 1.0
        shares.append((sum(w for k, (w, _) in weights.items() if k in found) / total, index))
    share, index = max(shares, default=(0.0, 0))
    return index if share >= ALIGNED else None


def _bare(points: tuple[KeyPoint, ...]) -> Card:
    return Card("", "", "", "concept", 1, None, points, "")


COVERED = 0.32  # the share of its weight a window must say to cover a point (`coach.matching`)
ENOUGH = 3.0  # ... of no more than ENOUGH / COVERED: a long point is covered by its main claim


def score(profile: Profile, window: Sequence[Term]) -> tuple[float, int]:
    """(share of the point's weight found in the window, distinct terms found)."""
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
