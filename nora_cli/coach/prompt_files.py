"""The interviewer's prompts: one file per task in `nora_cli/coach/prompts/`, named with its
version (`grade.v1.txt`), so a prompt can be read, improved, and told apart in the history
(each model call records the prompt file it used)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from string import Template

# The version each task sends; older files stay, so the prompt a saved call names can be read.
TASK_PROMPTS = {
    "grade": "grade.v3",
    "follow_ups": "follow_ups.v1",
    "curveball": "curveball.v2",
    "debrief": "debrief.v2",
    "transition": "transition.v2",
}
RETRY_PROMPT = "retry.v1"


@dataclass(frozen=True)
class Prompt:
    """A prompt file: what the model is told it is (`system`) and the task (`template`,
    with `$name` fields)."""

    name: str
    system: str
    template: str

    def render(self, values: dict[str, str]) -> str:
        return Template(self.template).substitute(values)


@cache
def load_prompt(name: str) -> Prompt:
    """A prompt file shipped in `nora_cli/coach/prompts/`: lines starting with # are notes for
    readers; `[system]` and `[prompt]` open the two parts."""
    from importlib.resources import files

    text = (files("nora_cli.coach") / "prompts" / f"{name}.txt").read_text(encoding="utf-8")
    parts: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        if line.strip() in ("[system]", "[prompt]"):
            current = parts.setdefault(line.strip()[1:-1], [])
        elif current is not None:
            current.append(line)
        elif line.strip() and not line.startswith("#"):
            raise ValueError(f"prompt {name}: text before [system] or [prompt]: {line!r}")
    system = "\n".join(parts.get("system", [])).strip()
    return Prompt(name, system, "\n".join(parts.get("prompt", [])) + "\n")
