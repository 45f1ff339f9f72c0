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

from nora_cli.coach.knowledge import DeckKnowledge
from nora_cli.coach.lexicon import wordset
from nora_cli.coach.matching import (
    RUBRIC_LABEL,
    Answer,
    Judgement,
    formula_spans,
    judge,
    point_text,
)
from nora_cli.coach.speech import StarCheck, count_fillers, design_steps, star_check
from nora_cli.coach.words import raw_words
from nora_cli.core.dimensions import card_dimensions, scores
from nora_cli.core.models import Card, KeyPoint

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
ADVICE_WORDS = 12
MIN_ADVICE_WORDS = 3
MAX_ADVICE_WORDS = 14  # a first clause without a boundary is kept whole up to this length
COMMON_WORD_ZIPF = 3.0
ASIDE = re.compile(r"\s*\([^()]*\)")  # "(moving-average)", "(e.g. rollback)"
FIRST_CLAUSE = re.compile(r";\s|:\s|,\s(?:e\.g\.|such as)|\s-\s")
CLAUSE_END = re.compile(
    r",?\s(?=(?:so|because|since|while|whereas|which|whose|rather than|instead of)\s)"
)
LIST_BREAK = re.compile(r",\s|\s(?=(?:and|or)\s)")
SUBORDINATE_OPENERS = wordset("if when because since while although as once")
TRAILING_FUNCTION_WORDS = wordset(
    "a an the of to in on at for with by and or but so as from into than that which"
)
WH_WORDS = wordset("what how why which whether who")
# A rubric line describes the candidate ("states what they drove", "keeps it short"). Its
# opening verb becomes advice ("Say what you drove", "Keep it short"): always for these verbs,
# and for any other word in -s when what follows opens an object ("logs the probability").
RUBRIC_VERB_LIST = wordset(
    """ask name use give explain show describe keep mention know add check start
    define handle report note separate make stay put compute clarify validate support monitor
    link weigh cover end compare tie offer accept identify tell distinguish verify decide
    quantify treat include frame raise defer recognize commit respect turn close measure soften
    select acknowledge expose prefer trace replace translate pick derive build leave spell
    connect avoid share restate follow annualize promise lay confirm itemize express seek
    revisit present understand consider justify own credit address fit open allow enable
    predict normalize"""
)


def _third_person(verb: str) -> str:
    if re.search(r"[^aeiou]y$", verb):
        return verb[:-1] + "ies"
    return verb + ("es" if re.search(r"(?:s|x|z|ch|sh)$", verb) else "s")


RUBRIC_VERBS = {
    **{_third_person(verb): verb for verb in RUBRIC_VERB_LIST},
    "states": "say", "says": "say", "does": "do", "has": "have", "is": "be", "goes": "go",
    "uncovers": "find out",
}  # fmt: skip
AND_VERB = re.compile(r"\b(and|but|or) (\w+)")  # "checks X and addresses it": "and address it"
OBJECT_OPENERS = wordset(
    "what that the a an their them it its how why whether which who one both each every"
)
SECOND_PERSON = {
    "they": "you", "their": "your", "theirs": "yours", "them": "you", "themselves": "yourself",
    "they're": "you're", "they've": "you've", "they'd": "you'd", "they'll": "you'll",
    "you": "you",
}  # fmt: skip
PRONOUN = re.compile(r"they're|they've|they'd|they'll|they|theirs|their|themselves|them|you")
PLURAL = re.compile(r"[a-z]+[^su']s")
NOT_PLURAL = wordset("this its is was has does always perhaps whereas across unless less")
DETERMINERS = wordset("the a an these those")
STAR_PARTS = ("situation", "task", "action", "result")
STAR_LABEL = re.compile(r"^\s*(?:situation|task|action|result)\s*:", re.IGNORECASE)


def card_judgement(answer: str, card: Card, knowledge: DeckKnowledge | None = None) -> Judgement:
    """The key points of a card an answer covers and the pitfalls it makes, judged with
    everything the card offers: its model answer's wording, its prompt, its pitfalls and
    (given the decks) each term's rarity."""
    corpus = knowledge.corpus if knowledge is not None else None
    return judge(
        answer,
        card.key_points,
        model_answer=card.answer,
        corpus=corpus,
        prompt=card.prompt,
        pitfalls=card.pitfalls,
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


def short_advice(point: KeyPoint) -> str:
    """What to add for a missed point, in a few words, as advice to the user: its formula, or
    its first clause, shortened at a clause boundary and turned from a rubric line about the
    candidate ("states what they personally drove") into advice ("Say what you personally
    drove")."""
    spans = formula_spans(point.text)
    if spans:
        return f"Name the formula: {spans[0]}"
    text = _shorten(FIRST_CLAUSE.split(ASIDE.sub("", point_text(point)))[0].strip().rstrip("."))
    command = _imperative(text)
    if command:
        return command
    if text.split()[0].lower() in WH_WORDS:  # "what YOU did", "what they personally drove"
        return f"Say {_second_person(text[:1].lower() + text[1:])}"
    first = text.split()[0]
    named = any(letter.isupper() for letter in first[1:])  # "KV cache", "RoPE rotates"
    return f"Add: {text}" if named else f"Add: {text[:1].lower() + text[1:]}"


def _shorten(text: str) -> str:
    """At most ADVICE_WORDS words, cut where a clause ends ("..., so", "because", "which"); a
    text without such a boundary is kept whole up to MAX_ADVICE_WORDS words, and a longer one
    is cut at its first comma or "and", or at last after a content word."""
    words = text.split()
    if len(words) <= ADVICE_WORDS:
        return text
    heads = _heads(text, CLAUSE_END)
    if heads:
        return heads[0]  # the main clause, without what explains it
    if len(words) <= MAX_ADVICE_WORDS:
        return text
    heads = _heads(text, LIST_BREAK)
    if heads:
        return heads[0]  # before the list it starts, not in its middle
    kept = words[:ADVICE_WORDS]
    while len(kept) > 1 and kept[-1].lower().strip(",") in TRAILING_FUNCTION_WORDS:
        kept.pop()
    return " ".join(kept).rstrip(",") + "..."


def _heads(text: str, boundary: re.Pattern[str]) -> list[str]:
    """The heads of the text that end at a boundary and have MIN_ADVICE_WORDS to ADVICE_WORDS
    words, shortest first; a leading "if ...," clause alone is not a head."""
    opens_subordinate = text.split()[0].lower() in SUBORDINATE_OPENERS
    heads = [text[: found.start()].rstrip(",") for found in boundary.finditer(text)]
    return [
        head
        for head in heads
        if MIN_ADVICE_WORDS <= len(head.split()) <= ADVICE_WORDS
        and not (opens_subordinate and "," not in head)
    ]


def _second_person(text: str) -> str:
    """A rubric line's "they", "their" and "YOU", which mean the candidate, as the user's "you"
    and "your"; once a noun phrase has begun ("the models", "decisions"), "they" may mean it
    ("names the alternatives and why they lost") and is left alone."""
    words = text.split()
    for index, word in enumerate(words):
        bare = word.strip(",.'\"").lower()
        if PRONOUN.fullmatch(bare):
            words[index] = word.replace(word.strip(",.'\""), _you(word.strip(",.'\"")))
        elif index and (bare in DETERMINERS or (PLURAL.fullmatch(bare) and bare not in NOT_PLURAL)):
            break
    return " ".join(words)


def _you(typed: str) -> str:
    word = SECOND_PERSON[typed.lower()]
    return word.capitalize() if typed[:1].isupper() and not typed.isupper() else word


def _imperative(text: str) -> str | None:
    """A rubric line about the candidate as advice to the user: "states what they drove" ->
    "Say what you drove", "if asked, gives a range" -> "If asked, give a range", "has decided
    in advance" -> "Decide in advance"; None when the line does not open with a rubric verb."""
    words = text.split()
    at = 0
    if words[0].lower() in SUBORDINATE_OPENERS:  # the verb follows "if ..., "
        at = next((i + 1 for i, word in enumerate(words) if word.endswith(",")), len(words))
    if at + 1 >= len(words):
        return None
    first, following = words[at].lower(), words[at + 1].lower()
    if first == "has" and following.endswith("ed"):
        verb, rest = _base_form(following, ("d", "ed")), words[at + 2 :]
    else:
        verb, rest = RUBRIC_VERBS.get(first), words[at + 1 :]
        if verb is None and first.endswith("s") and following in OBJECT_OPENERS:
            verb = _base_form(first, ("s", "es", "ies"))
    if verb is None:
        return None
    clauses = (" ".join(words[:at]), " ".join([verb, *rest]))  # "if they...," and the advice
    advice = " ".join(_second_person(clause) for clause in clauses if clause)
    advice = AND_VERB.sub(
        lambda found: found[1] + " " + RUBRIC_VERBS.get(found[2], found[2]), advice
    )
    return advice[:1].upper() + advice[1:]


def _base_form(word: str, endings: tuple[str, ...]) -> str | None:
    """The base form of an inflected verb, the first candidate that is a common English word:
    "separates" -> "separate", "fixes" -> "fix", "clarifies" -> "clarify"."""
    from wordfreq import zipf_frequency

    for ending in endings:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            base = word[: -len(ending)] + ("y" if ending == "ies" else "")
            if zipf_frequency(base, "en") >= COMMON_WORD_ZIPF:
                return base
    return None


def _fillers_advice(fillers: dict[str, int]) -> str | None:
    if sum(fillers.values()) < FILLERS_WORTH_A_SUGGESTION:
        return None
    listed = ", ".join(f"'{word}' x{count}" for word, count in list(fillers.items())[:3])
    return f"Cut the fillers: {listed}"


def suggestions_for(feedback: Feedback, card: Card, answer: str = "") -> tuple[str, ...]:
    """At most three: the missed key points in the rubric's order (decks list the core points
    first), never a covered one (and for one whose topic the answer named, what it left out);
    then a result without a figure, the first design step skipped, the fillers, and the
    length against the card's time limit."""
    if feedback.words == 0:
        return (EMPTY_ADVICE,)
    said = Answer(answer)
    advice: list[str | None] = [
        _deeper(card.key_points[i], short_advice(card.key_points[i]), said) for i in feedback.missed
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


def _deeper(point: KeyPoint, advice: str, said: Answer) -> str:
    """'Add: pruning' to an answer that said "pruning" reads as if it had not: such advice
    names what the point adds to its topic instead ("Say more about pruning: ...")."""
    if not advice.startswith("Add: "):
        return advice
    topic = advice.removeprefix("Add: ").removesuffix("...")
    if not said.finds(topic):
        return advice
    parts = FIRST_CLAUSE.split(ASIDE.sub("", point_text(point)), maxsplit=1)
    detail = _shorten(FIRST_CLAUSE.split(parts[1])[0].strip().rstrip(".")) if parts[1:] else ""
    return f"Say more about {topic}: {detail}" if detail else f"Say more about {topic}"


def star_from_ticks(star: StarCheck, card: Card, covered: Sequence[int]) -> StarCheck:
    """A STAR rubric's parts as the key-point ticks judge them, so the two never disagree; a
    part the rubric has no point for keeps its cue-word verdict."""
    labelled: dict[str, bool] = {}
    for index, point in enumerate(card.key_points):
        label = RUBRIC_LABEL.match(point.text)
        if label and label.group(1).lower() in STAR_PARTS:
            part = label.group(1).lower()
            labelled[part] = labelled.get(part, False) or index in covered
    parts = {part: labelled.get(part, getattr(star, part)) for part in STAR_PARTS}
    return StarCheck(**parts, measurable=parts["result"] and star.measurable)


def analyse(
    answer: str,
    card: Card,
    knowledge: DeckKnowledge | None = None,
    *,
    star: bool | None = None,
    steps: tuple[tuple[str, bool], ...] | None = None,
    covered: tuple[int, ...] | None = None,
) -> Feedback:
    """Everything nora can tell about a typed answer at once, offline.

    `knowledge` holds what the decks teach (term rarity, the field's terms); `star` overrides
    whether the answer is checked as a STAR story (by default: behavioral cards); `steps` and
    `covered` give the design steps and key points already judged elsewhere (a design walk
    judges each step on its own text)."""
    if star is None:
        star = card.kind == "behavioral"
    if steps is None and card.kind == "design":
        steps = design_steps(answer)
    words = len(raw_words(answer))
    judged = card_judgement(answer, card, knowledge)
    if covered is None:
        covered = judged.covered
    story = star_check(answer) if star else None
    if story is not None:
        story = star_from_ticks(story, card, covered)
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
    )
    return replace(draft, suggestions=suggestions_for(draft, card, answer))
