"""What `nora decks new`, `import` and `export` do with files, and the decks loaded with a
warning for each deck file of the user's that had to be skipped."""

from __future__ import annotations

import json
import re
from pathlib import Path

from rich.text import Text

from nora_cli.core.errors import UsageError
from nora_cli.core.models import ID_PATTERN
from nora_cli.core.wording import counted
from nora_cli.decks.check import DERIVED_FIELD, ID_RULE
from nora_cli.decks.loader import user_deck_dir, validate
from nora_cli.decks.starter import SCHEMA_FILE, starter_deck
from nora_cli.store.atomic import write_atomic
from nora_cli.ui.prose import say, whole
from nora_cli.ui.render import lines, make_console

DECK_ID = re.compile(ID_PATTERN)


def check_deck_id(name: str) -> str:
    deck_id = name.strip().lower()
    if not DECK_ID.match(deck_id):
        suggestion = id_from(name)
        such = f", such as {suggestion}" if DECK_ID.match(suggestion) else ""
        raise UsageError(f"'{name}' is not a deck id: use {ID_RULE}{such}")
    return deck_id


def id_from(name: str) -> str:
    """'My Interview Prep' as an id: my-interview-prep."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def write_schema(folder: Path) -> None:
    """Keep the JSON Schema beside the user's decks, where their `$schema` line points."""
    from nora_cli.decks.schema import deck_schema

    write_atomic(folder / SCHEMA_FILE, json.dumps(deck_schema(), indent=2).encode("utf-8"))


def new_deck(name: str) -> Path:
    deck_id = check_deck_id(name)
    folder = user_deck_dir()
    path = folder / f"{deck_id}.yaml"
    if path.exists():
        raise UsageError(f"{path} already exists; edit it, or choose another name")
    refuse_taken_id(deck_id, folder)
    title = deck_id.replace("-", " ").capitalize()
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(path, starter_deck(deck_id, title, str(path)).encode("utf-8"))
    write_schema(folder)
    report = validate([path])
    console = make_console()
    say(console, Text(f"Wrote {whole(str(path))}", style="green"))
    say(console, f"Edit it, then check it with: {whole(f'nora decks validate {path}')}")
    say(console, f"It joins technical mode: {whole(f'nora drill technical --deck {deck_id}')}")
    lines(console, report.problems, style="red")
    return path


def refuse_taken_id(deck_id: str, folder: Path) -> None:
    """A new deck never hides another: a shipped deck's id, or one a deck of yours has, is
    refused (a deck of yours with a shipped deck's id would replace it)."""
    from nora_cli.decks.loader import load_library

    deck = load_library().decks.get(deck_id)
    if deck is None:
        return
    if deck.origin == "yours":
        raise UsageError(
            f"your deck {deck.source} already has the id '{deck_id}'; edit that file, or "
            "choose another id"
        )
    raise UsageError(
        f"'{deck_id}' is the id of a shipped deck ({counted(len(deck.cards), 'card')}); a deck "
        f"of yours with that id would replace it. Choose another id, such as my-{deck_id}; to "
        f"change the shipped deck itself, copy {Path(deck.source).resolve()} into {folder} and "
        "edit the copy"
    )


def import_deck(
    source: Path,
    *,
    deck_id: str | None,
    title: str | None,
    output: Path | None,
    force: bool,
    verbose: bool = False,
) -> Path:
    """Turn a Markdown question bank or a CSV/TSV/Anki export into a deck in your decks."""
    from nora_cli.interchange.export_file import check_target, export_writer
    from nora_cli.interchange.importing import import_text
    from nora_cli.interchange.source_text import decode_source, not_utf8

    try:
        data = source.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {source}: {exc.strerror or exc}") from exc
    text = decode_source(data, str(source))
    unreadable = not_utf8(data, str(source))
    if unreadable:
        lines(make_console(stderr=True), [f"warning: {unreadable}"], "yellow")
    chosen_id = check_deck_id(deck_id or id_from(source.stem))
    named_by_file = source.stem.replace("-", " ").replace("_", " ").strip().capitalize()
    result = import_text(
        text,
        suffix=source.suffix,
        deck_id=chosen_id,
        title=title or "",
        source=str(source),
        fallback_title=named_by_file,
        reserved=_other_decks_card_ids(chosen_id),
    )
    target = output or user_deck_dir() / f"{chosen_id}.yaml"
    if output is None:
        target.parent.mkdir(parents=True, exist_ok=True)
    check_target(target, force=force, suggested_name=f"{chosen_id}.yaml", decks_too=False)
    with export_writer(target) as out:
        out.write(result.deck_yaml.encode("utf-8"))
    write_schema(target.parent)
    report = validate([target])
    console = make_console()
    say(
        console,
        Text(f"Imported {counted(result.cards, 'card')} into {whole(str(target))}", "green"),
    )
    for line in result.summary:
        pointer = VERBOSE_HINT if not verbose and line in result.itemised else ""
        say(console, f"  {line}{pointer}", hang=4)
    lines(console, rubric_lines(result.cards, result.with_key_points, result.derived, target))
    if verbose:
        listed = (("Dropped", result.dropped), ("Changed", result.changed))
        for heading, items in listed:
            if items or heading == "Dropped":
                say(console, Text(f"{heading} ({len(items)}):", style="bold"))
                for line in items or ("none",):
                    say(console, f"  {line}", hang=4)
    lines(console, report.problems, style="red")
    return target


VERBOSE_HINT = " (--verbose lists them)"  # after the importer's lines that count them


def _other_decks_card_ids(deck_id: str) -> frozenset[str]:
    """The card ids of every deck but `deck_id` (which an import under that id replaces)."""
    from nora_cli.decks.loader import load_library

    library = load_library()
    return frozenset(c.id for d in library.decks.values() if d.id != deck_id for c in d.cards)


def rubric_lines(cards: int, with_points: int, derived: int, target: Path) -> list[str]:
    """What `import` says about the imported cards' key points, and how to review them (paths
    and commands kept whole for `say`)."""
    listed = with_points - derived
    said = [
        f"Key points: {with_points} of {counted(cards, 'card')} "
        f"{'has' if with_points == 1 else 'have'} them; {listed} taken from the "
        f"answers' lists, {derived} proposed from the answers' sentences."
    ]
    if derived:
        said.append(
            f"Review the proposed ones: in {whole(str(target))} each such card says "
            f"'{whole(f'{DERIVED_FIELD}: true')}'; edit its key points, then delete that line. "
            f"`nora decks validate {target}` lists the cards still to review."
        )
    if cards > with_points:
        said.append(
            f"{counted(cards - with_points, 'card')} got no key points (no answer, or only code): "
            "write 3-6 for each."
        )
    return said


def export_deck(deck_id: str, fmt: str, output: Path | None, *, force: bool = False) -> None:
    from nora_cli.app.state import load_decks
    from nora_cli.decks.loader import find_deck
    from nora_cli.interchange import export as exporting
    from nora_cli.interchange.export_file import check_target, export_writer

    library = load_decks()
    deck = find_deck(library, deck_id)
    suffix = {"anki": ".apkg", "markdown": ".md", "csv": ".csv"}[fmt]
    if fmt != "anki" and output is None:
        text = exporting.export_markdown(deck) if fmt == "markdown" else exporting.export_csv(deck)
        print(text, end="")
        return
    target = check_target(
        output or Path(f"{deck.id}{suffix}"), force=force, suggested_name=f"{deck.id}{suffix}"
    )
    with export_writer(target) as out:
        if fmt == "anki":
            exporting.export_anki(deck, out)
        elif fmt == "markdown":
            out.write(exporting.export_markdown(deck).encode("utf-8"))
        else:
            out.write(exporting.export_csv(deck).encode("utf-8"))
    say(
        make_console(stderr=True),
        f"Wrote {counted(len(deck.cards), 'card')} to {whole(str(target))}",
    )
