"""Immediate offline feedback on a typed answer. Pure: no network, no model.

The public entry: analyse() gathers key-point coverage (nora_cli.coach.matching), a score per
judging dimension (nora_cli.core.dimensions), fillers, the STAR check and design steps
(nora_cli.coach.speech), the field terms the answer used (nora_cli.coach.knowledge), and at most
three suggestions, into one Feedback.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any

from nora_cli.coach.advice import advice_for, names_in
from nora_cli.coach.knowledge import DeckKnowledge
from nora_cli.coach.matching import RUBRIC_LABEL, Judgement, judge
from nora_cli.coach.passage import Answer
from nora_cli.coach.speech import (
    FIGURE,
    StarCheck,
    count_fillers,
    design_steps,
    measured_change,
    star_check,
)
from nora_cli.coach.words import SENTENCE_BREAK, raw_words
from nora_cli.core.dimensions import card_dimensions, scores
from nora_cli.core.models import Card

__all__ = [
    "DeckKnowledge",
    "Feedback",
    "StarCheck",
    "analyse",
    "card_coverage",
    "count_fillers",
    "design_steps",
    "star_check",
    "suggestions_for",
]

WORDS_PER_MINUTE = 150
MAX_SUGGESTIONS = 3
FILLERS_WORTH_A_SUGGESTION = 3
STAR_PARTS = ("situation", "task", "action", "result")
STAR_LABEL = re.compile(r"^\s*(?:situation|task|action|result)\s*:", re.IGNORECASE)
MEASURABLE_RESULT = re.compile(r"^\s*result\s*:.*\bmeasurable\b", re.IGNORECASE)


DOUBTS = (
    "false claim",
    "sweeping words",
    "near mistakes",
    "swapped roles",
)  # `Judgement.doubt`, surest first
ASKS_FOR_MISTAKES = re.compile(r"\bmistakes\b", re.IGNORECASE)  # a card whose points are mistakes


def card_judgement(answer: str, card: Card, knowledge: DeckKnowledge | None = None) -> Judgement:
    """The key points of a card an answer covers and the pitfalls it makes, judged with
    everything the card offers: its model answer's wording, its prompt, its pitfalls and
    (given the decks) each term's rarity."""
    corpus = knowledge.corpus if knowledge is not None else None
    judged = judge(
        answer,
        card.key_points,
        model_answer=card.answer,
        corpus=corpus,
        prompt=card.prompt,
        pitfalls=card.pitfalls,
    )
    outcome = next(
        (i for i, point in enumerate(card.key_points) if MEASURABLE_RESULT.match(point.text)), None
    )
    said = (*judged.covered, *judged.withheld)
    if outcome is None or outcome in said or not measured_change(answer):
        return judged
    # A story's Result point asks for any measurable outcome, worded as the user likes: a
    # change reported with a figure is one, whatever words the rubric's example uses.
    if judged.doubt:
        return replace(judged, withheld=tuple(sorted((*judged.withheld, outcome))))
    return replace(judged, covered=tuple(sorted((*judged.covered, outcome))))


def walk_judgement(whole: Judgement, steps: Sequence[Judgement]) -> Judgement:
    """A design walk's judgement: the key points its steps cover, each step judged on its own
    text (so the walk table and the panel agree), the points a doubted step seemed to cover,
    and the pitfalls of the whole text and of each step."""
    covered = tuple(sorted({i for step in steps for i in step.covered}))
    made = {*whole.pitfalls, *(index for step in steps for index in step.pitfalls)}
    doubts = {step.doubt for step in steps if step.doubt}
    return replace(
        whole,
        covered=covered,
        pitfalls=tuple(sorted(made)),
        doubt=next((doubt for doubt in DOUBTS if doubt in doubts), ""),
        withheld=tuple(sorted({i for s in steps for i in s.withheld} - set(covered))),
        overclaims=tuple(dict.fromkeys(word for step in steps for word in step.overclaims)),
        near_mistakes=tuple(sorted({i for step in steps for i in step.near_mistakes} - made)),
        swaps=tuple(dict.fromkeys(sentence for step in steps for sentence in step.swaps)),
    )


def card_coverage(
    answer: str, card: Card, knowledge: DeckKnowledge | None = None
) -> tuple[int, ...]:
    """The key points of a card an answer covers (see `card_judgement`)."""
    return card_judgement(answer, card, knowledge).covered


# --- feedback --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Feedback:
    """What nora can tell about one typed answer, offline.

    covered and missed are key-point indices; dimensions maps each judging dimension the
    card's points evidence to (points covered, points); domain_terms are the field terms the
    answer used, as typed; speaking_seconds estimates the answer said aloud at 150 words a
    minute; star is set for behavioral cards and design_steps for design cards; suggestions
    are at most three, the most important missed points first.
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
    dimensions: dict[str, tuple[int, int]]
    mistakes: tuple[str, ...] = ()  # the card's pitfalls the answer makes, as the card words them
    # (key point, the answer's sentence as typed) for a sentence that says the point's opposite
    contradictions: tuple[tuple[int, str], ...] = ()
    # (key point, sentence as typed, the word) for a point a sentence would have covered but
    # for a sweeping word in it ("always", "any")
    sweeping: tuple[tuple[int, str, str], ...] = ()
    # why no point was ticked ("false claim", "sweeping words", "near mistakes", "swapped
    # roles": `Judgement.doubt`), the points the answer seemed to cover all the same, the
    # sweeping words it leaned on, the pitfalls it came close to, as the card words them, and
    # its sentences that seem to swap two things the card contrasts, as typed
    doubt: str = ""
    withheld: tuple[int, ...] = ()
    overclaims: tuple[str, ...] = ()
    near_mistakes: tuple[str, ...] = ()
    swaps: tuple[str, ...] = ()

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
            "dimensions": {name: list(pair) for name, pair in self.dimensions.items()},
            "mistakes": list(self.mistakes),
            "contradicts": [[index, sentence] for index, sentence in self.contradictions],
            "sweeping": [list(loose) for loose in self.sweeping],
            "doubt": self.doubt,
            "withheld": list(self.withheld),
            "overclaims": list(self.overclaims),
            "near_mistakes": list(self.near_mistakes),
            "swaps": list(self.swaps),
        }


EMPTY_ADVICE = "Type a few key words even when you answer aloud, so nora can check your coverage"
STAR_ADVICE = {
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
    """A result told without a figure, when the card's rubric is a STAR story (a missing part
    is already advised as its missed key point)."""
    if star is None or not any(STAR_LABEL.match(point.text) for point in card.key_points):
        return None
    return "measurable" if star.result and not star.measurable else None


def _fillers_advice(fillers: dict[str, int]) -> str | None:
    if sum(fillers.values()) < FILLERS_WORTH_A_SUGGESTION:
        return None
    listed = ", ".join(f"'{word}' x{count}" for word, count in list(fillers.items())[:3])
    return f"Cut the fillers: {listed}"


def suggestions_for(feedback: Feedback, card: Card, answer: str = "") -> tuple[str, ...]:
    """At most three: the missed key points in the rubric's order (decks list the core points
    first), never a covered or a withheld one (and for one whose topic the answer named, what
    it left out); then a result without a figure, the first design step skipped, the fillers,
    and the length against the card's time limit."""
    if feedback.words == 0:
        return (EMPTY_ADVICE,)
    said = Answer(answer)
    # A point the answer seemed to cover, not ticked for a doubt about the answer, is the
    # user's to judge, not advice.
    unsaid = [i for i in feedback.missed if i not in feedback.withheld]
    names = names_in(card.answer, *(point.text for point in card.key_points))
    advice: list[str | None] = [advice_for(card.key_points[i], said, names) for i in unsaid]
    if ASKS_FOR_MISTAKES.search(card.prompt):  # "Add: shipping without a rollback plan" misleads
        advice = [
            "Name the mistake: " + text.removeprefix("Add: ")
            if text and text.startswith("Add: ")
            else text
            for text in advice
        ]
    gap = _star_gap(feedback.star, card)
    advice.append(STAR_ADVICE[gap] if gap else None)
    skipped = [step for step, done in feedback.design_steps or () if not done]
    advice.append(DESIGN_ADVICE[skipped[0]] if skipped else None)
    advice.append(_fillers_advice(feedback.fillers))
    limit = card.time_limit
    if limit and feedback.speaking_seconds > limit:
        advice.append(
            f"Trim it: about {round(feedback.speaking_seconds)} s spoken, limit {limit} s"
        )
    return tuple(dict.fromkeys(text for text in advice if text))[:MAX_SUGGESTIONS]


def star_from_ticks(
    star: StarCheck, card: Card, covered: Sequence[int], answer: str = ""
) -> StarCheck:
    """A STAR rubric's parts as the key-point ticks judge them, so the two never disagree; a
    part the rubric has no point for keeps its cue-word verdict. "A number in the result"
    needs a figure in the answer as well as the ticked result point."""
    labelled: dict[str, bool] = {}
    measured = False  # a ticked result point that asks for a measurable outcome
    for index, point in enumerate(card.key_points):
        label = RUBRIC_LABEL.match(point.text)
        if label and label.group(1).lower() in STAR_PARTS:
            part = label.group(1).lower()
            labelled[part] = labelled.get(part, False) or index in covered
            measured |= part == "result" and index in covered and "measurable" in point.text
    parts = {part: labelled.get(part, getattr(star, part)) for part in STAR_PARTS}
    figure = measured and bool(FIGURE.search(answer))
    return StarCheck(**parts, measurable=parts["result"] and (figure or star.measurable))


def analyse(
    answer: str,
    card: Card,
    knowledge: DeckKnowledge | None = None,
    *,
    star: bool | None = None,
    steps: tuple[tuple[str, bool], ...] | None = None,
    walked: Sequence[tuple[str, Judgement]] | None = None,
) -> Feedback:
    """Everything nora can tell about a typed answer at once, offline.

    `knowledge` holds what the decks teach (term rarity, the field's terms); `star` overrides
    whether the answer is checked as a STAR story (by default: behavioral cards); `steps` and
    `walked` give the design steps and the text and judgement of each, for a design walk,
    which judges each step on its own text."""
    if star is None:
        star = card.kind == "behavioral"
    if steps is None and card.kind == "design":
        steps = design_steps(answer)
    words = len(raw_words(answer))
    judged = card_judgement(answer, card, knowledge)
    if walked is not None:
        judged = walk_judgement(judged, [step for _, step in walked])
    covered = judged.covered
    contradictions = quoted(answer, judged.refuted, covered)
    for text, step in walked or ():  # a step's refutations, quoted from its own text
        contradictions += quoted(text, step.refuted, covered)
    contradictions = tuple(sorted(dict(reversed(contradictions)).items()))
    denied = {index for index, _ in contradictions}  # said wrong: quoted, not offered to tick
    withheld = tuple(index for index in judged.withheld if index not in denied)
    story = star_check(answer) if star else None
    if story is not None:  # what the answer seemed to say counts for its parts
        story = star_from_ticks(story, card, tuple(sorted({*covered, *withheld})), answer)
    draft = Feedback(
        covered=covered,
        missed=tuple(i for i in range(len(card.key_points)) if i not in covered),
        domain_terms=knowledge.terms_used(answer) if knowledge is not None else (),
        words=words,
        speaking_seconds=round(words * 60 / WORDS_PER_MINUTE, 1),
        fillers=count_fillers(answer),
        star=story,
        design_steps=steps,
        suggestions=(),
        dimensions=scores(card_dimensions(card), covered),
        mistakes=tuple(card.pitfalls[index] for index in judged.pitfalls),
        contradictions=contradictions,
        sweeping=swept(answer, judged, covered),
        doubt=judged.doubt,
        withheld=withheld,
        overclaims=judged.overclaims,
        near_mistakes=tuple(card.pitfalls[index] for index in judged.near_mistakes),
        swaps=judged.swaps,
    )
    return replace(draft, suggestions=suggestions_for(draft, card, answer))


def quoted(
    answer: str, places: tuple[tuple[int, int], ...], covered: tuple[int, ...]
) -> tuple[tuple[int, str], ...]:
    """(point, the sentence at that place as typed) for each point once: the sentence that says
    its opposite or says it with a sweeping word (`Judgement.refuted`, `.sweeping`). A point
    covered after all (elsewhere, or ticked by the user) is left out."""
    sentences = [part.strip() for part in SENTENCE_BREAK.split(answer) if part.strip()]
    found: dict[int, str] = {}
    for index, place in places:
        if index not in covered and index not in found and place < len(sentences):
            found[index] = sentences[place]
    return tuple(sorted(found.items()))


def swept(
    answer: str, judged: Judgement, covered: tuple[int, ...]
) -> tuple[tuple[int, str, str], ...]:
    """(point, sentence as typed, the sweeping word) for each point a sentence would have
    covered but for a sweeping word in it, and that is not covered after all."""
    words = {index: word for index, _, word in judged.sweeping}
    places = tuple((index, place) for index, place, _ in judged.sweeping)
    return tuple((index, said, words[index]) for index, said in quoted(answer, places, covered))
