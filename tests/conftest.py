from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

FIXTURE_QUESTIONS = Path(__file__).parent / "data" / "questions"


@pytest.fixture(autouse=True)
def nora_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data folder; touching the real home location fails the test."""
    home = tmp_path / "nora-home"
    monkeypatch.setenv("NORA_HOME", str(home))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.delenv("NORA_DEBUG", raising=False)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a test reached the real platformdirs location")

    import platformdirs

    monkeypatch.setattr(platformdirs, "user_data_path", refuse)
    monkeypatch.setattr(platformdirs, "user_config_path", refuse)
    return home


@pytest.fixture(scope="session")
def built_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache folder holding what the first drill with a new data folder builds from the
    shipped decks (the parsed decks and the coach's knowledge), built once per test run."""
    home = tmp_path_factory.mktemp("built-cache-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NORA_HOME", str(home))
        from nora_cli.app.state import deck_knowledge, load_decks

        deck_knowledge(load_decks(quiet=True)).built()
    assert {path.name for path in (home / "cache").iterdir()} >= {"decks.json", "knowledge.json"}
    return home / "cache"


@pytest.fixture
def warm_cache(nora_home: Path, built_cache: Path) -> Path:
    """The test's data folder starts with the cache a first drill would have built, so a
    terminal test does not wait seconds for it (tests/test_installed.py keeps a cold start)."""
    shutil.copytree(built_cache, nora_home / "cache")
    return nora_home


class FakeClock:
    """A clock that moves only when told to: `advance(seconds)`."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 11, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def fixture_library():  # type: ignore[no-untyped-def]
    from nora_cli.decks.loader import load_library

    return load_library(root=FIXTURE_QUESTIONS)


@pytest.fixture
def fixture_questions(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Make the CLI load the small fixture decks instead of the shipped ones."""
    from nora_cli.decks import loader as decks

    monkeypatch.setattr(decks, "shipped_root", lambda: FIXTURE_QUESTIONS)
    yield FIXTURE_QUESTIONS
