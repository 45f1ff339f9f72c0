"""The interviewer's turns inside a card, through the real card flow and engine with a scripted
asker and a fake transport: follow-ups answered, skipped, or stopped with Ctrl-C (the card is
kept, unrated), and nothing asked for an answer given aloud."""

from __future__ import annotations

import io
import json
from collections import deque
from collections.abc import Sequence
from typing import Any

from conftest import FakeClock
from helpers import concept_card
from rich.console import Console

from nora_cli.coach.coach import Coach
from nora_cli.coach.interviewer import Interviewer, Reply
from nora_cli.core import engine
from nora_cli.core.engine import Action, Answer, DrillCard
from nora_cli.core.exercise import CodeResult
from nora_cli.core.models import Card
from nora_cli.core.records import Attempt
from nora_cli.ui.asker import BaseAsker
from nora_cli.ui.interviewer_flow import FOLLOW_UP_PROMPT

CARD = concept_card()
GRADE = json.dumps(
    {
        "points": [
            {"point": 1, "verdict": "covered", "quote": "TP over flagged", "reason": "defined"},
            {"point": 2, "verdict": "missed", "quote": "", "reason": "recall is not defined"},
        ],
        "dimensions": dict.fromkeys(
            ["technical-clarity", "model-understanding", "evaluation", "production-design",
             "product-objective"], 3,
        ),
        "follow_ups": [
            {"question": "How is recall computed?", "aims_at": [2]},
            {"question": "When would you favour recall?", "aims_at": []},
        ],
    }
)  # fmt: skip


class Transport:
    model_id = "fake"

    def __init__(self, *replies: str) -> None:
        self.replies = deque(replies)
        self.sent: list[str] = []

    def send(self, system: str, prompt: str, schema: dict[str, Any]) -> Reply:
        self.sent.append(prompt)
        return Reply(self.replies.popleft(), 0.25, 10, 5)


class Scripted(BaseAsker):
    """Plays back blocks (text, an Action, or KeyboardInterrupt), ticks and a rating."""

    def __init__(self, clock: FakeClock, blocks: list[Any], coach: Coach) -> None:
        super().__init__(Console(file=io.StringIO(), width=100), coach)
        self.clock = clock
        self.blocks = deque(blocks)
        self.prompts: list[tuple[str, int]] = []
        self.preselected: list[Sequence[int]] = []

    def now(self) -> float:
        return self.clock.now.timestamp()

    def block(self, prompt: str, budget: int, *, first: bool, overall: Any = None) -> str | Action:
        self.prompts.append((prompt, budget))
        seconds, text = self.blocks.popleft()
        self.clock.advance(seconds)
        if text is KeyboardInterrupt:
            raise KeyboardInterrupt
        return text  # type: ignore[no-any-return]

    def pick(self, question: str, options: list[tuple[str, str]]) -> str | Action:
        raise AssertionError("no pick expected")

    def ticks(self, labels: list[str], preselected: Sequence[int]) -> tuple[int, ...] | Action:
        self.preselected.append(tuple(preselected))
        return tuple(preselected)

    def rate(self) -> int | Action:
        return 3


def drill(blocks: list[Any], *replies: str) -> tuple[engine.DrillResult, Scripted, Transport]:
    clock = FakeClock()
    transport = Transport(*replies)
    coach = Coach(walk=False, interviewer=Interviewer(transport))
    asker = Scripted(clock, blocks, coach)
    saved: list[Attempt] = []
    result = engine.run(
        [DrillCard(CARD, 90, "new")], asker=asker, clock=clock, save=saved.append, mode="technical"
    )
    assert saved == result.attempts
    return result, asker, transport


FOLLOW_UPS = json.dumps(
    {
        "answers": [
            {"number": 1, "verdict": "strong", "quote": "TP over TP plus FN", "reason": "ok!"}
        ]
    }
)


def test_follow_ups_are_timed_blocks_and_saved_with_the_attempt() -> None:
    blocks = [(20, "precision is TP over flagged items"), (12, "TP over TP plus FN"),
              (5, Action.SKIP)]  # fmt: skip
    result, asker, transport = drill(blocks, GRADE, FOLLOW_UPS)
    (attempt,) = result.attempts
    assert attempt.rating == 3 and attempt.seconds == 20
    assert asker.prompts == [("> ", 90), (FOLLOW_UP_PROMPT, 30), (FOLLOW_UP_PROMPT, 30)]
    assert asker.preselected == [(0,)]
    interview = attempt.interview
    assert interview is not None
    first, second = interview.follow_ups
    assert (first.answer, first.seconds, first.budget, first.verdict) == (
        "TP over TP plus FN", 12, 30, "strong",
    )  # fmt: skip
    assert second.skipped and second.answer == "" and second.verdict == ""
    assert [c.task for c in interview.calls] == ["grade", "follow_ups"]
    assert interview.wait_seconds == 0.5
    assert "2. When would you favour recall?" not in transport.sent[1]  # skipped: not judged


def test_ctrl_c_at_a_follow_up_keeps_the_card_unrated_and_stops() -> None:
    blocks = [(20, "precision is TP over flagged items"), (3, KeyboardInterrupt)]
    result, asker, transport = drill(blocks, GRADE)
    assert result.interrupted
    (attempt,) = result.attempts
    assert attempt.rating is None and not attempt.skipped
    assert attempt.interview is not None and attempt.interview.graded
    assert all(turn.skipped for turn in attempt.interview.follow_ups)
    assert asker.preselected == []  # stopped before the checklist
    assert len(transport.sent) == 1


def test_an_answer_given_aloud_asks_nothing_of_the_model() -> None:
    result, asker, transport = drill([(30, "")])
    (attempt,) = result.attempts
    assert attempt.interview is None and attempt.rating == 3
    assert transport.sent == [] and asker.prompts == [("> ", 90)]


def test_a_follow_up_answer_of_one_word_is_counted_in_the_singular() -> None:
    from nora_cli.core.interview import FollowUpTurn
    from nora_cli.ui.interviewer_view import follow_up_results

    out = io.StringIO()
    turns = [
        FollowUpTurn("Why?", answer="Latency.", verdict="weak", reason="too short", words=1),
        FollowUpTurn("How?", answer="Shadow then canary.", verdict="strong", reason="ok", words=3),
    ]
    follow_up_results(Console(file=out, width=100), turns)
    text = out.getvalue()
    assert "(1 word, about 0:00 aloud)" in text and "(3 words, about" in text


class CodeOffer:
    """A coding card's exercise, solved at once: the code, and one follow-up answered."""

    QUESTION = "How do you compute it from the counts?"

    def offers(self, card: Card) -> bool:
        return True

    def solve(self, item: DrillCard) -> Answer:
        return Answer(f"{self.QUESTION}\nTP over flagged items", code=RESULT)

    def follow_up_turns(self, card_id: str) -> tuple[tuple[str, str], ...]:
        return ((self.QUESTION, "TP over flagged items"),)


RESULT = CodeResult("precision", "metrics", 4, 4, 2, 3, runs=2, hints=0,
                    code="def precision(tp, fp):\n    return tp / (tp + fp)\n")  # fmt: skip


def code_drill(*replies: str) -> tuple[engine.DrillResult, Transport]:
    clock = FakeClock()
    transport = Transport(*replies)
    coach = Coach(walk=False, interviewer=Interviewer(transport, asks_follow_ups=False))
    asker = Scripted(clock, [(30, ":code")], coach)
    asker.code = CodeOffer()
    saved: list[Attempt] = []
    result = engine.run(
        [DrillCard(CARD, 90, "new")], asker=asker, clock=clock, save=saved.append, mode="technical"
    )
    return result, transport


def test_a_card_solved_as_code_is_graded_with_its_code_and_test_results() -> None:
    result, transport = code_drill(GRADE)
    (attempt,) = result.attempts
    assert attempt.interview is not None and attempt.interview.graded
    prompt = transport.sent[0]
    assert "def precision(tp, fp):\n    return tp / (tp + fp)" in prompt
    assert "4 of 4 tests passed, 2 of 3 hidden tests" in prompt
    assert f"<answer>\n[{CodeOffer.QUESTION}] TP over flagged items\n</answer>" in prompt


def test_the_questions_asked_after_the_code_are_not_the_candidates_words() -> None:
    quoting_the_question = GRADE.replace('"TP over flagged"', '"compute it from the counts"')
    result, transport = code_drill(quoting_the_question, quoting_the_question)
    (attempt,) = result.attempts
    assert attempt.interview is not None and not attempt.interview.graded
    assert "'compute it from the counts' is not in the answer" in transport.sent[1]


def panel_lines(width: int) -> list[str]:
    from nora_cli.core.interview import InterviewRecord, PointGrade
    from nora_cli.ui.interviewer_view import grade_panel

    record = InterviewRecord(
        "fake",
        points=(
            PointGrade(0, "covered", "You named the formula and its denominator.", "TP over"),
            PointGrade(1, "missed", "Nothing on recall anywhere in the answer."),
        ),
        dimensions={"technical-clarity": 4, "model-understanding": 3, "evaluation": 2,
                    "production-design": None, "product-objective": 1},
    )  # fmt: skip
    console = Console(record=True, width=width, file=io.StringIO())
    grade_panel(console, record)
    return [line[2:-2] for line in console.export_text().splitlines()[1:-1]]


def test_the_grade_panel_wraps_under_each_point_and_names_the_dimensions_as_elsewhere() -> None:
    lines = panel_lines(40)
    first = next(i for i, line in enumerate(lines) if line.startswith(" ✓ 1. covered"))
    assert lines[first + 1].startswith("      ") and lines[first + 1].strip()
    missed = next(i for i, line in enumerate(lines) if line.startswith(" ✗ 2. missed"))
    assert lines[missed + 1].startswith("      ")
    scores = " ".join(" ".join(lines[missed + 2 :]).split())
    assert scores == (
        "Scores: technical clarity 4/5 · model understanding 3/5 · evaluation 2/5 · "
        "production design not judged · product objective 1/5"
    )
    wide = " ".join(" ".join(panel_lines(120)).split())
    assert "production design not judged" in wide


def test_once_the_interviewer_switches_itself_off_the_next_card_says_why_once() -> None:
    from nora_cli.coach.interviewer import ModelFailure

    class Failing(Transport):
        def send(self, system: str, prompt: str, schema: dict[str, Any]) -> Reply:
            self.sent.append(prompt)
            raise ModelFailure("error", "HTTP 500", 0.5)

    clock = FakeClock()
    transport = Failing()
    coach = Coach(walk=False, interviewer=Interviewer(transport))
    answers = [(10, f"precision is TP over flagged items, take {n}") for n in range(4)]
    asker = Scripted(clock, answers, coach)
    cards = [DrillCard(concept_card(id=f"c{n}"), 90, "new") for n in range(4)]
    result = engine.run(cards, asker=asker, clock=clock, save=lambda a: None, mode="technical")
    assert len(result.attempts) == 4 and len(transport.sent) == 2
    out = " ".join(asker.console.file.getvalue().split())  # type: ignore[attr-defined]
    said = (
        "The AI interviewer is off for the rest of this drill after 2 failures in a row: the "
        "offline coach judges this card and the ones left."
    )
    assert out.count(said) == 1
    assert out.index("Card 3/4") < out.index(said) < out.index("Card 4/4")
    assert [a.interview is None for a in result.attempts] == [False, False, True, True]
