"""Exports: the Markdown sheet, the CSV columns, the Anki package and the history files (the
round trips are in test_round_trip)."""

from __future__ import annotations

import csv
import html
import io
import json
import sqlite3
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from nora_cli.core.models import Deck
from nora_cli.core.records import Attempt
from nora_cli.decks.loader import load_library
from nora_cli.interchange.export import (
    CSV_COLUMNS,
    HistoryCsv,
    HistoryJson,
    export_anki,
    export_csv,
    export_markdown,
    history_extra_columns,
)
from tests.conftest import FIXTURE_QUESTIONS
from tests.helpers import T0, attempt


@pytest.fixture
def deck() -> Deck:
    """The fixture deck, its first card given pitfalls and curveballs."""
    metrics = load_library(root=FIXTURE_QUESTIONS).decks["metrics"]
    first = replace(
        metrics.cards[0],
        pitfalls=("Precision is the share of actual positives the model finds.",),
        curveballs=("Positives are now one in ten thousand.",),
    )
    return replace(metrics, cards=(first, *metrics.cards[1:]))


@pytest.fixture
def shipped() -> list[Deck]:
    return list(load_library().decks.values())


def test_markdown_sheet_has_every_prompt_point_answer_and_list(deck: Deck) -> None:
    sheet = export_markdown(deck)
    assert sheet.startswith(f"# {deck.title}\n\n{deck.description}\n")
    for category in deck.categories:
        assert f"\n## {category}\n" in sheet
    for card in deck.cards:
        assert card.prompt in sheet
        assert card.answer in sheet
        for point in card.key_points:
            assert point.text in sheet
        for question in card.follow_ups:
            assert f"- {question}" in sheet
        for claim in card.pitfalls:  # under a heading that says they are false
            assert f"- {claim}" in sheet
        if card.pitfalls:
            assert "**Common mistakes (false claims)**" in sheet
        for curveball in card.curveballs:
            assert f"- {curveball}" in sheet


def test_markdown_sheet_of_every_shipped_deck_names_every_prompt(shipped: list[Deck]) -> None:
    for deck in shipped:
        sheet = export_markdown(deck)
        for card in deck.cards:
            assert " ".join(card.prompt.split()) in sheet


def test_csv_has_the_documented_header_and_one_row_per_card(deck: Deck) -> None:
    rows = list(csv.reader(io.StringIO(export_csv(deck))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == len(deck.cards) + 1
    first = dict(zip(rows[0], rows[1], strict=True))
    card = deck.cards[0]
    assert first["id"] == card.id and first["prompt"] == card.prompt
    assert first["key_points"] == " | ".join(p.text for p in card.key_points)
    assert first["tags"] == " ".join(card.tags)
    assert first["time_limit"] == str(card.time_limit)
    assert first["pitfalls"] == card.pitfalls[0] and first["curveballs"] == card.curveballs[0]


def _notes(path: Path) -> list[tuple[str, str, str]]:
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
        database = "collection.anki21" if "collection.anki21" in names else "collection.anki2"
        data = package.read(database)
    copy = path.with_suffix(".sqlite")
    copy.write_bytes(data)
    with sqlite3.connect(copy) as connection:
        rows = connection.execute("SELECT guid, flds, tags FROM notes ORDER BY id").fetchall()
    return [(str(guid), str(fields), str(tags)) for guid, fields, tags in rows]


def test_anki_package_has_one_note_per_card_with_prompt_and_points(
    deck: Deck, tmp_path: Path
) -> None:
    tagged = replace(deck.cards[0], tags=("guide", "company:google", "two words"))
    deck = replace(deck, cards=(tagged, *deck.cards[1:]))
    path = tmp_path / "metrics.apkg"
    export_anki(deck, path)
    notes = _notes(path)
    assert len(notes) == len(deck.cards)
    by_front = {fields.split("\x1f")[0]: (fields, tags) for _, fields, tags in notes}
    for card in deck.cards:
        fields, _ = by_front[html.escape(card.prompt, quote=False)]
        back = fields.split("\x1f")[1]
        points = [f"<li>{html.escape(p.text, quote=False)}</li>" for p in card.key_points]
        assert all(point in back for point in points)
        assert [back.index(point) for point in points] == sorted(back.index(p) for p in points)
        assert "<ol" in back and html.escape(card.answer, quote=False) in back
        for claim in card.pitfalls:
            assert f"<li>{html.escape(claim, quote=False)}</li>" in back
        if card.pitfalls:
            assert "<b>Common mistakes (false claims)</b>" in back
    tags = by_front[html.escape(tagged.prompt, quote=False)][1].split()
    assert set(tags) == {"guide", "company:google", "two_words"}


def test_anki_guids_are_stable_across_exports(deck: Deck, tmp_path: Path) -> None:
    first, second = tmp_path / "a.apkg", tmp_path / "b.apkg"
    export_anki(deck, first)
    export_anki(deck, second)
    guids = [guid for guid, _, _ in _notes(first)]
    assert guids == [guid for guid, _, _ in _notes(second)]
    assert len(set(guids)) == len(deck.cards)


def attempts() -> list[Attempt]:
    first = attempt("t-precision", 3, T0, covered=(0, 2))
    second = attempt("t-roc", None, T0, skipped=True, n=1)
    return [replace(first, reason="due"), second]


def written(writer_type: type[HistoryCsv] | type[HistoryJson], given: list[Attempt]) -> str:
    out = io.StringIO()
    if writer_type is HistoryCsv:
        writer: HistoryCsv | HistoryJson = HistoryCsv(
            out, set().union(*(history_extra_columns(a.to_record()) for a in given))
        )
    else:
        writer = HistoryJson(out)
    for item in given:
        writer.add(item)
    writer.finish()
    assert writer.count == len(given)
    return out.getvalue()


def test_history_csv_has_one_row_per_attempt_and_extra_fields() -> None:
    rows = list(csv.DictReader(io.StringIO(written(HistoryCsv, attempts()))))
    assert [row["card_id"] for row in rows] == ["t-precision", "t-roc"]
    assert rows[0]["covered"] == "0 2" and rows[0]["rating"] == "3"
    assert rows[0]["reason"] == "due" and rows[1]["reason"] == ""
    assert rows[1]["rating"] == "" and rows[1]["skipped"] == "true"
    assert rows[0]["started_at"].startswith("2026-11-02T08:59:00")


def test_history_json_is_the_list_of_records_as_one_document_would_print_it() -> None:
    given = attempts()
    text = written(HistoryJson, given)
    records = [a.to_record() for a in given]
    assert json.loads(text) == records
    assert text == json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    assert written(HistoryJson, given[:1]) == json.dumps(records[:1], indent=2) + "\n"
    assert written(HistoryJson, []) == "[]\n"
    assert written(HistoryCsv, []).startswith("attempt_id,drill_id,mode,deck,card_id,")
