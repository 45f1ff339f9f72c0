"""What `nora config` and every command say about a bad setting: the file and line, what is
wrong and how to fix it, one line each; a bad value on the command line is never saved."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nora_cli.cli import app
from nora_cli.store import config

runner = CliRunner()


def said(output: str) -> str:
    return " ".join(output.split())


def write_config(nora_home: Path, text: str | bytes) -> Path:
    nora_home.mkdir(parents=True, exist_ok=True)
    path = nora_home / "config.toml"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            "# mine\n\ndefault_count = 500\n",
            3,
            "'default_count' must be a whole number from 1 to 200, got 500",
        ),
        ("plain = true\n\n[code]\npython = 3\n", 4, "'code.python' must be text in quotes, got 3"),
        ("code.python = 3\n", 1, "'code.python' must be text in quotes, got 3"),
        ("[ai]\ntimeout = 0\n", 2, "'ai.timeout' must be a number from 1 to 600, got 0"),
        (
            "new_cards_per_day = 2.5\n",
            1,
            "'new_cards_per_day' must be a whole number from 0 to 500, got 2.5",
        ),
    ],
)
def test_a_bad_value_in_the_file_names_its_line(
    nora_home: Path, text: str, line: int, message: str
) -> None:
    path = write_config(nora_home, text)
    result = runner.invoke(app, ["config", "show"])
    assert result.exit_code == 2
    assert said(result.output) == (
        f"error: {path}:{line}: {message}; fix that line, or delete it to use the default"
    )


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("default_count", "3.5", "'default_count' must be a whole number from 1 to 200, got 3.5"),
        ("default_count", "-1", "'default_count' must be a whole number from 1 to 200, got -1"),
        (
            "default_count",
            "lots",
            "'default_count' must be a whole number from 1 to 200, got 'lots'",
        ),
        (
            "time_limit_scale",
            "-2.5",
            "'time_limit_scale' must be a number from 0.25 to 4, got -2.5",
        ),
    ],
)
def test_a_bad_number_on_the_command_line_says_the_range(
    nora_home: Path, key: str, value: str, message: str
) -> None:
    result = runner.invoke(app, ["config", "set", key, value])
    assert result.exit_code == 1
    assert said(result.output) == f"error: {message}"
    assert not (nora_home / "config.toml").exists()


def test_an_option_after_config_set_is_still_an_option() -> None:
    assert "Change one setting" in runner.invoke(app, ["config", "set", "-h"]).output


def test_code_python_must_run_before_it_is_saved(nora_home: Path, tmp_path: Path) -> None:
    missing = runner.invoke(app, ["config", "set", "code.python", "/nonexistent/python"])
    assert missing.exit_code == 1
    assert said(missing.output) == (
        "error: 'code.python' /nonexistent/python does not exist; give a Python 3 interpreter "
        '(`which python3` finds one), or "" for nora\'s own'
    )
    not_python = tmp_path / "not-python"
    not_python.write_text("#!/bin/sh\nexit 3\n")
    not_python.chmod(0o755)
    failed = runner.invoke(app, ["config", "set", "code.python", str(not_python)])
    assert failed.exit_code == 1 and "did not run as Python 3" in said(failed.output)
    plain_file = tmp_path / "python-text"
    plain_file.write_text("")
    refused = runner.invoke(app, ["config", "set", "code.python", str(plain_file)])
    assert refused.exit_code == 1 and "is not executable" in said(refused.output)
    assert not (nora_home / "config.toml").exists()
    import sys

    assert runner.invoke(app, ["config", "set", "code.python", sys.executable]).exit_code == 0
    assert config.load().code_python == sys.executable
    assert runner.invoke(app, ["config", "set", "code.python", ""]).exit_code == 0


def test_a_config_that_is_not_utf8_says_where_and_how_to_fix(nora_home: Path) -> None:
    path = write_config(nora_home, b'plain = true\nai.model = "\xff"\n')
    result = runner.invoke(app, ["config", "show"])
    assert result.exit_code == 2
    assert said(result.output) == (
        f"error: {path}:2: not UTF-8 text (byte 0xff at column 13); save the file as UTF-8, "
        "or delete it to use the defaults"
    )


def test_an_unreadable_config_is_one_line_naming_the_file_once(nora_home: Path) -> None:
    path = write_config(nora_home, "plain = true\n")
    if os.geteuid() == 0:  # root reads any file: a folder in its place is unreadable too
        path.unlink()
        path.mkdir()
        result = runner.invoke(app, ["config", "show"])
        assert said(result.output) == (
            f"error: cannot read {path}: it is a folder; move it away, and nora writes the "
            "file when you next run `nora config set`"
        )
    else:
        path.chmod(0)
        result = runner.invoke(app, ["config", "show"])
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)
        assert said(result.output) == (
            f"error: cannot read {path}: permission denied; let your user read and write it "
            "(chmod u+rw), or delete it to use the defaults"
        )
    assert result.exit_code == 2 and said(result.output).count(str(path)) == 1


def test_permission_denied_is_one_line_naming_the_file_once(
    nora_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_config(nora_home, "plain = true\n")

    def denied(self: Path, *args: object, **kwargs: object) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(config.ConfigError) as info:
        config.load(path)
    assert info.value.message == (
        f"cannot read {path}: permission denied; let your user read and write it (chmod u+rw), "
        "or delete it to use the defaults"
    )
