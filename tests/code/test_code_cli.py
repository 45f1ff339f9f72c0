"""`nora code` through Typer's CliRunner: the list, `test` for scripts and CI with its exit
codes, `submit` from a workspace to the history, and the guarded reference solution."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from nora_cli.cli import app
from nora_cli.decks.exercises import load_exercises

runner = CliRunner()
TOP_K = load_exercises()["top-k-frequent"]
WRONG = Path(__file__).parent / "wrong" / "top-k-frequent.py"


def test_the_list_shows_every_exercise_as_new(nora_home: Path) -> None:
    result = runner.invoke(app, ["code", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert len(rows) >= 30
    top = next(r for r in rows if r["id"] == "top-k-frequent")
    assert (top["status"], top["attempts"], top["best_seconds"]) == ("new", 0, None)
    assert top["card"] == "code-top-k-frequent"
    table = runner.invoke(app, ["code"])
    assert "Top-K most" in table.output and "nora code start ID" in table.output


def test_code_test_exits_0_when_everything_passes(tmp_path: Path) -> None:
    good = tmp_path / "good.py"
    good.write_text(TOP_K.reference)
    result = runner.invoke(app, ["code", "test", "top-k-frequent", "--file", str(good), "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["all_passed"] and document["passed"] == document["total"]
    assert document["hidden_total"] == len([t for t in document["tests"] if not t["visible"]])
    assert document["tests"][-1]["name"].startswith("scaling (n=")
    assert document["growth"]["expected"] == "n log n"


def test_code_test_exits_1_when_a_test_fails_and_names_it() -> None:
    result = runner.invoke(app, ["code", "test", "top-k-frequent", "--file", str(WRONG)])
    assert result.exit_code == 1
    assert "ties broken by the smaller value" in result.output
    assert "fail" in result.output


def test_code_test_exits_2_on_bad_input(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["code", "test", "top-k-frequent", "--file", "nope.py"])
    assert missing.exit_code == 2
    assert "nope.py does not exist" in missing.output
    unknown = runner.invoke(app, ["code", "test", "no-such-thing", "--file", str(WRONG)])
    assert unknown.exit_code == 2
    assert "there is no exercise 'no-such-thing'" in unknown.output


def test_submit_runs_everything_asks_follow_ups_and_saves(nora_home: Path) -> None:
    created = runner.invoke(app, ["code", "submit", "top-k-frequent"])
    assert created.exit_code == 0 and "write your solution there" in " ".join(
        created.output.split()
    )
    listed = json.loads(runner.invoke(app, ["code", "--json"]).output)
    assert next(r for r in listed if r["id"] == "top-k-frequent")["status"] == "started"
    workspace = nora_home / "code" / "top-k-frequent" / "solution.py"
    workspace.write_text(TOP_K.reference)
    answers = "Counting is O(n) time, the heap O(u log k); O(u) space for the counts\n\n"
    answers += "\n" * 3 + "3\n"  # the other follow-ups answered aloud, then the rating
    result = runner.invoke(app, ["code", "submit", "top-k-frequent"], input=answers)
    assert result.exit_code == 0, result.output
    assert (
        "Follow-up 1/4" in result.output
        and "What is the time and space complexity of your solution?" in result.output
    )
    assert "Saved: top-k-frequent rated 3." in result.output
    record = json.loads((nora_home / "history.jsonl").read_text().splitlines()[-1])
    assert record["card_id"] == "top-k-frequent" and record["category"] == "Coding"
    assert record["code"]["tests_passed"] == record["code"]["tests_total"] > 10
    assert record["code"]["code"] == TOP_K.reference
    assert record["answer"].startswith(
        "What is the time and space complexity of your solution?\nCounting is O(n)"
    )
    assert record["code"]["solve_seconds"] is None  # no clock ran: no solve time
    listed = json.loads(runner.invoke(app, ["code", "--json"]).output)
    assert next(r for r in listed if r["id"] == "top-k-frequent")["status"] == "solved"
    coding = json.loads(runner.invoke(app, ["stats", "--json"]).output)["coding"]
    assert (coding["attempts"], coding["passed"], coding["pass_rate"]) == (1, 1, 1.0)
    shown = runner.invoke(app, ["stats"]).output
    assert "Coding exercises" in shown and "1 attempt · pass rate 100%" in shown
    # The follow-ups' ticks count on the judging dimensions, by the exercise's own rubric.
    from nora_cli.app.code_rubric import follow_up_rubrics
    from nora_cli.core.dimensions import card_dimensions
    from nora_cli.decks.loader import load_library

    rubric = follow_up_rubrics([TOP_K], load_library())["top-k-frequent"]
    levels = json.loads(runner.invoke(app, ["stats", "--json"]).output)["dimensions"]["levels"]
    assert sum(level["points"] for level in levels) == sum(map(len, card_dimensions(rubric)))
    assert sum(level["ticked"] for level in levels) >= 1
    again = runner.invoke(app, ["code", "submit", "top-k-frequent"], input="\n" * 4 + "2\n")
    assert again.exit_code == 0, again.output
    assert "No attempt at top-k-frequent is in progress" in again.output
    assert "no timed run passed all visible examples" in again.output
    assert "Saved: top-k-frequent rated 2." in again.output


def test_the_solution_waits_for_an_attempt_or_a_yes() -> None:
    refused = runner.invoke(app, ["code", "solution", "top-k-frequent"])
    assert refused.exit_code == 1
    assert "you have not attempted top-k-frequent yet; add --yes" in refused.output
    shown = runner.invoke(app, ["code", "solution", "top-k-frequent", "--yes"])
    assert shown.exit_code == 0
    assert "heapq.nsmallest(k, counts" in shown.output and "Count with a hash map" in shown.output


def test_code_python_in_the_config_chooses_the_interpreter(nora_home: Path, tmp_path: Path) -> None:
    from nora_cli.store import config

    nora_home.mkdir(parents=True, exist_ok=True)  # `config set` refuses a missing interpreter
    (nora_home / "config.toml").write_text('[code]\npython = "/no/such/python"\n')
    assert config.load().code_python == "/no/such/python"
    good = tmp_path / "good.py"
    good.write_text(TOP_K.reference)
    result = runner.invoke(app, ["code", "test", "top-k-frequent", "--file", str(good)])
    assert result.exit_code == 1
    assert "cannot run the Python interpreter /no/such/python" in result.output
    chosen = runner.invoke(
        app, ["code", "test", "top-k-frequent", "--file", str(good), "--python", "python3"]
    )
    assert chosen.exit_code == 0, chosen.output  # --python wins over the config


def test_a_narrow_terminal_lists_exercises_as_lines(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "40")
    result = runner.invoke(app, ["code"])
    assert result.exit_code == 0
    assert "top-k-frequent new" in result.output.splitlines()
    assert "┃" not in result.output
