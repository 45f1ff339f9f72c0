"""Hostile or odd deck files: only nora's own errors come out, each with a file and line."""

from __future__ import annotations

import contextlib
import random
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nora_cli.core.errors import DeckError
from nora_cli.decks.loader import load_library, shipped_root, validate

REAL_DECK = (shipped_root() / "decks" / "classification-metrics.yaml").read_text()
LOCATED = re.compile(r"^.+\.yaml(:\d+)?: ")
FUZZ = settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def check_file(tmp_path: Path, text: str | bytes) -> list[str]:
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
    report = validate([path])  # must not raise anything
    for line in report.problems + report.warnings:
        assert LOCATED.match(line), line
    return report.problems


yaml_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30)
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)


@FUZZ
@given(st.text(max_size=400))
def test_random_text(tmp_path: Path, text: str) -> None:
    check_file(tmp_path, text)


@FUZZ
@given(st.binary(max_size=300))
def test_random_bytes(tmp_path: Path, data: bytes) -> None:
    check_file(tmp_path, data)


@FUZZ
@given(yaml_values)
def test_random_yaml_documents(tmp_path: Path, value: object) -> None:
    check_file(tmp_path, yaml.safe_dump(value))


def some_card(deck: dict, rng: random.Random) -> dict:  # type: ignore[type-arg]
    return deck["cards"][rng.randrange(len(deck["cards"]))]  # type: ignore[no-any-return]


MUTATIONS = [
    lambda d, r: some_card(d, r).pop(r.choice(["id", "prompt", "kind"])),
    lambda d, r: some_card(d, r).update(difficulty=r.choice(["x", 9, None])),
    lambda d, r: some_card(d, r).update(key_points="not a list"),
    lambda d, r: d["cards"].append(dict(d["cards"][0])),  # a duplicate id
    lambda d, r: some_card(d, r).update(tags={"a": 1}),
    lambda d, r: d.update(cards={"not": "a list"}),
    lambda d, r: d["cards"].insert(0, "a string card"),
    lambda d, r: d["cards"][0].update(time_limit=-5),
    lambda d, r: d["cards"][0].update(kind=["concept"]),
    lambda d, r: d.pop("id"),
]  # fmt: skip


@FUZZ
@given(st.lists(st.integers(0, len(MUTATIONS) - 1), min_size=1, max_size=4), st.integers(0, 999))
def test_mutations_of_a_real_deck(tmp_path: Path, picks: list[int], seed: int) -> None:
    rng = random.Random(seed)
    deck = yaml.safe_load(REAL_DECK)
    for pick in picks:
        # A mutation may not apply to what earlier ones left; then it does nothing.
        with contextlib.suppress(KeyError, IndexError, AttributeError, TypeError, ValueError):
            MUTATIONS[pick](deck, rng)
    problems = check_file(tmp_path, yaml.safe_dump(deck, sort_keys=False, allow_unicode=True))
    assert problems, "every mutation breaks the deck"


def test_exponential_aliases_are_refused(tmp_path: Path) -> None:
    bomb = "a: &a ['x','x']\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(20)
    )
    [problem] = check_file(tmp_path, bomb)
    assert "aliases" in problem


def big_deck(cards: int, answer: str = "An answer.") -> str:
    head = "id: big\ntitle: Big\ndescription: Many cards.\ncards:\n"
    body = "".join(
        f"  - id: big-{n}\n    prompt: Question number {n}?\n    category: Big\n"
        f"    kind: concept\n    difficulty: 1\n    key_points: [point one aa, point two bb,"
        f" point three cc]\n    answer: {answer}\n"
        for n in range(cards)
    )
    return head + body


def test_a_10000_card_deck_loads(nora_home: Path) -> None:
    folder = nora_home / "decks"
    folder.mkdir(parents=True)
    (folder / "big.yaml").write_text(big_deck(10_000))
    library = load_library()
    assert len(library.decks["big"].cards) == 10_000
    assert load_library().decks["big"].cards[-1].id == "big-9999"  # the cached second load


def test_a_1_mb_answer_loads(tmp_path: Path) -> None:
    answer = "word " * 200_000
    assert check_file(tmp_path, big_deck(1, answer=answer.strip())) == []


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with open(path, "w") as handle:
        handle.write("# " + "x" * (21 * 1024 * 1024) + "\n")
    [problem] = validate([path]).problems
    assert "the limit is 20 MiB" in problem


def test_broken_shipped_decks_raise_only_deck_error(tmp_path: Path) -> None:
    (tmp_path / "decks").mkdir()
    (tmp_path / "modes").mkdir()
    (tmp_path / "decks" / "x.yaml").write_bytes(b"\x00\x01 binary junk")
    with pytest.raises(DeckError) as info:
        load_library(root=tmp_path)
    assert info.value.details and "x.yaml" in info.value.details[0]


@FUZZ
@given(st.one_of(st.text(max_size=300), yaml_values.map(yaml.safe_dump)))
def test_no_user_deck_file_blocks_the_library(nora_home: Path, text: str) -> None:
    """Whatever a deck file in the user's folder holds, the shipped decks still load; the file
    is either used or skipped with a message naming it."""
    folder = nora_home / "decks"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "fuzz.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    library = load_library()
    assert "classification-metrics" in library.decks
    skipped = library.skipped.get("fuzz")
    assert skipped is None or skipped.startswith(str(path))
