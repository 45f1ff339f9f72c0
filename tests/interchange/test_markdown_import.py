"""Markdown question banks: each shape public banks use gives the right cards and nothing else.

Every fixture in tests/data/import/ is written for these tests, one per shape.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from nora_cli.interchange.importing import ImportResult, import_markdown
from nora_cli.interchange.markdown_text import drop_stray_joiners
from tests.interchange.import_helpers import assert_valid, cards, read


def imported(name: str, deck_id: str = "imp") -> ImportResult:
    return import_markdown(read(name), deck_id=deck_id, title="Imported", source=name)


def by_prompt(result: ImportResult) -> dict[str, dict[str, Any]]:
    return {card["prompt"]: card for card in cards(result)}


# ---------------------------------------------------------------------------------------------
# Bold questions with emoji difficulty markers


def test_bold_emoji_questions_become_cards_and_the_legend_does_not(tmp_path: Path) -> None:
    result = imported("emoji_bold.md")
    assert [(c["category"], c["difficulty"], c["prompt"]) for c in cards(result)] == [
        ("Basics", 1, "What is a feature?"),
        ("Basics", 1, "What is a label?"),
        ("Basics", 2, "Why split data into train and test sets?"),
        ("Basics", 2, "Which metrics fit a regression problem?"),
        ("Basics", 2, "How do you compute a running mean in one pass?"),
        ("Basics", 2, "What does a confusion matrix show?"),
        ("Basics", 2, "Is accuracy enough for rare events?"),  # "⭐️🚀": the first marker decides
        ("Trees", 1, "What does a decision tree split on?"),
        ("Trees", 3, "How would you limit the depth of a tree, and why?"),
    ]
    assert result.marked == 9
    assert_valid(result, tmp_path)


def test_no_joiner_selector_or_stray_letter_is_left_in_a_prompt() -> None:
    for card in cards(imported("emoji_bold.md")):
        assert not set(card["prompt"]) & {"\u200d", "\ufe0f", "\u2b50", "\U0001f476"}
        assert card["prompt"].endswith("?")  # "⭐️I" lost its stray letter with the marker


def test_joiners_apart_from_a_marker_go_too_but_not_inside_words() -> None:
    text = (
        "**How does it work? \u2b50\ufe0f \u200d**\n\nWell.\n\n"
        "**Is \u200d\ufe0f\u2705\ufe0f done?**\n"
    )
    found = cards(import_markdown(text, deck_id="d", title="", source="s"))
    assert [c["prompt"] for c in found] == ["How does it work?", "Is \u2705 done?"]
    devanagari = "\u0915\u094d\u200d\u0937"  # a joiner after a virama shapes the letters
    assert drop_stray_joiners(devanagari) == devanagari


def test_a_legend_gives_each_marker_its_meaning() -> None:
    """One star means medium when the legend says so, not "one star out of three"."""
    legend = "* Legend: 👶 easy ⭐ medium 🚀 expert\n\n"
    result = import_markdown(legend + "**Why? ⭐**\n\nBecause.", deck_id="d", title="", source="s")
    assert cards(result)[0]["difficulty"] == 2
    bare = import_markdown("**Why? ⭐**\n\nBecause.", deck_id="d", title="", source="s")
    assert cards(bare)[0]["difficulty"] == 1


def test_answers_keep_lists_code_tables_and_lose_images_html_and_placeholders() -> None:
    found = by_prompt(imported("emoji_bold.md"))
    assert found["Why split data into train and test sets?"]["answer"] == (
        "So that the score you report comes from rows the model never saw.\n"
        "Keep the test set untouched until the very end."
    )
    assert found["Which metrics fit a regression problem?"]["answer"].startswith(
        "- Mean squared error, which punishes large misses\n- Mean absolute error"
    )
    code = found["How do you compute a running mean in one pass?"]["answer"]
    assert "```python\ndef running_mean(values):\n    total = 0.0\n" in code
    table = found["What does a confusion matrix show?"]["answer"]
    assert "| actual yes | TP | FN |" in table
    assert found["Is accuracy enough for rare events?"]["answer"] == ""  # "Answer here"
    assert found["How would you limit the depth of a tree, and why?"]["answer"].startswith(
        "Depth limits stop the tree from memorising noise.\nCap the depth"
    )
    split = found["What does a decision tree split on?"]["answer"]
    assert split == (
        "It picks the feature and threshold that make the two children purest.\n"
        "Gini impurity and entropy are the usual measures."
    )


def test_dropped_blocks_are_listed_with_their_line() -> None:
    result = imported("emoji_bold.md")
    assert [line.split(":")[0] for line in result.dropped] == ["line 3", "line 7"]
    assert result.dropped[1].endswith("(legend)")
    assert "2 blocks outside any question dropped" in result.summary


# ---------------------------------------------------------------------------------------------
# Headings: sections or questions


def test_headings_that_ask_are_cards_and_section_headings_are_categories(tmp_path: Path) -> None:
    result = imported("headings_questions.md")
    assert [(c["category"], c["prompt"]) for c in cards(result)] == [
        ("Imported", "What is early stopping?"),
        ("Imported", "Explain weight decay"),
        ("Imported", "Implement gradient clipping by global norm."),
        ("Imported", "Why warm up the learning rate?"),
        ("Data", "How do you deal with class imbalance?"),
        ("Data", "Feature hashing"),
    ]
    assert_valid(result, tmp_path)


def test_reference_links_are_not_left_in_prompts_or_answers() -> None:
    found = by_prompt(imported("headings_questions.md"))
    assert found["What is early stopping?"]["answer"] == (
        "Stop training when the validation loss has not improved for a set number of epochs."
    )
    assert found["Explain weight decay"]["answer"] == (
        "Weight decay shrinks every weight a little at each step.\n"
        "It acts like an L2 penalty on the weights."
    )
    assert found["Implement gradient clipping by global norm."]["answer"] == ""


def test_the_intro_describes_the_deck_and_the_license_is_dropped_not_a_card() -> None:
    result = imported("headings_questions.md")
    assert result.dropped == ("line 37: MIT. (section 'License')",)
    deck = yaml.safe_load(result.deck_yaml)
    assert deck["description"] == "A list I put together while preparing for interviews."
    assert deck["title"] == "Imported"  # the title given wins over the heading


def test_without_a_title_the_one_top_heading_names_the_deck() -> None:
    text = "# Forty questions\n\nMy notes.\n\n**What is X?**\n\nA thing.\n"
    deck = yaml.safe_load(
        import_markdown(text, deck_id="d", title="", source="s", fallback_title="File").deck_yaml
    )
    assert (deck["title"], deck["description"]) == ("Forty questions", "My notes.")
    two = "# One\n\n**What is X?**\n\nA.\n\n# Two\n\n**What is Y?**\n\nB.\n"
    deck = yaml.safe_load(
        import_markdown(two, deck_id="d", title="", source="s", fallback_title="File").deck_yaml
    )
    assert (deck["title"], deck["description"]) == ("File", "Imported from s.")


def test_an_intro_with_links_or_a_question_is_not_taken_as_the_description() -> None:
    for intro in ("See [the repo](https://example.com).", "**What is X?**"):
        text = f"# Notes\n\n{intro}\n\n**What is Y?**\n\nA thing.\n"
        deck = yaml.safe_load(import_markdown(text, deck_id="d", title="", source="s").deck_yaml)
        assert deck["description"] == "Imported from s."


# ---------------------------------------------------------------------------------------------
# Numbered questions with [E]/[M]/[H] under parent statements


def test_nested_numbered_questions_keep_their_parents_context(tmp_path: Path) -> None:
    result = imported("nested_numbered.md")
    assert [(c["category"], c["difficulty"], c["prompt"]) for c in cards(result)] == [
        ("Probability", 1, "What is a random variable?"),
        ("Probability", 1, "Two dice are rolled. What is the chance that both show six?"),
        ("Probability", 2, "Two dice are rolled. What is the expected value of the larger one?"),
        (
            "Probability",
            2,
            "A coin lands heads 60 times out of 100. What is the expected value of the larger one?",
        ),
        ("Conditional probability", 1, "State Bayes' rule."),
        (
            "Conditional probability",
            2,
            "Why does a test with 99% accuracy mislead for a rare disease?",
        ),
        ("Probability", 1, "Estimators. What makes an estimator unbiased?"),
        ("Probability", 3, "Estimators. When would you accept a biased estimator?"),
        (
            "Probability",
            2,
            "Given the following joint table: | | y=0 | y=1 | Are X and Y independent? "
            "Hint: compare P(x, y) with P(x) P(y).",
        ),
        ("Probability", 2, "Look at this plot. Which distribution could have produced it?"),
        ("Probability", 3, "Derive the variance of a sum of two dependent variables."),
    ]
    assert_valid(result, tmp_path)


def test_the_difficulty_legend_and_a_non_question_item_are_dropped_with_lines() -> None:
    result = imported("nested_numbered.md")
    assert result.dropped == (
        "line 3: Difficulty: [E] easy, [M] medium, [H] hard. (legend)",
        "line 31: Not a question, a note on notation. (list item that asks nothing)",
        "line 34: *Written for practice.* (outside any question)",
    )


@pytest.mark.parametrize("marker", ["1.", "3."])
def test_numbered_lists_that_repeat_1_or_restart_all_count(marker: str) -> None:
    items = "\n".join(f"{marker} [M] Question number {n}?" for n in range(4))
    text = f"## A\n\n{items}\n\n## B\n\n1. [H] Another one?\n1. [E] And one more?\n"
    found = cards(import_markdown(text, deck_id="d", title="", source="s"))
    assert [c["difficulty"] for c in found] == [2, 2, 2, 2, 3, 1]
    assert [c["category"] for c in found] == ["A"] * 4 + ["B"] * 2


# ---------------------------------------------------------------------------------------------
# <details> answers and Q:/A: lines


def test_details_blocks_with_quoted_answers(tmp_path: Path) -> None:
    result = imported("details_quotes.md")
    found = by_prompt(result)
    assert list(found) == [
        "What is a p-value?",
        "Explain survivorship bias.",
        "What is a confidence interval?",
        "What does A/B testing compare?",
    ]
    assert found["What is a p-value?"]["answer"] == (
        "The probability, if the null hypothesis were true, of a result at least as extreme as "
        "the one observed.\nIt is not the probability that the null hypothesis is true."
    )
    assert found["What is a confidence interval?"]["answer"].startswith("A range built so")
    assert found["What does A/B testing compare?"]["answer"] == (
        "Two versions shown to random halves of the users, judged on one metric chosen in advance."
    )
    assert_valid(result, tmp_path)


def test_questions_without_blank_lines_between_them_are_split() -> None:
    text = (
        "Intro.\n**What is A?**\nAnswer A.\n**What is B?**\nAnswer B.\n\n"
        "Q: one?\nA: 1\nQ: two?\nA: 2\n"
    )
    found = cards(import_markdown(text, deck_id="d", title="", source="s"))
    assert [(c["prompt"], c["answer"]) for c in found] == [
        ("What is A?", "Answer A."),
        ("What is B?", "Answer B."),
        ("one?", "1"),
        ("two?", "2"),
    ]


# ---------------------------------------------------------------------------------------------
# The older fixtures, one shape each


MARKDOWN_CASES = [
    (
        "bold_br.md",
        ["What is overfitting?", "How does L2 regularisation help?",
         "What is a validation set for?", "Implement a running mean.",
         "Why prefer a generator here?"],
        ["Fundamentals"] * 3 + ["Coding"] * 2,
        [True, True, False, True, True],
    ),
    (
        "bold_rule.md",
        ["What is the bias-variance trade-off?", "Why shuffle before a random split?",
         "What does `__init__` do in a `Dataset<T>` wrapper?"],
        ["Imported"] * 3,
        [True, True, True],
    ),
    (
        "headings.md",
        ["Why does Adam need bias correction?", "Explain learning-rate warm-up",
         "Gradient clipping", "What is a learning-rate schedule?",
         "What problem do skip connections solve?",
         "Why does batch norm behave differently at inference?", "What is a receptive field?"],
        ["Optimisation"] * 4 + ["Residual networks"] * 2 + ["Architectures"],
        [True, True, True, False, True, True, True],
    ),
    (
        "numbered.md",
        ["What is the difference between a PDF and a PMF?", "Why can a PDF exceed 1?",
         "When does the central limit theorem fail?",
         "You flip a biased coin 100 times and see 70 heads. Is the coin fair?",
         "You flip a biased coin 100 times and see 70 heads. "
         "How many flips would you need to tell 0.55 from 0.5?",
         "What is logistic regression?", "Compare bagging and boosting."],
        ["Probability basics"] * 2 + ["Statistics"] * 3 + ["Models"] * 2,
        [False, True, False, False, False, True, True],
    ),
    (
        "emoji.md",
        ["How would you evaluate a ranking model offline?",
         "How do you handle position bias in click logs?",
         "Design a feed ranker that serves 50k QPS.", "What is data drift?",
         "How would you detect label drift when labels arrive weeks late?"],
        ["Ranking"] * 3 + ["Monitoring"] * 2,
        [True, False, True, True, False],
    ),
    (
        "details.md",
        ["What does AUC measure?", "When is accuracy misleading?", "What is data leakage?",
         "How do you split time series data?", "What is target encoding?"],
        ["Evaluation"] * 2 + ["Data"] * 3,
        [True, True, True, True, False],
    ),
    ("stray_html.md", ["What is precision?", "What is recall?"], ["Questions"] * 2, [True, True]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "prompts", "categories", "answered"),
    MARKDOWN_CASES,
    ids=[case[0] for case in MARKDOWN_CASES],
)
def test_older_shapes(
    tmp_path: Path, name: str, prompts: list[str], categories: list[str], answered: list[bool]
) -> None:
    result = imported(name)
    found = cards(result)
    assert [c["prompt"] for c in found] == prompts
    assert [c["category"] for c in found] == categories
    assert [bool(c["answer"]) for c in found] == answered
    assert_valid(result, tmp_path)


def test_an_unclosed_fence_runs_to_the_end_as_commonmark_says() -> None:
    """GitHub shows everything after an unclosed ``` as code, and so does the import."""
    [card] = cards(imported("broken_fence.md"))
    assert card["prompt"] == "What does this print?"
    assert card["answer"].startswith('```python\nprint("hi")\n\n**Is a fence ever closed?**')


# ---------------------------------------------------------------------------------------------
# Headings that ask among other questions, and headings that only hold prose


BANK = """\
# ML Interview Questions

## Basics

**What is overfitting? 👶**

Overfitting is when a model fits noise in the training data.

## Evaluation

#### 1) Why is accuracy misleading on imbalanced data? 🚀

Because a model predicting the majority class gets high accuracy.

Q: What is AUC?
A: The probability that a random positive is ranked above a random negative.

**A question with no answer? ⭐️**

## Empty section

Some prose that is not a question.
"""


def test_a_heading_that_asks_is_a_card_when_an_answer_follows_it_before_other_questions() -> None:
    result = import_markdown(BANK, deck_id="d", title="", source="bank.md")
    assert [(c["category"], c["prompt"], c["difficulty"]) for c in cards(result)] == [
        ("Basics", "What is overfitting?", 1),
        ("Evaluation", "Why is accuracy misleading on imbalanced data?", 3),
        ("Evaluation", "What is AUC?", 2),
        ("Evaluation", "A question with no answer?", 1),  # one star, and no legend
    ]
    found = by_prompt(result)
    assert found["Why is accuracy misleading on imbalanced data?"]["answer"] == (
        "Because a model predicting the majority class gets high accuracy."
    )
    assert found["What is AUC?"]["answer"].startswith("The probability that a random positive")


def test_a_heading_that_names_no_question_and_holds_only_prose_is_not_a_card() -> None:
    result = import_markdown(BANK, deck_id="d", title="", source="bank.md")
    assert "Empty section" not in by_prompt(result)
    assert result.dropped == ("line 22: Some prose that is not a question. (outside any question)",)
    assert "1 block outside any question dropped" in result.summary


@pytest.mark.parametrize(
    "heading",
    [
        "### Why does the loss go up? 🤔",
        "### Why does the loss go up?!",
        "### Why does the loss go up? :)",
        "### Q3. Explain why the loss goes up",
        "### 3) Why does the loss go up",
    ],
)
def test_a_heading_that_asks_in_any_of_the_common_ways_is_a_card(heading: str) -> None:
    text = (
        f"## Training\n\n{heading}\n\nThe learning rate is too high.\n\n**What is Adam?**\n\nX.\n"
    )
    result = import_markdown(text, deck_id="d", title="", source="s")
    found = [(c["category"], c["answer"]) for c in cards(result)]
    assert found == [("Training", "The learning rate is too high."), ("Training", "X.")]
    assert result.dropped == ()


def test_a_numbered_heading_that_names_a_topic_stays_a_category() -> None:
    text = "## 1. Basics\n\nWhat follows is easy.\n\n**What is X?**\n\nA thing.\n"
    result = import_markdown(text, deck_id="d", title="", source="s")
    assert [(c["category"], c["prompt"]) for c in cards(result)] == [("Basics", "What is X?")]
    assert result.dropped == ("line 3: What follows is easy. (outside any question)",)
