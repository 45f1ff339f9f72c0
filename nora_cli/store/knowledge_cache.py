"""The coach's knowledge of the decks (term rarity, the field's terms), kept between drills in
`cache/knowledge.json`, so the first feedback panel of a drill does not rebuild it.

JSON, so reading it can never run code. It is used only while its key matches: the version
the caller gives (the code and word lists the knowledge is built with) and the fingerprint of
the cards. A missing, damaged or stale file is simply built again and written over.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from nora_cli.store.atomic import write_atomic


class KnowledgeCache:
    def __init__(self, path: Path, version: Callable[[], list[Any]]) -> None:
        self.path = path
        self._version = version

    def load(self, fingerprint: str) -> dict[str, Any] | None:
        try:
            data = json.loads(self.path.read_bytes())
            if data["key"] != [self._version(), fingerprint]:
                return None
            found = data["knowledge"]
            return found if isinstance(found, dict) else None
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def save(self, fingerprint: str, data: dict[str, Any]) -> None:
        document = {"key": [self._version(), fingerprint], "knowledge": data}
        # the cache only saves time; a read-only home still gives feedback
        with contextlib.suppress(OSError):
            write_atomic(self.path, json.dumps(document, separators=(",", ":")).encode("utf-8"))
