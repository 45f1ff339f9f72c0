"""A plan session draws what its title says: `kinds` and `tags` narrow its mode's cards, and
the plan file's checks catch a filter that matches nothing or too little."""

from __future__ import annotations

from pathlib import Path

import pytest

from nora_cli.core.models import Library
from nora_cli.core.plan import PlanSession
from nora_cli.core.selection import mode_pool
from nora_cli.decks.check import Report
from nora_cli.decks.loader import load_library, shipped_root
from nora_cli.decks.plan_file import load_plan, plan_path, read_plan


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


def pool(library: Library, session: PlanSession) -> list[str]:
    mode = library.modes[session.mode]
    cards = mode_pool(library, mode, decks=session.decks, categories=session.categories,
                      kinds=session.kinds, tags=session.tags)  # fmt: skip
    return [card.id for card in cards]


def test_every_shipped_session_has_the_cards_it_asks_for(library: Library) -> None:
    for session in load_plan(plan_path(shipped_root()), library):
        assert len(pool(library, session)) >= session.count, session.title


def test_the_design_session_draws_only_designs(library: Library) -> None:
    design = load_plan(plan_path(shipped_root()), library)[2]
    assert design.title == "ML system design"
    ids = pool(library, design)
    assert ids and all(library.card(i).kind == "design" for i in ids)  # type: ignore[union-attr]
    assert "llm-prefix-caching" not in ids and "llm-design-serving-platform" in ids


def test_the_story_session_draws_failure_and_collaboration_stories(library: Library) -> None:
    stories = load_plan(plan_path(shipped_root()), library)[4]
    assert stories.title == "Failure and collaboration stories"
    ids = set(pool(library, stories))
    assert {"beh-ml-experiment-failed-lessons", "beh-production-incident",
            "beh-disagreement-data-scientist", "beh-amazon-disagree-and-commit"} <= ids  # fmt: skip
    assert not ids & {"beh-improved-ml-pipeline", "beh-highest-impact-project",
                      "beh-reduced-latency-cost", "beh-mentored-raised-bar"}  # fmt: skip


def test_kinds_and_tags_narrow_the_pool_in_any_case(library: Library) -> None:
    technical = library.modes["technical"]
    designs = mode_pool(library, technical, kinds=("Design",))
    assert designs and {c.kind for c in designs} == {"design"}
    tagged = mode_pool(library, library.modes["behavioral"], tags=("Incident", "failure"))
    assert {c.id for c in tagged} == {"beh-production-incident", "beh-ml-experiment-failed-lessons"}


PLAN = (
    "sessions:\n  - number: 1\n    title: A\n    mode: {mode}\n{fields}"
    "    count: {count}\n    goal: g\n"
)


def problems(tmp_path: Path, library: Library, fields: str, *, mode: str = "technical",
             count: int = 2) -> list[str]:  # fmt: skip
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN.format(mode=mode, fields=fields, count=count))
    report = Report()
    sessions = read_plan(path, library, report)
    assert report.warnings == []
    if not report.problems:
        assert sessions
    told = [problem.removeprefix(f"{path}:") for problem in report.problems]
    return [problem for problem in told if "must be numbered" not in problem]  # a consequence


def test_a_plan_file_with_kinds_and_tags_is_read(tmp_path: Path, library: Library) -> None:
    assert problems(tmp_path, library, "    kinds: [design]\n    tags: [ranking]\n") == []


def test_the_plan_file_refuses_filters_that_match_nothing_or_too_little(
    tmp_path: Path, library: Library
) -> None:
    assert problems(tmp_path, library, "    kinds: [poem]\n") == [
        "5: kind 'poem' is not a card kind: concept, coding, design, behavioral, negotiation, "
        "question-to-ask"
    ]
    assert problems(tmp_path, library, "    kinds: [negotiation]\n") == [
        "5: no card of kind 'negotiation' is in technical"
    ]
    assert problems(tmp_path, library, "    tags: [no-such-tag]\n", mode="behavioral") == [
        "5: no card tagged 'no-such-tag' is in behavioral"
    ]
    assert problems(tmp_path, library, "    tags: [failure]\n", mode="behavioral", count=3) == [
        "6: the session's filters match 1 card in behavioral, fewer than its count of 3"
    ]
