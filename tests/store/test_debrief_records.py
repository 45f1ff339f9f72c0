"""The mock interview's debrief in the history, a record of its own kind beside the attempts:
every reader of the history takes it or passes over it, and nothing that counts attempts
counts it."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from helpers import T0, attempt
from typer.testing import CliRunner

from nora_cli.cli import app
from nora_cli.core.interview import Debrief, ModelCall, StageTransition
from nora_cli.core.progress import replay
from nora_cli.core.records import Attempt, DrillDebrief, PlanEvent
from nora_cli.store import history, progress

runner = CliRunner()


def debrief(drill: str, hours: int, summary: str = "Solid start.") -> DrillDebrief:
    return DrillDebrief(
        drill_id=drill,
        mode="standard",
        at=T0 + timedelta(hours=hours),
        model="nora-test",
        debrief=Debrief(summary, ("Clear metrics",), ("No numbers",), "Add a figure."),
        transitions=(StageTransition("Recruiter screen", "Coding", "Now, Coding."),),
        calls=(ModelCall("debrief", "debrief.v1", 2.5, 1, "ok", 340, 70),),
    )


def mixed_history(path: Path) -> list[Attempt]:
    """Three attempts, a plan event and two debriefs, interleaved."""
    attempts = [attempt(f"card-{n}", 3, T0 + timedelta(minutes=n), n=n) for n in range(3)]
    history.append(attempts[0], path)
    history.append(debrief("aaaa1111", 1, "The first."), path)
    history.append(attempts[1], path)
    history.append(PlanEvent("reset", T0), path)
    history.append(debrief("bbbb2222", 2, "The second."), path)
    history.append(attempts[2], path)
    return attempts


def test_a_read_keeps_debriefs_apart_from_what_the_progress_folds(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    attempts = mixed_history(path)
    read = history.read(path)
    assert read.warnings == []
    assert read.attempts == attempts and len(read.events) == 1
    assert [d.drill_id for d in read.debriefs] == ["aaaa1111", "bbbb2222"]
    assert all(not isinstance(e, DrillDebrief) for e in read.entries)


def test_the_progress_folds_the_attempts_and_passes_over_the_debriefs(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    attempts = mixed_history(path)
    plain = tmp_path / "plain.jsonl"
    for one in attempts:
        history.append(one, plain)
    history.append(PlanEvent("reset", T0), plain)
    state = progress.load(path)
    assert state.warnings == []
    assert state.offset == path.stat().st_size and state.line == 6
    assert sum(day.attempts for day in state.days.values()) == 3
    assert state.memory.to_json() == progress.load(plain).memory.to_json()
    assert state.memory.to_json() == replay(history.read(path).entries).memory.to_json()
    seen: list[object] = []
    history.scan_outcomes(path, seen.append)
    assert len(seen) == 4 and None not in seen


def test_a_damaged_debrief_is_skipped_with_a_warning_by_every_reader_alike(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.jsonl"
    history.append(attempt("card-0", 3, T0), path)
    broken = debrief("cccc3333", 1).to_record()
    del broken["model"]
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps({"schema": history.SCHEMA_VERSION, **broken}) + "\n")
    read = history.read(path)
    assert read.debriefs == [] and len(read.attempts) == 1
    (warning,) = read.warnings
    assert warning.startswith(f"{path}:2: skipped a record with a missing or invalid field")
    assert progress.load(path).warnings == read.warnings
    assert history.debriefs(path, 5) == []


def test_recent_attempts_pass_over_debriefs_and_debriefs_come_newest_first(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.jsonl"
    attempts = mixed_history(path)
    assert history.recent(path, 10) == attempts[::-1]
    assert [d.drill_id for d in history.debriefs(path, 10)] == ["bbbb2222", "aaaa1111"]
    assert [d.drill_id for d in history.debriefs(path, 1)] == ["bbbb2222"]
    (first,) = history.debriefs(path, 5, drill="aaaa")
    assert first == debrief("aaaa1111", 1, "The first.")
    assert history.debriefs(path, 5, drill="zzzz") == []
    assert history.debriefs(tmp_path / "missing.jsonl", 5) == []


def test_an_older_history_is_upgraded_with_its_debriefs_untouched(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    old = attempt("card-0", 3, T0).to_record()
    old["session_id"] = old.pop("drill_id")
    mock = {"schema": history.SCHEMA_VERSION, **debrief("dddd4444", 1).to_record()}
    lines = [json.dumps({"schema": 1, **old}), json.dumps(mock, separators=(",", ":"))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert history.upgrade_file(path) is not None
    assert path.read_text(encoding="utf-8").splitlines()[1] == lines[1]
    read = history.read(path)
    assert read.older == 0 and read.warnings == []
    assert read.attempts[0].drill_id == old["session_id"]
    assert read.debriefs == [debrief("dddd4444", 1)]


def test_the_listing_stats_and_export_count_attempts_only(nora_home: Path) -> None:
    path = nora_home / "history.jsonl"
    attempts = mixed_history(path)
    listing = runner.invoke(app, ["history", "--limit", "10"])
    assert listing.exit_code == 0, listing.output
    assert f"3 attempts in {path}" in " ".join(listing.output.split())
    listed = runner.invoke(app, ["history", "--json"])
    assert [r["card_id"] for r in json.loads(listed.output)] == ["card-2", "card-1", "card-0"]
    exported = runner.invoke(app, ["history", "export", "--format", "json"])
    assert exported.exit_code == 0 and "debrief" not in exported.output
    assert [r["attempt_id"] for r in json.loads(exported.output)] == [
        a.attempt_id for a in attempts
    ]
    csv = runner.invoke(app, ["history", "export"])
    assert csv.exit_code == 0 and len(csv.output.strip().splitlines()) == 4
    assert "warning" not in (exported.stderr + csv.stderr + listing.stderr)
    stats = runner.invoke(app, ["stats", "--json"])
    assert stats.exit_code == 0, stats.output
    assert json.loads(stats.output)["overview"]["attempts"] == 3


def test_nora_history_debrief_shows_the_last_one_or_the_one_asked_for(nora_home: Path) -> None:
    path = nora_home / "history.jsonl"
    empty = runner.invoke(app, ["history", "debrief"])
    assert empty.exit_code == 0 and "No debrief yet." in empty.output
    mixed_history(path)
    last = runner.invoke(app, ["history", "debrief"])
    assert last.exit_code == 0, last.output
    out = " ".join(last.output.split())
    assert "Mock interview debrief Drill: bbbb2222" in out
    assert "Ended: 2026-11-02 11:00 UTC (standard)" in out
    assert "Model: nora-test, waited 2.5 s over 1 call" in out
    assert "Recruiter screen to Coding: Now, Coding." in out
    assert "Debrief from nora-test" in out and "The second." in out
    assert "The first." not in out
    both = runner.invoke(app, ["history", "debrief", "-n", "5"])
    assert both.output.index("The second.") < both.output.index("The first.")
    one = runner.invoke(app, ["history", "debrief", "aaaa", "--json"])
    (record,) = json.loads(one.output)
    assert record["kind"] == "debrief" and record["debrief"]["summary"] == "The first."
    missing = runner.invoke(app, ["history", "debrief", "zzzz"])
    assert missing.exit_code == 1
    assert "no debrief of drill 'zzzz'" in " ".join(missing.output.split())


def test_a_saved_debrief_without_one_says_why(nora_home: Path) -> None:
    note = "The interviewer (nora-test) failed: no reply within 1 s; there is no debrief this time."
    failed = replace(
        debrief("eeee5555", 1),
        debrief=None,
        calls=(ModelCall("debrief", "debrief.v1", 1.0, 1, "timeout"),),
        notes=(note,),
    )
    history.append(failed, nora_home / "history.jsonl")
    shown = runner.invoke(app, ["history", "debrief"])
    out = " ".join(shown.output.split())
    assert "No debrief this time. " + note in out
    assert "Debrief from" not in out
