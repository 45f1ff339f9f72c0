"""Drawing the coach: feedback, the design walk, stories and projects, mock-interview stages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from nora_cli.ui.render import clock

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
    from rich.table import Table

    table = Table(title="Your walk, step by step", title_justify="left")
    for column in ("Step", "Words", "Time", "Budget", "Key points hit"):
        table.add_column(column)
    for score in scores:
        part = score.step
        table.add_row(
            Text(part.title, style="red" if not score.words else ""),
            str(score.words),
            Text(clock(part.seconds), style="yellow" if score.over_budget else ""),
            clock(part.budget),
            ", ".join(str(i + 1) for i in score.key_points) or "-",
        )
    console.print(table)


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
    from rich.table import Table

    table = Table(title="Mock interview by stage", title_justify="left")
    for column in ("Stage", "Cards", "Key points", "Rating", "Time", "Score"):
        table.add_column(column)
    for s in stages:
        table.add_row(
            s.stage,
            f"{s.rated}/{s.planned}",
            f"{s.coverage:.0%}",
            f"{s.mean_rating:.1f}" if s.rated else "-",
            f"{clock(s.seconds)} / {clock(s.budget_seconds)}",
            f"{s.score:.0%}" if s.rated else "-",
        )
    console.print(table)
    rated = [s for s in stages if s.rated]
    if rated:
        weakest = min(rated, key=lambda s: (s.score, s.stage))
        console.print(Text(f"Weakest stage: {weakest.stage} ({weakest.score:.0%}).", "bold"))
