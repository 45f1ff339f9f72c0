"""The installed `nora`, the way a person meets it: a real pseudo-terminal, and a fresh wheel."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


CURSOR_QUERY_RE = r"\x1b\[6n"


def expect(child, pattern: object, timeout: float = -1) -> None:  # type: ignore[no-untyped-def]
    """Wait for `pattern`, answering cursor-position queries the way a real terminal does;
    `timeout` in seconds (default: the child's own)."""
    while True:
        index = child.expect([pattern, CURSOR_QUERY_RE], timeout=timeout)
        if index == 0:
            return
        child.send("\x1b[10;1R")


def confirm_and_rate(child, rating: str, *, summary: bool = True) -> None:  # type: ignore[no-untyped-def]
    """Confirm the key-point checklist as pre-ticked, rate the card and wait for nora to exit
    (after its drill summary, unless `summary` is false)."""
    import pexpect

    expect(child, "Which key points did your answer cover")
    child.send("\r")
    expect(child, "Rate your answer")
    child.send(f"{rating}\r")
    if summary:
        expect(child, "Drill summary")
    child.expect(pexpect.EOF)


def installed_nora() -> str:
    candidate = Path(sys.executable).parent / "nora"
    found = str(candidate) if candidate.exists() else shutil.which("nora")
    if not found:
        pytest.fail("the `nora` console script is not installed; run the README's test command")
    return found


@pytest.mark.slow
def test_drill_in_a_real_terminal_saves_both_cards(nora_home: Path) -> None:
    import pexpect

    env = {**os.environ, "NORA_HOME": str(nora_home), "TERM": "xterm-256color", "COLUMNS": "100"}
    env.pop("NO_COLOR", None)
    child = pexpect.spawn(
        installed_nora(),
        ["drill", "technical", "--count", "2", "--seed", "7"],
        env=env,
        encoding="utf-8",
        dimensions=(40, 100),
        timeout=20,
    )
    try:
        expect(child, "Card 1/2")
        expect(child, "left")  # the live clock in the toolbar
        child.send("precision is TP over TP plus FP")
        child.send("\r")
        child.send("and it trades off against recall\r")
        child.send("\r")
        expect(child, "Which key points did your answer cover")
        child.send(" ")  # tick the first key point
        child.send("\r")
        expect(child, "Rate your answer")
        child.send("3")
        child.send("\r")
        expect(child, "Card 2/2")
        expect(child, "left")
        child.send("\r")  # answered aloud
        expect(child, "Which key points did your answer cover")
        child.send("\r")
        expect(child, "Rate your answer")
        child.send("4\r")
        expect(child, "Drill summary")
        expect(child, "History saved in")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
    lines = (nora_home / "history.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["rating"] for r in records] == [3, 4]
    assert records[0]["answer"] == (
        "precision is TP over TP plus FP\nand it trades off against recall"
    )
    assert records[0]["covered"] == [0]
    assert records[1]["answer"] == "" and records[1]["covered"] == []
    assert all(r["mode"] == "technical" and not r["skipped"] for r in records)
    # This test starts cold (the other terminal tests start with a built cache): the first
    # drill built the parsed decks and the coach's knowledge.
    assert {p.name for p in (nora_home / "cache").iterdir()} >= {"decks.json", "knowledge.json"}


@pytest.mark.slow
@pytest.mark.usefixtures("warm_cache")
def test_ctrl_c_in_a_real_terminal_keeps_rated_cards_and_exits_130(nora_home: Path) -> None:
    import pexpect

    env = {**os.environ, "NORA_HOME": str(nora_home), "TERM": "xterm-256color"}
    child = pexpect.spawn(
        installed_nora(),
        ["drill", "behavioral", "--count", "3"],
        env=env,
        encoding="utf-8",
        dimensions=(40, 100),
        timeout=20,
    )
    try:
        expect(child, "Card 1/3")
        expect(child, "left")  # the answer prompt is up: keys typed before it are dropped
        child.send("my story\r\r")
        expect(child, "Which key points")
        child.send("a\r")  # tick all
        expect(child, "Rate your answer")
        child.send("2\r")
        expect(child, "Card 2/3")
        expect(child, "left")
        child.sendintr()
        expect(child, "Stopped with Ctrl-C. 1 rated card is saved.")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 130
    [record] = [json.loads(x) for x in (nora_home / "history.jsonl").read_text().splitlines()]
    assert record["rating"] == 2 and record["covered"] == list(range(record["key_points_total"]))


@pytest.mark.slow
def test_wheel_installs_into_a_fresh_venv_and_lists_decks(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
        check=True,
    )
    [wheel] = list(dist.glob("nora_cli-*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([venv / "bin" / "pip", "install", "-q", str(wheel)], check=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "NORA_HOME": str(tmp_path / "home"), "COLUMNS": "200"}
    out = subprocess.run(
        [venv / "bin" / "nora", "decks", "--json"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    decks = {row["id"]: row for row in json.loads(out.stdout)}
    shipped = {p.stem for p in (ROOT / "questions" / "decks").glob("*.yaml")}
    assert set(decks) == shipped
    assert all(row["cards"] > 0 for row in decks.values())
    where = subprocess.run(
        [
            venv / "bin" / "python",
            "-c",
            "import nora_cli.decks.loader as d; print(d.shipped_root())",
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert where.startswith(str(venv)), "decks must load from inside the installed package"
    table = subprocess.run(
        [venv / "bin" / "nora", "decks"], cwd=elsewhere, env=env, capture_output=True, text=True
    )
    assert table.returncode == 0 and "cards." in table.stdout
    # The coding exercises and the sandbox's child script ship in the wheel too.
    exercises = json.loads(
        subprocess.run(
            [venv / "bin" / "nora", "code", "--json"],
            cwd=elsewhere, env=env, capture_output=True, text=True, check=True,
        ).stdout
    )  # fmt: skip
    assert len(exercises) == len(list((ROOT / "questions" / "exercises").glob("*.yaml")))
    solution = tmp_path / "solution.py"
    solution.write_text("def top_k(values, k):\n    return []\n")
    tested = subprocess.run(
        [venv / "bin" / "nora", "code", "test", "top-k-frequent", "--file", str(solution)],
        cwd=elsewhere, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert tested.returncode == 1 and "k of zero" in tested.stdout


@pytest.mark.slow
@pytest.mark.usefixtures("warm_cache")
def test_behavioral_drill_picks_a_story_in_a_real_terminal(nora_home: Path, tmp_path: Path) -> None:
    import pexpect

    env = {**os.environ, "NORA_HOME": str(nora_home), "TERM": "xterm-256color"}
    story = tmp_path / "story.yaml"
    story.write_text(
        "title: Rolled back a churn model\nsituation: A join broke.\ntask: I owned it.\n"
        "action: I rolled back and fixed the join.\nresult: Fixed the same day.\n"
        "impact: 4% retention lift kept\nthemes: [incident]\n"
    )
    subprocess.run([installed_nora(), "stories", "add", "-f", str(story)], env=env, check=True)
    child = pexpect.spawn(
        installed_nora(), ["drill", "behavioral", "--count", "1", "--seed", "2"], env=env,
        encoding="utf-8", dimensions=(50, 110), timeout=20,
    )  # fmt: skip
    try:
        expect(child, "Which story will you tell")
        child.send("\r")  # the first story in the list
        expect(child, "left")
        child.send("Situation: a join broke. I rolled back; result: 4% lift kept\r\r")
        expect(child, "Your story: Rolled back a churn model")
        confirm_and_rate(child, "3")
    finally:
        child.close()
    assert child.exitstatus == 0
    [record] = [json.loads(x) for x in (nora_home / "history.jsonl").read_text().splitlines()]
    assert record["story"] == "rolled-back-a-churn-model" and record["rating"] == 3
    assert "feedback" in record and "star" in record["feedback"]
    listed = subprocess.run(
        [installed_nora(), "stories", "list", "--json"], env=env, capture_output=True, text=True
    )
    assert json.loads(listed.stdout)[0]["times_used"] == 1
