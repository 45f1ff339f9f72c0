"""Where nora keeps its files. Resolved on every call, never at import time."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "nora"

DATA_README = """\
This folder holds your nora practice data. Back it up if you care about it.

README.txt      This file. nora rewrites it when a new version describes more files.
history.jsonl   One JSON object per answered card (and per plan step, and per debrief
                of a mock interview by the AI interviewer), appended the moment you
                rate it. A damaged line is skipped with a warning and kept.
history.jsonl.backup-*
                A copy kept before records of an older format were upgraded, once.
stories.jsonl   Your STAR stories, one line per change: edits and removals are
                appended, never written over.
projects.jsonl  Your projects, kept the same way.
*.lock          Lock files that keep two terminals from writing a log at once. Safe
                to delete when no nora is running.
progress.json   Review schedule and totals derived from history.jsonl, so nora starts
                fast. Safe to delete: it is rebuilt from the history.
progress.json.damaged-*
                A progress file nora could not read, set aside and rebuilt.
decks/          Your own decks (nora decks new, nora decks import).
code/           Your coding workspaces (nora code start): one folder per exercise with
                solution.py and, while unfinished, session.json (its clock).
cache/          Parsed decks, rebuilt whenever a deck file or nora changes. Safe to
                delete. (Here only when NORA_HOME is set.)
config.toml     Your settings, written by nora config set. (Here only when NORA_HOME
                is set; otherwise see nora config path.)
.*.tmp          A file being replaced; left behind only if nora was killed mid-write.

Set NORA_HOME to keep all of nora's files somewhere else.
"""


def home_override() -> Path | None:
    value = os.environ.get("NORA_HOME")
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    override = home_override()
    if override is not None:
        return override
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    override = home_override()
    if override is not None:
        return override
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def cache_dir() -> Path:
    override = home_override()
    if override is not None:
        return override / "cache"
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


def history_path() -> Path:
    return data_dir() / "history.jsonl"


def ensure_data_dir() -> Path:
    """Create the data folder (and its README) on first use."""
    from nora_cli.core.errors import HistoryError

    folder = data_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        readme = folder / "README.txt"
        if not readme.exists() or readme.read_text(encoding="utf-8") != DATA_README:
            readme.write_text(DATA_README, encoding="utf-8")
    except OSError as exc:
        from nora_cli.core.errors import describe_os_error

        exc.filename = exc.filename or str(folder)
        raise HistoryError(
            f"cannot use the data folder {folder}: {describe_os_error(exc)} "
            "Or point NORA_HOME at a folder you can write to."
        ) from exc
    return folder
