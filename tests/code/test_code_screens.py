"""What the coding round says on screen: a live line that fits the terminal, a submit count
that cannot be read as passing everything, the header said once, and follow-ups whose every
outcome (typed, aloud, skipped, stopped) is told as it happened."""

from __future__ import annotations

import io

from rich.cells import cell_len
from rich.console import Console

from nora_cli.app import code, code_rubric, code_session
from nora_cli.coach.coach import Coach
from nora_cli.core.engine import Action
from nora_cli.core.exercise import RunReport, TestResult
from nora_cli.decks.loader import load_library
from nora_cli.ui import code_view
from nora_cli.ui.asker import BaseAsker
from nora_cli.ui.plain_asker import PlainAsker

LIBRARY = load_library()
TOP_K = code.exercises()["top-k-frequent"]


def screen(width: int = 100) -> Console:
    return Console(width=width, record=True, color_system=None)


def test_the_live_line_fits_every_width_from_40_columns_up() -> None:
    for width in (30, 40, 41, 45, 60, 80, 100, 200):
        for elapsed in (0.0, 9.0, 599.0, 3600.0 * 12):
            text = code_view.status_text(elapsed, width)
            assert cell_len(text) < width, (width, text)
            assert text.startswith("[")  # the clock is always there
    assert code_view.status_text(9.0, 100) == "[0:09] t test · s submit · h hint · q stop"
    assert code_view.status_text(9.0, 40) == "[0:09] t test·s submit·h hint·q stop"
    assert code_view.status_text(3600.0 * 12, 40) == "[12:00:00] t s h q"


def test_the_submit_count_says_the_time_is_for_the_visible_examples() -> None:
    tests = [TestResult(f"example {n}", True, True) for n in (1, 2, 3)]
    tests += [TestResult(f"hidden {n}", False, n < 7, error="wrong") for n in range(1, 13)]
    console = screen()
    code_view.submit_report(console, RunReport(tuple(tests)), runs=4, hints=0, solve=9.0)
    shown = console.export_text()
    assert "9/15 tests pass (6/12 hidden) · runs 4 · hints 0 · " in shown
    assert "all visible examples first passed at 0:09" in shown
    assert "all-green" not in shown
    untimed = screen()
    code_view.submit_report(untimed, RunReport(tuple(tests)), runs=0, hints=0, solve=None)
    assert "no timed run passed all visible examples" in untimed.export_text()
    script = screen()  # `nora code test`: no sitting, so no runs, hints or time
    code_view.submit_report(script, RunReport(tuple(tests)))
    assert "9/15 tests pass (6/12 hidden)\n" in script.export_text()


def test_the_intro_says_new_attempt_or_resumed_and_each_header_line_once() -> None:
    console = screen(40)
    code_view.intro(console, TOP_K, code.open_workspace(TOP_K), editor="/tmp/ed.sh")
    first = console.export_text()
    assert "Resumed" not in first and "New attempt" not in first
    code.finish_workspace(TOP_K.id)  # submitted
    code.solution_path(TOP_K.id).write_text(TOP_K.reference)
    console = screen(40)
    code_view.intro(console, TOP_K, code.open_workspace(TOP_K), editor="/tmp/ed.sh")
    shown = console.export_text()
    prose = shown.replace("\n", " ")
    assert "Resumed" not in shown
    assert "New attempt: your last one was submitted, so the clock starts at 0:00" in prose
    assert "its code is kept in previous.py" in prose
    for line in ("Opened in /tmp/ed.sh:", "Every save runs the visible examples"):
        assert shown.count(line) == 1, line
    path = str(code.solution_path(TOP_K.id))
    assert path in shown.splitlines()  # a line of its own, never split
    assert max(cell_len(line) for line in shown.splitlines() if line != path) <= 40
    console = screen()
    code_view.intro(console, TOP_K, code.open_workspace(TOP_K), editor="")
    assert "Resumed: the clock stands at 0:00." in console.export_text()


class Scripted(BaseAsker):
    """The follow-ups' asker, answering from a list: text, or an action."""

    def __init__(self, console: Console, answers: list[str | Action]) -> None:
        super().__init__(console, Coach())
        self.answers = answers

    def block(
        self, prompt: str, budget: int, *, first: bool, overall: tuple[float, int] | None = None
    ) -> str | Action:
        return self.answers.pop(0)


def test_follow_ups_count_typed_aloud_and_skipped_answers_apart() -> None:
    console = screen()
    asker = Scripted(console, [Action.SKIP, "Unit tests and a brute-force reference", "", ""])
    follow = code_session.follow_ups(TOP_K, console, asker, LIBRARY)
    assert (follow.typed, follow.aloud, follow.skipped) == (1, 2, 1)
    assert (
        follow.answers
        == "How would you test your solution?\nUnit tests and a brute-force reference"
    )
    stopped = code_session.follow_ups(TOP_K, console, Scripted(console, [Action.QUIT]), LIBRARY)
    assert (stopped.typed, stopped.aloud, stopped.skipped) == (0, 0, 4)
    assert stopped.answers == "" and stopped.key_points == follow.key_points


def test_the_guide_follow_ups_ask_about_the_users_own_solution() -> None:
    cards = code_rubric.follow_up_cards(TOP_K, LIBRARY)
    assert [c.prompt for c in cards[:3]] == list(code_rubric.GUIDE_FOLLOW_UPS.values())
    assert [c.id for c in cards[:3]] == list(code_rubric.GUIDE_FOLLOW_UPS)
    assert all("your solution" in c.prompt for c in cards[:3])
    deck = LIBRARY.card("code-how-to-test")
    assert deck is not None and cards[1].key_points == deck.key_points


def test_the_plain_follow_ups_say_that_skip_acts_at_once() -> None:
    out = io.StringIO()
    console = Console(file=out, width=100, color_system=None)
    asker = PlainAsker(console, io.StringIO(":skip\n\n:quit\n"), Coach())
    follow = code_session.follow_ups(TOP_K, console, asker, LIBRARY)
    assert (follow.aloud, follow.skipped) == (1, 3)  # the empty line was a real answer
    shown = out.getvalue()
    assert "`:skip` alone on the first line skips a follow-up at once" in shown


def test_the_live_follow_ups_say_skip_needs_enter_twice() -> None:
    console = screen()
    code_view.followup_rules(console, live=True)
    shown = console.export_text().replace("\n", " ")
    assert "type `:skip` and press Enter;" in shown
    assert "Enter before typing anything means you answered aloud" in shown


def test_the_end_of_the_follow_ups_tells_what_happened() -> None:
    from nora_cli.core.exercise import CodeResult

    result = CodeResult("top-k-frequent", "Heaps", 3, 14, 1, 11, 2, 0)
    console = screen()
    code_view.followups_done(console, result, typed=0, aloud=0, skipped=4)
    assert "Your code passed 3 of 14 tests; 4 follow-ups skipped." in console.export_text()
    console = screen()
    code_view.followups_done(console, result, typed=1, aloud=1, skipped=2)
    assert (
        "1 follow-up typed, 1 follow-up answered aloud, 2 follow-ups skipped."
        in console.export_text()
    )


def test_ctrl_c_at_a_follow_up_ends_them_and_keeps_what_was_answered() -> None:
    class Interrupting(Scripted):
        def block(
            self, prompt: str, budget: int, *, first: bool, overall: tuple[float, int] | None = None
        ) -> str | Action:
            if not self.answers:
                raise KeyboardInterrupt
            return super().block(prompt, budget, first=first, overall=overall)

    console = screen()
    follow = code_session.follow_ups(
        TOP_K, console, Interrupting(console, ["O(n log k) time"]), LIBRARY
    )
    assert follow.interrupted and (follow.typed, follow.skipped) == (1, 3)
    assert follow.answers.endswith("\nO(n log k) time")


def test_a_coding_attempts_rubric_numbers_its_points_as_the_sitting_does() -> None:
    """The ticks a sitting saves index the follow-ups' points in order; the rubric `nora stats`
    uses to place them on the judging dimensions must list the same points in that order."""
    cards = code_rubric.follow_up_cards(TOP_K, LIBRARY)
    rubric = code_rubric.follow_up_rubrics([TOP_K], LIBRARY)[TOP_K.id]
    assert [p.text for p in rubric.key_points] == [
        p.text for card in cards for p in card.key_points
    ]
    assert all(p.dimensions or p.derived for p in rubric.key_points)


def test_the_coding_figures_never_split_a_command_at_40_columns() -> None:
    from nora_cli.core.code_stats import CodingFigures, TopicFigure

    command = "nora code start sliding-window-rate-limiter"
    topic = TopicFigure("Sliding windows and rate limits", 2, 0, command)
    figures = CodingFigures(2, 0, None, None, (topic,))
    console = Console(file=io.StringIO(), width=40, color_system=None)
    code_view.coding_figures(console, figures)
    lines = console.file.getvalue().splitlines()  # type: ignore[attr-defined]
    assert all(cell_len(line) <= 40 for line in lines)
    pasted = " ".join(line.strip().removesuffix("\\").strip() for line in lines)
    assert command in pasted
