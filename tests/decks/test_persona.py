"""One candidate, one story: every answer told in the candidate's voice agrees with the persona
written down once in questions/persona.yaml (team sizes, feature counts, results, years)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from nora_cli.decks.loader import shipped_root

VOICED = ("recruiter-screen", "project-deep-dive", "behavioral", "salary-negotiation")


def _normal(text: str) -> str:
    return re.sub(r"(?<=\d),(?=\d{3})", "", " ".join(text.split())).lower()


def contradictions(rules: list[dict[str, Any]], answers: dict[str, str]) -> list[str]:
    """For each rule: in every answer that mentions one of its `when` words, each match of its
    `pattern` must capture the persona's `value`."""
    found = []
    for card_id, raw in answers.items():
        text = " ".join(raw.split())
        for rule in rules:
            if not any(word.lower() in text.lower() for word in rule["when"]):
                continue
            for match in re.finditer(rule["pattern"], text, re.IGNORECASE):
                got = next((g for g in match.groups() if g is not None), match.group(0))
                if _normal(got) != _normal(str(rule["value"])):
                    found.append(f"{card_id}: {rule['about']}: says {got!r}, not {rule['value']!r}")
    return found


@pytest.fixture(scope="module")
def rules() -> list[dict[str, Any]]:
    persona = yaml.safe_load((shipped_root() / "persona.yaml").read_text(encoding="utf-8"))
    return list(persona["consistency"])


@pytest.fixture(scope="module")
def answers() -> dict[str, str]:
    found = {}
    for deck in VOICED:
        data = yaml.safe_load((shipped_root() / "decks" / f"{deck}.yaml").read_text("utf-8"))
        found.update({card["id"]: str(card["answer"]) for card in data["cards"]})
    return found


def test_voiced_answers_agree_with_the_persona(
    rules: list[dict[str, Any]], answers: dict[str, str]
) -> None:
    assert len(rules) >= 10
    assert contradictions(rules, answers) == []


def test_the_rules_reach_the_recurring_facts(
    rules: list[dict[str, Any]], answers: dict[str, str]
) -> None:
    checked = {
        rule["about"]
        for rule in rules
        for text in answers.values()
        if any(w.lower() in text.lower() for w in rule["when"])
        and re.search(rule["pattern"], " ".join(text.split()), re.IGNORECASE)
    }
    assert len(checked) >= 8  # the rules match real sentences, not nothing


def test_a_contradiction_is_caught(rules: list[dict[str, Any]], answers: dict[str, str]) -> None:
    feature_rule = next(r for r in rules if "feature" in r["about"].lower())
    card_id, text = next(
        (k, v)
        for k, v in answers.items()
        if re.search(feature_rule["pattern"], " ".join(v.split()), re.IGNORECASE)
        and any(w.lower() in v.lower() for w in feature_rule["when"])
    )
    wrong = re.sub(r"\b150\b", "60", text)
    assert contradictions([feature_rule], {card_id: wrong}) != []


def test_the_persona_ships_beside_the_decks() -> None:
    assert Path(shipped_root() / "persona.yaml").is_file()
