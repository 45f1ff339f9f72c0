"""User settings from `config.toml` in the config folder (or NORA_HOME)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from nora_cli.core.errors import ConfigError, UsageError
from nora_cli.store import paths


@dataclass(frozen=True)
class Config:
    default_count: int | None = None
    time_limit_scale: float = 1.0
    new_cards_per_day: int = 15
    plain: bool = False
    color: bool = True
    code_python: str = ""  # `code.python`: the interpreter `nora code` runs solutions with
    ai_model: str = ""  # `ai.model`: the llm model of the AI interviewer ("" = off)
    ai_remote_ok: bool = False  # `ai.remote_ok`: answers may go to a model that is not local
    ai_timeout: float = 60.0  # `ai.timeout`: seconds to wait for the model before going on


@dataclass(frozen=True)
class Setting:
    kind: type
    low: float
    high: float
    help: str

    @property
    def expected(self) -> str:
        """What a value must be, as a message says it."""
        if self.kind is str:
            return "text in quotes"
        if self.kind is bool:
            return "true or false"
        number = "a whole number" if self.kind is int else "a number"
        return f"{number} from {self.low:g} to {self.high:g}"


SETTINGS = {
    "default_count": Setting(int, 1, 200, "Cards per drill when --count is not given."),
    "time_limit_scale": Setting(float, 0.25, 4.0, "Multiply every card's time limit by this."),
    "new_cards_per_day": Setting(int, 0, 500, "New cards a day before drills stop adding them."),
    "plain": Setting(bool, 0, 1, "Always use plain, line-based input."),
    "color": Setting(bool, 0, 1, "Use colour (NO_COLOR and --no-color also turn it off)."),
    "code.python": Setting(str, 0, 0, "Python that runs your code in `nora code` (empty: nora's)."),
    "ai.model": Setting(str, 0, 0, "The llm model that plays the interviewer (empty: off)."),
    "ai.remote_ok": Setting(bool, 0, 1, "Let answers go to a model that does not run locally."),
    "ai.timeout": Setting(float, 1, 600, "Seconds to wait for the model before going on."),
}
KEEP_OR_DELETE = "or delete it to use the defaults"


def config_path() -> Path:
    return paths.config_dir() / "config.toml"


class _Invalid(Exception):
    """A value that does not fit its setting; the message says what is wrong."""


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return repr(value) if isinstance(value, str) else str(value)


def _checked(key: str, value: Any) -> Any:
    """The value as its setting's type; raises _Invalid when it does not fit."""
    if key not in SETTINGS:
        raise _Invalid(f"unknown setting '{key}' (known: {', '.join(SETTINGS)})")
    spec = SETTINGS[key]
    if spec.kind is str:
        fits = isinstance(value, str)
    elif spec.kind is bool:
        fits = isinstance(value, bool)
    else:
        whole = isinstance(value, int) or spec.kind is float
        fits = (
            not isinstance(value, bool)
            and isinstance(value, int | float)
            and whole
            and spec.low <= value <= spec.high
        )
    if not fits:
        raise _Invalid(f"'{key}' must be {spec.expected}, got {_shown(value)}")
    return value if spec.kind in (str, bool) else spec.kind(value)


_TABLE = re.compile(r"^\s*\[([^\[\]]+)\]")
_KEY = re.compile(r"^\s*([A-Za-z0-9_.\"' -]+?)\s*=")


def _bare(key: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in key.split("."))


def line_of(text: str, key: str) -> int:
    """The line (1-based) where a dotted key is set, as a table's key or written out whole;
    else where its table starts; 0 when neither is found."""
    table = key.rpartition(".")[0]
    current = ""
    fallback = 0
    for number, line in enumerate(text.splitlines(), 1):
        header = _TABLE.match(line)
        if header:
            current = _bare(header.group(1))
            if current == table and not fallback:
                fallback = number
            continue
        found = _KEY.match(line)
        if found:
            written = _bare(found.group(1))
            full = f"{current}.{written}" if current else written
            if full == key:
                return number
            if table and full == table and not fallback:
                fallback = number  # an inline table: code = { python = "..." }
    return fallback


def _read_text(path: Path) -> str:
    """The file's text; a file nora cannot read or that is not UTF-8 is one ConfigError."""
    try:
        raw = path.read_bytes()
    except IsADirectoryError as exc:
        raise ConfigError(
            f"cannot read {path}: it is a folder; move it away, and nora writes the file when "
            "you next run `nora config set`"
        ) from exc
    except PermissionError as exc:
        raise ConfigError(
            f"cannot read {path}: permission denied; let your user read and write it "
            f"(chmod u+rw), {KEEP_OR_DELETE}"
        ) from exc
    except OSError as exc:
        reason = (exc.strerror or type(exc).__name__).lower()
        raise ConfigError(
            f"cannot read {path}: {reason}; check the file, {KEEP_OR_DELETE}"
        ) from exc
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ConfigError(
            f"{path}:{line}: not UTF-8 text (byte 0x{raw[exc.start]:02x} at column {column}); "
            f"save the file as UTF-8, {KEEP_OR_DELETE}"
        ) from exc


_TOML_PLACE = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


def read_file(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    import tomllib  # only when there is a file: most starts have none

    text = _read_text(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        place = _TOML_PLACE.search(message)
        where = f"{path}:{place.group(1)}" if place else str(path)
        column = f" at column {place.group(2)}" if place else ""
        raise ConfigError(
            f"{where}: TOML syntax error{column}: {_TOML_PLACE.sub('', message)}; fix the file, "
            f"{KEEP_OR_DELETE}"
        ) from exc
    flat: dict[str, Any] = {}
    for key, value in data.items():  # a table such as [code] holds dotted keys: code.python
        if isinstance(value, dict):
            flat.update({f"{key}.{name}": item for name, item in value.items()})
        else:
            flat[key] = value
    checked: dict[str, Any] = {}
    for key, value in flat.items():
        try:
            checked[key] = _checked(key, value)
        except _Invalid as exc:
            line = line_of(text, key)
            where = f"{path}:{line}" if line else str(path)
            raise ConfigError(
                f"{where}: {exc}; fix that line, or delete it to use the default"
            ) from exc
    return checked


def load(path: Path | None = None) -> Config:
    return Config(
        **{key.replace(".", "_"): v for key, v in read_file(path or config_path()).items()}
    )


def _number(text: str) -> Any:
    """A number as typed: an int, else a float, else the text itself (refused by the check)."""
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            continue
    return text


def parse_value(key: str, text: str) -> Any:
    """A value typed on the command line, checked like one read from the file; a bad one is
    a usage error (exit 1)."""
    if key not in SETTINGS:
        raise UsageError(f"unknown setting '{key}' (known: {', '.join(SETTINGS)})")
    kind = SETTINGS[key].kind
    raw: Any = text
    if kind is str:
        raw = text.strip()
    elif kind is bool:
        lowered = text.strip().lower()
        if lowered not in {"true", "false", "yes", "no", "on", "off", "1", "0"}:
            raise UsageError(f"'{key}' must be true or false, got '{text}'")
        raw = lowered in {"true", "yes", "on", "1"}
    else:
        raw = _number(text.strip())
    try:
        return _checked(key, raw)
    except _Invalid as exc:
        raise UsageError(str(exc)) from exc


def set_value(key: str, text: str, path: Path | None = None) -> Path:
    """Change one setting in place: the user's comments, order and layout are kept."""
    import tomlkit

    from nora_cli.store.atomic import write_atomic

    path = path or config_path()
    value = parse_value(key, text)
    if key == "code.python" and value:
        check_interpreter(value)
    read_file(path)  # a broken or invalid file is reported, never overwritten
    if path.exists():
        document = tomlkit.parse(_read_text(path))
    else:
        document = tomlkit.document()
        document.add(tomlkit.comment("nora settings; see `nora config show`."))
    table, _, name = key.rpartition(".")
    if table:
        if table not in document:
            document[table] = tomlkit.table()
        document[table][name] = value
    else:
        document[key] = value
    write_atomic(path, tomlkit.dumps(document).encode("utf-8"))
    return path


INTERPRETER_HINT = 'give a Python 3 interpreter (`which python3` finds one), or "" for nora\'s own'


def check_interpreter(python: str) -> None:
    """`code.python` must name a Python 3 that runs (a path, or a command on PATH)."""
    import shutil
    import subprocess

    found = shutil.which(python)
    if found is None:
        given = Path(python).expanduser()
        if "/" not in python and os.sep not in python:
            why = "is not a command on your PATH"
        elif not given.exists():
            why = "does not exist"
        elif given.is_dir():
            why = "is a folder"
        else:
            why = "is not executable"
        raise UsageError(f"'code.python' {python} {why}; {INTERPRETER_HINT}")
    probe = [found, "-E", "-c", "import sys; print(sys.version_info[0])"]
    try:
        done = subprocess.run(probe, capture_output=True, timeout=20, check=False)
        ok = done.returncode == 0 and done.stdout.strip() == b"3"
    except (OSError, subprocess.TimeoutExpired):
        ok = False
    if not ok:
        raise UsageError(f"'code.python' {python} did not run as Python 3; {INTERPRETER_HINT}")


def effective(config: Config) -> list[tuple[str, Any, str]]:
    names = {f.name for f in fields(config)}
    return [
        (key, getattr(config, key.replace(".", "_")), spec.help)
        for key, spec in SETTINGS.items()
        if key.replace(".", "_") in names
    ]
