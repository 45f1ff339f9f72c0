"""Drawing the coach: feedback, the design walk, stories and projects, mock-interview stages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Console, RenderableType
from rich.text import Text

from nora_cli.ui.prose import counted, joined, say, whole, wrap
from nora_cli.ui.render import bulleted, clock, dimension_items, panel

if TYPE_CHECKING:
    from nora_cli.coach.coach import StepScore
    from nora_cli.coach.feedback import Feedback
    from nora_cli.core.models import Card
    from nora_cli.core.notebook import Note
    from nora_cli.core.summary import StageResult
    from nora_cli.core.walk import WalkStep


def project_banner(console: Console, project: Note | None) -> None:
    if project is not None:
        console.print(Text(f"About your project: {project.title}", style="bold magenta"))


def walk_intro(console: Console, steps: Sequence[WalkStep], total: int) -> None:
    console.print(
        Text(
            f"Design walk: {counted(len(steps), 'step')} in {clock(total)}. Answer each step "
            "in a few lines; a curveball arrives midway.",
            style="dim",
        )
    )


def walk_step(console: Console, step: WalkStep, number: int, total: int) -> None:
    style = "bold red" if step.is_curveball else "bold"
    label = "Curveball! " if step.is_curveball else ""
    console.print()
    console.print(
        Text.assemble(
            (f"Step {number}/{total} · {step.title} · {clock(step.budget)}", "cyan"),
        )
    )
    console.print(Text(f"{label}{step.question}", style=style))


def walk_summary(console: Console, scores: Sequence[StepScore]) -> None:
    """Each step of the walk: words, time against budget, and the key points it touched."""
    from nora_cli.ui.layout import Column, records

    columns = (
        Column("Step"),
        Column("Words", keep=True, justify="right"),
        Column("Time", keep=True, justify="right"),
        Column("Budget", keep=True, justify="right"),
        Column("Key points hit"),
    )
    rows = [
        (
            Text(score.step.title, style="red" if not score.words else ""),
            str(score.words),
            Text(clock(score.step.seconds), style="yellow" if score.over_budget else ""),
            clock(score.step.budget),
            ", ".join(str(i + 1) for i in score.key_points) or "-",
        )
        for score in scores
    ]
    records(console, "Your walk, step by step", columns, rows)


FACTUAL_KINDS = frozenset({"concept", "design", "coding"})
QUOTED = 120  # characters of an answer's sentence quoted back at most
MORE_THAN_ONCE = (
    "Where an answer more than once comes close to a common mistake or seems to mix up two "
    "things the card contrasts, nora ticks none of the key points it covers."
)
DOUBTED = {
    "false claim": "Where an answer seems to say something false, nora ticks none of the key "
    "points it covers.",
    "sweeping words": "Interviewers probe sweeping and dismissive words, and false claims often "
    "hide behind them: where an answer leans on them, nora ticks none of the key points it "
    "covers.",
    "near mistakes": MORE_THAN_ONCE,
    "swapped roles": MORE_THAN_ONCE,
}
SWEEPING = (
    "Interviewers probe sweeping words: a sentence with one is ticked only when it says nearly "
    "all of a key point."
)


def _by_sentence(found: Sequence[tuple[int, str]]) -> list[tuple[str, str, str]]:
    """(the key points a sentence is about, named; the sentence; the sentence quoted), each
    sentence once."""
    by_sentence: dict[str, list[int]] = {}
    for index, sentence in found:
        by_sentence.setdefault(sentence, []).append(index + 1)
    named = []
    for sentence, numbers in by_sentence.items():
        quote = clipped(sentence)
        listed = " and ".join(f"#{n}" for n in numbers)
        points = f"key point {listed}" if len(numbers) == 1 else f"key points {listed}"
        named.append(("several key points" if len(numbers) > 2 else points, sentence, quote))
    return named


def clipped(sentence: str) -> str:
    """The sentence, or its first QUOTED characters cut at a space and marked."""
    if len(sentence) <= QUOTED:
        return sentence
    return sentence[: QUOTED - 2].rsplit(" ", 1)[0].rstrip(" ,;:") + "..."


def _against(contradictions: tuple[tuple[int, str], ...]) -> list[str]:
    """A line per sentence that says the opposite of key points, quoting it once."""
    return [
        f'Seems to say the opposite of {points}: "{quote}"'
        for points, _, quote in _by_sentence(contradictions)
    ]


def _sweeping(loose: tuple[tuple[int, str, str], ...]) -> list[str]:
    """A line per sentence whose sweeping word kept key points unticked, quoting it once."""
    words = {sentence: word for _, sentence, word in loose}
    return [
        f'Not ticked for {points}, said with "{words[sentence]}": "{quote}"'
        for points, sentence, quote in _by_sentence([(i, said) for i, said, _ in loose])
    ]


def _numbers(points: Sequence[int]) -> str:
    return ", ".join(f"#{i + 1}" for i in points)


def _doubted(feedback: Feedback) -> list[Text]:
    """Why no key point was ticked, and those the answer seemed to cover all the same."""
    lines = []
    if feedback.overclaims:
        words = ", ".join(f'"{word}"' for word in feedback.overclaims)
        lines.append(Text(f"Sweeping or dismissive words: {words}", "yellow"))
    for mistake in feedback.near_mistakes:
        lines.append(Text(f'Close to a common mistake: "{mistake}"', "yellow"))
    for sentence in feedback.swaps:
        lines.append(
            Text(f'Seems to mix up two things the card contrasts: "{clipped(sentence)}"', "yellow")
        )
    if feedback.withheld:
        points = _numbers(feedback.withheld)
        lines.append(
            Text(
                f"Not ticked, but your answer uses the words of {points}: tick one only if you "
                "stated it correctly",
                "yellow",
            )
        )
    if feedback.doubt in DOUBTED:
        lines.append(Text(DOUBTED[feedback.doubt], "dim"))
    return lines


def feedback_panel(console: Console, card: Card, feedback: Feedback) -> None:
    """Shown before the reveal: what the answer covered, its words, fillers, STAR, steps."""
    from rich.console import Group

    said: list[Text] = []
    head = Text(f"Key points covered: {len(feedback.covered)} of {len(card.key_points)}", "bold")
    unsaid = [i for i in feedback.missed if i not in feedback.withheld]
    gaps = [f"missed {_numbers(unsaid)}"] if unsaid else []
    gaps += [f"not ticked {_numbers(feedback.withheld)}"] if feedback.withheld else []
    if gaps:
        head.append(f"  ({'; '.join(gaps)}: see below)", "yellow")
    said.append(head)
    # A technical pitfall is a false claim; a story's or a negotiation's is a misstep.
    why = "this claim is false" if card.kind in FACTUAL_KINDS else "interviewers mark this down"
    for mistake in feedback.mistakes:
        said.append(Text(f'Possibly a common mistake ({why}): "{mistake}"', "red"))
    said += [Text(line, "red") for line in _against(feedback.contradictions)]
    said += _doubted(feedback)
    if feedback.sweeping:
        said += [Text(line, "yellow") for line in _sweeping(feedback.sweeping)]
        said.append(Text(SWEEPING, "dim"))
    if feedback.dimensions:
        said.append(Text(f"By dimension: {joined(dimension_items(feedback.dimensions))}"))
    if feedback.domain_terms:
        said.append(Text(f"Terms you used: {joined(feedback.domain_terms, ', ')}"))
    spoken = clock(feedback.speaking_seconds)
    said.append(Text(f"{counted(feedback.words, 'word')}, about {spoken} spoken aloud"))
    if feedback.fillers:
        fillers = ", ".join(f"'{w}' x{n}" for w, n in feedback.fillers.items())
        said.append(Text(f"Fillers: {fillers}", "yellow"))
    if feedback.star is not None:
        star = feedback.star
        parts = [
            ("Situation", star.situation), ("Task", star.task), ("Action", star.action),
            ("Result", star.result), ("a number in the result", star.measurable),
        ]  # fmt: skip
        # A held-back story's parts are what it seemed to tell, not ticks: say so.
        said.append(_checks("STAR, as told (not ticked): " if feedback.doubt else "STAR: ", parts))
    if feedback.design_steps is not None:
        said.append(_checks("Design steps: ", feedback.design_steps))
    room = console.width - 4  # inside the box's borders and padding
    lines = [wrap(line, room, hang=2) for line in said]
    body: list[RenderableType] = []
    if feedback.suggestions:
        lines.append(Text("Next time:", "bold"))
        body.append(bulleted(feedback.suggestions, indent=2))
    body.insert(0, Text("\n").join(lines))
    panel(console, Group(*body), "Feedback on your answer")


def _checks(label: str, found: Sequence[tuple[str, bool]]) -> Text:
    """'STAR: ✓ Situation  ✗ Task ...': each name kept whole with its mark."""
    line = Text(label)
    for name, done in found:
        line.append(whole(f"{'✓' if done else '✗'} {name}") + "  ", "green" if done else "red")
    line.rstrip()
    return line


def notebook_at_reveal(
    console: Console, card: Card, story: Note | None, project: Note | None
) -> None:
    if story is not None:
        told = ("situation", "task", "action", "result", "impact")
        _note_panel(console, story, told, f"Your story: {story.title}")
    if project is not None:
        asked = card.project_fields or tuple(f.key for f in project.kind.fields[1:])
        _note_panel(console, project, asked, f"Your notes: {project.title}", gaps=True)


def _note_panel(
    console: Console, note: Note, keys: Sequence[str], title: str, *, gaps: bool = False
) -> None:
    """The note's fields, each wrapped under its label; with `gaps`, a field not recorded yet
    says so, and one line at the end names the command that records it."""
    room = console.width - 4  # inside the box's borders and padding
    labels = {field.key: field.label for field in note.kind.fields}
    lines: list[Text] = []
    missing = False
    for key in keys:
        value = note.text(key) or ("(not recorded yet)" if gaps else "")
        missing = missing or not note.text(key)
        if value:
            line = Text.assemble((f"{labels.get(key, key)}: ", "bold"), value)
            lines.append(wrap(line, room, hang=2))
    if gaps and missing:
        edit = f"nora {note.kind.plural} edit {note.id}"
        lines.append(wrap(f"Record the missing ones with `{edit}`.", room, style="dim"))
    panel(console, Text("\n").join(lines), title)


def stage_header(console: Console, stage: str, cards: int, minutes: float) -> None:
    console.print()
    console.rule(Text(f"Stage: {stage}", style="bold magenta"))
    console.print(Text(f"{counted(cards, 'card')}, budget {clock(minutes * 60)}"))


def stage_summary(console: Console, result: StageResult) -> None:
    over = result.seconds > result.budget_seconds
    if not result.rated:
        console.print(Text(f"{result.stage} done: nothing rated.", style="bold"))
        return
    console.print(
        Text.assemble(
            (f"{result.stage} done: ", "bold"),
            f"{result.rated} rated, {result.coverage:.0%} of key points, ",
            f"mean rating {result.mean_rating:.1f}, ",
            (
                f"{clock(result.seconds)} of {clock(result.budget_seconds)}",
                "yellow" if over else "",
            ),
        )
    )


def stage_report(console: Console, stages: Sequence[StageResult]) -> None:
    """The mock interview stage by stage; a stage never reached shows "-", and a drill
    stopped before any answer shows no table at all."""
    from nora_cli.core.summary import weakest_stage
    from nora_cli.ui.layout import Column, records

    if not any(s.rated or s.seconds for s in stages):
        return
    columns = (
        Column("Stage"),
        Column("Cards", keep=True, justify="right"),
        Column("Key points", keep=True, justify="right"),
        Column("Rating", keep=True, justify="right"),
        Column("Time", keep=True, justify="right"),
        Column("Score", keep=True, justify="right"),
    )
    rows = [
        (
            s.stage,
            f"{s.rated}/{s.planned}",
            f"{s.coverage:.0%}" if s.rated else "-",
            f"{s.mean_rating:.1f}" if s.rated else "-",
            f"{clock(s.seconds) if s.seconds else '-'} / {clock(s.budget_seconds)}",
            f"{s.score:.0%}" if s.rated else "-",
        )
        for s in stages
    ]
    records(console, "Mock interview by stage", columns, rows)
    rated = [s for s in stages if s.rated]
    weakest = weakest_stage(stages)
    if weakest:
        console.print(Text(f"Weakest stage: {weakest.stage} ({weakest.score:.0%}).", "bold"))
    elif len(rated) > 1:
        percent = {s.stage: round(s.score * 100) for s in rated}  # as core.summary compares
        lowest = min(percent.values())
        tied = [stage for stage, value in percent.items() if value == lowest]
        why = (
            f"each scored {lowest}%"
            if len(tied) == len(rated)
            else f"{', '.join(tied[:-1])} and {tied[-1]} share the lowest score, {lowest}%"
        )
        say(console, f"No stage stands out as weakest: {why}.")
    stage_dimensions(console, stages)


def stage_dimensions(console: Console, stages: Sequence[StageResult]) -> None:
    """Key points ticked per judging dimension, stage by stage, and the weakest dimension."""
    from nora_cli.core.dimensions import DIMENSIONS, NAMES, weakest
    from nora_cli.ui.layout import Column, records

    shown = [name for name in DIMENSIONS if any(name in s.dimensions for s in stages)]
    if not shown:
        return
    overall: dict[str, tuple[int, int]] = {}
    rows = []
    for s in stages:
        cells = []
        for name in shown:
            done, total = s.dimensions.get(name, (0, 0))
            cells.append(f"{done}/{total}" if total else "-")
            before = overall.get(name, (0, 0))
            overall[name] = (before[0] + done, before[1] + total)
        rows.append((s.stage, *cells))
    columns = (Column("Stage"), *(Column(NAMES[name], justify="right") for name in shown))
    records(console, "Mock interview by dimension", columns, rows)
    worst = weakest(overall)
    if worst:
        done, total = overall[worst]
        console.print(
            Text(f"Weakest dimension: {NAMES[worst]} ({done}/{total} key points).", "bold")
        )
    elif sum(1 for done, total in overall.values() if total) > 1:
        say(console, "No dimension stands out as weakest.")
