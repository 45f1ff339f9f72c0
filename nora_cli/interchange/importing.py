"""Turn question lists written for people into a nora deck.

Two sources: Markdown notes (the shapes public interview-question repositories use) and tables
(CSV, TSV, Anki's "Notes in Plain Text" export). Each card keeps the question, the answer as
written, a category and a difficulty; when the source has no rubric, key points come from the
answer (see `rubric`). Pure: no terminal, no files.

This module is the public entry; the work is done in `markdown` (Markdown shapes), `table`
(tables), `rubric` (key points) and `common` (cards, ids, the YAML document).
"""

from __future__ import annotations

from nora_cli.interchange.common import SCHEMA_URL, ImportResult, dump_deck
from nora_cli.interchange.markdown import import_markdown
from nora_cli.interchange.table import import_table

__all__ = [
    "SCHEMA_URL",
    "ImportResult",
    "dump_deck",
    "import_markdown",
    "import_table",
    "import_text",
    "is_markdown",
]

MARKDOWN_SUFFIXES = (".md", ".markdown", ".txt")


def is_markdown(text: str, suffix: str) -> bool:
    """Markdown by its file name, unless it is Anki's plain-text export (a .txt of
    tab-separated notes that starts with `#separator:` or `#html:`)."""
    head = text.lstrip()[:200]
    anki = head.startswith(("#separator:", "#html:"))
    return suffix.lower() in MARKDOWN_SUFFIXES and not anki


def import_text(
    text: str,
    *,
    suffix: str,
    deck_id: str,
    title: str,
    source: str,
    fallback_title: str = "",
    reserved: frozenset[str] = frozenset(),
) -> ImportResult:
    """Cards from a file's text: Markdown notes or a table, chosen by `is_markdown`. With no
    `title`, Markdown takes its top-level heading; failing that, `fallback_title` is used.
    Card ids the file gives are kept unless `reserved` (other decks' card ids) has them."""
    if is_markdown(text, suffix):
        return import_markdown(
            text,
            deck_id=deck_id,
            title=title,
            source=source,
            fallback_title=fallback_title,
            reserved=reserved,
        )
    return import_table(
        text, deck_id=deck_id, title=title or fallback_title, source=source, reserved=reserved
    )
