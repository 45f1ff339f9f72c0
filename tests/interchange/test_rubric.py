"""Imported cards get a rubric: an answer's list gives the key points; otherwise nora proposes
some of its sentences and marks them as derived, so the user knows to review them."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from nora_cli.decks.check import DERIVED_FIELD
from nora_cli.decks.loader import load_library, validate
from nora_cli.decks.schema import deck_schema
from nora_cli.interchange.importing import import_markdown, import_table
from nora_cli.interchange.rubric import MAX_DERIVED, propose


def test_a_list_answer_gives_its_items_as_key_points() -> None:
    answer = "Three options:\n- **Resample** the classes\n- Weight the loss\n- Pick a metric"
    rubric = propose(answer)
    assert rubric.points == ("Resample the classes", "Weight the loss", "Pick a metric")
    assert not rubric.derived


def test_long_list_items_are_cut_to_their_first_sentence() -> None:
    item = "Bagging averages models trained on resamples. " + "It also cuts variance a lot. " * 10
    rubric = propose(f"- {item}\n- Boosting fits models one after another.")
    assert rubric.points[0] == "Bagging averages models trained on resamples."


def test_prose_gives_derived_sentences_in_their_order() -> None:
    answer = (
        "Dropout switches off random units during training. "
        "That stops units from relying on each other. "
        "At inference every unit is on and activations are scaled. "
        "It acts like averaging many thinner networks. "
        "See the paper."
    )
    rubric = propose(answer)
    assert rubric.derived
    assert len(rubric.points) == MAX_DERIVED
    assert rubric.points[0] == "Dropout switches off random units during training."
    assert "See the paper." not in rubric.points


def test_code_tables_and_introductions_are_never_key_points() -> None:
    answer = (
        "Keep a running total:\n```python\ntotal = sum(values)\n```\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\nThe mean is the total divided by the count."
    )
    assert propose(answer).points == ("The mean is the total divided by the count.",)
    assert propose("```\nonly code\n```").points == ()


def test_a_placeholder_answer_is_no_answer_and_gives_no_key_points() -> None:
    result = import_markdown("**What is X?**\n\nAnswer here\n", deck_id="d", title="", source="s")
    [card] = yaml.safe_load(result.deck_yaml)["cards"]
    assert card["answer"] == "" and card["key_points"] == []
    assert DERIVED_FIELD not in card


def test_the_deck_marks_derived_cards_and_counts_both_kinds() -> None:
    text = (
        "**Which losses suit classification?**\n\n- Cross-entropy\n- Hinge loss\n- Focal loss\n\n"
        "**Why normalise inputs?**\n\nGradient steps behave the same in every direction. "
        "Training converges in fewer steps.\n"
    )
    result = import_markdown(text, deck_id="d", title="", source="s")
    listed, derived = yaml.safe_load(result.deck_yaml)["cards"]
    assert DERIVED_FIELD not in listed and listed["key_points"][0] == "Cross-entropy"
    assert derived[DERIVED_FIELD] is True
    assert (result.with_key_points, result.derived) == (2, 1)


def test_table_imports_get_key_points_from_their_answers_too() -> None:
    text = "question,answer\nWhat is recall?,The share of real positives that the model finds.\n"
    result = import_table(text, deck_id="t", title="", source="s")
    [card] = yaml.safe_load(result.deck_yaml)["cards"]
    assert card["key_points"] == ["The share of real positives that the model finds."]
    assert card[DERIVED_FIELD] is True


def test_the_validator_and_the_schema_know_the_marker(tmp_path: Path) -> None:
    text = "**Why normalise inputs?**\n\nSo that gradient steps behave alike in every direction.\n"
    deck = import_markdown(text, deck_id="d", title="D", source="s").deck_yaml
    path = tmp_path / "d.yaml"
    path.write_text(deck, encoding="utf-8")
    report = validate([path])
    assert report.problems == []
    assert [w for w in report.warnings if "unknown key" in w] == []
    [review] = [w for w in report.warnings if "proposed by nora" in w]
    assert review.startswith(f"{path}:") and f"delete '{DERIVED_FIELD}: true'" in review
    assert list(Draft202012Validator(deck_schema()).iter_errors(yaml.safe_load(deck))) == []
    path.write_text(deck.replace(f"{DERIVED_FIELD}: true", f"{DERIVED_FIELD}: maybe"))
    [problem] = validate([path]).problems
    assert f"field '{DERIVED_FIELD}' must be true or false" in problem


@pytest.mark.parametrize(
    ("answer", "covered"),
    [
        ("Cross-entropy punishes confident mistakes, and focal loss focuses on hard cases.", True),
        ("I would use a random forest with a deep tree.", False),
    ],
)
def test_the_coach_judges_imported_cards_like_shipped_ones(
    nora_home: Path, answer: str, covered: bool
) -> None:
    from nora_cli.coach.feedback import analyse

    text = (
        "**Which losses suit classification?**\n\n"
        "- Cross-entropy punishes confident mistakes\n- Hinge loss keeps a margin\n"
        "- Focal loss focuses on hard examples\n"
    )
    folder = nora_home / "decks"
    folder.mkdir(parents=True)
    deck = import_markdown(text, deck_id="losses", title="Losses", source="s").deck_yaml
    (folder / "losses.yaml").write_text(deck, encoding="utf-8")
    [card] = load_library().decks["losses"].cards
    feedback = analyse(answer, card)
    assert bool(feedback.covered) is covered
    if covered:
        assert set(feedback.covered) == {0, 2}
