"""The whole coding round in a real pseudo-terminal, as a person does it: start, save a wrong
solution and see the failing line, save a right one and see it pass, submit, answer a
follow-up, rate, and find the attempt in the history."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from test_installed import expect, installed_nora

from nora_cli.decks.exercises import load_exercises

pytestmark = pytest.mark.usefixtures("warm_cache")

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
        # the hidden tests and the scaling run: seconds alone, more on a loaded machine
        expect(child, r"15/15 tests pass \(12/12 hidden\) · runs 2 · hints 1", timeout=120)
        expect(child, "What is the time and space complexity of your solution?")
        expect(child, "left")  # each follow-up prompt is up before it is typed into
        child.send("Counting is O(n), the heap O(u log k), and O(u) space\r")
        child.send("\r")
        expect(child, "Follow-up 2/4")
        expect(child, "left")
        child.send(":skip\r")  # as on a drill card: a command alone acts at its Enter
        expect(child, "Follow-up 3/4")
        expect(child, "left")
        child.send("\r")  # answered aloud
        expect(child, "Follow-up 4/4")
        expect(child, "left")
        child.send(":quit\r")
        expect(child, "1 follow-up typed, 1 follow-up answered aloud, 2 follow-ups skipped.")
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
    assert record["answer"] == (
        "What is the time and space complexity of your solution?\n"
        "Counting is O(n), the heap O(u log k), and O(u) space"
    )
    assert not (nora_home / "code" / "top-k-frequent" / "session.json").exists()


def editor_that_saves(folder: Path, source: str) -> str:
    """An $EDITOR that writes `source` into the file it is given and exits at once."""
    solution = folder / "editor-solution.py"
    solution.write_text(source)
    script = folder / "fake-editor.sh"
    script.write_text(f'#!/bin/sh\ncp "{solution}" "$1"\n')
    script.chmod(0o755)
    return str(script)


ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def status_draws(transcript: str) -> list[str]:
    """Every redraw of the live line: the text after each carriage return and clear."""
    draws = []
    for segment in transcript.split("\r\x1b[K")[1:]:
        line = ANSI.sub("", re.split(r"[\r\n]", segment, maxsplit=1)[0])
        if re.match(r"\[\d+:\d\d(:\d\d)?\](?! run )", line):
            draws.append(line)
    return draws


def start_with_a_saving_editor(nora_home: Path, tmp_path: Path) -> Any:
    """The installed `nora code start top-k-frequent` at 40 columns, its editor a script that
    writes the reference solution and exits at once."""
    import pexpect

    reference = load_exercises()["top-k-frequent"].reference
    env = {**os.environ, "NORA_HOME": str(nora_home), "TERM": "xterm-256color"}
    env.pop("VISUAL", None)
    env["EDITOR"] = editor_that_saves(tmp_path, reference)
    return pexpect.spawn(
        installed_nora(), ["code", "start", "top-k-frequent"], env=env, encoding="utf-8",
        dimensions=(40, 100), timeout=20,
    )  # fmt: skip


@pytest.mark.slow
def test_an_editor_that_saves_and_exits_at_once_gets_its_run(
    nora_home: Path, tmp_path: Path
) -> None:
    import pexpect

    child = start_with_a_saving_editor(nora_home, tmp_path)
    try:
        expect(child, "Opened in")
        expect(child, "run 1: ✓✓✓ all 3 examples pass")  # no key pressed, no later save
        child.send("q")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    state = json.loads((nora_home / "code" / "top-k-frequent" / "session.json").read_text())
    assert state["runs"] == 1 and state["first_green"] is not None


@pytest.mark.slow
def test_a_new_attempt_after_a_submit_at_40_columns(nora_home: Path, tmp_path: Path) -> None:
    """The reviewer's session: a submitted exercise started again, at 40 columns, with an
    editor that saves and exits at once. It is a new attempt (not a resume at 0:00), from the
    starter; the save is run; the header is said once; the live line redraws in place."""
    import io

    import pexpect

    from nora_cli.app import code

    exercise = load_exercises()["top-k-frequent"]
    opening = code.open_workspace(exercise)
    opening.path.write_text(exercise.reference)
    code.finish_workspace(exercise.id)  # as a submit leaves it
    env = {**os.environ, "NORA_HOME": str(nora_home), "TERM": "xterm-256color"}
    for name in ("VISUAL", "COLUMNS"):
        env.pop(name, None)
    env["EDITOR"] = editor_that_saves(tmp_path, exercise.reference)
    child = pexpect.spawn(
        installed_nora(), ["code", "start", exercise.id], env=env, encoding="utf-8",
        dimensions=(24, 40), timeout=20,
    )  # fmt: skip
    child.logfile_read = transcript = io.StringIO()
    try:
        expect(child, "New attempt")
        expect(child, "run 1: ✓✓✓ all 3 examples pass")
        expect(child, r"\[0:0[3-9]\]")  # a few ticks of the clock
        child.send("q")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    shown = transcript.getvalue()
    assert "Resumed" not in shown
    assert shown.count("Opened in") == 1 and shown.count("Every save runs") == 1
    draws = status_draws(shown)
    assert len(draws) >= 3
    assert all(len(draw) < 40 for draw in draws), draws
    assert (opening.path.parent / "previous.py").read_text() == exercise.reference


@pytest.mark.slow
def test_ctrl_c_at_a_follow_up_keeps_the_submitted_attempt(nora_home: Path, tmp_path: Path) -> None:
    import pexpect

    child = start_with_a_saving_editor(nora_home, tmp_path)
    try:
        expect(child, "run 1: ✓✓✓ all 3 examples pass")
        child.send("s")
        expect(child, "Follow-up 1/4", timeout=120)  # after the hidden tests
        expect(child, "left")  # the live prompt is up
        child.send("\x03")
        expect(child, "Stopped: the submitted attempt is kept, unrated.")
        expect(child, "Saved: top-k-frequent unrated.")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 130
    record = json.loads((nora_home / "history.jsonl").read_text().splitlines()[-1])
    assert record["rating"] is None and record["code"]["tests_passed"] == 15


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
        expect(child, r"Follow-up 1/(\d)", timeout=120)  # after the hidden tests
        asked = int(child.match.group(1))
        expect(child, "left")  # the follow-up prompt is up: keys typed earlier are dropped
        child.send(":quit\r")  # the follow-ups end here at once, as on a drill card
        expect(child, rf"Your code passed (\d+) of \1 tests; {asked} follow-ups skipped.")
        expect(child, "Key points")
        reveal = child.before
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
    assert record["answer"] == ""
    assert "answered aloud" not in reveal  # the card was answered with code
