"""Sweeping words ("always", "any", "obsolete"): where a wrong answer's false claim tends to
sit. A sentence that uses one the card never uses covers a key point only when it says nearly
all of it, and the judgement says which point it kept unticked and why. Made-up cards and
answers, none taken from the labelled set."""

from __future__ import annotations

import pytest

from nora_cli.coach.matching import OVERCLAIM_SPAN, judge
from nora_cli.coach.passage import Passage
from nora_cli.coach.words import terms
from nora_cli.core.models import KeyPoint

ROLLOUT = (
    KeyPoint("Short shadow and canary stages with automatic rollback before full traffic"),
    KeyPoint("Validate the fresh training data first: schema, volume and label rate"),
)


def test_a_sweeping_sentence_covers_a_point_only_when_it_says_nearly_all_of_it() -> None:
    loose = "A canary stage catches problems before full traffic."
    assert judge(loose, ROLLOUT).covered == (0,)
    swept = judge("A canary stage always catches problems before full traffic.", ROLLOUT)
    assert swept.covered == ()
    assert swept.sweeping == ((0, 0, "always"),)
    whole = "Short shadow and canary stages, with automatic rollback, always come before traffic."
    assert judge(whole, ROLLOUT).covered == (0,)
    assert judge(whole, ROLLOUT).sweeping == ()


def test_only_the_sweeping_sentence_is_held_to_more() -> None:
    answer = "Check the training data schema. A canary always catches problems before full traffic."
    judged = judge(answer, ROLLOUT)
    assert judged.covered == (1,)
    assert judged.sweeping == ((0, 1, "always"),)
    assert judge("Any check of the training data schema will do.", ROLLOUT).sweeping == (
        (1, 0, "any"),
    )
    # "only" is no sweeping word: it is as often right ("only catch it with labels").
    assert judge("Only check the schema of the training data.", ROLLOUT).sweeping == ()


def test_a_sweeping_word_the_card_itself_uses_is_no_overclaim() -> None:
    answer = "A canary stage always catches problems before full traffic."
    model = "Always run a canary stage before full traffic, with automatic rollback."
    judged = judge(answer, ROLLOUT, model_answer=model)
    assert judged.covered == (0,) and judged.sweeping == ()
    in_the_point = (KeyPoint("Always keep the test set at the real class ratio"),)
    assert judge("The test set always keeps the real ratio.", in_the_point).covered == (0,)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It is always fine, whatever the size.", ("always", "whatever")),
        ("Tell them early, without any delay.", ()),  # a negated "any" claims nothing
        ("Not always latency but cost.", ()),
        ("We don't always retrain.", ()),
        ("Retrain only once, anyway, whatever happens.", ("anyway", "whatever")),
    ],
)
def test_the_sweeping_words_a_sentence_uses(text: str, expected: tuple[str, ...]) -> None:
    assert Passage(terms(text), text).sweeping == expected


def test_an_answer_that_leans_on_absolute_words_is_left_for_the_user_to_tick() -> None:
    calm = "Check the training data schema first, then run a canary stage before full traffic."
    assert judge(calm, ROLLOUT).covered == (0, 1)
    sure = (
        "Check the training data schema first, never later, then run a canary stage before "
        "full traffic; nothing else is needed."
    )
    judged = judge(sure, ROLLOUT)
    assert judged.covered == () and judged.doubt == "sweeping words"
    assert judged.overclaims == ("never", "nothing") and judged.withheld == (0, 1)


def test_one_absolute_word_or_a_few_in_a_long_answer_is_no_overclaim() -> None:
    once = "Always check the training data schema first, then run a canary before full traffic."
    assert judge(once, ROLLOUT).doubt == ""
    twice = "Always check the training data schema first; always run a canary before full traffic."
    assert judge(twice, ROLLOUT).doubt == "sweeping words"
    padding = " The canary stage runs on a small share of live traffic for a day." * 8
    assert len((twice + padding).split()) > 2 * OVERCLAIM_SPAN
    assert judge(twice + padding, ROLLOUT).doubt == ""


def test_absolute_words_the_card_uses_or_that_are_negated_claim_nothing() -> None:
    said = "Always check the training data schema first; always run a canary before full traffic."
    model = "Always ship behind a canary stage."
    assert judge(said, ROLLOUT, model_answer=model).covered == (0, 1)
    hedged = "Not every team checks the training data schema; not all run a canary first."
    assert judge(hedged, ROLLOUT).doubt == ""


def test_a_never_that_negates_what_the_card_negates_is_no_overclaim() -> None:
    points = (
        KeyPoint("Does not bluff about a competing offer"),
        KeyPoint("States the number that would make them sign today"),
    )
    honest = "I'd never bluff about a competing offer. I'd only say the number that makes me sign."
    assert judge(honest, points).doubt == ""
    bold = "I'd never bother with a number. Recruiters never budge, whatever you say."
    assert judge(bold, points).doubt == "sweeping words"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The canary just delays the win and p99 doesn't matter.",
            ["just delays", "doesn't matter"],
        ),
        ("Obviously a canary is overkill here.", ["obviously", "overkill"]),
        ("Shadow traffic is noise, never a signal.", ["is noise", "never"]),
        ("Check the schema just before the cut-off; it does matter.", []),
        ("It isn't worth a canary; it's a waste of time.", ["isn't worth", "waste of"]),
        ("One rater is plenty; plenty of teams do it.", ["is plenty"]),
        ("The seed does not matter and drift adds little.", ["does not matter", "adds little"]),
        ("It ran at no extra cost, no later than May; no test caught it.", ["no"]),
        ("Pruned: ~no speedup w/o sparse kernels, roughly no gain.", []),
        (
            "Posted bands don't really matter; it's legal everywhere.",
            ["don't really matter", "everywhere"],
        ),
        ("Edge cases almost never show up; ~ every run passes.", ["never"]),
    ],
)
def test_the_words_an_answer_uses_to_wave_things_away_count_as_claims(
    text: str, expected: list[str]
) -> None:
    assert Passage(terms(text), text).absolutes == expected


def test_an_answer_that_dismisses_what_the_card_teaches_is_left_for_the_user_to_tick() -> None:
    calm = "Check the training data schema first, then run a canary stage before full traffic."
    dismissive = (
        "Check the training data schema first; a canary stage before full traffic just delays "
        "the launch, and rollback doesn't matter."
    )
    judged = judge(dismissive, ROLLOUT)
    assert judge(calm, ROLLOUT).doubt == ""
    assert judged.covered == () and judged.doubt == "sweeping words"
    assert judged.overclaims == ("just delays", "doesn't matter") and 1 in judged.withheld
    once = "Check the training data schema first; a canary before full traffic just delays it."
    assert judge(once, ROLLOUT).doubt == ""


def test_a_dismissal_the_card_itself_makes_claims_nothing() -> None:
    answer = (
        "Check the training data schema first; the exact canary share doesn't matter, "
        "obviously, as long as rollback is automatic."
    )
    assert judge(answer, ROLLOUT).doubt == "sweeping words"
    model = "The exact share of the canary doesn't matter much; what matters is rollback."
    assert judge(answer, ROLLOUT, model_answer=model).doubt == ""
