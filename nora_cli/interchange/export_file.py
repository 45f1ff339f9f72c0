"""The file an export (`nora decks export -o`, `nora history export -o`) or an import's `-o`
writes: checked before anything is written, then written whole or not at all.

nora's own files (the history, the notebook, the progress cache, the settings, the caches, the
coding workspaces, and for an export the decks folder) are never written over, even with
--force; another existing file only with --force. The file gets the mode any new file of the
user's gets (umask), unlike nora's private data files.
"""

from __future__ import annotations

import os
import secrets
import shlex
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from nora_cli.core.errors import UsageError
from nora_cli.store import paths

# Files of the data folder by name, and what each one is.
_DATA_FILES = {
    "history.jsonl": "your practice history",
    "stories.jsonl": "your story notebook",
    "projects.jsonl": "your project notebook",
    "progress.json": "the progress cache",
    "README.txt": "the data folder's README",
    "config.toml": "your settings",
}
# Files of the data folder by the start of their name, and what each one is.
_DATA_PREFIXES = {
    "history.jsonl.backup-": "a backup of your history",
    "progress.json.damaged-": "a damaged progress cache kept aside",
}


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def nora_file(path: Path, *, decks_too: bool = True) -> str | None:
    """What `path` is among nora's own files, or None when it is none of them. Links, `..` and
    relative paths are resolved first. `decks_too=False` leaves the decks folder out (an
    import writes there)."""
    target = path.resolve()
    data = paths.data_dir().resolve()
    folders = {
        paths.cache_dir().resolve(): "nora's cache",
        data / "code": "a coding workspace",
    }
    if decks_too:
        folders[data / "decks"] = "your decks folder"
    for folder, what in folders.items():
        if _inside(target, folder):
            return f"in {what}"
    if target == (paths.config_dir() / "config.toml").resolve():
        return "your settings"
    if target.parent != data:
        return None
    name = target.name
    if name in _DATA_FILES:
        return _DATA_FILES[name]
    for prefix, what in _DATA_PREFIXES.items():
        if name.startswith(prefix):
            return what
    if name.endswith(".lock"):
        return "a lock file"
    if name.endswith(".jsonl"):
        return "one of nora's logs"
    if name.startswith(".") and name.endswith(".tmp"):
        return "a file nora is writing"
    return None


def check_target(path: Path, *, force: bool, suggested_name: str, decks_too: bool = True) -> Path:
    """Refuse, with a usage error that says what to do: one of nora's own files (whatever
    `force` says), a folder (suggesting `suggested_name` in it), a missing folder or a file in
    its place, and an existing file without `force`."""
    what = nora_file(path, decks_too=decks_too)
    if what is not None:
        raise UsageError(
            f"{path} is one of nora's own files ({what}); nora never writes over it with -o, "
            "even with --force: choose another file"
        )
    if path.is_dir():
        raise UsageError(
            f"{path} is a folder; give a file in it, for example `-o {path / suggested_name}`"
        )
    parent = path.parent
    if not parent.exists():
        raise UsageError(
            f"the folder {parent} does not exist; create it first "
            f"(`mkdir -p {shlex.quote(str(parent))}`) "
            "or choose another -o"
        )
    if not parent.is_dir():
        raise UsageError(f"{parent} is a file, not a folder; choose another -o")
    if path.exists() and not force:
        raise UsageError(f"{path} already exists; pass --force to replace it, or choose another -o")
    return path


@contextmanager
def export_writer(path: Path) -> Iterator[BinaryIO]:
    """A file to write `path` through: it replaces `path` only once it is whole and on disk,
    and is deleted if the block raises. A file the system refuses to create or write is a
    usage error naming it."""
    try:
        temp = _create(path)
    except OSError as exc:
        raise _cannot_write(path, exc) from exc
    try:
        with open(temp, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise _cannot_write(path, exc) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _create(path: Path) -> Path:
    """A new, empty file beside `path`, created with the mode the umask leaves (unlike
    `tempfile.mkstemp`, which makes it private)."""
    while True:
        temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        return temp


def _cannot_write(path: Path, exc: OSError) -> UsageError:
    reason = exc.strerror or str(exc)
    return UsageError(f"cannot write {path}: {reason}; choose a folder you can write to with -o")
