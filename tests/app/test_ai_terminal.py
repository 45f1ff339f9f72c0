"""The AI interviewer in a real pseudo-terminal: one card, and a whole mock interview with its
word between stages and its debrief saved; the nora command (with the test models
registered) as a person meets it."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from ai_helpers import configure
from test_installed import confirm_and_rate, expect

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("warm_cache")]
LAUNCHER = Path(__file__).with_name("nora_with_test_model.py")


def spawn(nora_home: Path, tmp_path: Path, *args: str, script: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    """nora in a pseudo-terminal with the test model; `script` is the model's first replies
    ("sleep N": the usual reply after N seconds)."""
    import pexpect

    configure(ai__model="nora-test")
    replies = tmp_path / "script.json"
    replies.write_text(json.dumps(list(script)))
    env = {**os.environ, "NORA_HOME": str(nora_home), "TERM": "xterm-256color",
           "LLM_USER_PATH": str(tmp_path / "llm"), "NORA_TEST_SCRIPT": str(replies)}  # fmt: skip
    return pexpect.spawn(
        sys.executable,
        [str(LAUNCHER), *args],
        env=env,
        encoding="utf-8",
        dimensions=(40, 100),
        timeout=30,
    )


def test_one_card_with_the_interviewer_in_a_terminal(nora_home: Path, tmp_path: Path) -> None:

    child = spawn(nora_home, tmp_path, "drill", "technical", "-n", "1", "--seed", "7", "--no-walk")
    try:
        expect(child, "Card 1/1")
        expect(child, "left")
        child.send("precision recall threshold model data\r\r")
        expect(child, "The interviewer \\(nora-test\\)")
        expect(child, "Follow-up 1/")
        expect(child, "left")
        child.send("I would compare it against a simple baseline first\r\r")
        expect(child, "Follow-up 1: ")
        confirm_and_rate(child, "3")
    finally:
        child.close()
    assert child.exitstatus == 0
    (record,) = [json.loads(x) for x in (nora_home / "history.jsonl").read_text().splitlines()]
    assert record["rating"] == 3
    interview = record["interview"]
    assert interview["follow_ups"][0]["answer"] == (
        "I would compare it against a simple baseline first"
    )
    assert interview["follow_ups"][0]["verdict"] == "strong"
    assert [c["task"] for c in interview["calls"]] == ["grade", "follow_ups"]


def test_a_mock_interview_with_the_interviewer_in_a_terminal(
    nora_home: Path, tmp_path: Path
) -> None:
    import pexpect

    child = spawn(nora_home, tmp_path, "drill", "standard", "--quick", "--seed", "1", "--no-walk")
    said: list[str] = []
    try:
        for card in range(1, 8):
            expect(child, f"Card {card}/7")
            expect(child, "left")
            child.send("\r")  # answered aloud
            expect(child, "Which key points did your answer cover")
            child.send("\r")
            expect(child, "Rate your answer")
            child.send("3\r")
            if card < 7:
                expect(child, "Interviewer: (Thanks, that was [^.]+)\\.")
                said.append(child.match.group(1))
        expect(child, "Debrief from nora-test")
        expect(child, "Saved: the debrief")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
    assert said[0] == "Thanks, that was Recruiter screen" and len(said) == 6
    saved = [json.loads(x) for x in (nora_home / "history.jsonl").read_text().splitlines()]
    assert [r.get("kind", "attempt") for r in saved] == ["attempt"] * 7 + ["debrief"]
    mock = saved[-1]
    assert mock["model"] == "nora-test" and mock["drill_id"] == saved[0]["drill_id"]
    assert [c["task"] for c in mock["calls"]] == ["transition"] * 6 + ["debrief"]
    assert mock["wait_seconds"] >= 0 and len(mock["transitions"]) == 6
    assert mock["debrief"]["summary"].startswith("You went through 7 stages")


def test_keys_typed_while_the_model_reads_an_answer_do_not_answer_the_follow_up(
    nora_home: Path, tmp_path: Path
) -> None:

    args = ("drill", "technical", "-n", "1", "--seed", "7", "--no-walk")
    child = spawn(nora_home, tmp_path, *args, script=("sleep 2",))  # the grade takes 2 s
    try:
        expect(child, "Card 1/1")
        expect(child, "left")
        child.send("precision recall threshold model data\r\r")
        expect(child, "is reading your answer")
        child.send("typed while waiting\r\r")
        expect(child, "Follow-up 1/")
        expect(child, "left")
        child.send("I would compare it against a simple baseline first\r\r")
        confirm_and_rate(child, "3")
    finally:
        child.close()
    assert child.exitstatus == 0
    (record,) = [json.loads(x) for x in (nora_home / "history.jsonl").read_text().splitlines()]
    assert record["rating"] == 3
    answers = [turn["answer"] for turn in record["interview"]["follow_ups"]]
    assert answers == ["I would compare it against a simple baseline first"]


def test_keys_typed_during_a_stage_change_do_not_answer_the_next_card_and_ctrl_c_leaves_at_once(
    nora_home: Path, tmp_path: Path
) -> None:
    import pexpect

    args = ("drill", "standard", "--quick", "--seed", "1", "--no-walk")
    child = spawn(nora_home, tmp_path, *args, script=("sleep 2",))  # the first stage change
    try:
        expect(child, "Card 1/7")
        expect(child, "left")
        child.send("\r")  # answered aloud
        expect(child, "Which key points did your answer cover")
        child.send("\r")
        expect(child, "Rate your answer")
        child.send("3\r")
        expect(child, "is moving on to the next stage")
        child.send("typed while waiting\r\r")
        expect(child, "Card 2/7")
        expect(child, "left")
        child.sendintr()  # Ctrl-C at the second card's answer
        expect(child, "Stopped with Ctrl-C")
        child.expect(pexpect.EOF, timeout=5)
    finally:
        child.close()
    assert child.exitstatus == 130
    saved = [json.loads(x) for x in (nora_home / "history.jsonl").read_text().splitlines()]
    assert [r.get("kind", "attempt") for r in saved] == ["attempt", "debrief"]
    assert saved[0]["answer"] == ""
    mock = saved[-1]
    assert [c["task"] for c in mock["calls"]] == ["transition"]  # no debrief asked for
    assert "debrief" not in mock
