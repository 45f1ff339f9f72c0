"""The practice plan's file, `plan.yaml`: read and checked like a deck, every problem with its
line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from nora_cli.core.errors import DeckError
from nora_cli.core.models import Library
from nora_cli.core.plan import PlanSession
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
    known = {"number", "title", "mode", "decks", "categories", "count", "goal"}
    check.unknown_keys(item, known, "a plan session", None)
    number = check.integer(item, "number", 1, 99, None, required=True)
    mode_name = check.text(item, "mode", None)
    decks = check.text_list(item, "decks", None)
    categories = check.text_list(item, "categories", None)
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
    title = check.text(item, "title", None)
    goal = check.text(item, "goal", None)
    if len(check.report.problems) > before or mode is None or number is None or count is None:
        return None
    return PlanSession(number, title, mode.id, count, goal, decks, categories)
