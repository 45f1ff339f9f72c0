"""How the matcher reads amounts and shorthand: one way to write an amount, and a shorthand's
expansion as one term."""

from __future__ import annotations

import pytest

from nora_cli.coach.words import keys, terms


def written(text: str) -> list[str]:
    return [term.key for term in terms(text)]


@pytest.mark.parametrize("amount", ["$20,000", "20k", "20K", "20000", "$20k"])
def test_an_amount_is_one_term_however_it_is_written(amount: str) -> None:
    assert written(f"{amount} a year") == written("20000 a year")


def test_amounts_in_a_row_and_units_are_told_apart() -> None:
    assert written("20k/60k/160k") == ["20000", "60000", "160000"]
    assert written("1.5M users")[0] == "1500000"
    assert written("16GB of weights")[:2] == ["16", "gb"]
    assert written("1/k") == ["1", "k"]  # a ratio of symbols is not an amount
    assert written("1, 2, 3") == ["1", "2", "3"]  # a list is not a thousands separator


def test_a_shorthand_and_its_expansion_are_one_term() -> None:
    assert keys("SGD") == keys("stochastic gradient descent")
    assert len(keys("SGD")) == 1
    assert keys("an ANN index") == keys("an approximate nearest neighbour index")
    # A shorthand built from a phrase stays that phrase and a word: any order matches.
    assert keys("FPR") == keys("the rate of false positives")


def test_the_mean_is_a_term_and_above_and_below_are_opposites() -> None:
    assert "mean" in keys("the mean sits above the median")
    from nora_cli.coach.words import opposites

    assert keys("below") <= opposites()[next(iter(keys("above")))]
