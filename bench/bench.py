"""nora's performance budgets, measured: run `python bench/bench.py` and read the table.

Each figure is the median of several runs on this machine. Budgets come from the issues.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

RUNS = int(os.environ.get("BENCH_RUNS", "11"))
BIN = Path(sys.executable).parent


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def time_command(args: list[str], env: dict[str, str]) -> float:
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        samples.append(time.perf_counter() - start)
    return median_ms(samples)


def time_to_first_card(env: dict[str, str]) -> float:
    """From process start until 'Card 1/' is on screen in a plain drill."""
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        proc = subprocess.Popen(
            [str(BIN / "nora"), "drill", "technical", "--plain", "--count", "3"],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert proc.stdout is not None
        for line in proc.stdout:
            if "Card 1/" in line:
                samples.append(time.perf_counter() - start)
                break
        proc.kill()
        proc.wait()
    return median_ms(samples)


def time_append(home: Path) -> float:
    from nora_cli.store import history

    path = home / "bench-history.jsonl"
    samples = []
    for n in range(200):
        attempt = history.Attempt(
            attempt_id=f"a{n}",
            drill_id="s",
            mode="technical",
            deck="d",
            card_id="c",
            category="Cat",
            started_at=datetime.now(UTC),
            ended_at=datetime.now(UTC),
            seconds=10.0,
            time_limit=60,
            overtime_seconds=0.0,
            answer="x" * 200,
            covered=(0,),
            key_points_total=3,
            rating=3,
        )
        start = time.perf_counter()
        history.append(attempt, path)
        samples.append(time.perf_counter() - start)
    return median_ms(samples)


def deck_rows() -> list[tuple[str, float, float | None]]:
    """Loading a 10,000-card user deck: the first (parsing) and the second (cached) load."""
    from nora_cli.decks.loader import load_library

    cards = "".join(
        f"  - id: big-{n}\n    prompt: Question {n}?\n    category: Big\n    kind: concept\n"
        f"    difficulty: 1\n    key_points: [one point aa, two points bb, three cc]\n"
        f"    answer: An answer to question {n}.\n"
        for n in range(10_000)
    )
    with tempfile.TemporaryDirectory() as home:
        os.environ["NORA_HOME"] = home
        (Path(home) / "decks").mkdir()
        (Path(home) / "decks" / "big.yaml").write_text(
            "id: big\ntitle: Big\ndescription: Ten thousand cards.\ncards:\n" + cards
        )
        start = time.perf_counter()
        load_library()
        first = time.perf_counter() - start
        seconds = []
        for _ in range(RUNS):
            start = time.perf_counter()
            load_library()
            seconds.append(time.perf_counter() - start)
        os.environ.pop("NORA_HOME")
    return [
        ("10k-card deck: first load (parse), ms", first * 1000, None),
        ("10k-card deck: second load (cache), ms", median_ms(seconds), 300),
    ]


def main() -> None:
    """Every budget from the issues, measured on this machine."""
    sys.path.insert(0, str(Path(__file__).parent))
    from bench_history import history_rows, print_rows
    from helpers_bench import compile_like_an_install

    compile_like_an_install()

    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "NORA_HOME": home}
        rows = [
            (
                "python -c pass (baseline), ms",
                time_command([sys.executable, "-c", "pass"], env),
                None,
            ),
            ("nora --help, ms", time_command([str(BIN / "nora"), "--help"], env), 100.0),
            ("nora drill: first card on screen, ms", time_to_first_card(env), None),
            ("append one attempt (lock + fsync), ms", time_append(Path(home)), None),
        ]
    print_rows(rows + deck_rows() + history_rows(100_000))


if __name__ == "__main__":
    main()
