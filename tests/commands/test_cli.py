"""Commands through Typer's CliRunner, and the error path through `main`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nora_cli.cli import app, main

runner = CliRunner()

PLAIN_TWO_CARDS = "TP over TP+FP\nand recall\n\n1,2\n3\n\nall\n4\n"


def test_drill_in_plain_mode_saves_every_rated_card(fixture_questions, nora_home: Path) -> None:
    result = runner.invoke(app, ["drill", "TECH", "--seed", "3"], input=PLAIN_TWO_CARDS)
    assert result.exit_code == 0, result.output
    assert "Card 1/2" in result.output and "Card 2/2" in result.output
    assert "Drill summary" in result.output and "Cards rated         2 of 2" in result.output
    records = [json.loads(line) for line in (nora_home / "history.jsonl").read_text().splitlines()]
    assert [r["rating"] for r in records] == [3, 4]
    assert records[0]["answer"] == "TP over TP+FP\nand recall"
    assert records[1]["answer"] == ""  # answered aloud
    assert records[0]["mode"] == "technical"
    assert (nora_home / "README.txt").exists()


def test_drill_quit_at_rating_keeps_earlier_cards(fixture_questions, nora_home: Path) -> None:
    result = runner.invoke(app, ["drill", "technical", "-n", "2"], input="a\n\n1\n2\nb\n\n\nq\n")
    assert result.exit_code == 0
    assert "You quit the drill. 1 rated card is saved." in result.output
    assert "Saved unrated       1 answer (stopped before the rating)" in result.output
    lines = (nora_home / "history.jsonl").read_text().splitlines()
    assert [(r["answer"], r["rating"], r["skipped"]) for r in map(json.loads, lines)] == [
        ("a", 2, False),
        ("b", None, False),  # quit at the rating: the typed answer is kept, unrated
    ]


def test_drill_stops_cleanly_when_input_ends(fixture_questions, nora_home: Path) -> None:
    result = runner.invoke(app, ["drill", "technical"], input="a\n\n1\n2\nhalf an answer\n")
    assert result.exit_code == 0
    assert "Input ended. 1 rated card is saved." in result.output


def test_drill_filters_and_time_limit(fixture_questions, nora_home: Path) -> None:
    result = runner.invoke(
        app,
        ["drill", "technical", "-c", "ml fundamentals", "--time-limit", "30", "-n", "5"],
        input="x\n\n\n2\n",
    )
    assert result.exit_code == 0, result.output
    [record] = [json.loads(x) for x in (nora_home / "history.jsonl").read_text().splitlines()]
    assert record["card_id"] == "t-leak" and record["time_limit"] == 30


def test_ordered_mode_keeps_interview_order(fixture_questions) -> None:
    from nora_cli.core.selection import Request, choose
    from nora_cli.decks.loader import load_library

    library = load_library()
    for seed in range(5):
        picked = choose(library, library.mode("standard"), Request(count=3, seed=seed)).items
        assert picked[0].card.deck == "stories"
        assert [p.card.deck for p in picked[1:]] == ["metrics", "metrics"]


def test_unknown_category_is_a_usage_error(fixture_questions, capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exit_info:
        main(["drill", "technical", "--category", "Cooking"])
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "category 'Cooking' is not in Technical mode" in err
    assert "Classification Metrics; ML Fundamentals" in err
    assert "Traceback" not in err


def test_bad_option_value_is_exit_1(fixture_questions, capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exit_info:
        main(["drill", "technical", "--count", "0"])
    assert exit_info.value.code == 1


def test_decks_lists_ids_modes_counts(fixture_questions) -> None:
    result = runner.invoke(app, ["decks"])
    assert result.exit_code == 0
    assert "metrics" in result.output and "2 decks, 4 cards." in result.output
    rows = json.loads(runner.invoke(app, ["decks", "--json"]).output)
    assert rows[0] == {
        "id": "metrics",
        "title": "Metrics (test fixture)",
        "modes": ["standard", "technical"],
        "cards": 3,
        "categories": ["Classification Metrics", "ML Fundamentals"],
        "origin": "shipped",
        "source": rows[0]["source"],
    }


def test_decks_validate_exit_codes(tmp_path: Path) -> None:
    good = runner.invoke(app, ["decks", "validate"])
    assert good.exit_code == 0, good.output
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: b\ntitle: B\ndescription: x\ncards:\n  - id: c\n    prompt: ''\n")
    bad = runner.invoke(app, ["decks", "validate", str(broken)])
    assert bad.exit_code == 2
    assert f"error: {broken}:6: card 'c': the prompt is empty" in bad.output
    missing = runner.invoke(app, ["decks", "validate", str(tmp_path / "nope.yaml")])
    assert missing.exit_code == 1  # a file that is not there is a usage error, as in --deck
    assert "does not exist" in " ".join(missing.output.split())


def test_broken_shipped_decks_fail_with_one_clear_error(
    tmp_path: Path, monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    from nora_cli.decks import loader as decks

    (tmp_path / "decks").mkdir()
    (tmp_path / "modes").mkdir()
    (tmp_path / "decks" / "x.yaml").write_text("id: x\ntitle: [\n")
    monkeypatch.setattr(decks, "shipped_root", lambda: tmp_path)
    with pytest.raises(SystemExit) as exit_info:
        main(["drill", "technical"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("error: 1 problem in the decks")
    assert "x.yaml:3: YAML syntax error" in err
    assert "Traceback" not in err
    with pytest.raises(DeckErrorType()):
        main(["--debug", "drill", "technical"])


def DeckErrorType() -> type[Exception]:
    from nora_cli.core.errors import DeckError

    return DeckError


def test_history_lists_and_exports_json(fixture_questions, nora_home: Path) -> None:
    runner.invoke(app, ["drill", "TECH", "--seed", "3"], input=PLAIN_TWO_CARDS)
    table = runner.invoke(app, ["history"])
    assert table.exit_code == 0 and "2 attempts in" in table.output
    data = json.loads(runner.invoke(app, ["history", "--json", "--limit", "1"]).output)
    assert len(data) == 1 and data[0]["rating"] == 4


def test_history_when_empty(nora_home: Path) -> None:
    result = runner.invoke(app, ["history"])
    assert "No attempts yet. Start with: nora drill technical" in result.output


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.output.startswith("nora 0.")


HEAVY = (
    "questionary", "prompt_toolkit", "yaml", "rich.table", "rich.panel", "rich.live", "fsrs",
    "orjson", "filelock", "tomlkit", "markdown_it", "snowballstemmer", "wordfreq", "watchfiles",
    "llm", "pydantic",
)  # fmt: skip


def test_help_does_not_import_heavy_modules() -> None:
    code = (
        "import sys\n"
        "from nora_cli.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        f"print([m for m in {HEAVY!r} if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "Usage: nora" in out.stdout
    assert out.stdout.strip().splitlines()[-1] == "[]"


def drill_two_cards(nora_home: Path) -> None:
    result = runner.invoke(app, ["drill", "TECH", "--seed", "3"], input=PLAIN_TWO_CARDS)
    assert result.exit_code == 0, result.output


def test_stats_without_history_is_friendly(fixture_questions) -> None:
    result = runner.invoke(app, ["stats"])
    assert result.exit_code == 0
    assert "No practice yet. Start with: nora drill technical" in result.output


def test_stats_after_a_drill(fixture_questions, nora_home: Path) -> None:
    drill_two_cards(nora_home)
    result = runner.invoke(app, ["stats"])
    assert result.exit_code == 0, result.output
    assert "Cards seen      2 of 4" in result.output
    assert "Last 16 weeks" in result.output and "Weakest areas" in result.output
    document = json.loads(runner.invoke(app, ["stats", "--json", "--by", "mode"]).output)
    assert document["overview"]["attempts"] == 2
    assert [g["name"] for g in document["groups"]] == ["technical"]
    assert document["weakest"][0]["command"] == "nora drill technical --weak"
    bad = runner.invoke(app, ["stats", "--since", "yesterday"])
    assert bad.exit_code == 1 and "--since 'yesterday' is not a date" in bad.output


def test_drill_rules_due_new_and_cram(fixture_questions, nora_home: Path) -> None:
    nothing = runner.invoke(app, ["drill", "technical", "--due"], input="")
    assert nothing.exit_code == 0
    assert (
        "Nothing is due for review in Technical mode right now: none of the cards this drill "
        "can draw has a review scheduled yet." in " ".join(nothing.output.split())
    )
    weak = runner.invoke(app, ["drill", "technical", "--weak"], input="")
    assert "No weak areas yet" in weak.output
    both = runner.invoke(app, ["drill", "technical", "--due", "--cram"], input="")
    assert both.exit_code == 1
    cram = runner.invoke(app, ["drill", "technical", "--cram", "-n", "1"], input="x\n\n1\n3\n")
    assert "picked: cram" in cram.output
    [record] = [json.loads(x) for x in (nora_home / "history.jsonl").read_text().splitlines()]
    assert record["cram"] is True and record["reason"].startswith("cram")
    new = runner.invoke(app, ["drill", "technical", "-n", "3"], input="x\n\n1\n3\n" * 3)
    assert new.output.count("picked: new") == 3
    assert "Your first drill: every card is new." in new.output
    limited = runner.invoke(app, ["drill", "technical", "--new", "0"], input="")
    assert "today's limit" not in limited.output  # every card is scheduled: none held back
    assert "picked: new" not in limited.output and "picked: weak area" in limited.output


def test_config_new_cards_per_day(fixture_questions, nora_home: Path) -> None:
    nora_home.mkdir(parents=True, exist_ok=True)
    (nora_home / "config.toml").write_text("new_cards_per_day = 1\n")
    result = runner.invoke(app, ["drill", "technical", "-n", "3"], input="x\n\n1\n3\n")
    assert result.output.count("picked: new") == 1
    (nora_home / "config.toml").write_text("new_cards_per_day = 'lots'\n")
    broken = runner.invoke(app, ["drill", "technical"], input="")
    said = " ".join(broken.output.split())  # the message wraps after a long path
    assert broken.exit_code == 2 and "'new_cards_per_day' must be a whole number" in said


def test_plan_shows_runs_and_resets(nora_home: Path) -> None:
    shown = runner.invoke(app, ["plan"])
    assert shown.exit_code == 0 and "Next: nora plan start 1" in shown.output
    answers = "my answer\n\nall\n3\n" * 10
    run = runner.invoke(app, ["plan", "start", "2", "--plain"], input=answers)
    assert run.exit_code == 0, run.output
    assert "Session 2 is done." in run.output
    document = json.loads(runner.invoke(app, ["plan", "--json"]).output)
    assert [s["status"] for s in document["sessions"]] == [
        "next", "done", "not started", "not started", "not started", "not started",
    ]  # fmt: skip
    assert document["sessions"][1]["coverage"] == 1.0
    quit_early = runner.invoke(app, ["plan", "next", "--plain"], input="a\n\n1\nq\n")
    assert "not marked done" in quit_early.output
    refused = runner.invoke(app, ["plan", "reset"], input="")
    assert refused.exit_code == 1
    assert runner.invoke(app, ["plan", "reset", "--yes"]).exit_code == 0
    after = json.loads(runner.invoke(app, ["plan", "--json"]).output)
    assert [s["status"] for s in after["sessions"]][1] == "not started"


def test_plan_interview_date(nora_home: Path) -> None:
    from datetime import date, timedelta

    soon = (date.today() + timedelta(days=8)).isoformat()
    result = runner.invoke(app, ["plan", "--interview-date", soon])
    assert result.exit_code == 0, result.output
    assert "8 days from today" in result.output
    assert "On review days, run what is due: nora drill technical --due" in result.output
    document = json.loads(runner.invoke(app, ["plan", "--json"]).output)
    assert document["interview_date"] == soon and len(document["calendar"]) == 8
    tight = (date.today() + timedelta(days=2)).isoformat()
    assert "only 2 days" in runner.invoke(app, ["plan", "--interview-date", tight]).output
    past = runner.invoke(app, ["plan", "--interview-date", "2001-01-01"])
    assert past.exit_code == 1


def test_track_narrows_the_drill(nora_home: Path) -> None:
    result = runner.invoke(app, ["drill", "technical", "--track", "apple", "-n", "2"],
                           input="x\n\n1\n3\n" * 2)  # fmt: skip
    assert result.exit_code == 0, result.output
    from nora_cli.decks.loader import load_library

    library = load_library()
    for record in (nora_home / "history.jsonl").read_text().splitlines():
        card = library.card(json.loads(record)["card_id"])
        assert card is not None and "company:apple" in card.tags
    unknown = runner.invoke(app, ["drill", "technical", "--track", "netflix"])
    assert unknown.exit_code == 1


@pytest.mark.parametrize("name", ["level", "guide", "company:nope"])
def test_a_track_no_card_carries_is_one_message(nora_home: Path, name: str) -> None:
    """A bare tag such as "level" (one card has it) is not a track tag; neither crashes."""
    for command in (["drill", "technical", "-n", "1"], ["plan"], ["plan", "start", "1"]):
        result = runner.invoke(app, [*command, "--track", name], input="")
        assert result.exit_code == 1, result.output
        said = " ".join(result.output.split())
        assert f"track '{name}' is not a tag of any card" in said and "company:meta" in said
        assert "level," not in said
    assert not (nora_home / "history.jsonl").exists()


def test_python_dash_m_runs_the_cli() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "nora_cli", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.startswith("nora ")


def test_unknown_mode_message_names_the_valid_modes(capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exit_info:
        main(["drill", "astrology"])
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "error: MODE must be behavioral, salary-negotiation, standard or technical, not "
        "'astrology'",
        "Try 'nora drill -h' for help.",
    ]


@pytest.mark.parametrize(("typed", "meant"), [("techincal", "technical"), ("Salray", "salary")])
def test_a_mistyped_mode_gets_the_closest_as_a_hint(typed: str, meant: str) -> None:
    result = runner.invoke(app, ["drill", typed])
    assert result.exit_code == 1
    assert (
        result.output.splitlines()[-1] == f"Did you mean '{meant}'? Try 'nora drill -h' for help."
    )


def test_nora_debug_environment_shows_the_traceback(nora_home: Path, tmp_path: Path) -> None:
    import os

    env = {**os.environ, "NORA_HOME": str(tmp_path / "h"), "NORA_DEBUG": "1"}
    out = subprocess.run(
        [sys.executable, "-m", "nora_cli", "stats", "--since", "someday"],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert out.returncode != 0 and "Traceback" in out.stderr and "UsageError" in out.stderr
    env.pop("NORA_DEBUG")
    quiet = subprocess.run(
        [sys.executable, "-m", "nora_cli", "stats", "--since", "someday"],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert quiet.returncode == 1 and "Traceback" not in quiet.stderr


def test_plan_track_narrows_the_session(nora_home: Path) -> None:
    result = runner.invoke(
        app, ["plan", "start", "1", "--track", "google", "--plain"], input="x\n\n1\n3\n" * 10
    )
    assert result.exit_code == 0, result.output
    from nora_cli.decks.loader import load_library

    library = load_library()
    ids = [json.loads(r)["card_id"] for r in (nora_home / "history.jsonl").read_text().splitlines()
           if '"kind":"plan"' not in r]  # fmt: skip
    assert ids and all("company:google" in library.card(i).tags for i in ids)  # type: ignore[union-attr]
    shown = runner.invoke(app, ["plan", "-t", "google"]).output
    assert "nora plan start 2 --track google" in shown and "tagged company:google" in shown


def test_piped_design_answers_stay_one_block_unless_walk_is_asked(nora_home: Path) -> None:
    one = runner.invoke(app, ["drill", "technical", "-d", "ml-system-design", "-n", "1"],
                        input="whole design\n\n1\n3\n")  # fmt: skip
    assert one.exit_code == 0 and "Step 1/" not in one.output
    record = json.loads((nora_home / "history.jsonl").read_text().splitlines()[-1])
    assert record["answer"] == "whole design" and "walk" not in record
    steps = "".join(f"step {n} text here\n\n" for n in range(9))
    walked = runner.invoke(app, ["drill", "technical", "-d", "ml-system-design", "-n", "1",
                                 "--walk", "--seed", "3"], input=steps + "1\n3\n")  # fmt: skip
    assert walked.exit_code == 0, walked.output
    assert "Step 9/9" in walked.output and "Curveball" in walked.output
    record = json.loads((nora_home / "history.jsonl").read_text().splitlines()[-1])
    assert len(record["walk"]) == 9 and record["curveball"]


def test_one_card_imported_and_exported_is_one_card(tmp_path: Path) -> None:
    bank = tmp_path / "one.csv"
    bank.write_text("question,answer\nWhat is AUC?,The area under the ROC curve.\n")
    result = runner.invoke(app, ["decks", "import", str(bank), "--id", "one"])
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "Imported 1 card into" in said
    assert "Key points: 1 of 1 card has them; 0 taken from" in said
    exported = runner.invoke(app, ["decks", "export", "one", "-o", str(tmp_path / "one.md")])
    assert "Wrote 1 card to" in exported.output


def test_a_long_story_id_stands_whole_at_40_columns(tmp_path: Path) -> None:
    story = tmp_path / "story.yaml"
    story.write_text("title: Rolled back the bad ranking model launch after conversions fell\n")
    assert runner.invoke(app, ["stories", "add", "--from-file", str(story)]).exit_code == 0
    [row] = json.loads(runner.invoke(app, ["stories", "list", "--json"]).output)
    shown = runner.invoke(app, ["stories", "show", row["id"]], env={"COLUMNS": "40"}).output
    lines = shown.splitlines()
    assert len(row["id"]) == 40 and row["id"] in lines and all(len(x) <= 40 for x in lines)
