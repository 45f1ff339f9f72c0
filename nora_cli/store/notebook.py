"""The user's own notes: STAR stories and projects, kept as an append-only log of edits.

Each line of `stories.jsonl` / `projects.jsonl` is one operation: `put` (the whole note as it
now stands) or `remove`. Reading folds the operations in order, so an edit or removal never
rewrites earlier lines, and the files get the same safety as the history (jsonlog).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from nora_cli.core.errors import StoreError
from nora_cli.core.textsafe import visible
from nora_cli.store import jsonlog, paths

SCHEMA_VERSION = 1


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

    @property
    def file(self) -> Path:
        return paths.data_dir() / f"{self.plural}.jsonl"


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


@dataclass(frozen=True)
class NotesRead:
    notes: dict[str, Note]
    warnings: list[str]


def slug(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words)[:40].strip("-") or "note"


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


def read(kind: Kind) -> NotesRead:
    """Fold the edit log: each `put` replaces the note, each `remove` drops it."""

    def operation(record: dict[str, Any]) -> tuple[str, Note | None]:
        note_id = str(record["id"])
        if record["op"] == "remove":
            return note_id, None
        if record["op"] != "put" or not isinstance(record["values"], dict):
            raise ValueError(f"unknown operation {record['op']!r}")
        at = datetime.fromisoformat(str(record["at"]).replace("Z", "+00:00"))
        return note_id, Note(visible(note_id), kind, _visible(record["values"]), at)

    log = jsonlog.read(
        kind.file, schema=SCHEMA_VERSION, migrations={}, error=StoreError, convert=operation
    )
    notes: dict[str, Note] = {}
    for _, (note_id, note) in log.records:
        if note is None:
            notes.pop(note_id, None)
        else:
            notes[note_id] = note
    return NotesRead(notes, log.warnings)


def _visible(values: dict[str, Any]) -> dict[str, Any]:
    return {
        key: [visible(str(v)) for v in value] if isinstance(value, list) else visible(str(value))
        for key, value in values.items()
    }


def put(kind: Kind, note_id: str, values: dict[str, Any]) -> Note:
    now = datetime.now(UTC)
    record = {
        "schema": SCHEMA_VERSION,
        "op": "put",
        "id": note_id,
        "at": now.isoformat(timespec="seconds").replace("+00:00", "Z"),
        "values": values,
    }
    jsonlog.append(record, kind.file, error=StoreError)
    return Note(note_id, kind, _visible(values), now)


def remove(kind: Kind, note_id: str) -> None:
    record = {
        "schema": SCHEMA_VERSION,
        "op": "remove",
        "id": note_id,
        "at": datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
    }
    jsonlog.append(record, kind.file, error=StoreError)


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


def to_yaml(note_or_kind: Note | Kind) -> str:
    """An editable YAML rendering with each field's help as a comment."""
    kind = note_or_kind.kind if isinstance(note_or_kind, Note) else note_or_kind
    values = note_or_kind.values if isinstance(note_or_kind, Note) else {}
    lines = [
        f"# Edit this {kind.noun}, save and close the editor. Lines starting with # are ignored."
    ]
    for spec in kind.fields:
        lines.append(f"# {spec.label}: {spec.help}")
        if spec.multi:
            options = kind.choices.get(spec.key)
            if options:
                lines.append(f"# Choose from: {', '.join(options)}")
            items = values.get(spec.key) or []
            lines.append(f"{spec.key}: [{', '.join(items)}]")
        else:
            text = str(values.get(spec.key, ""))
            lines.append(f"{spec.key}: |-")
            lines.extend(f"  {line}" for line in (text.splitlines() or [""]))
    return "\n".join(lines) + "\n"


def from_yaml(kind: Kind, text: str, source: str) -> dict[str, Any]:
    from nora_cli.decks.yamlfile import YamlProblem, parse_text

    try:
        raw = parse_text(text)
    except YamlProblem as problem:
        raise StoreError(f"{source}:{problem.line}: {problem.message}") from problem
    if not isinstance(raw, dict):
        raise StoreError(f"{source}: expected fields like 'title: ...', one per line")
    values, problems = clean(kind, dict(raw))
    if problems:
        raise StoreError(f"{source}: {len(problems)} problems", details=problems)
    return values
