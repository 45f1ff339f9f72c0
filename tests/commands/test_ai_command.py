"""`nora ai status` and the `ai.*` settings, through Typer's CliRunner. The models named are
llm's own OpenAI ones: looking them up sends nothing."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nora_cli.cli import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def llm_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LLM_USER_PATH", str(tmp_path / "llm"))


def status() -> tuple[str, dict[str, object]]:
    text = runner.invoke(app, ["ai", "status"])
    data = runner.invoke(app, ["ai", "status", "--json"])
    assert text.exit_code == 0 and data.exit_code == 0, text.output
    return " ".join(text.output.split()), json.loads(data.output)


def test_off_until_a_model_is_set(nora_home: Path) -> None:
    text, data = status()
    assert "Interviewer: off: the offline coach judges every answer" in text
    assert "Model: not set; `nora config set ai.model NAME` turns it on" in text
    assert (data["on"], data["configured"], data["model"], data["problem"]) == (
        False,
        "",
        None,
        None,
    )


def test_a_hosted_model_is_off_until_remote_answers_are_allowed(nora_home: Path) -> None:
    assert runner.invoke(app, ["config", "set", "ai.model", "4o-mini"]).exit_code == 0
    text, data = status()
    assert "Model: gpt-4o-mini (ai.model = 4o-mini)" in text
    assert "Runs: elsewhere: OpenAI's API (api.openai.com), through llm's built-in plugin" in text
    assert (
        "Why off: gpt-4o-mini does not run on this machine: your answers would go to OpenAI's "
        "API (api.openai.com), through llm's built-in plugin. Nothing is sent unless you allow "
        "it with `nora config set ai.remote_ok true`." in text
    )
    assert (data["on"], data["local"], data["remote_ok"]) == (False, False, False)
    assert runner.invoke(app, ["config", "set", "ai.remote_ok", "true"]).exit_code == 0
    text, data = status()
    assert "Interviewer: on" in text and "Remote models: allowed (ai.remote_ok = true)" in text
    assert data["on"] is True and data["model"] == "gpt-4o-mini"


def test_an_empty_model_turns_it_off_and_the_file_keeps_its_comments(nora_home: Path) -> None:
    path = nora_home / "config.toml"
    nora_home.mkdir(parents=True, exist_ok=True)
    path.write_text("# my settings\nplain = true  # screen reader\n")
    for key, value in (("ai.model", "gpt-4o-mini"), ("ai.remote_ok", "yes"), ("ai.model", "")):
        assert runner.invoke(app, ["config", "set", key, value]).exit_code == 0
    text = path.read_text()
    assert text.startswith("# my settings\nplain = true  # screen reader\n")
    assert tomllib.loads(text) == {"plain": True, "ai": {"model": "", "remote_ok": True}}
    _, data = status()
    assert data["on"] is False and data["configured"] == ""


@pytest.mark.parametrize(
    ("value", "message"),
    [("0", "'ai.timeout' must be a number from 1 to 600, got 0"), ("soon", "got 'soon'")],
)
def test_a_bad_timeout_is_refused_and_nothing_written(
    nora_home: Path, value: str, message: str
) -> None:
    result = runner.invoke(app, ["config", "set", "ai.timeout", value])
    assert result.exit_code == 1
    assert message in result.output
    assert not (nora_home / "config.toml").exists()


def test_the_timeout_is_shown(nora_home: Path) -> None:
    assert runner.invoke(app, ["config", "set", "ai.timeout", "15"]).exit_code == 0
    text, data = status()
    assert "Wait for a reply: up to 15 s (ai.timeout)" in text
    assert data["timeout"] == 15.0


def test_nora_ai_alone_shows_the_status(nora_home: Path) -> None:
    alone = runner.invoke(app, ["ai"])
    assert alone.exit_code == 0, alone.output
    assert alone.output == runner.invoke(app, ["ai", "status"]).output
    assert "Interviewer: off" in " ".join(alone.output.split())
    as_json = runner.invoke(app, ["ai", "--json"])
    assert as_json.exit_code == 0 and json.loads(as_json.output)["on"] is False


def test_setting_the_model_says_at_once_whether_llm_knows_it(nora_home: Path) -> None:
    unknown = runner.invoke(app, ["config", "set", "ai.model", "nonexistent"])
    assert unknown.exit_code == 0, unknown.output
    said = " ".join(unknown.output.split())
    assert 'ai.model = "nonexistent" (saved in' in said
    assert "The AI interviewer is off: llm knows no model called 'nonexistent'" in said
    hosted = " ".join(runner.invoke(app, ["config", "set", "ai.model", "4o-mini"]).output.split())
    assert "The AI interviewer is off: gpt-4o-mini does not run on this machine" in hosted
    assert runner.invoke(app, ["config", "set", "ai.remote_ok", "true"]).exit_code == 0
    allowed = " ".join(runner.invoke(app, ["config", "set", "ai.model", "4o-mini"]).output.split())
    assert "The AI interviewer is on: gpt-4o-mini (sends your answers to OpenAI's API" in allowed
    off = " ".join(runner.invoke(app, ["config", "set", "ai.model", ""]).output.split())
    assert "The AI interviewer is off: the offline coach judges every answer." in off


def test_setting_a_model_without_llm_says_how_to_install_it(
    nora_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nora_cli.app import ai

    monkeypatch.setattr(ai, "find_spec", lambda name: None)
    said = " ".join(runner.invoke(app, ["config", "set", "ai.model", "llama3.2"]).output.split())
    assert "The AI interviewer is off: the `llm` library is not installed (`" in said
    assert "-m pip install llm` installs it for the Python nora runs on" in said
