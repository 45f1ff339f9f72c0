"""The coding deck's cards make sense alone: a drill can serve any of them first, so a prompt
that asks about "this code" or "the solution" must say which code it means."""

from __future__ import annotations

import re

from nora_cli.decks.loader import load_library

LIBRARY = load_library()
# Words that point back at a problem the card would otherwise leave unstated.
POINTS_BACK = re.compile(
    r"\b(this|the|that|your) (code|solution|function|implementation|approach)\b"
    r"|\bthe (time and space )?complexity\b",
    re.IGNORECASE,
)


def sentences(prompt: str) -> list[str]:
    return re.split(r"(?<=[.?!])\s+", prompt.strip())


def test_no_coding_prompt_points_back_at_an_unstated_problem() -> None:
    """A prompt may speak of "this code" only after a first sentence that states the problem
    without pointing back itself."""
    cards = [card for card in LIBRARY.cards if card.deck == "coding"]
    assert len(cards) >= 15
    unstated = [
        card.id
        for card in cards
        if POINTS_BACK.search(card.prompt)
        and (len(sentences(card.prompt)) == 1 or POINTS_BACK.search(sentences(card.prompt)[0]))
    ]
    assert unstated == []


def test_the_guide_follow_up_cards_name_their_problem() -> None:
    named = {
        "code-how-to-test": "top_k(values, k)",
        "code-time-space-complexity": "top_k(values, k)",
        "code-concurrency-behaviour": "LRU cache",
    }
    for card_id, problem in named.items():
        card = LIBRARY.card(card_id)
        assert card is not None and problem in sentences(card.prompt)[0], card_id
