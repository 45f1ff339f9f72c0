"""The matcher's parts: words (spelling, shorthand, stems, synonyms, negation), the point
profiles (examples, the model answer's wording, prompt words) and the coverage rules."""

from __future__ import annotations

import pytest

from nora_cli.coach.matching import covered_points
from nora_cli.coach.profile import Corpus, profiles, split_examples
from nora_cli.coach.words import keys, rarity, terms
from nora_cli.core.models import Card, KeyPoint


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("optimisation", "optimization"),
        ("normalised", "normalized"),
        ("favour", "favor"),
        ("modelling", "modeling"),
        ("thresholds", "threshold"),
        ("cutoff", "threshold"),
        ("calibrated", "calibration"),
        ("lr", "learning rate logistic regression"),
        ("tp", "true positive"),
        ("constant time", "O(1)"),
        ("O( n log n )", "o(n log n)"),
        ("point-in-time join", "as-of join"),
        ("PIT joins", "point in time joins"),
        ("mem-bound", "memory-bound"),
        ("O(cap)", "O(capacity)"),
        ("bayes opt, wd", "Bayesian optimisation, weight decay"),
        ("k of zero", "k of 0"),
    ],
)
def test_one_idea_one_key(one: str, other: str) -> None:
    assert keys(one) == keys(other)


@pytest.mark.parametrize(
    ("one", "other"), [("sample", "average"), ("memory is bounded", "mem-bound")]
)
def test_different_ideas_keep_different_keys(one: str, other: str) -> None:
    assert keys(one) != keys(other)


def test_a_negation_governs_the_next_few_words_of_its_clause() -> None:
    found = {t.key: t.negated for t in terms("I would not use a holdout set, but a canary.")}
    assert found["holdout"] and found["set"]
    assert not found["gradual"]  # "canary": after the clause break
    found = {t.key: t.negated for t in terms("Use the running mean rather than batch statistics")}
    assert found["batch"] and found["statist"] and not found["run"]


@pytest.mark.parametrize(
    "text",
    ["Shadow mode is pointless", "so shadow mode isn't useful", "shadow mode doesn't matter"],
)
def test_a_denial_governs_its_subject_too(text: str) -> None:
    assert {t.key: t.negated for t in terms(text)}["shadow"]


def test_a_denial_of_a_pronoun_leaves_the_words_before_it_alone() -> None:
    found = {
        t.key: t.negated for t in terms("Rerunning the winner on new seeds shows it isn't luck")
    }
    assert not found["winner"] and not found["seed"] and found["luck"]


def test_everyday_words_weigh_little_and_rare_ones_fully() -> None:
    assert rarity("time") < 0.3 < 0.9 < rarity("bonferroni")
    assert rarity("k") < rarity("bonferroni")


def test_parenthesised_examples_are_alternatives_but_not_formulas() -> None:
    main, examples = split_examples("Early termination of weak trials (Hyperband, ASHA, BOHB)")
    assert "Hyperband" in examples and "Hyperband" not in main
    main, examples = split_examples("Recall = TP / (TP + FN)")
    assert "FN" in main and examples == ""


POINTS = (
    KeyPoint("Early termination of weak trials (Hyperband, ASHA, BOHB)"),
    KeyPoint("Use a held-out test set touched once"),
    KeyPoint("O(n) time and space"),
)


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("early stopping like Hyperband", (0,)),  # one example with the main claim
        ("Hyperband", ()),  # an example alone is not the claim
        ("I would keep a held-out test set and touch it once.", (1,)),
        ("I would not use a held-out test set.", ()),  # negated
        ("O(n).", (2,)),
        ("I would not say O(n).", ()),
        ("", ()),
        ("   ", ()),
    ],
)
def test_coverage_rules(answer: str, expected: tuple[int, ...]) -> None:
    assert covered_points(answer, POINTS) == expected


def test_the_model_answer_lends_its_wording_to_the_point_it_explains() -> None:
    points = (
        KeyPoint("Normalise each channel with the mini-batch mean and variance"),
        KeyPoint("Inference uses running estimates instead of batch statistics"),
    )
    model = (
        "For each channel it subtracts the batch average and divides by the standard "
        "deviation. At inference it switches to the running estimates."
    )
    answer = "Per channel, subtract the batch average and divide by the standard deviation."
    assert covered_points(answer, points) == ()
    assert covered_points(answer, points, model_answer=model) == (0,)


def test_words_of_the_prompt_weigh_less() -> None:
    points = (KeyPoint("Precision counts false alarms"), KeyPoint("Recall counts misses"))
    plain = profiles(points)[0].terms["precis"][0]
    asked = profiles(points, prompt="How do precision and recall differ?")[0].terms["precis"][0]
    assert asked == pytest.approx(plain / 2)


def test_a_term_every_deck_uses_weighs_less_than_a_rare_one() -> None:
    common = [Card(f"c{n}", "P", "C", "concept", 1, None, (KeyPoint("model tuning"),), "")
              for n in range(20)]  # fmt: skip
    rare = Card("r", "P", "C", "concept", 1, None, (KeyPoint("bonferroni tuning"),), "")
    corpus = Corpus.of([*common, rare])
    assert corpus.specificity("model") < 0.5 < corpus.specificity("bonferroni")


def test_an_opposite_word_is_not_the_point() -> None:
    point = (KeyPoint("Evict the least recently used key when over capacity"),)
    assert covered_points("evict the least recently used key over capacity", point) == (0,)
    assert covered_points("evict the most recently used key over capacity", point) == ()


@pytest.mark.parametrize(
    ("card_id", "point", "answer"),
    [
        ("lead-segment-fishing", 1, "The pre-registered primary metric was flat."),
        ("beh-production-incident", 4, "I ran a blameless postmortem and added safeguards"),
        ("rs-deployment-share", 3, "canary rollout and monitoring latency"),
        ("code-stratified-split", 2, "O(n)."),
        ("train-search-strategies", 4, "early stopping like Hyperband"),
    ],
)
def test_the_points_a_new_user_saw_missed_are_heard(card_id: str, point: int, answer: str) -> None:
    from nora_cli.coach.feedback import card_coverage
    from nora_cli.decks.loader import load_library

    card = load_library().card(card_id)
    assert card is not None
    assert point in card_coverage(answer, card)


def test_a_match_term_of_one_content_word_needs_its_words_in_order() -> None:
    point = (KeyPoint("Task: their part in the launch", match=("I owned",)),)
    assert covered_points("I owned the rollout plan.", point) == (0,)
    assert covered_points("My manager owned it and I watched.", point) == ()


def test_a_big_o_point_is_said_by_its_bound_in_words() -> None:
    points = (KeyPoint("Space is O(capacity)"), KeyPoint("Lookups are O(1)"))
    assert covered_points("Memory is bounded by the capacity.", points) == (0,)
    assert covered_points("O(cap) space.", points) == (0,)


def test_a_point_that_details_a_claim_is_covered_by_the_claim() -> None:
    points = (
        KeyPoint("Check every request on the gateway: schema, argument ranges, auth scopes"),
        KeyPoint("Direct injection: the user types instructions that override the prompt"),
    )
    assert covered_points("Gateway-side checks of each request.", points) == (0,)
    assert covered_points("There is also direct injection.", points) == ()  # a heading only
