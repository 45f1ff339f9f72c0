"""FSRS scheduling through the progress fold, with explicit times."""

from __future__ import annotations

from datetime import timedelta

from helpers import T0, attempt

from nora_cli.core.progress import replay
from nora_cli.core.scheduler import MemoryBank, fsrs_id


def test_fsrs_ids_are_stable_and_distinct() -> None:
    assert fsrs_id("cm-precision") == fsrs_id("cm-precision")
    assert fsrs_id("cm-precision") != fsrs_id("cm-recall")
    assert 0 < fsrs_id("x") < 2**56


def test_a_card_is_due_only_after_its_interval() -> None:
    bank = MemoryBank()
    bank.review("c", 3, T0)
    first_due = bank.due("c")
    assert first_due is not None and first_due > T0
    assert not bank.is_due("c", first_due - timedelta(seconds=1))
    assert bank.is_due("c", first_due)
    bank.review("c", 3, first_due)
    second_due = bank.due("c")
    assert second_due is not None and second_due - first_due >= timedelta(days=1)


def test_easy_schedules_further_out_than_hard() -> None:
    intervals = {}
    for rating in (2, 3, 4):
        bank = MemoryBank()
        bank.review("c", 3, T0)
        bank.review("c", rating, bank.due("c"))  # type: ignore[arg-type]
        intervals[rating] = bank.due("c")
    assert intervals[2] < intervals[3] < intervals[4]  # type: ignore[operator]


def test_again_on_a_learned_card_is_a_lapse_and_comes_back_soon() -> None:
    bank = MemoryBank()
    bank.review("c", 3, T0)
    bank.review("c", 3, bank.due("c"))  # type: ignore[arg-type]  # graduates to review
    review_due = bank.due("c")
    assert review_due is not None
    lapse = bank.review("c", 1, review_due)
    assert lapse and bank.cards["c"].lapses == 1
    assert bank.due("c") - review_due < timedelta(hours=1)  # type: ignore[operator]
    assert not bank.review("c", 1, review_due + timedelta(minutes=20))  # relearning: no lapse


def test_again_on_a_new_card_is_not_a_lapse() -> None:
    bank = MemoryBank()
    assert not bank.review("c", 1, T0)
    assert bank.cards["c"].lapses == 0


def test_cram_and_skipped_attempts_leave_the_schedule_alone() -> None:
    progress = replay(
        [
            attempt("a", 3, T0),
            attempt("b", 4, T0, cram=True),
            attempt("c", None, T0, skipped=True),
        ]
    )
    assert set(progress.memory.cards) == {"a"}
    assert set(progress.first_seen) == {"a", "b"}  # a crammed card still counts as seen


def test_retrievability_falls_with_time() -> None:
    bank = MemoryBank()
    bank.review("c", 3, T0)
    bank.review("c", 3, bank.due("c"))  # type: ignore[arg-type]
    soon = bank.retrievability("c", T0 + timedelta(days=1))
    later = bank.retrievability("c", T0 + timedelta(days=60))
    assert soon is not None and later is not None and 0 < later < soon <= 1
    assert bank.retrievability("never", T0) is None


def test_state_round_trips_through_json() -> None:
    bank = MemoryBank()
    bank.review("c", 3, T0)
    bank.review("c", 1, T0 + timedelta(minutes=5))
    again = MemoryBank.from_json(bank.to_json())
    assert again.due("c") == bank.due("c")
    assert again.cards["c"].reviews == 2 and again.cards["c"].last_rating == 1
