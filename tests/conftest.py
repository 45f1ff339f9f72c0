from __future__ import annotations

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
