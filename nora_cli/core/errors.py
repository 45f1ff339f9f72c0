"""One error type per domain, each carrying the exit code the CLI turns it into."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    USAGE = 1
    INVALID_DATA = 2
    INTERRUPTED = 130


class NoraError(Exception):
    """An error whose message is written for the user; the CLI prints it without a traceback."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, message: str, *, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or []


class UsageError(NoraError):
    exit_code = ExitCode.USAGE


class DeckError(NoraError):
    """Decks, modes or the plan failed validation; `details` holds one line per problem."""

    exit_code = ExitCode.INVALID_DATA


class HistoryError(NoraError):
    exit_code = ExitCode.INVALID_DATA


class ConfigError(NoraError):
    exit_code = ExitCode.INVALID_DATA


class StoreError(NoraError):
    """The user's stories or projects could not be read, saved or parsed."""

    exit_code = ExitCode.INVALID_DATA


class SolutionError(NoraError):
    """A solution file to test could not be read: missing, a folder, too big."""

    exit_code = ExitCode.INVALID_DATA
