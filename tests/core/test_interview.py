"""The interviewer's part of an attempt in the history, and its debrief of a mock interview
(a record of its own): they round-trip, old records without them still read, and a damaged
part is dropped without losing the record."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from helpers import T0, attempt

from nora_cli.core.interview import (
    Debrief,
    FollowUpTurn,
    InterviewRecord,
    ModelCall,
    PointGrade,
    StageTransition,
)
from nora_cli.core.records import Attempt, DrillDebrief, entry_from_record, outcome_from_record

RECORD = InterviewRecord(
    model="nora-test",
    points=(PointGrade(0, "covered", "the definition", "TP over"), PointGrade(1, "missed", "no")),
    dimensions={"evaluation": 4, "product-objective": None},
    follow_ups=(
        FollowUpTurn(
            "How is recall computed?",
            (1,),
            "TP over TP plus FN um",
            21.5,
            40,
            verdict="strong",
            quote="TP plus FN",
            reason="exact",
            words=6,
            fillers={"um": 1},
        ),
        FollowUpTurn("And F1?", (), skipped=True, budget=40),
    ),
    curveball_from="Labels arrive late: what changes?",
    calls=(
        ModelCall("curveball", "curveball.v1", 0.8, 1, "ok", 300, 40),
        ModelCall("grade", "grade.v1", 2.25, 2, "ok", 1400, 220),
        ModelCall("follow_ups", "follow_ups.v1", 3.0, 1, "timeout"),
    ),
    notes=("The interviewer (nora-test) failed: no reply within 3 s; ...",),
)


def test_an_attempt_with_the_interviewers_part_round_trips_through_json() -> None:
    original = replace(attempt("t-precision", 3, T0), interview=RECORD)
    record = json.loads(json.dumps(original.to_record()))
    assert record["interview"]["wait_seconds"] == 6.05
    assert record["interview"]["calls"][2] == {
        "task": "follow_ups", "prompt": "follow_ups.v1", "seconds": 3.0, "tries": 1,
        "outcome": "timeout", "tokens_in": None, "tokens_out": None,
    }  # fmt: skip
    assert Attempt.from_record(record) == original
    assert "interview" not in Attempt.from_record(record).unknown


def test_an_attempt_without_it_reads_as_before() -> None:
    plain = attempt("t-precision", 3, T0)
    record = plain.to_record()
    assert "interview" not in record
    assert Attempt.from_record(record).interview is None


def test_a_damaged_part_is_dropped_and_the_attempt_kept() -> None:
    record = replace(attempt("t-precision", 3, T0), interview=RECORD).to_record()
    record["interview"]["points"][0]["verdict"] = "brilliant"
    record["interview"]["follow_ups"][1] = "not a turn"
    record["interview"]["calls"][0].pop("task")
    record["interview"]["dimensions"] = ["evaluation"]
    read = entry_from_record(record)
    assert isinstance(read, Attempt) and read.rating == 3
    assert read.interview is not None
    assert read.interview.points == RECORD.points[1:]
    assert read.interview.follow_ups == RECORD.follow_ups[:1]
    assert [c.task for c in read.interview.calls] == ["grade", "follow_ups"]
    assert read.interview.dimensions == {}


def test_an_interview_field_that_is_not_one_is_ignored() -> None:
    record = attempt("t-precision", 3, T0).to_record()
    record["interview"] = "gpt said hi"
    assert Attempt.from_record(record).interview is None


def test_the_record_says_what_was_covered_and_how_long_nora_waited() -> None:
    assert RECORD.covered == (0,)
    assert RECORD.graded
    assert RECORD.wait_seconds == 6.05
    assert not InterviewRecord("m").graded


MOCK = DrillDebrief(
    drill_id="d1",
    mode="standard",
    at=T0,
    model="nora-test",
    debrief=Debrief("Solid start.", ("Clear metrics",), ("No numbers",), "Add a figure."),
    transitions=(StageTransition("Recruiter screen", "Coding", "Thanks. Now, Coding."),),
    calls=(
        ModelCall("transition", "transition.v1", 1.25, 1, "ok", 250, 15),
        ModelCall("debrief", "debrief.v1", 2.5, 2, "ok", 340, 70),
    ),
    notes=("The interviewer (nora-test) failed: no reply within 3 s; ...",),
)


def test_a_mock_interviews_debrief_is_its_own_kind_of_record_and_round_trips() -> None:
    record = json.loads(json.dumps(MOCK.to_record()))
    assert record["kind"] == "debrief" and record["drill_id"] == "d1"
    assert (record["model"], record["wait_seconds"]) == ("nora-test", 3.75)
    assert record["debrief"]["next_step"] == "Add a figure."
    assert record["transitions"] == [
        {"ended": "Recruiter screen", "starting": "Coding", "line": "Thanks. Now, Coding."}
    ]
    assert entry_from_record(record) == MOCK
    assert outcome_from_record(record) is None  # checked, but not for the progress to fold


def test_a_debrief_record_without_a_debrief_keeps_its_calls_and_notes() -> None:
    failed = replace(MOCK, debrief=None, transitions=())
    record = failed.to_record()
    assert "debrief" not in record and "transitions" not in record
    assert entry_from_record(record) == failed


def test_a_debriefs_damaged_part_is_dropped_and_one_without_its_drill_refused() -> None:
    record = MOCK.to_record()
    record["transitions"].append({"ended": "Coding"})
    record["calls"][0]["outcome"] = "brilliant"
    record["debrief"]["strengths"] = ["Kept", 3]
    record["future_field"] = "ignored"
    read = entry_from_record(record)
    assert isinstance(read, DrillDebrief)
    assert read.transitions == MOCK.transitions
    assert [c.task for c in read.calls] == ["debrief"]
    assert read.debrief is not None and read.debrief.strengths == ("Kept",)
    for key in ("drill_id", "at", "model"):
        broken = MOCK.to_record()
        del broken[key]
        with pytest.raises(KeyError):
            entry_from_record(broken)
        with pytest.raises(KeyError):
            outcome_from_record(broken)
