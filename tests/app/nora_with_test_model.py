"""Runs `nora` with the deterministic test models registered, for the pseudo-terminal tests:
the same entry point as the installed command, plus the test plugin (which is never
installed), counted among the plugins that run their models on this machine."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import llm_plugin_nora_test
from llm.plugins import pm

from nora_cli.app import ai
from nora_cli.cli import main

if __name__ == "__main__":
    ai.LOCAL_PLUGINS = ai.LOCAL_PLUGINS | {llm_plugin_nora_test.PLUGIN}
    llm_plugin_nora_test.reset()
    pm.register(llm_plugin_nora_test, name="nora-test")
    main(sys.argv[1:])
