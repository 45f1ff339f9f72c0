"""What the interviewer's follow-ups after a coding exercise ask and how they are judged: the
cards the sitting asks, and the rubric `nora stats` needs to place their ticks on the judging
dimensions (a coding attempt is saved under its exercise id, which no deck has)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from nora_cli.app import code
from nora_cli.core.dimensions import with_derived
from nora_cli.core.exercise import Exercise
from nora_cli.core.models import Card, KeyPoint, Library

# The interviewer's follow-ups the guide asks after every coding question: the deck card
# whose key points judge the answer, and the question as asked about the user's own code (the
# card's prompt names a problem of its own, so that it makes sense alone in a drill).
GUIDE_FOLLOW_UPS = {
    "code-time-space-complexity": "What is the time and space complexity of your solution?",
    "code-how-to-test": "How would you test your solution?",
    "code-concurrency-behaviour": "How would your solution behave under concurrency?",
}


def follow_up_cards(exercise: Exercise, library: Library) -> list[Card]:
    """The guide's follow-ups (from the coding deck), then the exercise's own."""
    found = []
    for card_id, question in GUIDE_FOLLOW_UPS.items():
        card = library.card(card_id)
        if card is not None:
            found.append(replace(card, prompt=question))
    for number, follow in enumerate(exercise.follow_ups, start=1):
        found.append(
            Card(
                id=f"{exercise.id}-follow-up-{number}",
                prompt=follow.question,
                category=code.CATEGORY,
                kind="coding",
                difficulty=exercise.difficulty,
                time_limit=None,
                key_points=tuple(KeyPoint(p) for p in follow.key_points),
                answer="",
            )
        )
    return found


def follow_up_rubrics(exercises: Iterable[Exercise], library: Library) -> dict[str, Card]:
    """Exercise id -> one card holding all its follow-ups' key points, in the order a sitting
    numbers them (each point with its dimensions): what a coding attempt's ticks refer to."""
    rubrics = {}
    for exercise in exercises:
        cards = [with_derived(card) for card in follow_up_cards(exercise, library)]
        points = tuple(point for card in cards for point in card.key_points)
        rubrics[exercise.id] = Card(
            exercise.id, exercise.title, code.CATEGORY, "coding", exercise.difficulty, None,
            points, "",
        )  # fmt: skip
    return rubrics
