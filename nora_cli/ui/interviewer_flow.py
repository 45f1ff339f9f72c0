"""The AI interviewer's turns inside a card, through the asker's own prompts: grade the typed
answer, ask its follow-ups (timed, answered like cards), judge them; and in the design walk,
adapt the curveball to what was designed so far. Every decision is the coach's
(`coach.interviewer`); this module only asks and draws."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from nora_cli.coach.interview_material import Submission, code_submission, walk_submission
from nora_cli.core.engine import Action
from nora_cli.core.interview import InterviewRecord
from nora_cli.ui import interviewer_view as view

if TYPE_CHECKING:
    from nora_cli.core.engine import Answer, DrillCard
    from nora_cli.core.models import Card
    from nora_cli.core.walk import StepAnswer, WalkStep
    from nora_cli.ui.asker import BaseAsker

FOLLOW_UP_PROMPT = "?> "


@runtime_checkable
class CodeFollowUps(Protocol):
    """The exercises behind a drill's coding cards (`app.code_session.CardExercises`): the
    questions asked after a card's code and the answers typed, kept apart so that only the
    answers are the candidate's words."""

    def follow_up_turns(self, card_id: str) -> Sequence[tuple[str, str]]: ...


def submission(asker: BaseAsker, item: DrillCard, answer: Answer) -> Submission:
    """The answer as the interviewer grades it: a walk's steps with their titles, a coding
    card's code with its follow-up answers, or the typed text."""
    if answer.walk:
        return walk_submission(answer.walk, answer.curveball)
    if answer.code is not None:
        offer = asker.code
        turns = offer.follow_up_turns(item.card.id) if isinstance(offer, CodeFollowUps) else ()
        return code_submission(answer.code, turns)
    return Submission.typed(answer.text)


def follow_up_budget(time_limit: int) -> int:
    """A follow-up gets a third of the card's time, between 30 seconds and 2 minutes."""
    return max(30, min(120, time_limit // 3))


def run(asker: BaseAsker, item: DrillCard, answer: Answer) -> InterviewRecord | None:
    """The interviewer's part of a card, or None when it had nothing to do (off, or an answer
    given aloud). A failed call leaves a record whose notes say the offline coach judged."""
    interviewer = asker.coach.interviewer
    if interviewer is None:
        return None
    console = asker.console
    off = interviewer.off_notice()  # said once, at the first card it no longer judges
    if off:
        view.notes(console, [off])
    carried = interviewer.carried  # the walk's curveball call, already shown
    seen = (len(carried.calls), len(carried.notes)) if carried else (0, 0)
    given = submission(asker, item, answer)
    if interviewer.active and not given.empty:
        view.waiting(console, interviewer.model_id, "reading your answer")
    record = interviewer.grade(item.card, given)
    if not record.calls:
        return None
    _show_new(asker, record, *seen)
    if not record.graded:
        return record
    view.grade_panel(console, record)
    if not interviewer.asks_follow_ups:  # piped input: the next lines are the checklist's
        return replace(record, follow_ups=())
    record = _ask_follow_ups(asker, item, record)
    if record.stopped or not any(t.answer.strip() for t in record.follow_ups):
        return record
    seen = (len(record.calls), len(record.notes))
    view.waiting(console, interviewer.model_id, "reading your follow-up answers")
    record = interviewer.judge_follow_ups(item.card, record)
    _show_new(asker, record, *seen)
    view.follow_up_results(console, record.follow_ups)
    return record


def _ask_follow_ups(asker: BaseAsker, item: DrillCard, record: InterviewRecord) -> InterviewRecord:
    """Each follow-up as a timed answer block. :skip or :quit skips the follow-ups left (the
    card goes on to its reveal); Ctrl-C keeps what was answered and stops the drill."""
    turns = list(record.follow_ups)
    budget = follow_up_budget(item.time_limit)
    for index, turn in enumerate(turns):
        view.follow_up(asker.console, turn, index + 1, len(turns), budget)
        started = asker.now()
        try:
            text = asker.block(FOLLOW_UP_PROMPT, budget, first=True)
        except KeyboardInterrupt:
            turns[index:] = [replace(t, skipped=True, budget=budget) for t in turns[index:]]
            return replace(record, follow_ups=tuple(turns), stopped=True)
        if isinstance(text, Action):
            turns[index:] = [replace(t, skipped=True, budget=budget) for t in turns[index:]]
            break
        turns[index] = replace(
            turn, answer=text.strip(), seconds=asker.now() - started, budget=budget
        )
    return replace(record, follow_ups=tuple(turns))


def curveball(asker: BaseAsker, card: Card, step: WalkStep, parts: list[StepAnswer]) -> WalkStep:
    """The walk's curveball step, its question adapted to the design so far when the
    interviewer is on and answers in time; otherwise the deck's, unchanged."""
    interviewer = asker.coach.interviewer
    if interviewer is None or not interviewer.active:
        return step
    design = [(part.title, part.text) for part in parts]
    if any(text.strip() for _, text in design):
        view.waiting(asker.console, interviewer.model_id, "reading your design so far")
    question = interviewer.adapt_curveball(card, step.question, design)
    carried = interviewer.carried
    if carried is not None:
        _show_new(asker, carried, 0, 0)
    if carried is None or not carried.curveball_from:
        return step
    view.curveball_note(asker.console, carried.curveball_from)
    return replace(step, question=question)


def _show_new(asker: BaseAsker, record: InterviewRecord, calls: int, notes: int) -> None:
    """The wait and tokens of the calls after the first `calls`, and the notes after the
    first `notes` (those were shown already)."""
    for call in record.calls[calls:]:
        view.call_line(asker.console, call)
    view.notes(asker.console, record.notes[notes:])
