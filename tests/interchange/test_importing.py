"""Importing Markdown notes and tables: every shape gives the right cards and a valid deck."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
import yaml

from nora_cli.core.errors import DeckError
from nora_cli.decks.check import SLUG
from nora_cli.interchange.importing import SCHEMA_URL, ImportResult, import_markdown, import_table
from tests.interchange.import_helpers import assert_valid, cards, read


def markdown(name: str, deck_id: str = "imp") -> ImportResult:
    return import_markdown(read(name), deck_id=deck_id, title="Imported", source=name)


def table(name: str, deck_id: str = "imp", **kwargs: Any) -> ImportResult:
    return import_table(read(name), deck_id=deck_id, title="Imported", source=name, **kwargs)


def test_imported_cards_have_the_documented_defaults() -> None:
    for card in cards(markdown("bold_br.md")):
        assert card["kind"] == "concept"
        assert card["follow_ups"] == []
        assert card["tags"] == ["imported"]
        assert "time_limit" not in card
        assert SLUG.match(card["id"]) and card["id"].startswith("imp-")
        assert len(card["id"]) <= 60


def test_yaml_starts_with_the_schema_comment_and_has_no_anchors() -> None:
    text = markdown("bold_br.md").deck_yaml
    assert text.splitlines()[0] == f"# yaml-language-server: $schema={SCHEMA_URL}"
    assert "&id" not in text and "*id" not in text


def test_the_same_question_in_two_categories_is_two_cards() -> None:
    text = "## Trees\n\n**How do you pick k?**\n\n## Clustering\n\n**How do you pick k?**\n"
    result = import_markdown(text, deck_id="k", title="K", source="s")
    assert [(c["category"], c["prompt"]) for c in cards(result)] == [
        ("Trees", "How do you pick k?"),
        ("Clustering", "How do you pick k?"),
    ]


def test_duplicate_prompts_get_numbered_ids_and_exact_copies_are_dropped() -> None:
    text = (
        "**What is X?**\n\nOne.\n\n---\n\n**What is X?**\n\nTwo.\n\n---\n\n**What is X?**\n\nOne.\n"
    )
    result = import_markdown(text, deck_id="dup", title="D", source="s")
    assert [c["id"] for c in cards(result)] == ["dup-what-is-x", "dup-what-is-x-2"]
    assert "1 duplicate question dropped" in result.summary


def test_long_questions_get_ids_cut_at_a_word() -> None:
    question = "Why " + " ".join(["very"] * 40) + " long?"
    result = import_markdown(f"**{question}**\n\nYes.", deck_id="d", title="T", source="s")
    [card] = cards(result)
    assert len(card["id"]) <= 60 and SLUG.match(card["id"])
    assert not card["id"].endswith("-")


def test_questions_without_ascii_letters_still_get_an_id(tmp_path: Path) -> None:
    result = import_markdown(
        "**什么是过拟合\uff1f**\n\n训练集上很好。", deck_id="zh", title="T", source="s"
    )
    [card] = cards(result)
    assert card["id"] == "zh-q1" and card["prompt"] == "什么是过拟合\uff1f"
    assert_valid(result, tmp_path)


def test_the_deck_id_is_made_a_slug_and_an_empty_one_is_refused() -> None:
    result = import_markdown("**Why?**\n\nBecause.", deck_id="My Notes!", title="", source="s")
    doc = yaml.safe_load(result.deck_yaml)
    assert doc["id"] == "my-notes" and doc["title"] == "my-notes"
    with pytest.raises(DeckError, match="deck id"):
        import_markdown("**Why?**", deck_id="!!!", title="T", source="s")


@pytest.mark.parametrize("name", ["empty.md", "prose.md"])
def test_nothing_usable_raises_a_deck_error_naming_the_shapes(name: str) -> None:
    with pytest.raises(DeckError) as caught:
        markdown(name)
    assert name in caught.value.message
    assert "bold question lines" in caught.value.message
    assert "list items" in caught.value.message


def test_binary_junk_gives_a_valid_deck(tmp_path: Path) -> None:
    """Its one bold question line sits inside a paragraph of junk: still a question."""
    result = markdown("junk.bin")
    assert [c["prompt"] for c in cards(result)] == ["what?"]
    assert_valid(result, tmp_path)


def _fragments() -> list[str]:
    return [
        "# Title",
        "## Section ?",
        "### [E] What is it",
        "**Q?**",
        "**1. Numbered**",
        "1. [H] Why?",
        "    - nested",
        "  2) item?",
        "- 🟢 emoji?",
        "```",
        "~~~~",
        "<br/>",
        "---",
        "<details><summary>Hidden?</summary>",
        "</details>",
        "<!--",
        "-->",
        "![img](x.png)",
        "[link](http://x)",
        "Q: question",
        "A: answer",
        "\x00\x01\x7f",
        "\ud800",
        "\u2028",
        "\ufeff",
        "",
        "plain text",
        "****",
        "** **",
        "#",
        "| a | b |",
        "    indented code",
        "\t- tab item?",
        "⭐⭐⭐⭐⭐ many stars?",
    ]


def test_random_markdown_never_raises_anything_but_deck_error(tmp_path: Path) -> None:
    rng = random.Random(20261127)
    fragments = _fragments()
    for round_ in range(300):
        text = "\n".join(rng.choice(fragments) for _ in range(rng.randrange(1, 30)))
        try:
            result = import_markdown(text, deck_id="fuzz", title="Fuzz", source="fuzz")
        except DeckError:
            continue
        found = cards(result)
        assert all(c["prompt"].strip() for c in found)
        if round_ % 25 == 0:
            assert_valid(result, tmp_path)


# ---------------------------------------------------------------------------------------------
# Tables


def test_csv_with_odd_headers_and_quoting(tmp_path: Path) -> None:
    result = table("odd_headers.csv")
    found = cards(result)
    assert [c["prompt"] for c in found] == [
        "What is a p-value?",
        'Explain "regularisation" in one line',
        "What is dropout?",
        "Name two ranking metrics",
    ]
    assert found[0]["answer"] == (
        "The probability, under the null hypothesis, of data at least as extreme as observed."
    )
    assert found[1]["answer"] == "It penalises complexity:\nsimpler models generalise better."
    assert [c["category"] for c in found] == ["Statistics", "Models", "Deep Learning", "Imported"]
    assert [c["difficulty"] for c in found] == [1, 3, 2, 2]
    assert found[0]["tags"] == ["stats", "testing", "imported"]
    assert found[3]["tags"] == ["ranking", "metrics", "imported"]
    for line in (
        "5 from table rows",
        "delimiter: comma",
        "1 row without a question dropped",
        "1 unreadable difficulty set to 2",
        "1 duplicate question dropped",
        "1 without an answer",
    ):
        assert line in result.summary
    assert_valid(result, tmp_path)


@pytest.mark.parametrize(
    ("name", "prompts", "answers", "categories", "delimiter"),
    [
        (
            "cards.tsv",
            ["2 + 2?", "Capital of France?"],
            ["Four", "Paris"],
            ["Arithmetic", "Geography"],
            "tab",
        ),
        (
            "semicolon.csv",
            ["AUC", "F1"],
            ["Area under the ROC curve", "Harmonic mean of precision and recall"],
            ["Imported", "Imported"],
            "semicolon",
        ),
        (
            "headerless.csv",
            ["What is a confusion matrix?", "What is log loss?"],
            [
                "A table of predicted against actual classes",
                "Cross-entropy of predicted probabilities, averaged",
            ],
            ["Imported", "Imported"],
            "comma",
        ),
    ],
)
def test_tables_are_sniffed_and_mapped(
    tmp_path: Path,
    name: str,
    prompts: list[str],
    answers: list[str],
    categories: list[str],
    delimiter: str,
) -> None:
    result = table(name)
    found = cards(result)
    assert [c["prompt"] for c in found] == prompts
    assert [c["answer"] for c in found] == answers
    assert [c["category"] for c in found] == categories
    assert f"delimiter: {delimiter}" in result.summary
    assert_valid(result, tmp_path)


def test_an_explicit_delimiter_wins_over_sniffing() -> None:
    text = "question|answer\nWhat, exactly?|This\n"
    found = cards(import_table(text, deck_id="d", title="T", source="s", delimiter="|"))
    assert [(c["prompt"], c["answer"]) for c in found] == [("What, exactly?", "This")]


def test_anki_plain_text_export_with_html(tmp_path: Path) -> None:
    result = table("anki_notes.txt")
    found = cards(result)
    assert [c["prompt"] for c in found] == [
        "What is batch norm?",
        'What does "ReLU" stand for?',
        "Adam combines momentum and RMSProp",
    ]
    assert found[0]["answer"] == (
        "Normalises activations per batch.\nUses running stats at inference.\n\n"
        'See "BN paper" & follow-ups.'
    )
    assert found[1]["answer"] == "Rectified linear unit\nmax(0, x)"
    assert found[2]["answer"] == ""
    assert found[0]["tags"] == ["deep-learning", "normalisation", "imported"]
    assert "Anki plain-text export with HTML fields" in result.summary
    assert_valid(result, tmp_path)


def test_anki_export_with_notetype_deck_and_tags_columns(tmp_path: Path) -> None:
    result = table("anki_columns.txt")
    found = cards(result)
    assert [c["prompt"] for c in found] == [
        "What is precision?",
        "What is recall?",
        "What is variance?",
    ]
    assert [c["answer"] for c in found][:2] == ["TP / (TP + FP)", "TP / (TP + FN)"]
    assert [c["category"] for c in found] == ["Metrics", "Metrics", "Stats"]
    assert found[0]["tags"] == ["metrics", "company:google", "imported"]
    assert_valid(result, tmp_path)


def test_table_columns_for_kind_time_points_and_follow_ups(tmp_path: Path) -> None:
    text = (
        "prompt,kind,time_limit,key_points,follow_ups,answer\n"
        'Design a cache,design,600,"LRU | TTL | sizing","What about writes?",Use LRU.\n'
        "Odd row,poem,5,,,\n"
    )
    found = cards(import_table(text, deck_id="d", title="T", source="s"))
    assert found[0]["kind"] == "design" and found[0]["time_limit"] == 600
    assert found[0]["key_points"] == ["LRU", "TTL", "sizing"]
    assert found[0]["follow_ups"] == ["What about writes?"]
    assert found[1]["kind"] == "concept" and "time_limit" not in found[1]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.csv", "no rows"),
        ("wrong_columns.csv", "names no question column"),
    ],
)
def test_unusable_tables_raise_deck_error(name: str, message: str) -> None:
    with pytest.raises(DeckError, match=message):
        table(name)


def test_a_broken_quote_is_reported_not_merged_into_one_card() -> None:
    """More cases in test_table_rows."""
    with pytest.raises(DeckError, match=r"^broken_quote.csv line 2: a quoted field opens here"):
        table("broken_quote.csv")


def test_random_tables_never_raise_anything_but_deck_error() -> None:
    rng = random.Random(7)
    pieces = [
        "question",
        "answer",
        "tags",
        '"',
        '""',
        ",",
        "\t",
        ";",
        "\n",
        "#html:true\n",
        "#separator:tab\n",
        "<br>",
        "x?",
        " ",
        "\x00",
        "#tags column:9\n",
        "\r\n",
    ]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 40)))
        try:
            result = import_table(text, deck_id="fuzz", title="Fuzz", source="fuzz")
        except DeckError:
            continue
        assert all(c["prompt"].strip() for c in cards(result))


def test_an_id_column_of_plain_numbers_is_not_taken_for_card_ids() -> None:
    text = "id,question,answer\n1,What is X?,A thing.\nq-2,What is Y?,Another.\n"
    deck = yaml.safe_load(import_table(text, deck_id="d", title="T", source="s").deck_yaml)
    assert [card["id"] for card in deck["cards"]] == ["d-what-is-x", "q-2"]


def test_a_row_with_curveballs_and_no_kind_becomes_a_valid_design_card(tmp_path: Path) -> None:
    text = (
        "question,answer,curveballs\n"
        '"Design a feed ranker","Retrieve, rank, re-rank.","Now it must run on device"\n'
    )
    result = import_table(text, deck_id="imp", title="Imported", source="bank.csv")
    [card] = cards(result)
    assert (card["kind"], card["curveballs"]) == ("design", ["Now it must run on device"])
    assert_valid(result, tmp_path)
