"""The pieces every screen is drawn with: tables that give way to blocks, prose that never
breaks a command, counts that agree with their nouns, and the prompts' wrapping."""

from __future__ import annotations

import io
import shlex
from datetime import UTC, datetime, timedelta

import pytest
from rich.console import Console

from nora_cli.ui.layout import Column, records, table_width
from nora_cli.ui.prose import command_lines, counted, say, whole

LONG_ID = "rolled-back-a-bad-ranking-model-launch"


def draw(width: int, paint) -> list[str]:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    paint(Console(file=out, width=width, color_system=None))
    return [line.rstrip() for line in out.getvalue().splitlines()]


COLUMNS = (Column("Id", keep=True), Column("Title"), Column("Told", keep=True, drop=1))
ROWS = [(LONG_ID, "Rolled back a bad ranking model launch", "3")]


@pytest.mark.parametrize(
    ("width", "layout"),
    [(120, "table"), (56, "closer table"), (54, "table without Told"), (40, "blocks")],
)
def test_a_table_drops_columns_then_stacks_but_never_splits_an_id(width: int, layout: str) -> None:
    shown = draw(width, lambda c: records(c, "Stories", COLUMNS, ROWS))
    assert any(LONG_ID in line for line in shown)
    assert all(len(line) <= width for line in shown)
    header = next((line for line in shown if line.lstrip().startswith("Id")), "")
    if layout == "blocks":
        assert header == "" and shown[2] == LONG_ID and shown[3].startswith("  Title")
    else:
        whole_table = layout in ("table", "closer table")
        assert ("Told" in header) is whole_table
        assert ("widen the terminal to see told" in shown[-1]) is not whole_table
        # Columns close up (two spaces apart, none at the edge) before one is dropped.
        assert header.startswith("Id  ") is (layout == "closer table")


def test_table_width_counts_kept_cells_whole_and_wrapping_ones_by_their_longest_word() -> None:
    kept = len(LONG_ID)
    # The title may wrap down to its longest word ("Rolled", "ranking", "launch": 10 at least).
    assert table_width(COLUMNS[:2], [r[:2] for r in ROWS]) == kept + 10 + 3 * 2 - 1
    assert table_width(COLUMNS[:2], [r[:2] for r in ROWS], compact=True) == kept + 10 + 2


@pytest.mark.parametrize("compact", [False, True])
def test_table_width_is_the_width_rich_draws(compact: bool) -> None:
    from nora_cli.ui.layout import _table

    rows = [r[:2] for r in ROWS]
    needed = table_width(COLUMNS[:2], rows, compact=compact)
    shown = draw(needed, lambda c: c.print(_table(COLUMNS[:2], rows, compact=compact)))
    assert max(len(line) for line in shown) == needed and any(LONG_ID in s for s in shown)


def test_say_wraps_between_words_but_never_inside_a_command() -> None:
    command = 'nora drill technical --category "Salary Negotiation" --weak'
    shown = draw(70, lambda c: say(c, f"Next: {whole(command)} when you are ready to go on"))
    assert shown == [f"Next: {command} when", "you are ready to go on"]
    # Too long for a line of its own: continued between shell words, to paste as one.
    shown = draw(40, lambda c: say(c, f"Next: {whole(command)} when you are ready to go on"))
    assert shown == [
        "Next:",
        "nora drill technical \\",
        '  --category "Salary Negotiation" --weak',
        "when you are ready to go on",
    ]
    quoted = draw(30, lambda c: say(c, "Run `nora plan start 2` to go on with the plan"))
    assert "`nora plan start 2`" in quoted[1] or "`nora plan start 2`" in quoted[0]
    assert all("nora plan" not in line or "start 2" in line for line in quoted)


def test_say_hangs_continuation_lines() -> None:
    shown = draw(24, lambda c: say(c, " 1. Recommendation and Ranking need 0.50", hang=4))
    assert shown[0].startswith(" 1. ") and all(line.startswith("    ") for line in shown[1:])


def test_joined_items_stay_whole_and_a_line_ends_with_the_separator() -> None:
    from nora_cli.ui.prose import joined, wrap

    items = ["technical clarity 0/2", "model understanding 0/5", "production design 0/1"]
    shown = wrap(f"By dimension: {joined(items)}", 36, hang=2).plain.split("\n")
    assert shown == ["By dimension:", "  technical clarity 0/2 ·", "  model understanding 0/5 ·",
                     "  production design 0/1"]  # fmt: skip


@pytest.mark.parametrize(
    ("number", "noun", "expected"),
    [(1, "card", "1 card"), (0, "card", "0 cards"), (2, "problem", "2 problems"),
     (1, "day", "1 day"), (7, "day", "7 days")],
)  # fmt: skip
def test_counted_agrees_in_number(number: int, noun: str, expected: str) -> None:
    assert counted(number, noun) == expected


def test_a_quick_mock_interview_announces_the_sum_of_its_stage_budgets() -> None:
    from nora_cli.core.engine import DrillCard
    from nora_cli.ui.render import duration, planned_seconds

    def card(stage: str, minutes: float, limit: int) -> DrillCard:
        return DrillCard(object(), limit, "new", stage, minutes)  # type: ignore[arg-type]

    # Three stages of 7:00, 9:10 and 8:50 (the card limits inside them are shorter).
    items = [card("Screen", 7.0, 90), card("Coding", 55 / 6, 300), card("Design", 53 / 6, 420)]
    assert planned_seconds(items) == pytest.approx(25 * 60)
    assert duration(planned_seconds(items)) == "about 25 min"
    assert duration(150) == "about 3 min" and duration(45) == "under a minute"


def test_nothing_due_says_when_the_next_review_is() -> None:
    from nora_cli.ui.render import nothing_due

    now = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    later = nothing_due("Technical", now + timedelta(hours=9, minutes=40), now)
    assert later.startswith("Nothing is due for review in Technical mode right now")
    assert later.endswith("the next card is due today at 18:40.")
    assert "tomorrow at 09:00" in nothing_due("", now + timedelta(days=1), now)
    assert "on Wed 25 Nov at 09:00" in nothing_due("", now + timedelta(days=5), now)
    assert "none of the cards this drill can draw has a review scheduled yet" in nothing_due(
        "", None, now
    )


def test_the_stage_report_marks_unreached_stages_and_is_absent_when_nothing_was_answered() -> None:
    from nora_cli.core.summary import StageResult
    from nora_cli.ui import coach_view

    reached = StageResult("Screen", 1, 1, 3.0, 0.5, 100.0, 120.0)
    unreached = StageResult("Design", 1, 0, 0.0, 0.0, 0.0, 600.0)
    shown = draw(100, lambda c: coach_view.stage_report(c, [reached, unreached]))
    design = next(line for line in shown if line.lstrip().startswith("Design"))
    assert "0%" not in design and design.split()[1:] == ["0/1", "-", "-", "-", "/", "10:00", "-"]
    assert draw(100, lambda c: coach_view.stage_report(c, [unreached, unreached])) == []


def test_model_answer_code_keeps_its_indentation_and_is_cut_with_a_marker() -> None:
    from nora_cli.ui.render import model_answer

    text = (
        "Prose first.\n\n    def f(x):\n        return x + 1  # a long comment that will not fit\n"
    )
    shown = draw(30, lambda c: c.print(model_answer(text)))
    assert shown[0] == "Prose first."
    assert shown[2] == "  def f(x):"
    assert shown[3].startswith("      return x + 1") and shown[3].endswith("…")


def test_a_reference_solution_keeps_its_indentation_at_40_columns() -> None:
    from nora_cli.decks.exercises import load_exercises
    from nora_cli.decks.loader import shipped_root
    from nora_cli.ui.code_view import solution

    exercise = load_exercises(shipped_root())["top-k-frequent"]
    shown = draw(40, lambda c: solution(c, exercise))
    assert "│ def top_k(values, k):                │" in shown
    assert any(line.startswith("│     return heapq.") and line.endswith("… │") for line in shown)


def test_need_is_the_same_number_on_screen_and_in_json() -> None:
    from nora_cli.core.stats import GroupStats
    from nora_cli.ui.stats_view import _group_json, need

    group = GroupStats("Metrics", 4, None, 2.6, 0.4, 0.25, 0.7, 0, None, 60.0)
    assert group.need == pytest.approx(0.375)  # the case that showed 0.37 and 0.375
    shown, stored = need(group), _group_json(group)["need"]
    assert shown == f"{stored:.2f}" and stored == round(stored, 2)


def test_prompts_wrap_labels_and_the_toolbar_between_words() -> None:
    from nora_cli.ui.prompts import _pads, toolbar_lines, wrapped

    label = wrapped("2. get moves the key to most recent; put evicts the least recent", indent=3,
                    width=40)  # fmt: skip
    first, *rest = label.split("\n")
    assert first.startswith("2. get") and all(line.startswith(" " * 8) for line in rest)
    toolbar = toolbar_lines(["4:58 left", "Enter submits", ":skip", ":quit", "Ctrl-C stops"], 30)
    assert toolbar.split("\n") == ["4:58 left · Enter submits", ":skip · :quit · Ctrl-C stops"]
    # After a 2-column prompt a 20-column row holds 18: "get" would cross the edge, so two
    # spaces push it to the next row, which "get overflow, kept" then fills exactly.
    text = "to end on every get overflow, kept"
    assert _pads(text, 20, 2, 2) == {text.index("get"): 2}
    # A word that ends at the edge with a space after it moves down too: otherwise the space
    # would begin the next row and indent it by one column more than the others.
    typed = "least privilege for every tool, server side validation"
    assert _pads(typed, 40, 2, 2) == {typed.index("server"): 6}


def test_deck_warnings_say_they_are_warnings() -> None:
    from nora_cli.ui.render import deck_warnings

    one = draw(200, lambda c: deck_warnings(c, ["decks/x.yaml:3: card 'a': 2 key points"]))
    assert one == ["warning: decks/x.yaml:3: card 'a': 2 key points"]
    many = draw(200, lambda c: deck_warnings(c, ["w"] * 5))
    assert many[0].startswith("warning: 5 deck warnings")


PROMPTS = {"confirm", "text", "select", "checkbox", "password", "autocomplete", "PromptSession"}


def test_every_prompt_takes_the_no_colour_output() -> None:
    """With NO_COLOR a prompt writes no escape codes only if it is given `prompts.output()`:
    every questionary prompt and prompt_toolkit session in nora passes `output=`."""
    import ast
    from pathlib import Path

    import nora_cli

    missing = []
    for path in Path(nora_cli.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            owner = getattr(getattr(node.func, "value", None), "id", "")
            prompt = name == "PromptSession" or (owner == "questionary" and name in PROMPTS)
            if prompt and "output" not in {k.arg for k in node.keywords}:
                missing.append(f"{path.name}:{node.lineno}")
    assert missing == []


def test_a_confirm_question_wraps_with_room_for_the_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import questionary

    from nora_cli.ui import prompts

    asked: dict[str, object] = {}

    class Answered:
        def unsafe_ask(self) -> bool:
            return False

    def confirm(message: str, **options: object) -> Answered:
        asked.update(options, message=message)
        return Answered()

    monkeypatch.setattr(questionary, "confirm", confirm)
    monkeypatch.setattr(prompts, "columns", lambda: 40)
    text = "You have not attempted it yet. Show the reference solution anyway?"
    assert prompts.confirm(text, default=False) is False
    lines = str(asked["message"]).split("\n")
    assert lines[-1].endswith("(y/N)") and all(len(line) + len("? ") + 4 <= 40 for line in lines)
    assert all(line.startswith("  ") for line in lines[1:])
    assert asked["instruction"] == prompts.NO_INSTRUCTION and "output" in asked


@pytest.mark.parametrize("width", [30, 40, 60, 100])
def test_a_long_command_is_continued_with_backslashes_and_pastes_as_the_same_command(
    width: int,
) -> None:
    command = 'nora drill technical --category "Recommendation and Ranking" --weak'
    lines = command_lines(command, width)
    for line in lines:  # only a quoted word, which is never broken, may be longer
        assert len(line) <= width or line.strip().removesuffix("\\").strip().startswith('"')
    assert all(line.endswith(" \\") for line in lines[:-1])
    assert not lines[-1].endswith("\\")
    assert shlex.split(" ".join(line.removesuffix("\\") for line in lines)) == shlex.split(command)
    if width >= 4 + len(command):
        assert lines == [f"    {command}"]


def test_an_option_stays_with_its_value_when_they_fit() -> None:
    lines = command_lines('nora drill technical --category "Deep Learning" --weak', 40)
    assert lines == [
        "    nora drill technical \\",
        '      --category "Deep Learning" --weak',  # the last line needs no backslash
    ]
