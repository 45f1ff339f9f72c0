"""The two askers: plain lines, and the interactive one fed through prompt_toolkit's pipe input."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from nora_cli.core.engine import Action, Answer, DrillCard, Timing
from nora_cli.ui import terminal_asker
from nora_cli.ui.asker import parse_covered
from nora_cli.ui.plain_asker import PlainAsker
from nora_cli.ui.terminal_asker import TerminalAsker


@pytest.mark.parametrize(
    ("text", "total", "expected"),
    [
        ("", 4, ()),
        ("none", 4, ()),
        ("all", 3, (0, 1, 2)),
        ("1,3", 4, (0, 2)),
        ("3 1 3", 4, (0, 2)),
        (" 2, 4 ", 4, (1, 3)),
        ("5", 4, None),
        ("0,1", 4, None),
        ("one", 4, None),
    ],
)
def test_parse_covered(text: str, total: int, expected: tuple[int, ...] | None) -> None:
    assert parse_covered(text, total) == expected


def drill_card(fixture_library) -> DrillCard:  # type: ignore[no-untyped-def]
    return DrillCard(fixture_library.card("t-precision"), 60, "test")


def plain(text: str) -> tuple[PlainAsker, io.StringIO]:
    out = io.StringIO()
    return PlainAsker(Console(file=out, width=100), io.StringIO(text)), out


def test_plain_asker_reads_answer_points_and_rating(fixture_library) -> None:  # type: ignore[no-untyped-def]
    asker, out = plain("line one\nline two\n\n1 3\nx\n2\n")
    item = drill_card(fixture_library)
    answer = asker.answer(item, 1, 1)
    assert answer == Answer("line one\nline two")
    assessment = asker.assess(item, answer, Timing(70, 60))
    assert assessment.covered == (0, 2) and assessment.rating == 2
    text = out.getvalue()
    assert "Type 1, 2, 3 or 4" in text  # the invalid 'x' was re-asked
    assert "Answered in 1:10 (0:10 over the 1:00 limit)" in text
    assert "Precision = TP / (TP + FP)" in text


def test_plain_asker_commands_and_eof(fixture_library) -> None:  # type: ignore[no-untyped-def]
    item = drill_card(fixture_library)
    asker, _ = plain(":skip\n")
    assert asker.answer(item, 1, 1).action is Action.SKIP
    asker, _ = plain(":q\n")
    assert asker.answer(item, 1, 1).action is Action.QUIT
    asker, _ = plain("partial")
    assert asker.answer(item, 1, 1).action is Action.END


def test_plain_prompts_wrap_between_words_under_a_hanging_indent() -> None:
    out = io.StringIO()
    story = "Rolled back a bad ranking model launch after conversions fell"
    answer = "precision is the share of flagged items that are truly positive"
    feed = f"2\n1\n1 2\n3\n{answer}\n\n"
    asker = PlainAsker(Console(file=out, width=40), io.StringIO(feed))
    assert asker.pick("Which story will you tell?", [("a", story), ("", "None")]) == ""
    assert asker.pick("Which story will you tell?", [("a", story)]) == "a"
    assert asker.ticks(["one", "two"], ()) == (0, 1)
    assert asker.rate() == 3
    assert asker.block("> ", 60, first=True) == answer
    lines = out.getvalue().splitlines()
    assert all(len(line) <= 40 for line in lines)
    assert "  1. Rolled back a bad ranking model" in lines
    assert "     launch after conversions fell" in lines
    at = lines.index("Key points covered (e.g. 1,3 or all;")
    assert lines[at + 1] == "  empty for none) [1-2]: 1 2"
    assert lines[at + 2 : at + 4] == ["Rating 1 again, 2 hard, 3 good, 4 easy",
                                      "  (s skip, q quit): 3"]  # fmt: skip
    echoed = lines.index("> precision is the share of flagged")
    assert lines[echoed + 1] == "  items that are truly positive"


def test_markup_in_cards_is_shown_as_text(fixture_library) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    card = replace(fixture_library.card("t-precision"), prompt="[bold red]not markup[/]")
    asker, out = plain("\n")
    asker.answer(DrillCard(card, 60, "test"), 1, 1)
    assert "[bold red]not markup[/]" in out.getvalue()


def type_at_each_prompt(monkeypatch, pipe, keys: list[str]) -> None:  # type: ignore[no-untyped-def]
    """The n-th prompt (answer, checklist or rating) gets `keys[n]` once it has discarded what
    was typed ahead, that is once it is on screen."""
    real_discard = terminal_asker.discard_typeahead
    count = iter(range(len(keys)))

    def discard_then_type() -> None:
        real_discard()
        pipe.send_text(keys[next(count)])

    monkeypatch.setattr(terminal_asker, "discard_typeahead", discard_then_type)


def test_terminal_asker_with_pipe_input(fixture_library, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    item = drill_card(fixture_library)
    asker = TerminalAsker(Console(file=io.StringIO(), width=100))
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        # Each prompt starts by discarding what was typed before it: type only once it is up.
        # The answer; tick points 1 and 3, confirm; then "3" (good).
        typed = ["TP over TP plus FP\rsecond line\r\r", " \x1b[B\x1b[B \r", "3\r"]
        type_at_each_prompt(monkeypatch, pipe, typed)
        answer = asker.answer(item, 1, 3)
        assert answer == Answer("TP over TP plus FP\nsecond line")
        assessment = asker.assess(item, answer, Timing(10, 60))
    assert assessment.covered == (0, 2)
    assert assessment.rating == 3


def test_an_enter_pressed_before_the_answer_prompt_never_submits_it(fixture_library) -> None:  # type: ignore[no-untyped-def]
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    asker = TerminalAsker(Console(file=io.StringIO(), width=100))
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text("\r\r")  # pressed while the last card's rating was saved
        real_discard = terminal_asker.discard_typeahead

        def discard_then_type() -> None:
            real_discard()
            pipe.send_text("my real answer\r\r")

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(terminal_asker, "discard_typeahead", discard_then_type)
            answer = asker.answer(drill_card(fixture_library), 2, 3)
    assert answer == Answer("my real answer")


@pytest.mark.parametrize("where", ["checklist", "rating"])
def test_keys_typed_before_a_prompt_never_tick_or_rate(fixture_library, monkeypatch, where) -> None:  # type: ignore[no-untyped-def]
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    item = drill_card(fixture_library)
    asker = TerminalAsker(Console(file=io.StringIO(), width=100))
    early = "xyz123\r2\r a\r1\r"  # pressed while the reveal printed, before the prompt
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        if where == "checklist":  # typed in one go with the answer
            type_at_each_prompt(monkeypatch, pipe, ["an answer\r\r" + early, " \r", "4\r"])
        else:  # typed in one go with the Enter that confirms the checklist
            type_at_each_prompt(monkeypatch, pipe, ["an answer\r\r", " \r" + early, "4\r"])
        answer = asker.answer(item, 1, 1)
        assessment = asker.assess(item, answer, Timing(10, 60))
    assert assessment.covered == (0,)
    assert assessment.rating == 4


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("one\rtwo\r\r", Answer("one\ntwo")),  # Enter ends a line; on the empty line, submits
        ("three\r   \r", Answer("three")),  # a line of spaces is an empty line too
        ("\r", Answer("")),  # Enter at once: answered aloud
        ("four\r", Answer(action=Action.QUIT)),  # never submitted: the input ends (Ctrl-D)
    ],
)
def test_the_answer_prompt_submits_exactly_as_its_toolbar_says(
    fixture_library, typed: str, expected: Answer
) -> None:  # type: ignore[no-untyped-def]
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    assert "Enter on an empty line submits" in terminal_asker.ANSWER_HELP
    asker = TerminalAsker(Console(file=io.StringIO(), width=100))
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        real_discard = terminal_asker.discard_typeahead

        def discard_then_type() -> None:
            real_discard()
            pipe.send_text(typed)
            pipe.close()  # what was not submitted ends like Ctrl-D, so the test cannot hang

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(terminal_asker, "discard_typeahead", discard_then_type)
            assert asker.answer(drill_card(fixture_library), 1, 1) == expected


def test_terminal_asker_skip_and_aloud(fixture_library, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    item = drill_card(fixture_library)
    asker = TerminalAsker(Console(file=io.StringIO(), width=100))
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        type_at_each_prompt(monkeypatch, pipe, [":skip\r", "\r", "\r", "q\r"])
        assert asker.answer(item, 1, 1).action is Action.SKIP
        aloud = asker.answer(item, 1, 1)
        assert aloud.aloud
        assert asker.assess(item, aloud, Timing(1, 60)).action is Action.QUIT


def test_the_deck_knowledge_warms_up_once_after_the_first_card_is_on_screen(
    fixture_library,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    """Started earlier, its second of work would slow the drill's start; started twice, it
    would do that work twice."""
    import threading

    from nora_cli.coach.coach import Coach
    from nora_cli.coach.knowledge import DeckKnowledge

    out = io.StringIO()
    seen_at_start: list[str] = []
    monkeypatch.setattr(
        threading.Thread, "start", lambda self: seen_at_start.append(out.getvalue())
    )
    coach = Coach(knowledge=DeckKnowledge(fixture_library.cards), interactive=False)
    asker = PlainAsker(Console(file=out, width=100), io.StringIO("one\n\n:skip\n\n"), coach)
    item = drill_card(fixture_library)
    asker.answer(item, 1, 2)
    asker.answer(item, 2, 2)
    assert len(seen_at_start) == 1 and "Card 1/2" in seen_at_start[0]


def test_ctrl_c_at_the_rating_keeps_the_confirmed_ticks(fixture_library, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    item = drill_card(fixture_library)
    asker = TerminalAsker(Console(file=io.StringIO(), width=100))
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        type_at_each_prompt(monkeypatch, pipe, ["an answer\r\r", " \r", "\x03"])
        answer = asker.answer(item, 1, 1)
        assessment = asker.assess(item, answer, Timing(10, 60))
    assert assessment.action is Action.INTERRUPT
    assert (assessment.covered, assessment.rating) == ((0,), None)


def test_a_command_alone_submits_at_once_and_text_waits_for_an_empty_line() -> None:
    from nora_cli.ui.terminal_asker import submits

    assert submits(":skip", ":skip") and submits(":q", ":q") and submits("", "some answer")
    assert not submits("ReLU keeps", "ReLU keeps")
    assert not submits(":skip", "My answer\n:skip")  # part of an answer, not a command
    assert not submits(":skip", ":skip", first=False) and submits(":quit", ":quit", first=False)
