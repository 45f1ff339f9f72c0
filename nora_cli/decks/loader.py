"""Find, load and cross-check the shipped decks and modes (and any extra files)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from importlib import resources
from pathlib import Path

from nora_cli.core.errors import DeckError
from nora_cli.core.models import Deck, Library, Mode
from nora_cli.decks import cache as deckcache
from nora_cli.decks.check import Report, check_deck, check_mode
from nora_cli.decks.yamlfile import LineDict, YamlProblem, load_yaml


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


def user_deck_dir() -> Path:
    from nora_cli.store import paths

    return paths.data_dir() / "decks"


def user_files() -> list[Path]:
    folder = user_deck_dir()
    return sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]) if folder.is_dir() else []


def load_library(extra: Iterable[Path] = (), *, root: Path | None = None) -> Library:
    """Load the shipped decks and modes, the user's decks and any extra deck files; raise
    DeckError on any problem. A user deck with a shipped deck's id replaces it; a new user
    deck joins the modes it lists (technical by default).

    `root` points at another questions/ folder (tests use small fixture decks).
    """
    shipped = shipped_files(root)
    mine = [*user_files(), *extra]
    cached = deckcache.read([*shipped, *mine])
    if cached is not None:
        return cached
    report = Report()
    shipped_decks, modes = read_files(shipped, report)
    own_decks, own_modes = read_files(mine, report)
    own_decks = [replace(d, origin="yours") for d in own_decks]
    replaced = {d.id for d in own_decks} & {d.id for d in shipped_decks}
    replacements = tuple(
        f"your deck '{d.id}' ({d.source}) replaces the shipped one"
        for d in own_decks
        if d.id in replaced
    )
    decks = [d for d in shipped_decks if d.id not in replaced] + own_decks
    modes = [_join(mode, own_decks) for mode in [*modes, *own_modes]]
    cross_check(decks, modes, report)
    if report.problems:
        count = len(report.problems)
        raise DeckError(
            f"{count} problem{'s' * (count != 1)} in the decks; fix them and run "
            "`nora decks validate` to check",
            details=report.problems,
        )
    library = Library(
        decks={deck.id: deck for deck in decks},
        modes={mode.id: mode for mode in modes},
        warnings=tuple(report.warnings),
        replacements=replacements,
    )
    deckcache.write([*shipped, *mine], library)
    return library


def _join(mode: Mode, own: list[Deck]) -> Mode:
    """Add the user's new decks to the modes they name."""
    joining = tuple(d.id for d in own if d.id not in mode.decks and mode.id in d.modes)
    if not joining or mode.stages:
        return mode
    return replace(mode, decks=mode.decks + joining)


def validate(paths: list[Path]) -> Report:
    """Check the given files (or the shipped ones): every problem and warning, nothing raised."""
    report = Report()
    if not paths:
        from nora_cli.decks.plan_file import plan_path, read_plan

        decks, modes = read_files(shipped_files(), report)
        cross_check(decks, modes, report)
        if not report.problems:
            library = Library({d.id: d for d in decks}, {m.id: m for m in modes})
            read_plan(plan_path(shipped_root()), library, report)
        return report
    decks, modes = read_files(paths, report)
    if modes:
        # A mode may name shipped decks; load them (quietly) so its references resolve.
        shipped_decks, _ = read_files(sorted((shipped_root() / "decks").glob("*.yaml")), Report())
        given = {deck.id for deck in decks}
        decks = decks + [d for d in shipped_decks if d.id not in given]
    cross_check(decks, modes, report)
    return report
