"""A field of the wrong type is a problem with its file, line, card and fix, never read as
something else: a number is not text, one text is not a list, curveballs belong to design
cards, and a deck's modes must exist."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from nora_cli.cli import app
from nora_cli.decks.loader import load_library, validate

CARD = """\
  - id: c1
    prompt: Why?
    category: Metrics
    kind: {kind}
    difficulty: 1
    key_points: ["one point", "two points", "three points"]
    answer: An answer.
"""


def deck(folder: Path, extra: str = "", *, kind: str = "concept", head: str = "") -> Path:
    """A one-card deck with `extra` lines added to the card (and `head` to the deck)."""
    path = folder / "d.yaml"
    body = f"id: d\ntitle: T\ndescription: D\n{head}cards:\n" + CARD.format(kind=kind) + extra
    path.write_text(body, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    return validate([path]).problems


def with_field(tmp_path: Path, name: str, value: str, *, kind: str = "concept") -> Path:
    """The card with one field replaced (or added) as `name: value`, on the card's last line."""
    path = deck(tmp_path, kind=kind)
    lines = [line for line in path.read_text().splitlines() if not line.startswith(f"    {name}:")]
    path.write_text("\n".join([*lines, f"    {name}: {value}"]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("prompt", "42", "field 'prompt' must be text, got 42"),
        ("category", "7", "field 'category' must be text, got 7"),
        ("answer", "3", "field 'answer' must be text, got 3"),
        ("follow_ups", "[1]", "field 'follow_ups' must be a list of texts; item 1 is 1"),
        ("tags", "guide", "field 'tags' must be a list of texts, got one text 'guide'"),
        ("pitfalls", "Accuracy is enough", "field 'pitfalls' must be a list of texts, got one"),
    ],
)
def test_a_wrong_type_is_a_problem_on_its_line(
    tmp_path: Path, name: str, value: str, says: str
) -> None:
    path = with_field(tmp_path, name, value)
    line = len(path.read_text().splitlines())
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:{line}: card 'c1': {says}")


def test_each_wrong_type_says_how_to_fix_it(tmp_path: Path) -> None:
    [number] = problems_of(with_field(tmp_path, "prompt", "42"))
    assert number.endswith('; write it in quotes: prompt: "42"')
    [one] = problems_of(with_field(tmp_path, "tags", "guide"))
    assert one.endswith("; write it as a list: tags: [guide]")
    [item] = problems_of(with_field(tmp_path, "follow_ups", "[1]"))
    assert item.endswith('; write each item as text, in quotes if it looks like a number: "1"')


def test_a_mapping_answer_is_one_problem_not_also_an_empty_answer(tmp_path: Path) -> None:
    path = deck(tmp_path)
    path.write_text(path.read_text().replace("An answer.\n", "\n      Note: x\n"))
    report = validate([path])
    assert report.problems == [
        f"{path}:11: card 'c1': field 'answer' must be text, got a mapping; write the answer "
        "as one text, in quotes or after '>-' when it contains ': '"
    ]
    assert report.warnings == []


def test_curveballs_belong_to_design_cards(tmp_path: Path) -> None:
    concept = with_field(tmp_path, "curveballs", "[Labels arrive late]")
    [problem] = problems_of(concept)
    assert problem == (
        f"{concept}:12: card 'c1': curveballs are asked only in a design card's walk; this card "
        "is kind 'concept': remove 'curveballs', or make the card kind: design"
    )
    single = with_field(tmp_path, "curveballs", "Labels arrive late", kind="design")
    [problem] = problems_of(single)
    assert "field 'curveballs' must be a list of texts, got one text" in problem
    assert problems_of(with_field(tmp_path, "curveballs", "[Late labels]", kind="design")) == []


def test_the_loader_does_not_read_a_wrong_type_as_something_else(nora_home: Path) -> None:
    folder = nora_home / "decks"
    folder.mkdir(parents=True)
    path = with_field(folder, "tags", "guide")
    library = load_library()
    assert "d" not in library.decks
    assert library.skipped["d"].startswith(f"{path}:12: card 'c1': field 'tags' must be a list")


def test_a_deck_naming_a_mode_that_does_not_exist_is_a_problem(
    nora_home: Path, tmp_path: Path
) -> None:
    path = deck(tmp_path, head="modes: [nonexistent-mode]\n")
    [problem] = problems_of(path)
    assert problem == (
        f"{path}:4: deck 'd' joins mode 'nonexistent-mode', which does not exist; use "
        "behavioral, salary-negotiation, standard or technical"
    )
    folder = nora_home / "decks"
    folder.mkdir(parents=True)
    mine = deck(folder, head="modes: [nonexistent-mode]\n")
    library = load_library()
    assert "d" not in library.decks and library.skipped["d"].startswith(f"{mine}:4: deck 'd'")
    assert problems_of(deck(tmp_path, head="modes: [salary]\n")) == []  # an alias is a mode
    result = CliRunner().invoke(app, ["decks", "validate"])
    said = " ".join(result.output.split())  # long temp paths wrap the message
    assert result.exit_code == 2 and "joins mode 'nonexistent-mode'" in said


def test_a_deck_joins_the_mode_it_names_by_alias(nora_home: Path) -> None:
    folder = nora_home / "decks"
    folder.mkdir(parents=True)
    deck(folder, head="modes: [salary]\n")
    assert "d" in load_library().modes["salary-negotiation"].decks


@pytest.mark.parametrize(("bad", "fixed"), [("My Deck", "my-deck"), ("a--b", "a-b"), ("x_", "x")])
def test_one_id_rule_in_one_wording(tmp_path: Path, bad: str, fixed: str) -> None:
    """`decks new` and `decks validate` say the same rule, and both accept - and _."""
    rule = "lowercase letters and digits, in words joined by - or _"
    path = deck(tmp_path)
    path.write_text(path.read_text().replace("id: d\n", f'id: "{bad}"\n', 1))
    [problem] = problems_of(path)
    assert problem == f"{path}:1: deck id '{bad}' must be {rule}, such as {fixed}"
    path = deck(tmp_path)
    path.write_text(path.read_text().replace("id: c1", f'id: "{bad}"'))
    [problem] = problems_of(path)
    assert problem == f"{path}:5: card '{bad}': card id '{bad}' must be {rule}, such as {fixed}"
    result = CliRunner().invoke(app, ["decks", "new", bad])
    said = " ".join(result.output.split())
    assert (
        result.exit_code == 1 and f"'{bad}' is not a deck id: use {rule}, such as {fixed}" in said
    )
    underscored = deck(tmp_path)
    underscored.write_text(underscored.read_text().replace("id: d\n", "id: my_deck\n"))
    assert problems_of(underscored) == []


def test_one_text_of_curveballs_on_a_concept_card_is_two_problems_at_once(tmp_path: Path) -> None:
    problems = problems_of(with_field(tmp_path, "curveballs", "Labels arrive late"))
    assert len(problems) == 2
    assert "must be a list of texts" in problems[0] and "curveballs are asked only" in problems[1]


def test_a_number_as_a_key_point_is_a_problem(tmp_path: Path) -> None:
    path = with_field(tmp_path, "key_points", '["one", 2, "three"]')
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:11: card 'c1': key point 2 is 2; write it as text")


def test_a_mode_of_yours_naming_a_deck_skipped_for_its_modes_is_skipped_too(
    nora_home: Path,
) -> None:
    """Skipping one file never leaves another naming it: the library still loads."""
    folder = nora_home / "decks"
    folder.mkdir(parents=True)
    deck(folder, head="modes: [mine, nowhere]\n")
    (folder / "mine.yaml").write_text("id: mine\nname: Mine\ndescription: x\ndecks: [d]\n")
    library = load_library()
    assert "d" not in library.decks and "mine" not in library.modes
    assert "joins mode 'nowhere'" in library.skipped["d"]
    assert "names deck 'd'" in library.skipped["mine"]


def test_a_deck_of_yours_joining_only_a_skipped_mode_of_yours_is_skipped_too(
    nora_home: Path,
) -> None:
    folder = nora_home / "decks"
    folder.mkdir(parents=True)
    deck(folder, head="modes: [mine]\n")
    (folder / "mine.yaml").write_text("id: mine\nname: Mine\ndescription: x\ndecks: [d, ghost]\n")
    library = load_library()  # no DeckError: each broken file of yours is skipped on its own
    assert "mine" not in library.modes and "d" not in library.decks
    assert "joins mode 'mine'" in library.skipped["d"]


def test_a_deck_of_yours_naming_a_missing_mode_asked_for_by_path_is_an_error(
    nora_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = nora_home / "decks"
    folder.mkdir(parents=True)
    path = deck(folder, head="modes: [nowhere]\n")
    monkeypatch.chdir(nora_home)  # messages name the file as decks/d.yaml
    result = CliRunner().invoke(app, ["drill", "technical", "--deck", str(path)], input="")
    assert result.exit_code == 2
    assert "error: decks/d.yaml:4: deck 'd' joins mode 'nowhere'" in " ".join(result.output.split())
