"""Run untrusted solution code safely: never inside nora's process.

Each run is a fresh Python subprocess in a new temporary folder, in a session of its own, with
limits on wall-clock time (the whole process group is killed), CPU time, memory and file size
(`resource.setrlimit`, which the child sets on itself before it reads the solution), output
captured to a file and truncated, an environment that names no nora folder, and an audit hook
(in `sandbox_child`) that refuses the data folder. Whatever the code does, the result is a
`RunReport` with one clear line, never a traceback and never a hang.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nora_cli.core.exercise import Exercise, RunReport, TestResult

CHILD = Path(__file__).with_name("sandbox_child.py")
RESULTS_CAP = 4_000_000


@dataclass(frozen=True)
class Limits:
    wall_seconds: float = 30.0
    cpu_seconds: int = 30
    memory_mb: int = 1024
    file_mb: int = 8
    test_seconds: float = 4.0
    output_chars: int = 2000
    recursion: int = 3000
    scale_cap: float = 0.25  # stop climbing the scaling ladder once one size takes this long
    repeats: int = 3


@dataclass(frozen=True)
class Job:
    """One run: which suite (`visible`, `all`, or `scaling`: the timings alone), the
    interpreter, and the sizes to use."""

    suite: str = "visible"
    python: str = ""
    seed: int = 0
    big: int | None = None  # the large hidden input; None means the exercise's own
    scale_n: int | None = None  # the scaling test's first size; None means the exercise's own
    data_dir: str = ""


def _environment(folder: Path) -> dict[str, str]:
    """A small environment: no NORA_HOME, no PYTHON* variables, home and temp in the folder."""
    keep = {k: v for k, v in os.environ.items() if k in {"PATH", "LANG", "LC_ALL", "SYSTEMROOT"}}
    return {
        **keep,
        "HOME": str(folder),
        "TMPDIR": str(folder),
        "PYTHONHASHSEED": "0",
        "PYTHONIOENCODING": "utf-8",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
    }


def run(exercise: Exercise, code: bytes, job: Job, limits: Limits | None = None) -> RunReport:
    limits = limits or Limits()
    python = job.python or sys.executable
    private = Path(tempfile.mkdtemp(prefix="nora-run-"))
    work = private / "work"
    work.mkdir()
    started = time.perf_counter()
    try:
        (work / "solution.py").write_bytes(code)
        child = private / "child.py"
        shutil.copyfile(CHILD, child)
        spec = private / "job.json"
        spec.write_text(json.dumps(_spec(exercise, job, limits, work)), encoding="utf-8")
        results = private / "results.jsonl"
        output = private / "output.txt"
        code_ = _spawn(python, child, spec, results, output, work, limits)
        events = _events(results)
        report = _report(events, code_, limits, python, exercise)
        return RunReport(
            report.tests,
            report.problem,
            report.output,
            report.scaling,
            time.perf_counter() - started,
        )
    finally:
        shutil.rmtree(private, ignore_errors=True)


def _spec(exercise: Exercise, job: Job, limits: Limits, work: Path) -> dict[str, Any]:
    return {
        "entry": exercise.entry,
        "solution": str(work / "solution.py"),
        "reference": exercise.reference,
        "harness": exercise.harness,
        "examples": [[list(e.args), e.expected] for e in exercise.examples],
        "suite": job.suite,
        "seed": job.seed,
        "big": job.big or exercise.big,
        "scale_n": job.scale_n or exercise.scale_n,
        "scale_cap": limits.scale_cap,
        "repeats": limits.repeats,
        "requires": list(exercise.requires),
        "test_seconds": limits.test_seconds,
        "output_cap": limits.output_chars,
        "recursion": limits.recursion,
        "data_dir": job.data_dir,
        # The child sets these on itself before it reads the solution (a preexec_fn would not
        # be safe: the editor loop's file watcher is another thread of nora's).
        "cpu_seconds": limits.cpu_seconds,
        "memory_mb": limits.memory_mb,
        "file_mb": limits.file_mb,
    }


def _spawn(
    python: str, child: Path, spec: Path, results: Path, output: Path, work: Path, limits: Limits
) -> int | None:
    """Run the child; its exit code, or None when it was killed for running out of time."""
    with open(output, "wb") as sink:
        try:
            process = subprocess.Popen(
                [python, "-E", str(child), str(spec), str(results)],
                cwd=work,
                env=_environment(work),
                stdin=subprocess.DEVNULL,
                stdout=sink,
                stderr=sink,
                start_new_session=True,  # its own process group, killed whole on timeout
            )
        except OSError as exc:
            raise _interpreter_error(python, exc) from exc
        try:
            return process.wait(timeout=limits.wall_seconds)
        except subprocess.TimeoutExpired:
            _kill(process)
            return None
        finally:
            if process.poll() is None:
                _kill(process)


def _kill(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def _interpreter_error(python: str, exc: OSError) -> Exception:
    from nora_cli.core.errors import UsageError

    return UsageError(
        f"cannot run the Python interpreter {python}: {exc.strerror or exc}. "
        "Give a working one with --python PATH."
    )


def _events(results: Path) -> list[dict[str, Any]]:
    if not results.exists():
        return []
    with open(results, "rb") as handle:
        raw = handle.read(RESULTS_CAP)
    events = []
    for line in raw.decode("utf-8", errors="replace").splitlines():
        try:
            event = json.loads(line)
        except ValueError:
            continue
        if isinstance(event, dict):
            events.append(event)
    return events


def _report(
    events: list[dict[str, Any]], code: int | None, limits: Limits, python: str, ex: Exercise
) -> RunReport:
    tests: list[TestResult] = []
    problem = ""
    output = ""
    running = ""
    scaling: tuple[tuple[int, float], ...] = ()
    done = False
    for event in events:
        kind = event.get("event")
        if kind == "start":
            running = str(event.get("name", ""))
        elif kind == "test":
            running = ""
            tests.append(_test(event))
        elif kind == "problem":
            problem = _problem(event, python, ex)
        elif kind == "scaling":
            scaling = tuple((int(n), float(t)) for n, t in event.get("points", []))
        elif kind == "output":
            output = _output(str(event.get("text", "")), int(event.get("size", 0)))
        elif kind == "done":
            done = True
    if not done and not problem:
        problem = _stopped(code, running, limits)
    return RunReport(tuple(tests), problem, output, scaling)


def _test(event: dict[str, Any]) -> TestResult:
    return TestResult(
        name=str(event.get("name", "")),
        visible=bool(event.get("visible")),
        passed=bool(event.get("passed")),
        expected=str(event.get("expected", "")),
        actual=str(event.get("actual", "")),
        error=str(event.get("error", "")),
        seconds=float(event.get("seconds", 0.0)),
    )


def _problem(event: dict[str, Any], python: str, ex: Exercise) -> str:
    kind = event.get("kind")
    if kind == "encoding":
        return f"solution.py is not UTF-8 text (line {event.get('line')}); save it as UTF-8"
    if kind == "syntax":
        return f"syntax error on line {event.get('line')}: {event.get('message')}"
    if kind == "missing":
        close = event.get("close")
        hint = f" (found {close}: rename it)" if close else ""
        return f"solution.py defines no {event.get('name')}{hint}; keep the starter's name"
    if kind == "requires":
        modules = ", ".join(event.get("modules", []))
        return (
            f"this exercise needs {modules}, which {python} cannot import: install it there "
            f"({python} -m pip install {modules}) or choose another interpreter with --python"
        )
    if kind == "import":
        return f"solution.py failed while loading: {event.get('message')}"
    return f"the run failed: {event.get('message')}"


def _output(text: str, size: int) -> str:
    if size > len(text):
        return f"{text}\n... ({size:,} characters printed; the first {len(text):,} are shown)"
    return text


def _stopped(code: int | None, running: str, limits: Limits) -> str:
    during = f" during {running}" if running else ""
    if code is None:
        return f"stopped after {limits.wall_seconds:g} s of wall-clock time{during}"
    if code == -signal.SIGXCPU or code == -signal.SIGKILL:
        return f"stopped at the CPU limit of {limits.cpu_seconds} s{during}"
    if code == -signal.SIGXFSZ:
        return f"stopped: it wrote more than {limits.file_mb} MB of output{during}"
    if code == -signal.SIGSEGV:
        return f"crashed{during} (a segmentation fault: recursion too deep for the C stack?)"
    if code is not None and code < 0:
        return f"killed by signal {-code}{during}"
    return f"the process ended{during} before reporting (os._exit({code}) or a crash)"
