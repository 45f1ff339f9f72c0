"""The steps of one card, shared by the terminal and the plain askers.

An asker subclass supplies four primitives (read a block of answer text against a clock,
pick one option, tick key points, rate); this class strings them into the coach's flow:
pick a story or project where it helps, answer (or walk a design step by step), see the
feedback, the reveal, tick and rate.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from rich.console import Console

from nora_cli.core import walk
from nora_cli.core.engine import Action, Answer, Assessment, DrillCard, Timing
from nora_cli.store.notebook import Note
from nora_cli.ui import coach_view as render_coach
from nora_cli.ui import render

PROJECT_CATEGORY = "Project Deep Dive"
MIN_STEP_WORDS = 3
STORY_CATEGORY = "Behavioral"
NO_CHOICE = ""


@dataclass
class Coach:
    """What the askers know beyond the card: the user's notes and the feedback engine."""

    stories: list[Note] = field(default_factory=list)
    projects: list[Note] = field(default_factory=list)
    walk: bool = True
    interactive: bool = True
    rng: random.Random = field(default_factory=random.Random)
    vocabulary: Callable[[str], Sequence[str]] | None = None

    def story(self, story_id: str | None) -> Note | None:
        return next((s for s in self.stories if s.id == story_id), None)

    def project(self, project_id: str | None) -> Note | None:
        return next((p for p in self.projects if p.id == project_id), None)


class BaseAsker:
    """The card flow; subclasses implement `block`, `pick`, `ticks` and `rate`."""

    def __init__(self, console: Console, coach: Coach | None = None) -> None:
        self.console = console
        self.coach = coach or Coach()

    # primitives ------------------------------------------------------------------------
    def block(
        self, prompt: str, budget: int, *, first: bool, overall: tuple[float, int] | None = None
    ) -> str | Action:
        raise NotImplementedError

    def pick(self, question: str, options: list[tuple[str, str]]) -> str | Action | None:
        raise NotImplementedError

    def ticks(self, labels: list[str], preselected: Sequence[int]) -> tuple[int, ...] | Action:
        raise NotImplementedError

    def rate(self) -> int | Action:
        raise NotImplementedError

    def now(self) -> float:
        raise NotImplementedError

    # flow ------------------------------------------------------------------------------
    def answer(self, item: DrillCard, position: int, total: int) -> Answer:
        render.card_header(self.console, item, position, total)
        card = item.card
        story: str | None = None
        project: str | None = None
        if card.category == STORY_CATEGORY and self.coach.stories and self.coach.interactive:
            chosen = self._choose_story(item)
            if isinstance(chosen, Action):
                return Answer(action=chosen)
            story = chosen
        if card.category == PROJECT_CATEGORY:
            chosen = self._choose_project()
            if isinstance(chosen, Action):
                return Answer(action=chosen)
            project = chosen
        if card.kind == "design" and self.coach.walk:
            return self._walk(item, story, project)
        text = self.block("> ", item.time_limit, first=True)
        if isinstance(text, Action):
            return Answer(action=text)
        return Answer(text.strip(), story=story, project=project)

    def _choose_story(self, item: DrillCard) -> str | Action | None:
        prompt = item.card.prompt.lower()
        ranked = sorted(
            self.coach.stories,
            key=lambda s: -sum(t.replace("-", " ") in prompt for t in s.values.get("themes", [])),
        )
        options = [(s.id, s.title) for s in ranked] + [(NO_CHOICE, "No story from my bank")]
        chosen = self.pick("Which story will you tell?", options)
        return chosen or None if not isinstance(chosen, Action) else chosen

    def _choose_project(self) -> str | Action | None:
        projects = self.coach.projects
        if not projects:
            return None
        if len(projects) == 1 or not self.coach.interactive:
            chosen: str | Action | None = projects[0].id
        else:
            chosen = self.pick(
                "Which project are you defending?", [(p.id, p.title) for p in projects]
            )
        if isinstance(chosen, str) and chosen:
            render_coach.project_banner(self.console, self.coach.project(chosen))
        return chosen or None if not isinstance(chosen, Action) else chosen

    def _walk(self, item: DrillCard, story: str | None, project: str | None) -> Answer:
        steps = walk.plan(item.card, item.time_limit, self.coach.rng)
        render_coach.walk_intro(self.console, steps, item.time_limit)
        started = self.now()
        parts: list[walk.StepAnswer] = []
        for number, step in enumerate(steps, start=1):
            render_coach.walk_step(self.console, step, number, len(steps))
            step_start = self.now()
            text = self.block(
                f"{number}> ", step.budget, first=number == 1, overall=(started, item.time_limit)
            )
            if isinstance(text, Action):
                return Answer(action=text)
            parts.append(
                walk.StepAnswer(
                    step.key, step.title, text.strip(), self.now() - step_start, step.budget
                )
            )
        curveball = next((s.question for s in steps if s.key == "curveball"), None)
        return Answer(
            walk.combine(parts),
            story=story,
            project=project,
            walk=tuple(parts),
            curveball=curveball,
        )

    def assess(self, item: DrillCard, answer: Answer, timing: Timing) -> Assessment:
        card = item.card
        render.timing_line(self.console, timing)
        if answer.walk:
            render_coach.walk_summary(self.console, card, answer.walk)
        result = self._feedback(answer, item)
        preselected: tuple[int, ...] = ()
        feedback_record: dict[str, Any] | None = None
        if result is not None:
            render_coach.feedback_panel(self.console, card, result)
            preselected = result.covered
            feedback_record = result.to_record()
        render.reveal(self.console, card, answer)
        render_coach.notes_at_reveal(
            self.console, card, self.coach.story(answer.story), self.coach.project(answer.project)
        )
        covered: tuple[int, ...] = ()
        if card.key_points:
            ticked = self.ticks([p.text for p in card.key_points], preselected)
            if isinstance(ticked, Action):
                return Assessment(action=ticked)
            covered = ticked
        rating = self.rate()
        if isinstance(rating, Action):
            return Assessment(action=rating)
        return Assessment(covered=covered, rating=rating, feedback=feedback_record)

    def _feedback(self, answer: Answer, item: DrillCard) -> Any:
        if not answer.text.strip() or self.coach.vocabulary is None:
            return None
        from nora_cli.coach.feedback import analyse

        vocabulary = self.coach.vocabulary(item.card.category)
        if not answer.walk:
            result = analyse(answer.text, item.card, vocabulary)
            # STAR is how stories are judged; a recruiter-screen answer is not a story.
            story_card = item.card.category == STORY_CATEGORY
            return result if story_card or result.star is None else replace(result, star=None)
        # A walk is judged on what was written in each step, not on the step titles: a step
        # counts as addressed when its own text speaks to it (its cue words) in a few words.
        from nora_cli.coach.speech import design_steps

        written = "\n".join(part.text for part in answer.walk)
        steps = tuple(
            (part.key, len(part.text.split()) >= MIN_STEP_WORDS
             and dict(design_steps(part.text)).get(part.key, False))
            for part in answer.walk
            if part.key != "curveball"
        )  # fmt: skip
        return replace(analyse(written, item.card, vocabulary), design_steps=steps)
