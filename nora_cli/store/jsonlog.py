"""Append-only JSON-lines files: the one durable-write path for everything nora records.

Appends hold a file lock, repair a missing final newline (so a torn last line stays on its
own line), write, flush and fsync. Reads skip damaged lines with a warning naming the line,
refuse records from a newer schema, and never rewrite the file.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from nora_cli.core.errors import HistoryError, NoraError

LOCK_TIMEOUT_SECONDS = 10.0
Migrations = dict[int, Callable[[dict[str, Any]], dict[str, Any]]]


T = TypeVar("T")


def _as_is(record: dict[str, Any]) -> Any:
    return record


@dataclass(frozen=True)
class LogRead(Generic[T]):
    """Records as (line number, converted record), warnings for damaged lines in line order,
    where whole lines ended, the warning for an unfinished last line (not consumed, so it is
    kept apart: a caller that adds up warnings over reads must not count it twice), and how
    many records were upgraded from an older schema on the way."""

    records: list[tuple[int, T]]
    warnings: list[str]
    end_offset: int
    end_line: int
    unfinished: str = ""
    older: int = 0


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


@contextmanager
def locked(
    path: Path, *, required: bool = True, error: type[NoraError] = HistoryError
) -> Iterator[None]:
    """Hold the file's lock. Readers pass required=False so a read-only folder still reads."""
    from filelock import FileLock, Timeout

    try:
        lock = FileLock(str(lock_path(path)), timeout=LOCK_TIMEOUT_SECONDS)
        lock.acquire()
    except Timeout as exc:
        raise error(
            f"another nora has held {lock_path(path)} for over {LOCK_TIMEOUT_SECONDS:.0f} s; "
            "close it, or delete the lock file if no nora is running"
        ) from exc
    except OSError as exc:
        if required:
            raise error(f"cannot lock {path}: {exc.strerror or exc}") from exc
        yield
        return
    try:
        yield
    finally:
        lock.release()


def append(
    record: dict[str, Any],
    path: Path,
    *,
    after: Callable[[int], None] | None = None,
    error: type[NoraError] = HistoryError,
) -> None:
    """Append one record durably. `after(size)` runs while the lock is still held."""
    data = (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with locked(path, error=error):
            new_file = not path.exists()
            with open(path, "ab") as handle:
                if handle.tell() > 0 and _last_byte(path) != b"\n":
                    handle.write(b"\n")
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
                size = handle.tell()
            if new_file:
                _fsync_dir(path.parent)
            if after is not None:
                after(size)
    except NoraError:
        raise
    except OSError as exc:
        raise error(
            f"could not save to {path}: {exc.strerror or exc}. Nothing more will be saved "
            "until this is fixed; free some space or fix the folder's permissions."
        ) from exc


def _last_byte(path: Path) -> bytes:
    with open(path, "rb") as handle:
        handle.seek(-1, os.SEEK_END)
        return handle.read(1)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def read(
    path: Path,
    *,
    schema: int,
    migrations: Migrations,
    offset: int = 0,
    first_line: int = 1,
    lock: bool = True,
    error: type[NoraError] = HistoryError,
    upgrade_hint: str = "pip install -U nora-cli",
    convert: Callable[[dict[str, Any]], T] = _as_is,
) -> LogRead[T]:
    """Every whole record from byte `offset` on, upgraded and passed through `convert`; a
    record `convert` rejects (KeyError, TypeError, ValueError) is skipped with a warning like
    any damaged line. A last line without its newline is reported apart (`unfinished`) and
    not consumed: `end_offset` stops before it, so the next read sees it again."""
    if not path.exists():
        return LogRead([], [], 0, first_line - 1)
    try:
        guard = locked(path, required=False, error=error) if lock else nullcontext()
        with guard, open(path, "rb") as handle:
            handle.seek(offset)
            raw = handle.read()
    except OSError as exc:
        raise error(f"cannot read {path}: {exc.strerror or exc}") from exc
    records: list[tuple[int, T]] = []
    warnings: list[str] = []
    unfinished = ""
    older = 0
    lines = raw.split(b"\n")
    for index, chunk in enumerate(lines):
        number = first_line + index
        if not chunk.strip():
            continue
        if index == len(lines) - 1:
            # No newline yet: a write still under way or cut short. Never consumed, so a
            # record that looks whole here is read once, when its line is finished.
            unfinished = (
                f"{path}:{number}: skipped an unfinished last line (a crash mid-write?); "
                "the line is kept as it is"
            )
            break
        record, problem = _parse(chunk, schema)
        if problem == "newer" and record is not None:
            raise error(
                f"{path}:{number}: this record was written by a newer nora (schema "
                f"{record['schema']}; this nora reads up to {schema}). Upgrade: {upgrade_hint}"
            )
        if record is not None and not problem:
            try:
                older += record["schema"] < schema
                records.append((number, convert(upgrade(record, schema, migrations))))
                continue
            except (KeyError, TypeError, ValueError) as exc:
                problem = f"a record with a missing or invalid field ({exc})"
        warnings.append(f"{path}:{number}: skipped {problem}; the line is kept as it is")
    complete = raw.rfind(b"\n") + 1
    whole_lines = raw[:complete].count(b"\n")
    end = offset + complete
    return LogRead(records, warnings, end, first_line - 1 + whole_lines, unfinished, older)


def _parse(chunk: bytes, schema: int) -> tuple[dict[str, Any] | None, str]:
    try:
        text = chunk.decode("utf-8")
    except UnicodeDecodeError:
        return None, "a line that is not valid UTF-8"
    try:
        record = json.loads(text)
    except ValueError:
        return None, "a line that is not a complete JSON record"
    if not isinstance(record, dict):
        return None, "a line that is not a JSON object"
    version = record.get("schema")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return None, "a record without a schema version"
    if version > schema:
        return record, "newer"
    return record, ""


def upgrade(record: dict[str, Any], schema: int, migrations: Migrations) -> dict[str, Any]:
    """Apply the ordered migration steps until the record is at the current schema."""
    version = int(record["schema"])
    while version < schema:
        record = migrations[version](record)
        version += 1
        record["schema"] = version
    return record


def upgrade_file(
    path: Path,
    *,
    schema: int,
    migrations: Migrations,
    error: type[NoraError] = HistoryError,
) -> Path | None:
    """Rewrite a log whose records are older than `schema`, after a backup copy.

    Returns the backup's path, or None when every record is already current. Damaged lines
    are carried over byte for byte, so an upgrade never loses anything it cannot read.
    """
    import shutil
    from datetime import UTC, datetime

    from nora_cli.store.atomic import write_atomic

    with locked(path, error=error):
        raw = path.read_bytes()
        lines = raw.split(b"\n")
        upgraded: list[bytes] = []
        changed = False
        for chunk in lines:
            record, problem = _parse(chunk, schema) if chunk.strip() else (None, "blank")
            if record is None or problem:
                upgraded.append(chunk)
                continue
            if record["schema"] < schema:
                record = upgrade(record, schema, migrations)
                changed = True
                chunk = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode()
            upgraded.append(chunk)
        if not changed:
            return None
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        backup = path.with_name(f"{path.name}.backup-{stamp}")
        shutil.copy2(path, backup)
        write_atomic(path, b"\n".join(upgraded))
        return backup
