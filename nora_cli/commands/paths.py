"""`nora paths`: where nora keeps everything."""

from __future__ import annotations

from typing import Annotated

import typer


def paths(as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False) -> None:
    """Print where your data, settings, decks and caches live.

    Example: nora paths
    """
    import json

    from nora_cli.decks.loader import shipped_root, user_deck_dir
    from nora_cli.store import config
    from nora_cli.store import paths as where

    rows = {
        "data": where.data_dir(),
        "history": where.history_path(),
        "config": config.config_path(),
        "your decks": user_deck_dir(),
        "shipped decks": shipped_root(),
        "cache": where.cache_dir(),
    }
    if as_json:
        typer.echo(json.dumps({k: str(v) for k, v in rows.items()}, indent=2))
        return
    import shutil

    # Side by side when every line fits; otherwise each path on a line of its own, whole.
    side_by_side = 15 + max(len(str(p)) for p in rows.values()) <= shutil.get_terminal_size()[0]
    for name, path in rows.items():
        typer.echo(f"{name:<14} {path}" if side_by_side else f"{name}\n  {path}")
