"""`nora stats` after answers that were saved but never rated."""

from __future__ import annotations

from pathlib import Path

from helpers import T0, attempt
from typer.testing import CliRunner

from nora_cli.cli import app
from nora_cli.store import history

runner = CliRunner()


def test_only_unrated_answers_give_the_overview_and_say_what_fills_the_rest(
    nora_home: Path,
) -> None:
    unrated = attempt("mlf-classification-vs-regression", None, T0)
    history.append(unrated, nora_home / "history.jsonl")
    shown = " ".join(runner.invoke(app, ["stats"]).output.split())
    assert "0 rated, 1 unrated" in shown
    assert "Cards seen 1 of" in shown  # answered, though not rated
    assert "Rate an answer and the figures by category and the weakest areas follow." in shown
    assert "Weakest areas" not in shown and "By category" not in shown
