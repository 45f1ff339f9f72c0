"""Answers that reuse a card's words to say the opposite: swapped roles, a ruled-out part
asserted, an opposite word in the point's place, a denied subject. Made-up cards (and one
shipped card) and made-up answers, none taken from the labelled set."""

from __future__ import annotations

import pytest

from nora_cli.coach.contradiction import compared_in, parallel_subjects, segments
from nora_cli.coach.matching import covered_points, judge
from nora_cli.coach.words import keys, terms
from nora_cli.core.models import KeyPoint

ENSEMBLES = (
    KeyPoint("Bagging trains models in parallel on bootstrap samples; boosting trains them one "
             "after another on the previous errors"),
    KeyPoint("Bagging mainly reduces variance; boosting mainly reduces bias"),
    KeyPoint("Both combine many weak learners into one prediction"),
)  # fmt: skip


BAGGING_BOOSTING = keys("bagging") | keys("boosting")


def test_the_pair_a_question_compares_is_found() -> None:
    assert compared_in("How do bagging and boosting differ?") == {BAGGING_BOOSTING}
    assert compared_in("Data drift vs concept drift") == {keys("data concept")}
    assert compared_in("What is bagging?") == set()


def test_the_subjects_of_parallel_clauses_are_a_pair() -> None:
    texts = [point.text for point in ENSEMBLES]
    assert BAGGING_BOOSTING in parallel_subjects(texts)


@pytest.mark.parametrize("prompt", ["How do bagging and boosting differ?", "Compare them."])
@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("Bagging lowers variance, while boosting lowers bias.", (1,)),
        ("Boosting mainly reduces variance, and bagging mainly reduces bias.", ()),
        ("Boosting trains models in parallel on bootstrap samples.", ()),
        ("Bagging fits models in parallel on bootstrap samples.", (0,)),
    ],
)
def test_roles_said_the_wrong_way_round_cover_nothing(
    prompt: str, answer: str, expected: tuple[int, ...]
) -> None:
    assert covered_points(answer, ENSEMBLES, prompt=prompt) == expected


def test_denying_what_the_card_says_of_one_of_the_pair_is_a_swap() -> None:
    answer = "Bagging never reduces variance; both combine many weak learners into one prediction."
    assert covered_points(answer, ENSEMBLES) == ()


def test_only_what_the_key_points_say_of_one_of_the_pair_counts_against_the_other() -> None:
    model_answer = "Boosting needs careful tuning of the learning rate schedule."
    answer = (
        "Bagging mainly reduces variance and needs little tuning of the learning rate schedule."
    )
    assert covered_points(answer, ENSEMBLES, model_answer=model_answer) == (1,)


def test_a_clause_is_cut_where_one_of_the_pair_is_named() -> None:
    pair = keys("static continuous")
    found = segments(terms("Static batching waits for the longest, leaving slots idle"), pair)
    assert [(named, {t.key for t in said}) for named, said in found] == [
        (keys("static"), keys("batching waits longest leaving slots idle"))
    ]
    found = segments(terms("long waits -> static; join any step -> continuous"), pair)
    assert [(named, {t.key for t in said}) for named, said in found] == [
        (keys("static"), keys("long waits")),
        (keys("continuous"), keys("join any step")),
    ]


def test_a_window_that_swaps_roles_credits_no_other_point() -> None:
    answer = (
        "Boosting mainly reduces variance; both combine many weak learners into one prediction."
    )
    assert covered_points(answer, ENSEMBLES) == ()
    assert covered_points("Both combine many weak learners into one prediction.", ENSEMBLES) == (2,)


ERRORS = (
    KeyPoint("Type I error: rejecting a true null (a false positive), with probability alpha"),
    KeyPoint("Type II error: keeping a false null (a false negative), with probability beta"),
    KeyPoint("Product framing: Type I ships a useless change; Type II drops a good one"),
)


def test_type_i_is_not_the_pronoun_and_headed_points_say_what_each_of_a_pair_is() -> None:
    assert keys("Type I, type-1, type 1") == {"type1"} and keys("Type II and type 2") == {"type2"}
    assert "type1" not in keys("I type fast")
    prompt = "What are Type I and Type II errors?"
    # The pair opens the clauses after the third point's heading, and the question names it.
    assert keys("type1 type2") in parallel_subjects([p.text for p in ERRORS], prompt)
    right = "A Type I error rejects a true null: a false positive, with probability alpha."
    assert covered_points(right, ERRORS, prompt=prompt) == (0,)
    # What the first two points say under their headings is what the swap is checked against.
    swapped = "A Type I error is a false negative, and a Type II error is a false positive."
    assert covered_points(swapped, ERRORS, prompt=prompt) == ()


def test_a_condition_before_the_name_is_said_of_it() -> None:
    from nora_cli.coach.feedback import DeckKnowledge, card_coverage
    from nora_cli.decks.loader import load_library

    library = load_library()
    card = library.card("cm-precision-vs-recall")
    assert card is not None
    knowledge = DeckKnowledge(library.cards)
    right = "If false alarms are expensive, optimise precision; if misses are, optimise recall."
    swapped = "If false alarms are expensive, optimise recall; if misses are, optimise precision."
    assert card_coverage(right, card, knowledge) == (4,)  # "choose by error cost"
    assert card_coverage(swapped, card, knowledge) == ()
    found = segments(terms("when false alarms cost a lot, precision"), keys("precision recall"))
    assert [(named, {t.key for t in said}) for named, said in found] == [
        (keys("precision"), keys("false alarms cost lot"))
    ]


CALIBRATION = (KeyPoint("Fit the calibrator on a separate split, not the training data"),)


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("Fit the calibrator on a separate held-out split, never on the training data.", (0,)),
        ("I fit the calibrator on a separate split rather than the training data.", (0,)),
        ("Fit the calibrator on a separate split, reusing the training data.", ()),
        ("Fit the calibrator on the same split as the training data.", ()),
        # the ruled-out words far apart say something else
        ("Fit it on a separate split, as training leaves the model overconfident on data.", (0,)),
    ],
)
def test_asserting_what_a_point_rules_out_contradicts_it(
    answer: str, expected: tuple[int, ...]
) -> None:
    assert covered_points(answer, CALIBRATION) == expected


NORM = (KeyPoint("Training keeps running estimates; inference uses these, not batch statistics"),)


def test_mean_and_variance_are_statistics_a_point_can_rule_out() -> None:
    wrong = "At inference it uses the mean and variance of the current batch, as in training."
    right = "At inference it uses the running estimates kept in training, not batch statistics."
    assert covered_points(wrong, NORM) == ()
    assert covered_points(right, NORM) == (0,)


SCALING = (KeyPoint("Split the data before fitting the scaler, so the test rows stay unseen"),)


def test_an_opposite_word_where_the_point_has_its_word_contradicts_it() -> None:
    assert covered_points("Split the data before you fit the scaler.", SCALING) == (0,)
    assert covered_points("Split the data after you fit the scaler.", SCALING) == ()


ON_CALL = (
    KeyPoint("Good reply: blameless postmortems and a rotation of several people"),
    KeyPoint("Worrying reply: blaming individuals, or one person always on call"),
)


def test_a_good_and_a_worrying_reply_swapped_cover_nothing() -> None:
    right = "A good sign is blameless postmortems and a rotation of several people."
    swapped = "A red flag is blameless postmortems and a rotation of several people."
    assert covered_points(right, ON_CALL) == (0,)
    assert covered_points(swapped, ON_CALL) == ()


SHADOW = (KeyPoint("Run the new model in shadow mode on live traffic before exposing users"),)


@pytest.mark.parametrize(
    "answer",
    [
        "Shadow mode on live traffic is pointless.",
        "Shadow runs on live traffic aren't needed.",
        "Shadow mode on live traffic doesn't matter.",
    ],
)
def test_a_denied_subject_is_not_credited(answer: str) -> None:
    assert covered_points(answer, SHADOW) == ()
    assert covered_points("Run it in shadow mode on live traffic first.", SHADOW) == (0,)


SWAPPED_TWICE = (
    "Boosting trains models in parallel on bootstrap samples. Bagging mainly reduces bias. "
    "Both combine many weak learners into one prediction."
)


def test_an_answer_that_swaps_roles_twice_leaves_the_ticks_to_the_user() -> None:
    judged = judge(SWAPPED_TWICE, ENSEMBLES)
    assert judged.covered == () and judged.doubt == "swapped roles" and judged.withheld == (2,)
    assert judged.swaps == (
        "Boosting trains models in parallel on bootstrap samples.",
        "Bagging mainly reduces bias.",
    )


def test_one_swap_costs_only_its_own_windows() -> None:
    once = "Boosting trains models in parallel on bootstrap samples. " + (
        "Both combine many weak learners into one prediction."
    )
    judged = judge(once, ENSEMBLES)
    assert judged.covered == (2,) and judged.doubt == "" and judged.swaps == ()


def test_a_swap_and_a_sweeping_word_together_overclaim() -> None:
    bold = (
        "Boosting trains models in parallel on bootstrap samples. Both always combine weak "
        "learners."
    )
    judged = judge(bold, ENSEMBLES)
    assert judged.doubt == "sweeping words" and judged.overclaims == ("always",)
    assert judged.swaps == ("Boosting trains models in parallel on bootstrap samples.",)


def test_a_false_claim_is_named_instead_of_the_swaps() -> None:
    wrong = ("Stacking always beats both, so neither is worth using.",)
    said = f"{SWAPPED_TWICE} Stacking always beats both, so neither is worth using."
    judged = judge(said, ENSEMBLES, pitfalls=wrong)
    assert judged.doubt == "false claim" and judged.pitfalls == (0,) and judged.swaps == ()
