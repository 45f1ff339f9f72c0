"""`nora history`: the footer counts every attempt the table can list, and the table is newest
first by when each card was answered."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from nora_cli.cli import app

runner = CliRunner()


def test_the_footer_counts_rated_unrated_and_skipped_attempts(
    fixture_questions: Path, nora_home: Path
) -> None:
    # card 1 rated, card 2 skipped, card 3 answered then quit at the rating (kept unrated)
    typed = "first\n\n1\n3\n:skip\n\nthird\n\n\nq\n"
    drill = runner.invoke(app, ["drill", "technical", "-n", "3", "--seed", "3"], input=typed)
    assert drill.exit_code == 0, drill.output
    records = (nora_home / "history.jsonl").read_text().splitlines()
    assert len(records) == 3
    shown = runner.invoke(app, ["history"])
    assert "3 attempts in" in " ".join(shown.output.split())
    assert len(json.loads(runner.invoke(app, ["history", "--json"]).output)) == 3


def test_a_record_answered_earlier_but_saved_later_is_listed_by_when_it_was_answered(
    fixture_questions: Path, nora_home: Path
) -> None:
    runner.invoke(app, ["drill", "technical", "-n", "1", "--seed", "3"], input="a\n\n1\n3\n")
    path = nora_home / "history.jsonl"
    today = json.loads(path.read_text().splitlines()[0])
    older = today | {
        "attempt_id": "older",
        "started_at": "2026-01-05T10:00:00+00:00",
        "ended_at": "2026-01-05T10:01:00+00:00",
    }
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(older) + "\n")
    listed = json.loads(runner.invoke(app, ["history", "--json"]).output)
    assert [r["attempt_id"] for r in listed] == [today["attempt_id"], "older"]
