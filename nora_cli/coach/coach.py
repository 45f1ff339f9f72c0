"""The coach's rules for one card, apart from how they are shown: which story or project to
offer, whether a design card is walked step by step, and how a typed answer is judged.

The askers in `ui/` ask and draw; every decision they need comes from here.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from nora_cli.coach.feedback import DeckKnowledge, Feedback, analyse, card_judgement
from nora_cli.coach.matching import Judgement
from nora_cli.coach.speech import design_steps
from nora_cli.core.engine import Answer
from nora_cli.core.models import Card
from nora_cli.core.notebook import Note
from nora_cli.core.walk import StepAnswer

if TYPE_CHECKING:  # the interviewer reads STORY_CATEGORY from here
    from nora_cli.coach.interviewer import Interviewer

STORY_CATEGORY = "Behavioral"
PROJECT_CATEGORY = "Project Deep Dive"
# A walk step counts as addressed only when its own text speaks to it in at least this many
# words; the step's title alone is not an answer.
MIN_STEP_WORDS = 3


@dataclass(frozen=True)
class StepScore:
    """One step of a design walk as the coach saw it."""

    step: StepAnswer
    words: int
    judgement: Judgement  # of this step's own text

    @property
    def key_points(self) -> tuple[int, ...]:
        """Indices of the card's key points this step's text covers."""
        return self.judgement.covered

    @property
    def over_budget(self) -> bool:
        return self.step.seconds > self.step.budget


@dataclass
class Coach:
    """What the coach knows beyond the card: the user's notebook, whether design cards are
    walked, whether the user types at a terminal, and what the decks teach (term rarity and
    the field's terms; without it, typed answers get no feedback panel)."""

    stories: list[Note] = field(default_factory=list)
    projects: list[Note] = field(default_factory=list)
    walk: bool = True
    interactive: bool = True
    rng: random.Random = field(default_factory=random.Random)
    knowledge: DeckKnowledge | None = None
    interviewer: Interviewer | None = None  # the AI interviewer, when `ai.model` is on

    def warm_up(self) -> None:
        """Start building what the decks teach, once the first card is on screen: started
        earlier, that second of work would compete with the drill's start for the CPU."""
        if self.knowledge is not None:
            self.knowledge.warm_up()

    def story(self, story_id: str | None) -> Note | None:
        return next((s for s in self.stories if s.id == story_id), None)

    def project(self, project_id: str | None) -> Note | None:
        return next((p for p in self.projects if p.id == project_id), None)

    def offers_story(self, card: Card) -> bool:
        """Behavioral cards offer the story bank to a user typing at a terminal."""
        return card.category == STORY_CATEGORY and bool(self.stories) and self.interactive

    def ranked_stories(self, card: Card) -> list[Note]:
        """The user's stories, those whose themes the prompt names first."""
        prompt = card.prompt.lower()
        return sorted(
            self.stories,
            key=lambda s: -sum(t.replace("-", " ") in prompt for t in s.values.get("themes", [])),
        )

    def asks_project(self, card: Card) -> bool:
        return card.category == PROJECT_CATEGORY and bool(self.projects)

    def project_without_asking(self) -> Note | None:
        """The project a deep dive is about when there is nothing to choose (one project, or
        input that is not typed at a terminal); None when the user should pick."""
        if len(self.projects) == 1 or not self.interactive:
            return self.projects[0]
        return None

    def walks(self, card: Card) -> bool:
        return card.kind == "design" and self.walk

    def review(self, answer: Answer, card: Card) -> Feedback | None:
        """Feedback on a typed answer; None for an answer given aloud or without knowledge."""
        if not answer.text.strip() or self.knowledge is None:
            return None
        # STAR is how stories are judged; a recruiter-screen answer is not a story.
        star = card.kind == "behavioral" and card.category == STORY_CATEGORY
        if not answer.walk:
            return analyse(answer.text, card, self.knowledge, star=star)
        # A walk is judged on what was written in each step, not on the step titles; the key
        # points covered are those its steps cover, so the walk table and the panel agree.
        written = "\n".join(part.text for part in answer.walk)
        scores = self.walk_scores(card, answer.walk)
        # A step is addressed when its text speaks to it, or says key points of the card (so
        # the "Design steps" line never calls a step the walk table credits missing).
        steps = tuple(
            (s.step.key, self._addresses(s.step) or bool(s.key_points or s.judgement.withheld))
            for s in scores
            if not s.step.is_curveball
        )
        walked = [(s.step.text, s.judgement) for s in scores]
        return analyse(written, card, self.knowledge, star=star, steps=steps, walked=walked)

    def walk_scores(self, card: Card, parts: Sequence[StepAnswer]) -> list[StepScore]:
        """Each step with the key points its own text covers."""
        return [
            StepScore(
                part,
                len(part.text.split()),
                card_judgement(part.text, card, self.knowledge)
                if part.text.strip()
                else Judgement(),
            )
            for part in parts
        ]

    @staticmethod
    def _addresses(part: StepAnswer) -> bool:
        if len(part.text.split()) < MIN_STEP_WORDS:
            return False
        return dict(design_steps(part.text)).get(part.key, False)
