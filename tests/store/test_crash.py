"""Crash safety and concurrency, with real processes: SIGKILL at random moments, and
several writers and readers on one history at once."""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from nora_cli.core.progress import replay
from nora_cli.store import history, progress

NORA = str(Path(sys.executable).parent / "nora")
KILLS = 12
ANSWER = "an answer that takes a line\n\n1\n3\n"


def start_drill(home: Path, cards: int = 4) -> subprocess.Popen[bytes]:
    env = {**os.environ, "NORA_HOME": str(home)}
    return subprocess.Popen(
        [NORA, "drill", "technical", "--plain", "--no-walk", "-n", str(cards)],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )


def _read_until_saved(proc: subprocess.Popen[bytes], timeout: float = 30.0) -> bytes:
    """Everything the drill printed up to and including its first "Saved:" line."""
    assert proc.stdout is not None
    seen = b""
    deadline = time.monotonic() + timeout
    while not re.search(rb"Saved: [^\n]*\n", seen):
        ready, _, _ = select.select([proc.stdout], [], [], max(0.0, deadline - time.monotonic()))
        chunk = os.read(proc.stdout.fileno(), 4096) if ready else b""
        assert chunk, f"the drill saved nothing in {timeout} s: {seen.decode(errors='replace')}"
        seen += chunk
    return seen


@pytest.mark.slow
def test_12_random_sigkills_never_lose_a_reported_card(tmp_path: Path) -> None:
    rng = random.Random(20261127)
    home = tmp_path / "home"
    path = home / "history.jsonl"
    saved_lines = kills_after_save = 0
    for run in range(KILLS):
        before = len(history.read(path).attempts)
        proc = start_drill(home, cards=8)  # more cards than answers: alive at the kill
        assert proc.stdin is not None
        proc.stdin.write(ANSWER.encode())
        proc.stdin.flush()
        shown = _read_until_saved(proc)  # the work has happened before anything is killed
        # Feed the other answers with random pauses and kill at a random moment among them:
        # mid-answer, mid-save or between cards.
        deadline = time.monotonic() + rng.uniform(0.0, 0.4)
        for _ in range(3):
            time.sleep(rng.uniform(0.0, 0.08))
            if time.monotonic() >= deadline:
                break
            try:
                proc.stdin.write(ANSWER.encode())
                proc.stdin.flush()
            except BrokenPipeError:
                break
        time.sleep(max(0.0, deadline - time.monotonic()))
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate()
        reported = (shown + rest).decode(errors="replace").count("Saved: ")
        kills_after_save += proc.returncode == -signal.SIGKILL
        saved_lines += reported
        read = history.read(path)
        assert len(read.attempts) - before >= reported, f"run {run} lost a reported card"
        assert len(read.warnings) <= run + 1  # at most one torn line per kill
    read = history.read(path)
    print(f"{saved_lines} 'Saved:' lines seen, {len(read.attempts)} records found, none lost; "
          f"{kills_after_save} of {KILLS} runs killed mid-drill")  # fmt: skip
    assert saved_lines >= KILLS  # every run saved at least once before its kill
    assert kills_after_save == KILLS  # every kill landed while nora was still running
    # After fifty kills: every whole record parses, the cache agrees, and a drill still runs.
    assert all(w.endswith("the line is kept as it is") for w in read.all_warnings)
    cached = progress.load(path)
    replayed = replay(read.entries)
    assert cached.memory.to_json() == replayed.memory.to_json()
    final = start_drill(home, cards=1)
    out, _ = final.communicate(ANSWER.encode(), timeout=30)
    assert final.returncode == 0 and b"Saved: " in out
    assert len(history.read(path).attempts) == len(read.attempts) + 1


def _writer(path: str, worker: int, count: int) -> None:
    from helpers import T0, attempt

    for n in range(count):
        history.append(attempt(f"card-{n % 9}", 1 + n % 4, T0, n=worker * 100_000 + n), Path(path))


def _reader(path: str, stop_after: float, found: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    deadline = time.monotonic() + stop_after
    worst = 0
    while time.monotonic() < deadline:
        worst = max(worst, len(history.read(Path(path)).warnings))
    found.put(worst)


@pytest.mark.slow
@pytest.mark.parametrize("workers", [2, 4], ids=["2x500-saves", "4x500-saves"])
def test_concurrent_writers_and_readers(tmp_path: Path, workers: int) -> None:
    path = tmp_path / "history.jsonl"
    context = multiprocessing.get_context("spawn")
    warnings: multiprocessing.Queue[int] = context.Queue()
    writers = [context.Process(target=_writer, args=(str(path), w, 500)) for w in range(workers)]
    reader = context.Process(target=_reader, args=(str(path), 3.0, warnings))
    for proc in [*writers, reader]:
        proc.start()
    env = {**os.environ, "NORA_HOME": str(tmp_path)}
    stats_runs = [
        subprocess.run([NORA, "stats", "--json"], env=env, capture_output=True, text=True)
        for _ in range(3)
    ]
    for proc in [*writers, reader]:
        proc.join(180)
        assert proc.exitcode == 0
    assert warnings.get(timeout=10) == 0  # a reader never saw half a record
    for run in stats_runs:
        assert run.returncode == 0 and "skipped" not in run.stderr
        json.loads(run.stdout)
    read = history.read(path)
    assert read.warnings == []
    assert len(read.attempts) == 500 * workers
    assert len({a.attempt_id for a in read.attempts}) == 500 * workers
