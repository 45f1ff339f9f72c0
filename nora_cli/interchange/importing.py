"""Turn question lists written for people into a nora deck.

Two sources: Markdown notes (the shapes public interview-question repositories use) and tables
(CSV, TSV, Anki's "Notes in Plain Text" export). Each card keeps the question, the answer as
written, a category and a difficulty; the rubric (`key_points`) is left for the user to write,
which `nora decks validate` reminds them of. Pure: no terminal, no files.

This module is the public entry; the work is done in `import_markdown` (Markdown shapes),
`import_table` (tables) and `import_common` (cards, ids, the YAML document).
"""

from __future__ import annotations

from nora_cli.interchange.common import SCHEMA_URL, ImportResult, dump_deck
from nora_cli.interchange.markdown import import_markdown
from nora_cli.interchange.table import import_table

__all__ = ["SCHEMA_URL", "ImportResult", "dump_deck", "import_markdown", "import_table"]
