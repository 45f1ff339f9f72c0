"""The notebook on disk: `stories.jsonl` and `projects.jsonl`, append-only logs of edits.

Each line is one operation: `put` (the whole note as it now stands) or `remove`. Reading folds
the operations in order, so an edit or removal never rewrites earlier lines, and the files get
the same safety as the history (jsonlog).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from nora_cli.core.errors import StoreError
from nora_cli.core.notebook import Kind, Note
from nora_cli.core.textsafe import visible
from nora_cli.store import jsonlog, paths

SCHEMA_VERSION = 1


def log_path(kind: Kind) -> Path:
    return paths.data_dir() / f"{kind.plural}.jsonl"


@dataclass(frozen=True)
class NotebookRead:
    notes: dict[str, Note]
    warnings: list[str]


def read(kind: Kind) -> NotebookRead:
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
        log_path(kind), schema=SCHEMA_VERSION, migrations={}, error=StoreError, convert=operation
    )
    notes: dict[str, Note] = {}
    for _, (note_id, note) in log.records:
        if note is None:
            notes.pop(note_id, None)
        else:
            notes[note_id] = note
    return NotebookRead(notes, log.all_warnings)


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
    jsonlog.append(record, log_path(kind), error=StoreError)
    return Note(note_id, kind, _visible(values), now)


def remove(kind: Kind, note_id: str) -> None:
    record = {
        "schema": SCHEMA_VERSION,
        "op": "remove",
        "id": note_id,
        "at": datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
    }
    jsonlog.append(record, log_path(kind), error=StoreError)
