"""`nora stats --since DATE`: every figure counts only the days from DATE on, the cards seen
too; a date still to come is refused."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from helpers import attempt
from typer.testing import CliRunner

from nora_cli.cli import app
from nora_cli.store import history

runner = CliRunner()


def test_since_counts_only_the_cards_seen_from_that_day(nora_home: Path) -> None:
    nora_home.mkdir(parents=True, exist_ok=True)
    log = nora_home / "history.jsonl"
    long_ago = datetime.now(UTC) - timedelta(days=10)
    for n, card in enumerate(("cm-precision-vs-recall", "cm-roc-curve", "cm-f1-score")):
        history.append(attempt(card, 3, long_ago, n=n), log)
    history.append(attempt("cm-roc-curve", 3, datetime.now(UTC), n=9), log)
    history.append(attempt("cm-f1-score", None, datetime.now(UTC), skipped=True, n=8), log)
    since = (date.today() - timedelta(days=2)).isoformat()
    document = json.loads(runner.invoke(app, ["stats", "--since", since, "--json"]).output)
    assert document["overview"]["cards_seen"] == 1  # a skipped card is not seen
    assert document["overview"]["attempts"] == 1
    every = json.loads(runner.invoke(app, ["stats", "--json"]).output)
    assert every["overview"]["cards_seen"] == 3
    screen = runner.invoke(app, ["stats", "--since", since]).output
    assert "Cards seen      1 of" in screen


def test_a_since_date_still_to_come_is_refused(nora_home: Path) -> None:
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    for extra in ([], ["--json"]):
        result = runner.invoke(app, ["stats", "--since", tomorrow, *extra])
        assert result.exit_code == 1
        said = " ".join(result.output.split())
        assert f"--since {tomorrow} is in the future" in said
    today = runner.invoke(app, ["stats", "--since", date.today().isoformat()])
    assert today.exit_code == 0
