"""A cache of parsed decks, valid while no deck or mode file has changed (size, mtime)."""

from __future__ import annotations

from pathlib import Path

from nora_cli import __version__
from nora_cli.core.models import Library


def _key(files: list[Path]) -> list[tuple[str, int, int]]:
    key = []
    for path in files:
        stat = path.stat()
        key.append((str(path.resolve()), stat.st_size, stat.st_mtime_ns))
    return key


def _file() -> Path:
    from nora_cli.store import paths

    return paths.cache_dir() / "decks.pickle"


def read(files: list[Path]) -> Library | None:
    """The parsed library from the last load, if no deck or mode file has changed since."""
    import pickle

    try:
        with open(_file(), "rb") as handle:
            version, key, library = pickle.load(handle)
        if version == __version__ and key == _key(files) and isinstance(library, Library):
            return library
    except Exception:
        return None
    return None


def write(files: list[Path], library: Library) -> None:
    import pickle

    from nora_cli.store.atomic import write_atomic

    try:
        data = pickle.dumps((__version__, _key(files), library), pickle.HIGHEST_PROTOCOL)
        write_atomic(_file(), data)
    except OSError:
        pass  # the cache only saves time; a read-only home still works
