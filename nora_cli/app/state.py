"""The user's progress, loaded for a command and reported on once: damaged history lines
skipped, or an upgrade of the history's format."""

from __future__ import annotations

from nora_cli.core.progress import Progress
from nora_cli.store import paths
from nora_cli.store import progress as progress_cache
from nora_cli.ui.render import history_damage, make_console


def load_progress() -> Progress:
    state = progress_cache.load(paths.history_path())
    history_damage(make_console(stderr=True), state)
    return state
