"""The program that runs a solution's tests inside the sandbox's child process.

It is copied into a fresh temporary folder and run by the chosen interpreter as a script, so
it imports nothing from nora and keeps to the standard library of Python 3.8. It reads the
job from a JSON file, writes one JSON line per event to the results file (flushed at once, so
a run killed midway still tells which test was running), and never lets the solution reach
the results file, the data folder, or another program.
"""

from __future__ import annotations

import copy
import difflib
import gc
import importlib.util
import json
import math
import os
import random
import signal
import sys
import time
import types
from typing import Any

REPR_CAP = 300
SCALARS = (int, float, str, bool, type(None), bytes)
MAX_REPEATS = 9


def clone(value: Any) -> Any:
    """A deep copy of test data, fast for the usual lists of numbers and strings (copy.deepcopy
    spends seconds on a million-item input)."""
    kind = type(value)
    if kind in SCALARS:
        return value
    if kind is list:
        if all(type(item) in SCALARS for item in value):
            return value[:]
        return [clone(item) for item in value]
    if kind is dict:
        return {key: clone(item) for key, item in value.items()}
    if kind is tuple:
        return tuple(clone(item) for item in value)
    return copy.deepcopy(value)


class TestTimeout(BaseException):
    """Raised by the alarm when one test runs past its time."""


class CappedText:
    """Stands in for stdout and stderr: keeps the first `cap` characters, counts the rest."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.kept: list[str] = []
        self.size = 0

    def write(self, text: str) -> int:
        if self.size < self.cap:
            self.kept.append(text[: self.cap - self.size])
        self.size += len(text)
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


def short(value: Any) -> str:
    try:
        text = repr(value)
    except Exception as exc:  # a user type whose __repr__ fails
        text = f"<unprintable {type(value).__name__}: {exc}>"
    return text if len(text) <= REPR_CAP else text[: REPR_CAP - 3] + "..."


def same(expected: Any, actual: Any) -> str | None:
    """None when `actual` equals `expected` (floats to 1e-6), else what differs."""
    if isinstance(expected, bool) or expected is None:
        return None if actual is expected else f"expected {short(expected)}, got {short(actual)}"
    if isinstance(expected, (int, float)):
        if isinstance(actual, bool) or not isinstance(actual, (int, float)):
            return f"expected a number, got {type(actual).__name__}"
        if isinstance(expected, int) and isinstance(actual, int):
            return None if expected == actual else f"expected {expected}, got {actual}"
        if math.isclose(expected, actual, rel_tol=1e-6, abs_tol=1e-9):
            return None
        return f"expected {short(expected)}, got {short(actual)}"
    if isinstance(expected, (list, tuple)):
        if not isinstance(actual, (list, tuple)):
            return f"expected a list, got {type(actual).__name__}"
        if len(expected) != len(actual):
            return f"expected {len(expected)} items, got {len(actual)}"
        for index in range(len(expected)):
            wrong = same(expected[index], actual[index])
            if wrong:
                return f"item {index}: {wrong}"
        return None
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return f"expected a dict, got {type(actual).__name__}"
        if set(expected) != set(actual):
            wanted, got = sorted(expected, key=str), sorted(actual, key=str)
            return f"expected keys {short(wanted)}, got {short(got)}"
        for key in expected:
            wrong = same(expected[key], actual[key])
            if wrong:
                return f"key {short(key)}: {wrong}"
        return None
    return None if expected == actual else f"expected {short(expected)}, got {short(actual)}"


def load_module(name: str, source: str, filename: str) -> types.ModuleType:
    module = types.ModuleType(name)
    module.__file__ = filename
    sys.modules[name] = module
    exec(compile(source, filename, "exec"), module.__dict__)
    return module


def guard(data_dir: str, work_dir: str) -> None:
    """Refuse what a solution has no reason to do: open files in nora's data folder, change
    files outside its working folder, or start other programs."""
    data = os.path.realpath(data_dir) if data_dir else ""
    work = os.path.realpath(work_dir)
    changes = {"os.remove", "os.rename", "os.rmdir", "shutil.rmtree", "os.chmod", "os.truncate"}
    programs = {"subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.fork"}
    programs |= {"os.spawn", "pty.spawn", "os.forkpty"}

    def inside(path: Any, folder: str) -> bool:
        if isinstance(path, int) or path is None:
            return False
        try:
            real = os.path.realpath(os.fsdecode(path))
        except (TypeError, ValueError):
            return False
        return real == folder or real.startswith(folder + os.sep)

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if event == "open" and data and args and inside(args[0], data):
            raise PermissionError("the solution may not read nora's data folder")
        if event in changes and args and not inside(args[0], work):
            raise PermissionError(f"the solution may not change files outside its folder ({event})")
        if event in programs:
            raise PermissionError("the solution may not start other programs")

    sys.addaudithook(hook)


class Job:
    def __init__(self, spec: dict[str, Any], results: int) -> None:
        self.spec = spec
        self.results = results
        self.test_seconds = float(spec["test_seconds"])

    def emit(self, **event: Any) -> None:
        os.write(self.results, (json.dumps(event) + "\n").encode("utf-8"))

    def timed(self, call: Any) -> tuple[Any, float]:
        signal.setitimer(signal.ITIMER_REAL, self.test_seconds)
        started = time.perf_counter()
        try:
            return call(), time.perf_counter() - started
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)

    def run(self) -> None:
        spec = self.spec
        rng = random.Random(spec["seed"])
        harness = load_module("harness", spec["harness"], "<harness>")
        reference = load_module("reference", spec["reference"], "<reference>")
        entry = getattr(reference, spec["entry"])
        call = getattr(harness, "call", lambda fn, args: fn(*args))
        check = getattr(harness, "check", None)
        cases = [
            (f"example {n}", True, list(args), expected)
            for n, (args, expected) in enumerate(spec["examples"], 1)
        ]
        if spec["suite"] == "scaling":
            cases = []  # the timings alone, measured again
        if spec["suite"] == "all":
            for name, args in harness.hidden(rng, spec["big"]):
                expected = call(entry, clone(list(args)))
                cases.append((name, False, list(args), expected))
        missing = [m for m in spec["requires"] if importlib.util.find_spec(m) is None]
        if missing:
            self.emit(event="problem", kind="requires", modules=missing)
            return
        solution = self.load_solution()
        if solution is None:
            return
        timed_out = False
        for name, visible, args, expected in cases:
            if timed_out:
                self.emit(event="test", name=name, visible=visible, passed=False,
                          error="not run: an earlier test ran out of time")  # fmt: skip
                continue
            self.emit(event="start", name=name)
            outcome = self.one(solution, call, check, args, expected)
            timed_out = outcome.get("error", "").startswith("ran past")
            self.emit(event="test", name=name, visible=visible, expected=short(expected), **outcome)
        if spec["suite"] in ("all", "scaling") and not timed_out:
            self.scaling(solution, call, harness, rng)

    @staticmethod
    def bound(call: Any, solution: Any, args: list[Any]) -> Any:
        return lambda: call(solution, args)

    def load_solution(self) -> Any:
        with open(self.spec["solution"], "rb") as handle:
            raw = handle.read()
        try:
            source = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            self.emit(event="problem", kind="encoding", line=line)
            return None
        try:
            code = compile(source, "solution.py", "exec")
        except SyntaxError as exc:
            self.emit(event="problem", kind="syntax", line=exc.lineno or 0, message=exc.msg)
            return None
        module = types.ModuleType("solution")
        module.__file__ = "solution.py"
        try:
            exec(code, module.__dict__)
        except BaseException as exc:
            self.emit(event="problem", kind="import", message=describe(exc))
            return None
        name = self.spec["entry"]
        found = getattr(module, name, None)
        if found is None or not callable(found):
            names = [n for n, v in vars(module).items() if callable(v) and not n.startswith("_")]
            close = difflib.get_close_matches(name, names, n=1)
            self.emit(event="problem", kind="missing", name=name, close=close[0] if close else "")
            return None
        return found

    def one(
        self, solution: Any, call: Any, check: Any, args: list[Any], expected: Any
    ) -> dict[str, Any]:
        mine = clone(args)
        try:
            actual, seconds = self.timed(lambda: call(solution, mine))
        except TestTimeout:
            limit = f"ran past its {self.test_seconds:g} s (too slow, or an endless loop)"
            return {"passed": False, "error": limit}
        except BaseException as exc:
            return {"passed": False, "error": describe(exc)}
        try:
            wrong = check(args, expected, actual) if check else same(expected, actual)
        except Exception as exc:
            wrong = f"the result could not be checked: {describe(exc)}"
        shown = short(actual)
        return {"passed": not wrong, "actual": shown, "error": wrong or "", "seconds": seconds}

    def scaling(self, solution: Any, call: Any, harness: Any, rng: random.Random) -> None:
        """Time n, 2n, 4n, 8n, stopping once a size is slow; when fewer than three sizes
        were timed, add n/2, n/4, ... so a slow solution still shows how its time grows."""
        n = int(self.spec["scale_n"])
        cap = float(self.spec["scale_cap"])
        points: list[list[float]] = []
        for size in (n, 2 * n, 4 * n, 8 * n):
            seconds = self.measure(call, solution, list(harness.scale(size, rng)))
            if seconds is None:
                break
            points.append([size, seconds])
            if seconds > cap:
                break  # the next size would take too long; judge on what there is
        size = n // 2
        while len(points) < 3 and size >= 1:
            seconds = self.measure(call, solution, list(harness.scale(size, rng)))
            if seconds is None:
                break
            points.insert(0, [size, seconds])
            size //= 2
        self.emit(event="scaling", points=points)

    def measure(self, call: Any, solution: Any, args: list[Any]) -> float | None:
        """The fastest of repeated timings: at least `repeats`, more for short ones (up to
        0.1 s in all), a single one past the scale cap. The fastest, not the median: another
        program busy on the machine only ever adds time, and a median of a few runs can take
        that on at one size only, which reads as steeper growth."""
        samples: list[float] = []
        while len(samples) < MAX_REPEATS:
            mine = clone(args)
            gc.collect()
            gc.disable()  # a collection midway would add its time to one size only
            try:
                samples.append(self.timed(self.bound(call, solution, mine))[1])
            except BaseException:
                break
            finally:
                gc.enable()
            if samples[-1] > float(self.spec["scale_cap"]):
                break
            if len(samples) >= int(self.spec["repeats"]) and sum(samples) >= 0.1:
                break
        if not samples:
            return None
        return min(samples)


def describe(exc: BaseException) -> str:
    if isinstance(exc, SystemExit):
        return f"the solution called sys.exit({short(exc.code) if exc.code is not None else ''})"
    if isinstance(exc, RecursionError):
        return "RecursionError: recursion too deep (an endless recursion, or a missing base case?)"
    if isinstance(exc, MemoryError):
        return "MemoryError: the solution ran out of its memory limit"
    line = ""
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "solution.py":
            line = f" (solution.py line {tb.tb_lineno})"
        tb = tb.tb_next
    text = str(exc)
    text = text if len(text) <= 200 else text[:197] + "..."
    return f"{type(exc).__name__}: {text}{line}"


def limit(spec: dict[str, Any]) -> None:
    """CPU seconds, address space and file size for this process and any it could start."""
    import resource

    cpu = int(spec["cpu_seconds"])
    memory = int(spec["memory_mb"]) * 1024 * 1024
    size = int(spec["file_mb"]) * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def main() -> None:
    spec_path, results_path = sys.argv[1], sys.argv[2]
    with open(spec_path, encoding="utf-8") as handle:
        spec = json.load(handle)
    limit(spec)
    results = os.open(results_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.remove(spec_path)

    def alarm(signum: int, frame: Any) -> None:
        raise TestTimeout()

    signal.signal(signal.SIGALRM, alarm)
    sys.setrecursionlimit(int(spec["recursion"]))
    capture = CappedText(int(spec["output_cap"]))
    job = Job(spec, results)
    guard(spec["data_dir"], os.getcwd())
    sys.stdout = sys.stderr = capture
    try:
        job.run()
    except BaseException as exc:  # a broken harness or a failure outside any test
        job.emit(event="problem", kind="crash", message=describe(exc))
    job.emit(event="output", text="".join(capture.kept), size=capture.size)
    job.emit(event="done")
    os._exit(0)  # threads the solution left running must not keep the run alive


if __name__ == "__main__":
    main()
