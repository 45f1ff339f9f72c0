"""The deck and mode loader: every invalid case gives one line with file, line, card and fix."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from nora_cli.core.errors import DeckError
from nora_cli.decks import yamlfile
from nora_cli.decks.loader import load_library, validate

CARD = """\
  - id: {id}
    prompt: {prompt}
    category: Metrics
    kind: concept
    difficulty: {difficulty}
    time_limit: 120
    key_points: ["one point", "two points", "three points"]
    answer: An answer.
    follow_ups: []
    tags: []
"""


def deck_file(folder: Path, name: str, *cards: str, deck_id: str | None = None) -> Path:
    body = f"id: {deck_id or name}\ntitle: T\ndescription: D\ncards:\n" + "".join(cards)
    path = folder / f"{name}.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def card(id: str = "c1", prompt: str = "Why?", difficulty: object = 1) -> str:
    return CARD.format(id=id, prompt=prompt, difficulty=difficulty)


def test_a_valid_deck_has_no_problems(tmp_path: Path) -> None:
    report = validate([deck_file(tmp_path, "d", card("c1"), card("c2", "How?"))])
    assert report.problems == [] and report.warnings == []


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("id: x\ntitle: T\ncards:\n  - id: [unclosed\n    prompt: y\n")
    [problem] = validate([path]).problems
    assert problem == (
        f"{path}:4: YAML syntax error at column 9: while parsing a flow sequence: did not find "
        "expected ',' or ']' at line 5, column 11"
    )  # at the bracket left open, not where the parser gave up


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ('id: x\ntitle: "never closed\ncards: []\n', 2, 8, "found unexpected end of stream"),
        ("id: x\ncards:\n  - id: a\n    prompt: b\n   kind: c\n", 5, 4, "expected '-' indicator"),
        ("id: x\ntitle: a: b\ncards: []\n", 2, 9, "mapping values are not allowed"),
        ("id: x\ntitle T\ncards: []\nmore: 1\n", 2, 1, "could not find expected ':'"),
    ],
    ids=["open quote", "indentation", "colon", "no colon"],
)
def test_yaml_errors_point_where_the_problem_starts(
    tmp_path: Path, text: str, line: int, column: int, words: str
) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(text)
    [problem] = validate([path]).problems
    assert problem.startswith(f"{path}:{line}: YAML syntax error at column {column}: ")
    assert words in problem


def test_missing_field_names_the_card_and_field(tmp_path: Path) -> None:
    broken = card("c2").replace("    answer: An answer.\n", "")
    path = deck_file(tmp_path, "d", card("c1"), broken)
    [problem] = validate([path]).problems
    assert problem == f"{path}:15: card 'c2': missing field 'answer' (a text value)"


def test_wrongly_typed_field_names_the_line_of_the_field(tmp_path: Path) -> None:
    path = deck_file(tmp_path, "d", card("c1", difficulty="hard"))
    [problem] = validate([path]).problems
    assert problem == (
        f"{path}:9: card 'c1': field 'difficulty' must be a whole number from 1 to 3, got 'hard'"
    )


def test_key_points_must_be_a_list(tmp_path: Path) -> None:
    text = card("c1").replace(
        'key_points: ["one point", "two points", "three points"]', "key_points: just one"
    )
    [problem] = validate([deck_file(tmp_path, "d", text)]).problems
    assert "card 'c1': field 'key_points' must be a list" in problem


def test_unknown_kind_lists_the_valid_ones(tmp_path: Path) -> None:
    text = card("c1").replace("kind: concept", "kind: trivia")
    [problem] = validate([deck_file(tmp_path, "d", text)]).problems
    assert "kind 'trivia' is not one of concept, coding, design" in problem


def test_duplicate_id_names_both_places(tmp_path: Path) -> None:
    first = deck_file(tmp_path, "a", card("same"))
    second = deck_file(tmp_path, "b", card("other"), card("same", "Where?"))
    [problem] = validate([first, second]).problems
    assert problem.startswith(f"{second}:15: card 'same': duplicate card id")
    assert f"first used at {first}:5" in problem


def test_empty_prompt_is_a_problem(tmp_path: Path) -> None:
    [problem] = validate([deck_file(tmp_path, "d", card("c1", prompt='""'))]).problems
    assert problem == f"{tmp_path / 'd.yaml'}:6: card 'c1': the prompt is empty; write the question"


def test_mode_naming_a_missing_deck(tmp_path: Path) -> None:
    deck = deck_file(tmp_path, "d", card("c1"))
    mode = tmp_path / "m.yaml"
    mode.write_text("id: m\nname: M\ndescription: x\ndecks: [d, nowhere]\n")
    problems = validate([deck, mode]).problems
    assert [p for p in problems if "nowhere" in p] == [
        f"{mode}: mode 'm' names deck 'nowhere', which does not exist "
        f"(decks: {', '.join(sorted(['d', *_shipped_deck_ids()]))})"
    ]


def _shipped_deck_ids() -> list[str]:
    from nora_cli.decks.loader import shipped_root

    return [p.stem for p in (shipped_root() / "decks").glob("*.yaml") if p.stem != "d"]


def test_unknown_keys_warn_but_do_not_fail(tmp_path: Path) -> None:
    text = card("c1").replace("    tags: []\n", "    tags: []\n    colour: blue\n")
    report = validate([deck_file(tmp_path, "d", text)])
    assert report.problems == []
    assert report.warnings == [
        f"{tmp_path / 'd.yaml'}:15: card 'c1': unknown key 'colour' in a card (known: answer, "
        "category, curveballs, difficulty, follow_ups, id, key_points, key_points_derived, kind, "
        "pitfalls, project_fields, prompt, tags, time_limit)"
    ]


def test_all_problems_are_collected_before_failing(tmp_path: Path) -> None:
    text = card("c1", prompt='""', difficulty=7).replace("kind: concept", "kind: nope")
    path = deck_file(tmp_path, "d", text, card("c1", "Other?"))
    problems = validate([path]).problems
    assert len(problems) == 3  # empty prompt, bad kind, bad difficulty (c1 reused only once valid)


def test_load_library_raises_one_error_with_every_problem(tmp_path: Path) -> None:
    (tmp_path / "decks").mkdir()
    (tmp_path / "modes").mkdir()
    deck_file(tmp_path / "decks", "d", card("c1", difficulty=9), card("c2", prompt='""'))
    with pytest.raises(DeckError) as info:
        load_library(root=tmp_path)
    assert "2 problems in the decks" in info.value.message
    assert len(info.value.details) == 2


def test_aliases_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(
        textwrap.dedent("""\
        a: &a ["x", "x", "x"]
        b: &b [*a, *a, *a]
        c: [*b, *b, *b]
    """)
    )
    [problem] = validate([path]).problems
    assert (
        problem == f"{path}:2: YAML aliases (*name) are not allowed in decks; write the value out"
    )


def test_not_utf8_is_reported_with_line(tmp_path: Path) -> None:
    path = tmp_path / "latin.yaml"
    path.write_bytes(b"id: x\ntitle: caf\xe9\n")
    [problem] = validate([path]).problems
    assert problem == f"{path}:2: not valid UTF-8 text; save the file as UTF-8"


def test_uses_libyaml_when_present() -> None:
    import yaml

    yamlfile.load_yaml  # noqa: B018 - make sure the module is importable
    loader = yamlfile._loader_class()
    if hasattr(yaml, "CSafeLoader"):
        assert issubclass(loader, yaml.CSafeLoader)
    else:
        assert issubclass(loader, yaml.SafeLoader)


def test_fixture_library_loads(fixture_library) -> None:  # type: ignore[no-untyped-def]
    assert set(fixture_library.decks) == {"metrics", "stories"}
    assert fixture_library.mode("TECH").id == "technical"
    leak = fixture_library.card("t-leak")
    assert leak.time_limit is None and leak.line == 31


def _deck_root(tmp_path: Path) -> tuple[Path, Path]:
    root = tmp_path / "q"
    (root / "decks").mkdir(parents=True)
    (root / "modes").mkdir()
    return root, deck_file(root / "decks", "d", card("c1", "First wording?"))


def _plant_in_cache(old: str, new: str) -> None:
    """Change a prompt inside the cache only, so a load that returns it must have read it."""
    from nora_cli.decks import cache

    path = cache.cache_file()
    path.write_text(path.read_text().replace(old, new))


def test_a_second_load_is_served_from_the_cache(tmp_path: Path) -> None:
    root, _ = _deck_root(tmp_path)
    assert load_library(root=root).card("c1").prompt == "First wording?"  # type: ignore[union-attr]
    _plant_in_cache("First wording?", "Only in the cache?")
    assert load_library(root=root).card("c1").prompt == "Only in the cache?"  # type: ignore[union-attr]


def test_a_changed_deck_file_is_parsed_again(tmp_path: Path) -> None:
    import os

    root, deck = _deck_root(tmp_path)
    load_library(root=root)
    deck.write_text(deck.read_text().replace("First wording?", "Second wording?"))
    os.utime(deck, ns=(deck.stat().st_atime_ns, deck.stat().st_mtime_ns + 1_000_000))
    assert load_library(root=root).card("c1").prompt == "Second wording?"  # type: ignore[union-attr]


def test_a_changed_loader_is_never_served_stale_decks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nora_cli.decks import cache

    root, _ = _deck_root(tmp_path)
    load_library(root=root)
    _plant_in_cache("First wording?", "Stale?")
    monkeypatch.setattr(cache, "LOADER", (*cache.LOADER, "decks/schema.py"))  # new loader code
    assert load_library(root=root).card("c1").prompt == "First wording?"  # type: ignore[union-attr]
    monkeypatch.setattr(cache, "FORMAT", cache.FORMAT + 1)  # a new cache format
    _plant_in_cache("First wording?", "Stale?")
    assert load_library(root=root).card("c1").prompt == "First wording?"  # type: ignore[union-attr]


def test_the_deck_cache_is_json_and_a_damaged_one_is_ignored(tmp_path: Path) -> None:
    import json

    from nora_cli.decks import cache

    root, _ = _deck_root(tmp_path)
    first = load_library(root=root)
    assert json.loads(cache.cache_file().read_text())["library"]["decks"][0]["id"] == "d"
    cache.cache_file().write_bytes(b"\x80\x04not json")
    assert load_library(root=root) == first
    assert json.loads(cache.cache_file().read_text())  # rewritten whole


# ---------------------------------------------------------------------------------------------
# Your own decks never block the rest

SHIPPED_CARD = "cm-precision-vs-recall"  # a card id of the shipped classification-metrics deck


def user_decks(nora_home: Path) -> Path:
    folder = nora_home / "decks"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def broken_user_deck(nora_home: Path) -> Path:
    path = user_decks(nora_home) / "broken.yaml"
    path.write_text('id: broken\ntitle: "never closed\ncards: []\n')
    return path


def clashing_user_deck(nora_home: Path) -> Path:
    return deck_file(user_decks(nora_home), "clash", card(SHIPPED_CARD))


def test_a_broken_user_deck_is_skipped_with_its_file_and_line(nora_home: Path) -> None:
    path = broken_user_deck(nora_home)
    deck_file(user_decks(nora_home), "good", card("mine-1"))
    library = load_library()
    assert "good" in library.decks and "broken" not in library.decks
    message = library.skipped["broken"]
    assert message.startswith(f"{path}:2: YAML syntax error at column 8: ")
    assert "this deck file of yours was skipped" in message
    assert library.skipped[str(path.resolve())] == message


def test_a_user_deck_reusing_a_shipped_card_id_is_skipped(nora_home: Path) -> None:
    path = clashing_user_deck(nora_home)
    library = load_library()
    assert "clash" not in library.decks
    assert library.card(SHIPPED_CARD).deck == "classification-metrics"  # type: ignore[union-attr]
    expected = f"{path}:5: card '{SHIPPED_CARD}': duplicate card id"
    assert library.skipped["clash"].startswith(expected)


def test_of_two_user_decks_with_one_id_the_second_is_skipped(nora_home: Path) -> None:
    folder = user_decks(nora_home)
    deck_file(folder, "a", card("a-1"), deck_id="same")
    second = deck_file(folder, "b", card("b-1"), deck_id="same")
    library = load_library()
    assert [c.id for c in library.decks["same"].cards] == ["a-1"]
    assert library.skipped["b"].startswith(f"{second}: deck id 'same' is also used by")


def test_a_user_deck_that_replaces_a_shipped_one_may_keep_its_card_ids(nora_home: Path) -> None:
    deck_file(user_decks(nora_home), "mine", card(SHIPPED_CARD), deck_id="classification-metrics")
    library = load_library()
    assert library.skipped == {}
    assert library.decks["classification-metrics"].origin == "yours"


def test_skipped_decks_and_their_warnings_survive_the_cache(nora_home: Path) -> None:
    import os

    from nora_cli.decks import cache

    path = broken_user_deck(nora_home)
    first = load_library()
    cache.cache_file().write_text(cache.cache_file().read_text().replace("was skipped", "CACHED"))
    served = load_library()
    assert "CACHED" in served.skipped["broken"]  # read from the cache, warning kept
    assert first.skipped["broken"] != served.skipped["broken"]
    deck_file(user_decks(nora_home), "broken", card("fixed-1"))  # the user fixes the file
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    fixed = load_library()
    assert fixed.skipped == {} and "broken" in fixed.decks


def test_asking_for_a_skipped_deck_is_an_error(nora_home: Path) -> None:
    from nora_cli.core.errors import ExitCode
    from nora_cli.decks.loader import find_deck, require_decks

    path = broken_user_deck(nora_home)
    library = load_library()
    with pytest.raises(DeckError) as by_id:
        find_deck(library, "broken")
    assert by_id.value.exit_code == ExitCode.INVALID_DATA and str(path) in by_id.value.message
    with pytest.raises(DeckError):
        require_decks(library, ["broken"])
    with pytest.raises(DeckError):
        load_library([path])
    require_decks(library, ["classification-metrics"])  # a deck that loaded is fine


def test_a_user_mode_naming_a_missing_deck_is_skipped(nora_home: Path) -> None:
    mode = user_decks(nora_home) / "my-mode.yaml"
    mode.write_text("id: mine\nname: Mine\ndescription: x\ndecks: [nowhere]\n")
    library = load_library()
    assert "mine" not in library.modes
    assert library.skipped["mine"].startswith(f"{mode}: mode 'mine' names deck 'nowhere'")


def test_validate_without_files_checks_every_user_file_and_clashes(nora_home: Path) -> None:
    broken = broken_user_deck(nora_home)
    clash = clashing_user_deck(nora_home)
    problems = validate([]).problems
    assert [p.split(": ")[0] for p in problems] == [f"{broken}:2", f"{clash}:5"]


def test_validate_a_file_checks_clashes_with_the_library(nora_home: Path, tmp_path: Path) -> None:
    deck_file(user_decks(nora_home), "mine", card("mine-1"))
    elsewhere = deck_file(tmp_path, "new", card(SHIPPED_CARD), card("mine-1", "Again?"))
    problems = validate([elsewhere]).problems
    assert [p.split(" card ")[0] for p in problems] == [f"{elsewhere}:5:", f"{elsewhere}:15:"]
    assert all("duplicate card id" in p for p in problems)


def test_commands_that_do_not_need_the_deck_work_and_warn_once(nora_home: Path) -> None:
    from typer.testing import CliRunner

    from nora_cli.cli import app

    runner = CliRunner()
    path = broken_user_deck(nora_home)
    clashing_user_deck(nora_home)
    for args in (["decks"], ["stats"], ["plan"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        assert result.output.count(f"{path}:2: YAML syntax error") == 1
        assert result.output.count("clash.yaml:5: card") == 1
    for args in (["decks", "export", "broken"], ["drill", "technical", "--deck", str(path)]):
        assert runner.invoke(app, args).exit_code == 2
    assert runner.invoke(app, ["drill", "technical", "--deck", "clash"]).exit_code == 2
    assert runner.invoke(app, ["decks", "validate"]).exit_code == 2


def test_a_single_problem_or_warning_is_counted_as_one(tmp_path: Path) -> None:
    """Every count agrees with its noun: '1 problem in the plan', never '1 problems'."""
    from typer.testing import CliRunner

    from nora_cli.cli import app
    from nora_cli.decks.exercises import load_exercises
    from nora_cli.decks.plan_file import load_plan

    plan = tmp_path / "plan.yaml"
    plan.write_text("sessions: []\n")
    with pytest.raises(DeckError) as info:
        load_plan(plan, load_library())
    assert info.value.message == "1 problem in the plan"
    (tmp_path / "exercises").mkdir()
    (tmp_path / "exercises" / "broken.yaml").write_text("id: [\n")
    with pytest.raises(DeckError) as info:
        load_exercises(tmp_path)
    assert info.value.message == "1 problem in the exercises"
    one_warning = card("c1").replace('["one point", "two points", "three points"]', '["one"]')
    deck = deck_file(tmp_path, "d", one_warning, card("c2", prompt='""'))
    result = CliRunner().invoke(app, ["decks", "validate", str(deck)])
    assert "card 'c1': 1 key point; a good rubric has 3-6" in " ".join(result.output.split())
    assert result.output.splitlines()[-1] == "1 problem, 1 warning."
    ok = CliRunner().invoke(app, ["decks", "validate", str(deck_file(tmp_path, "e", one_warning))])
    assert ok.output.splitlines()[-1] == "OK: no problems, 1 warning."


def test_pitfalls_load_and_a_wrong_shape_is_a_problem(tmp_path: Path) -> None:
    wrong = '    pitfalls:\n      - "Accuracy suits rare positives."\n'
    wrong += '      - "AUC needs a threshold."\n'
    good = card("c1").replace("    tags: []\n", "    tags: []\n" + wrong)
    path = deck_file(tmp_path, "d", good)
    assert validate([path]).problems == []
    loaded = load_library([path]).card("c1")
    assert loaded is not None
    assert loaded.pitfalls == ("Accuracy suits rare positives.", "AUC needs a threshold.")
    bad = card("c1").replace("    tags: []\n", "    tags: []\n    pitfalls: {a: b}\n")
    problems = validate([deck_file(tmp_path, "d", bad)]).problems
    where = f"{tmp_path / 'd.yaml'}:15: card 'c1'"
    assert problems == [
        f"{where}: field 'pitfalls' must be a list of texts, got a mapping; write one '- ' line "
        "per item under 'pitfalls:'"
    ]
