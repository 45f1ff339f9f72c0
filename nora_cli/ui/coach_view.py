"""Drawing the coach: feedback, the design walk, stories and projects, mock-interview stages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from nora_cli.ui.render import clock, dimension_text

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
            f"Design walk: {len(steps)} steps in {clock(total)}. Answer each step in a few "
            "lines; a curveball arrives midway.",
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


def feedback_panel(console: Console, card: Card, feedback: Feedback) -> None:
    """Shown before the reveal: what the answer covered, its words, fillers, STAR, steps."""
    from rich.panel import Panel

    lines = Text()
    points = card.key_points
    lines.append(f"Key points covered: {len(feedback.covered)} of {len(points)}", "bold")
    if feedback.missed:
        missed = ", ".join(str(i + 1) for i in feedback.missed)
        lines.append(f"  (missed: {missed}, listed below)", "yellow")
    lines.append("\n")
    if feedback.dimensions:
        lines.append(f"By dimension: {dimension_text(feedback.dimensions)}\n")
    if feedback.domain_terms:
        lines.append(f"Terms you used: {', '.join(feedback.domain_terms)}\n")
    lines.append(f"{feedback.words} words, about {clock(feedback.speaking_seconds)} spoken aloud\n")
    if feedback.fillers:
        counted = ", ".join(f"'{w}' x{n}" for w, n in feedback.fillers.items())
        lines.append(f"Fillers: {counted}\n", "yellow")
    if feedback.star is not None:
        star = feedback.star
        parts = [
            ("Situation", star.situation), ("Task", star.task), ("Action", star.action),
            ("Result", star.result), ("a number in the result", star.measurable),
        ]  # fmt: skip
        lines.append("STAR: ")
        for name, found in parts:
            lines.append(f"{'✓' if found else '✗'} {name}  ", "green" if found else "red")
        lines.append("\n")
    if feedback.design_steps is not None:
        lines.append("Design steps: ")
        for name, found in feedback.design_steps:
            lines.append(f"{'✓' if found else '✗'} {name}  ", "green" if found else "red")
        lines.append("\n")
    if feedback.suggestions:
        lines.append("Next time:\n", "bold")
        for suggestion in feedback.suggestions:
            lines.append(f"  - {suggestion}\n")
    console.print(Panel(lines, title="Feedback on your answer", title_align="left"))


def notebook_at_reveal(
    console: Console, card: Card, story: Note | None, project: Note | None
) -> None:
    from rich.panel import Panel

    if story is not None:
        body = Text()
        for key in ("situation", "task", "action", "result", "impact"):
            value = story.text(key)
            if value:
                body.append(f"{key.capitalize()}: ", "bold")
                body.append(value + "\n")
        console.print(Panel(body, title=f"Your story: {story.title}", title_align="left"))
    if project is not None:
        fields = card.project_fields or tuple(f.key for f in project.kind.fields[1:])
        body = Text()
        for key in fields:
            spec = next((f for f in project.kind.fields if f.key == key), None)
            value = project.text(key)
            body.append(f"{spec.label if spec else key}: ", "bold")
            body.append(
                (value or "(not recorded yet: nora projects edit " + project.id + ")") + "\n"
            )
        console.print(Panel(body, title=f"Your notes: {project.title}", title_align="left"))


def stage_header(console: Console, stage: str, cards: int, minutes: float) -> None:
    console.print()
    console.rule(Text(f"Stage: {stage}", style="bold magenta"))
    console.print(Text(f"{cards} card{'s' * (cards != 1)}, budget {clock(minutes * 60)}"))


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
    if rated:
        weakest = min(rated, key=lambda s: (s.score, s.stage))
        console.print(Text(f"Weakest stage: {weakest.stage} ({weakest.score:.0%}).", "bold"))
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
