"""A drill's and a mock-interview stage's time count the follow-ups the AI interviewer asked
(the answering time; the waits on the model are recorded apart, with each call)."""

from __future__ import annotations

from dataclasses import replace

from helpers import T0, attempt

from nora_cli.core.interview import FollowUpTurn, InterviewRecord, ModelCall
from nora_cli.core.records import Attempt
from nora_cli.core.summary import stage_result, summarize


def with_follow_ups() -> list[Attempt]:
    interview = InterviewRecord(
        "m",
        follow_ups=(
            FollowUpTurn("Why?", answer="because", seconds=12.5),
            FollowUpTurn("And then?", answer="more", seconds=9.0),
            FollowUpTurn("Skipped?", skipped=True),
        ),
        calls=(ModelCall("grade", "grade.v3", 15.0), ModelCall("follow_ups", "f", 4.0)),
    )
    first = replace(attempt("c1", 3, T0), seconds=6.0, stage="Coding", interview=interview)
    second = replace(attempt("c2", 2, T0), seconds=30.0, stage="Coding")
    return [first, second]


def test_follow_up_answers_count_in_the_stage_time_and_model_waits_do_not() -> None:
    done = with_follow_ups()
    assert stage_result("Coding", done, 2, 4.8333).seconds == 6.0 + 12.5 + 9.0 + 30.0
    assert summarize(done, 2).seconds == 57.5
    interview = done[0].interview
    assert interview is not None and interview.answering_seconds == 21.5
