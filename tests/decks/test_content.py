"""The shipped decks: every guide question is a card, and every card meets the quality bar."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from nora_cli.core.models import Card, Library
from nora_cli.decks.loader import load_library, shipped_root, validate

DATA = Path(__file__).parents[1] / "data"
GUIDE = Path(__file__).resolve().parents[3] / "shared" / "reference" / "mle-interview-guide.txt"
TIME_LIMITS = {
    "concept": (120, 180),
    "coding": (300, 300),
    "design": (900, 1200),
    "behavioral": (90, 180),
    "negotiation": (120, 180),
    "question-to-ask": (60, 90),
}
TECHNICAL_TOPICS = [
    "Coding",
    "ML Fundamentals",
    "Statistics and Probability",
    "Classification Metrics",
    "Data and Feature Engineering",
    "Model Selection and Training",
    "Deep Learning",
    "Recommendation and Ranking",
    "ML System Design",
    "Monitoring and Drift",
    "Project Deep Dive",
    "LLM and Generative AI Engineering",
]
STORY_THEMES = {
    "shipping a model": "model you shipped",
    "a failed experiment": "experiment that failed",
    "bad data": "data problem",
    "degradation after launch": "degraded after launch",
    "an incident": "production incident",
    "a disagreement": "disagreement",
    "a simpler model": "simpler model",
    "latency or cost": "latency or cost",
    "changing requirements": "requirements changed",
    "cross-functional work": "product, engineering, and data science",
}


def normalise(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]+", "", text.lower().replace("-", " ")).strip()


def guide_questions() -> list[str]:
    lines = (DATA / "guide_questions.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


@pytest.fixture(scope="module")
def cards(library: Library) -> list[Card]:
    return library.cards


def test_shipped_files_have_no_problems_and_no_warnings() -> None:
    report = validate([])
    assert report.problems == []
    assert report.warnings == []


def test_guide_question_list_matches_the_guide() -> None:
    if not GUIDE.exists():
        pytest.skip("the guide is not beside this checkout")
    quoted = re.findall(r'^\* "(.+)"$', GUIDE.read_text(encoding="utf-8"), flags=re.M)
    assert {normalise(q) for q in quoted} == {normalise(q) for q in guide_questions()}
    assert len(guide_questions()) == 175


def asks(card: Card) -> set[str]:
    """The question a card asks, normalised: its whole prompt, and its last sentence, for a
    guide question that needs context (`How would you test this code?`) and so comes after
    a sentence that states it."""
    sentences = re.split(r"(?<=[.?!])\s+", card.prompt.strip())
    return {normalise(card.prompt), normalise(sentences[-1])}


def test_every_guide_question_is_the_prompt_of_a_card(cards: list[Card]) -> None:
    prompts = {question for card in cards for question in asks(card)}
    missing = [q for q in guide_questions() if normalise(q) not in prompts]
    assert missing == []


def test_guide_tag_marks_exactly_the_guide_questions(cards: list[Card]) -> None:
    quoted = {normalise(q) for q in guide_questions()}
    wrong = [c.id for c in cards if ("guide" in c.tags) != bool(asks(c) & quoted)]
    assert wrong == []


def test_no_two_cards_share_a_prompt(cards: list[Card]) -> None:
    counts = Counter(normalise(card.prompt) for card in cards)
    assert [prompt for prompt, n in counts.items() if n > 1] == []


def test_at_least_300_cards(cards: list[Card]) -> None:
    assert len(cards) >= 300


@pytest.mark.parametrize("topic", TECHNICAL_TOPICS)
def test_each_technical_topic_has_15_cards(cards: list[Card], topic: str) -> None:
    assert sum(1 for card in cards if card.category == topic) >= 15


def card_problems(card: Card) -> list[str]:
    problems = []
    if not 3 <= len(card.key_points) <= 6:
        problems.append(f"{len(card.key_points)} key points")
    words = len(card.answer.split())
    top = 400 if card.kind == "design" else 250
    if not 80 <= words <= top:
        problems.append(f"answer of {words} words")
    if not 1 <= len(card.follow_ups) <= 3:
        problems.append(f"{len(card.follow_ups)} follow-ups")
    low, high = TIME_LIMITS[card.kind]
    if card.time_limit is None or not low <= card.time_limit <= high:
        problems.append(f"time limit {card.time_limit} outside {low}-{high} for {card.kind}")
    if card.kind == "design" and not 3 <= len(card.curveballs) <= 6:
        problems.append(f"{len(card.curveballs)} curveballs")
    if card.kind != "design" and card.curveballs:
        problems.append("curveballs on a card that is not a design")
    if not card.tags:
        problems.append("no tags")
    if any(len(point.text) < 12 for point in card.key_points):
        problems.append("a key point too short to check")
    if not 2 <= len(card.pitfalls) <= 4:
        problems.append(f"{len(card.pitfalls)} pitfalls")
    return problems


def test_every_card_meets_the_bounds(cards: list[Card]) -> None:
    failures = {card.id: card_problems(card) for card in cards}
    assert {k: v for k, v in failures.items() if v} == {}


def test_modes_select_cards(library: Library) -> None:
    for mode in library.modes.values():
        assert [c for c in library.cards if mode.includes(c)], f"mode {mode.id} selects nothing"
    assert set(library.modes) == {"technical", "behavioral", "standard", "salary-negotiation"}
    assert library.mode("Salary").id == "salary-negotiation"


def test_technical_mode_covers_every_technical_topic(library: Library) -> None:
    technical = library.mode("technical")
    topics = {c.category for c in library.cards if technical.includes(c)}
    assert set(TECHNICAL_TOPICS) <= topics


def test_salary_deck_has_20_scenarios(cards: list[Card]) -> None:
    assert sum(1 for c in cards if c.kind == "negotiation") >= 20


def test_behavioral_cards_cover_every_story_theme_with_star(cards: list[Card]) -> None:
    behavioral = [c for c in cards if c.category == "Behavioral"]
    for theme, phrase in STORY_THEMES.items():
        assert any(phrase in c.prompt.lower() for c in behavioral), theme
    for card in behavioral:
        text = " ".join(p.text.lower() for p in card.key_points)
        for step in ("situation", "task", "action", "result"):
            assert step in text, f"{card.id} has no {step} key point"


def test_design_cards_follow_the_structure(cards: list[Card]) -> None:
    designs = [c for c in cards if c.kind == "design"]
    assert len(designs) >= 10
    # Whole-system problems walk every step; the narrower design questions (drift detection,
    # safe updates, business impact) and the senior platform and process designs go deep on
    # one part of the lifecycle instead.
    systems = [c for c in designs if c.prompt.startswith("Design") and "level:senior" not in c.tags]
    assert len(systems) >= 12
    for card in systems:
        text = " ".join(p.text.lower() for p in card.key_points)
        for step in ("baseline", "serving", "monitor"):
            assert step in text or step in card.answer.lower(), f"{card.id} skips {step}"


def test_company_track_and_senior_tags_are_used(cards: list[Card]) -> None:
    tags = Counter(tag for card in cards for tag in card.tags)
    for tag in (
        "company:amazon",
        "company:meta",
        "company:google",
        "company:apple",
        "company:startup",
        "track:product",
        "track:platform",
        "level:senior",
    ):
        assert tags[tag] >= 1, tag


def test_deck_files_are_named_after_their_ids(library: Library) -> None:
    for deck in library.decks.values():
        assert Path(deck.source).stem == deck.id
    assert (shipped_root() / "decks").is_dir()


def test_the_llm_engineering_deck_is_drilled_and_planned(library: Library) -> None:
    deck = library.decks["llm-engineering"]
    assert len(deck.cards) >= 25
    designs = [c for c in deck.cards if c.kind == "design"]
    assert len(designs) >= 3 and all(3 <= len(c.curveballs) <= 6 for c in designs)
    assert "llm-engineering" in library.mode("technical").decks
    plan = (shipped_root() / "plan.yaml").read_text(encoding="utf-8")
    assert "llm-engineering" in plan


def test_every_pitfall_is_heard_and_no_correct_text_makes_one(library: Library) -> None:
    """A pitfall said word for word is called out; the card's own model answer and key points
    (correct by definition) never are, so a good answer is not told it made a mistake."""
    from nora_cli.coach.feedback import DeckKnowledge, card_judgement

    knowledge = DeckKnowledge(library.cards)
    unheard, false_alarms = [], []
    for card in library.cards:
        for index, pitfall in enumerate(card.pitfalls):
            if index not in card_judgement(pitfall, card, knowledge).pitfalls:
                unheard.append(f"{card.id}: {pitfall}")
        for text in (card.answer, *(point.text for point in card.key_points)):
            if card_judgement(text, card, knowledge).pitfalls:
                false_alarms.append(f"{card.id}: {text[:60]}")
    assert unheard == [] and false_alarms == []
