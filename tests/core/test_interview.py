"""The interviewer's part of an attempt in the history: it round-trips, old records without
it still read, and a damaged part is dropped without losing the attempt."""

from __future__ import annotations

import json
from dataclasses import replace

from helpers import T0, attempt

from nora_cli.core.interview import FollowUpTurn, InterviewRecord, ModelCall, PointGrade
from nora_cli.core.records import Attempt, entry_from_record

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
