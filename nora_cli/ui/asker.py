"""The steps of one card, shared by the terminal and the plain askers.

An asker subclass supplies the primitives (read a block of answer text against a clock, pick
one option, tick key points, rate); this class strings them into the card's flow: pick a story
or project where the coach offers one, answer (or walk a design step by step), see the
feedback, the reveal, tick and rate. Every decision comes from the coach.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from rich.console import Console

from nora_cli.coach.coach import Coach
from nora_cli.core import walk
from nora_cli.core.engine import Action, Answer, Assessment, DrillCard, Timing
from nora_cli.core.models import Card
from nora_cli.ui import coach_view, code_view, interviewer_flow, render

NO_CHOICE = ""
SKIP_WORDS = {":skip", ":s"}
QUIT_WORDS = {":quit", ":q"}
CODE_WORD = ":code"
RATINGS = (
    (1, "Again: I could not answer it", "1"),
    (2, "Hard: partly, with gaps", "2"),
    (3, "Good: right, with some effort", "3"),
    (4, "Easy: fluent and complete", "4"),
)


def command(text: str) -> Action | None:
    """The drill command a line of answer text is, if it is one."""
    word = text.strip().lower()
    if word in SKIP_WORDS:
        return Action.SKIP
    if word in QUIT_WORDS:
        return Action.QUIT
    return None


def parse_covered(text: str, total: int) -> tuple[int, ...] | None:
    """'1,3' / '1 3' / 'all' / '' -> zero-based indices; None when the input is not valid."""
    text = text.strip().lower()
    if not text or text in {"none", "0", "-"}:
        return ()
    if text == "all":
        return tuple(range(total))
    numbers: list[int] = []
    for part in re.split(r"[,\s]+", text):
        if not part.isdigit() or not 1 <= int(part) <= total:
            return None
        numbers.append(int(part) - 1)
    return tuple(sorted(set(numbers)))


class CodeOffer(Protocol):
    """Runnable exercises for coding cards (`app.code_session.CardExercises`)."""

    def offers(self, card: Card) -> bool: ...

    def solve(self, item: DrillCard) -> Answer: ...


class BaseAsker:
    """The card flow; subclasses implement `block`, `pick`, `ticks`, `rate` and `now`."""

    def __init__(self, console: Console, coach: Coach | None = None) -> None:
        self.console = console
        self.coach = coach or Coach()
        self.code: CodeOffer | None = None  # set for terminal drills: `:code` solves the card

    # primitives ------------------------------------------------------------------------
    def block(
        self, prompt: str, budget: int, *, first: bool, overall: tuple[float, int] | None = None
    ) -> str | Action:
        raise NotImplementedError

    def pick(self, question: str, options: list[tuple[str, str]]) -> str | Action:
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
        self.coach.warm_up()  # while this card is read and answered
        card = item.card
        story = project = ""
        if self.coach.offers_story(card):
            options = [(s.id, s.title) for s in self.coach.ranked_stories(card)]
            chosen = self.pick(
                "Which story will you tell?", [*options, (NO_CHOICE, "No story from my bank")]
            )
            if isinstance(chosen, Action):
                return Answer(action=chosen)
            story = chosen
        if self.coach.asks_project(card):
            auto = self.coach.project_without_asking()
            if auto is None:
                options = [(p.id, p.title) for p in self.coach.projects]
                picked = self.pick("Which project are you defending?", options)
                if isinstance(picked, Action):
                    return Answer(action=picked)
                project = picked
            else:
                project = auto.id
            coach_view.project_banner(self.console, self.coach.project(project))
        if self.coach.walks(card):
            return self._walk(item, story, project)
        offer = self.code if self.code is not None and self.code.offers(card) else None
        if offer is not None:
            code_view.offer(self.console)
        text = self.block("> ", item.time_limit, first=True)
        if isinstance(text, Action):
            return Answer(action=text)
        if offer is not None and text.strip().lower() == CODE_WORD:
            return offer.solve(item)
        return Answer(text.strip(), story=story or None, project=project or None)

    def _walk(self, item: DrillCard, story: str, project: str) -> Answer:
        steps = walk.plan(item.card, item.time_limit, self.coach.rng)
        coach_view.walk_intro(self.console, steps, item.time_limit)
        started = self.now()
        parts: list[walk.StepAnswer] = []
        for number, step in enumerate(steps, start=1):
            if step.is_curveball:  # the AI interviewer may fit it to the design so far
                step = steps[number - 1] = interviewer_flow.curveball(self, item.card, step, parts)
            coach_view.walk_step(self.console, step, number, len(steps))
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
        curveball = next((s.question for s in steps if s.is_curveball), None)
        return Answer(
            walk.combine(parts),
            story=story or None,
            project=project or None,
            walk=tuple(parts),
            curveball=curveball,
        )

    def assess(self, item: DrillCard, answer: Answer, timing: Timing) -> Assessment:
        card = item.card
        render.timing_line(self.console, timing)
        if answer.walk:
            coach_view.walk_summary(self.console, self.coach.walk_scores(card, answer.walk))
        feedback = self.coach.review(answer, card)
        preselected: tuple[int, ...] = ()
        if feedback is not None:
            coach_view.feedback_panel(self.console, card, feedback)
            preselected = feedback.covered
        interview = interviewer_flow.run(self, item, answer)  # None when the AI is off
        if interview is not None and interview.stopped:  # Ctrl-C at a follow-up: keep, unrated
            keep = feedback.to_record() if feedback is not None else None
            return Assessment(action=Action.INTERRUPT, feedback=keep, interview=interview)
        if interview is not None and interview.graded:
            preselected = interview.covered
        render.reveal(self.console, card, answer)
        coach_view.notebook_at_reveal(
            self.console, card, self.coach.story(answer.story), self.coach.project(answer.project)
        )
        record = feedback.to_record() if feedback is not None else None
        covered: tuple[int, ...] = ()
        try:
            if card.key_points:
                ticked = self.ticks([p.text for p in card.key_points], preselected)
                if isinstance(ticked, Action):  # quit, or the input ended: kept unrated
                    return Assessment(action=ticked, feedback=record, interview=interview)
                covered = ticked
            rating = self.rate()
        except KeyboardInterrupt:
            # The answer is already typed: keep it (and any ticks confirmed), unrated, and let
            # the engine stop.
            return Assessment(
                action=Action.INTERRUPT, covered=covered, feedback=record, interview=interview
            )
        if isinstance(rating, Action):
            return Assessment(action=rating, covered=covered, feedback=record, interview=interview)
        return Assessment(covered=covered, rating=rating, feedback=record, interview=interview)
