"""The drill engine, driven by a scripted asker and a fake clock."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from nora_cli.core import engine
from nora_cli.core.engine import (
    Action,
    Answer,
    Assessment,
    DrillCard,
    Timing,
)
from nora_cli.core.errors import HistoryError
from nora_cli.core.records import Attempt


@dataclass
class ScriptedAsker:
    """Plays back (seconds to think, answer, assessment) per card; can raise at a given step."""

    clock: object
    script: list[tuple[float, Answer, Assessment]]
    interrupt_at: int | None = None
    seen: list[tuple[str, int, int]] = field(default_factory=list)
    timings: list[Timing] = field(default_factory=list)

    def answer(self, item: DrillCard, position: int, total: int) -> Answer:
        self.seen.append((item.card.id, position, total))
        if self.interrupt_at == position:
            raise KeyboardInterrupt
        seconds, answer, _ = self.script[position - 1]
        self.clock.advance(seconds)  # type: ignore[attr-defined]
        return answer

    def assess(self, item: DrillCard, answer: Answer, timing: Timing) -> Assessment:
        self.timings.append(timing)
        return self.script[self.seen[-1][1] - 1][2]


def items(library, ids):  # type: ignore[no-untyped-def]
    return [DrillCard(library.card(i), library.card(i).time_limit or 120, "test") for i in ids]


def test_rated_cards_are_saved_in_order_with_timing(fixture_library, clock) -> None:  # type: ignore[no-untyped-def]
    saved: list[Attempt] = []
    asker = ScriptedAsker(
        clock,
        [
            (45, Answer("TP over TP plus FP"), Assessment((0, 1), 3)),
            (100, Answer("TPR vs FPR"), Assessment((0,), 2)),
        ],
    )
    result = engine.run(
        items(fixture_library, ["t-precision", "t-roc"]),
        asker=asker,
        clock=clock,
        save=saved.append,
        mode="technical",
        drill_id="s1",
    )
    assert [a.card_id for a in saved] == ["t-precision", "t-roc"]
    assert result.completed and not result.quit
    first, second = saved
    assert first.seconds == 45 and first.overtime_seconds == 0 and not first.overtime
    assert second.seconds == 100 and second.time_limit == 90
    assert second.overtime_seconds == 10 and second.overtime
    assert first.covered == (0, 1) and first.key_points_total == 3 and first.rating == 3
    assert first.answer == "TP over TP plus FP"
    assert first.drill_id == second.drill_id == "s1"
    assert first.started_at < first.ended_at <= second.started_at
    assert asker.seen == [("t-precision", 1, 2), ("t-roc", 2, 2)]


def test_overtime_does_not_cut_the_answer(fixture_library, clock) -> None:  # type: ignore[no-untyped-def]
    long_answer = "word " * 500
    saved: list[Attempt] = []
    asker = ScriptedAsker(clock, [(600, Answer(long_answer), Assessment((), 1))])
    engine.run(
        items(fixture_library, ["t-precision"]),
        asker=asker,
        clock=clock,
        save=saved.append,
        mode="technical",
    )
    assert saved[0].answer == long_answer
    assert saved[0].overtime_seconds == 540
    assert asker.timings[0].overtime_seconds == 540


def test_skip_saves_an_unrated_record_and_moves_on(fixture_library, clock) -> None:  # type: ignore[no-untyped-def]
    saved: list[Attempt] = []
    asker = ScriptedAsker(
        clock,
        [
            (5, Answer(action=Action.SKIP), Assessment()),
            (20, Answer("x"), Assessment(action=Action.SKIP)),
            (30, Answer(""), Assessment((0, 1, 2), 4)),
        ],
    )
    result = engine.run(
        items(fixture_library, ["t-precision", "t-roc", "t-leak"]),
        asker=asker,
        clock=clock,
        save=saved.append,
        mode="technical",
    )
    assert [(a.card_id, a.skipped, a.rating) for a in saved] == [
        ("t-precision", True, None),
        ("t-roc", True, None),
        ("t-leak", False, 4),
    ]
    assert not result.completed  # two cards were skipped
    assert len(result.rated) == 1


def test_quit_at_answer_or_rating_keeps_what_was_rated(fixture_library, clock) -> None:  # type: ignore[no-untyped-def]
    """Quitting at the answer saves nothing for that card; quitting (or the input ending) at
    the checklist or the rating keeps the typed answer and its confirmed ticks, unrated."""
    for quit_step, kept in (
        ((10, Answer(action=Action.QUIT), Assessment()), []),
        ((10, Answer("y"), Assessment(action=Action.QUIT)), [("t-roc", "y", (), None)]),
        ((10, Answer("y"), Assessment((1,), action=Action.END)), [("t-roc", "y", (1,), None)]),
    ):
        saved: list[Attempt] = []
        asker = ScriptedAsker(clock, [(10, Answer("a"), Assessment((0,), 3)), quit_step])
        result = engine.run(
            items(fixture_library, ["t-precision", "t-roc", "t-leak"]),
            asker=asker,
            clock=clock,
            save=saved.append,
            mode="technical",
        )
        assert (result.quit or result.input_ended) and not result.completed
        assert [(a.card_id, a.answer, a.covered, a.rating) for a in saved] == [
            ("t-precision", "a", (0,), 3),
            *kept,
        ]
        assert not any(a.skipped for a in saved)


def test_ctrl_c_keeps_every_rated_card(fixture_library, clock) -> None:  # type: ignore[no-untyped-def]
    saved: list[Attempt] = []
    asker = ScriptedAsker(
        clock,
        [(10, Answer("a"), Assessment((0,), 3)), (10, Answer("b"), Assessment((0,), 2))],
        interrupt_at=3,
    )
    result = engine.run(
        items(fixture_library, ["t-precision", "t-roc", "t-leak"]),
        asker=asker,
        clock=clock,
        save=saved.append,
        mode="technical",
    )
    assert result.interrupted
    assert [a.card_id for a in result.attempts] == [a.card_id for a in saved]
    assert len(saved) == 2


def test_a_save_failure_stops_the_drill(fixture_library, clock) -> None:  # type: ignore[no-untyped-def]
    calls: list[str] = []

    def failing_save(attempt: Attempt) -> None:
        calls.append(attempt.card_id)
        if len(calls) == 2:
            raise HistoryError("disk full")

    asker = ScriptedAsker(clock, [(1, Answer("a"), Assessment((), 3))] * 3)
    result = engine.run(
        items(fixture_library, ["t-precision", "t-roc", "t-leak"]),
        asker=asker,
        clock=clock,
        save=failing_save,
        mode="technical",
    )
    assert result.error is not None and "disk full" in result.error.message
    assert [a.card_id for a in result.attempts] == ["t-precision"]
    assert calls == ["t-precision", "t-roc"]  # the third card was never shown
    assert len(asker.seen) == 2


@pytest.mark.parametrize(("seconds", "limit", "over"), [(0, 60, 0), (60, 60, 0), (61.5, 60, 1.5)])
def test_timing_overtime(seconds: float, limit: int, over: float) -> None:
    assert Timing(seconds, limit).overtime_seconds == over
