"""Running plan sessions: what the drill is given, and how a session short of cards is
recorded and shown."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from helpers import attempt
from typer.testing import CliRunner

from nora_cli.cli import app
from nora_cli.core.records import PlanEvent
from nora_cli.store import history

runner = CliRunner()
RATE_ALL = "my answer\n\nall\n3\n"


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_mock_interview_session_is_given_no_count(nora_home: Path) -> None:
    run = runner.invoke(app, ["plan", "start", "6", "--plain"], input="")
    said = flat(run.output)
    assert "Standard drill:" in said
    assert "--count" not in said


def test_a_session_short_of_cards_says_how_many_everywhere(nora_home: Path) -> None:
    """Two statistics cards carry company:google: the session runs both, counts as done (no
    other card can be drawn) and says 2 of its 10 cards wherever it is shown."""
    run = runner.invoke(app, ["plan", "start", "2", "-t", "google", "--plain"], input=RATE_ALL * 2)
    assert run.exit_code == 0, run.output
    said = flat(run.output)
    assert "Session 2 is done with 2 of its 10 cards: no other card matches." in said
    document = json.loads(runner.invoke(app, ["plan", "--json"]).output)
    second = document["sessions"][1]
    assert (second["status"], second["cards"], second["count"]) == ("done", 2, 10)
    shown = flat(runner.invoke(app, ["plan"]).output)
    assert "2 of 10 cards" in shown
    full = runner.invoke(app, ["plan", "start", "1", "--plain"], input=RATE_ALL * 10)
    assert "Session 1 is done." in flat(full.output)
    first = json.loads(runner.invoke(app, ["plan", "--json"]).output)["sessions"][0]
    assert first["cards"] == 10
    assert "10 of 10" not in runner.invoke(app, ["plan"]).output  # said only when short


def days_from_today(days: int) -> str:
    return (date.today() + timedelta(days=days)).isoformat()


def test_an_interview_today_gets_no_session_and_a_short_review(nora_home: Path) -> None:
    shown = runner.invoke(app, ["plan", "--interview-date", days_from_today(0)])
    assert shown.exit_code == 0, shown.output
    said = flat(shown.output)
    assert "Interview on" in said and "today" in said
    assert "No session is planned on the interview day" in said
    assert "session 6" not in said and "sessions" not in said.split("Interview on")[1]
    assert json.loads(runner.invoke(app, ["plan", "--json"]).output)["calendar"] == []


def test_the_mock_interview_comes_shortly_before_the_interview(nora_home: Path) -> None:
    nora_home.mkdir(parents=True, exist_ok=True)
    log = nora_home / "history.jsonl"
    for number in range(1, 6):
        history.append(PlanEvent("session-done", history.now(), session=number), log)
    history.append(attempt("beh-production-incident", 3, history.now(), category="Behavioral",
                           mode="behavioral"), log)  # fmt: skip
    shown = runner.invoke(app, ["plan", "--interview-date", days_from_today(19)])
    said = flat(shown.output)
    document = json.loads(runner.invoke(app, ["plan", "--json"]).output)
    booked = [d for d in document["calendar"] if d["sessions"]]
    assert booked == [{"date": days_from_today(17), "sessions": [6], "review": False}]
    assert document["review_commands"] == ["nora drill behavioral --due"]
    assert "On review days, run what is due: nora drill behavioral --due" in said
    assert "the interview" in shown.output.splitlines()[-2]


def test_the_story_session_draws_cards_with_its_tags(nora_home: Path) -> None:
    run = runner.invoke(app, ["plan", "start", "5", "--plain"], input=RATE_ALL * 6)
    assert run.exit_code == 0, run.output
    from nora_cli.decks.loader import load_library

    library = load_library()
    session = json.loads(runner.invoke(app, ["plan", "--json"]).output)["sessions"][4]
    assert session["tags"] and session["cards"] == 6
    lines = (nora_home / "history.jsonl").read_text().splitlines()
    drawn = [library.card(json.loads(line)["card_id"]) for line in lines if "card_id" in line]
    assert len(drawn) == 6
    assert all(set(session["tags"]) & set(card.tags) for card in drawn if card)
