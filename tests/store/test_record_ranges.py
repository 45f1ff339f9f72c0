"""A hand-edited record whose figures cannot be true is skipped with its line, like any damaged
line, rather than shown as "Points 11/5" or a negative time."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from test_history import make_attempt

from nora_cli.store import history
from nora_cli.store import progress as progress_cache


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"covered": [0, 11]}, "covered [0, 11] names points outside"),
        ({"covered": [-1]}, "names points outside"),
        ({"seconds": -50}, "seconds -50 is not 0 to"),
        ({"seconds": 1e300}, "seconds 1e+300 is not 0 to"),
        ({"overtime_seconds": -1}, "overtime_seconds -1 is not 0 to"),
        ({"started_at": "not a date"}, "time 'not a date' is not an ISO 8601 time"),
    ],
)
def test_an_impossible_record_is_skipped_with_its_line(
    tmp_path: Path, change: dict[str, Any], said: str
) -> None:
    path = tmp_path / "history.jsonl"
    history.append(make_attempt(1), path)
    bad = make_attempt(2).to_record() | {"schema": history.SCHEMA_VERSION} | change
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(bad) + "\n")
    history.append(make_attempt(3), path)
    read = history.read(path)
    assert [a.attempt_id for a in read.attempts] == ["a1", "a3"]
    [warning] = read.warnings
    assert f"{path}:2: skipped" in warning and said in warning
    state = progress_cache.load(path)  # the progress refuses it the same way
    assert sum(day.attempts for day in state.days.values()) == 2
