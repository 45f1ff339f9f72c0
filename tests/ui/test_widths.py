"""Every screen at 40, 80 and 120 columns, drawn from fixed data at a fixed time.

Each screen is compared with its snapshot in tests/ui/snapshots/, and checked for what must
never be split across lines: the ids, commands, paths and dates of the data each appear
whole on one line. After a deliberate change to a screen, refresh the snapshots with
`NORA_UPDATE_SNAPSHOTS=1 pytest tests/ui/test_widths.py` and read the diff before committing.
"""

from __future__ import annotations

import io
import os
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from helpers import attempt
from rich.console import Console
from typer.testing import CliRunner

from nora_cli.cli import app

WIDTHS = (40, 80, 120)
NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
ROOT = Path(__file__).parents[1] / "data" / "widths"
SNAPSHOTS = Path(__file__).parent / "snapshots"

RANKING = "two-tower-retrieval-negative-sampling"
LEAD = "lead-segment-fishing-for-compliments"
OFFER = "competing-offer-with-an-exploding-deadline"
STORY = "rolled-back-a-bad-ranking-model-launch"
DECKS = ("recommendation-ranking", "salary-negotiation")
WEAK_COMMAND = 'nora drill salary-negotiation --category "Salary Negotiation" --weak'

runner = CliRunner()


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A short relative data folder (so printed paths do not depend on tmp_path), the
    width-test decks, UTC, and a fixed history: attempts, a session done, an interview date."""
    from nora_cli.core.records import PlanEvent
    from nora_cli.decks import loader
    from nora_cli.store import history, paths

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NORA_HOME", "h")
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    monkeypatch.setattr(loader, "shipped_root", lambda: ROOT)
    paths.ensure_data_dir()
    log = paths.history_path()
    day = timedelta(days=1)
    for n, (card, category, deck, rating) in enumerate(
        [
            (RANKING, "Recommendation and Ranking", DECKS[0], 3),
            (LEAD, "Recommendation and Ranking", DECKS[0], 2),
            (OFFER, "Salary Negotiation", DECKS[1], 1),
            (RANKING, "Recommendation and Ranking", DECKS[0], 4),
        ]
    ):
        at = datetime(2026, 11, 2, 12, 0, tzinfo=UTC) + n * 3 * day
        mode = "salary-negotiation" if deck == DECKS[1] else "technical"
        made = attempt(card, rating, at, category=category, mode=mode, covered=(0,), n=n)
        history.append(replace(made, deck=deck, seconds=95.0 + n, time_limit=90), log)
    done = datetime(2026, 11, 12, 12, 0, tzinfo=UTC)
    history.append(PlanEvent("session-done", done, session=1, coverage=0.5, mean_rating=3.0), log)
    history.append(PlanEvent("interview-date", done, date="2026-11-24"), log)
    story = tmp_path / "story.yaml"
    story.write_text(
        "title: Rolled back a bad ranking model launch\nsituation: Conversions fell.\n"
        "task: Decide.\naction: Rolled back.\nresult: Fixed a skewed feature.\n"
        "impact: 3% lift.\nthemes: [incident, shipping-a-model]\n"
    )
    assert runner.invoke(app, ["stories", "add", "--from-file", str(story)]).exit_code == 0
    yield tmp_path
    monkeypatch.delenv("TZ")
    time.tzset()


def command(*args: str) -> Callable[[int], str]:
    def draw(width: int) -> str:
        result = runner.invoke(app, list(args), env={"COLUMNS": str(width)})
        assert result.exit_code == 0, result.output
        return result.output

    return draw


def drawn(paint: Callable[[Console], None]) -> Callable[[int], str]:
    def draw(width: int) -> str:
        out = io.StringIO()
        paint(Console(file=out, width=width, color_system=None, highlight=False))
        return out.getvalue()

    return draw


def stats(console: Console) -> None:
    from nora_cli.app.state import load_progress
    from nora_cli.core import dimension_stats
    from nora_cli.core import stats as figures
    from nora_cli.core.records import Attempt
    from nora_cli.decks.loader import load_library
    from nora_cli.store import history, paths
    from nora_cli.ui import stats_view

    library = load_library()
    report = figures.compute(load_progress(), library, NOW)
    entries = history.read(paths.history_path()).entries
    attempts = [e for e in entries if isinstance(e, Attempt)]
    stats_view.render(console, report)
    stats_view.render_dimensions(console, dimension_stats.compute(attempts, library, NOW.date()))


def plan(width: int) -> str:
    import contextlib

    from nora_cli.app.plan import show_plan

    out = io.StringIO()
    with pytest.MonkeyPatch.context() as patch, contextlib.redirect_stdout(out):
        patch.setenv("COLUMNS", str(width))
        show_plan(interview_date=None, track=None, as_json=False, now=NOW)
    return out.getvalue()


def reveal(console: Console) -> None:
    from nora_cli.core.engine import Answer, DrillCard
    from nora_cli.decks.loader import load_library
    from nora_cli.ui import render

    library = load_library()
    card = library.card(RANKING)
    assert card is not None
    render.drill_intro(console, library.mode("technical"), [DrillCard(card, 180, "new")], True)
    render.reveal(console, card, Answer("an answer"))


def stages(console: Console) -> None:
    from nora_cli.coach.coach import StepScore
    from nora_cli.coach.matching import Judgement
    from nora_cli.core.summary import StageResult
    from nora_cli.core.walk import StepAnswer
    from nora_cli.ui import coach_view

    coach_view.stage_report(
        console,
        [
            StageResult("Recruiter screen", 1, 1, 3.0, 0.5, 100.0, 120.0),
            StageResult("Coding", 1, 0, 0.0, 0.0, 40.0, 300.0),  # reached, skipped
            StageResult("ML system design", 1, 0, 0.0, 0.0, 0.0, 600.0),  # never reached
        ],
    )
    step = StepAnswer("requirements", "Clarify the objective and constraints", "text", 70.0, 60)
    coach_view.walk_summary(console, [StepScore(step, 42, Judgement(covered=(0, 2)))])


NEXT_TIME = "Add: in-batch negatives over-sample popular items, so correct the logits"
PROJECT = "Two-tower retrieval for the home feed"


def feedback(console: Console) -> None:
    from nora_cli.coach.feedback import Feedback
    from nora_cli.core.dimensions import MODEL, OBJECTIVE, PRODUCTION
    from nora_cli.decks.loader import load_library
    from nora_cli.ui import coach_view

    card = load_library().card(RANKING)
    assert card is not None
    advice = (NEXT_TIME, "Add: hard negatives")
    dimensions = {MODEL: (1, 2), PRODUCTION: (0, 1), OBJECTIVE: (1, 1)}
    terms = ("logits", "hard negatives")
    shown = Feedback((2,), (0, 1), terms, 1, 0.4, {}, None, None, advice, dimensions)
    coach_view.feedback_panel(console, card, shown)


def notebook(console: Console) -> None:
    from nora_cli.core.notebook import PROJECT as PROJECTS
    from nora_cli.core.notebook import STORY as STORIES
    from nora_cli.core.notebook import Note
    from nora_cli.decks.loader import load_library
    from nora_cli.ui import coach_view

    card = load_library().card(RANKING)
    assert card is not None
    story = Note(STORY, STORIES, {"title": "Rolled back a bad ranking model launch",
                                  "result": "Fixed a skewed feature."}, NOW)  # fmt: skip
    project = Note("two-tower", PROJECTS, {"name": PROJECT, "objective": "Recall."}, NOW)
    coach_view.notebook_at_reveal(console, card, story, project)


SCREENS: dict[str, tuple[Callable[[int], str], tuple[str, ...]]] = {
    "decks": (command("decks"), DECKS),
    "history": (command("history"), (RANKING, LEAD, OFFER, "2026-11-11 12:00", "h/history.jsonl")),
    "stories": (command("stories", "list"), (STORY,)),
    "config": (command("config", "show"), ("time_limit_scale", "nora config set")),
    "help": (command("-h"), ("--no-color", "`nora history export`")),
    "drill-help": (
        command("drill", "-h"),
        (
            "--category CATEGORY",
            'nora drill technical --count 5 --category "Classification Metrics"',
        ),
    ),
    "stats": (drawn(stats), (WEAK_COMMAND, "nora drill technical")),
    "plan": (plan, ("nora plan start 2", "2026-11-12", "nora drill technical --due")),
    "reveal": (drawn(reveal), ("def corrected_logits(", "return scores - log_q")),
    "stages": (drawn(stages), ("Recruiter screen", "1:40 / 2:00", "- / 10:00")),
    "feedback": (drawn(feedback), ("Feedback on your answer", "production design 0/1")),
    "notebook": (drawn(notebook), ("Your story:", "Your notes:")),
}


def unbroken(text: str, token: str) -> bool:
    """The token appears whole within one line of the text, or within a command continued
    with trailing backslashes (which a shell reads as one line)."""
    pasted = re.sub(r" \\\n *", " ", text)
    return any(token in line for line in pasted.splitlines())


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", sorted(SCREENS))
def test_screen_at_width(home: Path, name: str, width: int) -> None:
    draw, whole = SCREENS[name]
    text = "\n".join(line.rstrip() for line in draw(width).splitlines()) + "\n"
    for token in whole:
        assert unbroken(text, token), f"{token!r} is split or missing in {name} at {width}"
    for line in text.splitlines():
        assert len(line) <= width or any(t in line for t in whole), (name, width, line)
    snapshot = SNAPSHOTS / f"{name}-{width}.txt"
    if os.environ.get("NORA_UPDATE_SNAPSHOTS") == "1":
        snapshot.parent.mkdir(exist_ok=True)
        snapshot.write_text(text, encoding="utf-8")
    assert snapshot.exists(), f"no snapshot {snapshot.name}: run with NORA_UPDATE_SNAPSHOTS=1"
    assert text == snapshot.read_text(encoding="utf-8")


def test_the_split_check_catches_a_split_id() -> None:
    """The check the screens rely on: a wrapped id or command is reported."""
    assert unbroken("deck  recommendation-ranking  12", "recommendation-ranking")
    assert not unbroken("deck  recommendation-rank\n      ing  12", "recommendation-ranking")
    assert not unbroken("run nora drill\ntechnical", "nora drill technical")


@pytest.mark.parametrize("width", WIDTHS)
def test_drill_messages_fit_and_agree(home: Path, width: int) -> None:
    """A drill started at this width: its intro counts agree with their nouns, and the card
    ids it saves are printed whole."""
    result = runner.invoke(
        app,
        ["drill", "salary", "--plain", "-n", "1"],
        input="I would name the date\n\n1\n3\n",
        env={"COLUMNS": str(width)},
    )
    assert result.exit_code == 0, result.output
    assert "Salary Negotiation drill: 1 card, about 3 min." in " ".join(result.output.split())
    assert unbroken(result.output, OFFER) and "Saved:" in result.output
    assert not re.search(r"\b1 (cards|problems|days)\b", result.output)
