"""What the history records: an attempt at a card, a step of the practice plan, and the AI
interviewer's debrief of a mock interview.

Plain frozen dataclasses with their JSON form. The schema version and the file belong to
`store.history`; these classes only know their own fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from nora_cli.core.exercise import CodeResult
from nora_cli.core.interview import (
    Debrief,
    InterviewRecord,
    ModelCall,
    StageTransition,
    parts,
)
from nora_cli.core.walk import StepAnswer

PLAN_EVENTS = ("session-done", "reset", "interview-date")
# Keys the history itself writes; anything else in a record is kept in `Attempt.unknown`.
_ENVELOPE = frozenset({"schema", "kind"})


@dataclass(frozen=True)
class Attempt:
    """One answered (or skipped) card, with what the drill knew about it."""

    attempt_id: str
    drill_id: str
    mode: str
    deck: str
    card_id: str
    category: str
    started_at: datetime
    ended_at: datetime
    seconds: float
    time_limit: int
    overtime_seconds: float
    answer: str
    covered: tuple[int, ...]
    key_points_total: int
    rating: int | None
    skipped: bool = False
    cram: bool = False
    reason: str = ""
    stage: str = ""
    story: str = ""
    project: str = ""
    curveball: str = ""
    walk: tuple[StepAnswer, ...] = ()
    feedback: dict[str, Any] | None = None
    code: CodeResult | None = None  # a coding exercise's tests, timings and code
    interview: InterviewRecord | None = None  # what the AI interviewer graded and asked
    # Fields written by a later nora of the same schema; kept so a round trip loses nothing,
    # and never allowed to overwrite the fields above.
    unknown: dict[str, Any] = field(default_factory=dict)

    @property
    def overtime(self) -> bool:
        return self.overtime_seconds > 0

    def to_record(self) -> dict[str, Any]:
        record: dict[str, Any] = dict(self.unknown)
        record.update(
            attempt_id=self.attempt_id,
            drill_id=self.drill_id,
            mode=self.mode,
            deck=self.deck,
            card_id=self.card_id,
            category=self.category,
            started_at=iso(self.started_at),
            ended_at=iso(self.ended_at),
            seconds=round(self.seconds, 3),
            time_limit=self.time_limit,
            overtime_seconds=round(self.overtime_seconds, 3),
            answer=self.answer,
            covered=list(self.covered),
            key_points_total=self.key_points_total,
            rating=self.rating,
            skipped=self.skipped,
            cram=self.cram,
        )
        for key in ("reason", "stage", "story", "project", "curveball"):
            if getattr(self, key):
                record[key] = getattr(self, key)
        if self.walk:
            record["walk"] = [step.to_record() for step in self.walk]
        if self.feedback:
            record["feedback"] = self.feedback
        if self.code is not None:
            record["code"] = self.code.to_record()
        if self.interview is not None:
            record["interview"] = self.interview.to_record()
        return record

    @property
    def outcome(self) -> Outcome:
        return Outcome.from_record(self.to_record())

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Attempt:
        started_at, ended_at = _required(record)
        rating = record["rating"]
        feedback = record.get("feedback")
        code = record.get("code")
        known = set(cls.__dataclass_fields__) | _ENVELOPE
        return cls(
            attempt_id=str(record["attempt_id"]),
            drill_id=str(record["drill_id"]),
            mode=str(record["mode"]),
            deck=str(record["deck"]),
            card_id=str(record["card_id"]),
            category=str(record["category"]),
            started_at=started_at,
            ended_at=ended_at,
            seconds=float(record["seconds"]),
            time_limit=int(record["time_limit"]),
            overtime_seconds=float(record["overtime_seconds"]),
            answer=str(record.get("answer", "")),
            covered=tuple(int(i) for i in record.get("covered", [])),
            key_points_total=int(record["key_points_total"]),
            rating=rating,
            skipped=bool(record.get("skipped", False)),
            cram=bool(record.get("cram", False)),
            reason=str(record.get("reason") or ""),
            stage=str(record.get("stage") or ""),
            story=str(record.get("story") or ""),
            project=str(record.get("project") or ""),
            curveball=str(record.get("curveball") or ""),
            walk=_walk(record.get("walk")),
            feedback=feedback if isinstance(feedback, dict) else None,
            code=CodeResult.from_record(code) if isinstance(code, dict) else None,
            interview=InterviewRecord.from_record(record.get("interview")),
            unknown={k: v for k, v in record.items() if k not in known},
        )


@dataclass(slots=True)  # not frozen: a rebuild makes 100,000 and frozen init is 6x slower
class Outcome:
    """What the progress adds up from one attempt. Read straight from a record when the whole
    history is replayed, without building the full Attempt (several times faster), but
    accepted or refused exactly as `Attempt.from_record` would: both check with `_required`."""

    card_id: str
    mode: str
    category: str
    ended_at: datetime
    seconds: float
    rating: int | None
    skipped: bool
    cram: bool
    covered: tuple[int, ...]
    key_points_total: int
    overtime: bool
    story: str
    code: CodeResult | None = None

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Outcome:
        _, ended_at = _required(record)
        int(record["time_limit"])  # unused here, but refused as Attempt.from_record would
        code = record.get("code")
        return cls(
            card_id=str(record["card_id"]),
            mode=str(record["mode"]),
            category=str(record["category"]),
            ended_at=ended_at,
            seconds=float(record["seconds"]),
            rating=record["rating"],
            skipped=bool(record.get("skipped", False)),
            cram=bool(record.get("cram", False)),
            covered=tuple(map(int, record.get("covered", ()))),
            key_points_total=int(record["key_points_total"]),
            overtime=float(record["overtime_seconds"]) > 0,
            story=str(record.get("story") or ""),
            code=CodeResult.from_record(code) if isinstance(code, dict) else None,
        )


MAX_SECONDS = 7 * 24 * 3600  # an attempt's time, at most: longer is a damaged record

_REQUIRED = frozenset(
    ("attempt_id", "drill_id", "mode", "deck", "card_id", "category", "started_at", "ended_at",
     "seconds", "time_limit", "overtime_seconds", "key_points_total", "rating")
)  # fmt: skip


def _required(record: dict[str, Any]) -> tuple[datetime, datetime]:
    """Raise KeyError or ValueError for a record without every field an attempt needs or with
    a rating out of range; return its start and end times, parsed on the way. The numbers are
    checked where each reader converts them."""
    missing = _REQUIRED.difference(record)
    if missing:
        raise KeyError(", ".join(sorted(missing)))
    rating = record["rating"]
    if rating is not None and rating not in (1, 2, 3, 4):
        raise ValueError(f"rating {rating!r} is not 1-4")
    seconds, overtime = record["seconds"], record["overtime_seconds"]
    if not (0 <= seconds <= MAX_SECONDS and 0 <= overtime <= MAX_SECONDS):
        name, value = (
            ("seconds", seconds)
            if not 0 <= seconds <= MAX_SECONDS
            else ("overtime_seconds", overtime)
        )
        raise ValueError(f"{name} {value!r} is not 0 to {MAX_SECONDS}")
    covered = record.get("covered")
    if covered and (min(covered) < 0 or max(covered) >= record["key_points_total"]):
        raise ValueError(
            f"covered {covered!r} names points outside 0 to {record['key_points_total'] - 1}"
        )
    return parse_time(record["started_at"]), parse_time(record["ended_at"])


@dataclass(frozen=True)
class PlanEvent:
    """A step of the practice plan: a session finished, the plan reset, an interview date set."""

    event: str
    at: datetime
    session: int | None = None
    drill_id: str = ""
    coverage: float | None = None
    mean_rating: float | None = None
    date: str | None = None
    cards: int | None = None  # the cards a finished session rated (older records: unknown)

    def to_record(self) -> dict[str, Any]:
        record: dict[str, Any] = {"kind": "plan", "event": self.event, "at": iso(self.at)}
        for key in ("session", "drill_id", "coverage", "mean_rating", "date", "cards"):
            value = getattr(self, key)
            if value not in (None, ""):
                record[key] = value
        return record

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> PlanEvent:
        event = str(record["event"])
        if event not in PLAN_EVENTS:
            raise ValueError(f"unknown plan event {event!r}")
        session, cards = record.get("session"), record.get("cards")
        return cls(
            event=event,
            at=parse_time(record["at"]),
            session=int(session) if session is not None else None,
            drill_id=str(record.get("drill_id", "")),
            coverage=_optional_float(record.get("coverage")),
            mean_rating=_optional_float(record.get("mean_rating")),
            date=str(record["date"]) if record.get("date") else None,
            cards=int(cards) if cards is not None else None,
        )


DEBRIEF_KIND = "debrief"


@dataclass(frozen=True)
class DrillDebrief:
    """The AI interviewer's part of a mock interview as a whole, saved once when it ends: what
    it said between stages, its debrief (None when it gave none; `notes` say why), and every
    call it made for them. Not an attempt: nothing that counts attempts reads it."""

    drill_id: str
    mode: str
    at: datetime
    model: str
    debrief: Debrief | None = None
    transitions: tuple[StageTransition, ...] = ()
    calls: tuple[ModelCall, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def wait_seconds(self) -> float:
        return sum(call.seconds for call in self.calls)

    def to_record(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "kind": DEBRIEF_KIND,
            "drill_id": self.drill_id,
            "mode": self.mode,
            "at": iso(self.at),
            "model": self.model,
            "wait_seconds": round(self.wait_seconds, 3),
            "calls": [call.to_record() for call in self.calls],
        }
        if self.debrief is not None:
            record["debrief"] = self.debrief.to_record()
        if self.transitions:
            record["transitions"] = [t.to_record() for t in self.transitions]
        if self.notes:
            record["notes"] = list(self.notes)
        return record

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> DrillDebrief:
        """Refuses a record without its drill, time or model; a damaged debrief, transition or
        call is left out rather than losing the rest."""
        notes = record.get("notes")
        return cls(
            drill_id=str(record["drill_id"]),
            mode=str(record.get("mode", "")),
            at=parse_time(record["at"]),
            model=str(record["model"]),
            debrief=Debrief.from_record(record.get("debrief")),
            transitions=parts(record.get("transitions"), StageTransition.from_record),
            calls=parts(record.get("calls"), ModelCall.from_record),
            notes=tuple(n for n in notes if isinstance(n, str)) if isinstance(notes, list) else (),
        )


# What the progress folds; a debrief is read beside them, never folded.
Entry = Attempt | PlanEvent
Record = Entry | DrillDebrief


def _walk(steps: Any) -> tuple[StepAnswer, ...]:
    """The design walk's steps; a malformed step is left out rather than losing the attempt."""
    if not isinstance(steps, list):
        return ()
    return tuple(
        StepAnswer.from_record(step) for step in steps if isinstance(step, dict) and "step" in step
    )


def outcome_from_record(record: dict[str, Any]) -> Outcome | PlanEvent | None:
    """A history record as the progress needs it (see Outcome); None for a debrief, which
    the progress does not fold (checked all the same, so a damaged one is reported alike)."""
    kind = record.get("kind", "attempt")
    if kind == "plan":
        return PlanEvent.from_record(record)
    if kind == "attempt":
        return Outcome.from_record(record)
    if kind == DEBRIEF_KIND:
        DrillDebrief.from_record(record)
        return None
    raise ValueError(f"unknown record kind {kind!r}")


def entry_from_record(record: dict[str, Any]) -> Record:
    kind = record.get("kind", "attempt")
    if kind == "plan":
        return PlanEvent.from_record(record)
    if kind == "attempt":
        return Attempt.from_record(record)
    if kind == DEBRIEF_KIND:
        return DrillDebrief.from_record(record)
    raise ValueError(f"unknown record kind {kind!r}")


def _optional_float(value: Any) -> float | None:
    return None if value is None else float(value)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_time(value: Any) -> datetime:
    try:
        moment = datetime.fromisoformat(value if isinstance(value, str) else str(value))
    except ValueError:
        raise ValueError(f"time {value!r} is not an ISO 8601 time") from None
    if moment.tzinfo is None:
        raise ValueError(f"time {value!r} has no time zone")
    return moment
