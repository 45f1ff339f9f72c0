"""How well `nora decks import` reads real question banks: run
`python bench/bench_import.py FILE_OR_FOLDER ...` and read the table.

The banks are third-party text, so none is kept in this repository: save copies of public
banks anywhere and point the script at them. Each file is imported the way `nora decks import`
does it, and compared with a reference count taken by simple line patterns that do not share
nora's logic (bold question lines, list items and headings with [E]/[M]/[H] or emoji markers,
numbered `N)` headings, headings ending with '?', <summary> lines, Q: lines, table rows).

Columns: questions by the line patterns; questions nora found; cards made (exact duplicates
are merged); cards / reference (the target is at least 97%); section headings and legend lines
that became cards (must be 0); prompts with a leftover marker, joiner or variation selector
(must be 0); marked questions by the patterns, and cards whose difficulty came from a marker;
cards with key points, of which derived from prose; blocks dropped.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from nora_cli.interchange.importing import import_text, is_markdown

MARKERS = r"(?:[\[(]\s*[EMH]\s*[\])]|\U0001f476|\u2b50|\U0001f680|[\U0001f7e2\U0001f7e1\U0001f534])"
BOLD_LINE = re.compile(r"^\s*(?:[-*+]\s+)?\*\*(?P<q>.+?)\*\*\s*:?\s*$")
MARKED_ITEM = re.compile(rf"^\s*(?:[-*+]|\d+[.)])\s+.*{MARKERS}")
NUMBERED_HEADING = re.compile(r"^#{2,6}\s+(?:\d+\)|Q\d+[.:])\s+\S")
QUESTION_HEADING = re.compile(r"^#{2,6}\s+(?P<t>.*\?)\s*(?:\[.*\])?\s*$")
SUMMARY = re.compile(r"<summary", re.IGNORECASE)
QLINE = re.compile(r"^\s*Q\d*\s*[:.]\s+\S")
HEADING = re.compile(r"^#{1,6}\s+(?P<t>.+?)\s*#*\s*$")
LEGEND = re.compile(rf"legend|{MARKERS}\s*(?:easy|medium|hard|expert)", re.IGNORECASE)
LEFTOVER = re.compile(rf"{MARKERS}|[\u200d\ufe0e\ufe0f]")


@dataclass
class Figures:
    name: str
    reference: int
    found: int
    cards: int
    headings_as_cards: int
    leftovers: int
    marked_reference: int
    marked: int
    with_points: int
    derived: int
    dropped: int


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w?]+", " ", text.casefold()).split())


def reference_lines(text: str) -> tuple[set[int], set[int], set[str]]:
    """Line numbers that ask (and those with a marker), and the headings that do not ask."""
    asking: set[int] = set()
    marked: set[int] = set()
    headings: set[str] = set()
    in_code = False
    for number, line in enumerate(text.split("\n")):
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
        if in_code:
            continue
        bold = BOLD_LINE.match(line)
        asks = bool(
            (bold and ("?" in bold.group("q") or re.search(MARKERS, bold.group("q"))))
            or MARKED_ITEM.match(line)
            or NUMBERED_HEADING.match(line)
            or QUESTION_HEADING.match(line)
            or SUMMARY.search(line)
            or QLINE.match(line)
        )
        if asks and LEGEND.search(line):
            asks = False
        if asks:
            asking.add(number)
            if re.search(MARKERS, line):
                marked.add(number)
        heading = HEADING.match(line)
        if heading and number not in asking:
            headings.add(_fold(heading.group("t")))
    return asking, marked, headings


def table_rows(text: str) -> int:
    body = "\n".join(line for line in text.split("\n") if not line.startswith("#"))
    delimiter = "\t" if "\t" in body.split("\n", 1)[0] else ","
    rows = [r for r in csv.reader(io.StringIO(body), delimiter=delimiter) if any(r)]
    header = not text.startswith("#") and rows and "question" in ",".join(rows[0]).lower()
    return len(rows) - (1 if header else 0)


def measure(path: Path) -> Figures:
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    result = import_text(text, suffix=path.suffix, deck_id="bench", title="", source=str(path))
    cards = yaml.safe_load(result.deck_yaml)["cards"]
    prompts = [_fold(card["prompt"]) for card in cards]
    if is_markdown(text, path.suffix):
        asking, marked, headings = reference_lines(text)
        legends = {_fold(line) for line in text.split("\n") if LEGEND.search(line)}
        reference, marked_reference = len(asking), len(marked)
        as_cards = sum(p in headings or p in legends for p in prompts)
    else:
        reference, marked_reference, as_cards = table_rows(text), 0, 0
    return Figures(
        name=path.name,
        reference=reference,
        found=result.questions,
        cards=result.cards,
        headings_as_cards=as_cards,
        leftovers=sum(bool(LEFTOVER.search(card["prompt"])) for card in cards),
        marked_reference=marked_reference,
        marked=result.marked,
        with_points=result.with_key_points,
        derived=result.derived,
        dropped=len(result.dropped),
    )


def files(arguments: list[str]) -> list[Path]:
    found: list[Path] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            found += sorted(
                p for p in path.rglob("*") if p.suffix in (".md", ".csv", ".txt", ".tsv")
            )
        else:
            found.append(path)
    return found


def main(arguments: list[str]) -> int:
    if not arguments:
        print(__doc__)
        return 1
    header = (
        f"{'bank':32} {'ref':>5} {'found':>5} {'cards':>5} {'cards/ref':>9} {'head/leg':>8} "
        f"{'junk':>4} {'marked':>11} {'key points':>14} {'dropped':>7}"
    )
    print(header)
    total = Figures("all", *([0] * 10))
    for path in files(arguments):
        row = measure(path)
        for name in vars(total):
            if name != "name":
                setattr(total, name, getattr(total, name) + getattr(row, name))
        print(line(row))
    print(line(total))
    return 0


def line(row: Figures) -> str:
    share = f"{row.cards / row.reference:.1%}" if row.reference else "-"
    marked = f"{row.marked}/{row.marked_reference}"
    points = f"{row.with_points} ({row.derived} der.)"
    return (
        f"{row.name[:32]:32} {row.reference:5} {row.found:5} {row.cards:5} {share:>9} "
        f"{row.headings_as_cards:8} {row.leftovers:4} {marked:>11} {points:>14} {row.dropped:7}"
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
