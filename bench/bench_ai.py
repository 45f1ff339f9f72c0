"""The AI interviewer's cost per card, measured with the deterministic test model
(tests/llm_plugin_nora_test.py): `python bench/bench_ai.py`.

For shipped cards of every kind, answered with their own model answer, nora asks for the
grade and then for the verdict on one follow-up answer, through the real path (prompt files,
llm, the timeout thread, JSON checks). It prints, per kind of card:

- what is sent and received per card: characters (exact) and tokens as the test model counts
  them (a quarter of the characters, the usual rough rule; a real model's tokenizer differs
  by a few tens of percent);
- nora's overhead around the model call, per call: its own work (prompt assembly, JSON
  extraction and checks) and llm's (the Response machinery and the waiting thread), i.e. the
  time of the call minus the time spent inside the model's execute().

It also prints the same figures for the walk's curveball, the mock interview's word at each
stage change, and its debrief.
Nothing leaves the machine: the test model answers from the prompt itself.
"""

from __future__ import annotations

import itertools
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PER_KIND = int(os.environ.get("BENCH_CARDS", "12"))
FOLLOW_UP_ANSWER = "I would compare against the simple baseline first, on a held-out week."


@dataclass
class Tally:
    chars_in: list[int] = field(default_factory=list)
    chars_out: list[int] = field(default_factory=list)
    tokens_in: list[int] = field(default_factory=list)
    tokens_out: list[int] = field(default_factory=list)
    nora_ms: list[float] = field(default_factory=list)  # prompt, parse, checks
    llm_ms: list[float] = field(default_factory=list)  # llm's Response and the wait thread


class Timed:
    """Wraps the transport to time each send and keep what was sent and received."""

    def __init__(self, inner: object) -> None:
        self.inner = inner
        self.sends: list[tuple[float, int, int, int | None, int | None]] = []

    @property
    def model_id(self) -> str:
        return self.inner.model_id  # type: ignore[attr-defined, no-any-return]

    def send(self, system: str, prompt: str, schema: dict[str, object]):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        reply = self.inner.send(system, prompt, schema)  # type: ignore[attr-defined]
        took = time.perf_counter() - started
        self.sends.append((took, len(system) + len(prompt), len(reply.text), reply.tokens_in,
                           reply.tokens_out))  # fmt: skip
        return reply


def measure(tally: Tally, timed: Timed, plugin: object, call: object) -> None:
    """Run one interviewer call and add its figures to `tally`."""
    execute: list[float] = plugin.EXECUTE_SECONDS  # type: ignore[attr-defined]
    sends, executed = len(timed.sends), len(execute)
    started = time.perf_counter()
    call()  # type: ignore[operator]
    total = time.perf_counter() - started
    mine = timed.sends[sends:]
    waited = sum(s[0] for s in mine)
    inside = sum(execute[executed:])
    tally.chars_in.append(sum(s[1] for s in mine))
    tally.chars_out.append(sum(s[2] for s in mine))
    tally.tokens_in.append(sum(s[3] or 0 for s in mine))
    tally.tokens_out.append(sum(s[4] or 0 for s in mine))
    tally.nora_ms.append((total - waited) * 1000)
    tally.llm_ms.append((waited - inside) * 1000)


def main() -> None:
    home = Path(tempfile.mkdtemp(prefix="nora-bench-ai-"))
    os.environ["NORA_HOME"] = str(home)
    os.environ["LLM_USER_PATH"] = str(home / "llm")
    sys.path.insert(0, str(ROOT / "tests"))
    import llm
    import llm_plugin_nora_test as plugin
    from llm.plugins import pm

    from nora_cli.app.ai import LlmTransport
    from nora_cli.coach.interview_material import DebriefRow
    from nora_cli.coach.interviewer import Interviewer
    from nora_cli.core.summary import StageResult
    from nora_cli.decks.loader import load_library

    plugin.reset()
    pm.register(plugin, name="nora-test")
    timed = Timed(LlmTransport(llm.get_model("nora-test"), timeout=30))
    interviewer = Interviewer(timed)  # type: ignore[arg-type]
    library = load_library()
    by_kind: dict[str, list[object]] = defaultdict(list)
    for card in library.cards:
        if len(by_kind[card.kind]) < PER_KIND:
            by_kind[card.kind].append(card)
    tallies: dict[str, Tally] = {}
    rows: list[DebriefRow] = []
    for kind, cards in sorted(by_kind.items()):
        tally = tallies.setdefault(kind, Tally())
        for card in cards:
            per_card = Tally()
            record = None

            def grade(card: object = card) -> None:
                nonlocal record
                record = interviewer.grade(card, card.answer)  # type: ignore[attr-defined]

            measure(per_card, timed, plugin, grade)
            assert record is not None and record.graded, record
            turns = tuple(replace(t, answer=FOLLOW_UP_ANSWER) for t in record.follow_ups)
            asked = replace(record, follow_ups=turns)
            measure(
                per_card,
                timed,
                plugin,
                lambda card=card, asked=asked: interviewer.judge_follow_ups(card, asked),
            )
            tally.chars_in.append(sum(per_card.chars_in))
            tally.chars_out.append(sum(per_card.chars_out))
            tally.tokens_in.append(sum(per_card.tokens_in))
            tally.tokens_out.append(sum(per_card.tokens_out))
            tally.nora_ms += per_card.nora_ms
            tally.llm_ms += per_card.llm_ms
            rows.append(DebriefRow(kind, card.prompt, len(record.covered), len(card.key_points), 3,
                                   record))  # fmt: skip
    extra = {"curveball": Tally(), "transition": Tally(), "debrief": Tally()}
    design = [("Baseline", "a rule on the amount"), ("Serving", "a nightly batch job")]
    for card in by_kind.get("design", []):
        if card.curveballs:  # type: ignore[attr-defined]
            measure(
                extra["curveball"],
                timed,
                plugin,
                lambda card=card: interviewer.adapt_curveball(card, card.curveballs[0], design),
            )
    stages = list(dict.fromkeys(row.stage for row in rows))  # each kind of card a stage
    for ended, starting in itertools.pairwise(stages):
        done = [row for row in rows if row.stage == ended]
        result = StageResult(ended, len(done), len(done), 3.0, 0.5, 240.0, 300.0)
        measure(
            extra["transition"],
            timed,
            plugin,
            lambda result=result, done=done, starting=starting: interviewer.transition(
                result, done, starting, PER_KIND
            ),
        )
    measure(extra["debrief"], timed, plugin, lambda: interviewer.debrief(rows[:7]))
    report(tallies, extra)
    print()
    print(f"Once per drill, importing llm and finding a model: {startup_ms():.0f} ms (median).")


def startup_ms(runs: int = 5) -> float:
    """What turning the interviewer on costs at the start of a drill, in a fresh process:
    `import llm` and a model lookup (llm's own OpenAI models; nothing is sent)."""
    import subprocess

    code = (
        "import time; t = time.perf_counter(); import llm; llm.get_model('gpt-4o-mini'); "
        "print(time.perf_counter() - t)"
    )
    samples = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True, env=os.environ).stdout)
        for _ in range(runs)
    ]  # fmt: skip
    return statistics.median(samples) * 1000


def _mean(values: list[float] | list[int]) -> float:
    return statistics.fmean(values) if values else 0.0


def report(tallies: dict[str, Tally], extra: dict[str, Tally]) -> None:
    print("Per card (the grade and the verdict on one follow-up answer), test model nora-test")
    head = f"{'kind':<16}{'cards':>6}{'chars sent':>12}{'tokens sent':>13}{'max sent':>10}"
    head += f"{'tokens recv':>13}{'nora ms':>9}{'llm ms':>8}"
    print(head)
    for kind, t in tallies.items():
        print(
            f"{kind:<16}{len(t.tokens_in):>6}{_mean(t.chars_in):>12.0f}{_mean(t.tokens_in):>13.0f}"
            f"{max(t.tokens_in):>10}{_mean(t.tokens_out):>13.0f}"
            f"{statistics.median(t.nora_ms):>9.2f}{statistics.median(t.llm_ms):>8.2f}"
        )
    every = [x for t in tallies.values() for x in t.tokens_in]
    print(f"All cards: {_mean(every):.0f} tokens sent per card on average, {max(every)} at most.")
    print("nora ms / llm ms: median overhead per call outside the model's execute(): nora's own")
    print("work (prompt, JSON checks) and llm's (Response, the timeout thread).")
    print()
    for name, t in extra.items():
        if t.tokens_in:
            nora, machinery = statistics.median(t.nora_ms), statistics.median(t.llm_ms)
            print(
                f"{name:<10} {len(t.tokens_in)} calls: {_mean(t.tokens_in):.0f} tokens sent, "
                f"{_mean(t.tokens_out):.0f} received, overhead nora {nora:.2f} ms + llm "
                f"{machinery:.2f} ms"
            )


if __name__ == "__main__":
    main()
