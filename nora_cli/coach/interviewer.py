"""The AI interviewer's decisions, apart from the model that answers: which prompt file each
task uses and what goes into it, what makes a reply valid, when to retry (once, on an
invalid reply), and when to leave the answer to the offline coach, with a note saying why.

Pure: the model is reached through an injected `Transport` (`app.ai` supplies one built on
the `llm` library), so nothing here imports `llm` or touches the network.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from nora_cli.coach import interview_schema as shape
from nora_cli.coach.coach import STORY_CATEGORY
from nora_cli.coach.interview_material import (
    DebriefRow,
    Submission,
    cut,
    debrief_stages,
    numbered,
    stage_summary,
)
from nora_cli.coach.prompt_files import RETRY_PROMPT, TASK_PROMPTS, load_prompt
from nora_cli.coach.speech import count_fillers
from nora_cli.core.interview import Debrief, FollowUpTurn, InterviewRecord, ModelCall, PointGrade
from nora_cli.core.models import Card
from nora_cli.core.summary import StageResult

# Failed calls in a row after which the interviewer stays off for the rest of the drill, so
# a model that is down costs the user one or two waits, not one per card.
MAX_STRIKES = 2
STORY_RULE = (
    "This is a behavioral story. If the answer does not make clear what the candidate did "
    'personally ("I", not "we"), or ends without a measurable result, one follow-up must '
    "ask for exactly that.\n"
)
OFFLINE = "the offline coach judged this answer"
NOT_JUDGED = "your follow-up answers are not judged"


@dataclass(frozen=True)
class Reply:
    """What a model returned, how long nora waited for it, and the tokens it reports."""

    text: str
    seconds: float
    tokens_in: int | None = None
    tokens_out: int | None = None


class ModelFailure(Exception):
    """The model gave no usable reply: `outcome` is timeout, error, ramble or stopped."""

    def __init__(self, outcome: str, detail: str, seconds: float = 0.0) -> None:
        super().__init__(detail)
        self.outcome = outcome
        self.detail = detail
        self.seconds = seconds


class Transport(Protocol):
    """Sends one prompt to the model (`app.ai.LlmTransport`); raises ModelFailure."""

    @property
    def model_id(self) -> str: ...

    def send(self, system: str, prompt: str, schema: shape.Schema) -> Reply: ...


@dataclass(frozen=True)
class Asked:
    """A task's valid reply (None when there is none), the call as recorded, and the note
    that says why the offline coach took over."""

    data: dict[str, Any] | None
    call: ModelCall
    note: str = ""


@dataclass
class Interviewer:
    """Grades answers, asks follow-ups, adapts curveballs and debriefs through `transport`;
    after MAX_STRIKES failed calls in a row it is off for the rest of the drill."""

    transport: Transport
    asks_follow_ups: bool = True  # False when answers are piped: lines meant for the rating
    strikes: int = 0
    active: bool = True
    _off_told: bool = field(default=False, init=False, repr=False)
    # The walk's adapted curveball, carried to the grade of the same card.
    _carried: InterviewRecord | None = field(default=None, init=False, repr=False)

    @property
    def model_id(self) -> str:
        return self.transport.model_id

    @property
    def carried(self) -> InterviewRecord | None:
        """What the walk's curveball call left for the grade of the same card."""
        return self._carried

    def off_notice(self) -> str:
        """Once it has switched itself off, the line that says so at the next card (only
        once: the cards after it are judged by the offline coach without a word)."""
        if self.active or self._off_told:
            return ""
        self._off_told = True
        return (
            f"The AI interviewer is off for the rest of this drill after {MAX_STRIKES} failures "
            "in a row: the offline coach judges this card and the ones left."
        )

    # --- tasks ----------------------------------------------------------------------------
    def grade(self, card: Card, answer: str | Submission) -> InterviewRecord:
        """The key points judged with quotes in the candidate's own words, the dimensions
        scored and the follow-ups to ask; without a valid reply, a record whose note says
        the offline coach judged."""
        record = self._carried or InterviewRecord(model=self.model_id)
        self._carried = None
        given = Submission.typed(answer) if isinstance(answer, str) else answer
        total = len(card.key_points)
        if not self.active or not total or given.empty:
            return record
        story = card.kind == "behavioral" and card.category == STORY_CATEGORY
        values = {
            "kind": card.kind,
            "category": card.category,
            "question": card.prompt,
            "key_points": numbered(p.text for p in card.key_points),
            "model_answer": card.answer.strip() or "(none)",
            "pitfalls": numbered(card.pitfalls) if card.pitfalls else "(none listed)",
            "work": given.work,
            "answer": cut(given.text),
            "answer_note": given.note,
            "quotable": given.quotable,
            "story_rule": STORY_RULE if story else "",
        }
        asked = self._ask(
            "grade", values, shape.grade_schema(total), shape.grade_check(given.own, total)
        )
        record = _with_call(record, asked)
        if asked.data is None:
            return record
        points = tuple(
            sorted(
                (
                    PointGrade(
                        int(p["point"]) - 1,
                        p["verdict"],
                        shape.one_line(p["reason"]),
                        shape.one_line(p["quote"]),
                    )
                    for p in asked.data["points"]
                ),
                key=lambda grade: grade.point,
            )
        )
        follow_ups = tuple(
            FollowUpTurn(
                shape.one_line(f["question"]), tuple(sorted({i - 1 for i in f["aims_at"]}))
            )
            for f in asked.data["follow_ups"]
        )
        return replace(
            record, points=points, dimensions=dict(asked.data["dimensions"]), follow_ups=follow_ups
        )

    def judge_follow_ups(self, card: Card, record: InterviewRecord) -> InterviewRecord:
        """The record with each answered follow-up judged (one call for all of them)."""
        turns = list(record.follow_ups)
        answered = [i for i, t in enumerate(turns) if t.answer.strip() and not t.skipped]
        turns = [_measured(t) for t in turns]
        record = replace(record, follow_ups=tuple(turns))
        if not self.active or not answered:
            return record
        blocks = [
            f"{n}. {turns[i].question}\n<answer>\n{cut(turns[i].answer)}\n</answer>"
            for n, i in enumerate(answered, start=1)
        ]
        values = {
            "question": card.prompt,
            "key_points": numbered(p.text for p in card.key_points),
            "turns": "\n\n".join(blocks),
        }
        answers = [turns[i].answer for i in answered]
        asked = self._ask(
            "follow_ups",
            values,
            shape.follow_ups_schema(len(answered)),
            shape.follow_ups_check(answers),
            fallback=NOT_JUDGED,
        )
        record = _with_call(record, asked)
        if asked.data is None:
            return record
        for verdict in asked.data["answers"]:
            index = answered[int(verdict["number"]) - 1]
            turns[index] = replace(
                turns[index],
                verdict=verdict["verdict"],
                quote=shape.one_line(verdict["quote"]),
                reason=shape.one_line(verdict["reason"]),
            )
        return replace(record, follow_ups=tuple(turns))

    def adapt_curveball(self, card: Card, planned: str, design: Sequence[tuple[str, str]]) -> str:
        """The curveball to ask after the design so far (step titles and texts): one of the
        deck's reworded to fit it (`carried.curveball_from` names which), or `planned`, the
        walk's own pick, when the interviewer cannot. Only the texts are quotable."""
        steps = [(title, text.strip()) for title, text in design if text.strip()]
        if not self.active or not steps or not card.curveballs:
            return planned
        values = {
            "question": card.prompt,
            "curveballs": numbered(card.curveballs),
            "design": cut("\n".join(f"[{title}] {text}" for title, text in steps)),
        }
        asked = self._ask(
            "curveball",
            values,
            shape.curveball_schema(len(card.curveballs)),
            shape.quote_check("\n".join(text for _, text in steps), "quote"),
            fallback="the deck's curveball is asked instead",
        )
        self._carried = _with_call(InterviewRecord(model=self.model_id), asked)
        if asked.data is None:
            return planned
        source = card.curveballs[int(asked.data["based_on"]) - 1]  # numbered from 1
        self._carried = replace(self._carried, curveball_from=source)
        return shape.one_line(asked.data["curveball"])

    def debrief(self, rows: Sequence[DebriefRow]) -> tuple[Debrief | None, ModelCall | None, str]:
        """The end-of-interview debrief, the call it took, and the note when there is none."""
        if not self.active or not rows:
            return None, None, ""
        asked = self._ask(
            "debrief",
            {"stages": debrief_stages(rows)},
            shape.DEBRIEF_SCHEMA,
            lambda data: [],
            fallback="there is no debrief this time",
        )
        if asked.data is None:
            return None, asked.call, asked.note
        data = asked.data
        debrief = Debrief(
            shape.one_line(data["summary"]),
            tuple(shape.one_line(s) for s in data["strengths"]),
            tuple(shape.one_line(g) for g in data["gaps"]),
            shape.one_line(data["next_step"]),
        )
        return debrief, asked.call, ""

    def transition(
        self, ended: StageResult, rows: Sequence[DebriefRow], starting: str, cards: int
    ) -> tuple[str, ModelCall | None, str]:
        """What the interviewer says as the stage `ended` gives way to `starting` (its
        number of `cards`), the call it took, and the note when it says nothing."""
        if not self.active:
            return "", None, ""
        values = {
            "ended": shape.one_line(ended.stage),
            "how": stage_summary(ended),
            "notes": debrief_stages(rows) or "(no card of this stage was answered)",
            "starting": shape.one_line(starting),
            "cards": f"{cards} card{'s' * (cards != 1)}",
        }
        asked = self._ask(
            "transition",
            values,
            shape.TRANSITION_SCHEMA,
            lambda data: [],
            fallback="the next stage starts without a word from it",
        )
        if asked.data is None:
            return "", asked.call, asked.note
        return shape.one_line(asked.data["line"]), asked.call, ""

    # --- one task, with its retry -----------------------------------------------------------
    def _ask(
        self,
        task: str,
        values: dict[str, str],
        schema: shape.Schema,
        check: shape.Check,
        fallback: str = OFFLINE,
    ) -> Asked:
        name = TASK_PROMPTS[task]
        prompt = load_prompt(name)
        text = prompt.render(values)
        replies: list[Reply] = []
        errors: list[str] = []
        for tries in (1, 2):
            try:
                replies.append(self.transport.send(prompt.system, text, shape.wire(schema)))
            except ModelFailure as failure:
                call = _call(task, name, replies, tries, failure.outcome, failure.seconds)
                return Asked(None, call, self._failed(failure.outcome, failure.detail, fallback))
            data, problem = shape.extract_json(replies[-1].text)
            errors = [problem] if problem else shape.validate(data, schema)
            if not errors:
                errors = check(data)
            if not errors:
                self.strikes = 0
                return Asked(data, _call(task, name, replies, tries, "ok"))
            retry = load_prompt(RETRY_PROMPT)
            text = text + retry.render({"errors": "\n".join(f"- {e}" for e in errors[:5])})
        detail = f"its reply was invalid twice ({errors[0]})"
        call = _call(task, name, replies, 2, "invalid")
        return Asked(None, call, self._failed("invalid", detail, fallback))

    def _failed(self, outcome: str, detail: str, fallback: str) -> str:
        if outcome == "stopped":
            return f"You stopped waiting for the interviewer; {fallback}."
        note = f"The interviewer ({self.model_id}) failed: {detail}; {fallback}."
        self.strikes += 1
        if self.strikes >= MAX_STRIKES:
            self.active = False
            note += f" It is off for the rest of this drill after {MAX_STRIKES} failures in a row."
        return note


def _call(
    task: str, name: str, replies: list[Reply], tries: int, outcome: str, waited: float = 0.0
) -> ModelCall:
    """The call as recorded: the wait summed over its tries; tokens only when every reply
    reported them."""
    seconds = waited + sum(r.seconds for r in replies)
    ins = [r.tokens_in for r in replies]
    outs = [r.tokens_out for r in replies]
    tokens_in = sum(t for t in ins if t is not None) if ins and None not in ins else None
    tokens_out = sum(t for t in outs if t is not None) if outs and None not in outs else None
    return ModelCall(task, name, seconds, tries, outcome, tokens_in, tokens_out)


def _measured(turn: FollowUpTurn) -> FollowUpTurn:
    """A follow-up answer with its words and fillers counted, as a card's answer is."""
    if not turn.answer.strip():
        return turn
    return replace(turn, words=len(turn.answer.split()), fillers=count_fillers(turn.answer))


def _with_call(record: InterviewRecord, asked: Asked) -> InterviewRecord:
    notes = (*record.notes, asked.note) if asked.note else record.notes
    return replace(record, calls=(*record.calls, asked.call), notes=notes)
