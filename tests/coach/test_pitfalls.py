"""A card's pitfalls, the wrong claims candidates often make: an answer window that makes one
credits no key point, the feedback names it, and a window that denies it is not fooled."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from rich.console import Console

from nora_cli.coach.feedback import analyse
from nora_cli.coach.matching import judge
from nora_cli.core.models import Card, KeyPoint

POINTS = (
    KeyPoint(
        "p-value = the probability of a result at least as extreme as the one observed, "
        "assuming the null hypothesis holds"
    ),
    KeyPoint("It is not the probability that the null hypothesis is true"),
    KeyPoint("Says nothing about effect size; huge samples make tiny effects significant"),
)
PITFALLS = (
    "The p-value is the probability that the null hypothesis is true.",
    "A smaller p-value means the effect is bigger.",
)
CARD = Card(
    "p-value", "What is a p-value?", "Statistics", "concept", 1, None, POINTS,
    "Under the null, how surprising the data are.", pitfalls=PITFALLS,
)  # fmt: skip


@pytest.mark.parametrize(
    ("answer", "made"),
    [
        ("The p-value is the probability that the null hypothesis is true.", (0,)),
        ("A smaller p-value means a bigger effect.", (1,)),
        ("It isn't the probability that the null hypothesis is true.", ()),
        ("A small p-value doesn't mean a big effect; big samples make tiny effects count.", ()),
        ("Under a true null hypothesis p-values are uniform.", ()),  # the heavy terms, not all
        ("The null hypothesis is either true or false.", ()),
        ("The effect was bigger in the second week.", ()),  # two words of the pitfall, not three
    ],
)
def test_a_pitfall_is_made_only_when_the_answer_claims_it(answer: str, made: tuple[int]) -> None:
    assert judge(answer, POINTS, pitfalls=PITFALLS).pitfalls == made


def test_a_window_that_makes_a_pitfall_credits_no_point() -> None:
    wrong = "The p-value is the probability of a result as extreme as the one observed, so a "
    wrong += "smaller p-value means the effect is bigger."
    assert judge(wrong, POINTS).covered == (0,)  # the words of point 1 are there
    judged = judge(wrong, POINTS, pitfalls=PITFALLS)
    assert judged.covered == () and judged.pitfalls == (1,)


def test_a_sentence_beside_a_pitfall_is_still_heard() -> None:
    answer = (
        "Huge samples make tiny effects significant, so it says nothing about effect size. "
        "The p-value is the probability that the null hypothesis is true."
    )
    judged = judge(answer, POINTS, pitfalls=PITFALLS)
    assert judged.withheld == (2,) and judged.pitfalls == (0,) and judged.covered == ()


def test_a_point_said_more_fully_than_a_pitfall_is_not_the_pitfall() -> None:
    pitfalls = ("The p-value is the probability of the observed result.",)
    answer = "The probability, assuming the null hypothesis holds, of a result at least as "
    answer += "extreme as the one observed."
    judged = judge(answer, POINTS, pitfalls=pitfalls)
    assert judged.covered == (0,) and judged.pitfalls == ()


def test_the_feedback_names_the_mistake_and_saves_it() -> None:
    from nora_cli.ui import coach_view

    result = analyse("A smaller p-value means a bigger effect.", CARD)
    assert result.mistakes == (PITFALLS[1],)
    assert result.to_record()["mistakes"] == [PITFALLS[1]]
    out = io.StringIO()
    coach_view.feedback_panel(Console(file=out, width=100, color_system=None), CARD, result)
    assert f'Possibly a common mistake (this claim is false): "{PITFALLS[1]}"' in out.getvalue()
    clean = analyse("It says nothing about effect size.", CARD)
    assert clean.mistakes == () and "common mistake" not in str(clean.to_record())


def test_a_card_without_pitfalls_is_judged_as_before() -> None:
    answer = "A smaller p-value means a bigger effect; it is not the chance the null is true."
    plain = replace(CARD, pitfalls=())
    assert analyse(answer, plain).mistakes == ()
    assert judge(answer, POINTS).covered == analyse(answer, plain).covered


def test_a_pitfall_that_says_a_word_both_ways_is_still_heard() -> None:
    points = (KeyPoint("Standardise features before k-means: distances mix their units"),)
    wrong = "Scaling features doesn't matter for k-means, since the centroids adapt to whatever "
    wrong += "units the features use."
    assert judge(wrong, points, pitfalls=(wrong,)).pitfalls == (0,)
    right = "Scaling features matters for k-means, since the centroids can't adapt to whatever "
    right += "units the features use."
    assert judge(right, points, pitfalls=(wrong,)).pitfalls == ()


def test_a_sentence_that_makes_a_pitfall_credits_nothing_with_its_neighbour() -> None:
    from nora_cli.coach.feedback import card_judgement
    from nora_cli.decks.loader import load_library

    card = load_library().card("data-feature-leakage")
    assert card is not None and card.pitfalls
    answer = (
        "A churn model that doesn't use cancellation_reason is leaking signal. "
        "Suspiciously high offline scores just mean the features are good."
    )
    signs = next(i for i, p in enumerate(card.key_points) if p.text.startswith("Warning signs"))
    judged = card_judgement(answer, card)
    assert judged.pitfalls and signs not in judged.covered
    assert signs in card_judgement(answer, replace(card, pitfalls=())).covered


def test_a_pitfall_is_read_whole_with_its_example() -> None:
    points = (KeyPoint("Aggregates are computed as of each row's prediction time"),)
    wrong = "An aggregate like purchases in the last 30 days is safe to compute once for every row."
    assert judge(wrong, points, pitfalls=(wrong,)).pitfalls == (0,)
    right = "Rolling aggregates whose window reaches past the prediction time leak the label."
    assert judge(right, points, pitfalls=(wrong,)).pitfalls == ()


def test_a_stories_pitfall_is_a_misstep_not_a_false_claim() -> None:
    from nora_cli.ui import coach_view

    story = replace(CARD, kind="behavioral")
    result = analyse("A smaller p-value means a bigger effect.", story)
    out = io.StringIO()
    coach_view.feedback_panel(Console(file=out, width=100, color_system=None), story, result)
    shown = " ".join(out.getvalue().split())
    assert "Possibly a common mistake (interviewers mark this down)" in shown
    assert "this claim is false" not in shown


def test_a_point_said_in_its_own_order_is_not_the_pitfall_that_binds_it_the_other_way() -> None:
    from nora_cli.coach.feedback import card_judgement
    from nora_cli.decks.loader import load_library

    card = load_library().card("code-running-median")
    assert card is not None
    right = card_judgement("O(log n) per insert, O(1) per median query.", card)
    assert right.pitfalls == () and 2 in right.covered
    wrong = card_judgement("Each insert is O(1) and each median query is O(log n).", card)
    assert wrong.pitfalls and 2 not in wrong.covered


def test_a_pitfall_is_one_sentence_and_its_opposite_word_is_not_it() -> None:
    pitfalls = ("For right-skewed data like revenue, the mean usually sits below the median.",)
    card = replace(CARD, pitfalls=pitfalls)
    made = "For right-skewed data like revenue the mean usually sits below the median."
    assert judge(made, card.key_points, pitfalls=pitfalls).pitfalls == (0,)
    opposite = "For right-skewed data like revenue the mean usually sits above the median."
    assert judge(opposite, card.key_points, pitfalls=pitfalls).pitfalls == ()
    split = "Revenue is right-skewed data. The mean usually sits below the median."
    assert judge(split, card.key_points, pitfalls=pitfalls).pitfalls == ()


def test_a_number_of_its_own_in_the_pitfalls_place_is_not_the_pitfall() -> None:
    from nora_cli.coach.feedback import card_judgement
    from nora_cli.decks.loader import load_library

    card = load_library().card("cm-roc-auc-meaning")
    assert card is not None
    wrong = next(i for i, p in enumerate(card.pitfalls) if p.startswith("An ROC-AUC of 0 "))
    assert card_judgement(card.pitfalls[wrong], card).pitfalls == (wrong,)
    right = "An AUC of 0.5 means random ranking and 1.0 means perfect."
    assert card_judgement(right, card).pitfalls == ()


def test_a_pitfall_split_across_contrasted_clauses_is_not_made() -> None:
    points = (KeyPoint("ReLU keeps a gradient of 1 for positive inputs, so it does not saturate"),)
    wrong = ("ReLU saturates for large positive inputs just like sigmoid.",)
    contrasted = "Sigmoid and tanh saturate, while ReLU keeps a gradient of 1 for positive inputs."
    assert judge(contrasted, points, pitfalls=wrong).pitfalls == ()
    claimed = "ReLU saturates for large positive inputs, just like sigmoid does."
    assert judge(claimed, points, pitfalls=wrong).pitfalls == (0,)
    both = "Sigmoid is fine, but ReLU saturates for large positive inputs just like sigmoid."
    assert judge(both, points, pitfalls=wrong).pitfalls == (0,)


def test_a_pitfall_that_contrasts_clauses_itself_is_still_heard() -> None:
    points = (KeyPoint("Adds ongoing label audits after the clean-up"),)
    wrong = ("I cleaned up the bad labels I found, but we didn't add any ongoing checks.",)
    said = "I cleaned up the bad labels we found, but we didn't add any ongoing checks after."
    assert judge(said, points, pitfalls=wrong).pitfalls == (0,)


def test_a_pitfall_pieced_together_from_the_far_ends_of_a_sentence_is_not_made() -> None:
    points = (KeyPoint("The median is robust to outliers; the mean is not"),)
    wrong = ("The standard deviation is the square of the variance.",)
    claimed = "The standard deviation is simply the variance squared."
    assert judge(claimed, points, pitfalls=wrong).pitfalls == (0,)
    spread = (
        "Variance is the average squared gap from the mean, divided by n minus 1 for a sample "
        "drawn from a larger population; its root gives the standard deviation."
    )
    assert judge(spread, points, pitfalls=wrong).pitfalls == ()


DROPOUT = (
    KeyPoint("Each training step zeroes a random subset of units, a different one every step"),
    KeyPoint("Inverted dropout scales the kept units by 1 / (1 - p) during training"),
    KeyPoint("At inference dropout is off and nothing is rescaled"),
)
DROPOUT_PITFALLS = (
    "Dropout stays on at inference too, so the served model behaves the same as in training.",
    "Dropout removes a fixed set of neurons chosen once at the start of training.",
)
SCALED = "Kept units are scaled by 1 / (1 - p) during training."
KEPT_ON = (
    "At inference you keep dropout switched on so the served model behaves the same as in training."
)
FIXED = "Dropout picks a fixed set of neurons once at the start of training and removes them."


def test_a_sentence_that_comes_close_to_one_pitfall_is_no_mistake_on_its_own() -> None:
    judged = judge(f"{SCALED} {KEPT_ON}", DROPOUT, pitfalls=DROPOUT_PITFALLS)
    assert judged.pitfalls == () and judged.doubt == "" and judged.near_mistakes == ()
    assert 1 in judged.covered


def test_an_answer_that_comes_close_to_two_pitfalls_is_left_for_the_user_to_tick() -> None:
    judged = judge(f"{FIXED} {KEPT_ON} {SCALED}", DROPOUT, pitfalls=DROPOUT_PITFALLS)
    assert judged.pitfalls == () and judged.covered == ()
    assert judged.doubt == "near mistakes" and judged.near_mistakes == (0, 1)
    assert 1 in judged.withheld


def test_a_near_mistake_and_a_sweeping_word_together_overclaim() -> None:
    bold = f"Kept units are always scaled by 1 / (1 - p) during training. {KEPT_ON}"
    judged = judge(bold, DROPOUT, pitfalls=DROPOUT_PITFALLS)
    assert judged.doubt == "sweeping words" and judged.covered == ()
    assert judged.overclaims == ("always",) and judged.near_mistakes == (0,)


def test_a_near_mistake_must_say_most_of_the_pitfall() -> None:
    always = "Kept units are always scaled by 1 / (1 - p) during training."
    # All of the pitfall's heaviest terms but "stays", and too little else of it
    thin = judge(
        f"{always} Dropout at inference: the network behaves oddly.",
        DROPOUT,
        pitfalls=DROPOUT_PITFALLS,
    )
    assert thin.doubt == "" and thin.near_mistakes == ()
    more = f"{always} Dropout at inference: the served network behaves oddly."
    assert judge(more, DROPOUT, pitfalls=DROPOUT_PITFALLS).near_mistakes == (0,)


def test_a_pitfall_that_names_a_term_both_ways_is_made_but_two_denied_terms_deny_it() -> None:
    points = (KeyPoint("Resample whole users, since one user's sessions are correlated"),)
    wrong = (
        "When users have many sessions, I resample individual sessions, since more rows help.",
    )
    both = (
        "When users have many sessions, resample sessions rather than users, since more rows help."
    )
    assert judge(both, points, pitfalls=wrong).pitfalls == (0,)
    denied = "When users have many sessions, I resample users, not individual sessions."
    assert judge(denied, points, pitfalls=wrong).pitfalls == ()


@pytest.mark.parametrize(
    "framing",
    [
        "A common misreading is that the p-value is the probability the null hypothesis is true.",
        "Some people think the p-value is the probability that the null hypothesis is true.",
        "Contrary to folklore, the p-value is not the probability the null hypothesis is true.",
        "It's tempting to say the p-value is the probability that the null hypothesis is true.",
    ],
)
def test_a_wrong_claim_set_up_to_be_knocked_down_is_not_made(framing: str) -> None:
    assert judge(framing, POINTS, pitfalls=PITFALLS).pitfalls == ()


def test_a_sentence_that_knocks_a_claim_down_does_not_come_close_to_it_either() -> None:
    myth = (
        "A common myth is that at inference you keep dropout switched on so the served model "
        "behaves the same as in training."
    )
    judged = judge(f"{FIXED} {myth} {SCALED}", DROPOUT, pitfalls=DROPOUT_PITFALLS)
    assert judged.near_mistakes == () and judged.doubt == ""


STORY = (
    KeyPoint("Situation: the business problem and why it mattered (money, users, scale)"),
    KeyPoint("Task: clearly separates their own responsibilities from the team's"),
    KeyPoint("Explains how the impact was measured (A/B test, holdout, or backtest)"),
)
# Set in the card's own story; a user tells the same mistakes about theirs.
STORY_PITFALLS = (
    "We built the new fraud model as a team, so it's hard to say which parts were mine.",
    "Fraud went down after launch, so I credit the whole drop to the model; we never ran a "
    "controlled test.",
)
TEAM = "Our recommender was a team effort, so it's hard to say which parts were mine."
CREDIT = "Clicks went up after launch, so I credit the whole gain to the model."


def test_sentences_that_say_no_point_but_recall_two_pitfalls_leave_the_ticks_to_the_user() -> None:
    judged = judge(f"{TEAM} {CREDIT}", STORY, pitfalls=STORY_PITFALLS)
    assert judged.pitfalls == () and judged.covered == ()
    assert judged.doubt == "near mistakes" and judged.near_mistakes == (0, 1)


def test_one_recalled_pitfall_is_no_mistake_on_its_own() -> None:
    judged = judge(f"{TEAM} Churn cost us revenue at scale.", STORY, pitfalls=STORY_PITFALLS)
    assert judged.doubt == "" and judged.near_mistakes == ()


def test_a_sentence_that_says_a_key_point_recalls_no_pitfall() -> None:
    points = (*STORY[:2], replace(STORY[2], match=("credit the gain",)))
    judged = judge(f"{TEAM} {CREDIT}", points, pitfalls=STORY_PITFALLS)
    assert judged.doubt == "" and judged.covered == (2,)


def test_a_sentence_that_denies_the_pitfall_or_says_too_little_of_it_recalls_nothing() -> None:
    denied = (
        "Clicks went up after launch and we ran a controlled test, so I credit the whole gain "
        "to the model."
    )
    thin = "Clicks went up after launch, so I credit it to the model."
    # Two words carry enough of this short pitfall's weight, but two words make no claim
    pitfalls = (*STORY_PITFALLS, "Accuracy is the metric to report on imbalanced data.")
    two_words = "Imbalanced data, though."
    for other in (denied, thin, two_words):
        judged = judge(f"{TEAM} {other}", STORY, pitfalls=pitfalls)
        assert judged.doubt == "" and judged.near_mistakes == (), other


def test_together_is_the_opposite_of_alone() -> None:
    from nora_cli.coach.feedback import card_judgement
    from nora_cli.coach.knowledge import DeckKnowledge
    from nora_cli.decks.loader import load_library

    library = load_library()
    card = library.card("prod-roll-back-model")
    assert card is not None and "alone" in card.pitfalls[2]
    knowledge = DeckKnowledge(library.cards)
    setup = "I check the old model still gets its features; if the release changed the pipeline,"
    both = f"{setup} both revert together."
    alone = f"{setup} the model alone reverts."
    assert card_judgement(both, card, knowledge).pitfalls == ()
    assert card_judgement(alone, card, knowledge).pitfalls == (2,)


def test_a_sentence_about_the_other_of_a_contrasted_pair_does_not_make_the_pitfall() -> None:
    from nora_cli.coach.feedback import card_judgement
    from nora_cli.coach.knowledge import DeckKnowledge
    from nora_cli.decks.loader import load_library

    library = load_library()
    card = library.card("mon-data-vs-concept-drift")
    assert card is not None and card.pitfalls[2].startswith("PSI or KS checks")
    knowledge = DeckKnowledge(library.cards)
    data = (
        "You can detect data drift without labels, with PSI or KS tests on features and on the "
        "score distribution. Concept drift usually needs labels, so you only see it through "
        "delayed performance metrics, or proxies."
    )
    judged = card_judgement(data, card, knowledge)
    assert judged.pitfalls == () and judged.doubt == "" and judged.near_mistakes == ()
    concept = "PSI or KS tests on the features catch concept drift the day it starts."
    assert card_judgement(concept, card, knowledge).pitfalls == (2,)
