"""`nora stats` by judging dimension: the level, trend and weakest dimension, on screen and
in --json, from real drills through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from nora_cli.cli import app
from nora_cli.core.dimensions import DIMENSIONS

runner = CliRunner()
# Two cards: the first ticks points 1 and 2 and rates 3; the second is answered aloud,
# ticks nothing and rates 2.
TWO_CARDS = "TP over TP+FP\nand recall\n\n1,2\n3\n\n\n2\n"


def test_stats_show_each_dimension_and_the_weakest(fixture_questions, nora_home: Path) -> None:
    drilled = runner.invoke(app, ["drill", "TECH", "--seed", "3"], input=TWO_CARDS)
    assert drilled.exit_code == 0, drilled.output
    document = json.loads(runner.invoke(app, ["stats", "--json"]).output)
    dimensions = document["dimensions"]
    levels = {row["name"]: row for row in dimensions["levels"]}
    assert levels and set(levels) <= set(DIMENSIONS)
    assert sum(row["ticked"] for row in levels.values()) >= 2  # the two ticks, per dimension
    for row in levels.values():
        assert row["level"] == round(row["ticked"] / row["points"], 4)
        assert row["trend"] is None  # no earlier week to compare with
    weakest = min(levels.values(), key=lambda r: (r["level"], DIMENSIONS.index(r["name"])))
    assert dimensions["weakest"] == weakest["name"]
    assert dimensions["command"].startswith("nora drill ")
    screen = runner.invoke(app, ["stats"]).output
    assert "By dimension" in screen and "Weakest dimension:" in screen
    assert dimensions["command"] in screen


def test_stats_json_without_history_has_empty_dimensions(fixture_questions) -> None:
    document = json.loads(runner.invoke(app, ["stats", "--json"]).output)
    assert document["dimensions"] == {"levels": [], "weakest": None, "command": None}
