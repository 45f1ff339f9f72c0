"""A deterministic llm plugin for nora's tests, registered through llm's own plugin hooks
(pluggy) by a fixture or by `nora_with_test_model.py`; never installed, never on the network.

Its models read nora's prompts the way a model would and answer from what they find: a key
point counts as covered when one of its longer words is in the answer (and that word is the
quote), the first missed point gets the follow-up, a design that mentions a batch job gets
the real-time curveball, a stage change gets a line naming both stages. `SCRIPT` (or the
file named by NORA_TEST_SCRIPT) holds replies to give first, in order, so a test can hand
nora invalid JSON, a made-up quote, and so on; a script entry "sleep N" gives the default
reply after N seconds (a slow call among quick ones).
"""

from __future__ import annotations

import json
import math
import os
import re
import threading
import time
from pathlib import Path
from typing import Any

import llm

PLUGIN = "llm-plugin-nora-test"  # its name as nora reads it from the module
CALLS: list[dict[str, Any]] = []  # every prompt any test model received
SCRIPT: list[str] = []  # replies to give before the default ones
EXECUTE_SECONDS: list[float] = []  # time spent inside execute(), for the bench
RESETS = [0]  # a model thread left behind by one test must not touch the next test's SCRIPT
WAKE = [threading.Event()]  # set at reset: a slow model left behind stops waiting
DIMENSIONS = (
    "technical-clarity",
    "model-understanding",
    "evaluation",
    "production-design",
    "product-objective",
)
REAL_TIME = (
    "Your nightly batch job is too slow now: the product needs a fresh score within 100 ms "
    "of each event. What changes in your design?"
)


def reset() -> None:
    RESETS[0] += 1
    WAKE[0].set()
    WAKE[0] = threading.Event()
    CALLS.clear()
    SCRIPT.clear()
    EXECUTE_SECONDS.clear()
    path = os.environ.get("NORA_TEST_SCRIPT")
    if path:
        SCRIPT.extend(json.loads(Path(path).read_text(encoding="utf-8")))


def tokens(text: str) -> int:
    """The usual rough count: a token is about four characters."""
    return math.ceil(len(text) / 4)


class NoraTestModel(llm.Model):
    can_stream = True
    supports_schema = True

    def __init__(self, model_id: str, behaviour: str = "default", delay: float = 0.0) -> None:
        self.model_id = model_id
        self.behaviour = behaviour
        self.delay = delay

    def execute(self, prompt, stream, response, conversation):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        generation, wake = RESETS[0], WAKE[0]
        text = prompt.prompt or ""
        CALLS.append(
            {
                "model": self.model_id,
                "prompt": text,
                "system": prompt.system,
                "schema": prompt.schema,
            }
        )
        if self.delay:
            wake.wait(self.delay)
        if generation != RESETS[0]:
            return  # left behind by a test that has ended
        if self.behaviour == "error":
            raise llm.ModelError("the test server refused the request")
        if self.behaviour == "ramble":
            for _ in range(100_000):
                yield "and furthermore, "
            return
        reply = SCRIPT.pop(0) if SCRIPT else default_reply(text)
        if reply.startswith("sleep "):
            wake.wait(float(reply.split()[1]))
            if generation != RESETS[0]:
                return
            reply = default_reply(text)
        # Time spent here, not while llm handles each chunk, is the model's (for the bench).
        own = time.perf_counter() - started
        for start in range(0, len(reply), 40):
            yield reply[start : start + 40]
        started = time.perf_counter()
        response.set_usage(input=tokens((prompt.system or "") + text), output=tokens(reply))
        EXECUTE_SECONDS.append(own + time.perf_counter() - started)


class HostedTestModel(NoraTestModel):
    """Stands for a hosted model: it needs an API key, so nora must treat it as remote."""

    needs_key = "nora-test-cloud"


class EndpointTestModel(NoraTestModel):
    """A model that names the server it talks to, as OpenAI-compatible plugins do."""

    def __init__(self, model_id: str, api_base: str) -> None:
        super().__init__(model_id)
        self.api_base = api_base


@llm.hookimpl
def register_models(register):  # type: ignore[no-untyped-def]
    register(NoraTestModel("nora-test"), aliases=("nora-test-alias",))
    register(NoraTestModel("nora-test-slow", delay=3.0))
    register(NoraTestModel("nora-test-error", behaviour="error"))
    register(NoraTestModel("nora-test-ramble", behaviour="ramble"))
    register(HostedTestModel("nora-test-hosted"))
    register(EndpointTestModel("nora-test-api", "https://api.example.invalid/v1"))
    register(EndpointTestModel("nora-test-lan", "http://localhost:8080/v1"))


# --- the default replies, read from nora's prompts ------------------------------------------


def default_reply(prompt: str) -> str:
    task = re.search(r"^TASK: (\w+)", prompt, re.MULTILINE)
    name = task.group(1) if task else ""
    tasks = {"grade": _grade, "follow_ups": _follow_ups, "curveball": _curveball,
             "transition": _transition}  # fmt: skip
    return json.dumps(tasks.get(name, _debrief)(prompt))


def _between(prompt: str, tag: str) -> str:
    found = re.search(rf"<{tag}>\n(.*?)\n</{tag}>", prompt, re.DOTALL)
    return found.group(1) if found else ""


def _numbered(prompt: str, heading: str) -> list[str]:
    after = prompt.split(heading, 1)[1].split("\n", 1)[1]
    items = []
    for line in after.splitlines():
        match = re.match(r"(\d+)\. (.*)", line)
        if not match:
            break
        items.append(match.group(2))
    return items


def _grade(prompt: str) -> dict[str, Any]:
    points = _numbered(prompt, "The rubric:")
    # nora's step titles and questions open a line in square brackets: never quoted
    answer = re.sub(r"^\[[^\]\n]*\] ?", "", _between(prompt, "answer"), flags=re.MULTILINE)
    graded, missed = [], []
    for number, point in enumerate(points, start=1):
        words = [w for w in re.findall(r"[A-Za-z]{5,}", point)]
        hit = next((w for w in words if w.lower() in answer.lower()), None)
        if hit:
            at = answer.lower().index(hit.lower())
            quote = answer[at : at + len(hit)]
            graded.append(
                {
                    "point": number,
                    "verdict": "covered",
                    "quote": quote,
                    "reason": f"you named {hit.lower()}",
                }
            )
        else:
            graded.append(
                {"point": number, "verdict": "missed", "quote": "", "reason": "not in your answer"}
            )
            missed.append(number)
    follow_ups = []
    if missed:
        follow_ups.append(
            {
                "question": f"You left out point {missed[0]}: how would you handle it?",
                "aims_at": [missed[0]],
            }
        )
    if "behavioral story" in prompt and not re.search(r"\d", answer):
        follow_ups.append(
            {"question": "What was the measurable result, in numbers?", "aims_at": []}
        )
    if not follow_ups:
        follow_ups.append(
            {"question": "What would you measure first to know it works?", "aims_at": []}
        )
    scores = dict.fromkeys(DIMENSIONS, 3)
    scores["product-objective"] = None
    return {"points": graded, "dimensions": scores, "follow_ups": follow_ups[:2]}


def _follow_ups(prompt: str) -> dict[str, Any]:
    answers = re.findall(r"^(\d+)\. .*?\n<answer>\n(.*?)\n</answer>", prompt, re.DOTALL | re.M)
    verdicts = []
    for number, text in answers:
        words = text.split()
        verdict = "strong" if len(words) >= 8 else "partial"
        verdicts.append(
            {
                "number": int(number),
                "verdict": verdict,
                "quote": " ".join(words[:3]),
                "reason": f"{len(words)} words",
            }
        )
    return {"answers": verdicts}


def _curveball(prompt: str) -> dict[str, Any]:
    design = _between(prompt, "design")
    batch = re.search(r"\w*batch\w*", design, re.IGNORECASE)
    if batch:
        return {"curveball": REAL_TIME, "based_on": 1, "quote": batch.group()}
    first = _numbered(prompt, "Curveballs this question")[0]
    return {
        "curveball": f"{first} (Fitted to your design.)",
        "based_on": 1,
        "quote": design.split()[-1],
    }


def _debrief(prompt: str) -> dict[str, Any]:
    stages = re.findall(r"^Stage: (.*)$", prompt, re.MULTILINE)
    return {
        "summary": f"You went through {len(stages)} stages: {', '.join(stages)}.",
        "strengths": ["You answered every stage."],
        "gaps": ["Name your metrics earlier."],
        "next_step": "Drill the weakest stage again tomorrow.",
    }


def _transition(prompt: str) -> dict[str, Any]:
    ended = re.search(r"^The stage that just ended: (.*)$", prompt, re.MULTILINE)
    starting = re.search(r"^The next stage: (.*) \(", prompt, re.MULTILINE)
    assert ended and starting, prompt
    return {"line": f"Thanks, that was {ended.group(1)}. Now, {starting.group(1)}."}
