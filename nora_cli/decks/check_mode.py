"""Validate a parsed mode document into a Mode, collecting every problem."""

from __future__ import annotations

from typing import Any

from nora_cli.core.models import TIME_LIMIT_MAX, TIME_LIMIT_MIN, Mode, Stage
from nora_cli.decks.check import MODE_OPTIONAL, MODE_REQUIRED, STAGE_KEYS, Checker, Report
from nora_cli.decks.yamlfile import LineDict


def check_mode(doc: Any, source: str, report: Report) -> Mode | None:
    check = Checker(source, report)
    if not isinstance(doc, LineDict):
        check.problem(1, "a mode file must be a mapping with id, name, description and decks")
        return None
    before = len(report.problems)
    check.unknown_keys(doc, set(MODE_REQUIRED + MODE_OPTIONAL), "the mode", None)
    mode_id = check.text(doc, "id", None).lower()
    name = check.text(doc, "name", None)
    description = check.text(doc, "description", None)
    decks = check.text_list(doc, "decks", None)
    if "decks" not in doc or not decks:
        check.problem(doc.line_of("decks"), "field 'decks' must list at least one deck id")
    count = check.integer(doc, "default_count", 1, 200, None, required=False)
    time_limit = check.integer(
        doc, "default_time_limit", TIME_LIMIT_MIN, TIME_LIMIT_MAX, None, required=False
    )
    if len(report.problems) > before or not mode_id:
        return None
    return Mode(
        id=mode_id,
        name=name,
        description=description,
        decks=decks,
        categories=check.text_list(doc, "categories", None),
        aliases=tuple(a.lower() for a in check.text_list(doc, "aliases", None)),
        default_count=count or 10,
        default_time_limit=time_limit or 180,
        tips=check.text_list(doc, "tips", None),
        ordered=check.flag(doc, "ordered"),
        stages=_stages(check, doc, decks),
        source=source,
    )


def _stages(check: Checker, doc: LineDict, decks: tuple[str, ...]) -> tuple[Stage, ...]:
    raw = doc.get("stages")
    if raw is None:
        return ()
    if not isinstance(raw, list):
        check.problem(doc.line_of("stages"), "field 'stages' must be a list of stages")
        return ()
    stages = []
    for item in raw:
        if not isinstance(item, LineDict):
            check.problem(doc.line_of("stages"), "each stage must be a mapping")
            continue
        check.unknown_keys(item, STAGE_KEYS, "a stage", None)
        name = check.text(item, "name", None)
        cards = check.integer(item, "cards", 1, 50, None, required=True)
        minutes = item.get("minutes")
        if isinstance(minutes, bool) or not isinstance(minutes, int | float) or minutes <= 0:
            check.problem(item.line_of("minutes"), "a stage needs 'minutes', a positive number")
            continue
        stage_decks = check.text_list(item, "decks", None)
        for deck in stage_decks:
            if deck not in decks:
                check.problem(item.line_of("decks"), f"stage deck '{deck}' is not in the mode")
        if name and cards:
            stages.append(
                Stage(
                    name,
                    cards,
                    float(minutes),
                    stage_decks,
                    check.text_list(item, "categories", None),
                )
            )
    return tuple(stages)
