"""User settings from `config.toml` in the config folder (or NORA_HOME)."""

from __future__ import annotations

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


def config_path() -> Path:
    return paths.config_dir() / "config.toml"


def _check(path: Path, key: str, value: Any) -> Any:
    if key not in SETTINGS:
        raise ConfigError(f"{path}: unknown setting '{key}' (known: {', '.join(SETTINGS)})")
    spec = SETTINGS[key]
    if spec.kind is str:
        if not isinstance(value, str):
            raise ConfigError(f"{path}: '{key}' must be text in quotes")
        return value
    if spec.kind is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"{path}: '{key}' must be true or false")
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigError(f"{path}: '{key}' must be a number from {spec.low:g} to {spec.high:g}")
    if spec.kind is int and not isinstance(value, int):
        raise ConfigError(f"{path}: '{key}' must be a whole number")
    if not spec.low <= value <= spec.high:
        raise ConfigError(f"{path}: '{key}' must be from {spec.low:g} to {spec.high:g}")
    return spec.kind(value)


def read_file(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    import tomllib  # only when there is a file: most starts have none

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}; fix the file or delete it to use the defaults") from exc
    flat: dict[str, Any] = {}
    for key, value in data.items():  # a table such as [code] holds dotted keys: code.python
        if isinstance(value, dict):
            flat.update({f"{key}.{name}": item for name, item in value.items()})
        else:
            flat[key] = value
    return {key: _check(path, key, value) for key, value in flat.items()}


def load(path: Path | None = None) -> Config:
    return Config(
        **{key.replace(".", "_"): v for key, v in read_file(path or config_path()).items()}
    )


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
        try:
            raw = int(text) if kind is int else float(text)
        except ValueError as exc:
            raise UsageError(f"'{key}' must be a number, got '{text}'") from exc
    try:
        return _check(Path("value"), key, raw)
    except ConfigError as exc:
        raise UsageError(exc.message.removeprefix("value: ")) from exc


def set_value(key: str, text: str, path: Path | None = None) -> Path:
    """Change one setting in place: the user's comments, order and layout are kept."""
    import tomlkit

    from nora_cli.store.atomic import write_atomic

    path = path or config_path()
    value = parse_value(key, text)
    read_file(path)  # a broken or invalid file is reported, never overwritten
    if path.exists():
        document = tomlkit.parse(path.read_text(encoding="utf-8"))
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


def effective(config: Config) -> list[tuple[str, Any, str]]:
    names = {f.name for f in fields(config)}
    return [
        (key, getattr(config, key.replace(".", "_")), spec.help)
        for key, spec in SETTINGS.items()
        if key.replace(".", "_") in names
    ]
