"""User settings from `config.toml` in the config folder (or NORA_HOME)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from nora_cli import paths
from nora_cli.errors import ConfigError


@dataclass(frozen=True)
class Config:
    new_cards_per_day: int = 15


KNOWN = {"new_cards_per_day": (int, 0, 500)}


def config_path() -> Path:
    return paths.config_dir() / "config.toml"


def load(path: Path | None = None) -> Config:
    path = path or config_path()
    if not path.exists():
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}; fix the file or delete it to use the defaults") from exc
    values: dict[str, int] = {}
    for key, value in data.items():
        if key not in KNOWN:
            raise ConfigError(
                f"{path}: unknown setting '{key}' (known: {', '.join(sorted(KNOWN))})"
            )
        kind, low, high = KNOWN[key]
        if not isinstance(value, kind) or isinstance(value, bool) or not low <= value <= high:
            raise ConfigError(f"{path}: '{key}' must be a whole number from {low} to {high}")
        values[key] = value
    return Config(**values)
