"""The whole coding round in a real pseudo-terminal, as a person does it: start, save a wrong
solution and see the failing line, save a right one and see it pass, submit, answer a
follow-up, rate, and find the attempt in the history."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from test_installed import expect, installed_nora

from nora_cli.decks.exercises import load_exercises

WRONG = Path(__file__).parent / "wrong" / "top-k-frequent.py"


@pytest.mark.slow
def test_the_editor_loop_from_start_to_saved_attempt(nora_home: Path) -> None:
    import pexpect

    reference = load_exercises()["top-k-frequent"].reference
    env = {**os.environ, "NORA_HOME": str(nora_home), "TERM": "xterm-256color"}
    for name in ("VISUAL", "EDITOR"):
        env.pop(name, None)
    child = pexpect.spawn(
        installed_nora(), ["code", "start", "top-k-frequent"], env=env, encoding="utf-8",
        dimensions=(40, 120), timeout=20,
    )  # fmt: skip
    workspace = nora_home / "code" / "top-k-frequent" / "solution.py"
    try:
        expect(child, "Open this file in your editor")
        expect(child, "0:0")  # the clock runs in the status line
        workspace.write_text(WRONG.read_text())
        expect(child, r"run 1: \S+ 1/3 pass · example 1: expected \[2, 1\], got \[2, 2\]")
        child.send("h")
        expect(child, "Hint 1/3: Count every value first")
        workspace.write_text(reference)
        expect(child, "run 2: ✓✓✓ all 3 examples pass")
        child.send("s")
        expect(child, r"15/15 tests pass \(12/12 hidden\) · runs 2 · hints 1")
        expect(child, "What is the time and space complexity?")
        child.sendline("Counting is O(n), the heap O(u log k), and O(u) space")
        child.sendline("")
        for _ in range(3):
            expect(child, "Follow-up")
            child.sendline("")  # answered aloud
        expect(child, "Rating 1 again")
        child.sendline("3")
        expect(child, "Saved: top-k-frequent rated 3.")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
    record = json.loads((nora_home / "history.jsonl").read_text().splitlines()[-1])
    assert record["card_id"] == "top-k-frequent" and record["rating"] == 3
    assert (record["code"]["runs"], record["code"]["hints"]) == (2, 1)
    assert record["code"]["tests_passed"] == record["code"]["tests_total"] == 15
    assert record["code"]["solve_seconds"] > 0
    assert record["answer"].startswith("What is the time and space complexity?\nCounting is O(n)")
    assert not (nora_home / "code" / "top-k-frequent" / "session.json").exists()


@pytest.mark.slow
def test_quitting_keeps_the_workspace_and_resumes_the_clock(nora_home: Path) -> None:
    import pexpect

    env = {**os.environ, "NORA_HOME": str(nora_home), "TERM": "xterm-256color"}
    env.pop("EDITOR", None)
    env.pop("VISUAL", None)
    args = ["code", "start", "lru-cache"]
    child = pexpect.spawn(installed_nora(), args, env=env, encoding="utf-8", timeout=20)
    expect(child, "Open this file in your editor")
    expect(child, "0:02")
    child.send("q")
    expect(child, "your code is kept. `nora code start lru-cache` resumes the clock")
    child.expect(pexpect.EOF)
    child.close()
    state = json.loads((nora_home / "code" / "lru-cache" / "session.json").read_text())
    assert state["elapsed"] >= 1.5  # the clock showed 0:02
    again = pexpect.spawn(installed_nora(), args, env=env, encoding="utf-8", timeout=20)
    expect(again, "Resumed: the clock stands at 0:0")
    again.expect(r"0:0[3-9]")  # the clock ticks on: the keys are read now, not discarded
    again.send("q")
    again.expect(pexpect.EOF)
    again.close()
    assert not (nora_home / "history.jsonl").exists()


@pytest.mark.slow
def test_a_drill_coding_card_is_solved_as_code_with_colon_code(nora_home: Path) -> None:
    import pexpect

    exercises = load_exercises()
    env = {**os.environ, "NORA_HOME": str(nora_home), "TERM": "xterm-256color"}
    env.pop("EDITOR", None)
    env.pop("VISUAL", None)
    args = ["drill", "technical", "--deck", "coding", "--category", "Coding", "-n", "1"]
    child = pexpect.spawn(
        installed_nora(), [*args, "--seed", "5"], env=env, encoding="utf-8",
        dimensions=(40, 120), timeout=20,
    )  # fmt: skip
    try:
        expect(child, "This card has a runnable exercise: answer :code")
        expect(child, "left")  # the answer prompt and its clock
        child.send(":code\r")
        child.send("\r")
        expect(child, r"code/([a-z0-9-]+)/solution\.py")
        exercise = exercises[child.match.group(1)]
        expect(child, "0:0")
        (nora_home / "code" / exercise.id / "solution.py").write_text(exercise.reference)
        expect(child, r"all \d+ examples pass")
        child.send("s")
        expect(child, r"Follow-up 1/(\d)")
        asked = int(child.match.group(1))
        child.sendline("A hash map keeps the best record per key, so it is O(n)")
        child.sendline("")
        for _ in range(asked - 1):
            expect(child, "Follow-up")
            child.sendline("")
        expect(child, "Which key points did your answer cover")
        child.send("\r")
        expect(child, "Rate your answer")
        child.send("3")
        child.send("\r")
        expect(child, f"Saved: {exercise.card} rated 3.")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    record = json.loads((nora_home / "history.jsonl").read_text().splitlines()[-1])
    assert (record["card_id"], record["deck"], record["rating"]) == (exercise.card, "coding", 3)
    assert record["code"]["exercise"] == exercise.id
    assert record["code"]["tests_passed"] == record["code"]["tests_total"]
    assert record["answer"].startswith("What is the time and space complexity?\nA hash map")
