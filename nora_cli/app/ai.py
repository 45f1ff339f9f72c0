"""The AI interviewer's link to a model through simonw's `llm` library: whether it is on,
which model `ai.model` names, whether that model runs on this machine, the privacy gate
(answers go to a model elsewhere only with `ai.remote_ok = true`), and one prompt sent with
a timeout, a cap on the reply's length and the tokens counted.

`llm` is an optional extra (`pip install 'nora-cli[ai]'`): it is imported only here, and
only when `ai.model` is set and the drill was not started with `--no-ai`.
"""

from __future__ import annotations

import ipaddress
import os
import threading
import time
from dataclasses import dataclass, replace
from importlib.util import find_spec
from typing import Any
from urllib.parse import urlsplit

from nora_cli.coach.interview_schema import Schema
from nora_cli.coach.interviewer import Interviewer, ModelFailure, Reply
from nora_cli.store.config import Config

INSTALL = "pip install 'nora-cli[ai]'"
# A reply longer than this is rambling: nora stops reading and the offline coach takes over.
MAX_REPLY_CHARS = 12_000
# Attributes through which llm plugins name the server a model talks to.
ENDPOINT_ATTRIBUTES = ("api_base", "base_url", "host", "url")
OLLAMA_DEFAULT = "http://127.0.0.1:11434"


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
        return _off(base, f"the `llm` library is not installed (`{INSTALL}`)"), None
    try:
        model = _find_model(settings.ai_model)
    except LookupError as exc:
        return _off(base, str(exc)), None
    local, where = locality(model)
    found = replace(base, model_id=model.model_id, local=local, where=where)
    if not local and not settings.ai_remote_ok:
        problem = (
            f"{model.model_id} does not run on this machine: your answers would go to {where}. "
            "Nothing is sent unless you allow it with `nora config set ai.remote_ok true`"
        )
        return _off(found, problem), None
    return found, model


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


def locality(model: Any) -> tuple[bool, str]:
    """Whether the model runs on this machine, and where answers go. A model is local when
    every server it names is this machine (localhost, 127.0.0.0/8, ::1); one that names no
    server is local unless it needs an API key, which means a hosted service."""
    endpoint = _endpoint(model)
    if endpoint:
        host = urlsplit(endpoint if "//" in endpoint else f"//{endpoint}").hostname or ""
        return _loopback(host), endpoint
    module = type(model).__module__
    plugin = (
        "llm's built-in plugin"
        if module.startswith("llm.")
        else f"the {module.split('.')[0].replace('_', '-')} plugin"
    )
    key = getattr(model, "needs_key", None)
    if key:
        service = "OpenAI's API (api.openai.com)" if key == "openai" else f"the {key} service"
        return False, f"{service}, through {plugin}"
    return True, f"this machine, through {plugin}"


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


def interviewer_for_drill(settings: Config, *, allowed: bool) -> tuple[Interviewer | None, str]:
    """The interviewer for a drill, or None and the one line that says why it is off ("" when
    no model is configured: then nothing is said and llm is never imported)."""
    state, model = status(settings, allowed=allowed)
    if model is None:
        if not state.configured or not allowed:
            return None, ""
        return None, f"The AI interviewer is off: {state.problem}."
    return Interviewer(LlmTransport(model, settings.ai_timeout)), ""


def open_for_drill(settings: Config, *, allowed: bool) -> Interviewer | None:
    """The interviewer for a drill from the user's settings; when a configured one cannot
    run (not installed, unknown model, a remote model not allowed) one yellow line says why
    on standard error and the offline coach judges the drill."""
    from nora_cli.ui.prose import say
    from nora_cli.ui.render import make_console

    interviewer, note = interviewer_for_drill(settings, allowed=allowed)
    if note:
        say(make_console(stderr=True), note, "yellow")
    return interviewer


def status_record(state: Status) -> dict[str, Any]:
    """The status as `nora ai status --json` prints it."""
    return {
        "on": state.on,
        "configured": state.configured,
        "model": state.model_id or None,
        "local": state.local,
        "where": state.where or None,
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
        rows.append(
            ("Runs", f"locally, on {state.where}" if state.local else f"elsewhere: {state.where}")
        )
    remote = "allowed (ai.remote_ok = true)"
    if not state.remote_ok:
        remote = "not allowed: nothing is sent to a model that is not local (ai.remote_ok)"
    rows.append(("Remote models", remote))
    rows.append(("Wait for a reply", f"up to {state.timeout:g} s (ai.timeout)"))
    try:
        rows.append(("llm library", f"installed, version {version('llm')}"))
    except PackageNotFoundError:
        rows.append(("llm library", f"not installed (`{INSTALL}`)"))
    if state.problem:
        rows.append(("Why off", state.problem.rstrip(".") + "."))
    return rows
