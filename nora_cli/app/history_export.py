"""`nora history export`: every attempt to CSV or JSON, streamed from the history to the
output, so a decade of practice is exported without being held in memory."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from nora_cli.interchange.export import HistoryCsv, HistoryJson, history_extra_columns
from nora_cli.interchange.export_file import check_target, export_writer
from nora_cli.store import history, paths
from nora_cli.store.jsonlog import LogScan


@dataclass(frozen=True)
class Exported:
    count: int
    warnings: list[str]


def export_history(csv: bool, output: Path | None, *, force: bool = False) -> Exported:
    """Write the export to `output` (whole or not at all) or to stdout. `output` is refused
    when it is one of nora's own files, a folder, in a missing folder, or (without `force`)
    an existing file."""
    path = paths.history_path()
    if output is not None:
        name = "attempts.csv" if csv else "attempts.json"
        check_target(output, force=force, suggested_name=name)
    extra: set[str] = set()
    if csv:  # the CSV header names every extra field, so they are collected first
        history.scan_attempts(path, lambda a: extra.update(history_extra_columns(a.to_record())))

    def write(out: TextIO) -> tuple[int, LogScan]:
        writer = HistoryCsv(out, extra) if csv else HistoryJson(out)
        scan = history.scan_attempts(path, writer.add)
        writer.finish()
        return writer.count, scan

    if output is None:
        count, scan = write(sys.stdout)
        sys.stdout.flush()
    else:
        count, scan = _to_file(output, write)
    return Exported(count, scan.all_warnings)


def _to_file(output: Path, write: Callable[[TextIO], tuple[int, LogScan]]) -> tuple[int, LogScan]:
    with export_writer(output) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        found = write(text)
        text.flush()
        text.detach()  # the atomic writer still fsyncs and closes the file
    return found
