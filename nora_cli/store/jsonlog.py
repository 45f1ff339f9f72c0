"""Append-only JSON-lines files: the one durable-write path for everything nora records.

Appends hold a file lock, repair a missing final newline (so a torn last line stays on its
own line), write, flush and fsync. Reads skip damaged lines with a warning naming the line,
refuse records from a newer schema, and never rewrite the file.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from nora_cli.core.errors import HistoryError, NoraError

LOCK_TIMEOUT_SECONDS = 10.0
Migrations = dict[int, Callable[[dict[str, Any]], dict[str, Any]]]


T = TypeVar("T")


def _as_is(record: dict[str, Any]) -> Any:
    return record


class WarnedRead:
    """What every read of a log shares: warnings for damaged lines, and apart from them the
    warning for an unfinished last line."""

    warnings: list[str]
    unfinished: str

    @property
    def all_warnings(self) -> list[str]:
        """The damaged lines read past, then the unfinished last line, if any."""
        return [*self.warnings, self.unfinished] if self.unfinished else list(self.warnings)


@dataclass(frozen=True)
class LogRead(WarnedRead, Generic[T]):
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
            with open(path, "a+b", buffering=0) as handle:
                size = _write_whole(handle.fileno(), data)
            if new_file:
                _fsync_dir(path.parent)
            if after is not None:
                after(size)
    except NoraError:
        raise
    except OSError as exc:
        from nora_cli.core.errors import describe_os_error

        exc.filename = exc.filename or str(path)
        raise error(
            f"could not save to {path}: {describe_os_error(exc)} Nothing more is saved until "
            "this is fixed."
        ) from exc


def _write_whole(fd: int, data: bytes) -> int:
    """Write one record after the file's last whole line, on disk before returning; the size
    after it. A write that fails part way (a full disk) is cut back off, so the file never
    keeps a torn record of ours."""
    start = os.lseek(fd, 0, os.SEEK_END)
    if start > 0 and os.pread(fd, 1, start - 1) != b"\n":
        data = b"\n" + data  # a line left unfinished by a crash: the record starts afresh
    try:
        written = 0
        while written < len(data):
            written += os.write(fd, data[written:])
        os.fsync(fd)
    except OSError:
        with contextlib.suppress(OSError):
            os.ftruncate(fd, start)
            os.fsync(fd)
        raise
    return start + len(data)


def check_writable(path: Path, *, error: type[NoraError] = HistoryError) -> None:
    """Refuse at once, before any answer is typed, a log that could not take one."""
    from nora_cli.core.errors import describe_os_error

    for target in (path, lock_path(path)):
        place = target if target.exists() else target.parent
        if not os.access(place, os.W_OK):
            problem = OSError(errno.EACCES, "Permission denied", str(place))
            raise error(f"cannot save to {path}: {describe_os_error(problem)}")


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


CHUNK_BYTES = 8 << 20  # a long log is read in pieces of this size, never whole


@dataclass
class LogScan(WarnedRead):
    """What a scan found besides the records: warnings for damaged lines in line order, where
    whole lines ended, the warning for an unfinished last line (not consumed, so it is kept
    apart: a caller that adds up warnings over reads must not count it twice), and how many
    records were upgraded from an older schema on the way."""

    warnings: list[str] = field(default_factory=list)
    end_offset: int = 0
    end_line: int = 0
    unfinished: str = ""
    older: int = 0


def scan(
    path: Path,
    on_record: Callable[[int, T], None],
    *,
    schema: int,
    migrations: Migrations,
    offset: int = 0,
    first_line: int = 1,
    lock: bool = True,
    error: type[NoraError] = HistoryError,
    upgrade_hint: str = "pip install -U nora-cli",
    convert: Callable[[dict[str, Any]], T] = _as_is,
) -> LogScan:
    """Pass every whole record from byte `offset` on, upgraded and converted, to
    `on_record(line, record)`, reading the file in pieces so memory does not grow with it.

    A record `convert` rejects (KeyError, TypeError, ValueError) is skipped with a warning like
    any damaged line. A last line without its newline is reported apart (`unfinished`) and not
    consumed: `end_offset` stops before it, so the next scan sees it again. The lock is held
    only while the file is opened and measured: appends only ever add bytes past that size."""
    result = LogScan(end_offset=offset, end_line=first_line - 1)
    if not path.exists():
        return result
    try:
        guard = locked(path, required=False, error=error) if lock else nullcontext()
        with guard:
            handle = open(path, "rb")  # noqa: SIM115 - read after the lock is released
            size = os.fstat(handle.fileno()).st_size
    except OSError as exc:
        raise error(f"cannot read {path}: {exc.strerror or exc}") from exc
    how = _Reading(path, schema, migrations, error, upgrade_hint)
    how = _Reading(path, schema, migrations, error, upgrade_hint)
    number = first_line - 1
    pending = b""
    with handle:
        handle.seek(offset)
        left = max(0, size - offset)
        while left > 0:
            try:
                chunk = handle.read(min(CHUNK_BYTES, left))
            except OSError as exc:
                raise error(f"cannot read {path}: {exc.strerror or exc}") from exc
            if not chunk:
                break
            left -= len(chunk)
            lines = (pending + chunk).split(b"\n")
            pending = lines.pop()
            for line in lines:
                number += 1
                result.end_offset += len(line) + 1
                if line.strip():
                    _take(line, number, how, convert, on_record, result)
    result.end_line = number
    if pending.strip():
        # No newline yet: a write still under way or cut short. Never consumed, so a record
        # that looks whole here is read once, when its line is finished.
        result.unfinished = (
            f"{path}:{number + 1}: skipped an unfinished last line (a crash mid-write?); "
            "the line is kept as it is"
        )
    return result


@dataclass(frozen=True)
class _Reading:
    """What every line of one scan is read with."""

    path: Path
    schema: int
    migrations: Migrations
    error: type[NoraError]
    upgrade_hint: str


def _take(
    line: bytes,
    number: int,
    how: _Reading,
    convert: Callable[[dict[str, Any]], T],
    on_record: Callable[[int, T], None],
    result: LogScan,
) -> None:
    record, problem = parse(line, how.schema)
    if problem == "newer" and record is not None:
        # Refused, not skipped: reading past it would drop data this nora cannot read.
        raise how.error(
            f"{how.path}:{number}: this record was written by a newer nora (schema "
            f"{record['schema']}; this nora reads up to {how.schema}). "
            f"Upgrade: {how.upgrade_hint}"
        )
    if record is not None and not problem:
        try:
            result.older += record["schema"] < how.schema
            on_record(number, convert(upgrade(record, how.schema, how.migrations)))
            return
        except (KeyError, TypeError, ValueError) as exc:
            problem = f"a record with a missing or invalid field ({exc})"
    result.warnings.append(f"{how.path}:{number}: skipped {problem}; the line is kept as it is")


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
    """Every whole record from byte `offset` on, as a list (see `scan`, which does not keep
    them all in memory)."""
    records: list[tuple[int, T]] = []
    found = scan(
        path,
        lambda number, record: records.append((number, record)),
        schema=schema,
        migrations=migrations,
        offset=offset,
        first_line=first_line,
        lock=lock,
        error=error,
        upgrade_hint=upgrade_hint,
        convert=convert,
    )
    return LogRead(
        records, found.warnings, found.end_offset, found.end_line, found.unfinished, found.older
    )


def parse(chunk: bytes, schema: int) -> tuple[dict[str, Any] | None, str]:
    """One line as a record and "" when it is whole and readable; otherwise what is wrong with
    it ("newer" for a record from a later schema, returned with the record)."""
    import orjson  # parses a long history three times faster than json; imported once

    try:
        record = orjson.loads(chunk)
    except orjson.JSONDecodeError:
        try:
            chunk.decode("utf-8")
        except UnicodeDecodeError:
            return None, "a line that is not valid UTF-8"
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

    from nora_cli.store.atomic import atomic_writer

    with locked(path, error=error):
        if not _holds_older(path, schema):
            return None
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        backup = path.with_name(f"{path.name}.backup-{stamp}")
        shutil.copy2(path, backup)
        # Line by line: a decade of history is rewritten without holding it in memory.
        kept_mode = path.stat().st_mode & 0o7777  # the upgraded file keeps its permissions
        with open(backup, "rb") as source, atomic_writer(path, mode=kept_mode) as target:
            for line in source:
                ending = b"\n" if line.endswith(b"\n") else b""  # an unfinished line stays so
                body = line[: len(line) - len(ending)]
                record, problem = parse(body, schema) if body.strip() else (None, "blank")
                if record is not None and not problem and record["schema"] < schema:
                    record = upgrade(record, schema, migrations)
                    body = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode()
                target.write(body + ending)
        return backup


def _holds_older(path: Path, schema: int) -> bool:
    """Whether any readable record is older than `schema` (stops at the first)."""
    with open(path, "rb") as source:
        for line in source:
            record, problem = parse(line, schema) if line.strip() else (None, "blank")
            if record is not None and not problem and record["schema"] < schema:
                return True
    return False
