"""The installed `nora` in a 40-column pseudo-terminal, and with colour turned off: the toolbar
keeps every hint, and no prompt writes a style escape code (bold, reverse video, colour)."""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path

import pytest
from test_installed import expect, installed_nora

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("warm_cache")]

STYLE_CODE = re.compile(r"\x1b\[[0-9;]*m")


def spawn(home: Path, args: list[str], *, columns: int, colour: bool):  # type: ignore[no-untyped-def]
    import pexpect

    env = {**os.environ, "NORA_HOME": str(home), "TERM": "xterm-256color"}
    for name in ("NO_COLOR", "COLUMNS", "LINES"):  # the pty's own size, as in a terminal
        env.pop(name, None)
    if not colour:
        env["NO_COLOR"] = "1"
    child = pexpect.spawn(
        installed_nora(), args, env=env, encoding="utf-8", dimensions=(50, columns), timeout=20
    )
    child.logfile_read = io.StringIO()
    return child


def one_card(home: Path, args: list[str], *, columns: int, colour: bool) -> str:
    """Answer, tick the first key point and rate one card; return all the terminal got."""
    import pexpect

    child = spawn(home, [*args, "drill", "technical", "-n", "1", "--no-walk"], columns=columns,
                  colour=colour)  # fmt: skip
    try:
        expect(child, "Card 1/1")
        expect(child, "Ctrl-C stops")
        child.send("a long answer that has to wrap at least once at forty columns\r\r")
        expect(child, "Which key points")
        child.send(" \r")
        expect(child, "Key points you covered: 1")
        expect(child, "Rate your answer")
        child.send("3\r")
        expect(child, "Drill summary")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
    return str(child.logfile_read.getvalue())


def test_one_card_at_40_columns(nora_home: Path) -> None:
    shown = one_card(nora_home, [], columns=40, colour=True)
    # At 40 columns the toolbar wraps its help onto more lines instead of cutting it.
    for hint in (":skip", ":quit", "Ctrl-C stops", "Enter on an empty line submits"):
        assert hint in shown
    [record] = [json.loads(line) for line in (nora_home / "history.jsonl").read_text().split("\n")
                if line]  # fmt: skip
    assert record["rating"] == 3 and record["covered"] == [0]
    assert record["answer"] == "a long answer that has to wrap at least once at forty columns"


@pytest.mark.parametrize("how", ["NO_COLOR", "--no-color"])
def test_no_colour_means_no_style_codes_in_the_prompts(nora_home: Path, how: str) -> None:
    flag = ["--no-color"] if how == "--no-color" else []
    shown = one_card(nora_home, flag, columns=80, colour=how != "NO_COLOR")
    assert "Rate your answer" in shown and not STYLE_CODE.findall(shown)


def test_colour_on_does_use_style_codes(nora_home: Path) -> None:
    """The check above can fail: with colour on, the same run writes style codes."""
    assert STYLE_CODE.findall(one_card(nora_home, [], columns=80, colour=True))


def test_no_colour_story_prompts(nora_home: Path) -> None:
    """`nora stories add`: each hint on its own line, then a plain prompt; the themes
    checkbox takes the drill's key help; Ctrl-C says the story was not saved."""
    import pexpect

    child = spawn(nora_home, ["stories", "add"], columns=60, colour=False)
    try:
        expect(child, "A short name you will recognise in a list.")
        expect(child, "Title \\(required\\):")
        child.send("Shipped a ranking model\r")
        expect(child, "Situation")
        child.sendintr()
        expect(child, "The story was not saved.")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 130
    assert not STYLE_CODE.findall(child.logfile_read.getvalue())
    assert not (nora_home / "stories.jsonl").exists()


@pytest.mark.parametrize("colour", [False, True])
def test_the_solution_confirm_follows_no_colour(nora_home: Path, colour: bool) -> None:
    """`nora code solution` before an attempt asks first; with NO_COLOR that question writes
    no style code, and with colour on the same run does (so the check can fail)."""
    import pexpect

    child = spawn(nora_home, ["code", "solution", "top-k-frequent"], columns=40, colour=colour)
    try:
        expect(child, "anyway")
        child.send("n")
        expect(child, "Try it first")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
    assert bool(STYLE_CODE.findall(child.logfile_read.getvalue())) is colour
