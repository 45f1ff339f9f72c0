"""What the AI interviewer added to an attempt: its grade of each key point, its scores of the
judging dimensions, the follow-ups it asked and how they were answered, the curveball it
adapted, and every call it made to the model (time waited, tokens); and to a mock interview
as a whole: what it said between stages and its debrief. Small frozen dataclasses with their
JSON form, read tolerantly: a damaged part is dropped, never the record."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

VERDICTS = ("covered", "partly", "missed")
FOLLOW_UP_VERDICTS = ("strong", "partial", "weak")
# How a call to the model ended; anything but "ok" means the offline coach took over.
OUTCOMES = ("ok", "invalid", "timeout", "error", "ramble", "stopped")
T = TypeVar("T")


@dataclass(frozen=True)
class PointGrade:
    """The interviewer's verdict on one key point (zero-based `point`), with the words of the
    answer it rests on and a one-line reason."""

    point: int
    verdict: str
    reason: str
    quote: str = ""

    def to_record(self) -> dict[str, Any]:
        return {"point": self.point, "verdict": self.verdict, "quote": self.quote,
                "reason": self.reason}  # fmt: skip

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> PointGrade:
        verdict = str(record["verdict"])
        if verdict not in VERDICTS:
            raise ValueError(f"verdict {verdict!r}")
        return cls(int(record["point"]), verdict, str(record.get("reason", "")),
                   str(record.get("quote", "")))  # fmt: skip


@dataclass(frozen=True)
class FollowUpTurn:
    """A follow-up question, the key points it probes, and the user's timed answer with the
    interviewer's verdict on it (empty when it was skipped or not judged)."""

    question: str
    aims_at: tuple[int, ...] = ()
    answer: str = ""
    seconds: float = 0.0
    budget: int = 0
    skipped: bool = False
    verdict: str = ""
    quote: str = ""
    reason: str = ""
    words: int = 0
    fillers: dict[str, int] = field(default_factory=dict)

    def to_record(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "question": self.question,
            "aims_at": list(self.aims_at),
            "answer": self.answer,
            "seconds": round(self.seconds, 3),
            "budget": self.budget,
            "skipped": self.skipped,
            "words": self.words,
        }
        for key in ("verdict", "quote", "reason"):
            if getattr(self, key):
                record[key] = getattr(self, key)
        if self.fillers:
            record["fillers"] = dict(self.fillers)
        return record

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> FollowUpTurn:
        fillers = record.get("fillers")
        return cls(
            question=str(record["question"]),
            aims_at=tuple(int(i) for i in record.get("aims_at", ())),
            answer=str(record.get("answer", "")),
            seconds=float(record.get("seconds", 0.0)),
            budget=int(record.get("budget", 0)),
            skipped=bool(record.get("skipped", False)),
            verdict=str(record.get("verdict", "")),
            quote=str(record.get("quote", "")),
            reason=str(record.get("reason", "")),
            words=int(record.get("words", 0)),
            fillers={str(k): int(v) for k, v in fillers.items()}
            if isinstance(fillers, dict)
            else {},
        )


@dataclass(frozen=True)
class ModelCall:
    """One task sent to the model: the prompt file used, how long nora waited, the tokens
    sent and received (None when the model does not report them), the tries and the end."""

    task: str
    prompt: str
    seconds: float
    tries: int = 1
    outcome: str = "ok"
    tokens_in: int | None = None
    tokens_out: int | None = None

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"

    def to_record(self) -> dict[str, Any]:
        return {
            "task": self.task,
            "prompt": self.prompt,
            "seconds": round(self.seconds, 3),
            "tries": self.tries,
            "outcome": self.outcome,
            "tokens_in": self.tokens_in,
            "tokens_out": self.tokens_out,
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> ModelCall:
        outcome = str(record.get("outcome", "ok"))
        if outcome not in OUTCOMES:
            raise ValueError(f"outcome {outcome!r}")
        return cls(
            task=str(record["task"]),
            prompt=str(record.get("prompt", "")),
            seconds=float(record.get("seconds", 0.0)),
            tries=int(record.get("tries", 1)),
            outcome=outcome,
            tokens_in=_optional_int(record.get("tokens_in")),
            tokens_out=_optional_int(record.get("tokens_out")),
        )


@dataclass(frozen=True)
class InterviewRecord:
    """Everything the interviewer did for one card. `points` is empty when the offline coach
    judged the answer instead, and `note` then says why."""

    model: str
    points: tuple[PointGrade, ...] = ()
    dimensions: dict[str, int | None] = field(default_factory=dict)
    follow_ups: tuple[FollowUpTurn, ...] = ()
    curveball_from: str = ""  # the deck's curveball, when the interviewer adapted it
    calls: tuple[ModelCall, ...] = ()
    notes: tuple[str, ...] = ()
    stopped: bool = False  # Ctrl-C during a follow-up: the card is saved unrated

    @property
    def graded(self) -> bool:
        return bool(self.points)

    @property
    def covered(self) -> tuple[int, ...]:
        return tuple(g.point for g in self.points if g.verdict == "covered")

    @property
    def wait_seconds(self) -> float:
        return sum(call.seconds for call in self.calls)

    @property
    def answering_seconds(self) -> float:
        """The time spent answering the follow-ups (the waits on the model are apart)."""
        return sum(turn.seconds for turn in self.follow_ups)

    def to_record(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "model": self.model,
            "wait_seconds": round(self.wait_seconds, 3),
            "calls": [call.to_record() for call in self.calls],
        }
        if self.points:
            record["points"] = [grade.to_record() for grade in self.points]
            record["dimensions"] = dict(self.dimensions)
        if self.follow_ups:
            record["follow_ups"] = [turn.to_record() for turn in self.follow_ups]
        if self.curveball_from:
            record["curveball_from"] = self.curveball_from
        if self.notes:
            record["notes"] = list(self.notes)
        return record

    @classmethod
    def from_record(cls, record: Any) -> InterviewRecord | None:
        """The record as saved; None when it is not one. A malformed grade, follow-up or call
        is left out rather than losing the rest."""
        if not isinstance(record, dict) or not isinstance(record.get("model"), str):
            return None
        dimensions = record.get("dimensions")
        return cls(
            model=record["model"],
            points=parts(record.get("points"), PointGrade.from_record),
            dimensions={str(k): _optional_int(v) for k, v in dimensions.items()}
            if isinstance(dimensions, dict)
            else {},
            follow_ups=parts(record.get("follow_ups"), FollowUpTurn.from_record),
            curveball_from=str(record.get("curveball_from", "")),
            calls=parts(record.get("calls"), ModelCall.from_record),
            notes=tuple(str(n) for n in record.get("notes", ()) if isinstance(n, str)),
        )


@dataclass(frozen=True)
class Debrief:
    """The interviewer's debrief at the end of a mock interview."""

    summary: str
    strengths: tuple[str, ...] = ()
    gaps: tuple[str, ...] = ()
    next_step: str = ""

    def to_record(self) -> dict[str, Any]:
        return {"summary": self.summary, "strengths": list(self.strengths),
                "gaps": list(self.gaps), "next_step": self.next_step}  # fmt: skip

    @classmethod
    def from_record(cls, record: Any) -> Debrief | None:
        """The debrief as saved; None when it is not one."""
        if not isinstance(record, dict) or not isinstance(record.get("summary"), str):
            return None
        return cls(
            summary=record["summary"],
            strengths=_texts(record.get("strengths")),
            gaps=_texts(record.get("gaps")),
            next_step=str(record.get("next_step", "")),
        )


@dataclass(frozen=True)
class StageTransition:
    """What the interviewer said as one mock-interview stage ended and the next began."""

    ended: str
    starting: str
    line: str

    def to_record(self) -> dict[str, Any]:
        return {"ended": self.ended, "starting": self.starting, "line": self.line}

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> StageTransition:
        return cls(str(record["ended"]), str(record["starting"]), str(record["line"]))


def _texts(items: Any) -> tuple[str, ...]:
    return tuple(item for item in items if isinstance(item, str)) if isinstance(items, list) else ()


def parts(items: Any, parse: Callable[[Any], T]) -> tuple[T, ...]:
    """Each item of a saved list that parses; the others are left out."""
    if not isinstance(items, list):
        return ()
    parsed: list[T] = []
    for item in items:
        try:
            parsed.append(parse(item))
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
    return tuple(parsed)


def _optional_int(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
