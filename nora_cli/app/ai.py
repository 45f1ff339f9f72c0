"""The AI interviewer's link to a model through simonw's `llm` library: whether it is on,
which model `ai.model` names, whether that model runs on this machine, the privacy gate
(answers go to a model elsewhere only with `ai.remote_ok = true`), and one prompt sent with
a timeout, a cap on the reply's length and the tokens counted.

`llm` is an optional extra (`pip install 'nora-cli[ai]'`, or `python -m pip install llm` with
the Python nora runs on): it is imported only here, and only when `ai.model` is set and the
drill was not started with `--no-ai`.
"""

from __future__ import annotations

import ipaddress
import os
import sys
import threading
import time
from dataclasses import dataclass, replace
from importlib.util import find_spec
from typing import Any
from urllib.parse import SplitResult, urlsplit

from nora_cli.coach.interview_schema import Schema
from nora_cli.coach.interviewer import Interviewer, ModelFailure, Reply
from nora_cli.store.config import Config

INSTALL_FROM_PYPI = "pip install 'nora-cli[ai]'"
# A reply longer than this is rambling: nora stops reading and the offline coach takes over.
MAX_REPLY_CHARS = 12_000
# Attributes through which llm plugins name the server a model talks to.
ENDPOINT_ATTRIBUTES = ("api_base", "base_url", "host", "url")
OLLAMA_DEFAULT = "http://127.0.0.1:11434"
# Plugins that run their models in this process or on this machine. A model from any other
# plugin that names no server is treated as remote: nora cannot see where its code sends it.
LOCAL_PLUGINS = frozenset(
    {"llm-gguf", "llm-gpt4all", "llm-llamafile", "llm-llama-cpp", "llm-mlc", "llm-mlx",
     "llm-ollama"}
)  # fmt: skip


@dataclass(frozen=True)
class Status:
    """What `nora ai status` reports, and what a drill decides from: the model asked for,
    the one found, where it runs, and why the interviewer is off when it is."""

    configured: str
    installed: bool
    remote_ok: bool
    timeout: float
    model_id: str = ""
    local: bool | None = None
    where: str = ""
    where_known: bool = True
    problem: str = ""

    @property
    def on(self) -> bool:
        return bool(self.model_id) and not self.problem


def status(settings: Config, *, allowed: bool = True) -> tuple[Status, Any]:
    """The interviewer's status and the llm model (None when it is off). `allowed` is False
    for `--no-ai`. Imports llm only when a model is configured and allowed."""
    base = Status(
        configured=settings.ai_model,
        installed=find_spec("llm") is not None,
        remote_ok=settings.ai_remote_ok,
        timeout=settings.ai_timeout,
    )
    if not settings.ai_model:
        return base, None
    if not allowed:
        return _off(base, "--no-ai was given: the offline coach judges every answer"), None
    if not base.installed:
        return _off(base, f"the `llm` library is not installed ({install_hint()})"), None
    try:
        model = _find_model(settings.ai_model)
    except LookupError as exc:
        return _off(base, str(exc)), None
    place = locality(model)
    found = replace(
        base, model_id=model.model_id, local=place.local, where=place.where,
        where_known=place.known,
    )  # fmt: skip
    if not place.local and not settings.ai_remote_ok:
        if place.known:
            problem = (
                f"{model.model_id} does not run on this machine: your answers would go to "
                f"{place.where}"
            )
        else:
            problem = (
                f"nora cannot tell where {place.where} runs {model.model_id}, so it is treated "
                "as remote"
            )
        problem += ". Nothing is sent unless you allow it with `nora config set ai.remote_ok true`"
        return _off(found, problem), None
    return found, model


def install_hint() -> str:
    """How to install llm: into the Python nora runs on (a checkout's venv as much as a
    pip-installed nora), or as nora's extra from PyPI."""
    import shlex

    return (
        f"`{shlex.quote(sys.executable)} -m pip install llm` installs it for the Python nora "
        f"runs on; `{INSTALL_FROM_PYPI}` from PyPI"
    )


def _off(state: Status, problem: str) -> Status:
    return replace(state, problem=problem)


def _find_model(name: str) -> Any:
    import llm

    try:
        return llm.get_model(name)
    except llm.UnknownModelError:
        raise LookupError(
            f"llm knows no model called '{name}' (`llm models` lists them; plugins such as "
            "llm-ollama or llm-gguf add local ones)"
        ) from None
    except Exception as exc:  # a plugin that fails to load must not stop the drill
        raise LookupError(f"llm could not load its models: {_first_line(exc)}") from None


@dataclass(frozen=True)
class Place:
    """Where a model runs: `local` only when nora can tell it runs on this machine; `where`
    names the server, the service or the plugin; `known` is False when nora cannot tell."""

    local: bool
    where: str
    known: bool = True


def locality(model: Any) -> Place:
    """Where the model runs, told only from what nora can check. A model that names a
    server runs where that server is (local when it is this machine: localhost, 127.0.0.0/8,
    ::1; Ollama's is `OLLAMA_HOST`); one that needs an API key is a hosted service; one from
    a plugin known to run models on this machine (LOCAL_PLUGINS) is local. Any other model
    may call a service in its own code (a Bedrock plugin calls boto3), so it is remote."""
    endpoint = _endpoint(model)
    if endpoint:
        url = urlsplit(endpoint if "//" in endpoint else f"//{endpoint}")
        return Place(_loopback(url.hostname or ""), _shown(url))
    name = plugin_name(model)
    plugin = "llm's built-in plugin" if name == "llm" else f"the {name} plugin"
    key = getattr(model, "needs_key", None)
    if key:
        service = "OpenAI's API (api.openai.com)" if key == "openai" else f"the {key} service"
        return Place(False, f"{service}, through {plugin}")
    if name in LOCAL_PLUGINS:
        return Place(True, f"this machine, through {plugin}")
    return Place(False, plugin, known=False)


def _shown(url: SplitResult) -> str:
    """An endpoint as nora shows it: without a user, a password or a query, which may hold
    a key."""
    kept = url._replace(netloc=url.netloc.rpartition("@")[2], query="", fragment="")
    return kept.geturl().removeprefix("//")


def plugin_name(model: Any) -> str:
    """The llm plugin a model comes from, named as it is installed (`llm-gguf`); `llm` for
    llm's own models."""
    return str(type(model).__module__).split(".")[0].replace("_", "-")


def _endpoint(model: Any) -> str:
    for name in ENDPOINT_ATTRIBUTES:
        value = getattr(model, name, None)
        if isinstance(value, str) and value.strip():
            return value.strip()
    if type(model).__module__.startswith("llm_ollama"):
        return os.environ.get("OLLAMA_HOST") or OLLAMA_DEFAULT
    return ""


def _loopback(host: str) -> bool:
    if host.lower() in {"localhost", "localhost.localdomain"}:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:200]


class LlmTransport:
    """Sends one prompt to an llm model and waits at most `timeout` seconds for the whole
    reply; the model runs in a daemon thread, so a hung model never holds nora up (or its
    exit). Ctrl-C while waiting stops the wait, not the drill."""

    def __init__(self, model: Any, timeout: float, max_chars: int = MAX_REPLY_CHARS) -> None:
        self.model = model
        self.timeout = timeout
        self.max_chars = max_chars

    @property
    def model_id(self) -> str:
        return str(self.model.model_id)

    def send(self, system: str, prompt: str, schema: Schema) -> Reply:
        outcome: dict[str, Any] = {}
        done = threading.Event()
        started = time.monotonic()

        def work() -> None:
            try:
                outcome["reply"] = self._run(system, prompt, schema)
            except BaseException as exc:  # reported to the waiting thread, never raised here
                outcome["error"] = exc
            finally:
                done.set()

        threading.Thread(target=work, name="nora-interviewer", daemon=True).start()
        try:
            finished = done.wait(self.timeout)
        except KeyboardInterrupt:
            raise ModelFailure("stopped", "stopped", time.monotonic() - started) from None
        waited = time.monotonic() - started
        if not finished:
            raise ModelFailure("timeout", f"no reply within {self.timeout:g} s", waited)
        error = outcome.get("error")
        if isinstance(error, ModelFailure):
            raise ModelFailure(error.outcome, error.detail, waited)
        if error is not None:
            raise ModelFailure("error", _first_line(error), waited)
        text, tokens_in, tokens_out = outcome["reply"]
        return Reply(text, waited, tokens_in, tokens_out)

    def _run(self, system: str, prompt: str, schema: Schema) -> tuple[str, int | None, int | None]:
        model = self.model
        response = model.prompt(
            prompt,
            system=system,
            schema=schema if getattr(model, "supports_schema", False) else None,
            stream=bool(getattr(model, "can_stream", False)),
        )
        chunks: list[str] = []
        size = 0
        for chunk in response:
            chunks.append(chunk)
            size += len(chunk)
            if size > self.max_chars:
                raise ModelFailure("ramble", f"it rambled past {self.max_chars:,} characters")
        usage = response.usage()
        return "".join(chunks), usage.input, usage.output


def typed_input() -> bool:
    """Whether the answers are typed at a terminal: the interviewer's follow-ups are asked
    only then, since piped lines are the checklist's and the rating's."""
    return sys.stdin.isatty()


def interviewer_for_drill(settings: Config, *, allowed: bool) -> tuple[Interviewer | None, str]:
    """The interviewer for a drill and the one line to show as the drill starts: which model
    plays it and where the answers go, or why it is off ("" when no model is configured:
    then nothing is said and llm is never imported)."""
    state, model = status(settings, allowed=allowed)
    if model is None:
        if not state.configured or not allowed:
            return None, ""
        return None, f"The AI interviewer is off: {state.problem}."
    typed = typed_input()
    interviewer = Interviewer(LlmTransport(model, settings.ai_timeout), asks_follow_ups=typed)
    return interviewer, announcement(state, typed=typed)


def announcement(state: Status, *, typed: bool) -> str:
    """The drill's first line with the interviewer on: the model and where answers go."""
    if state.local:
        where = "runs locally"
    elif state.where_known:
        where = f"sends your answers to {state.where}"
    else:
        where = f"sends your answers through {state.where}; nora cannot tell where it runs"
    line = f"AI interviewer: {state.model_id} ({where})."
    if not typed:
        line += (
            " The input is not typed at a terminal, so it grades each answer but asks no "
            "follow-ups."
        )
    return line


def open_for_drill(settings: Config, *, allowed: bool) -> Interviewer | None:
    """The interviewer for a drill from the user's settings, announced in one line; when a
    configured one cannot run (not installed, unknown model, a remote model not allowed) one
    yellow line says why on standard error and the offline coach judges the drill."""
    from nora_cli.ui.prose import say
    from nora_cli.ui.render import make_console

    interviewer, line = interviewer_for_drill(settings, allowed=allowed)
    if interviewer is not None:
        say(make_console(), line, "dim")
    elif line:
        say(make_console(stderr=True), line, "yellow")
    return interviewer


def after_setting_model(settings: Config) -> str:
    """What `nora config set ai.model` adds once the name is saved: whether the interviewer
    is now on (the model and where it runs) or why it is off."""
    if not settings.ai_model:
        return "The AI interviewer is off: the offline coach judges every answer."
    state, model = status(settings)
    if model is None:
        return f"The AI interviewer is off: {state.problem}."
    line = announcement(state, typed=True).removeprefix("AI interviewer: ")
    return f"The AI interviewer is on: {line}"


def status_record(state: Status) -> dict[str, Any]:
    """The status as `nora ai status --json` prints it."""
    return {
        "on": state.on,
        "configured": state.configured,
        "model": state.model_id or None,
        "local": state.local,
        "where": state.where or None,
        "where_known": state.where_known if state.local is not None else None,
        "remote_ok": state.remote_ok,
        "timeout": state.timeout,
        "llm_installed": state.installed,
        "problem": state.problem or None,
    }


def describe(state: Status) -> list[tuple[str, str]]:
    """The status as labelled lines, for `nora ai status`."""
    from importlib.metadata import PackageNotFoundError, version

    rows = [("Interviewer", "on" if state.on else "off: the offline coach judges every answer")]
    if not state.configured:
        rows.append(("Model", "not set; `nora config set ai.model NAME` turns it on"))
    elif not state.installed:
        rows.append(("Model", f"{state.configured} (not looked up: `llm` is not installed)"))
    else:
        found = state.model_id or "not found"
        shown = (
            found
            if state.model_id == state.configured
            else f"{found} (ai.model = {state.configured})"
        )
        rows.append(("Model", shown))
    if state.local is not None:
        runs = f"locally, on {state.where}" if state.local else f"elsewhere: {state.where}"
        if not state.where_known:
            runs = f"treated as remote: nora cannot tell where {state.where} runs the model"
        rows.append(("Runs", runs))
    remote = "allowed (ai.remote_ok = true)"
    if not state.remote_ok:
        remote = "not allowed: nothing is sent to a model that is not local (ai.remote_ok)"
    rows.append(("Remote models", remote))
    rows.append(("Wait for a reply", f"up to {state.timeout:g} s (ai.timeout)"))
    try:
        rows.append(("llm library", f"installed, version {version('llm')}"))
    except PackageNotFoundError:
        rows.append(("llm library", f"not installed ({install_hint()})"))
    if state.problem:
        rows.append(("Why off", state.problem.rstrip(".") + "."))
    return rows
