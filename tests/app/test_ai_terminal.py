"""One card with the AI interviewer on, in a real pseudo-terminal: the nora command (with the
test models registered) as a person meets it."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from ai_helpers import configure
from test_installed import expect

pytestmark = pytest.mark.slow
LAUNCHER = Path(__file__).with_name("nora_with_test_model.py")


def test_one_card_with_the_interviewer_in_a_terminal(nora_home: Path, tmp_path: Path) -> None:
    import pexpect

    configure(ai__model="nora-test")
    env = {**os.environ, "NORA_HOME": str(nora_home), "TERM": "xterm-256color",
           "LLM_USER_PATH": str(tmp_path / "llm")}  # fmt: skip
    child = pexpect.spawn(
        sys.executable,
        [str(LAUNCHER), "drill", "technical", "-n", "1", "--seed", "7", "--no-walk"],
        env=env,
        encoding="utf-8",
        dimensions=(40, 100),
        timeout=30,
    )
    try:
        expect(child, "Card 1/1")
        expect(child, "left")
        child.send("precision recall threshold model data\r\r")
        expect(child, "The interviewer \\(nora-test\\)")
        expect(child, "Follow-up 1/")
        expect(child, "left")
        child.send("I would compare it against a simple baseline first\r\r")
        expect(child, "Follow-up 1: ")
        expect(child, "Which key points did your answer cover")
        child.send("\r")
        expect(child, "Rate your answer")
        child.send("3\r")
        expect(child, "Drill summary")
        child.expect(pexpect.EOF)
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
