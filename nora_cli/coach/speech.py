"""How an answer is told: fillers, STAR story parts and system-design steps, found by cue
words. Pure: standard library only.

Fillers. "um", "uh", "erm", "hmm", "basically", "actually" and "literally" always count. "like"
counts only when set off by punctuation (", like," or "Like," opening a sentence) or after "and",
"but", "so" or another filler; never after "would", "I", "looks", "seems", "something"... so "I'd
like", "looks like" and "features like age" are not fillers. "I mean" counts at the start of a
clause, not in "which case I mean". "you know" does not count in a question or before an object
("do you know", "you know how"); "kind of" and "sort of" do not count after a determiner ("what
kind of model").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from nora_cli.coach.lexicon import wordset
from nora_cli.coach.words import normalise
from nora_cli.core.design import STEP_KEYS, STEPS

# --- fillers ---------------------------------------------------------------------------------

ALWAYS_FILLERS = frozenset({"basically", "actually", "literally"})
SOUND_FILLERS = (
    (re.compile(r"^u+m+$"), "um"),
    (re.compile(r"^u+h+$"), "uh"),
    (re.compile(r"^e+r+m+$"), "erm"),
    (re.compile(r"^h+m+$"), "hmm"),
)
PUNCTUATION = frozenset(".,!?;:")
CLAUSE_START = PUNCTUATION | {"and", "but", "so", "um", "uh", "like"}
LIKE_NOT_FILLER_AFTER = wordset(
    """would i'd you'd we'd they'd he'd she'd i you we they don't didn't doesn't look looks
    looked looking seem seems seemed feel feels felt sound sounds sounded something anything
    nothing everything more much exactly just really also to might may not"""
)
YOU_KNOW_QUESTION = wordset(
    """do did don't didn't if would will when unless once whether might may could should can
    as"""
)
YOU_KNOW_OBJECT = wordset(
    """what how that whether the which where when why who it this a an them him her about
    exactly"""
)
DETERMINERS = wordset(
    """a the what which this that these those any some one each every same other another
    different new no all many several my our your his her their its"""
)


def _like_is_filler(before: str, after: str) -> bool:
    if before in LIKE_NOT_FILLER_AFTER:
        return False
    if before in PUNCTUATION:
        return after in PUNCTUATION and before != ":"
    return before in CLAUSE_START


def _filler_at(words: list[str], i: int) -> tuple[str, int] | None:
    """The filler starting at words[i] and how many words it spans, or None."""
    word = words[i]
    before = words[i - 1] if i > 0 else "."
    after = words[i + 1] if i + 1 < len(words) else "."
    third = words[i + 2] if i + 2 < len(words) else "."
    if word in ALWAYS_FILLERS:
        return word, 1
    for pattern, name in SOUND_FILLERS:
        if pattern.match(word):
            return name, 1
    if word == "like" and _like_is_filler(before, after):
        return "like", 1
    if word == "i" and after == "mean" and before in CLAUSE_START:
        return "i mean", 2
    you_know = word == "you" and after == "know"
    if you_know and before not in YOU_KNOW_QUESTION and third not in YOU_KNOW_OBJECT:
        return "you know", 2
    if word in ("kind", "sort") and after == "of" and before not in DETERMINERS:
        return f"{word} of", 2
    return None


def count_fillers(answer: str) -> dict[str, int]:
    """Filler -> count, most frequent first (see the module docstring for the rules)."""
    words = re.findall(r"[a-z0-9]+(?:'[a-z]+)?|[.,!?;:]", normalise(answer))
    counts: Counter[str] = Counter()
    i = 0
    while i < len(words):
        found = _filler_at(words, i)
        if found:
            counts[found[0]] += 1
        i += found[1] if found else 1
    return dict(counts.most_common())


# --- STAR stories ----------------------------------------------------------------------------


def _cue(*patterns: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(patterns) + r")\b")


PLACES = (
    r"(?:company|job|role|team|startup|employer|position|project|marketplace|app|platform"
    r"|product|bank|retailer|service)"
)
IRREGULAR_PAST = (
    r"built|wrote|rewrote|ran|reran|dug|led|set|made|took|found|met|spent|drew|gave|sent|brought"
    r"|chose|put|began|told|held|kept|got|broke|split|cut|shipped|sat|went|caught|rolled|rebuilt"
)
STAR_CUES = {
    "situation": _cue(
        r"situation|context|background",
        rf"(?:at|in|on|for) (?:my|our|a|an|the) (?:[\w-]+ ){{0,2}}{PLACES}",
        rf"(?:my|our) (?:[\w-]+ ){{0,2}}(?:{PLACES}|model|system|pipeline|manager|leadership)",
        r"when i was|while i was|i was (?:working|testing|building|on|at)|i worked",
        r"we (?:had|were|noticed|saw|ran|launched|used|built)|leadership asked",
        r"(?:years?|months?|weeks?) ago|last (?:year|quarter|month)",
    ),
    "task": _cue(
        r"task|goal|objective|responsib\w*|in charge|tasked|my job|my role|owner|volunteered",
        r"i (?:\w+ )?owned|i own|i was (?:asked|the [\w-]+|one of|leading|on point)",
        r"i needed to|i had to|i took on|i wanted to|asked (?:me|to)",
        r"was to (?:\w+ )?(?:prove|build|ship|fix|find|reduce|improve|decide|make)",
    ),
    "action": _cue(
        r"i (?:first |then |also |personally |quickly )?(?:(?!need|want|own|learn|us)\w+ed|"
        + IRREGULAR_PAST
        + r")",
        r"my (?:first )?(?:action|step)",
    ),
    "result": _cue(
        r"results?|resulted|outcome|impact|in the end|ended up|led to|as a result|afterwards",
        r"over the next|by the end|after (?:the|that|launch|two|three|six)|within",
        r"(?:cut|reduced|improved|raised|increased|saved|lowered|dropped|grew|boosted|decreased"
        r"|halved|doubled|freed|won|fell|rose|recovered|shrank|caught|stayed|showed|delivered)",
        r"increase|decrease|fewer|more|better|faster|cheaper|went (?:up|down|from)|lift(?:ed)?",
    ),
}
FIGURE = re.compile(
    r"\d|[$\u20ac\u00a3]|\b(?:percent|per cent|half|halved|twice|doubled|tripled"
    r"|(?:two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|forty|fifty"
    r"|hundred|thousand|million|billion)(?: \w+)? (?:percent|times|x|hours?|days?|weeks?"
    r"|months?|quarters?|years?|minutes?|seconds?|dollars?|points?|users?|people|engineers?))\b"
)


@dataclass(frozen=True)
class StarCheck:
    """Which parts of a STAR story the answer tells, found by cue words.

    measurable: a number, percentage, money or time figure in a sentence that reports a result.
    """

    situation: bool
    task: bool
    action: bool
    result: bool
    measurable: bool

    @property
    def complete(self) -> bool:
        return self.situation and self.task and self.action and self.result and self.measurable


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+|\n+", normalise(text)) if s.strip()]


# A result stated as a change: "cut latency from 70 ms to 35 ms", "retention up 1.5%".
CHANGE = _cue(
    r"(?:cut|reduced|improved|raised|increased|saved|lowered|dropped|grew|boosted|decreased"
    r"|halved|doubled|tripled|fell|rose|recovered|shrank|lifted|caught|went (?:up|down))",
    r"(?:up|down) (?:by )?(?:about |roughly |nearly |almost |over )?\d",
    r"from (?:about |roughly )?\S*\d\S*(?: [a-z%]+)? to",
)
UNMEASURED = _cue(r"never measured|not measured|no idea|didn't measure|did not measure")


def measured_change(answer: str) -> bool:
    """Whether a sentence of the answer reports a change with a figure ("churn fell 4 points"),
    and none says the outcome went unmeasured."""
    sentences = _sentences(answer)
    if any(UNMEASURED.search(sentence) for sentence in sentences):
        return False
    return any(CHANGE.search(s) and FIGURE.search(s) for s in sentences)


def star_check(answer: str) -> StarCheck:
    """The STAR parts the answer tells; measurable when a result sentence carries a figure."""
    sentences = _sentences(answer)
    text = " ".join(sentences)
    results = [sentence for sentence in sentences if STAR_CUES["result"].search(sentence)]
    return StarCheck(
        situation=bool(STAR_CUES["situation"].search(text)),
        task=bool(STAR_CUES["task"].search(text)),
        action=bool(STAR_CUES["action"].search(text)),
        result=bool(results),
        measurable=any(FIGURE.search(sentence) for sentence in results),
    )


# --- design steps ----------------------------------------------------------------------------

DESIGN_CUES = {step.key: _cue(step.cues) for step in STEPS}


def design_steps(answer: str) -> tuple[tuple[str, bool], ...]:
    """Each of the eight design steps and whether the answer uses one of its cue words."""
    text = normalise(answer)
    return tuple((step, bool(DESIGN_CUES[step].search(text))) for step in STEP_KEYS)
