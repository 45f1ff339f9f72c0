"""The link to `llm`, driven by the deterministic test models registered through llm's plugin
hooks: model lookup, where a model runs, the privacy gate, the timeout, errors, rambling,
token counts, and the interviewer's real path from prompt to validated grade."""

from __future__ import annotations

import json
import sys
import time
from types import ModuleType

import pytest
from ai_helpers import (
    configure,
    registered_test_models,  # noqa: F401 (the test_models fixture)
)
from helpers import concept_card

from nora_cli.app import ai
from nora_cli.coach.interviewer import Interviewer, ModelFailure
from nora_cli.store import config

CARD = concept_card()
ANSWER = "Precision counts the flagged items that are right."
PLUGIN = "llm-plugin-nora-test"


def model(plugin: ModuleType, name: str) -> object:
    import llm

    return llm.get_model(name)


def test_no_model_configured_means_off_and_llm_is_never_looked_up(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(name: str) -> None:
        raise AssertionError("llm was consulted")

    monkeypatch.setattr(ai, "_find_model", refuse)
    state, found = ai.status(config.load())
    assert (state.on, state.configured, state.problem, found) == (False, "", "", None)
    assert ai.interviewer_for_drill(config.load(), allowed=True) == (None, "")
    configure(ai__model="nora-test")
    assert ai.interviewer_for_drill(config.load(), allowed=False) == (None, "")


def test_a_local_model_is_found_by_name_or_alias(test_models: ModuleType) -> None:
    configure(ai__model="nora-test-alias")
    state, found = ai.status(config.load())
    assert state.on and found is not None
    assert (state.model_id, state.local) == ("nora-test", True)
    assert state.where == "this machine, through the llm-plugin-nora-test plugin"
    rows = dict(ai.describe(state))
    assert rows["Interviewer"] == "on"
    assert rows["Model"] == "nora-test (ai.model = nora-test-alias)"
    assert rows["Runs"] == "locally, on this machine, through the llm-plugin-nora-test plugin"


@pytest.mark.parametrize(
    ("name", "local", "where"),
    [
        ("nora-test-hosted", False, f"the nora-test-cloud service, through the {PLUGIN} plugin"),
        ("nora-test-api", False, "https://api.example.invalid/v1"),
        ("nora-test-lan", True, "http://localhost:8080/v1"),
        ("gpt-4o-mini", False, "OpenAI's API (api.openai.com), through llm's built-in plugin"),
    ],
)  # fmt: skip
def test_where_a_model_runs(test_models: ModuleType, name: str, local: bool, where: str) -> None:
    place = ai.locality(model(test_models, name))
    assert (place.local, place.where) == (local, where)


def test_an_endpoint_is_shown_without_the_secrets_it_may_hold() -> None:
    keyed = type("Model", (), {"api_base": "https://me:sk-1@api.example.com:8443/v1?key=sk-2"})
    assert ai.locality(keyed()).where == "https://api.example.com:8443/v1"
    bare = type("Model", (), {"host": "127.0.0.1:11434"})
    assert ai.locality(bare()) == ai.Place(True, "127.0.0.1:11434")


@pytest.mark.parametrize(
    ("host", "local"),
    [("127.0.0.1:11434", True), ("http://[::1]:11434", True), ("gpu-box.lan:11434", False),
     ("http://10.0.0.5:11434", False), (None, True)],
)  # fmt: skip
def test_an_ollama_model_runs_where_ollama_host_points(
    monkeypatch: pytest.MonkeyPatch, host: str | None, local: bool
) -> None:
    ollama = type("Ollama", (), {"__module__": "llm_ollama", "needs_key": None})
    if host is None:
        monkeypatch.delenv("OLLAMA_HOST", raising=False)
    else:
        monkeypatch.setenv("OLLAMA_HOST", host)
    assert ai.locality(ollama()).local is local


@pytest.mark.parametrize(
    ("module", "local"),
    [("llm_gguf", True), ("llm_gpt4all", True), ("llm_llamafile", True), ("llm_mlx", True),
     ("llm_mlc", True), ("llm_llama_cpp.models", True), ("llm_bedrock", False),
     ("llm_rva", False), ("llm_bedrock_anthropic", False)],
)  # fmt: skip
def test_a_model_that_names_no_server_is_local_only_from_a_plugin_known_to_run_it_here(
    module: str, local: bool
) -> None:
    found = type("Model", (), {"__module__": module, "needs_key": None, "model_id": "m"})()
    place = ai.locality(found)
    plugin = module.split(".")[0].replace("_", "-")
    assert (place.local, place.known) == (local, local)
    assert place.where == (
        f"this machine, through the {plugin} plugin" if local else f"the {plugin} plugin"
    )


def test_a_model_nora_cannot_place_is_treated_as_remote_and_status_says_why(
    test_models: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ai, "LOCAL_PLUGINS", ai.LOCAL_PLUGINS - {PLUGIN})
    configure(ai__model="nora-test")
    state, found = ai.status(config.load())
    assert found is None and not state.on and state.local is False
    assert state.problem == (
        "nora cannot tell where the llm-plugin-nora-test plugin runs nora-test, so it is treated "
        "as remote. Nothing is sent unless you allow it with `nora config set ai.remote_ok true`"
    )
    rows = dict(ai.describe(state))
    assert rows["Runs"] == (
        "treated as remote: nora cannot tell where the llm-plugin-nora-test plugin runs the model"
    )
    assert ai.status_record(state)["where_known"] is False
    assert test_models.CALLS == []
    configure(ai__remote_ok="true")
    state, found = ai.status(config.load())
    assert state.on and found is not None


def test_a_remote_model_gets_nothing_without_remote_ok(test_models: ModuleType) -> None:
    configure(ai__model="nora-test-hosted")
    interviewer, note = ai.interviewer_for_drill(config.load(), allowed=True)
    assert interviewer is None
    assert note == (
        "The AI interviewer is off: nora-test-hosted does not run on this machine: your answers "
        "would go to the nora-test-cloud service, through the llm-plugin-nora-test plugin. "
        "Nothing is sent unless you allow it with `nora config set ai.remote_ok true`."
    )
    configure(ai__remote_ok="true")
    interviewer, note = ai.interviewer_for_drill(config.load(), allowed=True)
    assert interviewer is not None
    assert note.startswith(
        "AI interviewer: nora-test-hosted (sends your answers to the nora-test-cloud service, "
        "through the llm-plugin-nora-test plugin)."
    )
    assert interviewer.grade(CARD, ANSWER).graded
    assert [call["model"] for call in test_models.CALLS] == ["nora-test-hosted"]


def test_unknown_models_and_a_missing_llm_say_so(
    test_models: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    configure(ai__model="no-such-model")
    _, note = ai.interviewer_for_drill(config.load(), allowed=True)
    assert note.startswith("The AI interviewer is off: llm knows no model called 'no-such-model'")
    monkeypatch.setattr(ai, "find_spec", lambda name: None)
    state, _ = ai.status(config.load())
    assert state.problem == (
        f"the `llm` library is not installed (`{sys.executable} -m pip install llm` installs it "
        "for the Python nora runs on; `pip install 'nora-cli[ai]'` from PyPI)"
    )
    assert not state.installed
    # The model was never looked up, so it is not called "not found".
    assert (
        dict(ai.describe(state))["Model"] == "no-such-model (not looked up: `llm` is not installed)"
    )


def test_a_plugin_that_breaks_on_load_is_one_line(
    test_models: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    import llm

    def broken(name: str) -> None:
        raise RuntimeError("plugin llm-foo: cannot import name 'x'\nTraceback ...")

    monkeypatch.setattr(llm, "get_model", broken)
    configure(ai__model="nora-test")
    _, note = ai.interviewer_for_drill(config.load(), allowed=True)
    assert note == (
        "The AI interviewer is off: llm could not load its models: plugin llm-foo: cannot "
        "import name 'x'."
    )


def test_a_reply_comes_with_its_wait_and_tokens(test_models: ModuleType) -> None:
    transport = ai.LlmTransport(model(test_models, "nora-test"), timeout=10)
    test_models.SCRIPT.append('{"ok": true}')
    reply = transport.send("You are a test.", "TASK: none", {"type": "object"})
    assert reply.text == '{"ok": true}'
    assert reply.tokens_in == test_models.tokens("You are a test.TASK: none")
    assert reply.tokens_out == test_models.tokens('{"ok": true}')
    assert 0 < reply.seconds < 5
    (call,) = test_models.CALLS
    assert (call["system"], call["schema"]) == ("You are a test.", {"type": "object"})


def test_a_model_that_takes_too_long_is_left_behind(test_models: ModuleType) -> None:
    transport = ai.LlmTransport(model(test_models, "nora-test-slow"), timeout=0.3)
    started = time.monotonic()
    with pytest.raises(ModelFailure) as failure:
        transport.send("s", "p", {})
    assert time.monotonic() - started < 1.5  # the model sleeps 3 s; nora does not wait for it
    assert (failure.value.outcome, failure.value.detail) == ("timeout", "no reply within 0.3 s")
    assert 0.3 <= failure.value.seconds < 1.5


def test_a_model_error_is_one_line(test_models: ModuleType) -> None:
    transport = ai.LlmTransport(model(test_models, "nora-test-error"), timeout=5)
    with pytest.raises(ModelFailure) as failure:
        transport.send("s", "p", {})
    assert (failure.value.outcome, failure.value.detail) == (
        "error",
        "the test server refused the request",
    )


def test_a_rambling_model_is_cut_off(test_models: ModuleType) -> None:
    transport = ai.LlmTransport(model(test_models, "nora-test-ramble"), timeout=5, max_chars=500)
    with pytest.raises(ModelFailure) as failure:
        transport.send("s", "p", {})
    assert (failure.value.outcome, failure.value.detail) == (
        "ramble",
        "it rambled past 500 characters",
    )


def test_ctrl_c_while_waiting_stops_the_wait(
    test_models: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    wait = threading.Event.wait

    def interrupted(self: threading.Event, timeout: float | None = None) -> bool:
        if timeout is None:  # Thread.start waits for the thread to run
            return wait(self)
        raise KeyboardInterrupt  # Ctrl-C while nora waits on the model

    transport = ai.LlmTransport(model(test_models, "nora-test"), timeout=5)
    monkeypatch.setattr(threading.Event, "wait", interrupted)
    with pytest.raises(ModelFailure) as failure:
        transport.send("s", "p", {})
    assert failure.value.outcome == "stopped"


def test_the_real_path_from_prompt_to_grade_with_one_retry(test_models: ModuleType) -> None:
    interviewer = Interviewer(ai.LlmTransport(model(test_models, "nora-test"), timeout=10))
    test_models.SCRIPT.append("I think point 1 is covered.")
    record = interviewer.grade(CARD, ANSWER)
    assert [(g.point, g.verdict, g.quote) for g in record.points] == [
        (0, "covered", "Precision"),
        (1, "missed", ""),
    ]
    assert record.follow_ups[0].aims_at == (1,)
    first, second = test_models.CALLS
    assert "Your previous reply could not be used" in second["prompt"]
    assert first["schema"]["properties"]["points"]["minItems"] == 2
    assert "maxLength" not in json.dumps(first["schema"])
    (call,) = record.calls
    assert call.tries == 2 and call.outcome == "ok"
    sent = test_models.tokens(first["system"] + first["prompt"]) + test_models.tokens(
        second["system"] + second["prompt"]
    )
    assert call.tokens_in == sent
