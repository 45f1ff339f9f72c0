"""User decks, `decks new`, config, completion, colour, paths."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nora_cli.cli import app
from nora_cli.decks.loader import load_library, validate

runner = CliRunner()


def user_deck(home: Path, deck_id: str, *, modes: str = "", card_id: str = "u-1") -> Path:
    folder = home / "decks"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{deck_id}.yaml"
    path.write_text(
        f"id: {deck_id}\ntitle: Mine\ndescription: My deck.\n{modes}cards:\n"
        f"  - id: {card_id}\n    prompt: What is my own question?\n    category: Mine\n"
        "    kind: concept\n    difficulty: 1\n    key_points: [one point here, two points here,"
        " three points here]\n    answer: My answer.\n"
    )
    return path


def test_a_user_deck_joins_technical_by_default(nora_home: Path) -> None:
    user_deck(nora_home, "mine")
    library = load_library()
    assert library.decks["mine"].origin == "yours"
    assert "mine" in library.modes["technical"].decks
    assert "mine" not in library.modes["behavioral"].decks
    listed = json.loads(runner.invoke(app, ["decks", "--json"]).output)
    assert {"id": "mine", "origin": "yours"}.items() <= next(
        d for d in listed if d["id"] == "mine"
    ).items()


def test_a_user_deck_can_join_other_modes(nora_home: Path) -> None:
    user_deck(nora_home, "mine", modes="modes: [behavioral]\n")
    library = load_library()
    assert "mine" in library.modes["behavioral"].decks
    assert "mine" not in library.modes["technical"].decks


def test_a_user_deck_with_a_shipped_id_replaces_it(nora_home: Path) -> None:
    user_deck(nora_home, "statistics", card_id="my-stat")
    library = load_library()
    assert [c.id for c in library.decks["statistics"].cards] == ["my-stat"]
    assert library.card("stat-p-value") is None
    out = " ".join(runner.invoke(app, ["decks"]).output.split())
    assert "your deck 'statistics'" in out and "replaces the shipped one" in out


def test_drill_with_a_deck_file(nora_home: Path, tmp_path: Path) -> None:
    path = user_deck(tmp_path, "elsewhere")
    result = runner.invoke(
        app, ["drill", "behavioral", "--deck", str(path), "-n", "1"], input="x\n\n1\n3\n"
    )
    assert result.exit_code == 0, result.output
    assert "What is my own question?" in result.output
    missing = runner.invoke(app, ["drill", "technical", "--deck", "nowhere.yaml"])
    assert missing.exit_code == 1


def test_decks_new_writes_a_valid_commented_deck(nora_home: Path) -> None:
    result = runner.invoke(app, ["decks", "new", "my-loop"])
    assert result.exit_code == 0, result.output
    path = nora_home / "decks" / "my-loop.yaml"
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=nora-deck.schema.json")
    assert (nora_home / "decks" / "nora-deck.schema.json").exists()
    report = validate([path])
    assert report.problems == [] and report.warnings == []
    assert "my-loop" in load_library().modes["technical"].decks
    again = runner.invoke(app, ["decks", "new", "my-loop"])
    assert again.exit_code == 1 and "already exists" in again.output
    assert runner.invoke(app, ["decks", "new", "Bad Name!"]).exit_code == 1


def test_config_round_trip(nora_home: Path) -> None:
    assert runner.invoke(app, ["config", "path"]).output.strip() == str(nora_home / "config.toml")
    assert runner.invoke(app, ["config", "set", "new_cards_per_day", "7"]).exit_code == 0
    assert runner.invoke(app, ["config", "set", "time_limit_scale", "1.5"]).exit_code == 0
    assert runner.invoke(app, ["config", "set", "plain", "yes"]).exit_code == 0
    shown = json.loads(runner.invoke(app, ["config", "show", "--json"]).output)
    assert shown == {
        "default_count": None,
        "time_limit_scale": 1.5,
        "new_cards_per_day": 7,
        "plain": True,
        "color": True,
        "code.python": "",
        "ai.model": "",
        "ai.remote_ok": False,
        "ai.timeout": 60.0,
    }
    for bad in (["colour", "on"], ["new_cards_per_day", "many"], ["time_limit_scale", "9"]):
        result = runner.invoke(app, ["config", "set", *bad])
        assert result.exit_code == 1, bad  # a bad value on the command line is a usage error
    assert "error: 'time_limit_scale' must be a number from 0.25 to 4, got 9" in result.output
    assert "new_cards_per_day = 7" in (nora_home / "config.toml").read_text()


def test_config_set_keeps_the_users_comments_and_layout(nora_home: Path) -> None:
    path = nora_home / "config.toml"
    nora_home.mkdir(parents=True, exist_ok=True)
    mine = (
        "# my nora settings\n"
        "\n"
        "# weekdays are short\n"
        "default_count = 5   # five is enough\n"
        "\n"
        "plain = false\n"
    )
    path.write_text(mine)
    assert runner.invoke(app, ["config", "set", "default_count", "8"]).exit_code == 0
    assert runner.invoke(app, ["config", "set", "new_cards_per_day", "3"]).exit_code == 0
    assert path.read_text() == mine.replace("= 5 ", "= 8 ") + "new_cards_per_day = 3\n"


def test_config_set_never_overwrites_a_broken_file(nora_home: Path) -> None:
    path = nora_home / "config.toml"
    nora_home.mkdir(parents=True, exist_ok=True)
    path.write_text("default_count = [oops\n")
    result = runner.invoke(app, ["config", "set", "default_count", "8"])
    assert result.exit_code == 2 and "config.toml" in result.output
    assert path.read_text() == "default_count = [oops\n"


def test_config_settings_shape_the_drill(fixture_questions, nora_home: Path) -> None:
    runner.invoke(app, ["config", "set", "default_count", "1"])
    runner.invoke(app, ["config", "set", "time_limit_scale", "2"])
    result = runner.invoke(app, ["drill", "technical", "--seed", "1"], input="x\n\n1\n3\n")
    assert "Card 1/1" in result.output
    record = json.loads((nora_home / "history.jsonl").read_text())
    card_limits = {"t-precision": 60, "t-roc": 90, "t-leak": 120}
    assert record["time_limit"] == 2 * card_limits[record["card_id"]]


def complete(words: str, home: Path) -> str:
    env = {**os.environ, "NORA_HOME": str(home), "_NORA_COMPLETE": "complete_zsh",
           "_TYPER_COMPLETE_ARGS": words}  # fmt: skip
    nora = Path(sys.executable).parent / "nora"
    return subprocess.run([nora], env=env, capture_output=True, text=True).stdout


def test_completion_offers_modes_decks_and_categories(nora_home: Path) -> None:
    assert '"technical"' in complete("nora drill t", nora_home)
    assert '"salary-negotiation"' in complete("nora drill s", nora_home)
    decks = complete("nora drill technical --deck ml-", nora_home)
    assert '"ml-fundamentals"' in decks and '"coding"' not in decks
    assert '"Classification Metrics"' in complete("nora drill technical -c Cl", nora_home)


@pytest.mark.parametrize("how", ["flag", "env", "config"])
def test_no_color(how: str, nora_home: Path) -> None:
    env = {**os.environ, "NORA_HOME": str(nora_home), "FORCE_COLOR": "1", "TERM": "xterm"}
    env.pop("NO_COLOR", None)
    args = [str(Path(sys.executable).parent / "nora"), "decks"]
    if how == "flag":
        args.insert(1, "--no-color")
    elif how == "env":
        env["NO_COLOR"] = "1"
    else:
        nora_home.mkdir(parents=True, exist_ok=True)
        (nora_home / "config.toml").write_text("color = false\n")
    without = {k: v for k, v in env.items() if k != "NO_COLOR"}
    coloured = subprocess.run([args[0], "decks"], env=without, capture_output=True, text=True)
    plain = subprocess.run(args, env=env, capture_output=True, text=True)
    if how != "config":
        assert "\x1b[" in coloured.stdout
    assert "\x1b[" not in plain.stdout and "Decks" in plain.stdout


def test_paths(nora_home: Path) -> None:
    where = json.loads(runner.invoke(app, ["paths", "--json"]).output)
    assert where["data"] == str(nora_home)
    assert where["history"] == str(nora_home / "history.jsonl")
    assert where["your decks"] == str(nora_home / "decks")


IMPORTS = Path(__file__).parents[1] / "data" / "import"


def test_decks_import_markdown_then_drill_it(nora_home: Path) -> None:
    result = runner.invoke(app, ["decks", "import", str(IMPORTS / "numbered.md"), "--id", "bank"])
    assert result.exit_code == 0, result.output
    assert "Imported 7 cards" in result.output and "7 from numbered lists" in result.output
    assert "Key points: 3 of 7 cards have them" in result.output
    target = nora_home / "decks" / "bank.yaml"
    assert validate([target]).problems == []
    again = runner.invoke(app, ["decks", "import", str(IMPORTS / "numbered.md"), "--id", "bank"])
    assert again.exit_code == 1 and "--force" in again.output
    # An empty line for the key points when the drawn card has some; otherwise a rating
    # that is asked again.
    drill = runner.invoke(app, ["drill", "technical", "--deck", "bank", "-n", "1"],
                          input="x\n\n\n3\n")  # fmt: skip
    assert drill.exit_code == 0, drill.output
    assert json.loads((nora_home / "history.jsonl").read_text())["deck"] == "bank"


def test_decks_import_an_anki_text_export(nora_home: Path) -> None:
    result = runner.invoke(app, ["decks", "import", str(IMPORTS / "anki_notes.txt")])
    assert result.exit_code == 0, result.output
    assert (nora_home / "decks" / "anki-notes.yaml").exists()


def test_decks_export_formats(tmp_path: Path) -> None:
    sheet = runner.invoke(app, ["decks", "export", "statistics"])
    assert sheet.exit_code == 0 and "What is a p-value?" in sheet.output
    csv_file = tmp_path / "stats.csv"
    assert runner.invoke(app, ["decks", "export", "statistics", "-f", "csv", "-o",
                               str(csv_file)]).exit_code == 0  # fmt: skip
    assert csv_file.read_text().startswith("id,prompt,category")
    apkg = tmp_path / "stats.apkg"
    assert runner.invoke(app, ["decks", "export", "statistics", "-f", "anki", "-o",
                               str(apkg)]).exit_code == 0  # fmt: skip
    assert apkg.stat().st_size > 1000
    assert runner.invoke(app, ["decks", "export", "nope"]).exit_code == 1


def test_history_export(nora_home: Path, tmp_path: Path) -> None:
    runner.invoke(app, ["drill", "technical", "-n", "2", "--no-walk"], input="x\n\n1\n3\n" * 2)
    rows = runner.invoke(app, ["history", "export"]).output.splitlines()
    assert rows[0].startswith("attempt_id,drill_id,mode") and len(rows) == 3
    out = tmp_path / "h.json"
    assert runner.invoke(app, ["history", "export", "-f", "json", "-o", str(out)]).exit_code == 0
    assert len(json.loads(out.read_text())) == 2


def test_history_export_streams_with_every_extra_field_and_keeps_damage_apart(
    nora_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The export never holds the history (history.read and whole-file reads are refused); a
    field only the last attempt has still gets its CSV column; a damaged line is reported."""
    from nora_cli.store import history

    runner.invoke(app, ["drill", "technical", "-n", "2", "--no-walk"], input="x\n\n1\n3\n" * 2)
    path = nora_home / "history.jsonl"
    last = json.loads(path.read_text().splitlines()[-1]) | {"attempt_id": "late", "mood": "ok"}
    with path.open("a") as handle:
        handle.write("{damaged\n" + json.dumps(last) + "\n")

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the export read the history whole")

    monkeypatch.setattr(history, "read", refuse)
    monkeypatch.setattr(Path, "read_bytes", refuse)
    out = tmp_path / "h.csv"
    result = runner.invoke(app, ["history", "export", "-o", str(out)])
    monkeypatch.undo()
    assert result.exit_code == 0, result.output
    assert "history.jsonl:3: skipped" in result.output and "Wrote 3 attempts" in result.output
    rows = out.read_text(encoding="utf-8").splitlines()
    header = rows[0].split(",")
    assert header[-2:] == ["mood", "reason"] and rows[-1].startswith("late,")
    assert next(csv.reader([rows[-1]]))[header.index("mood")] == "ok"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_deck_warnings_are_summarised_outside_validate(nora_home: Path) -> None:
    runner.invoke(app, ["decks", "import", str(IMPORTS / "numbered.md"), "--id", "bank"])
    result = runner.invoke(app, ["decks"])
    assert "deck warnings" in result.output and "nora decks validate" in result.output
