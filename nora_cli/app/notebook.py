"""What `nora stories` and `nora projects` do: add, list, show, edit, remove, coverage."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.text import Text

from nora_cli.core import notebook
from nora_cli.core.errors import StoreError, UsageError
from nora_cli.core.notebook import Kind, Note
from nora_cli.store import notebook as notebook_store
from nora_cli.store import paths
from nora_cli.ui.layout import Cell, Column, records
from nora_cli.ui.prompts import confirm, output
from nora_cli.ui.prose import counted, say, whole
from nora_cli.ui.render import lines, make_console


def _console() -> Console:
    return make_console()


def _warn(warnings: list[str]) -> None:
    lines(make_console(stderr=True), warnings, "yellow")


def _load(kind: Kind) -> dict[str, Note]:
    read = notebook_store.read(kind)
    _warn(read.warnings)
    return read.notes


def add(kind: Kind, from_file: Path | None) -> Note:
    existing = _load(kind)
    if from_file is not None:
        text = sys.stdin.read() if str(from_file) == "-" else _read(from_file)
        values = from_yaml(kind, text, str(from_file))
    elif sys.stdin.isatty():
        values = _ask(kind)
    else:
        raise UsageError(
            f"no terminal to ask in: pass a YAML file, `nora {kind.plural} add --from-file "
            f"{kind.noun}.yaml` (see `nora {kind.plural} template`)"
        )
    paths.ensure_data_dir()
    note = notebook_store.put(
        kind, notebook.new_id(str(values[kind.fields[0].key]), set(existing)), values
    )
    _console().print(Text(f"Saved {kind.noun} '{note.id}': {note.title}", style="green"))
    return note


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read {path}: {exc}") from exc


def _ask(kind: Kind) -> dict[str, Any]:
    """Each field in turn: its hint on a line of its own, then the prompt. Ctrl-C stops
    without saving and says so."""
    try:
        return _ask_fields(kind)
    except KeyboardInterrupt:
        _console().print(f"\nThe {kind.noun} was not saved.")
        raise


def _ask_fields(kind: Kind) -> dict[str, Any]:
    import questionary

    from nora_cli.ui.prompts import CHECKBOX_HELP, NO_INSTRUCTION, question, text_wrap

    console = _console()
    raw: dict[str, Any] = {}
    for spec in kind.fields:
        say(console, Text(spec.help, style="dim"))
        if spec.multi and spec.key in kind.choices:
            options = kind.choices[spec.key]
            raw[spec.key] = questionary.checkbox(
                question(spec.label, CHECKBOX_HELP),
                choices=[questionary.Choice(label, value=key) for key, label in options.items()],
                instruction=NO_INSTRUCTION,
                output=output(),
            ).unsafe_ask()
            continue
        label = f"{spec.label}{' (required)' if spec.required else ''}:"
        raw[spec.key] = questionary.text(
            label,
            validate=(lambda v: bool(v.strip()) or "required") if spec.required else None,
            output=output(),
            input_processors=[text_wrap(label)],
        ).unsafe_ask()
    values, problems = notebook.clean(kind, raw)
    if problems:
        raise StoreError(f"the {kind.noun} was not saved", details=problems)
    return values


def list_notes(kind: Kind, as_json: bool, used: dict[str, int] | None = None) -> None:
    found = _load(kind)
    if as_json:
        rows = [
            {"id": n.id, **n.values, "updated": n.updated.isoformat()}
            | ({"times_used": (used or {}).get(n.id, 0)} if used is not None else {})
            for n in found.values()
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    console = _console()
    if not found:
        say(console, f"No {kind.plural} yet. Add one with: {whole(f'nora {kind.plural} add')}")
        return
    columns = [Column("Id", keep=True), Column(kind.fields[0].label)]
    if kind.choices:
        columns.append(Column("Themes", drop=1))
    if used is not None:
        columns.append(Column("Told", keep=True, justify="right"))
    table: list[list[Cell]] = []
    for note in found.values():
        row: list[Cell] = [Text(note.id), Text(note.title)]
        if kind.choices:
            row.append(Text(", ".join(note.values.get("themes") or []) or "-"))
        if used is not None:
            row.append(str(used.get(note.id, 0)))
        table.append(row)
    records(console, kind.plural.capitalize(), columns, table)


def show(kind: Kind, wanted: str) -> None:
    note = notebook.find(kind, _load(kind), wanted)
    render_note(_console(), note)


def render_note(console: Console, note: Note) -> None:
    named = f"({note.id})"
    if len(named) > console.width:  # too long to stand whole on a line with its brackets
        named = note.id
    say(console, Text.assemble((note.title, "bold"), "  ", (named, "bold")))
    for spec in note.kind.fields[1:]:
        value = note.text(spec.key)
        if value:
            say(console, Text.assemble((f"{spec.label}: ", "bold"), value), hang=2)


def edit(kind: Kind, wanted: str) -> None:
    note = notebook.find(kind, _load(kind), wanted)
    text = to_yaml(note)
    while True:
        edited = run_editor(text, suffix=".yaml")
        if edited.strip() == text.strip():
            _console().print("No changes.")
            return
        try:
            values = from_yaml(kind, edited, f"{kind.noun} '{note.id}'")
            break
        except StoreError as exc:
            if not sys.stdin.isatty():
                raise
            _warn([exc.message, *exc.details])
            if not confirm("Edit again to fix it?", default=True):
                _console().print("Nothing was saved.")
                return
            text = edited
    notebook_store.put(kind, note.id, values)
    _console().print(Text(f"Saved {kind.noun} '{note.id}'.", style="green"))


def run_editor(text: str, *, suffix: str) -> str:
    """Open $VISUAL or $EDITOR on `text` and return what the user saved."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"nora-edit{suffix}"
        path.write_text(text, encoding="utf-8")
        try:
            done = subprocess.run([*shlex.split(editor), str(path)], check=False)
        except OSError as exc:
            raise UsageError(f"cannot start the editor '{editor}': {exc}; set $EDITOR") from exc
        if done.returncode != 0:
            raise UsageError(f"the editor '{editor}' exited with code {done.returncode}")
        return path.read_text(encoding="utf-8")


def remove(kind: Kind, wanted: str, yes: bool) -> None:
    note = notebook.find(kind, _load(kind), wanted)
    if not yes:
        if not sys.stdin.isatty():
            raise UsageError(f"removing needs confirmation: add --yes to remove '{note.id}'")
        if not confirm(f"Remove {kind.noun} '{note.title}'?", default=True):
            _console().print("Nothing removed.")
            return
    notebook_store.remove(kind, note.id)
    kept = notebook_store.log_path(kind)
    _console().print(f"Removed {kind.noun} '{note.id}'. Earlier versions stay in {kept}.")


def template(kind: Kind) -> None:
    print(to_yaml(kind), end="")


def coverage() -> None:
    found = _load(notebook.STORY)
    console = _console()
    rows: list[tuple[Cell, Cell]] = []
    for key, label in notebook.THEMES.items():
        titles = [n.title for n in found.values() if key in (n.values.get("themes") or [])]
        mark = Text("✓ ", "green") if titles else Text("✗ ", "red")
        rows.append((Text.assemble(mark, (label, "bold")), "; ".join(titles) or "no story yet"))
    records(console, "Story themes", [Column("Theme"), Column("Your stories")], rows)
    covered = sum(1 for _, stories in rows if stories != "no story yet")
    console.print(f"{covered} of {len(notebook.THEMES)} themes have a story.")
    if covered < len(notebook.THEMES):
        say(console, f"Add one with: {whole('nora stories add')}")


def to_yaml(note_or_kind: Note | Kind) -> str:
    """An editable YAML rendering with each field's help as a comment."""
    kind = note_or_kind.kind if isinstance(note_or_kind, Note) else note_or_kind
    values = note_or_kind.values if isinstance(note_or_kind, Note) else {}
    lines = [
        f"# Edit this {kind.noun}, save and close the editor. Lines starting with # are ignored."
    ]
    for spec in kind.fields:
        lines.append(f"# {spec.label}: {spec.help}")
        if spec.multi:
            options = kind.choices.get(spec.key)
            if options:
                lines.append(f"# Choose from: {', '.join(options)}")
            items = values.get(spec.key) or []
            lines.append(f"{spec.key}: [{', '.join(items)}]")
        else:
            text = str(values.get(spec.key, ""))
            lines.append(f"{spec.key}: |-")
            lines.extend(f"  {line}" for line in (text.splitlines() or [""]))
    return "\n".join(lines) + "\n"


def from_yaml(kind: Kind, text: str, source: str) -> dict[str, Any]:
    from nora_cli.decks.yamlfile import YamlProblem, parse_text

    try:
        raw = parse_text(text)
    except YamlProblem as problem:
        raise StoreError(f"{source}:{problem.line}: {problem.message}") from problem
    if not isinstance(raw, dict):
        raise StoreError(f"{source}: expected fields like 'title: ...', one per line")
    values, problems = notebook.clean(kind, dict(raw))
    if problems:
        raise StoreError(f"{source}: {counted(len(problems), 'problem')}", details=problems)
    return values
