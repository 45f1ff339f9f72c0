"""The editor loop: while the user edits the workspace file, every save re-runs the visible
examples and prints one line; single keys test, submit, show a hint or stop.

The loop reads keys and file changes through two small sources, so tests can script both;
`TerminalKeys` and `FileWatcher` are the real ones (the `watchfiles` package watches the file).
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from rich.console import Console

from nora_cli.core.exercise import Exercise, RunReport, Workspace
from nora_cli.ui import code_view

TICK = 0.25  # seconds between clock redraws; a key or a save wakes the loop at once
RECHECK = 1.0  # seconds between checks for a save the watch did not report


class Keys(Protocol):
    def read(self, timeout: float) -> str | None: ...


class Changes(Protocol):
    def changed(self) -> bool: ...


@dataclass
class LoopState:
    """The running clock: `base` is the time already spent in earlier sittings."""

    workspace: Workspace
    started: float
    base: float

    def elapsed(self, now: float) -> float:
        return self.base + (now - self.started)


def run_loop(
    exercise: Exercise,
    path: Path,
    state: LoopState,
    *,
    console: Console,
    keys: Keys,
    changes: Changes,
    test: Callable[[bytes], RunReport],
    save: Callable[[Workspace], None],
    now: Callable[[], float] = time.monotonic,
    status_line: bool = False,
) -> str:
    """Until the user submits or stops: 'submit', 'quit' or 'end' (input closed)."""
    try:
        return _loop(exercise, path, state, console, keys, changes, test, save, now, status_line)
    except KeyboardInterrupt:
        state.workspace.elapsed = state.elapsed(now())
        save(state.workspace)  # Ctrl-C stops like q, keeping the clock, then exits 130
        raise


def _loop(
    exercise: Exercise,
    path: Path,
    state: LoopState,
    console: Console,
    keys: Keys,
    changes: Changes,
    test: Callable[[bytes], RunReport],
    save: Callable[[Workspace], None],
    now: Callable[[], float],
    status_line: bool,
) -> str:
    workspace = state.workspace
    shown_status = ""
    while True:
        if status_line:
            shown_status = _status(console, state.elapsed(now()), shown_status)
        key = keys.read(TICK)
        pending = changes.changed()
        if key is None and not pending:
            continue
        if shown_status:
            _clear(console)
            shown_status = ""
        if key in {"q", "\x03", "\x04"}:
            workspace.elapsed = state.elapsed(now())
            save(workspace)
            return "quit"
        if key == "":
            workspace.elapsed = state.elapsed(now())
            save(workspace)
            return "end"
        if key == "s":
            workspace.elapsed = state.elapsed(now())
            return "submit"
        if key == "h":
            _hint(console, exercise, workspace)
        if key == "t" or pending:
            _test(console, path, state, test, now)
        workspace.elapsed = state.elapsed(now())
        save(workspace)


def _hint(console: Console, exercise: Exercise, workspace: Workspace) -> None:
    if workspace.hints >= len(exercise.hints):
        console.print("No more hints: `nora code solution ID` shows the reference after a submit.")
        return
    workspace.hints += 1
    shown = workspace.hints
    code_view.hint(console, shown, len(exercise.hints), exercise.hints[shown - 1])


def _test(
    console: Console,
    path: Path,
    state: LoopState,
    test: Callable[[bytes], RunReport],
    now: Callable[[], float],
) -> None:
    from nora_cli.app.code import read_solution

    workspace = state.workspace
    report = test(read_solution(path))
    workspace.runs += 1
    elapsed = state.elapsed(now())
    if report.all_passed and workspace.first_green is None:
        workspace.first_green = elapsed
    code_view.run_line(console, report, workspace.runs, elapsed)


def _status(console: Console, elapsed: float, shown: str) -> str:
    """Redraw the status line when its clock moved; what it shows now. It always fits on one
    row (the keys shorten on a narrow terminal), so a carriage return redraws it in place."""
    text = code_view.status_text(elapsed, console.width)
    if text != shown:
        console.file.write(f"\r\x1b[K{text}")
        console.file.flush()
    return text


def _clear(console: Console) -> None:
    console.file.write("\r\x1b[K")
    console.file.flush()


class TerminalKeys:
    """Single keys from a terminal in cbreak mode (no Enter needed); a line at a time from a
    pipe. `read` returns a key, None on timeout, or '' when the input ended."""

    def __init__(self, stream: Any = None, wake: int | None = None) -> None:
        self.stream = stream or sys.stdin
        self.fd = self.stream.fileno()
        self.tty = self.stream.isatty()
        self.saved: Any = None
        self.wake = wake  # a descriptor that ends the wait early (the file watcher's pipe)

    def __enter__(self) -> TerminalKeys:
        if self.tty:
            import termios
            import tty

            self.saved = termios.tcgetattr(self.fd)
            tty.setcbreak(self.fd)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.saved is not None:
            import termios

            termios.tcsetattr(self.fd, termios.TCSADRAIN, self.saved)
            self.saved = None

    def read(self, timeout: float) -> str | None:
        import select

        watched = [self.fd] if self.wake is None else [self.fd, self.wake]
        ready, _, _ = select.select(watched, [], [], timeout)
        if self.fd not in ready:
            return None
        if self.tty:
            data = os.read(self.fd, 1)
            return data.decode("utf-8", errors="replace").lower() if data else ""
        line = self.stream.readline()
        return line.strip()[:1].lower() or ("" if not line else None)


def signature(path: Path) -> tuple[int, ...]:
    """What tells one save of the file from another: inode, times and size."""
    try:
        info = path.stat()
    except OSError:
        return (0, 0, 0, 0)
    return (info.st_ino, info.st_mtime_ns, info.st_ctime_ns, info.st_size)


class FileWatcher:
    """Reports each save of the file once (editors that save by renaming included):
    `watchfiles` watches the file's folder in a background thread; the file's signature tells
    a new save from a repeated event. `since` is the signature the file had when the editor
    was launched: the first check compares against it, so a save made before the watch was
    set up (an editor that saves and exits at once) is reported too."""

    def __init__(
        self,
        path: Path,
        clock: Callable[[], float] = time.monotonic,
        since: tuple[int, ...] | None = None,
    ) -> None:
        self.path = path
        self.stop = threading.Event()
        self.flag = threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.seen = signature(path) if since is None else since
        self.clock = clock
        self.checked: float | None = None  # the first call checks at once
        self.read_end, self.write_end = os.pipe()

    def fileno(self) -> int:
        """Readable after each reported save: the key reader wakes on it."""
        return self.read_end

    def __enter__(self) -> FileWatcher:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(timeout=2)
        os.close(self.read_end)
        os.close(self.write_end)

    def _watch(self) -> None:
        import watchfiles

        name = self.path.name

        def ours(change: Any, changed: str) -> bool:
            return Path(changed).name == name

        for _ in watchfiles.watch(
            self.path.parent,
            watch_filter=ours,
            debounce=400,
            step=30,
            stop_event=self.stop,
            rust_timeout=200,
            yield_on_timeout=False,
        ):
            self.flag.set()
            os.write(self.write_end, b"!")

    def changed(self) -> bool:
        """A new save since the last one reported: at the first call, when the watch saw an
        event, or once a second in case it missed one; a repeated event counts once."""
        reported = self.flag.is_set()
        now = self.clock()
        due = self.checked is None or now - self.checked >= RECHECK
        if not reported and not due:
            return False
        self.flag.clear()
        self.checked = now
        _drain(self.read_end)
        current = signature(self.path)
        if current == self.seen:
            return False
        self.seen = current
        return True


def _drain(fd: int) -> None:
    import select

    while select.select([fd], [], [], 0)[0]:
        os.read(fd, 1024)
