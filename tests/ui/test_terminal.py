"""Terminal edge cases with the installed `nora` in a pseudo-terminal: Ctrl-C at every
prompt, a 40-column terminal, TERM=dumb, and input that ends mid-drill."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from test_installed import expect, installed_nora

pytestmark = pytest.mark.slow


def spawn(home: Path, args: list[str], *, columns: int = 100, term: str = "xterm-256color"):  # type: ignore[no-untyped-def]
    import pexpect

    env = {**os.environ, "NORA_HOME": str(home), "TERM": term}
    return pexpect.spawn(
        installed_nora(), args, env=env, encoding="utf-8", dimensions=(40, columns), timeout=20
    )


def records(home: Path) -> list[dict[str, object]]:
    path = home / "history.jsonl"
    return [json.loads(x) for x in path.read_text().splitlines()] if path.exists() else []


def first_card_rated(child) -> None:  # type: ignore[no-untyped-def]
    expect(child, "Card 1/3")
    expect(child, "left")
    child.send("first answer\r\r")
    expect(child, "Which key points")
    child.send("\r")
    expect(child, "Rate your answer")
    child.send("3\r")
    expect(child, "Card 2/3")


@pytest.mark.parametrize("where", ["answer", "key points", "rating"])
def test_ctrl_c_at_each_prompt_keeps_the_rated_card(nora_home: Path, where: str) -> None:
    import pexpect

    child = spawn(nora_home, ["drill", "technical", "-n", "3", "--seed", "11", "--no-walk"])
    try:
        first_card_rated(child)
        expect(child, "left")
        if where != "answer":
            child.send("second answer\r\r")
            expect(child, "Which key points")
        if where == "rating":
            child.send("\r")
            expect(child, "Rate your answer")
        child.sendintr()
        expect(child, "Stopped with Ctrl-C. 1 rated card is saved.")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 130
    assert [r["rating"] for r in records(nora_home)] == [3]


def test_ctrl_c_at_the_story_pick(nora_home: Path, tmp_path: Path) -> None:
    import subprocess

    import pexpect

    story = tmp_path / "s.yaml"
    story.write_text("title: A story\nthemes: [incident]\n")
    env = {**os.environ, "NORA_HOME": str(nora_home)}
    subprocess.run([installed_nora(), "stories", "add", "-f", str(story)], env=env, check=True)
    child = spawn(nora_home, ["drill", "behavioral", "-n", "2"])
    try:
        expect(child, "Which story will you tell")
        child.sendintr()
        expect(child, "Stopped with Ctrl-C. 0 rated cards are saved.")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 130 and records(nora_home) == []


def test_a_40_column_terminal(nora_home: Path) -> None:
    import pexpect

    child = spawn(nora_home, ["drill", "technical", "-n", "1", "--no-walk"], columns=40)
    try:
        expect(child, "Card 1/1")
        expect(child, "left")
        child.send("narrow but fine\r\r")
        expect(child, "Which key points")
        child.send("\r")
        expect(child, "Rate your answer")
        child.send("4\r")
        expect(child, "Drill summary")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0 and records(nora_home)[0]["rating"] == 4


def test_term_dumb_falls_back_to_plain_mode(nora_home: Path) -> None:
    import pexpect

    child = spawn(nora_home, ["drill", "technical", "-n", "1", "--no-walk"], term="dumb")
    try:
        expect(child, "Plain mode")
        expect(child, "> ")
        child.send("plain answer\r\r")
        expect(child, "Key points covered")
        child.send("1\r")
        expect(child, "Rating 1 again")
        child.send("2\r")
        expect(child, "Drill summary")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
    [record] = records(nora_home)
    assert record["rating"] == 2 and record["answer"] == "plain answer"
    assert "\x1b[" not in (child.before or "")


def test_input_closed_mid_drill_in_plain_mode(nora_home: Path) -> None:
    import subprocess

    env = {**os.environ, "NORA_HOME": str(nora_home)}
    done = subprocess.run(
        [installed_nora(), "drill", "technical", "--plain", "-n", "3", "--no-walk"],
        input="one\n\n1\n3\ntwo, cut off mid-answ",
        env=env, capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert done.returncode == 0
    assert "Input ended. 1 rated card is saved." in done.stdout
    assert "Traceback" not in done.stderr
    assert len(records(nora_home)) == 1
