"""Immediate offline feedback on a typed answer. Pure: no network, no model, standard library only.

The public entry: analyse() gathers key-point coverage (nora_cli.coach.matching), fillers, the STAR
check and design steps (nora_cli.coach.speech), the category vocabulary the answer used, and at most
three suggestions, into one Feedback.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from typing import Any

from nora_cli.coach.matching import (
    RUBRIC_LABEL,
    UNICODE,
    WORD_OR_MARK,
    covered_points,
    formula_spans,
    found_terms,
    is_significant,
    match_terms,
    point_text,
    stem,
    tokens,
    wordset,
)
from nora_cli.coach.speech import StarCheck, count_fillers, design_steps, star_check
from nora_cli.core.models import Card, KeyPoint

__all__ = [
    "Feedback",
    "StarCheck",
    "analyse",
    "category_vocabulary",
    "count_fillers",
    "covered_points",
    "design_steps",
    "found_terms",
    "match_terms",
    "star_check",
    "suggestions_for",
]

WORDS_PER_MINUTE = 150
MAX_SUGGESTIONS = 3
FILLERS_WORTH_A_SUGGESTION = 3
VOCABULARY_SIZE = 60
STAR_LABEL = re.compile(r"^\s*(?:situation|task|action|result)\s*:", re.IGNORECASE)


# --- category vocabulary ---------------------------------------------------------------------

META_TAGS = ("guide", "company:", "track:", "level:")
COMMON_WORDS = wordset(
    """
    across actual add added adds affect affected again ahead allow allows apply approach area
    avoid back bad behind better big call can case cases change changed changes check checks
    choose chosen clear close common compare compute consider correct count current day days
    decide decided define defined depend depends detail details differ different divide divided
    does done early easy end enough equal equally estimate exact expect expected explain fact far
    few figure find fine first fit five fixed following four full general good great group half
    hard help high higher hold important include increase issue keep keeping kind large larger
    last later lead least level likely long look lot low lower main matter measurable measure
    might move multi never new next non number often old open order outcome output part
    percentage perfect person place plus possible practice present problem process put quick
    quickly real reason report reports right run same second set several short side simple
    single small something sometimes start stay stays step still sure tell think third three
    time today together top total turn turns two type until useful value whole wide work works
    worse wrong year years zero saved saves save best less more most many much cares
    unlike treat treats considers matters grow grows skip skips shrink shrinks represent
    affects times nothing read ends write known human load path code context control volume
    variables valid period events observed chance advance reverse extreme procedure correctly
    firm applied closing numbers amount date leave company took worked ran turned compared chose
    performed proposed acting personally safe recur lasting credits fix cut vs pre processes
    ordered groups moving equals weights relative counts cells inputs draws
    clarifies smaller puts catches recognizes inventing arguing defers specifics comparing
    mattered reach prevents links pairs someone nobody people
    """
)


def _card_text(card: Card) -> str:
    tags = [tag.replace("-", " ") for tag in card.tags if not tag.startswith(META_TAGS)]
    points = [point_text(point) for point in card.key_points]
    return "\n".join([card.prompt, *points, *tags])


@lru_cache(maxsize=4096)
def _card_terms(card: Card) -> tuple[tuple[str, str], ...]:
    """(key, as shown) for each domain word of the card (key: its stem) and each adjacent pair
    of them ("class imbalance")."""
    terms: list[tuple[str, str]] = []
    for line in _card_text(card).splitlines():
        previous: tuple[str, str] | None = None
        for raw in WORD_OR_MARK.findall(line.translate(UNICODE)):
            word = raw.lower()
            if not is_significant(word) or word.isdigit() or word in COMMON_WORDS:
                previous = None
                continue
            key, shown = stem(word), raw if raw.isupper() and len(raw) > 1 else word
            terms.append((key, shown))
            if previous:
                terms.append((f"{previous[0]} {key}", f"{previous[1]} {shown}"))
            previous = (key, shown)
    return tuple(terms)


def category_vocabulary(cards: Sequence[Card], category: str) -> tuple[str, ...]:
    """Domain terms of a category, from its cards' prompts, key points and tags.

    A term is a word or a pair of adjacent words ("class imbalance"), neither a stopword nor a
    common word, used by at least two of the category's cards and at least three times as common
    there (as a share of cards) as in the other cards given. A word used mostly inside a kept
    pair is left to the pair. Most widely used first, at most VOCABULARY_SIZE; acronyms keep
    their capitals ("ROC", "AUC").
    """
    surfaces: dict[str, Counter[str]] = {}
    inside: Counter[str] = Counter()
    outside: Counter[str] = Counter()
    for card in cards:
        terms = _card_terms(card)
        if card.category != category:
            outside.update({key for key, _ in terms})
            continue
        inside.update({key for key, _ in terms})
        for key, shown in terms:
            surfaces.setdefault(key, Counter())[shown] += 1
    n_in = sum(1 for card in cards if card.category == category)
    n_out = len(cards) - n_in

    def lift(key: str) -> float:
        return (inside[key] / n_in) / ((outside[key] + 1) / (n_out + 1))

    kept = [key for key in inside if inside[key] >= 2 and lift(key) >= 3]
    pairs = [key for key in kept if " " in key]

    def left_to_a_pair(key: str) -> bool:
        return any(inside[pair] * 2 >= inside[key] for pair in pairs if key in pair.split())

    kept = [key for key in kept if " " in key or not left_to_a_pair(key)]
    kept.sort(key=lambda key: (-inside[key], -lift(key), key))
    return tuple(surfaces[key].most_common(1)[0][0] for key in kept[:VOCABULARY_SIZE])


# --- feedback --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Feedback:
    """What nora can tell about one typed answer, offline.

    covered and missed are key-point indices; domain_terms are the category vocabulary the
    answer used; speaking_seconds estimates the answer said aloud at 150 words a minute; star is
    set for behavioral cards and design_steps for design cards; suggestions are at most three,
    most useful first.
    """

    covered: tuple[int, ...]
    missed: tuple[int, ...]
    domain_terms: tuple[str, ...]
    words: int
    speaking_seconds: float
    fillers: dict[str, int]
    star: StarCheck | None
    design_steps: tuple[tuple[str, bool], ...] | None
    suggestions: tuple[str, ...]

    def to_record(self) -> dict[str, Any]:
        """A JSON-serialisable dict (lists, not tuples) saved with the attempt."""
        star = self.star
        steps = self.design_steps
        return {
            "covered": list(self.covered),
            "missed": list(self.missed),
            "domain_terms": list(self.domain_terms),
            "words": self.words,
            "speaking_seconds": self.speaking_seconds,
            "fillers": dict(self.fillers),
            "star": None if star is None else {**asdict(star), "complete": star.complete},
            "design_steps": None if steps is None else [[step, done] for step, done in steps],
            "suggestions": list(self.suggestions),
        }


EMPTY_ADVICE = "Type a few key words even when you answer aloud, so nora can check your coverage"
STAR_ADVICE = {
    "situation": "Open with the situation: where you were and what was at stake",
    "task": "Say what you owned: your task or goal, in one sentence",
    "action": "Say what YOU did, in the first person ('I built...', 'I checked...')",
    "result": "End with the result: what changed because of what you did",
    "measurable": "End with a measurable result: a number, percentage, money or time saved",
}
DESIGN_ADVICE = {
    "objective": "Start from the objective: the product goal and the decision the model drives",
    "target and metrics": "Name the prediction target and the metrics, offline and business",
    "data and labels": "Say where the data and labels come from, and how they are biased",
    "baseline": "Propose a simple baseline before the learned model",
    "features and training": "Cover the features and how you would train the model",
    "serving": "Cover serving: batch or online, the latency budget, caching",
    "offline and online evaluation": "Cover evaluation: offline metrics, then an online A/B test",
    "deployment and monitoring": "Cover rollout and monitoring: shadow, canary, drift, retraining",
}


def _star_gap(star: StarCheck | None, card: Card) -> str | None:
    """The first STAR part the story lacks, when the card's rubric is a STAR story."""
    if star is None or not any(STAR_LABEL.match(point.text) for point in card.key_points):
        return None
    parts = asdict(star)
    return next((part for part in STAR_ADVICE if not parts[part]), None)


def _point_advice(point: KeyPoint, number: int) -> str:
    spans = formula_spans(point.text)
    if spans:
        return f"Name the formula: {spans[0]}"
    return f"Cover key point {number}: {point.text}"


def _first_missed_advice(feedback: Feedback, card: Card, star_gap: str | None) -> str | None:
    """Advice for the first missed key point that the STAR advice does not already give."""
    told = "result" if star_gap == "measurable" else star_gap
    for index in feedback.missed:
        label = RUBRIC_LABEL.match(card.key_points[index].text)
        if not (told and label and label.group(1).lower() == told):
            return _point_advice(card.key_points[index], index + 1)
    return None


def _fillers_advice(fillers: dict[str, int]) -> str | None:
    if sum(fillers.values()) < FILLERS_WORTH_A_SUGGESTION:
        return None
    listed = ", ".join(f"'{word}' x{count}" for word, count in list(fillers.items())[:3])
    return f"Cut the fillers: {listed}"


def suggestions_for(feedback: Feedback, card: Card) -> tuple[str, ...]:
    """At most three: the structure gap (STAR part or design step), the first missed key point,
    the fillers, then the length against the card's time limit."""
    if feedback.words == 0:
        return (EMPTY_ADVICE,)
    advice: list[str | None] = []
    gap = _star_gap(feedback.star, card)
    advice.append(STAR_ADVICE[gap] if gap else None)
    skipped = [step for step, done in feedback.design_steps or () if not done]
    advice.append(DESIGN_ADVICE[skipped[0]] if skipped else None)
    advice.append(_first_missed_advice(feedback, card, gap))
    advice.append(_fillers_advice(feedback.fillers))
    limit = card.time_limit
    if limit and feedback.speaking_seconds > limit:
        advice.append(
            f"Trim it: about {round(feedback.speaking_seconds)} s spoken, limit {limit} s"
        )
    return tuple(text for text in advice if text)[:MAX_SUGGESTIONS]


def analyse(
    answer: str,
    card: Card,
    vocabulary: Sequence[str],
    *,
    star: bool | None = None,
    steps: tuple[tuple[str, bool], ...] | None = None,
) -> Feedback:
    """Everything nora can tell about a typed answer at once, offline.

    `star` overrides whether the answer is checked as a STAR story (by default: behavioral
    cards); `steps` gives the design steps already judged elsewhere (a design walk judges each
    step on its own text)."""
    if star is None:
        star = card.kind == "behavioral"
    if steps is None and card.kind == "design":
        steps = design_steps(answer)
    words = len(tokens(answer))
    covered = covered_points(answer, card.key_points)
    draft = Feedback(
        covered=covered,
        missed=tuple(i for i in range(len(card.key_points)) if i not in covered),
        domain_terms=found_terms(answer, vocabulary),
        words=words,
        speaking_seconds=round(words * 60 / WORDS_PER_MINUTE, 1),
        fillers=count_fillers(answer),
        star=star_check(answer) if star else None,
        design_steps=steps,
        suggestions=(),
    )
    return replace(draft, suggestions=suggestions_for(draft, card))
