"""A file or folder nora cannot read or write is one message with the path and the fix: no
traceback, exit 2."""

from __future__ import annotations

import errno
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nora_cli.cli import app

runner = CliRunner()


def _refuse(path: str, code: int = errno.EACCES) -> None:
    raise OSError(code, "refused", path)


@pytest.mark.parametrize(
    ("code", "said"),
    [
        (errno.EACCES, "permission denied. Check the permissions"),
        (errno.ENOSPC, "the disk is full. Free some space"),
        (errno.EISDIR, "this is a folder, where a file was expected"),
    ],
)
def test_an_os_refusal_in_any_command_is_one_line(
    monkeypatch: pytest.MonkeyPatch, code: int, said: str
) -> None:
    from nora_cli.store import progress

    monkeypatch.setattr(progress, "load", lambda path: _refuse("/data/history.jsonl", code))
    result = runner.invoke(app, ["stats"])
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    shown = " ".join(result.output.split())
    assert shown.startswith(f"error: /data/history.jsonl: {said}") and shown.endswith(".")
    assert "Traceback" not in result.output


def test_an_unreadable_config_does_not_stop_commands_that_do_not_need_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from nora_cli.store import config

    monkeypatch.setattr(config, "load", lambda *a, **k: _refuse("/data/config.toml"))
    result = runner.invoke(app, ["paths"])
    assert result.exit_code == 0, result.output


def test_a_data_folder_that_is_a_file_says_so(tmp_path: Path) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("not a folder")
    env = {"NORA_HOME": str(blocker), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-m", "nora_cli", "plan", "--interview-date", "2099-01-01"],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    said = " ".join(out.stderr.split())
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "where a folder was expected" in said and "Fix its permissions" not in said
