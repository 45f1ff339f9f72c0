"""Every way a solution can misbehave ends in one clear line within seconds: never a nora
traceback, never a hang, never a change outside the sandbox."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pytest

from nora_cli.app import sandbox
from nora_cli.core.errors import UsageError
from nora_cli.core.exercise import RunReport
from nora_cli.decks.exercises import load_exercises

EXERCISE = load_exercises()["top-k-frequent"]
TIGHT = sandbox.Limits(wall_seconds=6, cpu_seconds=2, memory_mb=300, test_seconds=1)
GOOD = EXERCISE.reference


def run(code: str | bytes, *, limits: sandbox.Limits = TIGHT, **job: object) -> RunReport:
    raw = code.encode("utf-8") if isinstance(code, str) else code
    started = time.monotonic()
    report = sandbox.run(EXERCISE, raw, sandbox.Job(**job), limits)  # type: ignore[arg-type]
    assert time.monotonic() - started < 10
    return report


def first_error(report: RunReport) -> str:
    failed = report.first_failure
    assert failed is not None
    return failed.error


def test_a_good_solution_passes_the_examples() -> None:
    report = run(GOOD)
    assert report.problem == ""
    assert [t.passed for t in report.tests] == [True, True, True]


def test_an_endless_loop_stops_at_the_test_time_limit_and_skips_the_rest() -> None:
    report = run("def top_k(values, k):\n    while True:\n        pass\n")
    assert first_error(report) == "ran past its 1 s (too slow, or an endless loop)"
    assert report.tests[1].error == "not run: an earlier test ran out of time"


def test_a_loop_that_ignores_the_alarm_is_killed_at_the_cpu_limit() -> None:
    code = (
        "import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\n"
        "def top_k(values, k):\n    while True:\n        pass\n"
    )
    report = run(code)
    assert report.problem == "stopped at the CPU limit of 2 s during example 1"


def test_a_sleeping_solution_is_killed_at_the_wall_clock_limit() -> None:
    code = (
        "import signal, time\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\n"
        "def top_k(values, k):\n    time.sleep(60)\n"
    )
    report = run(code, limits=replace(TIGHT, wall_seconds=2))
    assert report.problem == "stopped after 2 s of wall-clock time during example 1"


def test_deep_recursion_is_reported_as_recursion() -> None:
    report = run("def top_k(values, k):\n    return top_k(values, k)\n")
    assert first_error(report).startswith("RecursionError: recursion too deep")


def test_a_memory_blow_up_hits_the_memory_limit() -> None:
    report = run("def top_k(values, k):\n    return [0] * 10**9\n")
    assert first_error(report) == "MemoryError: the solution ran out of its memory limit"


def test_a_syntax_error_names_the_line() -> None:
    report = run("def top_k(values, k):\n    return [\n\ndef other():\n    pass\n")
    assert report.problem.startswith("syntax error on line ")
    assert report.tests == ()


def test_a_misnamed_function_is_named_with_the_fix() -> None:
    report = run("def topk(values, k):\n    return []\n")
    assert (
        report.problem
        == "solution.py defines no top_k (found topk: rename it); keep the starter's name"
    )


def test_a_missing_function_is_reported() -> None:
    report = run("x = 1\n")
    assert report.problem == "solution.py defines no top_k; keep the starter's name"


def test_a_wrong_return_type_says_what_came_back() -> None:
    report = run("def top_k(values, k):\n    return None\n")
    assert first_error(report) == "expected a list, got NoneType"


def test_printing_megabytes_is_truncated() -> None:
    report = run(f"{GOOD}\nprint('x' * 5_000_000)\n")
    assert [t.passed for t in report.tests] == [True, True, True]
    assert report.output.startswith("x" * 2000 + "\n... (5,000,001 characters printed")
    assert len(report.output) < 2200


def test_writing_megabytes_past_print_is_capped_by_the_file_size_limit() -> None:
    code = "import os\ndef top_k(values, k):\n    return os.write(1, b'x' * 20_000_000)\n"
    report = run(code, limits=replace(TIGHT, file_mb=1))
    assert report.problem == ""
    assert report.tests[0].actual == str(1024 * 1024)  # the write stopped at the limit


def test_sys_exit_is_a_failed_test_not_a_stopped_run() -> None:
    report = run("import sys\ndef top_k(values, k):\n    sys.exit(3)\n")
    assert first_error(report) == "the solution called sys.exit(3)"
    assert len(report.tests) == 3


def test_os_exit_ends_the_run_with_a_clear_line() -> None:
    report = run("import os\ndef top_k(values, k):\n    os._exit(4)\n")
    assert report.problem == (
        "the process ended during example 1 before reporting (os._exit(4) or a crash)"
    )


def test_deleting_its_working_folder_harms_nothing() -> None:
    code = f"import os, shutil\nfor name in os.listdir('.'):\n    os.remove(name)\n{GOOD}"
    report = run(code)
    assert report.problem == ""
    assert report.all_passed


def test_files_outside_the_sandbox_cannot_be_deleted(tmp_path: Path) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me")
    code = f"import os\ndef top_k(values, k):\n    os.remove({str(precious)!r})\n"
    report = run(code)
    assert first_error(report).startswith("PermissionError: the solution may not change files")
    assert precious.read_text() == "keep me"


def test_the_data_folder_is_out_of_reach(nora_home: Path) -> None:
    nora_home.mkdir(parents=True, exist_ok=True)
    (nora_home / "history.jsonl").write_text("{}\n")
    code = (
        "import os\ndef top_k(values, k):\n"
        "    assert 'NORA_HOME' not in os.environ\n"
        f"    return open({str(nora_home / 'history.jsonl')!r}).read()\n"
    )
    report = run(code, data_dir=str(nora_home))
    assert first_error(report) == (
        "PermissionError: the solution may not read nora's data folder (solution.py line 4)"
    )


def test_starting_another_program_is_refused() -> None:
    code = "import subprocess\ndef top_k(values, k):\n    subprocess.run(['true'])\n"
    report = run(code)
    assert first_error(report) == (
        "PermissionError: the solution may not start other programs (solution.py line 3)"
    )


def test_a_file_that_is_not_utf8_names_the_line() -> None:
    report = run(b"# ok\n# caf\xe9\ndef top_k(values, k):\n    return []\n")
    assert report.problem == "solution.py is not UTF-8 text (line 2); save it as UTF-8"


def test_a_missing_module_is_named_with_the_interpreter() -> None:
    needs = replace(EXERCISE, requires=("nora_no_such_module",))
    report = sandbox.run(needs, GOOD.encode(), sandbox.Job(python="python3"), TIGHT)
    assert report.problem.startswith("this exercise needs nora_no_such_module, which python3")


def test_a_missing_interpreter_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="cannot run the Python interpreter /no/python"):
        sandbox.run(EXERCISE, GOOD.encode(), sandbox.Job(python="/no/python"), TIGHT)
