"""Drills with the AI interviewer on, through the real command (Typer's CliRunner, plain
input) and the deterministic test models: the grade and its follow-ups saved with the
attempt, each failure as one line with the attempt still saved, the privacy gate, the
walk's adapted curveball and the mock interview's debrief."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest
from ai_helpers import (
    configure,
    registered_test_models,  # noqa: F401 (the test_models fixture)
)
from typer.testing import CliRunner

from nora_cli.cli import app

runner = CliRunner()
LEAK = ["drill", "technical", "-n", "1", "--category", "ML Fundamentals"]
# The leakage card: the answer names training and offline (points 1 and 2), not point 3.
ANSWER = "Leakage: training sees future information, so offline metrics look great\n\n"
FOLLOW_UP = "I would split by time and build point-in-time features\n\n"


def records(home: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (home / "history.jsonl").read_text().splitlines()]


def drill(args: list[str], text: str) -> str:
    """The drill's output, its lines joined with single spaces (so wrapped lines read whole);
    the drill must succeed."""
    result = runner.invoke(app, args, input=text)
    if result.exc_info and result.exit_code:
        import traceback

        print("".join(traceback.format_exception(*result.exc_info)))
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def typed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Answers read as if typed at a terminal, so the interviewer asks its follow-ups (the
    runner pipes them)."""
    from nora_cli.app import ai

    monkeypatch.setattr(ai, "typed_input", lambda: True)


def test_the_interviewer_grades_asks_a_follow_up_and_both_are_saved(
    fixture_questions: Path,
    nora_home: Path,
    test_models: ModuleType,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    configure(ai__model="nora-test")
    typed(monkeypatch)
    out = drill(LEAK, ANSWER + FOLLOW_UP + "1,2\n3\n")
    assert out.startswith("AI interviewer: nora-test (runs locally).")
    assert "Feedback on your answer" in out  # the offline panel still comes first
    assert "The interviewer (nora-test)" in out
    assert "Key points: 2 covered, 0 partly, 1 missed" in out
    assert '✓ 1. covered "training" you named training' in out
    assert "✗ 3. missed not in your answer" in out
    assert "Follow-up 1/1 · about key point 3 · 0:40" in out  # a third of the card's 2:00
    assert "You left out point 3: how would you handle it?" in out
    assert 'Follow-up 1: strong "I would split" 9 words (9 words, about 0:04 aloud)' in out
    assert "Your answer seems to cover: 1,2." in out  # pre-ticked from the interviewer
    assert out.count("Waited ") == 2
    (record,) = records(nora_home)
    assert record["rating"] == 3 and record["covered"] == [0, 1]
    assert record["feedback"]["words"] == 10
    interview = record["interview"]
    assert interview["model"] == "nora-test"
    assert [p["verdict"] for p in interview["points"]] == ["covered", "covered", "missed"]
    assert interview["dimensions"]["evaluation"] == 3
    (turn,) = interview["follow_ups"]
    assert turn["answer"] == FOLLOW_UP.strip() and turn["aims_at"] == [2]
    assert (turn["verdict"], turn["budget"], turn["words"]) == ("strong", 40, 9)
    assert [c["task"] for c in interview["calls"]] == ["grade", "follow_ups"]
    grade_prompt = test_models.CALLS[0]["prompt"]
    assert interview["calls"][0]["tokens_in"] == test_models.tokens(
        test_models.CALLS[0]["system"] + grade_prompt
    )
    assert interview["wait_seconds"] == pytest.approx(
        sum(c["seconds"] for c in interview["calls"]), abs=0.002
    )


def test_piped_answers_get_no_follow_ups_so_the_checklist_and_rating_are_read_as_sent(
    fixture_questions: Path, nora_home: Path, test_models: ModuleType
) -> None:
    configure(ai__model="nora-test")
    out = drill(LEAK, "TP over TP+FP\n\n1,2\n3\n")
    assert out.count("asks no follow-ups") == 1
    assert (
        "AI interviewer: nora-test (runs locally). The input is not typed at a terminal, so it "
        "grades each answer but asks no follow-ups." in out
    )
    assert "Follow-up" not in out
    (record,) = records(nora_home)
    assert (record["rating"], record["covered"]) == (3, [0, 1])
    assert "follow_ups" not in record["interview"]
    assert [c["task"] for c in record["interview"]["calls"]] == ["grade"]


def test_no_ai_leaves_the_drill_to_the_offline_coach(
    fixture_questions: Path, nora_home: Path, test_models: ModuleType
) -> None:
    configure(ai__model="nora-test")
    out = drill([*LEAK, "--no-ai"], ANSWER + "1,2\n3\n")
    assert "interviewer" not in out.lower()
    assert test_models.CALLS == []
    assert "interview" not in records(nora_home)[0]


def test_a_slow_model_is_one_line_and_the_offline_coach_judges(
    fixture_questions: Path, nora_home: Path, test_models: ModuleType
) -> None:
    configure(ai__model="nora-test-slow", ai__timeout="1")
    out = drill(LEAK, ANSWER + "1\n2\n")
    assert (
        "The interviewer (nora-test-slow) failed: no reply within 1 s; the offline coach "
        "judged this answer." in out
    )
    assert "Waited 1.0 s on the model (tokens not reported)." in out
    assert "Follow-up" not in out
    (record,) = records(nora_home)
    assert record["rating"] == 2 and record["feedback"]["covered"]
    call = record["interview"]["calls"][0]
    assert (call["outcome"], call["tokens_in"]) == ("timeout", None)
    assert 1.0 <= call["seconds"] < 2.0
    assert "points" not in record["interview"]


def test_invalid_json_twice_falls_back_with_a_note(
    fixture_questions: Path, nora_home: Path, test_models: ModuleType
) -> None:
    configure(ai__model="nora-test")
    test_models.SCRIPT.extend(["Covered: 1 and 2.", '{"points": []}'])
    out = drill(LEAK, ANSWER + "1\n2\n")
    assert (
        "The interviewer (nora-test) failed: its reply was invalid twice (the reply: "
        "'dimensions' is missing); the offline coach judged this answer." in out
    )
    assert "Waited" in out and "2 tries" in out
    interview = records(nora_home)[0]["interview"]
    assert interview["calls"][0]["outcome"] == "invalid" and interview["calls"][0]["tries"] == 2
    assert interview["notes"][0].startswith("The interviewer (nora-test) failed")


def test_two_failures_turn_it_off_for_the_rest_of_the_drill(
    fixture_questions: Path, nora_home: Path, test_models: ModuleType
) -> None:
    configure(ai__model="nora-test-error")
    out = drill(["drill", "technical", "-n", "3"], "a b c\n\n1\n2\nd e\n\n\n3\nf g\n\n\n4\n")
    assert out.count("failed: the test server refused the request") == 2
    assert "It is off for the rest of this drill after 2 failures in a row." in out
    assert len(test_models.CALLS) == 2
    saved = records(nora_home)
    assert [r["rating"] for r in saved] == [2, 3, 4]
    assert "interview" in saved[1] and "interview" not in saved[2]


def test_a_rambling_model_is_one_line(
    fixture_questions: Path, nora_home: Path, test_models: ModuleType
) -> None:
    configure(ai__model="nora-test-ramble")
    out = drill(LEAK, ANSWER + "1\n2\n")
    assert "failed: it rambled past 12,000 characters; the offline coach" in out
    assert records(nora_home)[0]["interview"]["calls"][0]["outcome"] == "ramble"


def test_a_hosted_model_gets_no_answer_without_remote_ok(
    fixture_questions: Path, nora_home: Path, test_models: ModuleType
) -> None:
    configure(ai__model="nora-test-hosted")
    out = drill(LEAK, ANSWER + "1\n2\n")
    assert "nora-test-hosted does not run on this machine: your answers would go to" in (out)
    assert test_models.CALLS == []
    assert "interview" not in records(nora_home)[0]


DESIGN_DECK = """\
id: designs
title: Designs
description: One design card.
cards:
  - id: fraud-design
    prompt: Design a fraud detection system for card payments.
    category: ML System Design
    kind: design
    difficulty: 3
    time_limit: 900
    key_points:
      - "Objective: block fraud while keeping false declines low"
      - "Serving: score each payment before authorisation"
      - "Labels: chargebacks arrive weeks later"
    answer: Score every payment online with a gradient-boosted model on fresh features.
    curveballs: ["Labels now arrive 60 days late: what changes?"]
"""
STEPS = [
    "flag fraud before payout",
    "precision at a fixed recall",
    "chargeback labels from the bank",
    "a nightly batch job scores every account",
    "",  # the curveball, answered below
    "gradient boosting on account features",
    "keep the batch job, add a cache",
    "backtest, then an A/B test",
    "monitor drift and retrain weekly",
]


def test_the_walks_curveball_fits_the_design_and_is_saved(
    nora_home: Path, tmp_path: Path, test_models: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    deck = tmp_path / "designs.yaml"
    deck.write_text(DESIGN_DECK)
    configure(ai__model="nora-test")
    typed(monkeypatch)
    steps = list(STEPS)
    steps[4] = "stream events through a feature store and score online"
    walk = "".join(f"{text}\n\n" for text in steps)
    follow_ups = "I would label with chargebacks\n\n:skip\n"
    out = drill(
        ["drill", "technical", "--deck", str(deck), "--walk", "-n", "1"],
        walk + follow_ups + "1\n3\n",
    )
    assert test_models.REAL_TIME in out.replace("\n", " ")
    assert "(Adapted to your design from: Labels now arrive 60 days late: what changes?)" in out
    design = test_models.CALLS[0]["prompt"]
    assert "[Baseline] a nightly batch job scores every account" in design
    assert "gradient boosting" not in design  # only the steps before the curveball
    (record,) = records(nora_home)
    assert record["curveball"] == test_models.REAL_TIME
    assert record["walk"][4]["text"] == steps[4]
    interview = record["interview"]
    assert interview["curveball_from"] == "Labels now arrive 60 days late: what changes?"
    assert [c["task"] for c in interview["calls"]][:2] == ["curveball", "grade"]
    grade = test_models.CALLS[1]["prompt"]
    assert f"[Curveball: {test_models.REAL_TIME}] {steps[4]}" in grade
    assert [p["quote"] for p in interview["points"]] == ["fraud", "score", "labels"]


STANDARD = ["drill", "standard", "--quick", "--seed", "1"]
ALOUD = "\n\n3\n" * 7  # seven cards answered aloud and rated 3: only stage calls are sent


def test_the_mock_interview_has_a_word_at_each_stage_and_a_saved_debrief(
    nora_home: Path, test_models: ModuleType
) -> None:
    configure(ai__model="nora-test")
    out = drill(STANDARD, ALOUD)
    assert out.count("The interviewer (nora-test) is moving on to the next stage...") == 6
    assert re.search(
        r"Recruiter screen done: 1 rated, 0% of key points, mean rating 3\.0, 0:0\d of 2:00 "
        r"The interviewer \(nora-test\) is moving on to the next stage\.\.\. Waited ",
        out,
    )
    assert re.search(
        r"Interviewer: Thanks, that was Recruiter screen\. Now, Coding\. ─+ Stage: Coding", out
    )
    assert "Mock interview by stage" in out
    assert "Debrief from nora-test" in out
    assert "You went through 7 stages: Recruiter screen, Coding" in out
    assert "Saved: the debrief; `nora history debrief` shows it again." in out
    tasks = [c["prompt"].split("\n", 1)[0] for c in test_models.CALLS]
    assert tasks == ["TASK: transition v2"] * 6 + ["TASK: debrief v2"]
    first = test_models.CALLS[0]["prompt"]
    assert "The stage that just ended: Recruiter screen\n" in first
    assert "How it went: 1 of 1 card rated, 0% of key points covered" in first
    assert "The next stage: Coding (1 card)" in first
    assert "Stage: Behavioral\n- " in test_models.CALLS[-1]["prompt"]
    saved = records(nora_home)
    assert [r.get("kind", "attempt") for r in saved] == ["attempt"] * 7 + ["debrief"]
    mock = saved[-1]
    assert mock["drill_id"] == saved[0]["drill_id"] and mock["mode"] == "standard"
    assert mock["model"] == "nora-test"
    assert [c["task"] for c in mock["calls"]] == ["transition"] * 6 + ["debrief"]
    rounding = 0.0005 * (len(mock["calls"]) + 1)  # each figure is saved to the millisecond
    assert mock["wait_seconds"] == pytest.approx(
        sum(c["seconds"] for c in mock["calls"]), abs=rounding
    )
    assert mock["calls"][0]["tokens_in"] == test_models.tokens(
        test_models.CALLS[0]["system"] + first
    )
    assert mock["debrief"]["next_step"] == "Drill the weakest stage again tomorrow."
    assert mock["transitions"][-1] == {
        "ended": "Behavioral",
        "starting": "Your questions",
        "line": "Thanks, that was Behavioral. Now, Your questions.",
    }
    cache = json.loads((nora_home / "progress.json").read_text())
    assert cache["offset"] == (nora_home / "history.jsonl").stat().st_size  # folded in too
    shown = " ".join(runner.invoke(app, ["history", "debrief"]).output.split())
    assert f"Drill: {mock['drill_id']}" in shown
    assert "You went through 7 stages" in shown
    listing = " ".join(runner.invoke(app, ["history"]).output.split())
    assert "7 attempts in" in listing


def test_a_stage_change_the_model_fails_is_one_line_and_the_drill_goes_on(
    nora_home: Path, test_models: ModuleType
) -> None:
    configure(ai__model="nora-test")
    test_models.SCRIPT.extend(["Moving on!", '{"line": ""}'])  # the first transition, twice
    out = drill(STANDARD, ALOUD)
    assert (
        "The interviewer (nora-test) failed: its reply was invalid twice (line: shorter than 8 "
        "characters); the next stage starts without a word from it." in out
    )
    assert out.count("the next stage starts without a word from it") == 1
    assert "Interviewer: Thanks, that was Recruiter screen" not in out
    assert "Interviewer: Thanks, that was Coding. Now, ML fundamentals." in out
    mock = records(nora_home)[-1]
    assert [c["outcome"] for c in mock["calls"]] == ["invalid"] + ["ok"] * 6
    assert len(mock["transitions"]) == 5 and len(mock["notes"]) == 1
    assert mock["debrief"]["summary"].startswith("You went through 7 stages")


def test_a_model_that_times_out_between_stages_is_off_after_two_and_the_waits_are_saved(
    nora_home: Path, test_models: ModuleType
) -> None:
    configure(ai__model="nora-test-slow", ai__timeout="1")
    out = drill(STANDARD, ALOUD)
    assert out.count("failed: no reply within 1 s; the next stage starts without a word") == 2
    assert "It is off for the rest of this drill after 2 failures in a row." in out
    assert out.count("is moving on to the next stage") == 2  # not waited on once it is off
    assert "Interviewer:" not in out and "Debrief from" not in out
    assert "Saved: the debrief" not in out
    mock = records(nora_home)[-1]
    assert mock["kind"] == "debrief" and "debrief" not in mock
    assert [c["outcome"] for c in mock["calls"]] == ["timeout", "timeout"]
    assert 2.0 <= mock["wait_seconds"] < 4.0
    assert len(mock["notes"]) == 2
    shown = " ".join(runner.invoke(app, ["history", "debrief"]).output.split())
    assert "No debrief this time." in shown
    assert re.search(r"waited 2\.\d s over 2 calls between stages and for the debrief", shown)


def test_a_debrief_the_history_cannot_take_is_one_line(
    nora_home: Path, test_models: ModuleType
) -> None:
    from dataclasses import replace

    from helpers import T0, attempt, concept_card
    from rich.console import Console

    from nora_cli.app import ai, ai_mock_interview
    from nora_cli.core.engine import DrillCard
    from nora_cli.core.errors import HistoryError
    from nora_cli.store import config

    configure(ai__model="nora-test")
    interviewer, _ = ai.interviewer_for_drill(config.load(), allowed=True)
    assert interviewer is not None
    card = concept_card(id="t-precision")
    items = [DrillCard(card, 90, "new", "ML fundamentals", 4.0)]
    console = Console(record=True, width=80)
    mock = ai_mock_interview.for_drill(console, SimpleNamespace(interviewer=interviewer), items)
    assert mock is not None
    answered = [replace(attempt("t-precision", 3, T0), stage="ML fundamentals")]

    def full(record: object) -> None:
        raise HistoryError("could not save to history.jsonl: No space left on device.")

    assert mock.finish(answered, "d1", "standard", save=full) is None
    out = " ".join(console.export_text().split())
    assert "Debrief from nora-test" in out
    assert "The debrief could not be saved: could not save to history.jsonl" in out
    assert "Saved: the debrief" not in out


def test_ctrl_c_ends_the_mock_interview_without_asking_for_a_debrief(
    nora_home: Path, test_models: ModuleType
) -> None:
    from dataclasses import replace

    from helpers import T0, attempt, concept_card
    from rich.console import Console

    from nora_cli.app import ai, ai_mock_interview
    from nora_cli.core.engine import DrillCard
    from nora_cli.core.summary import StageResult
    from nora_cli.store import config

    configure(ai__model="nora-test")
    interviewer, _ = ai.interviewer_for_drill(config.load(), allowed=True)
    assert interviewer is not None
    items = [DrillCard(concept_card(id="t-precision"), 90, "new", "ML fundamentals", 4.0)]
    console = Console(record=True, width=80)
    mock = ai_mock_interview.for_drill(console, SimpleNamespace(interviewer=interviewer), items)
    assert mock is not None
    answered = [replace(attempt("t-precision", 3, T0), stage="ML fundamentals")]
    ended = StageResult("ML fundamentals", 1, 1, 3.0, 0.5, 60.0, 240.0)
    mock.between(ended, answered, "Coding", 1)
    saved: list[object] = []
    record = mock.finish(answered, "d1", "standard", save=saved.append, interrupted=True)
    assert [call["prompt"].split("\n", 1)[0] for call in test_models.CALLS] == [
        "TASK: transition v2"
    ]
    assert record is not None and saved == [record] and record.debrief is None
    assert record.notes == (ai_mock_interview.STOPPED,)
    assert "writing your debrief" not in console.export_text()


@pytest.mark.parametrize("settings", [{}, {"ai__model": "nora-test"}])
def test_offline_the_mock_interview_says_nothing_between_stages_and_saves_no_debrief(
    nora_home: Path, test_models: ModuleType, settings: dict[str, str]
) -> None:
    configure(**settings)
    out = drill([*STANDARD, "--no-ai"] if settings else STANDARD, ALOUD)
    assert "interviewer (" not in out.lower() and "Interviewer:" not in out
    assert re.search(r"mean rating 3\.0, 0:0\d of 2:00 ─+ Stage: Coding ─+ 1 card", out)
    assert test_models.CALLS == []
    assert all("kind" not in r for r in records(nora_home))


LLM_PROBE = """
import atexit, sys
atexit.register(lambda: print("llm loaded:", "llm" in sys.modules, file=sys.stderr))
atexit.register(lambda: print("ai loaded:", "nora_cli.app.ai" in sys.modules, file=sys.stderr))
from nora_cli.cli import main
main(sys.argv[1:])
"""


@pytest.mark.parametrize(
    ("settings", "flags", "loaded"),
    [({}, [], False), ({"ai__model": "nora-test"}, ["--no-ai"], False),
     ({"ai__model": "nora-test"}, [], True)],
)  # fmt: skip
@pytest.mark.usefixtures("warm_cache")
def test_llm_is_imported_only_when_the_interviewer_is_on(
    nora_home: Path, tmp_path: Path, settings: dict[str, str], flags: list[str], loaded: bool
) -> None:
    import os
    import subprocess
    import sys

    configure(**settings)
    env = {**os.environ, "NORA_HOME": str(nora_home), "LLM_USER_PATH": str(tmp_path / "llm")}
    done = subprocess.run(
        [sys.executable, "-c", LLM_PROBE, "drill", "technical", "-n", "1", "--plain", *flags],
        input="an answer\n\n\n3\n",
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert f"llm loaded: {loaded}" in done.stderr
    # Without a model the interviewer's own modules stay unloaded too (time to first card).
    assert f"ai loaded: {bool(settings)}" in done.stderr
    assert records(nora_home)[0]["rating"] == 3


def test_the_coding_round_neither_loads_nor_mentions_the_interviewer(
    nora_home: Path, test_models: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nora_cli.decks import exercises, loader

    # decks.exercises binds shipped_root when first imported, which may have been while an
    # earlier test pointed it at the fixture decks (which have no exercises)
    monkeypatch.setattr(exercises, "shipped_root", loader.shipped_root)
    configure(ai__model="no-such-model")
    created = runner.invoke(app, ["code", "submit", "top-k-frequent"])
    assert created.exit_code == 0, created.output
    assert "interviewer" not in created.output.lower()
    assert test_models.CALLS == []


@pytest.mark.parametrize("command", [["plan", "next"], ["plan", "start", "2"]])
def test_plan_sessions_use_the_interviewer_unless_no_ai_is_given(
    nora_home: Path, test_models: ModuleType, command: list[str]
) -> None:
    configure(ai__model="nora-test")
    with_ai = runner.invoke(app, command, input="")
    assert with_ai.exit_code == 0, with_ai.output
    assert "AI interviewer: nora-test (runs locally)." in with_ai.output
    without = runner.invoke(app, [*command, "--no-ai"], input="")
    assert without.exit_code == 0, without.output
    assert "interviewer" not in without.output.lower()
