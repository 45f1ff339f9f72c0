"""The matcher on the labelled answers (tests/data/feedback_labels): a floor under the figures
bench/bench_matcher.py reports, so a change that makes it hear less or tick wrongly fails here.

Floors, not the targets: on the held-out half (189 cards) the matcher reaches precision 0.96,
recall 0.80 and 0.27 ticks per wrong answer, 0.22 of them not labelled (the issue's targets
are 0.85, 0.75 and 0.3); the panel calls 7 of the 567 right or partly right answers a
possible common mistake, and leaves the ticks of 13 of them to the user (of 154 of the 189
wrong answers)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from bench_matcher import Tally, default_judge, load_labels, measure


@pytest.fixture(scope="module")
def tallies() -> dict[tuple[str, str], Tally]:
    return measure(load_labels(), default_judge())


def test_the_labelled_set_spans_both_halves_and_every_answer_type() -> None:
    labels = load_labels()
    assert len({item.card_id for item in labels}) >= 40
    assert {(item.split, item.kind) for item in labels} == {
        (split, kind)
        for split in ("tune", "heldout")
        for kind in ("strong", "partial", "terse", "wrong")
    }


@pytest.mark.parametrize("split", ["tune", "heldout"])
def test_the_matcher_stays_above_its_floors(
    tallies: dict[tuple[str, str], Tally], split: str
) -> None:
    overall, wrong = tallies[split, "all"], tallies[split, "wrong"]
    assert overall.precision >= 0.85
    assert overall.recall >= 0.75
    assert wrong.ticks_per_answer <= 0.35
    assert wrong.false_ticks_per_answer <= 0.3


@pytest.mark.parametrize("split", ["tune", "heldout"])
def test_ticks_are_left_to_the_user_on_wrong_answers_and_rarely_on_others(
    tallies: dict[tuple[str, str], Tally], split: str
) -> None:
    wrong = tallies[split, "wrong"]
    others = [tallies[split, kind] for kind in ("strong", "partial", "terse")]
    assert wrong.doubted >= wrong.answers // 2
    assert sum(tally.doubted for tally in others) <= 0.04 * sum(t.answers for t in others)


@pytest.mark.parametrize("split", ["tune", "heldout"])
def test_pitfalls_are_called_out_on_wrong_answers_and_rarely_on_others(
    tallies: dict[tuple[str, str], Tally], split: str
) -> None:
    wrong = tallies[split, "wrong"]
    others = [tallies[split, kind] for kind in ("strong", "partial", "terse")]
    assert wrong.flagged >= 0.3 * wrong.answers
    assert sum(tally.flagged for tally in others) <= 0.025 * sum(t.answers for t in others)
