"""Export, import the result, and get the same cards back; the Markdown sheet renders as
written (each paragraph of an answer stays a paragraph)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from nora_cli.core.models import Card, Deck
from nora_cli.decks.loader import load_library
from nora_cli.interchange.export import export_csv, export_markdown, paragraphs
from nora_cli.interchange.importing import import_markdown, import_table
from tests.conftest import FIXTURE_QUESTIONS


def every_deck() -> list[Deck]:
    shipped = list(load_library().decks.values())
    return shipped + list(load_library(root=FIXTURE_QUESTIONS).decks.values())


def fields(card: Card) -> dict[str, Any]:
    return {
        "prompt": card.prompt,
        "answer": card.answer,
        "key_points": [point.text for point in card.key_points],
        "category": card.category,
        "difficulty": card.difficulty,
        "kind": card.kind,
        "follow_ups": list(card.follow_ups),
        "pitfalls": list(card.pitfalls),
        "curveballs": list(card.curveballs),
    }


def imported(deck_yaml: str) -> list[dict[str, Any]]:
    names = ("prompt", "answer", "key_points", "category", "difficulty", "kind", "follow_ups")
    lists = ("pitfalls", "curveballs")  # written only when the card has some
    return [
        {**{n: card[n] for n in names}, **{n: card.get(n, []) for n in lists}}
        for card in yaml.safe_load(deck_yaml)["cards"]
    ]


def test_the_round_trips_carry_pitfalls_and_curveballs() -> None:
    """The shipped decks have both, so the round trips above would lose them visibly."""
    cards = [card for deck in every_deck() for card in deck.cards]
    assert sum(bool(card.pitfalls) for card in cards) > 300
    assert sum(bool(card.curveballs) for card in cards) > 20


@pytest.mark.parametrize("deck", every_deck(), ids=lambda d: d.id)
def test_markdown_round_trip_gives_the_same_cards(deck: Deck) -> None:
    result = import_markdown(export_markdown(deck), deck_id=deck.id, title=deck.title, source="x")
    assert imported(result.deck_yaml) == [fields(card) for card in deck.cards]
    times = [c.get("time_limit") for c in yaml.safe_load(result.deck_yaml)["cards"]]
    assert times == [card.time_limit for card in deck.cards]


@pytest.mark.parametrize("deck", every_deck(), ids=lambda d: d.id)
def test_markdown_round_trip_keeps_the_title_and_description(deck: Deck) -> None:
    result = import_markdown(export_markdown(deck), deck_id="copy", title="", source="x")
    document = yaml.safe_load(result.deck_yaml)
    assert (document["title"], document["description"]) == (deck.title, deck.description.strip())
    assert result.dropped == ()


@pytest.mark.parametrize("export", [export_markdown, export_csv], ids=["markdown", "csv"])
def test_a_round_trip_keeps_card_ids_unless_another_deck_has_them(export: Any) -> None:
    """Re-importing your own deck keeps each card's history with it; a copy of a deck that
    stays loaded gets new ids, and the summary says so."""
    deck = load_library().decks["classification-metrics"]
    load = import_markdown if export is export_markdown else import_table
    own = load(export(deck), deck_id=deck.id, title="", source="x")
    kept = [card["id"] for card in yaml.safe_load(own.deck_yaml)["cards"]]
    assert kept == [card.id for card in deck.cards]
    reserved = frozenset(kept[:3])
    copy = load(export(deck), deck_id="cm", title="", source="x", reserved=reserved)
    ids = [card["id"] for card in yaml.safe_load(copy.deck_yaml)["cards"]]
    assert ids[3:] == kept[3:] and not reserved & set(ids) and len(set(ids)) == len(ids)
    assert "3 card ids of the file already used by another deck: new ids given" in copy.summary


@pytest.mark.parametrize("deck", every_deck(), ids=lambda d: d.id)
def test_csv_round_trip_gives_the_same_cards(deck: Deck) -> None:
    result = import_table(export_csv(deck), deck_id=deck.id, title=deck.title, source="x")
    assert imported(result.deck_yaml) == [fields(card) for card in deck.cards]


def test_a_round_trip_adds_no_review_marker() -> None:
    """Key points the sheet carries are the deck's own, not proposed by nora."""
    deck = load_library(root=FIXTURE_QUESTIONS).decks["metrics"]
    assert (
        "key_points_derived"
        not in import_markdown(export_markdown(deck), deck_id="m", title="M", source="x").deck_yaml
    )


def _rendered_paragraphs(markdown: str) -> list[str]:
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(markdown)
    return [t.content for t in tokens if t.type == "inline"]


def test_each_line_of_an_answer_is_its_own_paragraph() -> None:
    answer = "First paragraph.\nSecond paragraph.\n\nThird, after a blank line."
    assert _rendered_paragraphs(paragraphs(answer)) == [
        "First paragraph.",
        "Second paragraph.",
        "Third, after a blank line.",
    ]


def test_code_lists_and_tables_keep_their_lines_together() -> None:
    answer = (
        "Steps:\n- one\n- two\nCode:\n\n    def f():\n\n        return 1\n"
        "```python\nx = 1\n\ny = 2\n```\n| a | b |\n|---|---|\n| 1 | 2 |"
    )
    sheet = paragraphs(answer)
    assert "- one\n- two" in sheet
    assert "    def f():\n\n        return 1" in sheet
    assert "```python\nx = 1\n\ny = 2\n```" in sheet
    assert "| a | b |\n|---|---|\n| 1 | 2 |" in sheet
    assert "Steps:\n\n- one" in sheet and "- two\n\nCode:" in sheet


def test_the_sheet_of_a_shipped_deck_renders_answers_as_separate_paragraphs() -> None:
    deck = load_library().decks["behavioral"]
    card = next(c for c in deck.cards if c.answer.count("\n") >= 2)
    rendered = _rendered_paragraphs(export_markdown(deck))
    for line in card.answer.split("\n"):
        assert line in rendered


@pytest.mark.parametrize("export", [export_markdown, export_csv], ids=["markdown", "csv"])
def test_a_round_trip_keeps_key_points_still_to_review_marked(
    export: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Key points nora proposed and nobody reviewed come back marked `key_points_derived`;
    reviewed ones come back unmarked, through the deck file as `nora decks` reads it."""
    monkeypatch.setenv("NORA_HOME", str(tmp_path / "home"))
    proposed = import_markdown(
        "**What is overfitting?**\n\nOverfitting is when a model fits noise in the training "
        "data. It shows as a gap between training and validation error. Regularisation and "
        "more data reduce it.\n\n"
        "**What is Y?**\n\n- Y listed\n- Y twice\n",
        deck_id="mine",
        title="Mine",
        source="s",
    )
    path = tmp_path / "mine.yaml"
    path.write_text(proposed.deck_yaml, encoding="utf-8")
    deck = load_library(extra=[path]).decks["mine"]
    assert [card.key_points_derived for card in deck.cards] == [True, False]
    load = import_markdown if export is export_markdown else import_table
    again = yaml.safe_load(load(export(deck), deck_id="mine", title="", source="x").deck_yaml)
    assert [card.get("key_points_derived", False) for card in again["cards"]] == [True, False]
    assert [c["key_points"] for c in again["cards"]] == [
        [p.text for p in card.key_points] for card in deck.cards
    ]
