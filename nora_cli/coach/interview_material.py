"""What the AI interviewer is shown, as the text its prompts take: an answer (typed, walked
step by step, or solved as code) with the words a quote may come from, and the cards of a
mock interview with their grades and follow-ups. Pure: core only."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from nora_cli.coach import interview_schema as shape
from nora_cli.core.exercise import CodeResult
from nora_cli.core.interview import FollowUpTurn, InterviewRecord
from nora_cli.core.summary import StageResult
from nora_cli.core.walk import StepAnswer

# What is sent of one answer; a pasted page is cut rather than sent whole.
MAX_ANSWER_CHARS = 8000
# What is sent of a coding card's submitted code.
MAX_CODE_CHARS = 6000
# What a mock interview's notes quote of one follow-up answer.
MAX_NOTE_ANSWER_CHARS = 300
CUT = " [cut]"


@dataclass(frozen=True)
class Submission:
    """An answer as the interviewer grades it: `text` is what the model reads between the
    answer markers, `own` the candidate's own words, the only text a quote may come from
    (never nora's step titles or questions), `work` the submitted code and its test results
    when the card was solved as code, and `note` what the prompt says about nora's words."""

    text: str
    own: str
    work: str = ""
    note: str = ""
    quotable: str = "the answer"

    @property
    def empty(self) -> bool:
        return not self.own.strip() and not self.work

    @classmethod
    def typed(cls, text: str) -> Submission:
        return cls(text, text)


def walk_submission(parts: Sequence[StepAnswer], curveball: str | None) -> Submission:
    """A design walk: each step's text under its title, the curveball's under the question
    asked; the titles and the question are nora's, so only the step texts are quotable."""
    shown, own = [], []
    for part in parts:
        if not part.text.strip():
            continue
        title = part.title
        if part.is_curveball and curveball:
            title = f"{part.title}: {shape.one_line(curveball)}"
        shown.append(f"[{title}] {part.text.strip()}")
        own.append(part.text.strip())
    return Submission(
        "\n\n".join(shown),
        "\n\n".join(own),
        note=(
            "\n(Answered step by step: each step starts with nora's title in square brackets, "
            "the curveball step with the question asked. Those are not the candidate's words.)"
        ),
        quotable="the candidate's own words in the answer, never the words in square brackets",
    )


def code_submission(result: CodeResult, turns: Sequence[tuple[str, str]]) -> Submission:
    """A card solved as a coding exercise: the submitted code (cut at MAX_CODE_CHARS) with
    its test results, and the answers to the follow-ups asked after it, each under its
    question. The code and the answers are quotable; the questions are nora's."""
    answered = [(q, a.strip()) for q, a in turns if a.strip()]
    tests = (
        f"{result.tests_passed} of {result.tests_total} tests passed, "
        f"{result.hidden_passed} of {result.hidden_total} hidden tests"
    )
    if result.growth:
        tests += f"; growth: {shape.one_line(result.growth)}"
    code = cut(result.code, MAX_CODE_CHARS)
    work = (
        "\nThe candidate solved this question as a coding exercise. Their submitted code "
        f"({tests}):\n<code>\n{code}\n</code>\n"
    )
    return Submission(
        "\n\n".join(f"[{shape.one_line(q)}] {a}" for q, a in answered) or "(no answer typed)",
        "\n\n".join([*(a for _, a in answered), result.code]),
        work=work,
        note=(
            "\n(Their answers to the questions nora asked after the code, each question in "
            "square brackets. The questions are not the candidate's words.)"
        ),
        quotable=(
            "the candidate's own words in the answer or their code, never the words in "
            "square brackets"
        ),
    )


def cut(text: str, limit: int = MAX_ANSWER_CHARS) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[:limit] + CUT


def numbered(items: Iterable[object]) -> str:
    return "\n".join(f"{n}. {shape.one_line(str(item))}" for n, item in enumerate(items, 1))


@dataclass(frozen=True)
class DebriefRow:
    """One card of a mock interview, as the debrief is told about it."""

    stage: str
    question: str
    covered: int
    points: int
    rating: int | None
    interview: InterviewRecord | None = None


def debrief_stages(rows: Sequence[DebriefRow]) -> str:
    """The mock interview as the transition and debrief prompts list it: a line per card,
    the interviewer's reasons for the points it found missed or partly covered, and each
    follow-up with its answer and verdict."""
    lines: list[str] = []
    stage = None
    for row in rows:
        if row.stage != stage:
            stage = row.stage
            lines.append(f"Stage: {stage}")
        rating = row.rating if row.rating is not None else "not rated"
        lines.append(
            f"- {shape.one_line(row.question)[:200]} | covered {row.covered} of {row.points}"
            f" | rating {rating}"
        )
        interview = row.interview
        for grade in interview.points if interview else ():
            if grade.verdict != "covered":
                lines.append(f"    point {grade.point + 1} {grade.verdict}: {grade.reason}")
        lines += [f"    {follow_up_note(t)}" for t in (interview.follow_ups if interview else ())]
    return "\n".join(lines)


def follow_up_note(turn: FollowUpTurn) -> str:
    """'follow-up "Q": "A" (judged strong)': a follow-up as a mock interview's notes give it."""
    asked = f'follow-up "{shape.one_line(turn.question)}": '
    if turn.skipped:
        return asked + "skipped"
    if not turn.answer.strip():
        return asked + "answered aloud"
    answer = cut(shape.one_line(turn.answer), MAX_NOTE_ANSWER_CHARS)
    judged = f"judged {turn.verdict}" if turn.verdict else "not judged"
    return f'{asked}"{answer}" ({judged})'


def stage_summary(result: StageResult) -> str:
    """How a stage went, in one line of figures."""
    if not result.rated:
        done = "no card rated"
    else:
        done = (
            f"{result.rated} of {result.planned} card{'s' * (result.planned != 1)} rated, "
            f"{result.coverage:.0%} of key points covered, mean rating "
            f"{result.mean_rating:.1f} (1 again to 4 easy)"
        )
    return f"{done}; {minutes(result.seconds)} of its {minutes(result.budget_seconds)} used"


def minutes(seconds: float) -> str:
    """m:ss, as the screens show a time."""
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"
