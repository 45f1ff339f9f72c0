"""What a command starts from, loaded and reported on once: the decks (with a warning for
each deck file of yours that was skipped) and the progress (damaged history lines skipped, or
an upgrade of the history's format)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from nora_cli.core.models import Library
from nora_cli.core.progress import Progress
from nora_cli.store import paths
from nora_cli.store import progress as progress_cache
from nora_cli.ui.render import history_damage, lines, make_console


def load_progress() -> Progress:
    state = progress_cache.load(paths.history_path())
    history_damage(make_console(stderr=True), state)
    return state


def load_decks(extra: Iterable[Path] = ()) -> Library:
    """The library, with one warning on stderr for each deck file of yours that was skipped."""
    from nora_cli.decks.loader import load_library

    library = load_library(extra)
    skipped = dict.fromkeys(library.skipped.values())
    lines(make_console(stderr=True), [f"warning: {message}" for message in skipped], "yellow")
    return library
