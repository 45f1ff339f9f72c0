"""An append that fails part way never leaves a torn record, and a history that could not take
an answer is refused before the first card."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from test_history import make_attempt
from typer.testing import CliRunner

from nora_cli.core.errors import HistoryError
from nora_cli.store import history, jsonlog


def test_a_disk_that_fills_mid_record_leaves_the_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "history.jsonl"
    history.append(make_attempt(1), path)
    before = path.read_bytes()
    real_write = os.write
    writes: list[int] = []

    def half_then_full(fd: int, data: bytes) -> int:
        if writes:
            raise OSError(errno.ENOSPC, "No space left on device")
        writes.append(real_write(fd, data[: len(data) // 2]))
        return writes[-1]

    monkeypatch.setattr(jsonlog.os, "write", half_then_full)
    with pytest.raises(HistoryError) as failure:
        history.append(make_attempt(2), path)
    assert writes and writes[0] > 0  # half of the record did reach the file
    assert path.read_bytes() == before
    said = " ".join(str(failure.value).split())
    assert "the disk is full. Free some space" in said and "permissions" not in said
    monkeypatch.setattr(jsonlog.os, "write", real_write)
    history.append(make_attempt(3), path)
    assert [a.card_id for a in history.read(path).attempts] == [
        make_attempt(1).card_id,
        make_attempt(3).card_id,
    ]


def test_a_history_that_cannot_be_written_is_refused_before_the_first_card(
    nora_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nora_cli.cli import app

    target = nora_home / "history.jsonl"
    real_access = os.access
    monkeypatch.setattr(
        jsonlog.os, "access", lambda p, mode: Path(p) != target and real_access(p, mode)
    )
    nora_home.mkdir(parents=True)
    target.write_text("")
    result = CliRunner().invoke(app, ["drill", "technical", "-n", "1"], input="an answer\n\n")
    said = " ".join(result.output.split())
    assert result.exit_code == 2, result.output
    assert "Card 1/" not in said
    assert f"cannot save to {target}: {target}: permission denied" in said
