"""The coach's knowledge of the decks is kept between drills and rebuilt when it must be."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from nora_cli.coach import knowledge as knowledge_module
from nora_cli.coach.knowledge import DeckKnowledge, fingerprint
from nora_cli.core.models import Card, KeyPoint
from nora_cli.store.knowledge_cache import KnowledgeCache

ANSWER = "I would apply Bonferroni, or Benjamini-Hochberg, and ship behind a canary rollout."


def _cards() -> list[Card]:
    return [
        Card(
            id=f"c{n}",
            prompt=f"How would you control false positives in test {n}?",
            category="Statistics",
            kind="concept",
            difficulty=2,
            time_limit=None,
            answer="Apply Bonferroni or Benjamini-Hochberg, then a canary rollout.",
            key_points=(
                KeyPoint("Bonferroni divides alpha by the number of tests"),
                KeyPoint("Benjamini-Hochberg controls the false discovery rate"),
                KeyPoint("A canary rollout exposes a small share of traffic first"),
            ),
        )
        for n in range(3)
    ]


def _cache(tmp_path: Path, version: str = "v1") -> KnowledgeCache:
    return KnowledgeCache(tmp_path / "cache" / "knowledge.json", lambda: [version])


def _no_building(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(cards: Any) -> Any:
        raise AssertionError("the knowledge was built instead of read from the cache")

    monkeypatch.setattr(knowledge_module, "_vocabulary", refuse)


def test_a_second_drill_reads_the_knowledge_instead_of_building_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cards = _cards()
    first = DeckKnowledge(cards, store=_cache(tmp_path))
    expected = (first.built().to_json(), first.terms_used(ANSWER))
    assert (tmp_path / "cache" / "knowledge.json").exists()

    _no_building(monkeypatch)
    second = DeckKnowledge(cards, store=_cache(tmp_path))
    assert (second.built().to_json(), second.terms_used(ANSWER)) == expected
    assert "Benjamini-Hochberg" in expected[1]


def test_changed_cards_or_code_build_it_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cards = _cards()
    DeckKnowledge(cards, store=_cache(tmp_path)).built()
    edited = [replace(cards[0], key_points=(KeyPoint("Holm's step-down procedure"),)), *cards[1:]]
    assert fingerprint(edited) != fingerprint(cards)

    _no_building(monkeypatch)
    with pytest.raises(AssertionError, match="built instead"):
        DeckKnowledge(edited, store=_cache(tmp_path)).built()
    with pytest.raises(AssertionError, match="built instead"):
        DeckKnowledge(cards, store=_cache(tmp_path, version="v2")).built()


def test_a_damaged_cache_is_built_again_and_written_over(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "knowledge.json"
    path.parent.mkdir()
    cards = _cards()
    key = [["v1"], fingerprint(cards)]
    for damage in (b"{not json", json.dumps({"key": key, "knowledge": {"points": 3}}).encode()):
        path.write_bytes(damage)
        built = DeckKnowledge(cards, store=_cache(tmp_path)).built()
        assert built.to_json() == DeckKnowledge(cards).built().to_json()
        assert json.loads(path.read_bytes())["key"] == key


def test_a_read_only_cache_folder_still_gives_knowledge(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    store = KnowledgeCache(blocked / "knowledge.json", lambda: ["v1"])
    assert "Bonferroni" in DeckKnowledge(_cards(), store=store).terms_used(ANSWER)


def test_a_drill_keeps_the_knowledge_in_the_cache_folder(nora_home: Path) -> None:
    from nora_cli.app.state import deck_knowledge
    from nora_cli.decks.loader import load_library

    library = load_library()
    terms = deck_knowledge(library).terms_used(ANSWER)
    kept = json.loads((nora_home / "cache" / "knowledge.json").read_bytes())
    assert kept["key"][1] == fingerprint(library.cards)
    assert deck_knowledge(library).terms_used(ANSWER) == terms
