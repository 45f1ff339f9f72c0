"""Helpers shared by the AI interviewer's tests: the `test_models` fixture (imported by the
test modules that use it, since a second conftest.py would shadow the root one) and
`configure`."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest


@pytest.fixture(name="test_models")
def registered_test_models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    """The deterministic test models (tests/llm_plugin_nora_test.py), registered through
    llm's plugin manager for this test only, and counted among the plugins that run their
    models on this machine (as llm-gguf is); llm's own files go to a temporary folder and any
    attempt to open a network connection fails the test."""
    import llm_plugin_nora_test as plugin
    from llm.plugins import pm

    from nora_cli.app import ai

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("a test tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setenv("LLM_USER_PATH", str(tmp_path / "llm"))
    monkeypatch.setattr(ai, "LOCAL_PLUGINS", ai.LOCAL_PLUGINS | {plugin.PLUGIN})
    plugin.reset()
    pm.register(plugin, name="nora-test")
    try:
        yield plugin
    finally:
        plugin.reset()  # wakes any model still waiting, which then returns at once
        for thread in threading.enumerate():
            if thread.name == "nora-interviewer":
                thread.join(timeout=5)
        pm.unregister(name="nora-test")


def configure(**settings: str) -> None:
    """Write settings to the test's config.toml, as `nora config set` would."""
    from nora_cli.store import config

    for key, value in settings.items():
        config.set_value(key.replace("__", "."), value)
