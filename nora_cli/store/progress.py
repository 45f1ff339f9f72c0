"""The progress cache: `progress.json`, the derived state folded from the history.

The history stays the source of truth. The cache remembers how far into the history it has
read (byte offset and line), fingerprints of the file's start and of the bytes just before
that offset (a line inserted, removed or cut short anywhere before it moves those bytes),
the file's modification time when that offset was its end (an edit in place that keeps the
length changes it), and the local time zone it bucketed days in; when any of those
disagree, or the cache is
missing or damaged, it is
rebuilt by replaying the whole history. Otherwise only the new tail is read, so starting a
drill or saving an attempt costs the same with 100 or 100,000 records.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from datetime import datetime, timedelta
from pathlib import Path

from nora_cli.core.progress import TICK_DAYS, Progress, StaleCache, local_zone_key
from nora_cli.store import history
from nora_cli.store.atomic import write_atomic

HEAD_BYTES = 4096


def catch_up(progress: Progress, path: Path, *, lock: bool = True) -> bool:
    """Fold whatever the history gained since the last read; True when anything did."""
    if progress.head and progress.offset == _size(path):
        progress.unfinished = ""  # nothing past the last whole line: no scan, no lock
        return False
    read = history.scan_outcomes(
        path, progress.fold, offset=progress.offset, first_line=progress.line + 1, lock=lock
    )
    progress.warnings.extend(read.warnings)
    progress.unfinished = read.unfinished
    progress.older_records += read.older
    changed = read.end_offset != progress.offset or bool(read.warnings)
    progress.offset, progress.line = read.end_offset, read.end_line
    if not progress.head or progress.offset < HEAD_BYTES:
        progress.head = fingerprint(path, progress.offset)
    progress.tail = tail_fingerprint(path, progress.offset)
    progress.stamp = _stamp(_stat(path), progress.offset)
    return changed


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:
        return None


def _stamp(found: os.stat_result | None, offset: int) -> int:
    """The file's modification time in ns when `offset` is its whole size, else 0."""
    return found.st_mtime_ns if found is not None and found.st_size == offset else 0


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return -1


def cache_path(history_path: Path) -> Path:
    return history_path.with_name("progress.json")


def fingerprint(path: Path, upto: int) -> str:
    """A fingerprint of the file's first HEAD_BYTES, up to `upto`."""
    return _digest(path, 0, min(upto, HEAD_BYTES))


def tail_fingerprint(path: Path, upto: int) -> str:
    """A fingerprint of the HEAD_BYTES before `upto`: what the cache read last."""
    return _digest(path, max(0, upto - HEAD_BYTES), min(upto, HEAD_BYTES))


def _digest(path: Path, start: int, size: int) -> str:
    try:
        with open(path, "rb") as handle:
            handle.seek(start)
            return hashlib.sha256(handle.read(size)).hexdigest()
    except OSError:
        return ""


def _cached(history_path: Path) -> Progress | None:
    import orjson

    cache = cache_path(history_path)
    try:
        raw = cache.read_bytes()
    except OSError:
        return None
    try:
        with history.no_collection():  # a decade of practice is ~130,000 small objects
            progress = Progress.from_json(orjson.loads(raw))
        progress.ticks_by_day_from = _tick_window_start()  # as a full replay would today
    except StaleCache:
        return None
    except (ValueError, KeyError, TypeError, IndexError, AttributeError):
        set_aside(cache)
        return None
    found = _stat(history_path)
    size = found.st_size if found is not None else 0
    if (
        progress.zone != local_zone_key()
        or progress.offset > size
        or progress.head != fingerprint(history_path, progress.offset)
        or progress.tail != tail_fingerprint(history_path, progress.offset)
        or (progress.stamp and _stamp(found, progress.offset) not in (0, progress.stamp))
    ):
        return None
    return progress


def set_aside(path: Path) -> Path | None:
    """Keep a damaged file under a timestamped name instead of overwriting it."""
    from datetime import UTC

    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    try:
        path.rename(target)
    except OSError:
        return None
    return target


def fresh() -> Progress:
    """An empty progress for a full replay, told today's window so it ticks by day only the
    days the trend can still use."""
    return Progress(ticks_by_day_from=_tick_window_start())


def _tick_window_start() -> str:
    return (datetime.now().astimezone().date() - timedelta(days=TICK_DAYS)).isoformat()


def load(history_path: Path) -> Progress:
    """The up-to-date progress: from the cache plus the history's new tail, or a full replay."""
    progress = _cached(history_path)
    if progress is None:
        progress = fresh()
        catch_up(progress, history_path)
        save(progress, history_path)
    elif catch_up(progress, history_path):
        save(progress, history_path)
    if progress.older_records:
        progress = _upgrade(history_path, progress)
    return progress


def _upgrade(history_path: Path, progress: Progress) -> Progress:
    """Rewrite a history that holds older records, after a backup, and say so once."""
    from nora_cli.core.errors import NoraError

    try:
        backup = history.upgrade_file(history_path)
    except (NoraError, OSError) as exc:
        reason = exc.message if isinstance(exc, NoraError) else str(exc)
        progress.notices.append(
            f"{history_path} holds records of an older format; they are read as they are, "
            f"but the file could not be upgraded ({reason})."
        )
        return progress
    upgraded = fresh()
    catch_up(upgraded, history_path)
    save(upgraded, history_path)
    if backup is not None:
        upgraded.notices.append(
            f"Your history was upgraded to format {history.SCHEMA_VERSION}; the previous file "
            f"is kept as {backup}."
        )
    return upgraded


def save(progress: Progress, history_path: Path) -> None:
    """Write the cache; it is only an accelerator, so a folder we cannot write is not an error."""
    import orjson

    data = orjson.dumps(progress.to_json())
    with contextlib.suppress(OSError):
        write_atomic(cache_path(history_path), data)
