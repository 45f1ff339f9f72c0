"""A drill's coding card offers its exercise: `:code` as the answer sits it, and the attempt
the drill saves carries the code result, under the card's own id."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime

from rich.console import Console

from nora_cli.app.code_session import CardExercises
from nora_cli.coach.coach import Coach
from nora_cli.core import engine
from nora_cli.core.engine import Answer, DrillCard
from nora_cli.core.exercise import CodeResult
from nora_cli.core.models import Card
from nora_cli.core.records import Attempt
from nora_cli.decks.loader import load_library
from nora_cli.ui.plain_asker import PlainAsker

LIBRARY = load_library()
CARD = LIBRARY.card("code-top-k-frequent")
RESULT = CodeResult("top-k-frequent", "Hashing and heaps", 15, 15, 12, 12, 3, 0, 400.0)


class Offer:
    def __init__(
        self, answer: str = "What is the time and space complexity?\nO(n) with a heap"
    ) -> None:
        self.solved: list[str] = []
        self.answer = answer

    def offers(self, card: Card) -> bool:
        return card.id == "code-top-k-frequent"

    def solve(self, item: DrillCard) -> Answer:
        self.solved.append(item.card.id)
        return Answer(self.answer, code=RESULT)


def drill(
    card: Card | None, typed: str, clock: Callable[[], datetime], offer: Offer | None = None
) -> tuple[list[Attempt], str, Offer]:
    assert card is not None
    out = io.StringIO()
    asker = PlainAsker(Console(file=out, width=100), io.StringIO(typed))
    offer = offer or Offer()
    asker.code = offer
    saved: list[Attempt] = []
    engine.run(
        [DrillCard(card, 300, "new")], asker=asker, clock=clock, save=saved.append,
        mode="technical",
    )  # fmt: skip
    return saved, out.getvalue(), offer


def test_code_as_the_answer_solves_the_exercise_and_saves_its_result(clock) -> None:  # type: ignore[no-untyped-def]
    saved, shown, offer = drill(CARD, ":code\n\n1\n3\n", clock)
    assert "This card has a runnable exercise: answer :code" in shown
    assert offer.solved == ["code-top-k-frequent"]
    assert [(a.card_id, a.rating, a.code) for a in saved] == [("code-top-k-frequent", 3, RESULT)]
    assert saved[0].answer.startswith("What is the time and space complexity?")


def test_code_with_every_follow_up_skipped_is_not_called_answered_aloud(clock) -> None:  # type: ignore[no-untyped-def]
    saved, shown, _ = drill(CARD, ":code\n\n\n3\n", clock, Offer(answer=""))
    assert "You answered aloud." not in shown
    assert saved[0].code == RESULT and saved[0].answer == ""
    _, aloud, _ = drill(CARD, "\n\n3\n", clock)  # nothing typed, no code: said aloud
    assert "You answered aloud." in aloud


def test_a_typed_answer_on_a_coding_card_is_an_ordinary_answer(clock) -> None:  # type: ignore[no-untyped-def]
    saved, _, offer = drill(CARD, "heap of size k\n\n\n2\n", clock)
    assert offer.solved == [] and saved[0].code is None and saved[0].answer == "heap of size k"


def test_a_card_without_an_exercise_offers_nothing(clock) -> None:  # type: ignore[no-untyped-def]
    saved, shown, offer = drill(LIBRARY.card("code-how-to-test"), ":code\n\n\n2\n", clock)
    assert "runnable exercise" not in shown
    assert offer.solved == [] and saved[0].answer == ":code"


def test_the_shipped_coding_cards_link_to_exercises_that_exist() -> None:
    exercises = CardExercises(Console(), Coach())
    linked = [c.id for c in LIBRARY.cards if exercises.offers(c)]
    assert len(linked) >= 15
    assert all(LIBRARY.card(i) is not None for i in exercises.exercises)
