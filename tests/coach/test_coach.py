"""The coach flow through the real engine: stories, projects, the design walk, mock stages."""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Sequence
from typing import Any

import pytest
from conftest import FakeClock
from rich.console import Console

from nora_cli.coach.coach import Coach
from nora_cli.core import engine, walk
from nora_cli.core.engine import Action, DrillCard
from nora_cli.core.notebook import PROJECT, STORY, Note
from nora_cli.core.records import Attempt
from nora_cli.core.selection import Request, choose
from nora_cli.decks.loader import load_library
from nora_cli.ui.asker import BaseAsker


class Scripted(BaseAsker):
    """A BaseAsker whose primitives play back a script; each block advances the clock."""

    def __init__(self, clock: FakeClock, script: list[Any], coach: Coach) -> None:
        import io

        super().__init__(Console(file=io.StringIO(), width=100), coach)
        self.clock = clock
        self.script = deque(script)
        self.blocks: list[tuple[str, int]] = []
        self.picks: list[list[tuple[str, str]]] = []
        self.preselected: list[Sequence[int]] = []

    def now(self) -> float:
        return self.clock.now.timestamp()

    def block(self, prompt: str, budget: int, *, first: bool, overall: Any = None) -> str | Action:
        self.blocks.append((prompt, budget))
        seconds, text = self.script.popleft()
        self.clock.advance(seconds)
        return text

    def pick(self, question: str, options: list[tuple[str, str]]) -> str | Action | None:
        self.picks.append(options)
        return str(self.script.popleft())

    def ticks(self, labels: list[str], preselected: Sequence[int]) -> tuple[int, ...] | Action:
        self.preselected.append(tuple(preselected))
        return tuple(self.script.popleft())

    def rate(self) -> int | Action:
        return int(self.script.popleft())

    @property
    def output(self) -> str:
        return self.console.file.getvalue()  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def library():  # type: ignore[no-untyped-def]
    return load_library()


def story(note_id: str, title: str, themes: list[str]) -> Note:
    from datetime import UTC, datetime

    values = {"title": title, "situation": "S", "task": "T", "action": "A", "result": "R",
              "impact": "cut latency 40%", "themes": themes}  # fmt: skip
    return Note(note_id, STORY, values, datetime.now(UTC))


def run(items: list[DrillCard], asker: Scripted, clock: FakeClock, **kwargs: Any) -> list[Attempt]:
    saved: list[Attempt] = []
    engine.run(items, asker=asker, clock=clock, save=saved.append, mode="m", **kwargs)
    return saved


def test_a_behavioral_card_records_the_chosen_story(library, clock) -> None:  # type: ignore[no-untyped-def]
    card = library.card("beh-reduced-latency-cost")
    stories = [story("s1", "Fraud rules", ["bad-data"]), story("s2", "Faster ranker",
               ["latency-or-cost"])]  # fmt: skip
    asker = Scripted(clock, ["s2", (60, "I cut p99 latency 40% by distilling"), (0, 1), 3],
                     Coach(stories=stories))  # fmt: skip
    [attempt] = run([DrillCard(card, 180, "test")], asker, clock)
    assert asker.picks[0][0][0] == "s2"  # the story whose theme matches comes first
    assert attempt.story == "s2"
    assert "Your story: Faster ranker" in asker.output
    assert "cut latency 40%" in asker.output
    assert attempt.feedback is None  # no deck knowledge given: no feedback panel


def test_no_story_choice_and_no_stories(library, clock) -> None:  # type: ignore[no-untyped-def]
    card = library.card("beh-reduced-latency-cost")
    asker = Scripted(clock, ["", (10, "x"), (), 2], Coach(stories=[story("s1", "A", [])]))
    [attempt] = run([DrillCard(card, 180, "test")], asker, clock)
    assert not attempt.story
    bare = Scripted(clock, [(10, "x"), (), 2], Coach())
    run([DrillCard(card, 180, "test")], bare, clock)
    assert bare.picks == []


def test_deep_dive_uses_the_project_and_shows_its_notes(library, clock) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    project = Note("fraud", PROJECT, {"name": "Fraud model", "baseline": "The rules engine"},
                   datetime.now(UTC))  # fmt: skip
    card = library.card("pdd-baseline")
    asker = Scripted(clock, [(30, "We started from the rules"), (0,), 3], Coach(projects=[project]))
    [attempt] = run([DrillCard(card, 150, "test")], asker, clock)
    assert attempt.project == "fraud"
    assert "About your project: Fraud model" in asker.output
    assert "Your notes: Fraud model" in asker.output and "The rules engine" in asker.output


def test_walk_plan_splits_the_time_and_injects_a_curveball(library) -> None:  # type: ignore[no-untyped-def]
    card = library.card("sd-design-fraud-detection")
    steps = walk.plan(card, 1200, random.Random(3))
    assert [s.key for s in steps] == [
        "objective", "target and metrics", "data and labels", "baseline", "curveball",
        "features and training", "serving", "offline and online evaluation",
        "deployment and monitoring",
    ]  # fmt: skip
    assert steps[4].question in card.curveballs
    assert abs(sum(s.budget for s in steps) - 1200) <= len(steps)
    assert steps[5].budget > steps[0].budget  # features and training weigh more


def test_a_design_card_runs_as_a_walk(library, clock) -> None:  # type: ignore[no-untyped-def]
    card = library.card("sd-design-fraud-detection")
    answers = [(60 + n, f"step {n} words here") for n in range(9)]
    asker = Scripted(clock, [*answers, (0, 1), 3], Coach(rng=random.Random(3)))
    [attempt] = run([DrillCard(card, 1200, "test")], asker, clock)
    walked = attempt.walk
    assert [w.key for w in walked][4] == "curveball"
    assert attempt.curveball in card.curveballs
    assert [w.seconds for w in walked] == [60 + n for n in range(9)]
    assert attempt.seconds == sum(60 + n for n in range(9))
    assert "[Clarify the objective] step 0 words here" in attempt.answer
    assert "Your walk, step by step" in asker.output
    assert len(asker.blocks) == 9


def test_no_walk_answers_a_design_in_one_go(library, clock) -> None:  # type: ignore[no-untyped-def]
    card = library.card("sd-design-fraud-detection")
    asker = Scripted(clock, [(300, "whole design"), (), 2], Coach(walk=False))
    [attempt] = run([DrillCard(card, 1200, "test")], asker, clock)
    assert not attempt.walk and attempt.answer == "whole design"


def test_feedback_is_saved_and_pre_ticks(library, clock) -> None:  # type: ignore[no-untyped-def]
    from nora_cli.coach.knowledge import DeckKnowledge

    card = library.card("cm-precision-vs-recall")
    coach = Coach(knowledge=DeckKnowledge(library.cards))
    text = (
        "Precision is TP / (TP + FP), the share of flagged items that are right. "
        "Recall is TP / (TP + FN), the share of real positives we catch."
    )
    asker = Scripted(clock, [(90, text), (0, 1), 3], coach)
    [attempt] = run([DrillCard(card, 150, "test")], asker, clock)
    feedback = attempt.feedback
    assert set(asker.preselected[0]) >= {0, 1}
    assert tuple(feedback["covered"]) == tuple(asker.preselected[0])
    assert "Feedback on your answer" in asker.output


WALK = [
    # Point 1 (the cost of errors) is said across the first two steps, in neither alone: the
    # walk table credits no step with it, so the panel must not count it either.
    (60, "Missed fraud loses money."),
    (60, "The threshold comes from expected loss on calibrated scores."),
    (60, "Chargebacks keep arriving for months, dispute windows of 120 days."),
    (60, "Baseline: the existing rules engine."),
    (60, "I would keep going."),
    (60, "Velocity aggregates computed the same offline and online via a feature store."),
    (60, "Serving online within a 50 ms latency budget."),
    (60, "Offline precision at a fixed decline rate, then an A/B test."),
    (60, "Shadow mode then canary, monitor drift and retrain weekly."),
]


def test_the_walk_table_and_the_panel_count_the_same_points(library, clock) -> None:  # type: ignore[no-untyped-def]
    from nora_cli.coach.knowledge import DeckKnowledge

    card = library.card("sd-design-fraud-detection")
    coach = Coach(rng=random.Random(3), knowledge=DeckKnowledge(library.cards))
    asker = Scripted(clock, [*WALK, (0, 1), 3], coach)
    [attempt] = run([DrillCard(card, 1200, "test")], asker, clock)
    per_step = {i for score in coach.walk_scores(card, attempt.walk) for i in score.key_points}
    assert len(per_step) >= 2  # the steps are credited with what their text covers
    assert 0 not in per_step
    assert attempt.feedback is not None
    assert set(attempt.feedback["covered"]) == per_step
    assert f"Key points covered: {len(per_step)} of {len(card.key_points)}" in asker.output
    # A step the table credits with key points is never called a missed design step.
    done = dict(attempt.feedback["design_steps"])
    credited = [s.step.key for s in coach.walk_scores(card, attempt.walk) if s.key_points]
    assert credited and all(done[key] for key in credited if key in done)


class Interrupting(Scripted):
    """Ctrl-C at the checklist or at the rating."""

    def __init__(self, clock: FakeClock, script: list[Any], coach: Coach, at: str) -> None:
        super().__init__(clock, script, coach)
        self.at = at

    def ticks(self, labels: list[str], preselected: Sequence[int]) -> tuple[int, ...] | Action:
        if self.at == "ticks":
            raise KeyboardInterrupt
        return super().ticks(labels, preselected)

    def rate(self) -> int | Action:
        if self.at == "rate":
            raise KeyboardInterrupt
        return super().rate()


@pytest.mark.parametrize("at", ["ticks", "rate"])
def test_ctrl_c_after_the_answer_saves_it_unrated_and_stops(library, clock, at) -> None:  # type: ignore[no-untyped-def]
    from nora_cli.coach.knowledge import DeckKnowledge
    from nora_cli.core.summary import summarize

    cards = [
        DrillCard(library.card(i), 150, "test") for i in ("cm-precision-vs-recall", "mlf-l1-vs-l2")
    ]
    script = [(30, "Precision is TP / (TP + FP)."), *([(1,)] if at == "rate" else [])]
    asker = Interrupting(clock, script, Coach(knowledge=DeckKnowledge(library.cards)), at)
    saved: list[Attempt] = []
    result = engine.run(cards, asker=asker, clock=clock, save=saved.append, mode="m")
    [attempt] = saved
    assert result.interrupted and result.attempts == saved and result.rated == []
    assert (attempt.answer, attempt.rating, attempt.skipped) == (
        "Precision is TP / (TP + FP).",
        None,
        False,
    )
    # Ctrl-C at the rating keeps the ticks already confirmed at the checklist.
    assert attempt.covered == ((1,) if at == "rate" else ()) and attempt.feedback is not None
    summary = summarize(result.attempts, result.planned, cards)
    assert (summary.rated, summary.unrated, summary.skipped) == (0, 1, 0)


class Stages:
    def __init__(self) -> None:
        self.events: list[tuple[str, str, int]] = []

    def stage_started(self, stage: str, items: list[DrillCard]) -> None:
        self.events.append(("start", stage, len(items)))

    def stage_finished(self, stage: str, attempts: list[Attempt]) -> None:
        self.events.append(("end", stage, len(attempts)))


def test_mock_interview_runs_stages_in_interview_order(library, clock) -> None:  # type: ignore[no-untyped-def]
    mode = library.mode("standard")
    selection = choose(library, mode, Request(seed=5))
    stages = [s.name for s in mode.stages]
    assert stages == ["Recruiter screen", "Coding", "ML fundamentals", "ML system design",
                      "Project deep dive", "Behavioral", "Your questions"]  # fmt: skip
    assert [i.stage for i in selection.items] == [
        s.name for s in mode.stages for _ in range(s.cards)
    ]
    assert {i.stage: i.stage_minutes for i in selection.items}["Coding"] == 60
    quick = choose(library, mode, Request(seed=5, quick=True))
    assert [i.stage for i in quick.items] == stages
    total = sum(i.stage_minutes for i in quick.items)
    assert 24 <= total <= 26
    assert all(i.time_limit <= i.stage_minutes * 60 for i in quick.items)


def test_stage_hooks_and_report(library, clock) -> None:  # type: ignore[no-untyped-def]
    from nora_cli.core.summary import stage_results

    mode = library.mode("standard")
    items = [
        i
        for i in choose(library, mode, Request(seed=5, quick=True)).items
        if i.card.kind != "design"
    ]
    script: list[Any] = []
    for item in items:
        script += [(40, "answer"), tuple(range(len(item.card.key_points))) if item.stage
                   == "Coding" else (), 4 if item.stage == "Coding" else 2]  # fmt: skip
    observer = Stages()
    saved = run(items, Scripted(clock, script, Coach()), clock, stages=observer)
    assert observer.events[0] == ("start", "Recruiter screen", 1)
    assert [e[0] for e in observer.events] == ["start", "end"] * len(items)
    results = stage_results(saved, items)
    assert [r.stage for r in results] == [i.stage for i in items]
    coding = next(r for r in results if r.stage == "Coding")
    assert coding.score == 1.0 and coding.seconds == 40
    # every key point ticked: each dimension the coding card evidences is full
    assert coding.dimensions and all(done == total for done, total in coding.dimensions.values())
    others = [r for r in results if r.stage != "Coding"]
    assert all(done == 0 for r in others for done, _ in r.dimensions.values())
    weakest = min(results, key=lambda r: r.score)
    assert weakest.score == pytest.approx(0.5 * 0 + 0.5 * (2 - 1) / 3)


def test_a_walk_step_that_overclaims_is_left_for_the_user_to_tick(library, clock) -> None:  # type: ignore[no-untyped-def]
    from nora_cli.coach.knowledge import DeckKnowledge

    card = library.card("sd-design-fraud-detection")
    coach = Coach(rng=random.Random(3), knowledge=DeckKnowledge(library.cards))
    sure = "Always shadow mode then canary, always monitor drift and retrain weekly, nothing else."
    steps = [*WALK[:-1], (60, sure)]
    asker = Scripted(clock, [*steps, (0, 1), 3], coach)
    [attempt] = run([DrillCard(card, 1200, "test")], asker, clock)
    scores = coach.walk_scores(card, attempt.walk)
    last = next(score for score in scores if score.step.text == sure)
    assert last.key_points == () and last.judgement.doubt == "sweeping words"
    calm = coach.walk_scores(card, walk_like(attempt.walk, sure, WALK[-1][1]))
    monitoring = set(next(s for s in calm if s.step.text == WALK[-1][1]).key_points)
    assert monitoring  # said calmly, the step covers the monitoring point
    feedback = attempt.feedback
    assert feedback is not None and feedback["doubt"] == "sweeping words"
    assert monitoring <= set(feedback["withheld"])
    assert not monitoring & set(asker.preselected[0])
    assert "Not ticked, but your answer uses the words of" in asker.output


def walk_like(parts: Sequence[walk.StepAnswer], old: str, new: str) -> list[walk.StepAnswer]:
    """The same walk with one step's text replaced."""
    from dataclasses import replace

    return [replace(part, text=new) if part.text == old else part for part in parts]
