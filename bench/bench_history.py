"""Budgets at scale: a synthetic history of 100,000 attempts over 2,000 cards.

Prints the median wall time and peak memory of `nora stats` and of reaching the first card of
a drill (both with the progress cache warm, as every run after the first), the one-off cost
of rebuilding the cache from scratch, and the time to save one attempt at this size.
Run: python bench/bench_history.py
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ATTEMPTS = int(os.environ.get("BENCH_ATTEMPTS", "100000"))
CARDS = 2000
RUNS = int(os.environ.get("BENCH_RUNS", "7"))
BIN = Path(sys.executable).parent
TIME = "/usr/bin/time"


def synthetic_history(path: Path) -> None:
    from nora_cli.core.records import Attempt
    from nora_cli.decks.loader import load_library
    from nora_cli.store.history import SCHEMA_VERSION

    library = load_library()
    real = [(c.id, c.category, c.deck) for c in library.cards]
    extra = CARDS - len(real)
    cards = real + [(f"synthetic-{n}", f"Topic {n % 20}", "synthetic") for n in range(extra)]
    rng = random.Random(7)
    start = datetime.now(UTC) - timedelta(days=120)
    step = timedelta(days=120) / ATTEMPTS
    with open(path, "w", encoding="utf-8") as handle:
        for n in range(ATTEMPTS):
            card_id, category, deck = cards[rng.randrange(len(cards))]
            ended = start + step * n
            seconds = rng.uniform(30, 300)
            attempt = Attempt(
                attempt_id=f"a{n}", drill_id=f"s{n // 10}", mode="technical", deck=deck,
                card_id=card_id, category=category, started_at=ended - timedelta(seconds=seconds),
                ended_at=ended, seconds=seconds, time_limit=150,
                overtime_seconds=max(0.0, seconds - 150), answer="an answer " * 20,
                covered=(0, 1), key_points_total=4, rating=rng.choice((1, 2, 3, 3, 4)),
            )  # fmt: skip
            record = {"schema": SCHEMA_VERSION, **attempt.to_record()}
            handle.write(json.dumps(record, separators=(",", ":")) + "\n")


def measure(args: list[str], env: dict[str, str], until: str | None = None) -> tuple[float, float]:
    """Median seconds and median peak RSS (MiB) over RUNS runs."""
    times, peaks = [], []
    for _ in range(RUNS):
        command = [TIME, "-f", "%M", *args]
        start = time.perf_counter()
        if until is None:
            done = subprocess.run(command, env=env, capture_output=True, text=True)
            elapsed = time.perf_counter() - start
            peak = int(done.stderr.strip().splitlines()[-1])
        else:
            proc = subprocess.Popen(
                command,
                env=env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            assert proc.stdout is not None
            for line in proc.stdout:
                if until in line:
                    break
            elapsed = time.perf_counter() - start
            _, err = proc.communicate(input="")
            peak = int(err.strip().splitlines()[-1])
        times.append(elapsed)
        peaks.append(peak / 1024)
    return statistics.median(times), statistics.median(peaks)


def _fold(state: object, path: Path) -> None:
    from nora_cli.store import progress

    progress.catch_up(state, path, lock=False)
    progress.save(state, path)  # type: ignore[arg-type]


def history_rows() -> list[tuple[str, float, float | None]]:
    """(measure, median, budget) rows for a 100,000-attempt history."""
    from nora_cli.store import history, progress

    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "NORA_HOME": home}
        path = Path(home) / "history.jsonl"
        synthetic_history(path)
        start = time.perf_counter()
        subprocess.run([BIN / "nora", "stats", "--json"], env=env, capture_output=True, check=True)
        rebuild = time.perf_counter() - start
        stats_time, stats_peak = measure([str(BIN / "nora"), "stats"], env)
        drill_time, drill_peak = measure(
            [str(BIN / "nora"), "drill", "technical", "--plain", "-n", "3"], env, until="Card 1/"
        )
        saved_home = os.environ.get("NORA_HOME")
        os.environ["NORA_HOME"] = home
        try:
            state = progress.load(path)
            from helpers_bench import one_attempt  # type: ignore[import-not-found]

            saves = []
            for n in range(50):
                begin = time.perf_counter()
                history.append(one_attempt(n), path, after=lambda _s: _fold(state, path))
                saves.append(time.perf_counter() - begin)
        finally:
            if saved_home is None:
                os.environ.pop("NORA_HOME", None)
            else:
                os.environ["NORA_HOME"] = saved_home
    return [
        ("100k history: nora stats (warm cache), ms", stats_time * 1000, 350),
        ("100k history: nora stats peak memory, MiB", stats_peak, 200),
        ("100k history: first card on screen, ms", drill_time * 1000, None),
        ("100k history: first card peak memory, MiB", drill_peak, None),
        ("100k history: save one attempt + cache, ms", statistics.median(saves) * 1000, None),
        ("100k history: one-off cache rebuild, ms", rebuild * 1000, None),
    ]


def main() -> None:
    print(f"history: {ATTEMPTS} attempts over {CARDS} cards")
    print_rows(history_rows())


def print_rows(rows: list[tuple[str, float, float | None]]) -> None:
    print(f"{'measure':<46} {'median':>10} {'budget':>10}  verdict")
    for name, value, budget in rows:
        verdict = "" if budget is None else ("ok" if value <= budget else "OVER BUDGET")
        shown = "-" if budget is None else f"{budget:g}"
        print(f"{name:<46} {value:>10.1f} {shown:>10}  {verdict}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
