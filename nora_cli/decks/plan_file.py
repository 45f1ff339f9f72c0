"""The practice plan's file, `plan.yaml`: read and checked like a deck, every problem with its
line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from nora_cli.core.errors import DeckError
from nora_cli.core.models import KINDS, Library, Mode
from nora_cli.core.plan import PlanSession
from nora_cli.core.selection import mode_pool
from nora_cli.core.wording import counted
from nora_cli.decks.check import Checker, Report
from nora_cli.decks.yamlfile import LineDict, YamlProblem, load_yaml


def plan_path(root: Path) -> Path:
    return root / "plan.yaml"


def load_plan(path: Path, library: Library) -> list[PlanSession]:
    report = Report()
    sessions = read_plan(path, library, report)
    if report.problems:
        raise DeckError(
            f"{counted(len(report.problems), 'problem')} in the plan", details=report.problems
        )
    return sessions


def read_plan(path: Path, library: Library, report: Report) -> list[PlanSession]:
    check = Checker(str(path), report)
    try:
        doc = load_yaml(path)
    except YamlProblem as problem:
        check.problem(problem.line, problem.message)
        return []
    raw = doc.get("sessions") if isinstance(doc, LineDict) else None
    if not isinstance(raw, list) or not raw:
        check.problem(1, "the plan needs a non-empty list 'sessions'")
        return []
    sessions = [s for s in (_session(check, item, library) for item in raw) if s]
    numbers = [s.number for s in sessions]
    if numbers != list(range(1, len(raw) + 1)):
        check.problem(1, f"sessions must be numbered 1 to {len(raw)} in order, got {numbers}")
    return sessions


def _session(check: Checker, item: Any, library: Library) -> PlanSession | None:
    if not isinstance(item, LineDict):
        check.problem(0, "each session must be a mapping")
        return None
    before = len(check.report.problems)
    known = {"number", "title", "mode", "decks", "categories", "kinds", "tags", "count", "goal"}
    check.unknown_keys(item, known, "a plan session", None)
    number = check.integer(item, "number", 1, 99, None, required=True)
    mode_name = check.text(item, "mode", None)
    decks = check.text_list(item, "decks", None)
    categories = check.text_list(item, "categories", None)
    kinds = check.text_list(item, "kinds", None)
    tags = check.text_list(item, "tags", None)
    mode = next((m for m in library.modes.values() if mode_name in (m.id, *m.aliases)), None)
    staged = mode is not None and bool(mode.stages)
    count = check.integer(item, "count", 1, 100, None, required=not staged)
    if staged and mode is not None:
        # A mode with stages runs all of them: the session's size is theirs, not the plan's.
        cards = sum(stage.cards for stage in mode.stages)
        if "count" in item:
            check.problem(
                item.line_of("count"),
                f"mode '{mode.id}' runs its stages, {cards} cards in all: remove 'count'",
            )
        count = cards
    if mode_name and mode is None:
        check.problem(item.line_of("mode"), f"mode '{mode_name}' does not exist")
    elif mode is not None:
        for deck in decks:
            if deck not in mode.decks:
                check.problem(item.line_of("decks"), f"deck '{deck}' is not in mode '{mode.id}'")
        names = {c.category for c in library.cards if mode.includes(c)}
        for category in categories:
            if category not in names:
                check.problem(
                    item.line_of("categories"), f"category '{category}' has no cards in {mode.id}"
                )
        _check_kinds_and_tags(check, item, library, mode, kinds, tags)
        if len(check.report.problems) == before and not staged and count is not None:
            pool = mode_pool(library, mode, categories=categories, decks=decks, kinds=kinds,
                             tags=tags)  # fmt: skip
            if len(pool) < count:
                check.problem(
                    item.line_of("count"),
                    f"the session's filters match {counted(len(pool), 'card')} in {mode.id}, "
                    f"fewer than its count of {count}",
                )
    title = check.text(item, "title", None)
    goal = check.text(item, "goal", None)
    if len(check.report.problems) > before or mode is None or number is None or count is None:
        return None
    return PlanSession(
        number, title, mode.id, count, goal, decks, categories, kinds, tags, staged=staged
    )


def _check_kinds_and_tags(
    check: Checker,
    item: LineDict,
    library: Library,
    mode: Mode,
    kinds: tuple[str, ...],
    tags: tuple[str, ...],
) -> None:
    """Each kind is a card kind some card of the mode has; each tag is on some card of it."""
    cards = [c for c in library.cards if mode.includes(c)]
    for kind in kinds:
        if kind.lower() not in KINDS:
            check.problem(
                item.line_of("kinds"), f"kind '{kind}' is not a card kind: {', '.join(KINDS)}"
            )
        elif not any(c.kind == kind.lower() for c in cards):
            check.problem(item.line_of("kinds"), f"no card of kind '{kind}' is in {mode.id}")
    carried = {tag.lower() for c in cards for tag in c.tags}
    for tag in tags:
        if tag.lower() not in carried:
            check.problem(item.line_of("tags"), f"no card tagged '{tag}' is in {mode.id}")
