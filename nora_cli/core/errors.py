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


class FileProblem(NoraError):
    """A file or folder nora needed could not be read or written (permissions, a full disk, a
    file where a folder should be): the path, what went wrong and what to do."""

    exit_code = ExitCode.INVALID_DATA

    @classmethod
    def of(cls, exc: OSError) -> FileProblem:
        return cls(describe_os_error(exc))


def describe_os_error(exc: OSError) -> str:
    """An operating system's refusal in a sentence the user can act on."""
    import errno

    path = exc.filename if exc.filename is not None else ""
    where = f"{path}: " if path else ""
    fixes = {
        errno.EACCES: "permission denied. Check the permissions of the file and of its folder",
        errno.EPERM: "operation not permitted. Check the permissions of the file and its folder",
        errno.ENOSPC: "the disk is full. Free some space and try again",
        errno.EDQUOT: "the disk quota is used up. Free some space and try again",
        errno.EROFS: "the file system is read-only. Use a folder on a writable disk",
        errno.ENOENT: "no such file or folder. Check the path",
        errno.EISDIR: "this is a folder, where a file was expected. Give a file's path",
        errno.ENOTDIR: "part of this path is a file, where a folder was expected",
        errno.EEXIST: "something already exists there, where a folder was expected",
    }
    fix = fixes.get(exc.errno or 0, f"{exc.strerror or exc}")
    return f"{where}{fix}."
