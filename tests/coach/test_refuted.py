"""Answers that refute a point in its own words: a denial ("we never measured the outcome"), a
wrong figure ("probability 1/k" against "k/n"), and what the rest of such an answer must then
say. Made-up cards and answers, none taken from the labelled set."""

from __future__ import annotations

from nora_cli.coach.contradiction import compared_in, parallel_subjects
from nora_cli.coach.denial import denies
from nora_cli.coach.figures import figures, wrong_figure
from nora_cli.coach.matching import covered_points, judge
from nora_cli.coach.profile import profiles
from nora_cli.coach.words import keys, terms
from nora_cli.core.models import KeyPoint

STORY = (
    KeyPoint("Result: a measured outcome such as a number, a percentage or hours saved"),
    KeyPoint("A lasting change to the team process, kept after the project, such as a review gate"),
)
ROLLOUT = (
    KeyPoint("Short shadow and canary stages with automatic rollback before full traffic"),
    KeyPoint("Validate the fresh training data first: schema, volume and label rate"),
)
RESERVOIR = (
    KeyPoint("Every item ends up in the sample with probability k/n"),
    KeyPoint("One pass over the stream with O(k) memory"),
)


def negated(text: str) -> dict[str, bool]:
    return {term.word: term.negated for term in terms(text)}


def test_a_negation_ends_at_a_comma() -> None:
    found = negated("resolved without a human, the re-contact rate and CSAT")
    assert found["human"] and not found["rate"] and not found["csat"]
    assert negated("not a human or a robot")["robot"]  # within the part it still runs on


def test_saying_a_points_terms_under_a_negation_denies_it() -> None:
    assert covered_points("We measured the outcome: churn fell by 4 percent.", STORY) == (0,)
    assert covered_points("We never measured the outcome or any number.", STORY) == ()
    assert covered_points("Use a short shadow stage, then a canary with rollback.", ROLLOUT) == (0,)
    assert (
        covered_points("Skip shadow or canary stages; a retrain is the same model.", ROLLOUT) == ()
    )


def test_denying_what_the_card_itself_negates_denies_nothing() -> None:
    points = (KeyPoint("Pick the decision threshold on the validation set"),)
    answer = terms("Never pick the decision threshold on the test set.")
    assert denies(answer, profiles(points)[0], needed=0.0)
    model = "Never pick the decision threshold on the test set; that is what validation is for."
    assert not denies(answer, profiles(points, model)[0], needed=0.0)


def test_a_denial_must_outweigh_what_the_window_affirms_of_the_point() -> None:
    points = (KeyPoint("Pick the decision threshold on a held-out validation set after training"),)
    profile = profiles(points)[0]
    affirms_more = (
        "Pick it on a held-out validation set after training, not by a threshold decision."
    )
    assert not denies(terms(affirms_more), profile, needed=0.0)
    affirms_less = "Use the validation set, never picking a decision threshold at all."
    assert denies(terms(affirms_less), profile, needed=0.0)
    assert not denies(terms(affirms_less), profile, needed=100.0)


def test_figures_are_read_as_values() -> None:
    assert figures("about 64% of the time") == {"percent": frozenset({"0.64"})}
    assert figures("alpha 0.05, about 64%", decimals=True)["percent"] == {"0.05", "0.64"}
    assert "percent" not in figures("alpha 0.05")  # a decimal alone is not a percentage
    assert figures("probability k/n, not 1/k") == {"ratio": frozenset({"k/n", "1/k"})}
    assert figures("see pages 3/4 of io/net") == {"ratio": frozenset({"3/4"})}
    assert figures("it doubles; twice as many; 3x faster; quadrupled; 16 x sigma") == {
        "times": frozenset({"2", "3", "4"})
    }
    # Shorthand with a slash is no ratio: a correct "K/V heads" once read as a wrong figure.
    assert figures("mean-pool the k/v heads; i/o bound; an a/b test") == {}


def test_a_wrong_figure_refutes_the_point_and_a_right_or_the_cards_other_figure_does_not() -> None:
    point, card = figures("probability k/n"), figures("probability k/n; weights 1/w")
    assert wrong_figure(figures("probability 1/k"), point, card)
    assert not wrong_figure(figures("probability k/n"), point, card)
    assert not wrong_figure(figures("key u^(1/w)"), point, card)  # another point's figure
    assert not wrong_figure(figures("no figure at all"), point, card)
    assert covered_points("Each item ends up in the sample with probability k/n.", RESERVOIR) == (
        0,
    )
    assert covered_points("Each item ends up in the sample with probability 1/k.", RESERVOIR) == ()


def test_a_percentage_matches_the_points_decimal() -> None:
    points = (KeyPoint("With 20 tests at alpha 0.05, the chance of a false positive is about 64%"),)
    assert covered_points(
        "20 tests at 5% alpha give a false positive chance near 64%.", points
    ) == (0,)
    assert covered_points("20 tests at alpha 0.05 give a false positive chance of 5%.", points) == (
        0,
    )
    assert (
        covered_points("20 tests at alpha 0.05 give a false positive chance of 20%.", points) == ()
    )


def test_after_a_refutation_no_point_is_ticked_and_what_was_said_is_withheld() -> None:
    denial = "We never measured the outcome or any number."
    fully = "We changed the process after the project."
    assert covered_points(fully, STORY) == (1,)
    judged = judge(f"{denial} {fully}", STORY)
    assert judged.covered == () and judged.withheld == (1,) and judged.doubt == "false claim"


def test_a_question_that_asks_how_one_thing_differs_from_another_names_a_pair() -> None:
    sgd = terms("SGD")[0].key  # "stochastic gradient descent": its first term
    assert compared_in("How does Adam differ from SGD with momentum?") == {keys("adam") | {sgd}}
    served = "How does serving a large language model differ from serving a conventional model?"
    assert compared_in(served) == {keys("large conventional")}


def test_boosting_is_not_a_word_for_increase() -> None:
    assert keys("boosting") != keys("increase")
    assert keys("raise") == keys("increase")


def test_an_opposite_word_the_model_answer_uses_contradicts_nothing() -> None:
    points = (KeyPoint("Larger batches give less noisy gradients and better hardware use"),)
    answer = "Smaller batches give less noisy gradients and better hardware use."
    assert covered_points(answer, points) == ()  # "smaller" where the point says "larger"
    model = "Larger batches average out noise. Smaller batches add gradient noise."
    # The card says "smaller batches" itself: the words alone no longer tell the answer wrong.
    assert covered_points(answer, points, model_answer=model) == (0,)


def test_words_that_open_two_clauses_once_are_not_a_pair_the_card_contrasts() -> None:
    points = [
        "Each draft is accepted with some probability; at the first rejection another is drawn",
        "The draft model is small, and a rejection ends the run of drafts",
    ]
    assert parallel_subjects(points) == set()
    assert parallel_subjects(points, "How do drafts and rejections relate?") == {
        keys("draft") | keys("rejection")
    }


def test_a_swap_covers_nothing_but_leaves_the_rest_of_the_answer_as_strict_as_before() -> None:
    """Swaps are read from the card's structure and now and then fire on a correct wording, so
    unlike a denial they do not make the rest of the answer prove more."""
    points = (
        KeyPoint("Bagging trains models in parallel; boosting trains them one after another"),
        KeyPoint(
            "A lasting change to the team process, kept after the project, such as a review gate"
        ),
    )
    prompt = "How do bagging and boosting differ?"
    partly = "We changed the team process."
    swap = "Boosting trains models in parallel, and bagging one after another."
    assert covered_points(swap, points, prompt=prompt) == ()
    assert covered_points(f"{swap} {partly}", points, prompt=prompt) == (1,)


def test_a_denial_of_the_model_answers_words_only_blocks_its_sentence() -> None:
    """Denying words that only the model answer lends a point (not the point's own) is weaker
    evidence: the sentence credits nothing, and the panel says nothing of it, so the rest of
    the answer is judged as usual rather than more strictly."""
    from nora_cli.coach.feedback import card_judgement
    from nora_cli.decks.loader import load_library

    card = load_library().card("stat-peeking")
    assert card is not None
    aside = "It is not the probability that the null is true."
    partly = "Peeking means checking the test repeatedly and stopping early."  # under 75%
    judged = card_judgement(f"{aside} {partly}", card)
    assert judged.covered == (0,) and judged.refuted == ()


def test_a_formula_with_the_sides_of_a_minus_or_division_swapped_refutes_the_point() -> None:
    from nora_cli.coach.formulas import flipped, formulas

    points = (
        KeyPoint("Gradient of the mean log loss is X^T (p - y) / n for the weights"),
        KeyPoint("Standardise the features so one learning rate suits every weight"),
    )
    assert covered_points("The weights' gradient is X^T (p - y) / n.", points) == (0,)
    assert covered_points("The weights' gradient is X^T (y - p) / n.", points) == ()
    assert flipped(formulas("k / n"), formulas("n / k")) is False  # too short to be a formula
    assert flipped(formulas("(b - a) / n"), formulas("(a - b) / n"))
    assert not flipped(formulas("(a - b) / n, or (b - a) / n"), formulas("(a - b) / n"))
    assert not flipped(formulas("(a + b) / n"), formulas("(b + a) / n"))  # a sum commutes


def test_a_negated_dismissing_verb_denies_its_subject() -> None:
    assert negated("so the registry doesn't need a data reference")["registry"]
    assert negated("erasure requests don't apply to copies")["erasure"]
    assert not negated("the registry needs a data reference")["registry"]
    assert not negated("the registry doesn't store the data")["registry"]


def test_a_wrong_multiple_refutes_the_point() -> None:
    points = (KeyPoint("n scales with 1 / delta^2: halving the MDE quadruples the sample"),)
    assert covered_points("Halving the MDE quadruples the sample size.", points) == (0,)
    assert covered_points("Halving the MDE four-folds, 4x, the sample.", points) == (0,)
    assert covered_points("Halving the MDE only doubles the sample size.", points) == ()


def test_a_worked_example_of_the_answers_own_is_not_a_wrong_figure() -> None:
    point = figures("so only about 15% of flagged cases are fraud")
    card = figures("1% prevalence, 90% sensitivity, 5% false positive rate: about 15%")
    assert wrong_figure(figures("1% prevalence: only about 30% of flagged cases"), point, card)
    own = figures("1% prevalence, 99% sensitivity, 95% specificity: about 17%")
    assert not wrong_figure(own, point, card)


def test_a_skipped_step_is_said_the_way_a_point_that_skips_it_says_it() -> None:
    points = (KeyPoint("Dynamic loss scaling skips the step and lowers the scale on inf or NaN"),)
    said = "With fp16 you skip steps with inf or NaN gradients while lowering the loss scale."
    assert judge(said, points).refuted == () and covered_points(said, points) == (0,)


def test_below_where_the_point_says_exceed_is_said_the_wrong_way_round() -> None:
    points = (KeyPoint("When per-layer Jacobian norms exceed 1, the gradient grows with depth"),)
    assert covered_points("Jacobian norms above 1 make the gradient grow with depth.", points) == (
        0,
    )
    assert covered_points("Jacobian norms below 1 make the gradient grow with depth.", points) == ()


def test_disabled_denies_what_it_follows() -> None:
    said = negated("at inference it's a forward pass, gradients disabled")
    assert said["gradients"] and not said["forward"] and not said["pass"]
