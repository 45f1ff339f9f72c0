"""The drill engine: shows cards through an injected asker, times them with an injected clock,
and hands every rated card to `save` the moment it is rated."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import Any, Protocol

from nora_cli.core.errors import NoraError
from nora_cli.core.exercise import CodeResult
from nora_cli.core.interview import InterviewRecord
from nora_cli.core.models import Card
from nora_cli.core.records import Attempt
from nora_cli.core.walk import StepAnswer


class Action(Enum):
    ANSWER = "answer"
    SKIP = "skip"
    QUIT = "quit"
    END = "end"  # the input ended (a pipe ran dry): stop like a quit, and say why
    INTERRUPT = "interrupt"  # Ctrl-C after the answer: save it unrated, then stop


@dataclass(frozen=True)
class DrillCard:
    """A card chosen for this drill, the time it gets, the rule that picked it, and its
    mock-interview stage (with the stage's budget in minutes) when there is one."""

    card: Card
    time_limit: int
    reason: str
    stage: str = ""
    stage_minutes: float = 0.0


@dataclass(frozen=True)
class Answer:
    """What the user answered, and the choices they made on the way (a story for a
    behavioral card, a project for a deep dive, the steps of a design walk)."""

    text: str = ""
    action: Action = Action.ANSWER
    story: str | None = None
    project: str | None = None
    walk: tuple[StepAnswer, ...] = ()
    curveball: str | None = None
    code: CodeResult | None = None  # the card's runnable exercise, when it was solved as code

    @property
    def aloud(self) -> bool:
        """Nothing typed, and no code written: the answer was given out loud."""
        return self.action is Action.ANSWER and not self.text.strip() and self.code is None


@dataclass(frozen=True)
class Assessment:
    covered: tuple[int, ...] = ()
    rating: int | None = None
    action: Action = Action.ANSWER
    feedback: dict[str, Any] | None = None
    interview: InterviewRecord | None = None  # the AI interviewer's part, when it is on


@dataclass(frozen=True)
class Timing:
    seconds: float
    time_limit: int

    @property
    def overtime_seconds(self) -> float:
        return max(0.0, self.seconds - self.time_limit)


class Asker(Protocol):
    """The user interface a drill talks to: a terminal UI, plain lines, or a test script."""

    def answer(self, item: DrillCard, position: int, total: int) -> Answer: ...

    def assess(self, item: DrillCard, answer: Answer, timing: Timing) -> Assessment: ...


class StageObserver(Protocol):
    """Told when a mock-interview stage begins and ends."""

    def stage_started(self, stage: str, items: list[DrillCard]) -> None: ...

    def stage_finished(self, stage: str, attempts: list[Attempt]) -> None: ...


@dataclass
class DrillResult:
    drill_id: str
    planned: int
    attempts: list[Attempt] = field(default_factory=list)
    quit: bool = False
    input_ended: bool = False
    interrupted: bool = False
    error: NoraError | None = None

    @property
    def rated(self) -> list[Attempt]:
        return [a for a in self.attempts if not a.skipped and a.rating is not None]

    @property
    def completed(self) -> bool:
        """Every planned card was rated (none skipped, no early stop)."""
        stopped = self.quit or self.input_ended or self.interrupted or self.error
        return not stopped and len(self.rated) == self.planned


def run(
    items: list[DrillCard],
    *,
    asker: Asker,
    clock: Callable[[], datetime],
    save: Callable[[Attempt], None],
    mode: str,
    cram: bool = False,
    drill_id: str | None = None,
    stages: StageObserver | None = None,
) -> DrillResult:
    """Ask every item in turn, save each rated or skipped card at once, stop on quit, end of
    input, Ctrl-C or a failed save; the result says which. An answer interrupted at its
    checklist or rating is saved unrated before the drill stops."""
    result = DrillResult(drill_id=drill_id or uuid.uuid4().hex, planned=len(items))
    try:
        for position, item in enumerate(items, start=1):
            previous = items[position - 2].stage if position > 1 else None
            if stages and item.stage and item.stage != previous:
                stages.stage_started(item.stage, [i for i in items if i.stage == item.stage])
            started = clock()
            answer = asker.answer(item, position, len(items))
            ended = clock()
            if _stops(answer.action, result):
                break
            timing = Timing((ended - started).total_seconds(), item.time_limit)
            assessment = Assessment(action=Action.SKIP)
            if answer.action is Action.ANSWER:
                assessment = asker.assess(item, answer, timing)
            # Quitting, or the input ending, at the checklist or the rating still keeps the
            # typed answer, unrated, like Ctrl-C there.
            stopping = _stops(assessment.action, result)
            attempt = _attempt(item, answer, assessment, timing, started, ended, mode, cram, result)
            try:
                save(attempt)
            except NoraError as exc:
                result.error = exc
                break
            result.attempts.append(attempt)
            if stopping:
                break
            if assessment.action is Action.INTERRUPT:
                result.interrupted = True
                break
            following = items[position].stage if position < len(items) else None
            if stages and item.stage and following != item.stage:
                done = [a for a in result.attempts if a.stage == item.stage]
                stages.stage_finished(item.stage, done)
    except KeyboardInterrupt:
        result.interrupted = True
    return result


def _attempt(
    item: DrillCard,
    answer: Answer,
    assessment: Assessment,
    timing: Timing,
    started: datetime,
    ended: datetime,
    mode: str,
    cram: bool,
    result: DrillResult,
) -> Attempt:
    skipped = assessment.action is Action.SKIP
    return Attempt(
        attempt_id=uuid.uuid4().hex,
        drill_id=result.drill_id,
        mode=mode,
        deck=item.card.deck,
        card_id=item.card.id,
        category=item.card.category,
        started_at=started,
        ended_at=ended,
        seconds=timing.seconds,
        time_limit=item.time_limit,
        overtime_seconds=timing.overtime_seconds,
        answer=answer.text,
        covered=() if skipped else tuple(sorted(set(assessment.covered))),
        key_points_total=len(item.card.key_points),
        rating=None if skipped else assessment.rating,
        skipped=skipped,
        cram=cram,
        reason=item.reason,
        stage=item.stage,
        story=answer.story or "",
        project=answer.project or "",
        curveball=answer.curveball or "",
        walk=answer.walk,
        feedback=assessment.feedback,
        code=answer.code,
        interview=assessment.interview,
    )


def _stops(action: Action, result: DrillResult) -> bool:
    if action is Action.QUIT:
        result.quit = True
    elif action is Action.END:
        result.input_ended = True
    return action in (Action.QUIT, Action.END)
