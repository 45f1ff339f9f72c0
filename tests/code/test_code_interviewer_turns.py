"""A drill's coding card keeps the questions asked after its code apart from the answers
typed, so that the AI interviewer quotes only the answers (`CardExercises.follow_up_turns`)."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from nora_cli.app import code_session
from nora_cli.app.code_session import CardExercises, FollowUps, Sitting, follow_ups
from nora_cli.coach.coach import Coach
from nora_cli.core.engine import DrillCard
from nora_cli.core.exercise import CodeResult
from nora_cli.decks.exercises import load_exercises
from nora_cli.decks.loader import load_library
from nora_cli.ui.plain_asker import PlainAsker

LIBRARY = load_library()
TOP_K = load_exercises()["top-k-frequent"]


def test_follow_ups_keep_each_question_with_the_answer_typed_to_it() -> None:
    console = Console(file=io.StringIO(), width=100)
    asker = PlainAsker(console, io.StringIO("O(n) time with a heap\n\n\n:quit\n"))
    got = follow_ups(TOP_K, console, asker, LIBRARY)
    assert got.turns == (
        ("What is the time and space complexity of your solution?", "O(n) time with a heap"),
    )
    assert got.answers.endswith("?\nO(n) time with a heap")


def test_a_coding_card_solved_in_a_drill_hands_its_turns_to_the_interviewer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    turns = (("How would you test your solution?", "property tests against a sort"),)
    result = CodeResult("top-k-frequent", "heaps", 3, 3, 12, 12, 1, 0)
    sitting = Sitting(result, FollowUps("How would you test...", turns=turns))
    monkeypatch.setattr(code_session, "sit", lambda *args, **kwargs: sitting)
    offer = CardExercises(Console(file=io.StringIO()), Coach())
    card = LIBRARY.card("code-top-k-frequent")
    assert card is not None
    assert offer.follow_up_turns(card.id) == ()
    answer = offer.solve(DrillCard(card, 300, "new"))
    assert answer.code == result
    assert offer.follow_up_turns(card.id) == turns
