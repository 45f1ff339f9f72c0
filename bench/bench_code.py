"""The coding round's budgets, measured: run `python bench/bench_code.py`.

- From a save of the workspace file to the test line on screen (budget 1 s), in a real
  pseudo-terminal running `nora code start`.
- A full submit of a typical exercise with the scaling test, as `nora code test --file`
  from process start to exit (budget 5 s); and every exercise's reference through the same
  full run, slowest and median.
- The complexity verdict on a labelled set, at the exercises' real sizes: every reference
  (labelled fine); the wrong solutions that only the scaling test catches (tests/code/wrong,
  the set the thresholds in core/growth.py were tuned on); and correct but too slow
  solutions written after the thresholds were fixed (bench/slow_solutions, held out).

Beside each figure: its budget, and the floor measured in the same run (`python -c pass`).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
TYPICAL = "top-k-frequent"


def floor_ms(env: dict[str, str]) -> float:
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], env=env, check=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def save_to_line_ms(env: dict[str, str], home: Path) -> float:
    """Write the workspace file, then wait for the run line it causes."""
    import pexpect

    from nora_cli.decks.exercises import load_exercises

    exercise = load_exercises()[TYPICAL]
    wrong = (ROOT / "tests" / "code" / "wrong" / f"{TYPICAL}.py").read_text()
    child = pexpect.spawn(
        str(BIN / "nora"), ["code", "start", TYPICAL], env=env, encoding="utf-8", timeout=20
    )
    workspace = home / "code" / TYPICAL / "solution.py"
    samples = []
    try:
        child.expect("Open this file in your editor")
        time.sleep(0.5)
        for run in range(1, RUNS * 2 + 1):
            source = exercise.reference if run % 2 else wrong
            start = time.perf_counter()
            workspace.write_text(source)
            child.expect(f"run {run}: ")
            samples.append(time.perf_counter() - start)
            time.sleep(0.2)
        child.send("q")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    return statistics.median(samples) * 1000


def full_submit_ms(env: dict[str, str], home: Path) -> float:
    from nora_cli.decks.exercises import load_exercises

    solution = home / "reference.py"
    solution.write_text(load_exercises()[TYPICAL].reference)
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        done = subprocess.run(
            [str(BIN / "nora"), "code", "test", TYPICAL, "--file", str(solution)],
            env=env,
            stdout=subprocess.DEVNULL,
        )
        samples.append(time.perf_counter() - start)
        assert done.returncode == 0, "the reference must pass"
    return statistics.median(samples) * 1000


def every_reference() -> tuple[float, float, list[tuple[str, bool]]]:
    """Slowest and median full run over all references, and each one's verdict."""
    from nora_cli.app import sandbox
    from nora_cli.core.growth import judge
    from nora_cli.decks.exercises import load_exercises

    seconds, verdicts = [], []
    for exercise in load_exercises().values():
        start = time.perf_counter()
        report = sandbox.run(exercise, exercise.reference.encode(), sandbox.Job(suite="all"))
        seconds.append(time.perf_counter() - start)
        assert report.all_passed, f"{exercise.id}: the reference fails"
        verdicts.append((exercise.id, judge(report.scaling, exercise.growth).too_slow))
    return max(seconds) * 1000, statistics.median(seconds) * 1000, verdicts


def slow_solutions(paths: list[Path]) -> list[tuple[str, bool]]:
    """Each correct but too slow solution's verdict at the exercise's real scaling sizes."""
    from nora_cli.app import sandbox
    from nora_cli.core.growth import judge
    from nora_cli.decks.exercises import load_exercises

    exercises = load_exercises()
    found = []
    for path in paths:
        exercise = exercises[path.stem]
        job = sandbox.Job(suite="all", big=300)  # the scaling test at its real sizes
        report = sandbox.run(exercise, path.read_bytes(), job, sandbox.Limits(test_seconds=10))
        found.append((exercise.id, judge(report.scaling, exercise.growth).too_slow))
    return found


def main() -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    from bench_history import print_rows

    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        env = {**os.environ, "NORA_HOME": str(home), "TERM": "xterm-256color"}
        env.pop("EDITOR", None)
        env.pop("VISUAL", None)
        floor = floor_ms(env)
        save = save_to_line_ms(env, home)
        submit = full_submit_ms(env, home)
    slowest, median, references = every_reference()
    wrong = sorted((ROOT / "tests" / "code" / "wrong").glob("*.py"))
    tuned = slow_solutions([p for p in wrong if p.read_text().startswith("# caught by: scaling")])
    held_out = slow_solutions(sorted((ROOT / "bench" / "slow_solutions").glob("*.py")))
    print_rows(
        [
            ("python -c pass (floor), ms", floor, None),
            ("save to test line on screen, ms", save, 1000.0),
            (f"full submit of {TYPICAL} (nora code test), ms", submit, 5000.0),
            ("full run, every reference: median, ms", median, None),
            ("full run, every reference: slowest, ms", slowest, 5000.0),
        ]
    )
    false_alarms = [i for i, too_slow in references if too_slow]
    print()
    print("complexity verdict 'too slow' (references are labelled fine, slow solutions too slow):")
    print(
        f"  false alarms on the {len(references)} references: {', '.join(false_alarms) or 'none'}"
    )
    for name, slow in (("tuning set", tuned), ("held-out set", held_out)):
        caught = [i for i, too_slow in slow if too_slow]
        flagged = len(caught) + len(false_alarms)
        precision = len(caught) / flagged if flagged else 1.0
        recall = len(caught) / len(slow) if slow else 1.0
        missed = ", ".join(i for i, too_slow in slow if not too_slow) or "none"
        print(f"  {name}: {len(slow)} slow solutions, precision {precision:.2f}, "
              f"recall {recall:.2f}, missed: {missed}")  # fmt: skip


if __name__ == "__main__":
    main()
