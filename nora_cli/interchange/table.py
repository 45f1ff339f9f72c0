"""Cards from tables: CSV, TSV and Anki's "Notes in Plain Text" export.

A header row names the columns (question, answer, category, tags, difficulty, ...); without
one, the first column is the question and the second the answer. Anki's `#key:value` lines
say how its export is laid out, and its HTML fields become plain text.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from nora_cli.core.errors import DeckError
from nora_cli.core.models import KINDS, TIME_LIMIT_MAX, TIME_LIMIT_MIN
from nora_cli.core.wording import counted
from nora_cli.interchange.common import (
    DEFAULT_DIFFICULTY,
    ESCAPED_SEPARATOR,
    HTML_BREAK,
    HTML_TAG,
    IMPORTED_TAG,
    LEVELS,
    LIST_SEPARATOR,
    Draft,
    ImportResult,
    brief,
    deck_slug,
    finish_import,
    normalize,
    tidy,
)
from nora_cli.interchange.table_rows import Row, first_row, read_rows

_HEADER_NAMES = {
    "prompt": ("prompt", "question", "questions", "front", "q", "term"),
    "answer": (
        "answer",
        "answers",
        "back",
        "a",
        "model answer",
        "definition",
        "ideal answer",
        "expected answer",
        "sample answer",
        "solution",
    ),
    "category": ("category", "topic", "deck", "section", "subject"),
    "tags": ("tags", "tag", "labels", "keywords"),
    "difficulty": ("difficulty", "level"),
    "kind": ("kind", "type"),
    "time_limit": ("time limit", "seconds"),
    "key_points": ("key points", "rubric"),
    "follow_ups": ("follow ups", "followups", "follow up"),
    "pitfalls": ("pitfalls", "common mistakes"),
    "curveballs": ("curveballs",),
    "key_points_derived": ("key points derived",),
    "card_id": ("id", "card id"),
}
_ANKI_KEYS = (
    "separator",
    "html",
    "tags column",
    "deck column",
    "notetype column",
    "guid column",
    "columns",
    "deck",
    "notetype",
)
_SEPARATORS = {
    "tab": "\t",
    "comma": ",",
    "semicolon": ";",
    "pipe": "|",
    "space": " ",
    "colon": ":",
}
_DELIMITER_NAMES = {v: k for k, v in _SEPARATORS.items()}
_CLOZE = re.compile(r"\{\{c\d+::([^{}]*?)(?:::[^{}]*)?\}\}")
_SOUND = re.compile(r"\[sound:[^\]]*\]")
_BLOCK_START = re.compile(r"<(?:div|p|h[1-6]|tr|ul|ol)(?:\s[^<>]*)?>", re.IGNORECASE)
_PARAGRAPH_END = re.compile(r"</(?:p|h[1-6]|ul|ol)\s*>", re.IGNORECASE)
_LIST_ITEM = re.compile(r"<li(?:\s[^<>]*)?>", re.IGNORECASE)


@dataclass
class Layout:
    """Where each field is in a row, and how the rows are written."""

    columns: dict[str, int]
    header: bool
    html: bool
    remarks: list[str]


def _header_key(name: str) -> str:
    """ "Ideal Answer", "idealAnswer" and "ideal_answer" are all "ideal answer"."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)
    return " ".join(re.sub(r"[^a-z0-9]+", " ", spaced.lower()).split())


def _map_header(row: Sequence[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, name in enumerate(row):
        key = _header_key(name)
        for fieldname, names in _HEADER_NAMES.items():
            if key in names and fieldname not in columns:
                columns[fieldname] = index
    return columns if "prompt" in columns else {}


def _anki_directives(text: str) -> tuple[dict[str, str], str, int]:
    """Anki's `#key:value` lines at the top of an export, the text after them, and how many
    lines they take."""
    directives: dict[str, str] = {}
    lines = text.split("\n")
    taken = 0
    for line in lines:
        match = re.match(r"^#([a-z ]+):(.*)$", line)
        if not match or match.group(1) not in _ANKI_KEYS:
            break
        directives[match.group(1)] = match.group(2)
        taken += 1
    return directives, "\n".join(lines[taken:]), taken


def _sniff(text: str) -> str:
    """The delimiter whose first row names a question column, else the one with most fields."""
    sample = text[:65536]

    def score(delimiter: str) -> tuple[bool, int]:
        row = first_row(sample, delimiter)
        return bool(_map_header(row)), len(row)

    return max((",", "\t", ";", "|"), key=score)


def _anki_layout(directives: dict[str, str], first: list[str]) -> Layout:
    """Anki's export has no header row: front, back, then the columns its directives name."""
    special: dict[str, int] = {}
    for key, name in (("tags column", "tags"), ("deck column", "category")):
        value = directives.get(key, "").strip()
        if value.isdigit() and int(value) >= 1:
            special[name] = int(value) - 1
    skip = set(special.values())
    for key in ("notetype column", "guid column"):
        value = directives.get(key, "").strip()
        if value.isdigit():
            skip.add(int(value) - 1)
    width = max(len(first), *(index + 1 for index in skip), 2)
    fields = [i for i in range(width) if i not in skip]
    columns = {"prompt": fields[0], **special}
    if len(fields) > 1:
        columns["answer"] = fields[1]
    named = _map_header(directives.get("columns", "").split(_separator(directives) or "\t"))
    if named:
        columns = named
    html_on = directives.get("html", "").strip().lower() == "true"
    remarks = ["Anki plain-text export" + (" with HTML fields" if html_on else "")]
    return Layout(columns, header=False, html=html_on, remarks=remarks)


def _separator(directives: dict[str, str]) -> str | None:
    value = directives.get("separator")
    if value is None:
        return None
    return _SEPARATORS.get(value.strip().lower(), value if len(value) == 1 else None)


def _table_layout(rows: list[list[str]], delimiter: str, where: str = "") -> Layout:
    """The columns from the header row; `where` ("file line 1: ") leads a refusal."""
    columns = _map_header(rows[0]) if rows else {}
    if columns:
        names = ", ".join(f"{key} = '{rows[0][i].strip()}'" for key, i in columns.items())
        return Layout(columns, header=True, html=False, remarks=[f"columns: {names}"])
    if rows and not _looks_headerless(rows[0], delimiter):
        header = ", ".join(cell.strip() for cell in rows[0])
        raise DeckError(
            f"{where}the header row ({header}) names no question column; "
            f"call one of the columns {', '.join(_HEADER_NAMES['prompt'])}"
        )
    html_like = any(re.search(r"<(?:br|div|p)\b|&nbsp;", cell) for row in rows for cell in row)
    return Layout(
        {"prompt": 0, "answer": 1},
        header=False,
        html=html_like,
        remarks=["no header row: the first column is the question, the second the answer"],
    )


def _looks_headerless(row: list[str], delimiter: str) -> bool:
    """A first row that is already a card: tab-separated (old Anki exports) or a real question."""
    if delimiter == "\t":
        return True
    return any(cell.strip().endswith("?") or len(cell.split()) >= 4 for cell in row)


def _from_html(text: str) -> str:
    """An Anki field as plain text: <br> and block ends become line breaks, tags go."""
    text = _CLOZE.sub(r"\1", text)
    text = _SOUND.sub("", text)
    text = HTML_BREAK.sub("\n", text)
    text = _BLOCK_START.sub("\n", text)
    text = _PARAGRAPH_END.sub("\n", text)
    text = _LIST_ITEM.sub("\n- ", text)
    return html.unescape(HTML_TAG.sub("", text))


def _cell(row: list[str], columns: dict[str, int], name: str) -> str:
    index = columns.get(name)
    if index is None or index >= len(row):
        return ""
    return row[index]


def _difficulty(value: str) -> int | None:
    value = value.strip().lower()
    if value in ("1", "2", "3"):
        return int(value)
    return LEVELS.get(value)


def _time_limit(value: str) -> int | None:
    value = value.strip()
    if value.isdigit() and TIME_LIMIT_MIN <= int(value) <= TIME_LIMIT_MAX:
        return int(value)
    return None


def _split_list(value: str) -> tuple[str, ...]:
    """Items joined by " | "; an item's own " | " is written " \\| " (see `exporting`)."""
    parts = (
        part.replace(ESCAPED_SEPARATOR, LIST_SEPARATOR) for part in value.split(LIST_SEPARATOR)
    )
    return tuple(part.strip() for part in parts if part.strip())


def _tags(value: str) -> tuple[str, ...]:
    tags = [tag for tag in re.split(r"[,\s]+", value) if tag]
    return tuple(dict.fromkeys([*tags, IMPORTED_TAG]))


@dataclass
class Notes:
    """What the rows lost or had changed, each with its line, and how many of each kind."""

    dropped: list[str]
    changed: list[str]
    counts: Counter[str]

    def change(self, kind: str, line: int, what: str) -> None:
        self.counts[kind] += 1
        self.changed.append(f"line {line}: {what}")


_TRUE = ("true", "yes", "1")


def _row_draft(row: Row, layout: Layout, title: str, notes: Notes) -> Draft | None:
    def get(name: str) -> str:
        value = _cell(row.cells, layout.columns, name)
        return tidy(_from_html(value) if layout.html else value)

    prompt = get("prompt")
    if not prompt:
        notes.counts["no question"] += 1
        shown = get("answer") or " ".join(" ".join(c.split()) for c in row.cells if c.strip())
        notes.dropped.append(f"line {row.line}: {brief(shown)} (row without a question)")
        return None
    raw_difficulty = get("difficulty")
    difficulty = _difficulty(raw_difficulty)
    if raw_difficulty and difficulty is None:
        notes.change(
            "bad difficulty",
            row.line,
            f"difficulty '{brief(raw_difficulty)}' is not 1-3, easy, medium or hard: "
            f"set to {DEFAULT_DIFFICULTY}",
        )
    kind = get("kind")
    if kind and kind not in KINDS:
        notes.change(
            "bad kind",
            row.line,
            f"kind '{brief(kind)}' is not one of {', '.join(KINDS)}: set to concept",
        )
    raw_time = get("time_limit")
    time_limit = _time_limit(raw_time)
    if raw_time and time_limit is None:
        notes.change(
            "bad time limit",
            row.line,
            f"time limit '{brief(raw_time)}' is not {TIME_LIMIT_MIN}-{TIME_LIMIT_MAX} seconds: "
            "left out",
        )
    category = get("category").split("::")[-1].strip()
    key_points = _split_list(get("key_points"))
    return Draft(
        prompt=prompt,
        answer=get("answer"),
        category=category or title,
        difficulty=difficulty or DEFAULT_DIFFICULTY,
        kind=kind if kind in KINDS else "concept",
        time_limit=time_limit,
        key_points=key_points,
        key_points_derived=bool(key_points) and get("key_points_derived").lower() in _TRUE,
        follow_ups=_split_list(get("follow_ups")),
        tags=_tags(get("tags")),
        pitfalls=_split_list(get("pitfalls")),
        curveballs=_split_list(get("curveballs")),
        card_id=get("card_id"),
        line=row.line,
    )


# Each kind of note the rows get, and how the summary counts it (singular, plural).
_COUNTED = {
    "no question": ("row without a question", "rows without a question", "dropped"),
    "bad difficulty": (
        "unreadable difficulty",
        "unreadable difficulties",
        f"set to {DEFAULT_DIFFICULTY}",
    ),
    "bad kind": ("unknown kind", "unknown kinds", "set to concept"),
    "bad time limit": ("unreadable time limit", "unreadable time limits", "left out"),
}


TABLE_SHAPES = (
    "a header row naming a question column (prompt, question, front or q), or two columns "
    "(question, answer) without a header, or Anki's 'Notes in Plain Text' export"
)


def import_table(
    text: str,
    *,
    deck_id: str,
    title: str,
    source: str,
    delimiter: str | None = None,
    reserved: frozenset[str] = frozenset(),
) -> ImportResult:
    """Cards from CSV or TSV (the delimiter is sniffed when None), or an Anki plain-text export.
    An `id` column's card ids are kept unless `reserved` (other decks' ids) has them."""
    deck = deck_slug(deck_id)
    directives, body, taken = _anki_directives(normalize(text))
    separator = delimiter or _separator(directives) or _sniff(body)
    rows = read_rows(body, separator, first_line=taken + 1, source=source)
    if not rows:
        raise DeckError(f"no cards found in {source or 'the table'}: it has no rows")
    cells = [row.cells for row in rows]
    where = f"{source} line {rows[0].line}: " if source else f"line {rows[0].line}: "
    if directives:
        layout = _anki_layout(directives, cells[0])
    else:
        layout = _table_layout(cells, separator, where)
    notes = Notes([], [], Counter())
    name = title or deck
    data = rows[1:] if layout.header else rows
    drafts = [d for d in (_row_draft(row, layout, name, notes) for row in data) if d]
    summary = [f"{len(drafts)} from table rows"]
    summary.append(f"delimiter: {_DELIMITER_NAMES.get(separator, repr(separator))}")
    summary += layout.remarks
    itemised: list[str] = []
    for kind, (one, many, outcome) in _COUNTED.items():
        if notes.counts[kind]:
            summary.append(f"{counted(notes.counts[kind], one, many)} {outcome}")
            itemised.append(summary[-1])
    if not drafts:
        raise DeckError(
            f"no cards found in {source or 'the table'}; looked for {TABLE_SHAPES}", details=summary
        )
    return finish_import(
        drafts,
        deck,
        name,
        source,
        summary,
        dropped=tuple(notes.dropped),
        changed=tuple(notes.changed),
        itemised=tuple(itemised),
        reserved=reserved,
    )
