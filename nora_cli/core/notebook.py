"""The user's notebook: STAR stories and projects, the fields each has, and the rules for
clean values. Pure; `store.notebook` keeps them on disk."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from nora_cli.core.errors import StoreError


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    help: str
    required: bool = False
    multi: bool = False


@dataclass(frozen=True)
class Kind:
    noun: str
    plural: str
    fields: tuple[Field, ...]
    choices: dict[str, dict[str, str]] = field(default_factory=dict)  # field -> key -> label


THEMES = {
    "shipping-a-model": "Shipping a model",
    "failed-experiment": "A failed experiment",
    "bad-data": "Bad data",
    "degradation-after-launch": "Degradation after launch",
    "incident": "A production incident",
    "disagreement": "A technical disagreement",
    "simpler-model": "Choosing a simpler model",
    "latency-or-cost": "Cutting latency or cost",
    "changing-requirements": "Changing requirements",
    "cross-functional": "Cross-functional work",
}

STORY = Kind(
    noun="story",
    plural="stories",
    fields=(
        Field("title", "Title", "A short name you will recognise in a list.", required=True),
        Field("situation", "Situation", "Context in two sentences: team, product, stakes."),
        Field("task", "Task", "What you were responsible for."),
        Field("action", "Action", "What you did yourself, step by step."),
        Field("result", "Result", "What happened in the end."),
        Field("impact", "Measurable impact", "A number: %, money, time, latency, incidents."),
        Field("themes", "Themes", "Which story themes it answers.", multi=True),
    ),
    choices={"themes": THEMES},
)

PROJECT = Kind(
    noun="project",
    plural="projects",
    fields=(
        Field("name", "Name", "What you call the project.", required=True),
        Field("objective", "Objective", "The product or business goal and who used it."),
        Field("data", "Data and labels", "Where the data came from and how labels were made."),
        Field("baseline", "Baseline", "What you compared against first."),
        Field("model", "Model and why", "The model you chose and the reasons."),
        Field("evaluation", "Evaluation", "Offline metrics and online tests."),
        Field("deployment", "Deployment", "How it reached production."),
        Field("monitoring", "Monitoring", "What you watched after launch."),
        Field("failure", "A failure", "Something that did not work and what you learned."),
        Field("impact", "Measurable impact", "The result in numbers."),
        Field("ownership", "What you owned", "The parts you personally did."),
    ),
)


@dataclass(frozen=True)
class Note:
    id: str
    kind: Kind
    values: dict[str, Any]
    updated: datetime

    @property
    def title(self) -> str:
        return str(self.values.get(self.kind.fields[0].key, self.id))

    def text(self, key: str) -> str:
        value = self.values.get(key, "")
        return ", ".join(value) if isinstance(value, list) else str(value or "")


SLUG_LENGTH = 40


def slug(text: str) -> str:
    """A new note's id from its title: its words joined by hyphens, as many whole words as
    fit in SLUG_LENGTH characters (a first word longer than that is cut). Only new notes get
    one: a saved note keeps the id it was given."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    kept = ""
    for word in words:
        longer = f"{kept}-{word}" if kept else word
        if len(longer) > SLUG_LENGTH:
            break
        kept = longer
    return kept or (words[0][:SLUG_LENGTH] if words else "note")


def new_id(title: str, existing: set[str]) -> str:
    base = slug(title)
    candidate, n = base, 2
    while candidate in existing:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def clean(kind: Kind, raw: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Normalise user input into stored values; the list holds every problem found."""
    problems: list[str] = []
    known = {f.key for f in kind.fields}
    for key in raw:
        if key not in known:
            problems.append(f"unknown field '{key}' (fields: {', '.join(sorted(known))})")
    values: dict[str, Any] = {}
    for spec in kind.fields:
        value = raw.get(spec.key)
        if spec.multi:
            items = value if isinstance(value, list) else re.split(r"[,\n]", str(value or ""))
            chosen = [_choice(kind, spec.key, str(i), problems) for i in items if str(i).strip()]
            values[spec.key] = [c for c in chosen if c]
            continue
        if value is not None and not isinstance(value, str | int | float):
            problems.append(f"'{spec.key}' must be text")
            continue
        text = str(value or "").strip()
        if spec.required and not text:
            problems.append(f"'{spec.key}' is required")
        values[spec.key] = text
    return values, problems


def _choice(kind: Kind, key: str, value: str, problems: list[str]) -> str | None:
    options = kind.choices.get(key)
    if not options:
        return value.strip()
    wanted = value.strip().lower()
    for option, label in options.items():
        if wanted in (option, label.lower()):
            return option
    problems.append(f"'{value.strip()}' is not a {key[:-1]}; choose from: {', '.join(options)}")
    return None


def find(kind: Kind, notes: dict[str, Note], wanted: str) -> Note:
    """A note by id, or by a unique case-insensitive start of its id or title."""
    if wanted in notes:
        return notes[wanted]
    key = wanted.strip().lower()
    hits = [n for n in notes.values() if n.id.startswith(key) or n.title.lower().startswith(key)]
    if len(hits) == 1:
        return hits[0]
    known = ", ".join(sorted(notes)) or f"none yet; add one with `nora {kind.plural} add`"
    what = "matches several" if hits else "matches no"
    raise StoreError(f"'{wanted}' {what} {kind.noun}. Ids: {known}")
