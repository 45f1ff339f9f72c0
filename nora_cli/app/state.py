"""What a command starts from, loaded and reported on once: the decks (with a warning for
each deck file of yours that was skipped) and the progress (damaged history lines skipped, or
an upgrade of the history's format)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nora_cli.core.models import Library
from nora_cli.core.progress import Progress
from nora_cli.store import paths
from nora_cli.store import progress as progress_cache
from nora_cli.ui.render import history_damage, lines, make_console

if TYPE_CHECKING:
    from nora_cli.coach.knowledge import DeckKnowledge

KNOWLEDGE_FORMAT = 1  # the cached knowledge's layout (coach.knowledge.Built.to_json)


def load_progress(*, quiet: bool = False) -> Progress:
    """The progress, saying what was wrong with the history unless `quiet` (a caller that
    loads it again, and reports then)."""
    state = progress_cache.load(paths.history_path())
    if not quiet:
        history_damage(make_console(stderr=True), state)
    return state


def load_decks(
    extra: Iterable[Path] = (), *, asked: Iterable[str] = (), quiet: bool = False
) -> Library:
    """The library, with one warning on stderr for each deck file of yours that was skipped
    (none when `quiet`: a caller that loads it again, and warns then). A skipped deck among
    the ids `asked` for is an error (exit 2), said instead of its warning."""
    from nora_cli.decks.loader import load_library, require_decks

    library = load_library(extra)
    require_decks(library, asked)
    if not quiet:
        skipped = dict.fromkeys(library.skipped.values())
        lines(make_console(stderr=True), [f"warning: {message}" for message in skipped], "yellow")
    return library


def deck_knowledge(library: Library) -> DeckKnowledge:
    """What the coach learns from the decks, kept in the cache folder between drills."""
    from nora_cli.coach.knowledge import DeckKnowledge
    from nora_cli.store.knowledge_cache import KnowledgeCache

    cache = KnowledgeCache(paths.cache_dir() / "knowledge.json", _knowledge_version)
    return DeckKnowledge(library.cards, store=cache)


def _knowledge_version() -> list[Any]:
    """What the knowledge is built with besides the cards: the coach's code that reads words
    and picks terms, and wordfreq's word lists."""
    from importlib.metadata import version

    coach = Path(__file__).resolve().parents[1] / "coach"
    files = [coach / name for name in ("words.py", "lexicon.py", "knowledge.py", "profile.py")]
    return [KNOWLEDGE_FORMAT, version("wordfreq"), [[f.name, *_stat(f)] for f in files]]


def _stat(path: Path) -> list[int]:
    found = path.stat()
    return [found.st_size, found.st_mtime_ns]
