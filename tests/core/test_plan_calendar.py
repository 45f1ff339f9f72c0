"""The interview calendar at its edges: the mock interview close to the interview, nothing on
the interview day, review days between; and which reviews a review day runs."""

from __future__ import annotations

from datetime import date, timedelta

from nora_cli.core.models import Card, Deck, KeyPoint, Library, Mode, Stage
from nora_cli.core.plan import review_commands, spread

TODAY = date(2026, 12, 1)


def sessions_by_offset(calendar) -> dict[int, tuple[int, ...]]:  # type: ignore[no-untyped-def]
    return {(d.day - TODAY).days: d.sessions for d in calendar if d.sessions}


def test_nothing_is_planned_on_the_interview_day() -> None:
    assert spread([1, 2, 3, 4, 5, 6], TODAY, TODAY) == []
    tomorrow = spread([6], TODAY, TODAY + timedelta(days=1))
    assert [(d.day, d.sessions) for d in tomorrow] == [(TODAY, (6,))]


def test_the_last_session_comes_close_to_the_interview_with_the_eve_for_review() -> None:
    calendar = spread([6], TODAY, TODAY + timedelta(days=19))
    assert len(calendar) == 19 and calendar[-1].day == TODAY + timedelta(days=18)
    assert sessions_by_offset(calendar) == {17: (6,)}
    assert calendar[-1].review


def test_sessions_start_today_with_review_days_between_and_the_mock_last() -> None:
    week = spread([1, 2, 3, 4, 5, 6], TODAY, TODAY + timedelta(days=8))
    assert [d.sessions for d in week] == [(1,), (2,), (3,), (4,), (5,), (), (6,), ()]
    month = sessions_by_offset(spread([1, 2, 3, 4, 5, 6], TODAY, TODAY + timedelta(days=30)))
    assert month == {0: (1,), 3: (2,), 6: (3,), 9: (4,), 12: (5,), 28: (6,)}
    exact = spread([4, 5, 6], TODAY, TODAY + timedelta(days=3))
    assert [d.sessions for d in exact] == [(4,), (5,), (6,)]


def test_with_fewer_days_than_sessions_days_hold_several_and_the_mock_is_on_the_eve() -> None:
    calendar = spread([1, 2, 3, 4, 5, 6], TODAY, TODAY + timedelta(days=2))
    assert [d.sessions for d in calendar] == [(1, 2, 3), (4, 5, 6)]


def card(card_id: str, deck: str) -> Card:
    return Card(card_id, "Q?", "C", "concept", 1, None, (KeyPoint("k"),), "A", deck=deck)


LIBRARY = Library(
    {
        "tech": Deck("tech", "T", "", (card("t1", "tech"),)),
        "stories": Deck("stories", "S", "", (card("b1", "stories"),)),
        "screen": Deck("screen", "R", "", (card("r1", "screen"),)),
        "offers": Deck("offers", "O", "", (card("o1", "offers"),)),
    },
    {
        "standard": Mode("standard", "Standard", "", ("screen", "stories", "tech"),
                         stages=(Stage("Screen", 1, 5.0, ("screen",)),)),
        "technical": Mode("technical", "Technical", "", ("tech",)),
        "behavioral": Mode("behavioral", "Behavioral", "", ("stories",)),
        "salary-negotiation": Mode("salary-negotiation", "Salary", "", ("offers",)),
    },
)  # fmt: skip


def test_review_days_run_the_due_cards_of_each_mode_you_practise() -> None:
    assert review_commands(LIBRARY, ["b1", "o1"], ["technical"]) == [
        "nora drill behavioral --due",
        "nora drill salary-negotiation --due",
    ]
    # a card a mock interview scheduled is reviewed in a mode without stages that has it; one
    # no such mode has waits for the next mock interview
    assert review_commands(LIBRARY, ["t1", "r1", "gone"], []) == ["nora drill technical --due"]


def test_before_any_review_the_plans_modes_are_named() -> None:
    assert review_commands(LIBRARY, [], ["technical", "behavioral", "standard"]) == [
        "nora drill technical --due",
        "nora drill behavioral --due",
    ]
