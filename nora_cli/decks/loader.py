"""Find, load and cross-check the shipped decks and modes, the user's own deck files (each
skipped, with a warning, when it is broken or clashes) and any extra files."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path

from nora_cli.core.errors import DeckError, UsageError
from nora_cli.core.models import Deck, Library, Mode
from nora_cli.core.wording import counted
from nora_cli.decks import cache as deckcache
from nora_cli.decks.check import Report, check_deck
from nora_cli.decks.check_mode import check_mode
from nora_cli.decks.yamlfile import LineDict, YamlProblem, declared_ids, load_yaml


def shipped_root() -> Path:
    """The questions/ folder: inside the installed wheel, or at the top of a source checkout."""
    packaged = Path(str(resources.files("nora_cli").joinpath("questions")))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "questions"


def shipped_files(root: Path | None = None) -> list[Path]:
    root = root or shipped_root()
    return sorted((root / "decks").glob("*.yaml")) + sorted((root / "modes").glob("*.yaml"))


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def read_files(paths: Iterable[Path], report: Report) -> tuple[list[Deck], list[Mode]]:
    """Parse each file as a deck (it has `cards`) or a mode (it has `decks`)."""
    decks: list[Deck] = []
    modes: list[Mode] = []
    for path in paths:
        source = _display(path)
        try:
            doc = load_yaml(path)
        except YamlProblem as problem:
            where = f"{source}:{problem.line}" if problem.line else source
            report.problems.append(f"{where}: {problem.message}")
            continue
        if isinstance(doc, LineDict) and "decks" in doc and "cards" not in doc:
            mode = check_mode(doc, source, report)
            if mode:
                modes.append(mode)
        else:
            deck = check_deck(doc, source, report)
            if deck:
                decks.append(deck)
    return decks, modes


def cross_check(decks: list[Deck], modes: list[Mode], report: Report) -> None:
    """Problems that span files: duplicate ids and prompts, modes naming missing decks."""
    deck_seen: dict[str, Deck] = {}
    for deck in decks:
        if deck.id in deck_seen:
            report.problems.append(
                f"{deck.source}: deck id '{deck.id}' is also used by {deck_seen[deck.id].source}; "
                "give one of them another id"
            )
        deck_seen[deck.id] = deck
    card_seen: dict[str, str] = {}
    for deck in decks:
        for card in deck.cards:
            if card.id in card_seen:
                report.problems.append(
                    f"{card.where}: card '{card.id}': duplicate card id, first used at "
                    f"{card_seen[card.id]}; card ids must be unique across all decks"
                )
            else:
                card_seen[card.id] = card.where
    report.problems += missing_modes(decks, modes)
    categories = {card.category for deck in decks for card in deck.cards}
    names: dict[str, str] = {}
    for mode in modes:
        for missing in (d for d in mode.decks if d not in deck_seen):
            report.problems.append(
                f"{mode.source}: mode '{mode.id}' names deck '{missing}', which does not exist "
                f"(decks: {', '.join(sorted(deck_seen)) or 'none'})"
            )
        for missing in (c for c in mode.categories if c not in categories):
            report.problems.append(
                f"{mode.source}: mode '{mode.id}' names category '{missing}', which no card has"
            )
        for name in (mode.id, *mode.aliases):
            if name in names:
                report.problems.append(
                    f"{mode.source}: mode name '{name}' is also used by {names[name]}"
                )
            names[name] = mode.source


def missing_modes(decks: list[Deck], modes: list[Mode]) -> list[str]:
    """A problem for each mode a deck lists in `modes:` that is neither a mode's id nor an alias."""
    names = {name for mode in modes for name in (mode.id, *mode.aliases)}
    ids = sorted(mode.id for mode in modes)
    choices = f"{', '.join(ids[:-1])} or {ids[-1]}" if len(ids) > 1 else "".join(ids)
    return [
        f"{deck.source}:{deck.modes_line}: deck '{deck.id}' joins mode '{name}', which does not "
        f"exist; use {choices or 'a mode id'}"
        for deck in decks
        if deck.modes_line
        for name in deck.modes
        if name not in names
    ]


def user_deck_dir() -> Path:
    from nora_cli.store import paths

    return paths.data_dir() / "decks"


def user_files() -> list[Path]:
    folder = user_deck_dir()
    return sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]) if folder.is_dir() else []


@dataclass
class Own:
    """The user's deck and mode files that can be used, and those skipped (with why)."""

    decks: list[Deck] = field(default_factory=list)
    modes: list[Mode] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)


def _skip_message(problems: list[str]) -> str:
    """One line for a skipped file of the user's: its first problem (which names the file and
    line), that it was skipped, and how to see the rest."""
    more = len(problems) - 1
    rest = f" and {counted(more, 'more problem')}" if more else ""
    return (
        f"{problems[0]}{rest}; this deck file of yours was skipped: fix it, then check it "
        "with `nora decks validate`"
    )


def _card_clashes(deck: Deck, taken: dict[str, str]) -> list[str]:
    """The deck's cards whose ids another deck already uses (or the deck itself, twice)."""
    clashes: list[str] = []
    own: dict[str, str] = {}
    for card in deck.cards:
        first = taken.get(card.id) or own.get(card.id)
        if first:
            clashes.append(
                f"{card.where}: card '{card.id}': duplicate card id, first used at {first}; "
                "card ids must be unique across all decks"
            )
        own[card.id] = card.where
    return clashes


def _own_files(paths: list[Path], shipped: list[Deck]) -> Own:
    """Read each of the user's files on its own: a file with any problem, or whose decks clash
    with the decks already taken (shipped or the user's), is skipped, never fatal."""
    own = Own()
    deck_files: dict[str, str] = {}
    for path in paths:
        report = Report()
        decks, modes = read_files([path], report)
        problems = list(report.problems)
        for deck in decks:
            if deck.id in deck_files:
                problems.append(
                    f"{deck.source}: deck id '{deck.id}' is also used by {deck_files[deck.id]}; "
                    "give one of them another id"
                )
            replacing = {d.id for d in own.decks} | {deck.id}
            live = [d for d in shipped if d.id not in replacing] + own.decks
            taken = {card.id: card.where for d in live for card in d.cards}
            problems += _card_clashes(deck, taken)
        if problems:
            message = _skip_message(problems)
            names = {path.stem, str(path.resolve())} | {d.id for d in decks}
            if not decks and not modes:  # unreadable: the id its text declares, if any
                names |= set(declared_ids(path))
            own.skipped.update(dict.fromkeys(names, message))
            continue
        own.decks += [replace(d, origin="yours") for d in decks]
        own.modes += modes
        own.warnings += report.warnings
        deck_files.update({d.id: d.source for d in decks})
    return own


def _drop_decks_joining_missing_modes(own: Own, modes: list[Mode]) -> None:
    """A deck of the user's that lists a mode that does not exist is skipped."""
    kept: list[Deck] = []
    for deck in own.decks:
        problems = missing_modes([deck], modes)
        if problems:
            names = {deck.id, str(Path(deck.source).resolve())}  # by id, or by path
            own.skipped.update(dict.fromkeys(names, _skip_message(problems)))
        else:
            kept.append(deck)
    own.decks = kept


def _drop_broken_modes(own: Own, decks: list[Deck], shipped_modes: list[Mode]) -> None:
    """A mode of the user's that names a missing deck or reuses a mode's name is skipped."""
    kept: list[Mode] = []
    for mode in own.modes:
        report = Report()
        cross_check(decks, [*shipped_modes, *kept, mode], report)
        mine = [p for p in report.problems if p.startswith(mode.source)]
        if mine:
            own.skipped[mode.id] = _skip_message(mine)
        else:
            kept.append(mode)
    own.modes = kept


def _refuse_asked(library: Library, asked: list[Path]) -> None:
    """A deck file asked for by path that had to be skipped is an error, not a warning."""
    for path in asked:
        message = library.skipped.get(str(path.resolve()))
        if message:
            raise DeckError(message)


def load_library(extra: Iterable[Path] = (), *, root: Path | None = None) -> Library:
    """Load the shipped decks and modes, the user's decks and any extra deck files. A problem
    in a shipped file raises DeckError; a user file with a problem, or whose card ids clash
    with another deck's, is skipped and named in `Library.skipped` (an extra file asked for by
    path raises instead). A user deck with a shipped deck's id replaces it; a new user deck
    joins the modes it lists (technical by default).

    `root` points at another questions/ folder (tests use small fixture decks).
    """
    shipped = shipped_files(root)
    asked = list(extra)
    folder = user_files()
    known = {p.resolve() for p in folder}
    mine = [*folder, *(p for p in asked if p.resolve() not in known)]
    library = deckcache.read([*shipped, *mine])
    if library is None:
        library = _parse(shipped, mine)
        deckcache.write([*shipped, *mine], library)
    _refuse_asked(library, asked)
    return library


def _parse(shipped: list[Path], mine: list[Path]) -> Library:
    report = Report()
    shipped_decks, modes = read_files(shipped, report)
    if report.problems:
        _raise(report)
    own = _own_files(mine, shipped_decks)
    while True:  # dropping a deck can break a mode that names it, and the other way round
        kept = len(own.decks) + len(own.modes)
        _drop_decks_joining_missing_modes(own, [*modes, *own.modes])
        replaced = {d.id for d in own.decks} & {d.id for d in shipped_decks}
        decks = [d for d in shipped_decks if d.id not in replaced] + own.decks
        _drop_broken_modes(own, decks, modes)
        if len(own.decks) + len(own.modes) == kept:
            break
    replacements = tuple(
        f"your deck '{d.id}' ({d.source}) replaces the shipped one"
        for d in own.decks
        if d.id in replaced
    )
    modes = [_join(mode, own.decks) for mode in [*modes, *own.modes]]
    cross_check(decks, modes, report)
    if report.problems:
        _raise(report)
    return Library(
        decks={deck.id: _derive(deck) for deck in decks},
        modes={mode.id: mode for mode in modes},
        warnings=tuple(report.warnings + own.warnings),
        replacements=replacements,
        skipped=own.skipped,
    )


def _derive(deck: Deck) -> Deck:
    from nora_cli.core.dimensions import with_derived

    return replace(deck, cards=tuple(with_derived(card) for card in deck.cards))


def _raise(report: Report) -> None:
    count = len(report.problems)
    raise DeckError(
        f"{counted(count, 'problem')} in the decks; fix them and run "
        "`nora decks validate` to check",
        details=report.problems,
    )


def find_deck(library: Library, deck_id: str) -> Deck:
    """A deck by id: a skipped deck of the user's is an error (exit 2), an unknown id exit 1."""
    deck = library.decks.get(deck_id)
    if deck is not None:
        return deck
    if deck_id in library.skipped:
        raise DeckError(library.skipped[deck_id])
    raise UsageError(f"no deck '{deck_id}'. Decks: {', '.join(sorted(library.decks))}")


def require_decks(library: Library, deck_ids: Iterable[str]) -> None:
    """Asking for a skipped deck of the user's by id is an error (exit 2)."""
    for deck_id in deck_ids:
        if deck_id not in library.decks and deck_id in library.skipped:
            raise DeckError(library.skipped[deck_id])


def _join(mode: Mode, own: list[Deck]) -> Mode:
    """Add the user's new decks to the modes they name."""
    names = {mode.id, *mode.aliases}
    joining = tuple(d.id for d in own if d.id not in mode.decks and names & set(d.modes))
    if not joining or mode.stages:
        return mode
    return replace(mode, decks=mode.decks + joining)


def validate(paths: list[Path]) -> Report:
    """Check files, report every problem and warning, raise nothing. With no paths: the shipped
    decks, modes and plan, and every file in the user's decks folder, including ids that clash
    across decks. With paths: those files, and their clashes with the rest of the library."""
    report = Report()
    shipped_decks, shipped_modes = read_files(shipped_files(), report)
    if not paths:
        from nora_cli.decks.plan_file import plan_path, read_plan

        mine_decks, mine_modes = read_files(user_files(), report)
        _check_together(shipped_decks, shipped_modes, mine_decks, mine_modes, report)
        if not report.problems:
            library = Library({d.id: d for d in shipped_decks}, {m.id: m for m in shipped_modes})
            read_plan(plan_path(shipped_root()), library, report)
        return report
    report = Report()  # shipped problems belong to `nora decks validate` without files
    given = {p.resolve() for p in paths}
    decks, modes = read_files(paths, report)
    others = _own_files([p for p in user_files() if p.resolve() not in given], shipped_decks)
    clashes = Report()
    _check_together([*shipped_decks, *others.decks], shipped_modes, decks, modes, clashes)
    sources = tuple({d.source for d in decks} | {m.source for m in modes})
    report.problems += [p for p in clashes.problems if sources and p.startswith(sources)]
    return report


def _check_together(
    base: list[Deck], base_modes: list[Mode], decks: list[Deck], modes: list[Mode], report: Report
) -> None:
    """Cross-check files against a library: decks with the same id replace the base's."""
    replaced = {d.id for d in decks} & {d.id for d in base}
    every = [d for d in base if d.id not in replaced] + decks
    cross_check(every, [_join(m, decks) for m in [*base_modes, *modes]], report)
