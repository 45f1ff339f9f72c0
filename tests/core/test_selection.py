"""Which cards a drill draws, in which order, and why."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from helpers import attempt

from nora_cli.core.progress import replay
from nora_cli.core.selection import CRAM, DUE, NEW, Request, choose

NOW = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)


def test_due_first_then_new_up_to_the_limit_then_weak(fixture_library) -> None:  # type: ignore[no-untyped-def]
    state = replay(
        [
            attempt("t-roc", 2, NOW - timedelta(days=3), n=1),  # due again (learning step)
            attempt("t-leak", 4, NOW - timedelta(minutes=5), category="ML Fundamentals", n=2),
        ]
    )
    mode = fixture_library.mode("technical")
    mode = type(mode)(**{**mode.__dict__, "decks": ("metrics",)})
    picked = choose(
        fixture_library, mode, Request(count=3, new_limit=5, seed=1), progress=state, now=NOW
    )
    assert [(i.card.id, i.reason) for i in picked.items] == [
        ("t-roc", DUE),
        ("t-precision", NEW),
        ("t-leak", "weak area: ML Fundamentals"),
    ]
    assert picked.due_count == 1 and not picked.nothing_due


def test_daily_new_limit_counts_cards_first_seen_today(fixture_library) -> None:  # type: ignore[no-untyped-def]
    today = datetime.now(UTC)
    state = replay([attempt("t-leak", 4, today, category="ML Fundamentals")])
    mode = fixture_library.mode("technical")
    picked = choose(fixture_library, mode, Request(count=3, new_limit=1), progress=state, now=today)
    assert picked.new_allowance == 0
    assert [i.reason for i in picked.items if i.reason == NEW] == []


def test_due_rule_only_draws_due_cards(fixture_library) -> None:  # type: ignore[no-untyped-def]
    state = replay([attempt("t-roc", 3, NOW - timedelta(days=1))])
    picked = choose(
        fixture_library,
        fixture_library.mode("technical"),
        Request(count=5, rule="due"),
        progress=state,
        now=NOW,
    )
    assert [(i.card.id, i.reason) for i in picked.items] == [("t-roc", DUE)]
    empty = choose(fixture_library, fixture_library.mode("technical"), Request(rule="due"), now=NOW)
    assert empty.items == [] and empty.nothing_due


def test_weak_rule_orders_by_need(fixture_library) -> None:  # type: ignore[no-untyped-def]
    state = replay(
        [
            attempt("t-precision", 4, NOW - timedelta(days=1), covered=(0, 1, 2)),
            attempt("t-leak", 1, NOW - timedelta(days=1), category="ML Fundamentals", n=2),
        ]
    )
    picked = choose(
        fixture_library,
        fixture_library.mode("technical"),
        Request(count=5, rule="weak"),
        progress=state,
        now=NOW,
    )
    # weakest category first; within one, the least remembered, then cards never seen
    assert [i.card.id for i in picked.items] == ["t-leak", "t-precision", "t-roc"]


def test_cram_draws_anything_and_is_labelled(fixture_library) -> None:  # type: ignore[no-untyped-def]
    picked = choose(
        fixture_library,
        fixture_library.mode("technical"),
        Request(count=2, rule="cram", seed=4),
        now=NOW,
    )
    assert len(picked.items) == 2 and {i.reason for i in picked.items} == {CRAM}


def test_seed_repeats_the_draw(fixture_library) -> None:  # type: ignore[no-untyped-def]
    mode = fixture_library.mode("technical")
    first = choose(fixture_library, mode, Request(count=2, seed=9), now=NOW)
    again = choose(fixture_library, mode, Request(count=2, seed=9), now=NOW)
    assert [i.card.id for i in first.items] == [i.card.id for i in again.items]
