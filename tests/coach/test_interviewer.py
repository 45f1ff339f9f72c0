"""The interviewer's decisions with a fake transport: prompt assembly, the reply checks, the
one retry, the fall-back to the offline coach, the strikes, follow-ups, curveballs and the
debrief. No llm, no network."""

from __future__ import annotations

import json
from collections import deque
from dataclasses import dataclass, field, replace
from typing import Any

import pytest
from helpers import PRECISION_POINTS, concept_card

from nora_cli.coach.interview_material import (
    MAX_ANSWER_CHARS,
    MAX_CODE_CHARS,
    DebriefRow,
    code_submission,
    walk_submission,
)
from nora_cli.coach.interviewer import STORY_RULE, Interviewer, ModelFailure, Reply
from nora_cli.coach.prompt_files import RETRY_PROMPT, TASK_PROMPTS, load_prompt
from nora_cli.core.exercise import CodeResult
from nora_cli.core.interview import FollowUpTurn, InterviewRecord, PointGrade
from nora_cli.core.models import Card
from nora_cli.core.summary import StageResult
from nora_cli.core.walk import StepAnswer

ANSWER = "Precision is TP over flagged items; raising the threshold trades recall away."


def card(kind: str = "concept", category: str = "Classification Metrics", **extra: Any) -> Card:
    third = "A higher threshold trades recall for precision"
    return concept_card((*PRECISION_POINTS, third), kind=kind, category=category, **extra)


@dataclass
class FakeTransport:
    """Hands back scripted replies (text, or a ModelFailure to raise) and keeps what was sent."""

    replies: deque[Any]
    model_id: str = "fake-model"
    sent: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)

    def send(self, system: str, prompt: str, schema: dict[str, Any]) -> Reply:
        self.sent.append((system, prompt, schema))
        reply = self.replies.popleft()
        if isinstance(reply, ModelFailure):
            raise reply
        if isinstance(reply, Reply):
            return reply
        return Reply(reply, seconds=0.5, tokens_in=100, tokens_out=20)


def interviewer(*replies: Any) -> tuple[Interviewer, FakeTransport]:
    transport = FakeTransport(deque(replies))
    return Interviewer(transport), transport


def grade_reply(**changes: Any) -> str:
    reply: dict[str, Any] = {
        "points": [
            {"point": 3, "verdict": "partly", "quote": "raising the threshold",
             "reason": "names the trade-off, not its direction"},
            {"point": 1, "verdict": "covered", "quote": "precision is TP over flagged items",
             "reason": "the definition"},
            {"point": 2, "verdict": "missed", "quote": "", "reason": "recall is never defined"},
        ],
        "dimensions": {"technical-clarity": 4, "model-understanding": None, "evaluation": 3,
                       "production-design": None, "product-objective": 2},
        "follow_ups": [{"question": "How is recall computed?", "aims_at": [2, 2]}],
    }  # fmt: skip
    reply.update(changes)
    return json.dumps(reply)


def test_a_valid_grade_becomes_verdicts_in_rubric_order_with_zero_based_points() -> None:
    ai, transport = interviewer(grade_reply())
    record = ai.grade(card(), ANSWER)
    assert record.points == (
        PointGrade(0, "covered", "the definition", "precision is TP over flagged items"),
        PointGrade(1, "missed", "recall is never defined", ""),
        PointGrade(2, "partly", "names the trade-off, not its direction", "raising the threshold"),
    )
    assert record.covered == (0,)
    assert record.follow_ups == (FollowUpTurn("How is recall computed?", (1,)),)
    assert record.dimensions["technical-clarity"] == 4
    assert record.dimensions["model-understanding"] is None
    (call,) = record.calls
    assert (call.task, call.prompt, call.tries, call.outcome) == ("grade", "grade.v3", 1, "ok")
    assert (call.seconds, call.tokens_in, call.tokens_out) == (0.5, 100, 20)
    assert record.notes == ()
    system, prompt, schema = transport.sent[0]
    assert "senior interviewer" in system
    assert "<answer>\n" + ANSWER + "\n</answer>" in prompt
    assert "1. Precision = TP / (TP + FP)\n2. Recall = TP / (TP + FN)\n3. A higher" in prompt
    assert "Precision is the share of flagged items that are right." in prompt
    assert "$" not in prompt  # every field of the prompt file was filled
    assert "maxLength" not in json.dumps(schema)  # the wire schema
    assert schema["properties"]["points"]["minItems"] == 3


def test_an_invalid_reply_is_retried_once_with_what_was_wrong() -> None:
    ai, transport = interviewer("Sure! Here is my grading: points 1 and 3.", grade_reply())
    record = ai.grade(card(), ANSWER)
    assert record.graded
    assert len(transport.sent) == 2
    retry = transport.sent[1][1]
    assert retry.startswith(transport.sent[0][1])
    assert "Your previous reply could not be used:\n- the reply holds no JSON object" in retry
    (call,) = record.calls
    assert (call.tries, call.outcome, call.seconds, call.tokens_in, call.tokens_out) == (
        2, "ok", 1.0, 200, 40,
    )  # fmt: skip


def test_invalid_twice_leaves_the_answer_to_the_offline_coach_with_a_note() -> None:
    wrong = grade_reply(follow_ups=[])
    ai, transport = interviewer(wrong, wrong)
    record = ai.grade(card(), ANSWER)
    assert not record.graded
    assert record.covered == ()
    assert len(transport.sent) == 2
    assert record.calls[0].outcome == "invalid"
    assert record.notes == (
        "The interviewer (fake-model) failed: its reply was invalid twice (follow_ups: 0 items "
        "where 1 to 2 were expected); the offline coach judged this answer.",
    )
    assert ai.strikes == 1 and ai.active


def points(first: int, quote: str, second: int) -> str:
    """A grade whose first verdict quotes `quote`, with the given point numbers."""
    return grade_reply(
        points=[
            {"point": first, "verdict": "covered", "quote": quote, "reason": "the formula"},
            {"point": second, "verdict": "missed", "quote": "", "reason": "not there"},
            {"point": 3, "verdict": "missed", "quote": "", "reason": "not there"},
        ]
    )


@pytest.mark.parametrize(
    ("reply", "error"),
    [
        (grade_reply(points=[]), "points: 0 items where 3 were expected"),
        (points(1, "TP over", 1), "points: each key point 1 to 3 must be judged once"),
        (points(1, "TP / (TP + FP)", 2), "points[0].quote: 'TP / (TP + FP)' is not in the answer"),
        (grade_reply(dimensions={"evaluation": 9}), "dimensions.evaluation: 9 is not from 1 to 5"),
        ('```json\n{"points": [}\n```', "the reply is not valid JSON"),
        ("", "the reply holds no JSON object"),
    ],
)
def test_what_makes_a_grade_invalid(reply: str, error: str) -> None:
    ai, transport = interviewer(reply, reply)
    record = ai.grade(card(), ANSWER)
    assert not record.graded
    assert error in transport.sent[1][1]


@pytest.mark.parametrize("outcome", ["timeout", "error", "ramble"])
def test_two_failures_in_a_row_turn_the_interviewer_off_for_the_drill(outcome: str) -> None:
    failure = ModelFailure(outcome, "no reply within 5 s", 5.0)
    ai, transport = interviewer(failure, ModelFailure(outcome, "no reply within 5 s", 5.0))
    first = ai.grade(card(), ANSWER)
    assert first.notes == (
        "The interviewer (fake-model) failed: no reply within 5 s; the offline coach judged "
        "this answer.",
    )
    assert (first.calls[0].outcome, first.calls[0].seconds, first.calls[0].tries) == (
        outcome, 5.0, 1,
    )  # fmt: skip
    assert first.calls[0].tokens_in is None
    second = ai.grade(card(), ANSWER)
    assert second.notes[0].endswith(
        "It is off for the rest of this drill after 2 failures in a row."
    )
    assert not ai.active
    third = ai.grade(card(), ANSWER)
    assert third.calls == () and len(transport.sent) == 2


def test_a_good_reply_between_failures_resets_the_count() -> None:
    ai, _ = interviewer(ModelFailure("error", "boom"), grade_reply(), ModelFailure("error", "boom"))
    for _ in range(3):
        ai.grade(card(), ANSWER)
    assert ai.active and ai.strikes == 1


def test_stopping_the_wait_is_not_a_failure_of_the_model() -> None:
    ai, _ = interviewer(ModelFailure("stopped", "stopped", 1.5))
    record = ai.grade(card(), ANSWER)
    assert record.notes == (
        "You stopped waiting for the interviewer; the offline coach judged this answer.",
    )
    assert ai.strikes == 0 and record.wait_seconds == 1.5


def test_tokens_are_left_unknown_when_the_model_does_not_report_them() -> None:
    ai, _ = interviewer(Reply(grade_reply(), 0.25))
    assert ai.grade(card(), ANSWER).calls[0].tokens_in is None


def test_an_answer_given_aloud_is_not_sent() -> None:
    ai, transport = interviewer()
    assert ai.grade(card(), "   ").calls == ()
    assert transport.sent == []


def test_stories_ask_for_the_personal_part_and_a_result_and_long_answers_are_cut() -> None:
    ai, transport = interviewer(ModelFailure("error", "x"), ModelFailure("error", "x"))
    ai.grade(card(kind="behavioral", category="Behavioral"), "we did it " * 2000)
    ai.active = True
    ai.grade(card(), ANSWER)
    story_prompt, concept_prompt = transport.sent[0][1], transport.sent[1][1]
    assert STORY_RULE in story_prompt and STORY_RULE not in concept_prompt
    sent_answer = story_prompt.split("<answer>\n")[1].split("\n</answer>")[0]
    assert len(sent_answer) == MAX_ANSWER_CHARS + len(" [cut]")


def graded(ai: Interviewer, *questions: str) -> InterviewRecord:
    return InterviewRecord(model=ai.model_id, follow_ups=tuple(FollowUpTurn(q) for q in questions))


def test_follow_ups_answered_are_judged_in_one_call_and_skipped_ones_are_not() -> None:
    reply = {"answers": [
        {"number": 2, "verdict": "weak", "quote": "", "reason": "no formula"},
        {"number": 1, "verdict": "strong", "quote": "TP over TP plus FN", "reason": "exact"},
    ]}  # fmt: skip
    ai, transport = interviewer(json.dumps(reply))
    record = graded(ai, "How is recall computed?", "Which do you favour?", "And F1?")
    turns = list(record.follow_ups)
    turns[0] = FollowUpTurn(turns[0].question, answer="recall is um TP over TP plus FN")
    turns[1] = FollowUpTurn(turns[1].question, skipped=True)
    turns[2] = FollowUpTurn(turns[2].question, answer="the harmonic mean")
    from dataclasses import replace

    judged = ai.judge_follow_ups(card(), replace(record, follow_ups=tuple(turns)))
    first, skipped, third = judged.follow_ups
    assert (first.verdict, first.quote, first.reason) == ("strong", "TP over TP plus FN", "exact")
    assert (first.words, first.fillers) == (8, {"um": 1})
    assert skipped.verdict == "" and skipped.skipped
    assert (third.verdict, third.reason) == ("weak", "no formula")
    prompt = transport.sent[0][1]
    assert (
        "1. How is recall computed?\n<answer>\nrecall is um TP over TP plus FN\n</answer>" in prompt
    )
    assert "2. And F1?\n<answer>\nthe harmonic mean\n</answer>" in prompt
    assert "Which do you favour?" not in prompt
    assert judged.calls[0].task == "follow_ups"


def test_no_follow_up_answered_means_no_call() -> None:
    ai, transport = interviewer()
    record = graded(ai, "How is recall computed?")
    assert ai.judge_follow_ups(card(), record).calls == ()
    assert transport.sent == []


CURVEBALLS = ("Labels now arrive 30 days late: what changes?", "Traffic grows 10x: what breaks?")
DESIGN = [("Clarify the objective", "flag fraud before payout"),
          ("Serving", "a nightly batch job scores every account")]  # fmt: skip


def test_the_curveball_is_adapted_to_the_design_and_carried_to_the_grade() -> None:
    adapted = "Your nightly batch job is too slow: score each payment in 100 ms. What changes?"
    reply = {"curveball": adapted, "based_on": 1, "quote": "nightly batch job"}
    ai, transport = interviewer(json.dumps(reply), grade_reply())
    design_card = card(kind="design", curveballs=CURVEBALLS)
    assert ai.adapt_curveball(design_card, CURVEBALLS[1], DESIGN) == adapted
    prompt = transport.sent[0][1]
    assert "1. Labels now arrive 30 days late: what changes?\n2. Traffic grows" in prompt
    assert "[Serving] a nightly batch job scores every account" in prompt
    record = ai.grade(design_card, ANSWER)
    assert record.curveball_from == CURVEBALLS[0]  # based_on 1, whatever the walk planned
    assert [c.task for c in record.calls] == ["curveball", "grade"]
    assert ai.carried is None


def test_a_curveball_that_quotes_nothing_of_the_design_falls_back_to_the_decks() -> None:
    reply = json.dumps({"curveball": "What about GPUs?", "based_on": 1, "quote": "GPU cluster"})
    ai, _ = interviewer(reply, reply)
    design_card = card(kind="design", curveballs=CURVEBALLS)
    assert ai.adapt_curveball(design_card, CURVEBALLS[0], DESIGN) == CURVEBALLS[0]
    carried = ai.carried
    assert carried is not None and carried.curveball_from == ""
    assert carried.notes[0].endswith("; the deck's curveball is asked instead.")


def test_no_design_written_yet_keeps_the_decks_curveball_without_a_call() -> None:
    ai, transport = interviewer()
    design_card = card(kind="design", curveballs=CURVEBALLS)
    assert ai.adapt_curveball(design_card, CURVEBALLS[0], [("Objective", "  ")]) == CURVEBALLS[0]
    assert transport.sent == []


def test_the_debrief_lists_stages_with_the_points_the_interviewer_found_wanting() -> None:
    reply = {
        "summary": "Solid on metrics, thin on results.",
        "strengths": ["Clear formulas"],
        "gaps": ["Stories without numbers"],
        "next_step": "Add a figure to each story.",
    }
    ai, transport = interviewer(json.dumps(reply))
    grade = InterviewRecord("m", points=(PointGrade(1, "partly", "no direction given", "x"),))
    rows = [
        DebriefRow("ML fundamentals", "How do precision and recall differ?", 2, 3, 3, grade),
        DebriefRow("Behavioral", "Tell me about a failure.", 0, 4, None),
    ]
    debrief, call, note = ai.debrief(rows)
    assert debrief is not None and debrief.next_step == "Add a figure to each story."
    assert call is not None and call.task == "debrief" and note == ""
    assert (
        "Stage: ML fundamentals\n- How do precision and recall differ? | covered 2 of 3 | rating 3"
        "\n    point 2 partly: no direction given\nStage: Behavioral\n"
        "- Tell me about a failure. | covered 0 of 4 | rating not rated"
    ) in transport.sent[0][1]


SCREEN = StageResult("Recruiter screen", 2, 2, 3.5, 0.6, 150.0, 300.0)


def test_a_stage_change_gets_a_line_from_the_stage_names_and_how_the_stage_went() -> None:
    line = "Good, you kept the summary tight. Now for Coding."
    ai, transport = interviewer(json.dumps({"line": f"  {line}\n"}))
    grade = InterviewRecord("m", points=(PointGrade(0, "missed", "no result given", ""),))
    rows = [DebriefRow("Recruiter screen", "Summarise a recent project.", 1, 3, 4, grade)]
    said, call, note = ai.transition(SCREEN, rows, "Coding", 1)
    assert (said, note) == (line, "")
    assert call is not None and (call.task, call.prompt, call.outcome) == (
        "transition", "transition.v2", "ok",
    )  # fmt: skip
    system, prompt, schema = transport.sent[0]
    assert "interviewer" in system and schema["required"] == ["line"]
    assert "The stage that just ended: Recruiter screen\n" in prompt
    assert (
        "How it went: 2 of 2 cards rated, 60% of key points covered, mean rating 3.5 (1 again "
        "to 4 easy); 2:30 of its 5:00 used\n"
    ) in prompt
    assert "- Summarise a recent project. | covered 1 of 3 | rating 4\n" in prompt
    assert "    point 1 missed: no result given" in prompt
    assert "The next stage: Coding (1 card)\n" in prompt


def test_a_stage_where_nothing_was_rated_is_said_so() -> None:
    ai, transport = interviewer(json.dumps({"line": "Let us move on to Coding."}))
    ended = StageResult("Recruiter screen", 1, 0, 0.0, 0.0, 20.0, 120.0)
    ai.transition(ended, [], "Coding", 2)
    prompt = transport.sent[0][1]
    assert "How it went: no card rated; 0:20 of its 2:00 used" in prompt
    assert "(no card of this stage was answered)" in prompt
    assert "(2 cards)" in prompt


def test_a_failed_transition_says_nothing_but_one_line_and_counts_as_a_strike() -> None:
    ai, _ = interviewer("not json", '{"line": ""}')
    said, call, note = ai.transition(SCREEN, [], "Coding", 1)
    assert said == ""
    assert call is not None and (call.outcome, call.tries) == ("invalid", 2)
    assert note.startswith("The interviewer (fake-model) failed: its reply was invalid twice")
    assert note.endswith("; the next stage starts without a word from it.")
    assert ai.strikes == 1
    ai.active = False
    assert ai.transition(SCREEN, [], "Coding", 1) == ("", None, "")


def test_the_grade_prompt_lists_the_card_s_pitfalls_as_false() -> None:
    wrong = (
        "Raising the threshold always raises recall.",
        "Precision and recall share a denominator.",
    )
    ai, transport = interviewer(grade_reply(), grade_reply())
    ai.grade(card(pitfalls=wrong), ANSWER)
    ai.grade(card(), ANSWER)
    with_pitfalls, without = (prompt for _, prompt, _ in transport.sent)
    heading = "Wrong claims candidates often make on this question (each of these is false):\n"
    assert heading + f"1. {wrong[0]}\n2. {wrong[1]}\n" in with_pitfalls
    assert heading + "(none listed)\n" in without


def test_every_prompt_file_has_a_system_part_and_a_task_with_its_version() -> None:
    for task, name in TASK_PROMPTS.items():
        prompt = load_prompt(name)
        assert prompt.system and f"TASK: {task} {name.split('.')[-1]}" in prompt.template
    assert "$errors" in load_prompt(RETRY_PROMPT).template


def test_a_prompt_file_with_text_outside_its_parts_is_refused(
    tmp_path: Any, monkeypatch: Any
) -> None:
    import importlib.resources

    folder = tmp_path / "prompts"
    folder.mkdir()
    (folder / "bad.v1.txt").write_text("stray words\n[prompt]\nhello\n")
    monkeypatch.setattr(importlib.resources, "files", lambda package: tmp_path)
    with pytest.raises(ValueError, match="text before"):
        load_prompt.__wrapped__("bad.v1")  # type: ignore[attr-defined]


# --- what is graded: a walk's steps and a coding card's code, quoted only in the user's words


def walk_parts() -> tuple[StepAnswer, ...]:
    return (
        StepAnswer("objective", "Clarify the objective", "flag fraud before payout", 30, 60),
        StepAnswer("baseline", "Baseline", "a nightly batch job scores every account", 30, 60),
        StepAnswer("curveball", "Curveball", "stream events and score online", 30, 60),
    )


def quoting(quote: str) -> str:
    return grade_reply(
        points=[
            {"point": 1, "verdict": "covered", "quote": quote, "reason": "the objective"},
            {"point": 2, "verdict": "missed", "quote": "", "reason": "not there"},
            {"point": 3, "verdict": "missed", "quote": "", "reason": "not there"},
        ]
    )


def test_a_walk_is_graded_without_its_step_titles_being_quotable() -> None:
    ai, transport = interviewer(quoting("Clarify the objective"), quoting("flag fraud"))
    submission = walk_submission(walk_parts(), "Labels arrive 60 days late: what changes?")
    assert submission.own == (
        "flag fraud before payout\n\na nightly batch job scores every account\n\n"
        "stream events and score online"
    )
    record = ai.grade(card(kind="design"), submission)
    assert record.graded and record.points[0].quote == "flag fraud"
    prompt = transport.sent[0][1]
    assert (
        "<answer>\n[Clarify the objective] flag fraud before payout\n\n[Baseline] a nightly "
        "batch job scores every account\n\n[Curveball: Labels arrive 60 days late: what "
        "changes?] stream events and score online\n</answer>"
    ) in prompt
    assert "never the words in square brackets" in prompt
    retry = transport.sent[1][1]
    assert "points[0].quote: 'Clarify the objective' is not in the answer" in retry


def test_the_curveball_may_quote_the_design_but_not_its_step_titles() -> None:
    reply = json.dumps({"curveball": "What if the objective changes?", "based_on": 1,
                        "quote": "Serving"})  # fmt: skip
    ai, transport = interviewer(reply, reply)
    design_card = card(kind="design", curveballs=CURVEBALLS)
    assert ai.adapt_curveball(design_card, CURVEBALLS[0], DESIGN) == CURVEBALLS[0]
    assert "quote: 'Serving' is not in the design so far" in transport.sent[1][1]


def test_the_curveball_names_the_deck_curveball_the_model_started_from() -> None:
    five = tuple(f"Curveball number {n}: what changes?" for n in range(1, 6))
    reply = {"curveball": "Your batch job must now score in 100 ms: what changes?",
             "based_on": 3, "quote": "nightly batch job"}  # fmt: skip
    ai, _ = interviewer(json.dumps(reply))
    design_card = card(kind="design", curveballs=five)
    ai.adapt_curveball(design_card, five[4], DESIGN)  # the walk had planned the fifth
    carried = ai.carried
    assert carried is not None and carried.curveball_from == five[2]


CODE = CodeResult("top-k", "heaps", 3, 3, 5, 6, runs=4, hints=0, growth="looks O(n log k)",
                  code="def top_k(nums, k):\n    return heapq.nlargest(k, nums)\n")  # fmt: skip
TURNS = (("What is the time and space complexity of your solution?", "n log k time, k space"),
         ("How would you test your solution?", ""))  # fmt: skip


def test_a_coding_card_is_graded_with_its_code_and_tests_and_quoted_in_the_users_words() -> None:
    ai, transport = interviewer(quoting("time and space complexity"), quoting("heapq.nlargest"))
    submission = code_submission(CODE, TURNS)
    record = ai.grade(card(kind="coding"), submission)
    assert record.graded and record.points[0].quote == "heapq.nlargest"
    prompt = transport.sent[0][1]
    assert "def top_k(nums, k):\n    return heapq.nlargest(k, nums)" in prompt
    assert "3 of 3 tests passed, 5 of 6 hidden tests; growth: looks O(n log k)" in prompt
    assert (
        "<answer>\n[What is the time and space complexity of your solution?] n log k time, "
        "k space\n</answer>"
    ) in prompt
    assert "complexity of your solution" not in submission.own
    retry = transport.sent[1][1]
    assert "points[0].quote: 'time and space complexity' is not in the answer" in retry


def test_the_code_sent_is_cut_at_its_limit() -> None:
    long = replace(CODE, code="x = 1\n" * 5000)
    submission = code_submission(long, ())
    assert len(submission.work) < MAX_CODE_CHARS + 400
    assert "[cut]" in submission.work


def test_code_with_no_follow_up_answer_is_still_graded() -> None:
    ai, transport = interviewer(quoting("heapq.nlargest"))
    record = ai.grade(card(kind="coding"), code_submission(CODE, ()))
    assert record.graded and len(transport.sent) == 1


def test_when_judging_the_follow_ups_fails_the_note_says_they_are_not_judged() -> None:
    ai, _ = interviewer(ModelFailure("error", "HTTP 500"))
    record = graded(ai, "How is recall computed?")
    turns = (FollowUpTurn("How is recall computed?", answer="TP over TP plus FN"),)
    judged = ai.judge_follow_ups(card(), replace(record, follow_ups=turns))
    assert judged.notes == (
        "The interviewer (fake-model) failed: HTTP 500; your follow-up answers are not judged.",
    )
    assert judged.follow_ups[0].verdict == ""


def test_stage_times_are_minutes_and_seconds_and_the_follow_ups_are_in_the_notes() -> None:
    ai, transport = interviewer(json.dumps({"line": "Thanks. Now, Coding."}))
    ended = StageResult("Recruiter screen", 1, 1, 3.0, 0.5, 6.0, 290.0)
    turn = FollowUpTurn("What was the result?", answer="We cut churn by 4%", verdict="strong")
    skipped = FollowUpTurn("Who decided?", skipped=True)
    grade = InterviewRecord("m", follow_ups=(turn, skipped))
    rows = [DebriefRow("Recruiter screen", "Summarise a recent project.", 1, 2, 3, grade)]
    ai.transition(ended, rows, "Coding", 1)
    prompt = transport.sent[0][1]
    assert "; 0:06 of its 4:50 used" in prompt
    assert (
        '    follow-up "What was the result?": "We cut churn by 4%" (judged strong)\n'
        '    follow-up "Who decided?": skipped'
    ) in prompt


def test_the_readme_lists_the_prompt_files_the_code_sends() -> None:
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("- **Prompts**", 1)[1].split("\n\n", 1)[0]
    listed = set(re.findall(r"`(\w+\.v\d+)\.txt`", section))
    assert listed == {*TASK_PROMPTS.values(), RETRY_PROMPT}
