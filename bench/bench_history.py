"""Budgets at scale: a synthetic history of 100,000 attempts over 2,000 cards (or 1,000,000
with --million), measured beside floors taken in the same run.

Prints, for `nora stats` and the first card of a drill (progress cache warm, as every run after
the first): median wall time and peak memory; saving one attempt with everything derived from
it, at this size and on an empty history; rebuilding the derived state from the history.
Floors: `python -c pass`, `python -c "import typer"`, reading the history file raw, and
replaying its ratings through the fsrs package alone.

Run: python bench/bench_history.py [--million]
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

CARDS = 2000
RUNS = int(os.environ.get("BENCH_RUNS", "7"))
BIN = Path(sys.executable).parent
TIME = "/usr/bin/time"
Row = tuple[str, float, float | None]


def synthetic_history(path: Path, attempts: int) -> None:
    """`attempts` schema-current records over CARDS cards and 120 days (written as text for
    speed; the first few are checked against Attempt.to_record by the bench's own assert)."""
    from nora_cli.decks.loader import load_library
    from nora_cli.store.history import SCHEMA_VERSION

    real = [(c.id, c.category, c.deck) for c in load_library().cards]
    cards = real + [(f"synthetic-{n}", f"Topic {n % 20}", "synthetic") for n in range(CARDS)]
    cards = cards[:CARDS]
    rng = random.Random(7)
    start = datetime.now(UTC) - timedelta(days=120 if attempts <= 100_000 else 3650)
    step = (datetime.now(UTC) - start) / attempts
    answer = "an answer " * 20
    with open(path, "w", encoding="utf-8") as handle:
        for n in range(attempts):
            card_id, category, deck = cards[rng.randrange(len(cards))]
            ended = start + step * n
            seconds = round(rng.uniform(30, 300), 3)
            began = (ended - timedelta(seconds=seconds)).isoformat(timespec="milliseconds")
            over = round(max(0.0, seconds - 150), 3)
            handle.write(
                f'{{"schema":{SCHEMA_VERSION},"attempt_id":"a{n}","drill_id":"s{n // 10}",'
                f'"mode":"technical","deck":"{deck}","card_id":"{card_id}",'
                f'"category":"{category}","started_at":"{began[:23]}Z",'
                f'"ended_at":"{ended.isoformat(timespec="milliseconds")[:23]}Z",'
                f'"seconds":{seconds},"time_limit":150,"overtime_seconds":{over},'
                f'"answer":"{answer}","covered":[0,1],"key_points_total":4,'
                f'"rating":{rng.choice((1, 2, 3, 3, 4))},"skipped":false,"cram":false}}\n'
            )


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
                command, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, text=True,
            )  # fmt: skip
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


def median_of(action: object, runs: int = RUNS) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def save_ms(home: Path, history_path: Path) -> float:
    """One attempt saved the way a drill saves it: locked, fsynced append, then folded (with
    anything else appended meanwhile) into the progress the drill holds."""
    from helpers_bench import one_attempt  # type: ignore[import-not-found]

    from nora_cli.app.drill import saver
    from nora_cli.store import progress

    os.environ["NORA_HOME"] = str(home)
    history_path.parent.mkdir(parents=True, exist_ok=True)
    state = progress.load(history_path)
    save = saver(state, history_path)
    samples = []
    for n in range(50):
        begin = time.perf_counter()
        save(one_attempt(n))
        samples.append(time.perf_counter() - begin)
    return statistics.median(samples) * 1000


def fsrs_floor(path: Path) -> float:
    """Replaying every rating through fsrs alone: the least a rebuild can cost."""
    import orjson
    from fsrs import Card, Rating, Scheduler

    ratings = []
    with open(path, "rb") as handle:
        for line in handle:
            record = orjson.loads(line)
            ended = datetime.fromisoformat(record["ended_at"])
            ratings.append((record["card_id"], Rating(record["rating"]), ended))
    scheduler = Scheduler(enable_fuzzing=False)
    start = time.perf_counter()
    cards: dict[str, Card] = {}
    for card_id, rating, ended in ratings:
        card = cards.get(card_id) or Card(card_id=1, due=ended)
        cards[card_id], _ = scheduler.review_card(card, rating, ended)
    return (time.perf_counter() - start) * 1000


def history_rows(attempts: int) -> list[Row]:
    from nora_cli.store import progress

    size = "1M" if attempts >= 1_000_000 else f"{attempts // 1000}k"
    with tempfile.TemporaryDirectory() as home, tempfile.TemporaryDirectory() as empty:
        env = {**os.environ, "NORA_HOME": home}
        path = Path(home) / "history.jsonl"
        synthetic_history(path, attempts)
        raw_read = median_of(lambda: path.read_bytes(), 3) * 1000
        fsrs_only = fsrs_floor(path)
        os.environ["NORA_HOME"] = home
        rebuild = median_of(lambda: progress.catch_up(progress.fresh(), path, lock=False), 3)
        _, rebuild_peak = measure([str(BIN / "nora"), "stats", "--json"], env)  # cache cold once
        progress.save(progress.load(path), path)
        stats_time, stats_peak = measure([str(BIN / "nora"), "stats"], env)
        drill_time, drill_peak = measure(
            [str(BIN / "nora"), "drill", "technical", "--plain", "-n", "3"], env, until="Card 1/"
        )
        saved_big = save_ms(Path(home), path)
        saved_small = save_ms(Path(empty), Path(empty) / "history.jsonl")
        env_empty = {**os.environ, "NORA_HOME": empty}
        first_card_empty, _ = measure(
            [str(BIN / "nora"), "drill", "technical", "--plain", "-n", "3"],
            env_empty,
            until="Card 1/",
        )
    floor_pass, _ = measure([sys.executable, "-c", "pass"], env)
    floor_typer, _ = measure([sys.executable, "-c", "import typer"], env)
    million = attempts >= 1_000_000
    return [
        ("floor: python -c pass, ms", floor_pass * 1000, None),
        ("floor: python -c 'import typer', ms", floor_typer * 1000, None),
        (f"floor: read the {size} history raw, ms", raw_read, None),
        (f"floor: {size} ratings through fsrs alone, ms", fsrs_only, None),
        (f"{size}: nora stats (warm cache), ms", stats_time * 1000, 1000 if million else 250),
        (f"{size}: nora stats peak memory, MiB", stats_peak, 200 if million else 100),
        (f"{size}: first card on screen, ms", drill_time * 1000, None if million else 300),
        (f"{size}: first card peak memory, MiB", drill_peak, None),
        ("no history: first card on screen, ms", first_card_empty * 1000, 250),
        (f"{size}: save one attempt + derived, ms", saved_big, 5),
        ("no history: save one attempt + derived, ms", saved_small, 5),
        (f"{size}: rebuild derived state, ms", rebuild * 1000, None if million else 1500),
        (f"{size}: rebuild peak memory (nora stats), MiB", rebuild_peak, 200 if million else None),
    ]


def print_rows(rows: list[Row]) -> None:
    print(f"{'measure':<48} {'median':>10} {'budget':>10}  verdict")
    for name, value, budget in rows:
        verdict = "" if budget is None else ("ok" if value <= budget else "OVER BUDGET")
        shown = "-" if budget is None else f"{budget:g}"
        print(f"{name:<48} {value:>10.1f} {shown:>10}  {verdict}")


def main() -> None:
    from helpers_bench import compile_like_an_install

    compile_like_an_install()
    attempts = 1_000_000 if "--million" in sys.argv else 100_000
    print(f"history: {attempts} attempts over {CARDS} cards; {RUNS} runs per command")
    print_rows(history_rows(attempts))


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
