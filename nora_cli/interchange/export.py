"""Write decks and history out for other tools: a Markdown study sheet, CSV, an Anki package,
and the history as CSV or JSON. Pure apart from the .apkg file; heavy imports stay inside."""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from nora_cli.core.models import Card, Deck
from nora_cli.core.records import Attempt
from nora_cli.interchange.common import ESCAPED_SEPARATOR, LIST_SEPARATOR

CSV_COLUMNS = (
    "id",
    "prompt",
    "category",
    "kind",
    "difficulty",
    "time_limit",
    "key_points",
    "answer",
    "follow_ups",
    "tags",
    "pitfalls",
    "curveballs",
    "key_points_derived",
)
ANKI_MODEL_NAME = "nora card"
ANKI_CSS = """\
.card { font-family: sans-serif; font-size: 18px; text-align: left; max-width: 46em; margin: auto; }
.category { color: #888; font-size: 14px; }
ol.key-points li { margin-bottom: 0.3em; }
.answer { white-space: pre-wrap; }
"""


def _stable_id(text: str) -> int:
    """A 31-bit id derived from `text`, the same on every machine and every run."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return (1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30)


ANKI_MODEL_ID = _stable_id("nora-cli anki model v1")


# ---------------------------------------------------------------------------------------------
# Markdown study sheet


def _one_line(text: str) -> str:
    return " ".join(text.split())


_FENCE = re.compile(r"^\s*(```|~~~)")
_LIST_LINE = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s")
_GROUPED = ("list", "table", "quote")


def _indented(line: str) -> bool:
    return line.startswith(("    ", "\t"))


def _block_end(lines: list[str], i: int, kind: str) -> int:
    """Where a fenced or indented code block that starts at line i ends (exclusive)."""
    if kind == "fence":
        closing = next((j for j in range(i + 1, len(lines)) if _FENCE.match(lines[j])), None)
        return len(lines) if closing is None else closing + 1
    j = i + 1
    while j < len(lines) and (_indented(lines[j]) or not lines[j].strip()):
        j += 1
    while not lines[j - 1].strip():
        j -= 1  # blank lines after the code are a gap, not code
    return j


def _kind(line: str, previous: str) -> str:
    if _FENCE.match(line):
        return "fence"
    if _LIST_LINE.match(line) or (previous == "list" and line.startswith((" ", "\t"))):
        return "list"
    if _indented(line):
        return "indented"
    if line.lstrip().startswith("|"):
        return "table"
    return "quote" if line.lstrip().startswith(">") else "text"


def paragraphs(text: str) -> str:
    """An answer as Markdown that renders as written. In a deck a line break starts a new
    paragraph, and Markdown joins lines that no blank line separates, so each line break
    becomes a blank line and each blank line one more (`nora decks import` reads the same text
    back); code, list items, table rows and quotes keep their lines together."""
    lines = text.strip("\n").rstrip().split("\n")
    out: list[str] = []
    previous, gap, i = "", 0, 0
    while i < len(lines):
        if not lines[i].strip():
            gap, i = gap + 1, i + 1
            continue
        kind = _kind(lines[i], previous)
        end = _block_end(lines, i, kind) if kind in ("fence", "indented") else i + 1
        if out:
            together = kind == previous and kind in _GROUPED and not gap
            out.append("\n" if together else "\n" * (gap + 2))
        out.append("\n".join(lines[i:end]))
        previous, gap, i = kind, 0, end
    return "".join(out)


def _card_markdown(number: int, card: Card) -> list[str]:
    limit = f" · {card.time_limit} s" if card.time_limit else ""
    lines = [f"### {number}. {_one_line(card.prompt)}", ""]
    lines += [f"*{card.kind} · difficulty {card.difficulty}{limit} · `{card.id}`*", ""]
    if card.key_points:
        lines += [f"**{PROPOSED_LABEL if card.key_points_derived else 'Key points'}**", ""]
        lines += [f"{i}. {_one_line(p.text)}" for i, p in enumerate(card.key_points, 1)]
        lines.append("")
    if card.answer:
        lines += ["**Model answer**", "", paragraphs(card.answer), ""]
    for label, items in _lists(card):
        lines += [f"**{label}**", "", *(f"- {_one_line(item)}" for item in items), ""]
    return lines


# The labels `nora decks import` reads back (interchange.markdown_shapes.PARTS).
MISTAKES_LABEL = "Common mistakes (false claims)"
PROPOSED_LABEL = "Key points (proposed by nora, to review)"
CURVEBALLS_LABEL = "Curveballs"


def _lists(card: Card) -> list[tuple[str, tuple[str, ...]]]:
    """The card's lists after its answer, each under its label, empty ones left out."""
    named = [
        (MISTAKES_LABEL, card.pitfalls),
        ("Follow-ups", card.follow_ups),
        (CURVEBALLS_LABEL, card.curveballs),
    ]
    return [(label, items) for label, items in named if items]


def export_markdown(deck: Deck) -> str:
    """A study sheet: the title, the description, then each category's cards in deck order."""
    lines = [f"# {deck.title}", ""]
    if deck.description:
        lines += [deck.description.strip(), ""]
    number = 0
    for category in deck.categories:
        lines += [f"## {category}", ""]
        for card in (c for c in deck.cards if c.category == category):
            number += 1
            lines += _card_markdown(number, card)
    return "\n".join(lines).rstrip() + "\n"


# ---------------------------------------------------------------------------------------------
# CSV


def _csv_text(rows: Sequence[Sequence[object]]) -> str:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows(rows)
    return buffer.getvalue()


def _card_row(card: Card) -> list[object]:
    return [
        card.id,
        card.prompt,
        card.category,
        card.kind,
        card.difficulty,
        "" if card.time_limit is None else card.time_limit,
        _joined(point.text for point in card.key_points),
        card.answer,
        _joined(card.follow_ups),
        " ".join(_anki_tag(tag) for tag in card.tags),
        _joined(card.pitfalls),
        _joined(card.curveballs),
        "true" if card.key_points_derived else "",
    ]


def _joined(items: Iterable[str]) -> str:
    return LIST_SEPARATOR.join(item.replace(LIST_SEPARATOR, ESCAPED_SEPARATOR) for item in items)


def export_csv(deck: Deck) -> str:
    """One row per card; `nora_cli.interchange.importing.import_table` reads it back."""
    return _csv_text([CSV_COLUMNS, *(_card_row(card) for card in deck.cards)])


# ---------------------------------------------------------------------------------------------
# Anki


def _anki_tag(tag: str) -> str:
    """Anki tags cannot contain spaces; '::' hierarchies and ':' are kept."""
    return "_".join(tag.split())


def _html_text(text: str) -> str:
    return html.escape(text.strip(), quote=False).replace("\n", "<br>")


def anki_back(card: Card) -> str:
    """The back of the Anki card: numbered key points, the model answer, then the common
    mistakes, follow-ups and curveballs."""
    parts = [f'<div class="category">{_html_text(card.category)}</div>']
    if card.key_points:
        items = "".join(f"<li>{_html_text(point.text)}</li>" for point in card.key_points)
        parts.append(f'<ol class="key-points">{items}</ol>')
    if card.answer:
        parts.append(f'<div class="answer">{_html_text(card.answer)}</div>')
    for label, texts in _lists(card):
        items = "".join(f"<li>{_html_text(text)}</li>" for text in texts)
        parts.append(f"<p><b>{_html_text(label)}</b></p><ul>{items}</ul>")
    return "".join(parts)


def _anki_model() -> Any:
    import genanki  # type: ignore[import-untyped]

    return genanki.Model(
        ANKI_MODEL_ID,
        ANKI_MODEL_NAME,
        fields=[{"name": "Front"}, {"name": "Back"}],
        templates=[
            {
                "name": "Card 1",
                "qfmt": "{{Front}}",
                "afmt": '{{FrontSide}}<hr id="answer">{{Back}}',
            }
        ],
        css=ANKI_CSS,
    )


def export_anki(deck: Deck, out: Path | BinaryIO) -> None:
    """An Anki package (.apkg), written to a path or an open binary file. Ids and note guids
    are stable, so importing it again updates the cards already in Anki instead of adding
    copies."""
    import genanki

    model = _anki_model()
    anki_deck = genanki.Deck(_stable_id(f"nora-cli anki deck {deck.id}"), deck.title)
    for card in deck.cards:
        note = genanki.Note(
            model=model,
            fields=[_html_text(card.prompt), anki_back(card)],
            guid=genanki.guid_for(card.id),
            tags=[_anki_tag(tag) for tag in card.tags if tag.strip()],
        )
        anki_deck.add_note(note)
    genanki.Package(anki_deck).write_to_file(str(out) if isinstance(out, Path) else out)


# ---------------------------------------------------------------------------------------------
# History


HISTORY_COLUMNS = (
    "attempt_id",
    "drill_id",
    "mode",
    "deck",
    "card_id",
    "category",
    "started_at",
    "ended_at",
    "seconds",
    "time_limit",
    "overtime_seconds",
    "rating",
    "skipped",
    "cram",
    "covered",
    "key_points_total",
    "answer",
)


def _csv_value(value: Any) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return " ".join(str(item) for item in value)
    if isinstance(value, dict):
        import json

        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def history_extra_columns(record: dict[str, Any]) -> set[str]:
    """The fields of one attempt's record that the CSV adds after HISTORY_COLUMNS."""
    return set(record) - {*HISTORY_COLUMNS, "schema"}


class HistoryCsv:
    """The history as CSV, written row by row: one row per attempt, the record fields, then
    the extra fields (like `reason`) that any attempt has, which the caller collects first."""

    def __init__(self, out: TextIO, extra: Iterable[str]) -> None:
        import csv

        self.columns = [*HISTORY_COLUMNS, *sorted(extra)]
        self._writer = csv.writer(out, lineterminator="\n")
        self._writer.writerow(self.columns)
        self.count = 0

    def add(self, attempt: Attempt) -> None:
        record = attempt.to_record()
        self._writer.writerow([_csv_value(record.get(column)) for column in self.columns])
        self.count += 1

    def finish(self) -> None:
        """Nothing is left to write; present so both formats are driven alike."""


class HistoryJson:
    """The history as a JSON list of its records, as they are stored, written one by one
    (the same text `json.dumps(records, indent=2)` gives)."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self.count = 0

    def add(self, attempt: Attempt) -> None:
        import json

        text = json.dumps(attempt.to_record(), ensure_ascii=False, indent=2)
        self._out.write(("[\n" if not self.count else ",\n") + _indented_by_two(text))
        self.count += 1

    def finish(self) -> None:
        self._out.write("\n]\n" if self.count else "[]\n")


def _indented_by_two(text: str) -> str:
    return "\n".join(f"  {line}" for line in text.split("\n"))
