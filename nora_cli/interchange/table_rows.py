"""A table's rows, each with the line it starts on, and the one mistake that would merge rows
unseen: a quoted field whose closing quote is missing.

Python's csv reader, lenient as spreadsheets are, lets such a field run on over the line break
into the rows below, until some later quote or the end of the file closes it: two questions
become one card and the rest shift. A quoted field that spans lines and then ends badly (a
quote followed by more text, or no closing quote at all) is that mistake, and is refused with
the line where it opens. A quoted field over several lines that closes properly is a cell with
line breaks in it, and a stray quote on one line (`"Quoted" and more`) stays as lenient as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nora_cli.core.errors import DeckError

QUOTE = '"'


@dataclass(frozen=True)
class Row:
    line: int  # the line of the file the row starts on
    cells: list[str]


def read_rows(text: str, delimiter: str, *, first_line: int = 1, source: str = "") -> list[Row]:
    """The rows with something in them; `first_line` is the file's line number of the text's
    first line. DeckError for a quote left open (see the module's doc)."""
    import csv
    import io

    check_quotes(text, delimiter, first_line=first_line, source=source)
    rows: list[Row] = []
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
        start = 1
        for cells in reader:
            if any(cell.strip() for cell in cells):
                rows.append(Row(first_line + start - 1, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise DeckError(f"cannot read the table: {exc}") from exc
    return rows


def first_row(text: str, delimiter: str) -> list[str]:
    import csv
    import io

    try:
        return next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), [])
    except csv.Error:
        return []


def check_quotes(text: str, delimiter: str, *, first_line: int = 1, source: str = "") -> None:
    """DeckError naming the line where a quoted field opens that runs on over line breaks and
    never closes properly."""
    found = runaway_quote(text, delimiter)
    if found is None:
        return
    opened, closed = found
    where = f"{source} " if source else ""
    shift = first_line - 1
    fix = (
        'close the quote where the field ends, and write a quote inside a quoted field as two ("")'
    )
    if closed is None:
        last = text.rstrip("\n").count("\n") + 1
        raise DeckError(
            f"{where}line {opened + shift}: a quoted field opens here and is never closed: it "
            f"runs to the end of the file (line {last + shift}), taking in every row after "
            f"it; {fix}"
        )
    taken = f"line {opened + 1 + shift}"
    if closed > opened + 1:
        taken = f"lines {opened + 1 + shift}-{closed + shift}"
    raise DeckError(
        f"{where}line {opened + shift}: a quoted field opens here and its closing quote is "
        f"missing: it runs on over the line break and takes in {taken}, which would merge "
        f"rows into one card; {fix}"
    )


def runaway_quote(text: str, delimiter: str) -> tuple[int, int | None] | None:
    """The line a quoted field opens on and the line it ends on (None: at the end of the
    file), for the first one that spans lines and does not end with its closing quote followed
    by the delimiter or a line break. None when every quoted field is sound."""
    if delimiter == QUOTE:
        return None
    field_end = re.compile(f"[\n{re.escape(delimiter)}]")
    line, at, size = 1, 0, len(text)
    while at < size:
        if text[at] != QUOTE:  # an unquoted field: its quotes are text
            end = field_end.search(text, at)
            if end is None:
                return None
            line += end.group() == "\n"
            at = end.end()
            continue
        opened, inside = line, at + 1
        while True:
            close = text.find(QUOTE, inside)
            if close == -1:
                return opened, None
            line += text.count("\n", inside, close)
            if not text.startswith(QUOTE, close + 1):
                break
            inside = close + 2  # "" is a quote inside the field
        after = text[close + 1 : close + 2]
        if after not in ("", "\n", delimiter) and line > opened:
            return opened, line
        at = close + 1
    return None
