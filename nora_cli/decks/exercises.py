"""Load the coding exercises, `questions/exercises/*.yaml`, checked like decks: every problem
with its file and line, all collected before raising.

Code blocks are compiled here (compiling runs nothing); they are only ever run by the sandbox.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

from nora_cli.core.errors import DeckError, UsageError
from nora_cli.core.exercise import GROWTHS, Example, Exercise, FollowUp
from nora_cli.core.models import ID_PATTERN, TIME_LIMIT_MAX, TIME_LIMIT_MIN
from nora_cli.core.wording import counted
from nora_cli.decks.check import Checker, Report, id_problem
from nora_cli.decks.loader import shipped_root
from nora_cli.decks.yamlfile import LineDict, YamlProblem, load_yaml

SLUG = re.compile(ID_PATTERN)
TEXTS = ("id", "title", "statement", "topic", "entry", "explanation")
CODE = ("starter", "reference", "harness")
KNOWN = {
    *TEXTS, *CODE, "difficulty", "time_limit", "examples", "hints", "follow_ups", "growth",
    "scale_n", "big", "tags", "card", "requires",
}  # fmt: skip
HARNESS_NEEDS = ("hidden", "scale")


def exercise_files(root: Path | None = None) -> list[Path]:
    return sorted(((root or shipped_root()) / "exercises").glob("*.yaml"))


def load_exercises(root: Path | None = None) -> dict[str, Exercise]:
    """Every shipped exercise by id; a DeckError lists every problem found."""
    report = Report()
    found: dict[str, Exercise] = {}
    for path in exercise_files(root):
        exercise = read_exercise(path, report)
        if exercise is None:
            continue
        if exercise.id in found:
            problem = f"exercise id '{exercise.id}' repeats"
            Checker(str(path), report).problem(exercise.line, problem)
        found[exercise.id] = exercise
    if report.problems:
        raise DeckError(
            f"{counted(len(report.problems), 'problem')} in the exercises", details=report.problems
        )
    return dict(sorted(found.items()))


def find(exercises: dict[str, Exercise], wanted: str) -> Exercise:
    if wanted in exercises:
        return exercises[wanted]
    close = [i for i in exercises if wanted.lower() in i]
    hint = f" Did you mean {', '.join(close[:3])}?" if close else " `nora code` lists them."
    raise UsageError(f"there is no exercise '{wanted}'.{hint}")


def read_exercise(path: Path, report: Report) -> Exercise | None:
    check = Checker(str(path), report)
    try:
        doc = load_yaml(path)
    except YamlProblem as problem:
        check.problem(problem.line, problem.message)
        return None
    if not isinstance(doc, LineDict):
        check.problem(1, "an exercise file is a mapping of fields")
        return None
    before = len(report.problems)
    ident = check.text(doc, "id", None)
    if ident and not SLUG.match(ident):
        check.problem(doc.line_of("id"), f"id '{ident}' {id_problem(ident)}")
    check.unknown_keys(doc, KNOWN, "an exercise", ident)
    texts = {key: check.text(doc, key, ident) for key in TEXTS}
    code = {key: _code(check, doc, key, ident) for key in CODE}
    growth = check.text(doc, "growth", ident)
    if growth and growth not in GROWTHS:
        check.problem(doc.line_of("growth"), f"growth must be one of {', '.join(GROWTHS)}", ident)
    difficulty = check.integer(doc, "difficulty", 1, 3, ident, required=True)
    limit = check.integer(doc, "time_limit", TIME_LIMIT_MIN, TIME_LIMIT_MAX, ident, required=True)
    scale_n = check.integer(doc, "scale_n", 1, 10_000_000, ident, required=True)
    big = check.integer(doc, "big", 1, 10_000_000, ident, required=True)
    examples = _examples(check, doc, ident)
    follow_ups = _follow_ups(check, doc, ident)
    hints = check.text_list(doc, "hints", ident)
    if not hints:
        check.problem(doc.line, "an exercise needs at least one hint", ident)
    if len(report.problems) > before:
        return None
    return Exercise(
        id=ident,
        title=texts["title"],
        statement=texts["statement"],
        difficulty=difficulty or 1,
        time_limit=limit or 1800,
        topic=texts["topic"],
        entry=texts["entry"],
        starter=code["starter"],
        reference=code["reference"],
        explanation=texts["explanation"],
        harness=code["harness"],
        examples=examples,
        hints=hints,
        follow_ups=follow_ups,
        growth=growth,
        scale_n=scale_n or 1,
        big=big or 1,
        tags=check.text_list(doc, "tags", ident),
        card=check.text(doc, "card", ident, required=False),
        requires=check.text_list(doc, "requires", ident),
        source=str(path),
        line=doc.line,
    )


def _code(check: Checker, doc: LineDict, key: str, ident: str) -> str:
    source = doc.get(key)
    line = doc.line_of(key)
    if not isinstance(source, str) or not source.strip():
        check.problem(line, f"missing field '{key}' (Python code)", ident)
        return ""
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        check.problem(line + (exc.lineno or 0), f"{key} does not compile: {exc.msg}", ident)
        return ""
    if key == "harness":
        defined = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
        for name in HARNESS_NEEDS:
            if name not in defined:
                check.problem(line, f"the harness must define {name}()", ident)
    if key in {"starter", "reference"}:
        entry = doc.get("entry")
        defined = {n.name for n in tree.body if isinstance(n, ast.FunctionDef | ast.ClassDef)}
        if isinstance(entry, str) and entry not in defined:
            check.problem(line, f"the {key} must define {entry}", ident)
    return source


def _examples(check: Checker, doc: LineDict, ident: str) -> tuple[Example, ...]:
    raw = doc.get("examples")
    if not isinstance(raw, list) or not raw:
        check.problem(doc.line_of("examples"), "examples must be a non-empty list", ident)
        return ()
    examples = []
    for item in raw:
        if not isinstance(item, LineDict) or not isinstance(item.get("args"), list):
            where = item.line if isinstance(item, LineDict) else doc.line_of("examples")
            check.problem(where, "each example needs 'args' (a list) and 'expected'", ident)
            continue
        examples.append(Example(tuple(_plain(a) for a in item["args"]), _plain(item["expected"])))
    return tuple(examples)


def _follow_ups(check: Checker, doc: LineDict, ident: str) -> tuple[FollowUp, ...]:
    raw = doc.get("follow_ups") or []
    found = []
    for item in raw if isinstance(raw, list) else [raw]:
        if not isinstance(item, LineDict) or not isinstance(item.get("question"), str):
            check.problem(doc.line_of("follow_ups"), "each follow-up needs a 'question'", ident)
            continue
        found.append(FollowUp(item["question"].strip(), check.text_list(item, "key_points", ident)))
    return tuple(found)


def _plain(value: Any) -> Any:
    """YAML values as plain JSON-ready data (a LineDict becomes a dict)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
